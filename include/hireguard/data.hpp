// The data a candidacy carries besides its state.
#ifndef HIREGUARD_DATA_HPP
#define HIREGUARD_DATA_HPP

#include <chrono>
#include <cstdint>
#include <optional>

#include <hireguard/values.hpp>

namespace hireguard {

/// Where the current milestone of a fixed-price contract stands.
enum class milestone_status : std::uint8_t {
    none,       ///< no funded, unpaid milestone
    funded,     ///< money is in escrow; work may be done against it
    submitted,  ///< the freelancer submitted the work; the client may approve it
};

/// Everything a candidacy knows besides its state. Rules read it; actions of
/// accepted transitions write it; a rejected event leaves it untouched.
struct candidacy_data {
    job_id job;
    freelancer_id freelancer;
    /// Time of the latest accepted event that carried a timestamp.
    std::optional<timestamp> last_event_at{};
    /// The pending offer's terms; once accepted, the contract's terms.
    std::optional<offer_terms> terms{};
    /// When the pending (or accepted) offer was sent or last modified.
    std::optional<timestamp> offer_sent_at{};
    /// When the offer was accepted: the hire.
    std::optional<timestamp> hired_at{};
    /// When the contract began (the acceptance, or the start date reached).
    std::optional<timestamp> started_at{};
    /// When the contract ended.
    std::optional<timestamp> ended_at{};
    /// Sum of the accepted `log_work` durations.
    std::chrono::minutes minutes_logged{0};
    milestone_status milestone = milestone_status::none;
    /// Amount in escrow for the current milestone (zero when none).
    money milestone_amount{};
    /// Sum of the approved milestones' amounts.
    money paid{};
    std::uint32_t milestones_paid = 0;
    bool client_left_feedback = false;
    bool freelancer_left_feedback = false;

    friend bool operator==(candidacy_data const&, candidacy_data const&) = default;
};

/// Data-dependent settings of the rules, with docs/domain.md's defaults.
///
///     hireguard::policy strict{.offer_lifetime = std::chrono::days{7}};
struct policy {
    /// Offers expire this long after they were sent (an older policy said 7 days).
    std::chrono::seconds offer_lifetime = std::chrono::days{30};
    /// Feedback may be left this long after the end of a contract.
    std::chrono::seconds feedback_window = std::chrono::days{14};
    /// Smallest fixed-price milestone, also the smallest first milestone of an offer.
    money minimum_milestone = dollars(5);
    /// Whether a job's hires are capped by its number of openings.
    bool cap_hires_at_openings = true;

    friend bool operator==(policy const&, policy const&) = default;
};

}  // namespace hireguard

#endif
