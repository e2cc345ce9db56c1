// The data a candidacy carries besides its state.
#ifndef HIREGUARD_HIRING_DATA_HPP
#define HIREGUARD_HIRING_DATA_HPP

#include <chrono>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>

#include <hireguard/hiring/values.hpp>

namespace hireguard {

/// Where the current milestone of a fixed-price contract stands.
enum class milestone_status : std::uint8_t {
    none,       ///< no funded, unpaid milestone
    funded,     ///< money is in escrow; work may be done against it
    submitted,  ///< the freelancer submitted the work; the client may approve it
};
BOOST_DESCRIBE_ENUM(milestone_status, none, funded, submitted)

/// The name of a milestone status: "none", "funded" or "submitted".
///
///     static_assert(hireguard::to_string(hireguard::milestone_status::funded) == "funded");
[[nodiscard]] constexpr std::string_view to_string(milestone_status s) noexcept {
    return detail::enum_name(s);
}

/// Everything a candidacy knows besides its state. Rules read it; actions of
/// accepted transitions write it; a rejected event leaves it untouched.
/// Described with Boost.Describe, so that snapshots write every field: a
/// field added here is added to the description below, and the codecs follow.
/// A host's data derives from it and describes its own fields the same way:
///
///     struct screened_data : hireguard::candidacy_data { std::uint64_t report_id = 0; ... };
///     BOOST_DESCRIBE_STRUCT(screened_data, (hireguard::candidacy_data), (report_id))
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
BOOST_DESCRIBE_STRUCT(candidacy_data, (),
                      (job, freelancer, last_event_at, terms, offer_sent_at, hired_at, started_at, ended_at,
                       minutes_logged, milestone, milestone_amount, paid, milestones_paid, client_left_feedback,
                       freelancer_left_feedback))

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

/// The longest offer lifetime or feedback window a policy may set: 100 years.
/// The bound keeps every date a rule computes (an expiry, the end of a
/// feedback window) far from the limits of `timestamp`.
inline constexpr std::chrono::seconds longest_policy_duration = std::chrono::days{36525};
/// The largest minimum milestone a policy may set: $1,000,000.
inline constexpr money largest_minimum_milestone = dollars(1'000'000);

namespace detail {
inline constexpr bool policy_duration_ok(std::chrono::seconds d) noexcept {
    return d > std::chrono::seconds{0} && d <= longest_policy_duration;
}
inline constexpr bool minimum_milestone_ok(money m) noexcept {
    return m > money{} && m <= largest_minimum_milestone;
}
}  // namespace detail

namespace detail {
// What is wrong with a policy known to be wrong: out of line, so that
// checking a valid policy (every machine's construction) stays a few
// comparisons with nothing to set up.
[[gnu::noinline, gnu::cold]] inline std::string policy_fault(policy const& p) {
    auto duration = [](char const* field, std::chrono::seconds d) -> std::optional<std::string> {
        if (policy_duration_ok(d)) return std::nullopt;
        if (d <= std::chrono::seconds{0}) return std::string(field) + ": must be positive";
        return std::string(field) + ": must be at most 100 years (36525 days)";
    };
    if (auto e = duration("offer_lifetime", p.offer_lifetime)) return *e;
    if (auto e = duration("feedback_window", p.feedback_window)) return *e;
    if (p.minimum_milestone <= money{}) return "minimum_milestone: must be positive";
    return "minimum_milestone: must be at most $1000000.00";
}
}  // namespace detail

/// The first thing wrong with a policy, as "field: reason", or nothing.
///
///     assert(!hireguard::policy_problem({}));
///     assert(hireguard::policy_problem({.offer_lifetime = std::chrono::seconds{0}}));
[[nodiscard]] constexpr std::optional<std::string> policy_problem(policy const& p) {
    if (detail::policy_duration_ok(p.offer_lifetime) && detail::policy_duration_ok(p.feedback_window) &&
        detail::minimum_milestone_ok(p.minimum_milestone)) [[likely]]
        return std::nullopt;
    return detail::policy_fault(p);
}

/// Throws `std::invalid_argument` naming the field when `policy_problem(p)`
/// finds something wrong; returns `p` otherwise.
///
///     hireguard::job j{hireguard::job_id{3}, 2, hireguard::validated(my_policy)};
constexpr policy const& validated(policy const& p) {
    // The common case, a valid policy, costs a few comparisons and no string.
    if (detail::policy_duration_ok(p.offer_lifetime) && detail::policy_duration_ok(p.feedback_window) &&
        detail::minimum_milestone_ok(p.minimum_milestone)) [[likely]]
        return p;
    throw std::invalid_argument("hireguard: invalid policy: " + policy_problem(p).value_or("unknown"));
}

}  // namespace hireguard

#endif
