// A plain C++20 type list and the few operations hireguard needs on it.
#ifndef HIREGUARD_CORE_DETAIL_TYPE_LIST_HPP
#define HIREGUARD_CORE_DETAIL_TYPE_LIST_HPP

#include <cstddef>
#include <type_traits>
#include <utility>

namespace hireguard {

/// A list of types, used to name sets of states: `hireguard::type_list<state::declined, state::closed>`.
template <class... Ts>
struct type_list {
    static constexpr std::size_t size = sizeof...(Ts);
};

namespace detail {

template <class List, class T>
inline constexpr bool contains_v = false;
template <class... Ts, class T>
inline constexpr bool contains_v<type_list<Ts...>, T> = (std::is_same_v<Ts, T> || ...);

template <class List, class T>
struct push_back_unique;
template <class... Ts, class T>
struct push_back_unique<type_list<Ts...>, T> {
    using type = std::conditional_t<(std::is_same_v<Ts, T> || ...), type_list<Ts...>, type_list<Ts..., T>>;
};

template <class List, class... Us>
struct append_unique {
    using type = List;
};
template <class List, class U, class... Us>
struct append_unique<List, U, Us...> : append_unique<typename push_back_unique<List, U>::type, Us...> {};

/// Position of T in the list; the list's size when absent.
template <class T, class... Ts>
consteval std::size_t index_in() {
    constexpr bool found[] = {std::is_same_v<T, Ts>..., false};
    std::size_t i = 0;
    while (i < sizeof...(Ts) && !found[i]) ++i;
    return i;
}
template <class List, class T>
inline constexpr std::size_t index_of_v = 0;
template <class... Ts, class T>
inline constexpr std::size_t index_of_v<type_list<Ts...>, T> = index_in<T, Ts...>();

// The type at position I of a list, found by overload resolution against a
// class that derives from (position, type) pairs: no recursion, and the
// lookup class is built once per list.
template <std::size_t I, class T>
struct indexed {
    using type = T;
};
template <class Positions, class... Ts>
struct indexer;
template <std::size_t... I, class... Ts>
struct indexer<std::index_sequence<I...>, Ts...> : indexed<I, Ts>... {};
template <std::size_t I, class T>
indexed<I, T> select_at(indexed<I, T> const* /*list*/);
template <class List>
struct indexer_of;
template <class... Ts>
struct indexer_of<type_list<Ts...>> {
    using type = indexer<std::index_sequence_for<Ts...>, Ts...>;
};

/// The type at position I of the list.
template <class List, std::size_t I>
using at_t = typename decltype(select_at<I>(static_cast<typename indexer_of<List>::type const*>(nullptr)))::type;

template <class List>
struct front;
template <class T, class... Ts>
struct front<type_list<T, Ts...>> {
    using type = T;
};

template <class List>
struct reverse;
template <>
struct reverse<type_list<>> {
    using type = type_list<>;
};
template <class T, class... Ts>
struct reverse<type_list<T, Ts...>> {
    template <class L>
    struct add;
    template <class... Us>
    struct add<type_list<Us...>> {
        using type = type_list<Us..., T>;
    };
    using type = typename add<typename reverse<type_list<Ts...>>::type>::type;
};

template <class Source, template <class...> class Target>
struct rename;
template <class... Ts, template <class...> class Target>
struct rename<type_list<Ts...>, Target> {
    using type = Target<Ts...>;
};

template <class... Ts>
struct always_false : std::false_type {};

}  // namespace detail
}  // namespace hireguard

#endif
