// The words an executor puts on an illegal transition.
#ifndef HIREGUARD_CORE_DETAIL_EXPLAIN_HPP
#define HIREGUARD_CORE_DETAIL_EXPLAIN_HPP

#include <string_view>
#include <type_traits>

#include <hireguard/core/rejection.hpp>

namespace hireguard::detail {

template <class W, class = void>
struct has_explain_illegal : std::false_type {};
template <class W>
struct has_explain_illegal<W, std::void_t<decltype(W::explain_illegal(std::string_view{}, std::string_view{}))>>
    : std::true_type {};

// A workflow may say why a pair is illegal with a static `explain_illegal`.
template <class W>
[[nodiscard]] rejection illegal_transition_rejection(std::string_view state, std::string_view event) {
    std::string_view explanation;
    if constexpr (has_explain_illegal<W>::value) explanation = W::explain_illegal(state, event);
    return rejection{rejection_kind::illegal_transition, no_rule, state, event, {}, explanation};
}

// The same, with the explanation computed at compile time when the workflow's
// explain_illegal is constexpr.
template <class W, class State, class Event>
[[nodiscard]] rejection illegal_transition_rejection() {
    if constexpr (has_explain_illegal<W>::value) {
        if constexpr (requires {
                          typename std::integral_constant<bool, (W::explain_illegal(State::name, Event::name), true)>;
                      }) {
            static constexpr std::string_view explanation = W::explain_illegal(State::name, Event::name);
            return rejection{rejection_kind::illegal_transition, no_rule, State::name, Event::name, {}, explanation};
        } else {
            return illegal_transition_rejection<W>(State::name, Event::name);
        }
    } else {
        return rejection{rejection_kind::illegal_transition, no_rule, State::name, Event::name, {}, {}};
    }
}

}  // namespace hireguard::detail

#endif
