// The steps every executor takes for an event, shared so that the typed API,
// the runtime engine and the MSM back-end agree to the letter.
#ifndef HIREGUARD_DETAIL_STEPS_HPP
#define HIREGUARD_DETAIL_STEPS_HPP

#include <optional>
#include <string>
#include <type_traits>

#include <boost/msm/front/functor_row.hpp>

#include <hireguard/data.hpp>
#include <hireguard/events.hpp>
#include <hireguard/rejection.hpp>
#include <hireguard/rules.hpp>
#include <hireguard/values.hpp>

namespace hireguard::detail {

// Timestamps hireguard accepts: years 1900 to 9999, so that adding a policy's
// lifetimes and windows to them cannot overflow.
inline constexpr timestamp earliest_time = std::chrono::sys_days{std::chrono::year{1900} / 1 / 1};
inline constexpr timestamp latest_time = std::chrono::sys_days{std::chrono::year{9999} / 12 / 31};

// A timer event dated before the moment it announces contradicts the data:
// `start_date_reached` before the contract's start date (work would begin
// early), `offer_expired` before the offer's lifetime ends. An untimed timer
// event is trusted.
template <class Event>
[[nodiscard]] constexpr bool contradicts_data(candidacy_data const& /*d*/, policy const& /*p*/,
                                              Event const& /*e*/) noexcept {
    return false;
}
[[nodiscard]] inline bool contradicts_data(candidacy_data const& d, policy const& /*p*/,
                                           event::start_date_reached const& e) noexcept {
    return e.at && d.terms && d.terms->start_date && *e.at < *d.terms->start_date;
}
[[nodiscard]] inline bool contradicts_data(candidacy_data const& d, policy const& p,
                                           event::offer_expired const& e) noexcept {
    return e.at && d.offer_sent_at && *e.at < *d.offer_sent_at + p.offer_lifetime;
}

// An offer whose start date lies outside the accepted years: stored, it
// could not be written to a snapshot and read back.
template <class Event>
[[nodiscard]] constexpr bool start_date_out_of_range(Event const& e) noexcept {
    if constexpr (std::is_same_v<Event, event::send_offer> || std::is_same_v<Event, event::modify_offer>) {
        return e.terms.start_date && (*e.terms.start_date < earliest_time || *e.terms.start_date > latest_time);
    } else {
        return false;
    }
}

// Malformed input: an event dated before the latest accepted one, or outside
// the accepted years, or a timer event that contradicts the data, or an
// offer starting outside the accepted years.
template <class Event>
[[nodiscard]] bool input_violation_fast(candidacy_data const& d, policy const& p, Event const& e) noexcept {
    return (e.at && ((d.last_event_at && *e.at < *d.last_event_at) || *e.at < earliest_time || *e.at > latest_time)) ||
           contradicts_data(d, p, e) || start_date_out_of_range(e);
}

template <class Event>
[[nodiscard]] std::optional<violation> input_violation(candidacy_data const& d, policy const& p, Event const& e) {
    if (!input_violation_fast(d, p, e)) return std::nullopt;
    if (start_date_out_of_range(e))
        return violation{rule_id::value_in_range, "the offer's start date is outside the years 1900 to 9999"};
    if (*e.at < earliest_time || *e.at > latest_time)
        return violation{rule_id::value_in_range, "the event is dated outside the years 1900 to 9999"};
    if (d.last_event_at && *e.at < *d.last_event_at)
        return violation{rule_id::timestamps_monotonic, "the event is dated " + to_string(*e.at) +
                                                            ", before the latest accepted event at " +
                                                            to_string(*d.last_event_at)};
    if constexpr (std::is_same_v<Event, event::start_date_reached>) {
        return violation{rule_id::start_date_has_come, "the event is dated " + to_string(*e.at) +
                                                           ", before the contract's start date " +
                                                           to_string(*d.terms->start_date)};
    } else {
        return violation{rule_id::offer_lifetime_ended, "the event is dated " + to_string(*e.at) +
                                                            ", before the offer expires at " +
                                                            to_string(*d.offer_sent_at + p.offer_lifetime)};
    }
}

template <class Guard, class Event>
[[nodiscard]] bool guard_holds(candidacy_data const& d, policy const& p, Event const& e) {
    if constexpr (std::is_same_v<Guard, boost::msm::front::none>) {
        return true;
    } else {
        return rule_holds<Guard>(d, p, e);
    }
}

// Explains the guard of the last row tried, once every row has failed.
template <class Event>
using explainer = violation (*)(candidacy_data const&, policy const&, Event const&);

// Applies a row's action and moves the candidacy's clock forward.
template <class Action, class Event>
void complete(candidacy_data& d, Event const& e) noexcept {
    if constexpr (!std::is_same_v<Action, boost::msm::front::none>) Action::apply(d, e);
    if (e.at) d.last_event_at = e.at;
}

}  // namespace hireguard::detail

#endif
