// The steps every executor takes for an event, shared so that the typed API,
// the runtime engine and the MSM back-end agree to the letter.
#ifndef HIREGUARD_DETAIL_STEPS_HPP
#define HIREGUARD_DETAIL_STEPS_HPP

#include <optional>
#include <string>
#include <type_traits>

#include <boost/msm/front/functor_row.hpp>

#include <hireguard/data.hpp>
#include <hireguard/rejection.hpp>
#include <hireguard/values.hpp>

namespace hireguard::detail {

// An event dated before the latest accepted one is bad input.
template <class Event>
[[nodiscard]] std::optional<violation> time_violation(candidacy_data const& d, Event const& e) {
    if (!e.at || !d.last_event_at || *e.at >= *d.last_event_at) return std::nullopt;
    return violation{rule_id::timestamps_monotonic, "the event is dated " + to_string(*e.at) +
                                                        ", before the latest accepted event at " +
                                                        to_string(*d.last_event_at)};
}

template <class Guard, class Event>
[[nodiscard]] std::optional<violation> check_guard(candidacy_data const& d, policy const& p, Event const& e) {
    if constexpr (std::is_same_v<Guard, boost::msm::front::none>) {
        return std::nullopt;
    } else {
        return Guard::check(d, p, e);
    }
}

// Applies a row's action and moves the candidacy's clock forward.
template <class Action, class Event>
void complete(candidacy_data& d, Event const& e) noexcept {
    if constexpr (!std::is_same_v<Action, boost::msm::front::none>) Action::apply(d, e);
    if (e.at) d.last_event_at = e.at;
}

}  // namespace hireguard::detail

#endif
