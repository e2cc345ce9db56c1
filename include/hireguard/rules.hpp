// The runtime guards of docs/domain.md as named rules, their combinators, and the
// actions that accepted transitions apply to a candidacy's data.
//
// A rule is a class with a fast `holds` test and an `explain` that writes the
// sentence only when a rejection is reported (or simply a `check` returning
// `std::optional<violation>`). Deriving from `rule<Derived>` also makes it a
// Boost.MSM guard functor, so the same type appears in the transition table
// and is run by every executor.
#ifndef HIREGUARD_RULES_HPP
#define HIREGUARD_RULES_HPP

#include <chrono>
#include <concepts>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include <hireguard/data.hpp>
#include <hireguard/rejection.hpp>
#include <hireguard/values.hpp>

namespace hireguard {

/// The time an event happened: its own timestamp, or else the candidacy's
/// latest known time; empty when neither is known.
template <class Event>
[[nodiscard]] constexpr std::optional<timestamp> event_time(candidacy_data const& d, Event const& e) noexcept {
    return e.at ? e.at : d.last_event_at;
}

namespace detail {
template <class Rule, class Event>
concept has_holds = requires(candidacy_data const& d, policy const& p, Event const& e) {
    { Rule::holds(d, p, e) } -> std::convertible_to<bool>;
};
}  // namespace detail

/// Whether `Rule` holds for this event. A rule may define a fast
/// `static bool holds(data, policy, event)` and a `static violation explain(...)`
/// called only when it does not hold; or just
/// `static std::optional<violation> check(data, policy, event)`.
template <class Rule, class Event>
[[nodiscard]] bool rule_holds(candidacy_data const& d, policy const& p, Event const& e) {
    if constexpr (detail::has_holds<Rule, Event>) {
        return Rule::holds(d, p, e);
    } else {
        return !Rule::check(d, p, e);
    }
}

/// Why `Rule` does not hold; call only when `rule_holds` is false.
template <class Rule, class Event>
[[nodiscard]] violation rule_explain(candidacy_data const& d, policy const& p, Event const& e) {
    if constexpr (detail::has_holds<Rule, Event>) {
        return Rule::explain(d, p, e);
    } else {
        auto v = Rule::check(d, p, e);
        return v ? std::move(*v) : violation{rule_id::custom, "the rule held when checked again", {}};
    }
}

/// `std::nullopt` when `Rule` holds, its violation otherwise.
template <class Rule, class Event>
[[nodiscard]] std::optional<violation> check_rule(candidacy_data const& d, policy const& p, Event const& e) {
    if (rule_holds<Rule>(d, p, e)) return std::nullopt;
    return rule_explain<Rule>(d, p, e);
}

/// Base of every rule: makes `Derived` usable as a Boost.MSM guard. The
/// back-end passes itself as `fsm`; hireguard's MSM front-end records which
/// rule failed so that the engine can explain the rejection.
template <class Derived>
struct rule {
    template <class Event, class Fsm, class Source, class Target>
    bool operator()(Event const& e, Fsm& fsm, Source& /*unused*/, Target& /*unused*/) const {
        return fsm.template hireguard_admit<Derived>(e);
    }
};

/// Base of every action: makes `Derived` usable as a Boost.MSM action functor.
template <class Derived>
struct action {
    template <class Event, class Fsm, class Source, class Target>
    void operator()(Event const& e, Fsm& fsm, Source& /*unused*/, Target& /*unused*/) const {
        Derived::apply(fsm.hireguard_data(), e);
    }
};

/// A guard that holds when every rule holds; explains the first that does not.
///
///     using feedback_allowed = hireguard::all_of<rules::feedback_window_open, rules::feedback_once_per_party>;
template <class... Rules>
struct all_of : rule<all_of<Rules...>> {
    template <class Event>
    [[nodiscard]] static bool holds(candidacy_data const& d, policy const& p, Event const& e) {
        return (rule_holds<Rules>(d, p, e) && ...);
    }
    template <class Event>
    [[nodiscard]] static violation explain(candidacy_data const& d, policy const& p, Event const& e) {
        std::optional<violation> out;
        (void)((rule_holds<Rules>(d, p, e) || (out = rule_explain<Rules>(d, p, e), false)) && ...);
        return out ? std::move(*out) : violation{rule_id::custom, "every rule held when checked again", {}};
    }
};

/// A guard that holds when at least one rule holds; explains the last one
/// when none does.
template <class... Rules>
struct any_of : rule<any_of<Rules...>> {
    template <class Event>
    [[nodiscard]] static bool holds(candidacy_data const& d, policy const& p, Event const& e) {
        return (rule_holds<Rules>(d, p, e) || ...);
    }
    template <class Event>
    [[nodiscard]] static violation explain(candidacy_data const& d, policy const& p, Event const& e) {
        std::optional<violation> out;
        ((out = rule_explain<Rules>(d, p, e)), ...);
        return std::move(*out);
    }
};

/// A guard that holds when `Rule` does not.
template <class Rule>
struct not_ : rule<not_<Rule>> {
    static constexpr std::string_view name = "not";
    template <class Event>
    [[nodiscard]] static bool holds(candidacy_data const& d, policy const& p, Event const& e) {
        return !rule_holds<Rule>(d, p, e);
    }
    template <class Event>
    [[nodiscard]] static violation explain(candidacy_data const& /*d*/, policy const& /*p*/, Event const& /*e*/) {
        return violation{rule_id::custom, std::string(Rule::name) + " holds, and must not", name};
    }
};

/// The rules of docs/domain.md. Each has a stable `id`, a `name`, a `holds` test
/// that allocates nothing, and an `explain` that writes the sentence.
namespace rules {

namespace detail {
template <class Event>
[[nodiscard]] violation missing_time(std::string_view why) {
    return violation{rule_id::event_time_known, std::string(Event::name) + " needs a timestamp: " + std::string(why)};
}
}  // namespace detail

/// Offer terms: an hourly rate above zero, or a fixed price whose first
/// milestone is at least the policy's minimum. The event must be dated, since
/// the offer's lifetime counts from it.
struct offer_terms_valid : rule<offer_terms_valid> {
    static constexpr rule_id id = rule_id::offer_terms_valid;
    static constexpr std::string_view name = "offer_terms_valid";
    template <class Event>
    [[nodiscard]] static bool holds(candidacy_data const& d, policy const& p, Event const& e) noexcept {
        offer_terms const& t = e.terms;
        bool const terms_ok =
            t.kind == contract_kind::hourly ? t.hourly_rate > money{} : t.first_milestone >= p.minimum_milestone;
        return terms_ok && event_time(d, e).has_value();
    }
    template <class Event>
    [[nodiscard]] static violation explain(candidacy_data const& d, policy const& p, Event const& e) {
        if (!event_time(d, e)) return detail::missing_time<Event>("the offer's lifetime counts from it");
        offer_terms const& t = e.terms;
        if (t.kind == contract_kind::hourly && t.hourly_rate <= money{})
            return violation{id, "an hourly offer needs a rate above $0.00, got " + to_string(t.hourly_rate)};
        if (t.kind == contract_kind::fixed_price && t.first_milestone < p.minimum_milestone)
            return violation{id, "the first milestone of a fixed-price offer is " + to_string(t.first_milestone) +
                                     ", below the " + to_string(p.minimum_milestone) + " minimum"};
        return violation{id, "the offer terms are valid when checked again"};
    }
};

/// The offer is answered before its lifetime runs out: an offer sent at `s`
/// can be accepted up to and including the second before `s + offer_lifetime`.
struct offer_not_expired : rule<offer_not_expired> {
    static constexpr rule_id id = rule_id::offer_not_expired;
    static constexpr std::string_view name = "offer_not_expired";
    template <class Event>
    [[nodiscard]] static bool holds(candidacy_data const& d, policy const& p, Event const& e) noexcept {
        auto const now = event_time(d, e);
        return now && d.offer_sent_at && *now < *d.offer_sent_at + p.offer_lifetime;
    }
    template <class Event>
    [[nodiscard]] static violation explain(candidacy_data const& d, policy const& p, Event const& e) {
        if (!event_time(d, e)) return detail::missing_time<Event>("offer expiry is checked against it");
        if (!d.offer_sent_at) return violation{id, "there is no dated offer to accept"};
        timestamp const expiry = *d.offer_sent_at + p.offer_lifetime;
        auto const days = std::chrono::duration_cast<std::chrono::days>(p.offer_lifetime).count();
        return violation{id, "the offer was sent " + to_date_string(*d.offer_sent_at) + " and expired after " +
                                 std::to_string(days) + " days, on " + to_date_string(expiry)};
    }
};

/// Routes an acceptance to `contract_active`: the start date is not later than
/// the acceptance (or there is none).
struct start_date_not_after_acceptance : rule<start_date_not_after_acceptance> {
    static constexpr rule_id id = rule_id::start_date_not_after_acceptance;
    static constexpr std::string_view name = "start_date_not_after_acceptance";
    template <class Event>
    [[nodiscard]] static bool holds(candidacy_data const& d, policy const& /*p*/, Event const& e) noexcept {
        auto const now = event_time(d, e);
        return now && (!d.terms || !d.terms->start_date || *d.terms->start_date <= *now);
    }
    template <class Event>
    [[nodiscard]] static violation explain(candidacy_data const& d, policy const& /*p*/, Event const& e) {
        if (!event_time(d, e)) return detail::missing_time<Event>("the start date is compared with it");
        return violation{id, "the start date " + to_string(*d.terms->start_date) + " is after the acceptance"};
    }
};

/// Routes an acceptance to `contract_pending`: the start date is later than
/// the acceptance.
struct start_date_after_acceptance : rule<start_date_after_acceptance> {
    static constexpr rule_id id = rule_id::start_date_after_acceptance;
    static constexpr std::string_view name = "start_date_after_acceptance";
    template <class Event>
    [[nodiscard]] static bool holds(candidacy_data const& d, policy const& /*p*/, Event const& e) noexcept {
        auto const now = event_time(d, e);
        return now && d.terms && d.terms->start_date && *d.terms->start_date > *now;
    }
    template <class Event>
    [[nodiscard]] static violation explain(candidacy_data const& d, policy const& /*p*/, Event const& e) {
        if (!event_time(d, e)) return detail::missing_time<Event>("the start date is compared with it");
        return violation{id, "the contract has no start date after the acceptance"};
    }
};

/// Logged work has a positive duration, and the total stays representable.
struct work_duration_positive : rule<work_duration_positive> {
    static constexpr rule_id id = rule_id::work_duration_positive;
    static constexpr std::string_view name = "work_duration_positive";
    template <class Event>
    [[nodiscard]] static bool holds(candidacy_data const& d, policy const& /*p*/, Event const& e) noexcept {
        return e.minutes > std::chrono::minutes::zero() &&
               d.minutes_logged.count() <= std::numeric_limits<std::chrono::minutes::rep>::max() - e.minutes.count();
    }
    template <class Event>
    [[nodiscard]] static violation explain(candidacy_data const& /*d*/, policy const& /*p*/, Event const& e) {
        if (e.minutes <= std::chrono::minutes::zero())
            return violation{id,
                             "work needs a positive duration, got " + std::to_string(e.minutes.count()) + " minutes"};
        return violation{rule_id::value_in_range, "the total of logged minutes would overflow"};
    }
};

/// A funded, unpaid milestone exists.
struct milestone_funded : rule<milestone_funded> {
    static constexpr rule_id id = rule_id::milestone_funded;
    static constexpr std::string_view name = "milestone_funded";
    template <class Event>
    [[nodiscard]] static bool holds(candidacy_data const& d, policy const& /*p*/, Event const& /*e*/) noexcept {
        return d.milestone != milestone_status::none;
    }
    template <class Event>
    [[nodiscard]] static violation explain(candidacy_data const& /*d*/, policy const& /*p*/, Event const& /*e*/) {
        return violation{id, "no milestone is funded"};
    }
};

/// Work on a fixed-price contract is done against a funded milestone; hourly
/// work needs none.
struct work_is_funded : rule<work_is_funded> {
    static constexpr rule_id id = rule_id::milestone_funded;
    static constexpr std::string_view name = "milestone_funded";
    template <class Event>
    [[nodiscard]] static bool holds(candidacy_data const& d, policy const& /*p*/, Event const& /*e*/) noexcept {
        return !d.terms || d.terms->kind == contract_kind::hourly || d.milestone != milestone_status::none;
    }
    template <class Event>
    [[nodiscard]] static violation explain(candidacy_data const& /*d*/, policy const& /*p*/, Event const& /*e*/) {
        return violation{id, "fixed-price work needs a funded milestone, and none is funded"};
    }
};

/// Milestones belong to fixed-price contracts.
struct fixed_price_contract : rule<fixed_price_contract> {
    static constexpr rule_id id = rule_id::fixed_price_contract;
    static constexpr std::string_view name = "fixed_price_contract";
    template <class Event>
    [[nodiscard]] static bool holds(candidacy_data const& d, policy const& /*p*/, Event const& /*e*/) noexcept {
        return d.terms && d.terms->kind == contract_kind::fixed_price;
    }
    template <class Event>
    [[nodiscard]] static violation explain(candidacy_data const& /*d*/, policy const& /*p*/, Event const& /*e*/) {
        return violation{id, "milestones belong to fixed-price contracts, and this one is hourly"};
    }
};

/// An amount of money in an event is above zero.
struct amount_positive : rule<amount_positive> {
    static constexpr rule_id id = rule_id::amount_positive;
    static constexpr std::string_view name = "amount_positive";
    template <class Event>
    [[nodiscard]] static bool holds(candidacy_data const& /*d*/, policy const& /*p*/, Event const& e) noexcept {
        return e.amount > money{};
    }
    template <class Event>
    [[nodiscard]] static violation explain(candidacy_data const& /*d*/, policy const& /*p*/, Event const& e) {
        return violation{id, "the amount must be above $0.00, got " + to_string(e.amount)};
    }
};

/// A milestone is at least the policy's minimum.
struct milestone_minimum : rule<milestone_minimum> {
    static constexpr rule_id id = rule_id::milestone_minimum;
    static constexpr std::string_view name = "milestone_minimum";
    template <class Event>
    [[nodiscard]] static bool holds(candidacy_data const& /*d*/, policy const& p, Event const& e) noexcept {
        return e.amount >= p.minimum_milestone;
    }
    template <class Event>
    [[nodiscard]] static violation explain(candidacy_data const& /*d*/, policy const& p, Event const& e) {
        return violation{id, "the milestone is " + to_string(e.amount) + ", below the " +
                                 to_string(p.minimum_milestone) + " minimum"};
    }
};

/// At most one funded, unpaid milestone at a time.
struct one_funded_milestone : rule<one_funded_milestone> {
    static constexpr rule_id id = rule_id::one_funded_milestone;
    static constexpr std::string_view name = "one_funded_milestone";
    template <class Event>
    [[nodiscard]] static bool holds(candidacy_data const& d, policy const& /*p*/, Event const& /*e*/) noexcept {
        return d.milestone == milestone_status::none;
    }
    template <class Event>
    [[nodiscard]] static violation explain(candidacy_data const& d, policy const& /*p*/, Event const& /*e*/) {
        return violation{id, "a milestone of " + to_string(d.milestone_amount) + " is already funded and not paid"};
    }
};

/// A submitted milestone exists, and paying it keeps the total representable.
struct milestone_submitted : rule<milestone_submitted> {
    static constexpr rule_id id = rule_id::milestone_submitted;
    static constexpr std::string_view name = "milestone_submitted";
    template <class Event>
    [[nodiscard]] static bool holds(candidacy_data const& d, policy const& /*p*/, Event const& /*e*/) noexcept {
        return d.milestone == milestone_status::submitted &&
               d.paid.cents() <= std::numeric_limits<std::int64_t>::max() - d.milestone_amount.cents();
    }
    template <class Event>
    [[nodiscard]] static violation explain(candidacy_data const& d, policy const& /*p*/, Event const& /*e*/) {
        if (d.milestone == milestone_status::submitted)
            return violation{rule_id::value_in_range, "the total paid would overflow"};
        return violation{id, d.milestone == milestone_status::funded ? "the funded milestone is not submitted yet"
                                                                     : "no milestone is submitted"};
    }
};

/// Feedback comes within the policy's window after the end of the contract:
/// up to and including the second before `ended_at + feedback_window`.
struct feedback_window_open : rule<feedback_window_open> {
    static constexpr rule_id id = rule_id::feedback_window_open;
    static constexpr std::string_view name = "feedback_window_open";
    template <class Event>
    [[nodiscard]] static bool holds(candidacy_data const& d, policy const& p, Event const& e) noexcept {
        auto const now = event_time(d, e);
        return now && d.ended_at && *now < *d.ended_at + p.feedback_window;
    }
    template <class Event>
    [[nodiscard]] static violation explain(candidacy_data const& d, policy const& p, Event const& e) {
        if (!event_time(d, e)) return detail::missing_time<Event>("the feedback window is checked against it");
        if (!d.ended_at) return violation{rule_id::event_time_known, "the contract's end time is unknown"};
        timestamp const closes = *d.ended_at + p.feedback_window;
        auto const days = std::chrono::duration_cast<std::chrono::days>(p.feedback_window).count();
        return violation{id, "the contract ended " + to_date_string(*d.ended_at) + "; the " + std::to_string(days) +
                                 "-day feedback window closed on " + to_date_string(closes)};
    }
};

/// Each party leaves feedback at most once.
struct feedback_once_per_party : rule<feedback_once_per_party> {
    static constexpr rule_id id = rule_id::feedback_once_per_party;
    static constexpr std::string_view name = "feedback_once_per_party";
    template <class Event>
    [[nodiscard]] static bool holds(candidacy_data const& d, policy const& /*p*/, Event const& e) noexcept {
        return !(e.by == party::client ? d.client_left_feedback : d.freelancer_left_feedback);
    }
    template <class Event>
    [[nodiscard]] static violation explain(candidacy_data const& /*d*/, policy const& /*p*/, Event const& e) {
        return violation{
            id, std::string(e.by == party::client ? "the client" : "the freelancer") + " has already left feedback"};
    }
};

}  // namespace rules

/// What accepted transitions do to a candidacy's data. Every action is
/// `noexcept`: once the guards pass, the transition completes.
namespace actions {

/// Records the offer's terms and when it was sent.
struct record_offer : action<record_offer> {
    template <class Event>
    static void apply(candidacy_data& d, Event const& e) noexcept {
        d.terms = e.terms;
        d.offer_sent_at = event_time(d, e);
    }
};

/// Forgets a withdrawn or expired offer.
struct clear_offer : action<clear_offer> {
    template <class Event>
    static void apply(candidacy_data& d, Event const& /*e*/) noexcept {
        d.terms.reset();
        d.offer_sent_at.reset();
    }
};

/// The hire: records the acceptance; the contract begins now unless its start
/// date is later. A fixed-price contract starts with its first milestone funded.
struct hire : action<hire> {
    template <class Event>
    static void apply(candidacy_data& d, Event const& e) noexcept {
        auto const now = event_time(d, e);
        d.hired_at = now;
        if (!(d.terms && d.terms->start_date && now && *d.terms->start_date > *now)) d.started_at = now;
        if (d.terms && d.terms->kind == contract_kind::fixed_price) {
            d.milestone = milestone_status::funded;
            d.milestone_amount = d.terms->first_milestone;
        }
    }
};

/// A pending contract begins.
struct begin_contract : action<begin_contract> {
    template <class Event>
    static void apply(candidacy_data& d, Event const& e) noexcept {
        d.started_at = event_time(d, e);
    }
};

/// Adds the logged minutes.
struct record_work : action<record_work> {
    template <class Event>
    static void apply(candidacy_data& d, Event const& e) noexcept {
        d.minutes_logged += e.minutes;
    }
};

/// Puts a milestone's amount in escrow.
struct fund : action<fund> {
    template <class Event>
    static void apply(candidacy_data& d, Event const& e) noexcept {
        d.milestone = milestone_status::funded;
        d.milestone_amount = e.amount;
    }
};

/// Marks the funded milestone's work as submitted.
struct submit_work : action<submit_work> {
    template <class Event>
    static void apply(candidacy_data& d, Event const& /*e*/) noexcept {
        d.milestone = milestone_status::submitted;
    }
};

/// Releases the submitted milestone's payment.
struct release_payment : action<release_payment> {
    template <class Event>
    static void apply(candidacy_data& d, Event const& /*e*/) noexcept {
        d.paid = d.paid + d.milestone_amount;
        ++d.milestones_paid;
        d.milestone = milestone_status::none;
        d.milestone_amount = money{};
    }
};

/// Records the end of the contract.
struct end : action<end> {
    template <class Event>
    static void apply(candidacy_data& d, Event const& e) noexcept {
        d.ended_at = event_time(d, e);
    }
};

/// Records which party left feedback.
struct record_feedback : action<record_feedback> {
    template <class Event>
    static void apply(candidacy_data& d, Event const& e) noexcept {
        (e.by == party::client ? d.client_left_feedback : d.freelancer_left_feedback) = true;
    }
};

}  // namespace actions
}  // namespace hireguard

#endif
