// The words an executor puts on an illegal transition.
#ifndef HIREGUARD_DETAIL_EXPLAIN_HPP
#define HIREGUARD_DETAIL_EXPLAIN_HPP

#include <string>
#include <string_view>
#include <type_traits>

#include <hireguard/rejection.hpp>

namespace hireguard::detail {

template <class W, class = void>
struct has_explain_illegal : std::false_type {};
template <class W>
struct has_explain_illegal<W, std::void_t<decltype(W::explain_illegal(std::string_view{}, std::string_view{}))>>
    : std::true_type {};

// A workflow may say why a pair is illegal with a static `explain_illegal`.
template <class W>
[[nodiscard]] rejection illegal_transition_rejection(std::string_view state, std::string_view event) {
    std::string reason;
    if constexpr (has_explain_illegal<W>::value) reason = std::string(W::explain_illegal(state, event));
    return rejection{rejection_kind::illegal_transition, rule_id::none, "none", state, event, std::move(reason)};
}

}  // namespace hireguard::detail

#endif
