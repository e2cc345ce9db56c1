// Reading a workflow's Boost.MSM transition table at compile time: its rows,
// states and events, which (state, event) pairs are legal, and their targets.
// Boost.Hana does the searching. A template that takes a workflow after a
// state defaults to the state's `default_workflow_t`.
#ifndef HIREGUARD_CORE_TABLE_HPP
#define HIREGUARD_CORE_TABLE_HPP

#include <array>
#include <cstddef>
#include <string_view>
#include <type_traits>
#include <variant>

#include <boost/hana/any_of.hpp>
#include <boost/hana/filter.hpp>
#include <boost/hana/tuple.hpp>
#include <boost/hana/type.hpp>
#include <boost/hana/unpack.hpp>
#include <boost/mpl/aux_/na.hpp>

#include <hireguard/core/detail/type_list.hpp>
#include <hireguard/core/workflow.hpp>

namespace hireguard {

namespace detail {

template <class List, class... Ts>
struct drop_na {
    using type = List;
};
template <class... Ls, class T, class... Ts>
struct drop_na<type_list<Ls...>, T, Ts...>
    : drop_na<std::conditional_t<std::is_same_v<T, boost::mpl::na>, type_list<Ls...>, type_list<Ls..., T>>, Ts...> {};

// An MPL (`mpl::vector`, `mpl::vectorN`) or Fusion sequence of rows as a
// type_list, MPL's `na` fillers dropped.
template <class Seq>
struct to_type_list {
    static_assert(always_false<Seq>::value,
                  "hireguard: a workflow's transition_table must name an MPL or Fusion vector of rows directly "
                  "(using transition_table = boost::mpl::vector<...>)");
};
template <template <class...> class V, class... Ts>
struct to_type_list<V<Ts...>> : drop_na<type_list<>, Ts...> {};

template <class Row>
inline constexpr bool is_guarded_v = !std::is_same_v<typename Row::Guard, boost::msm::front::none>;

// Hana predicate: the row leaves State on Event.
template <class State, class Event>
struct row_for {
    template <class Row>
    constexpr auto operator()(boost::hana::basic_type<Row> /*row*/) const {
        return boost::hana::bool_c < std::is_same_v<typename Row::Source, State> && std::is_same_v < typename Row::Evt,
               Event >>
            ;
    }
};

// Hana predicate: the row leaves State.
template <class State>
struct row_from {
    template <class Row>
    constexpr auto operator()(boost::hana::basic_type<Row> /*row*/) const {
        return boost::hana::bool_c<std::is_same_v<typename Row::Source, State>>;
    }
};

struct make_hana_rows {
    template <class... Rows>
    constexpr auto operator()(type_list<Rows...> /*rows*/) const {
        return boost::hana::make_tuple(boost::hana::type_c<Rows>...);
    }
};

struct back_to_type_list {
    template <class... Ts>
    constexpr auto operator()(Ts... /*types*/) const {
        return type_list<typename Ts::type...>{};
    }
};

}  // namespace detail

/// The rows of a workflow's table, in declaration order, as a `type_list`.
template <workflow W>
using rows_t = typename detail::to_type_list<typename W::transition_table>::type;

/// The rows as a Boost.Hana tuple of types, for Hana algorithms.
template <workflow W>
inline constexpr auto hana_rows = detail::make_hana_rows{}(rows_t<W>{});

namespace detail {
template <class L, class... Rows>
struct collect_states {
    using type = L;
};
template <class L, class R, class... Rows>
struct collect_states<L, R, Rows...>
    : collect_states<typename append_unique<L, typename R::Source, typename R::Target>::type, Rows...> {};
template <class Initial, class Rows>
struct states_of;
template <class Initial, class... Rows>
struct states_of<Initial, type_list<Rows...>> : collect_states<type_list<Initial>, Rows...> {};
template <class Rows>
struct events_of;
template <class... Rows>
struct events_of<type_list<Rows...>> : append_unique<type_list<>, typename Rows::Evt...> {};
}  // namespace detail

/// Every state of the workflow: the initial state first, then in order of
/// first appearance in the table (source, then target).
template <workflow W>
using states_t = typename detail::states_of<typename W::initial_state, rows_t<W>>::type;

/// Every event of the workflow, in order of first appearance in the table.
template <workflow W>
using events_t = typename detail::events_of<rows_t<W>>::type;

namespace detail {

// Which (state, event) pairs have a row, as a flat boolean matrix computed
// once per workflow by unpacking the Hana tuple of rows; each can_fire_v is
// then one lookup rather than a search of the table.
template <class W>
struct legality {
    using states = states_t<W>;
    using events = events_t<W>;
    struct build {
        template <class... Rows>
        constexpr std::array<bool, states::size * events::size> operator()(
            boost::hana::basic_type<Rows>... /*rows*/) const {
            std::array<bool, states::size * events::size> m{};
            ((m[index_of_v<states, typename Rows::Source> * events::size + index_of_v<events, typename Rows::Evt>] =
                  true),
             ...);
            return m;
        }
    };
    static constexpr auto matrix = boost::hana::unpack(hana_rows<W>, build{});

