// The runtime guards of docs/domain.md as named rules, the hiring workflow's
// input rules, and the actions that accepted transitions apply to a
// candidacy's data.
//
// Every rule and action is a template over the data and the policy: it reads
// and writes the members of `candidacy_data` and `policy` it names, so a
// host's own data type that extends `candidacy_data` (and policy that extends
// `policy`) reuses them unchanged.
#ifndef HIREGUARD_HIRING_RULES_HPP
#define HIREGUARD_HIRING_RULES_HPP

#include <chrono>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include <hireguard/core/rejection.hpp>
#include <hireguard/core/rules.hpp>
#include <hireguard/hiring/data.hpp>
#include <hireguard/hiring/events.hpp>
#include <hireguard/hiring/values.hpp>

namespace hireguard {

/// The time an event happened: its own timestamp, or else the candidacy's
/// latest known time; empty when neither is known.
template <class D, class Event>
[[nodiscard]] constexpr std::optional<timestamp> event_time(D const& d, Event const& e) noexcept {
    return e.at ? e.at : d.last_event_at;
}

/// The ids of the hiring rules, each its name and kind, for comparing with a
/// rejection's `rule`: `v.error().rule == hireguard::rule_ids::offer_not_expired`.
namespace rule_ids {
/// The rule of an illegal transition.
inline constexpr rule_id none = no_rule;
// Invalid input: the event itself is malformed.
inline constexpr rule_id event_time_known{"event_time_known", rejection_kind::invalid_input};
inline constexpr rule_id timestamps_monotonic{"timestamps_monotonic", rejection_kind::invalid_input};
inline constexpr rule_id work_duration_positive{"work_duration_positive", rejection_kind::invalid_input};
inline constexpr rule_id amount_positive{"amount_positive", rejection_kind::invalid_input};
inline constexpr rule_id value_in_range{"value_in_range", rejection_kind::invalid_input};
inline constexpr rule_id start_date_has_come{"start_date_has_come", rejection_kind::invalid_input};
inline constexpr rule_id offer_lifetime_ended{"offer_lifetime_ended", rejection_kind::invalid_input};
inline constexpr rule_id whole_job_event{"whole_job_event", rejection_kind::invalid_input};
// Rules on the data.
inline constexpr rule_id offer_terms_valid{"offer_terms_valid"};
inline constexpr rule_id offer_not_expired{"offer_not_expired"};
inline constexpr rule_id start_date_not_after_acceptance{"start_date_not_after_acceptance"};
inline constexpr rule_id start_date_after_acceptance{"start_date_after_acceptance"};
inline constexpr rule_id milestone_funded{"milestone_funded"};
inline constexpr rule_id work_is_funded{"work_is_funded"};
inline constexpr rule_id fixed_price_contract{"fixed_price_contract"};
inline constexpr rule_id one_funded_milestone{"one_funded_milestone"};
inline constexpr rule_id milestone_minimum{"milestone_minimum"};
inline constexpr rule_id milestone_submitted{"milestone_submitted"};
inline constexpr rule_id feedback_window_open{"feedback_window_open"};
inline constexpr rule_id feedback_once_per_party{"feedback_once_per_party"};
// Rules of a job (hireguard::job).
inline constexpr rule_id hires_within_openings{"hires_within_openings"};
inline constexpr rule_id job_open{"job_open"};
}  // namespace rule_ids

namespace detail {
template <class Event>
[[nodiscard]] constexpr violation missing_time(std::string_view why) {
    return violation{rule_ids::event_time_known, concat(Event::name, " needs a timestamp: ", why)};
}
// Whether a + b is representable: restored or hand-built data may hold any
// value, and no rule may overflow computing its answer.
[[nodiscard]] constexpr bool sum_fits(std::int64_t a, std::int64_t b) noexcept {
    return b >= 0 ? a <= std::numeric_limits<std::int64_t>::max() - b
                  : a >= std::numeric_limits<std::int64_t>::min() - b;
}
template <class Event>
concept with_offer_terms = requires(Event const& e) {
    e.terms.start_date;
};
}  // namespace detail

/// The rules of docs/domain.md. Each has a stable `id` (its name and kind), a
/// `holds` test that allocates nothing, and an `explain` that writes the sentence.
namespace rules {

/// Offer terms: an hourly rate above zero, or a fixed price whose first
/// milestone is at least the policy's minimum. The event must be dated, since
/// the offer's lifetime counts from it.
struct offer_terms_valid : rule<offer_terms_valid> {
    static constexpr rule_id id = rule_ids::offer_terms_valid;
    template <class D, class P, class Event>
    [[nodiscard]] static constexpr bool holds(D const& d, P const& p, Event const& e) noexcept {
        offer_terms const& t = e.terms;
        bool const terms_ok =
            t.kind == contract_kind::hourly ? t.hourly_rate > money{} : t.first_milestone >= p.minimum_milestone;
        return terms_ok && event_time(d, e).has_value();
    }
    template <class D, class P, class Event>
    [[nodiscard]] static constexpr violation explain(D const& d, P const& p, Event const& e) {
        if (!event_time(d, e)) return hireguard::detail::missing_time<Event>("the offer's lifetime counts from it");
        offer_terms const& t = e.terms;
        if (t.kind == contract_kind::hourly && t.hourly_rate <= money{})
            return violation{
                id, concat("an hourly offer needs a rate above $0.00, got ", detail::money_text(t.hourly_rate))};
        if (t.kind == contract_kind::fixed_price && t.first_milestone < p.minimum_milestone)
            return violation{
                id, concat("the first milestone of a fixed-price offer is ", detail::money_text(t.first_milestone),
                           ", below the ", detail::money_text(p.minimum_milestone), " minimum")};
        return violation{id, "the offer terms are valid when checked again"};
    }
};

/// The offer is answered before its lifetime runs out: an offer sent at `s`
/// can be accepted up to and including the second before `s + offer_lifetime`.
struct offer_not_expired : rule<offer_not_expired> {
    static constexpr rule_id id = rule_ids::offer_not_expired;
    template <class D, class P, class Event>
    [[nodiscard]] static constexpr bool holds(D const& d, P const& p, Event const& e) noexcept {
        auto const now = event_time(d, e);
        return now && d.offer_sent_at && *now < *d.offer_sent_at + p.offer_lifetime;
    }
    template <class D, class P, class Event>
    [[nodiscard]] static constexpr violation explain(D const& d, P const& p, Event const& e) {
        if (!event_time(d, e)) return hireguard::detail::missing_time<Event>("offer expiry is checked against it");
        if (!d.offer_sent_at) return violation{id, "there is no dated offer to accept"};
        timestamp const expiry = *d.offer_sent_at + p.offer_lifetime;
        auto const days = std::chrono::duration_cast<std::chrono::days>(p.offer_lifetime).count();
        return violation{id, concat("the offer was sent ", detail::date_text(*d.offer_sent_at), " and expired after ",
                                    detail::decimal_text(days), " days, on ", detail::date_text(expiry))};
    }
};

/// Routes an acceptance to `contract_active`: the start date is not later than
/// the acceptance (or there is none).
struct start_date_not_after_acceptance : rule<start_date_not_after_acceptance> {
    static constexpr rule_id id = rule_ids::start_date_not_after_acceptance;
    template <class D, class P, class Event>
    [[nodiscard]] static constexpr bool holds(D const& d, P const& /*p*/, Event const& e) noexcept {
        auto const now = event_time(d, e);
        return now && (!d.terms || !d.terms->start_date || *d.terms->start_date <= *now);
    }
    template <class D, class P, class Event>
    [[nodiscard]] static constexpr violation explain(D const& d, P const& /*p*/, Event const& e) {
        if (!event_time(d, e)) return hireguard::detail::missing_time<Event>("the start date is compared with it");
        return violation{
            id, concat("the start date ", detail::time_text(*d.terms->start_date), " is after the acceptance")};
    }
};

/// Routes an acceptance to `contract_pending`: the start date is later than
/// the acceptance.
struct start_date_after_acceptance : rule<start_date_after_acceptance> {
    static constexpr rule_id id = rule_ids::start_date_after_acceptance;
    template <class D, class P, class Event>
    [[nodiscard]] static constexpr bool holds(D const& d, P const& /*p*/, Event const& e) noexcept {
        auto const now = event_time(d, e);
        return now && d.terms && d.terms->start_date && *d.terms->start_date > *now;
    }
    template <class D, class P, class Event>
    [[nodiscard]] static constexpr violation explain(D const& d, P const& /*p*/, Event const& e) {
        if (!event_time(d, e)) return hireguard::detail::missing_time<Event>("the start date is compared with it");
        return violation{id, "the contract has no start date after the acceptance"};
    }
};

/// Logged work has a positive duration, and the total stays representable.
struct work_duration_positive : rule<work_duration_positive> {
    static constexpr rule_id id = rule_ids::work_duration_positive;
    template <class D, class P, class Event>
    [[nodiscard]] static constexpr bool holds(D const& d, P const& /*p*/, Event const& e) noexcept {
        return e.minutes > std::chrono::minutes::zero() &&
               d.minutes_logged.count() <= std::numeric_limits<std::chrono::minutes::rep>::max() - e.minutes.count();
    }
    template <class D, class P, class Event>
    [[nodiscard]] static constexpr violation explain(D const& /*d*/, P const& /*p*/, Event const& e) {
        if (e.minutes <= std::chrono::minutes::zero())
            return violation{id, concat("work needs a positive duration, got ", detail::decimal_text(e.minutes.count()),
                                        " minutes")};
        return violation{rule_ids::value_in_range, "the total of logged minutes would overflow"};
    }
};

/// A funded, unpaid milestone exists.
struct milestone_funded : rule<milestone_funded> {
    static constexpr rule_id id = rule_ids::milestone_funded;
    template <class D, class P, class Event>
    [[nodiscard]] static constexpr bool holds(D const& d, P const& /*p*/, Event const& /*e*/) noexcept {
        return d.milestone != milestone_status::none;
    }
    template <class D, class P, class Event>
    [[nodiscard]] static constexpr violation explain(D const& /*d*/, P const& /*p*/, Event const& /*e*/) {
        return violation{id, "no milestone is funded"};
    }
};

/// Work on a fixed-price contract is done against a funded milestone; hourly
/// work needs none.
struct work_is_funded : rule<work_is_funded> {
    static constexpr rule_id id = rule_ids::work_is_funded;
    template <class D, class P, class Event>
    [[nodiscard]] static constexpr bool holds(D const& d, P const& /*p*/, Event const& /*e*/) noexcept {
        return !d.terms || d.terms->kind == contract_kind::hourly || d.milestone != milestone_status::none;
    }
    template <class D, class P, class Event>
    [[nodiscard]] static constexpr violation explain(D const& /*d*/, P const& /*p*/, Event const& /*e*/) {
        return violation{id, "fixed-price work needs a funded milestone, and none is funded"};
    }
};

/// Milestones belong to fixed-price contracts.
struct fixed_price_contract : rule<fixed_price_contract> {
    static constexpr rule_id id = rule_ids::fixed_price_contract;
    template <class D, class P, class Event>
    [[nodiscard]] static constexpr bool holds(D const& d, P const& /*p*/, Event const& /*e*/) noexcept {
        return d.terms && d.terms->kind == contract_kind::fixed_price;
    }
    template <class D, class P, class Event>
    [[nodiscard]] static constexpr violation explain(D const& /*d*/, P const& /*p*/, Event const& /*e*/) {
        return violation{id, "milestones belong to fixed-price contracts, and this one is hourly"};
    }
};

/// An amount of money in an event is above zero.
struct amount_positive : rule<amount_positive> {
    static constexpr rule_id id = rule_ids::amount_positive;
    template <class D, class P, class Event>
    [[nodiscard]] static constexpr bool holds(D const& /*d*/, P const& /*p*/, Event const& e) noexcept {
        return e.amount > money{};
    }
    template <class D, class P, class Event>
    [[nodiscard]] static constexpr violation explain(D const& /*d*/, P const& /*p*/, Event const& e) {
        return violation{id, concat("the amount must be above $0.00, got ", detail::money_text(e.amount))};
    }
};

/// A milestone is at least the policy's minimum.
struct milestone_minimum : rule<milestone_minimum> {
    static constexpr rule_id id = rule_ids::milestone_minimum;
    template <class D, class P, class Event>
    [[nodiscard]] static constexpr bool holds(D const& /*d*/, P const& p, Event const& e) noexcept {
        return e.amount >= p.minimum_milestone;
    }
    template <class D, class P, class Event>
    [[nodiscard]] static constexpr violation explain(D const& /*d*/, P const& p, Event const& e) {
        return violation{id, concat("the milestone is ", detail::money_text(e.amount), ", below the ",
                                    detail::money_text(p.minimum_milestone), " minimum")};
    }
};

/// At most one funded, unpaid milestone at a time.
struct one_funded_milestone : rule<one_funded_milestone> {
    static constexpr rule_id id = rule_ids::one_funded_milestone;
    template <class D, class P, class Event>
    [[nodiscard]] static constexpr bool holds(D const& d, P const& /*p*/, Event const& /*e*/) noexcept {
        return d.milestone == milestone_status::none;
    }
    template <class D, class P, class Event>
    [[nodiscard]] static constexpr violation explain(D const& d, P const& /*p*/, Event const& /*e*/) {
        return violation{
            id, concat("a milestone of ", detail::money_text(d.milestone_amount), " is already funded and not paid")};
    }
};

/// A submitted milestone exists, and paying it keeps the total representable.
struct milestone_submitted : rule<milestone_submitted> {
    static constexpr rule_id id = rule_ids::milestone_submitted;
    template <class D, class P, class Event>
    [[nodiscard]] static constexpr bool holds(D const& d, P const& /*p*/, Event const& /*e*/) noexcept {
        return d.milestone == milestone_status::submitted &&
               hireguard::detail::sum_fits(d.paid.cents(), d.milestone_amount.cents()) &&
               d.milestones_paid < std::numeric_limits<decltype(d.milestones_paid)>::max();
    }
    template <class D, class P, class Event>
    [[nodiscard]] static constexpr violation explain(D const& d, P const& /*p*/, Event const& /*e*/) {
        if (d.milestone == milestone_status::submitted &&
            d.milestones_paid == std::numeric_limits<decltype(d.milestones_paid)>::max())
            return violation{rule_ids::value_in_range, "the count of paid milestones would overflow"};
        if (d.milestone == milestone_status::submitted)
            return violation{rule_ids::value_in_range, "the total paid would overflow"};
        return violation{id, d.milestone == milestone_status::funded ? "the funded milestone is not submitted yet"
                                                                     : "no milestone is submitted"};
    }
};

/// Feedback comes within the policy's window after the end of the contract:
/// up to and including the second before `ended_at + feedback_window`.
struct feedback_window_open : rule<feedback_window_open> {
    static constexpr rule_id id = rule_ids::feedback_window_open;
    template <class D, class P, class Event>
    [[nodiscard]] static constexpr bool holds(D const& d, P const& p, Event const& e) noexcept {
        auto const now = event_time(d, e);
        return now && d.ended_at && *now < *d.ended_at + p.feedback_window;
    }
    template <class D, class P, class Event>
    [[nodiscard]] static constexpr violation explain(D const& d, P const& p, Event const& e) {
        if (!event_time(d, e))
            return hireguard::detail::missing_time<Event>("the feedback window is checked against it");
        if (!d.ended_at) return violation{rule_ids::event_time_known, "the contract's end time is unknown"};
        timestamp const closes = *d.ended_at + p.feedback_window;
        auto const days = std::chrono::duration_cast<std::chrono::days>(p.feedback_window).count();
        return violation{
            id, concat("the contract ended ", detail::date_text(*d.ended_at), "; the ", detail::decimal_text(days),
                       "-day feedback window closed on ", detail::date_text(closes))};
    }
};

/// Each party leaves feedback at most once.
struct feedback_once_per_party : rule<feedback_once_per_party> {
    static constexpr rule_id id = rule_ids::feedback_once_per_party;
    template <class D, class P, class Event>
    [[nodiscard]] static constexpr bool holds(D const& d, P const& /*p*/, Event const& e) noexcept {
        return !(e.by == party::client ? d.client_left_feedback : d.freelancer_left_feedback);
    }
    template <class D, class P, class Event>
    [[nodiscard]] static constexpr violation explain(D const& /*d*/, P const& /*p*/, Event const& e) {
        return violation{id,
                         concat(e.by == party::client ? "the client" : "the freelancer", " has already left feedback")};
    }
};

/// Input rule: the event is dated in the accepted years (`in_accepted_years`).
struct event_in_accepted_years : rule<event_in_accepted_years> {
    static constexpr rule_id id = rule_ids::value_in_range;
    template <class D, class P, class Event>
    [[nodiscard]] static constexpr bool holds(D const& /*d*/, P const& /*p*/, Event const& e) noexcept {
        return !e.at || in_accepted_years(*e.at);
    }
    template <class D, class P, class Event>
    [[nodiscard]] static constexpr violation explain(D const& /*d*/, P const& /*p*/, Event const& /*e*/) {
        return violation{id, "the event is dated outside the years 1900 to 9999"};
    }
};

/// Input rule: an offer's start date lies in the accepted years; stored, it
/// could otherwise not be written to a snapshot and read back.
struct start_date_in_accepted_years : rule<start_date_in_accepted_years> {
    static constexpr rule_id id = rule_ids::value_in_range;
    template <class D, class P, class Event>
    [[nodiscard]] static constexpr bool holds(D const& /*d*/, P const& /*p*/, Event const& e) noexcept {
        if constexpr (hireguard::detail::with_offer_terms<Event>) {
            return !e.terms.start_date || in_accepted_years(*e.terms.start_date);
        } else {
            return true;
        }
    }
    template <class D, class P, class Event>
    [[nodiscard]] static constexpr violation explain(D const& /*d*/, P const& /*p*/, Event const& /*e*/) {
        return violation{id, "the offer's start date is outside the years 1900 to 9999"};
    }
};

/// Replay rule: the event has a time. Live, an untimed event is stamped by
/// the host's clock (the store's `store_options::now`); a replay has no clock,
/// and the candidacy's latest known time would backdate the event.
struct event_timed : rule<event_timed> {
    static constexpr rule_id id = rule_ids::event_time_known;
    template <class D, class P, class Event>
    [[nodiscard]] static constexpr bool holds(D const& /*d*/, P const& /*p*/, Event const& e) noexcept {
        return e.at.has_value();
    }
    template <class D, class P, class Event>
    [[nodiscard]] static constexpr violation explain(D const& /*d*/, P const& /*p*/, Event const& /*e*/) {
        return detail::missing_time<Event>("a replay has no clock to stamp it with");
    }
};

/// Input rule: no event is dated before the latest accepted one.
struct timestamps_monotonic : rule<timestamps_monotonic> {
    static constexpr rule_id id = rule_ids::timestamps_monotonic;
    template <class D, class P, class Event>
    [[nodiscard]] static constexpr bool holds(D const& d, P const& /*p*/, Event const& e) noexcept {
        return !e.at || !d.last_event_at || *e.at >= *d.last_event_at;
    }
    template <class D, class P, class Event>
    [[nodiscard]] static constexpr violation explain(D const& d, P const& /*p*/, Event const& e) {
        return violation{id, concat("the event is dated ", detail::time_text(*e.at),
                                    ", before the latest accepted event at ", detail::time_text(*d.last_event_at))};
    }
};

/// Input rule: `start_date_reached` is not dated before the contract's start
/// date (work would begin early). An untimed timer event is trusted.
struct start_date_has_come : rule<start_date_has_come> {
    static constexpr rule_id id = rule_ids::start_date_has_come;
    template <class D, class P, class Event>
    [[nodiscard]] static constexpr bool holds(D const& d, P const& /*p*/, Event const& e) noexcept {
        if constexpr (std::is_same_v<Event, event::start_date_reached>) {
            return !(e.at && d.terms && d.terms->start_date && *e.at < *d.terms->start_date);
        } else {
            return true;
        }
    }
    template <class D, class P, class Event>
    [[nodiscard]] static constexpr violation explain(D const& d, P const& /*p*/, Event const& e) {
        return violation{id, concat("the event is dated ", detail::time_text(*e.at),
                                    ", before the contract's start date ", detail::time_text(*d.terms->start_date))};
    }
};

/// Input rule: `offer_expired` is not dated before the offer's lifetime ends.
/// An untimed timer event is trusted.
struct offer_lifetime_ended : rule<offer_lifetime_ended> {
    static constexpr rule_id id = rule_ids::offer_lifetime_ended;
    template <class D, class P, class Event>
    [[nodiscard]] static constexpr bool holds(D const& d, P const& p, Event const& e) noexcept {
        if constexpr (std::is_same_v<Event, event::offer_expired>) {
            return !(e.at && d.offer_sent_at && *e.at < *d.offer_sent_at + p.offer_lifetime);
        } else {
            return true;
        }
    }
    template <class D, class P, class Event>
    [[nodiscard]] static constexpr violation explain(D const& d, P const& p, Event const& e) {
        return violation{id, concat("the event is dated ", detail::time_text(*e.at), ", before the offer expires at ",
                                    detail::time_text(*d.offer_sent_at + p.offer_lifetime))};
    }
};

}  // namespace rules

/// What accepted transitions do to a candidacy's data. Every action is
/// `noexcept`: once the guards pass, the transition completes.
namespace actions {

/// Records the offer's terms and when it was sent.
struct record_offer : action<record_offer> {
    template <class D, class Event>
    static constexpr void apply(D& d, Event const& e) noexcept {
        d.terms = e.terms;
        d.offer_sent_at = event_time(d, e);
    }
};

/// Forgets a withdrawn or expired offer.
struct clear_offer : action<clear_offer> {
    template <class D, class Event>
    static constexpr void apply(D& d, Event const& /*e*/) noexcept {
        d.terms.reset();
        d.offer_sent_at.reset();
    }
};

/// The hire: records the acceptance; the contract begins now unless its start
/// date is later. A fixed-price contract starts with its first milestone funded.
struct hire : action<hire> {
    template <class D, class Event>
    static constexpr void apply(D& d, Event const& e) noexcept {
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
    template <class D, class Event>
    static constexpr void apply(D& d, Event const& e) noexcept {
        d.started_at = event_time(d, e);
    }
};

/// Adds the logged minutes.
struct record_work : action<record_work> {
    template <class D, class Event>
    static constexpr void apply(D& d, Event const& e) noexcept {
        d.minutes_logged += e.minutes;
    }
};

/// Puts a milestone's amount in escrow.
struct fund : action<fund> {
    template <class D, class Event>
    static constexpr void apply(D& d, Event const& e) noexcept {
        d.milestone = milestone_status::funded;
        d.milestone_amount = e.amount;
    }
};

/// Marks the funded milestone's work as submitted.
struct submit_work : action<submit_work> {
    template <class D, class Event>
    static constexpr void apply(D& d, Event const& /*e*/) noexcept {
        d.milestone = milestone_status::submitted;
    }
};

/// Releases the submitted milestone's payment.
struct release_payment : action<release_payment> {
    template <class D, class Event>
    static constexpr void apply(D& d, Event const& /*e*/) noexcept {
        d.paid = d.paid + d.milestone_amount;
        ++d.milestones_paid;
        d.milestone = milestone_status::none;
        d.milestone_amount = money{};
    }
};

/// Records the end of the contract.
struct end : action<end> {
    template <class D, class Event>
    static constexpr void apply(D& d, Event const& e) noexcept {
        d.ended_at = event_time(d, e);
    }
};

/// Every accepted event that carries a time moves the candidacy's clock to it
/// (the hiring workflows' `accepted_action`).
struct note_time : action<note_time> {
    template <class D, class Event>
    static constexpr void apply(D& d, Event const& e) noexcept {
        if (e.at) d.last_event_at = e.at;
    }
};

/// Records which party left feedback.
struct record_feedback : action<record_feedback> {
    template <class D, class Event>
    static constexpr void apply(D& d, Event const& e) noexcept {
        (e.by == party::client ? d.client_left_feedback : d.freelancer_left_feedback) = true;
    }
};

}  // namespace actions
}  // namespace hireguard

#endif
