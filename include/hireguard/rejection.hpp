// Why an event was rejected: the kind, the rule, and a sentence.
#ifndef HIREGUARD_REJECTION_HPP
#define HIREGUARD_REJECTION_HPP

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace hireguard {

/// The three ways an event can be turned down.
enum class rejection_kind : std::uint8_t {
    illegal_transition,  ///< the table has no row for this state and event
    rule_violated,       ///< a row exists, but a rule on the data says no
    invalid_input,       ///< the event itself is malformed (time going backwards, zero duration, ...)
};

/// Stable identifiers of the rules. `none` is used for illegal transitions.
enum class rule_id : std::uint8_t {
    none,
    // invalid input
    event_time_known,
    timestamps_monotonic,
    work_duration_positive,
    amount_positive,
    value_in_range,
    start_date_has_come,
    offer_lifetime_ended,
    // rules on the data
    offer_terms_valid,
    offer_not_expired,
    start_date_not_after_acceptance,
    start_date_after_acceptance,
    milestone_funded,
    fixed_price_contract,
    one_funded_milestone,
    milestone_minimum,
    milestone_submitted,
    feedback_window_open,
    feedback_once_per_party,
    hires_within_openings,
    // rules of a job (hireguard::job)
    job_open,
    whole_job_event,
    custom,
};

/// The rule's stable name, e.g. "offer_not_expired".
[[nodiscard]] constexpr std::string_view to_string(rule_id r) noexcept {
    switch (r) {
        case rule_id::none:
            return "none";
        case rule_id::event_time_known:
            return "event_time_known";
        case rule_id::timestamps_monotonic:
            return "timestamps_monotonic";
        case rule_id::work_duration_positive:
            return "work_duration_positive";
        case rule_id::amount_positive:
            return "amount_positive";
        case rule_id::value_in_range:
            return "value_in_range";
        case rule_id::start_date_has_come:
            return "start_date_has_come";
        case rule_id::offer_lifetime_ended:
            return "offer_lifetime_ended";
        case rule_id::offer_terms_valid:
            return "offer_terms_valid";
        case rule_id::offer_not_expired:
            return "offer_not_expired";
        case rule_id::start_date_not_after_acceptance:
            return "start_date_not_after_acceptance";
        case rule_id::start_date_after_acceptance:
            return "start_date_after_acceptance";
        case rule_id::milestone_funded:
            return "milestone_funded";
        case rule_id::fixed_price_contract:
            return "fixed_price_contract";
        case rule_id::one_funded_milestone:
            return "one_funded_milestone";
        case rule_id::milestone_minimum:
            return "milestone_minimum";
        case rule_id::milestone_submitted:
            return "milestone_submitted";
        case rule_id::feedback_window_open:
            return "feedback_window_open";
        case rule_id::feedback_once_per_party:
            return "feedback_once_per_party";
        case rule_id::hires_within_openings:
            return "hires_within_openings";
        case rule_id::job_open:
            return "job_open";
        case rule_id::whole_job_event:
            return "whole_job_event";
        case rule_id::custom:
            return "custom";
    }
    return "unknown";
}

/// "illegal transition", "rule violated" or "invalid input".
[[nodiscard]] constexpr std::string_view to_string(rejection_kind k) noexcept {
    switch (k) {
        case rejection_kind::illegal_transition:
            return "illegal transition";
        case rejection_kind::rule_violated:
            return "rule violated";
        case rejection_kind::invalid_input:
            return "invalid input";
    }
    return "unknown";
}

/// Whether breaking this rule means the event was malformed rather than refused.
[[nodiscard]] constexpr rejection_kind kind_of(rule_id r) noexcept {
    switch (r) {
        case rule_id::none:
            return rejection_kind::illegal_transition;
        case rule_id::event_time_known:
        case rule_id::timestamps_monotonic:
        case rule_id::work_duration_positive:
        case rule_id::amount_positive:
        case rule_id::value_in_range:
        case rule_id::start_date_has_come:
        case rule_id::offer_lifetime_ended:
        case rule_id::whole_job_event:
            return rejection_kind::invalid_input;
        default:
            return rejection_kind::rule_violated;
    }
}

/// What a rule reports when it says no: its id and one sentence with the figures.
struct violation {
    rule_id rule = rule_id::custom;
    std::string reason;
    /// Name of a user-defined rule (when `rule == rule_id::custom`).
    std::string_view custom_name{};

    [[nodiscard]] std::string_view rule_name() const noexcept {
        return rule == rule_id::custom ? custom_name : to_string(rule);
    }
};

/// A rejected event: what kind of rejection, which rule, in which state, for
/// which event, and why.
struct rejection {
    rejection_kind kind = rejection_kind::illegal_transition;
    rule_id rule = rule_id::none;
    std::string_view rule_name = "none";
    std::string_view state;
    std::string_view event;
    /// The rule's sentence, with its figures (empty for illegal transitions).
    std::string reason;
    /// For illegal transitions: the workflow's fixed explanation, if any.
    /// Kept as a view of static text so that rejecting costs no allocation.
    std::string_view explanation;

    /// Why, in words: the rule's sentence or the illegal pair's explanation.
    [[nodiscard]] std::string_view why() const noexcept { return reason.empty() ? explanation : reason; }

    /// One sentence: "log_work rejected in interviewing: illegal transition: work before hire"
    /// or "accept_offer rejected in offered: offer_not_expired: the offer was sent ...".
    [[nodiscard]] std::string message() const {
        std::string out;
        std::string_view const because = why();
        out.reserve(event.size() + state.size() + because.size() + 48);
        out.append(event).append(" rejected in ").append(state).append(": ");
        if (kind == rejection_kind::illegal_transition) {
            out.append("illegal transition");
        } else {
            out.append(rule_name);
        }
        if (!because.empty()) out.append(": ").append(because);
        return out;
    }

    [[nodiscard]] static rejection from(violation v, std::string_view state, std::string_view event) {
        return rejection{kind_of(v.rule), v.rule, v.rule_name(), state, event, std::move(v.reason), {}};
    }
};

/// Thrown by the typed API when an event on a row without a guard is malformed
/// (its timestamp goes backwards). The candidacy is left as it was.
class invalid_event : public std::invalid_argument {
public:
    explicit invalid_event(rejection r) : std::invalid_argument(r.message()), rejection_(std::move(r)) {}
    /// The rejection that the exception reports.
    [[nodiscard]] hireguard::rejection const& why() const noexcept { return rejection_; }

private:
    hireguard::rejection rejection_;
};

}  // namespace hireguard

#endif
