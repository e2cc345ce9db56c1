// The words an executor puts on an illegal transition.
#ifndef HIREGUARD_CORE_DETAIL_EXPLAIN_HPP
#define HIREGUARD_CORE_DETAIL_EXPLAIN_HPP

#include <array>
#include <string_view>
#include <type_traits>

#include <hireguard/core/detail/type_list.hpp>
#include <hireguard/core/rejection.hpp>

namespace hireguard::detail {

template <class W, class = void>
struct has_explain_illegal : std::false_type {};
template <class W>
struct has_explain_illegal<W, std::void_t<decltype(W::explain_illegal(std::string_view{}, std::string_view{}))>>
    : std::true_type {};

[[nodiscard]] constexpr rejection illegal_rejection(std::string_view state, std::string_view event,
                                                    std::string_view explanation) {
    rejection r;
    r.state = state;
    r.event = event;
    r.explanation = explanation;
    return r;
}

// A workflow may say why a pair is illegal with a static `explain_illegal`.
template <class W>
[[nodiscard]] constexpr rejection illegal_transition_rejection(std::string_view state, std::string_view event) {
    std::string_view explanation;
    if constexpr (has_explain_illegal<W>::value) explanation = W::explain_illegal(state, event);
    return illegal_rejection(state, event, explanation);
}

// The explanations of Event's illegal pairs, one per state of the list (the
// entries of legal pairs are never read), computed in one constant
// evaluation per event when the workflow's explain_illegal is constexpr for
// every state, so that an executor rejects an illegal pair with a lookup and
// no string work.
template <class W, class Event, class... S>
constexpr std::array<std::string_view, sizeof...(S)> illegal_explanations(type_list<S...> /*states*/) {
    return {W::explain_illegal(S::name, Event::name)...};
}

template <class W, class Event, class States>
concept explained_at_compile_time = has_explain_illegal<W>::value && requires {
    typename std::integral_constant<bool, (illegal_explanations<W, Event>(States{}), true)>;
};

}  // namespace hireguard::detail

#endif
