// Reading a workflow's Boost.MSM transition table at compile time: its rows,
// states and events, which (state, event) pairs are legal, and their targets,
// from index arrays computed once per workflow (`hana_rows` hands the rows to
// Boost.Hana's algorithms). A template that takes a workflow after a state
// defaults to the state's `default_workflow_t`.
#ifndef HIREGUARD_CORE_TABLE_HPP
#define HIREGUARD_CORE_TABLE_HPP

#include <array>
#include <cstddef>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>

#include <boost/hana/tuple.hpp>
#include <boost/hana/type.hpp>
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

struct make_hana_rows {
    template <class... Rows>
    constexpr auto operator()(type_list<Rows...> /*rows*/) const {
        return boost::hana::make_tuple(boost::hana::type_c<Rows>...);
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

// Where each row leaves from and on which event, as indices into states_t<W>
// and events_t<W>, and which (state, event) pairs have a row, as a flat
// boolean matrix: computed once per workflow, so that can_fire_v is one
// lookup and rows_for_t one pass over two arrays, not a search of the table.
template <class W>
struct legality {
    using states = states_t<W>;
    using events = events_t<W>;
    using rows = rows_t<W>;

    template <class... Rows>
    static constexpr std::array<std::size_t, sizeof...(Rows)> sources(type_list<Rows...> /*rows*/) {
        return {index_of_v<states, typename Rows::Source>...};
    }
    template <class... Rows>
    static constexpr std::array<std::size_t, sizeof...(Rows)> events_of_rows(type_list<Rows...> /*rows*/) {
        return {index_of_v<events, typename Rows::Evt>...};
    }
    static constexpr std::array<std::size_t, rows::size> row_source = sources(rows{});
    static constexpr std::array<std::size_t, rows::size> row_event = events_of_rows(rows{});

    static constexpr std::array<bool, states::size * events::size> build_matrix() {
        std::array<bool, states::size * events::size> m{};
        for (std::size_t r = 0; r < rows::size; ++r) m[row_source[r] * events::size + row_event[r]] = true;
        return m;
    }
    static constexpr auto matrix = build_matrix();

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

    // The positions of the rows leaving state s, on event e unless any_event,
    // in declaration order.
    struct row_set {
        std::array<std::size_t, rows::size> at{};
        std::size_t size = 0;
    };
    static constexpr row_set rows_leaving(std::size_t s, std::size_t e, bool any_event) {
        row_set out;
        for (std::size_t r = 0; r < rows::size; ++r)
            if (row_source[r] == s && (any_event || row_event[r] == e)) out.at[out.size++] = r;
        return out;
    }
};

// The rows leaving the state at position S (on the event at position E unless
// AnyEvent), as a type_list.
template <class W, std::size_t S, std::size_t E, bool AnyEvent>
struct select_rows {
    static constexpr auto found = legality<W>::rows_leaving(S, E, AnyEvent);
    template <std::size_t... I>
    static type_list<at_t<rows_t<W>, found.at[I]>...> pick(std::index_sequence<I...> /*positions*/);
    using type = decltype(pick(std::make_index_sequence<found.size>{}));
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
using rows_for_t = typename detail::select_rows<W, detail::index_of_v<states_t<W>, State>,
                                                detail::index_of_v<events_t<W>, Event>, false>::type;

/// The rows leaving State, in declaration order, as a `type_list`.
template <class State, workflow W = default_workflow_t<State>>
using rows_from_t = typename detail::select_rows<W, detail::index_of_v<states_t<W>, State>, 0, true>::type;

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