    template <class State, class Event>
    static constexpr bool can_fire() {
        constexpr std::size_t s = index_of_v<states, State>;
        constexpr std::size_t e = index_of_v<events, Event>;
        if constexpr (s == states::size || e == events::size) {
            return false;
        } else {
            return matrix[s * events::size + e];
        }
    }
};

}  // namespace detail

/// True exactly when the workflow's table has a row for (State, Event).
///
///     static_assert(hireguard::can_fire_v<state::contract_active, event::log_work>);
///     static_assert(!hireguard::can_fire_v<state::interviewing, event::log_work>);
template <class State, class Event, workflow W = default_workflow_t<State>>
inline constexpr bool can_fire_v = detail::legality<W>::template can_fire<State, Event>();

/// The rows for (State, Event), in declaration order, as a `type_list`.
template <class State, class Event, workflow W = default_workflow_t<State>>
using rows_for_t = decltype(boost::hana::unpack(boost::hana::filter(hana_rows<W>, detail::row_for<State, Event>{}),
                                                detail::back_to_type_list{}));

/// The rows leaving State, in declaration order, as a `type_list`.
template <class State, workflow W = default_workflow_t<State>>
using rows_from_t = decltype(boost::hana::unpack(boost::hana::filter(hana_rows<W>, detail::row_from<State>{}),
                                                 detail::back_to_type_list{}));

namespace detail {
template <class... S>
constexpr std::array<std::string_view, sizeof...(S)> names_of(type_list<S...> /*types*/) {
    return {S::name...};
}
}  // namespace detail

/// The names of the workflow's states, in the order of `states_t<W>`.
template <workflow W>
inline constexpr auto state_names_v = detail::names_of(states_t<W>{});

/// The names of the workflow's events, in the order of `events_t<W>`.
template <workflow W>
inline constexpr auto event_names_v = detail::names_of(events_t<W>{});

/// A `std::variant` of every event of `W`, for events decoded at run time.
template <workflow W>
using event_variant_t = typename detail::rename<events_t<W>, std::variant>::type;

/// Whether State belongs to the workflow.
template <class State, workflow W = default_workflow_t<State>>
inline constexpr bool is_state_of_v = detail::contains_v<states_t<W>, State>;

/// Whether Event appears in the workflow's table.
template <class Event, workflow W = default_workflow_t<Event>>
inline constexpr bool is_event_of_v = detail::contains_v<events_t<W>, Event>;

/// Whether State is one of the workflow's declared terminal states.
template <class State, workflow W = default_workflow_t<State>>
inline constexpr bool is_terminal_v = detail::contains_v<typename W::terminal_states, State>;

/// Whether State is one of the workflow's declared hired states.
template <class State, workflow W = default_workflow_t<State>>
inline constexpr bool is_hired_v = detail::contains_v<hired_states_t<W>, State>;

}  // namespace hireguard

#endif
