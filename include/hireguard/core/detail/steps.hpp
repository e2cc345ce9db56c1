// The steps every executor takes for an event, shared so that the typed API,
// the runtime engine and the MSM back-end agree to the letter: the
// workflow's input rules, then the rows' guards, then the row's action and
// the workflow's accepted action.
#ifndef HIREGUARD_CORE_DETAIL_STEPS_HPP
#define HIREGUARD_CORE_DETAIL_STEPS_HPP

#include <type_traits>

#include <boost/msm/front/functor_row.hpp>

#include <hireguard/core/detail/type_list.hpp>
#include <hireguard/core/rejection.hpp>
#include <hireguard/core/rules.hpp>
#include <hireguard/core/workflow.hpp>

namespace hireguard::detail {

template <class Rules>
struct input_rules_guard;
template <class... Rules>
struct input_rules_guard<type_list<Rules...>> {
    using type = all_of<Rules...>;
};

// Every input rule of W, as one guard.
template <class W>
using input_guard = typename input_rules_guard<input_rules_t<W>>::type;

// Whether the event passes the workflow's input rules.
template <class W, class D, class P, class Event>
[[nodiscard]] constexpr bool input_ok(D const& d, P const& p, Event const& e) {
    if constexpr (input_rules_t<W>::size == 0) {
        return true;
    } else {
        return input_guard<W>::holds(d, p, e);
    }
}

// Why the event fails the input rules; call only when input_ok is false.
template <class W, class D, class P, class Event>
[[nodiscard]] constexpr violation input_violation(D const& d, P const& p, Event const& e) {
    return input_guard<W>::explain(d, p, e);
}

template <class Guard, class D, class P, class Event>
[[nodiscard]] constexpr bool guard_holds(D const& d, P const& p, Event const& e) {
    if constexpr (std::is_same_v<Guard, boost::msm::front::none>) {
        return true;
    } else {
        return rule_holds<Guard>(d, p, e);
    }
}

// Explains the guard of the last row tried, once every row has failed.
template <class D, class P, class Event>
using explainer = violation (*)(D const&, P const&, Event const&);

template <class Action, class D, class Event>
constexpr void apply_action(D& d, Event const& e) noexcept {
    if constexpr (!std::is_same_v<Action, boost::msm::front::none>) Action::apply(d, e);
}

// Applies a row's action, then the workflow's accepted action.
template <class W, class Action, class D, class Event>
constexpr void complete(D& d, Event const& e) noexcept {
    apply_action<Action>(d, e);
    apply_action<accepted_action_t<W>>(d, e);
}

}  // namespace hireguard::detail

#endif
