// Static verification of any workflow's graph: reachability, dead ends,
// determinism, traps (states from which a run can never end), precedence
// ("A always comes before B"), where an event is legal, absorbing states, the
// temporal properties `reachable` (EF), `always` (AG), `eventually` (AF) and
// `never_after`, and generated test paths.
//
// Each check names a *finding* type: `verify::ok` when the property holds,
// otherwise a type that names the problem and the state or event at fault,
// and, where a run of the workflow shows it, the shortest such run as a
// `path<Events...>` from the initial state.
// `verify::check<F>` is true for `ok` and otherwise a compile error whose first
// lines name the finding; `verify::passes<F>` is the plain bool:
//
//     static_assert(hireguard::verify::check<hireguard::verify::unreachable<my_workflow>>);
//     // g++:   In instantiation of 'struct hireguard::verify::require<hireguard::verify::state_unreachable<my::orphan>
//     >'
//     // clang: static_assert failed due to requirement 'passes<hireguard::verify::state_unreachable<my::orphan>>'
//
// The graph algorithms run as constexpr functions over arrays built once per
// workflow from its Boost.MSM table.
#ifndef HIREGUARD_CORE_VERIFY_HPP
#define HIREGUARD_CORE_VERIFY_HPP

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>
#include <utility>

#include <hireguard/core/detail/type_list.hpp>
#include <hireguard/core/table.hpp>
#include <hireguard/core/workflow.hpp>

namespace hireguard::verify {

/// A sequence of events, fired in order from the initial state: the run a
/// finding shows its fault with. `path<event::send_offer, event::accept_offer>`
/// is `send_offer`, then `accept_offer`; `path<>` stays in the initial state.
template <class... Events>
struct path {};

/// The finding of a check that holds.
struct ok {};
/// `State` cannot be reached from the initial state.
template <class State>
struct state_unreachable {};
/// `State` is not terminal, yet no row leaves it.
template <class State>
struct dead_end {};
/// `State` is declared terminal, yet `Event` has a row leaving it.
template <class State, class Event>
struct terminal_state_has_row {};
/// Two or more rows for (`State`, `Event`), and not all of them guarded.
template <class State, class Event>
struct nondeterministic {};
/// `State` is reachable from the initial state by `Path`, yet no terminal or
/// absorbing state is reachable from it: a run that enters it can never end.
template <class State, class Path>
struct trapped {};
/// `State` can be reached from the initial state without passing through
/// `Required`: `Path` is the shortest such run.
template <class State, class Required, class Path>
struct reached_without {};
/// `Event` has a row in `State`, which is not among the states it should be legal in.
template <class Event, class State>
struct legal_in_unlisted_state {};
/// `Event` has no row in `State`, which is among the states it should be legal in.
template <class Event, class State>
struct illegal_in_listed_state {};
/// `Event` takes the absorbing `State` to another state, `Target`.
template <class State, class Event, class Target>
struct leaves_absorbing_state {};
/// `State` cannot be reached from the initial state: `reachable`'s finding.
template <class State>
struct never_reached {};
/// `State`, outside the states that should hold always, is reachable from the
/// initial state by `Path`, the shortest such run: `always`' finding.
template <class State, class Path>
struct reached_outside {};
/// A run can go round for ever without reaching the states it should
/// eventually reach, nor a terminal state: `Into` is the shortest path of
/// events from the initial state to `State`, and `Cycle` the shortest
/// non-empty run from `State` back to it, both avoiding those states.
/// `eventually`'s finding when the run goes round.
template <class State, class Into, class Cycle>
struct avoided_forever {};
/// A run can stop in `State`, which is not terminal, has no row leaving it,
/// and is not among the states it should eventually reach: `Path` is the
/// shortest run from the initial state to it that avoids them.
/// `eventually`'s finding when the run stops.
template <class State, class Path>
struct stopped_outside {};
/// `Event` has a row in `State`, which is reachable from `After` (or is
/// `After`) by `Path`, the shortest such run of events from `After`:
/// `never_after`'s finding.
template <class After, class Event, class State, class Path>
struct legal_after {};

/// True when a finding is `ok`: a plain bool, for tests that expect a check
/// to fail (`static_assert(!passes<...>)`).
template <class Finding>
inline constexpr bool passes = std::is_same_v<Finding, ok>;

/// Instantiated by `check`: fails to compile unless the finding is `ok`, and
/// the compiler names the finding, with the state or event at fault, in the
/// first lines of its diagnostic.
template <class Finding>
struct require {
    static_assert(passes<Finding>,
                  "hireguard::verify: the workflow fails this check; the finding require<...> names the problem "
                  "and the state or event at fault");
    static constexpr bool value = true;
};

/// True when the finding is `ok`; a compile error naming the finding otherwise.
///
///     static_assert(hireguard::verify::check<hireguard::verify::structure<my_workflow>>);
template <class Finding>
inline constexpr bool check = require<Finding>::value;

inline constexpr std::size_t npos = static_cast<std::size_t>(-1);

/// A row of a workflow as indices into `states_t<W>` and `events_t<W>`.
struct edge {
    std::size_t source;
    std::size_t event;
    std::size_t target;
    bool guarded;
};

/// A workflow's table as a graph of indices, built once per workflow.
template <workflow W>
struct graph {
    using states = states_t<W>;
    using events = events_t<W>;
    using rows = rows_t<W>;
    static constexpr std::size_t state_count = states::size;
    static constexpr std::size_t event_count = events::size;
    static constexpr std::size_t row_count = rows::size;
    static constexpr std::size_t initial = detail::index_of_v<states, typename W::initial_state>;

    template <class... Rows>
    static constexpr std::array<edge, sizeof...(Rows)> build_edges(type_list<Rows...> /*rows*/) {
        return {edge{detail::index_of_v<states, typename Rows::Source>, detail::index_of_v<events, typename Rows::Evt>,
                     detail::index_of_v<states, typename Rows::Target>, detail::is_guarded_v<Rows>}...};
    }
    /// The rows, in declaration order.
    static constexpr std::array<edge, row_count> edges = build_edges(rows{});

    template <class... S>
    static constexpr std::array<bool, state_count> flags(type_list<S...> /*states*/) {
        std::array<bool, state_count> out{};
        ((out[detail::index_of_v<states, S>] = true), ...);
        return out;
    }
    /// Which states are declared terminal.
    static constexpr std::array<bool, state_count> terminal = flags(typename W::terminal_states{});

    template <class... S>
    static constexpr std::array<std::string_view, sizeof...(S)> names(type_list<S...> /*l*/) {
        return {S::name...};
    }
    /// The states' and events' names, by index.
    static constexpr std::array<std::string_view, state_count> state_names = names(states{});
    static constexpr std::array<std::string_view, event_count> event_names = names(events{});

    /// A breadth-first search from `from` that never enters `avoid` (npos:
    /// avoid nothing): which states it reached, by which row each was first
    /// entered (npos for `from` and unreached states), and in which order:
    /// `order[0..count)`, nearest first, rows taken in declaration order.
    struct search_result {
        std::array<bool, state_count> seen{};
        std::array<std::size_t, state_count> parent_row{};
        std::array<std::size_t, state_count> order{};
        std::size_t count = 0;
    };
    static constexpr search_result search(std::size_t from, std::size_t avoid = npos) {
        search_result out;
        for (auto& p : out.parent_row) p = npos;
        if (from == avoid) return out;
        std::size_t head = 0;
        out.seen[from] = true;
        out.order[out.count++] = from;
        while (head < out.count) {
            std::size_t const s = out.order[head++];
            for (std::size_t r = 0; r < row_count; ++r) {
                edge const& e = edges[r];
                if (e.source != s || e.target == avoid || out.seen[e.target]) continue;
                out.seen[e.target] = true;
                out.parent_row[e.target] = r;
                out.order[out.count++] = e.target;
            }
        }
        return out;
    }

    /// Rows by index into `rows_t<W>`, fired in order: `rows[0..length)`.
    struct route {
        std::array<std::size_t, state_count> rows{};
        std::size_t length = 0;
    };
    /// The rows by which `found` entered each state on its way to `to`, from
    /// the search's start: a shortest path. Empty when `to` is the start or
    /// was not reached.
    static constexpr route route_to(search_result const& found, std::size_t to) {
        route out;
        for (std::size_t s = to; found.parent_row[s] != npos; s = edges[found.parent_row[s]].source) ++out.length;
        std::size_t i = out.length;
        for (std::size_t s = to; found.parent_row[s] != npos; s = edges[found.parent_row[s]].source)
            out.rows[--i] = found.parent_row[s];
        return out;
    }

    /// The states reachable from `from` without entering `avoid`.
    static constexpr std::array<bool, state_count> reachable(std::size_t from, std::size_t avoid = npos) {
        return search(from, avoid).seen;
    }
};

namespace impl {

template <class List, std::size_t I>
using at_t = detail::at_t<List, I>;

template <class G>
constexpr std::size_t first_unreachable() {
    auto const seen = G::reachable(G::initial);
    for (std::size_t s = 0; s < G::state_count; ++s)
        if (!seen[s]) return s;
    return npos;
}

// {state, row} of the first dead end (row npos) or terminal state with a row.
struct state_and_row {
    std::size_t state = npos;
    std::size_t row = npos;
};
template <class G>
constexpr state_and_row first_dead_end() {
    for (std::size_t s = 0; s < G::state_count; ++s) {
        std::size_t leaving = npos;
        for (std::size_t r = 0; r < G::row_count && leaving == npos; ++r)
            if (G::edges[r].source == s) leaving = r;
        if (G::terminal[s] && leaving != npos) return {s, leaving};
        if (!G::terminal[s] && leaving == npos) return {s, npos};
    }
    return {};
}

template <class G>
constexpr std::size_t first_nondeterministic_row() {
    for (std::size_t a = 0; a < G::row_count; ++a)
        for (std::size_t b = a + 1; b < G::row_count; ++b) {
            edge const& x = G::edges[a];
            edge const& y = G::edges[b];
            if (x.source == y.source && x.event == y.event && (!x.guarded || !y.guarded)) return a;
        }
    return npos;
}

// A state and the shortest route to it from the initial state.
template <class G>
struct state_and_route {
    std::size_t state = npos;
    typename G::route route{};
};

// The trapped state nearest the initial state (state npos: none): the first
// state the search from the initial state reaches from which no terminal or
// absorbing state is reachable.
template <class G>
constexpr state_and_route<G> first_trap() {
    // The states where a run may end: the terminal ones and the absorbing
    // ones (no row to another state). Then, to a fixed point, the source of
    // every row into a state that leads to an end.
    std::array<bool, G::state_count> leads_out{};
    for (bool& l : leads_out) l = true;
    for (edge const& e : G::edges)
        if (e.source != e.target) leads_out[e.source] = false;
    for (std::size_t s = 0; s < G::state_count; ++s) leads_out[s] = leads_out[s] || G::terminal[s];
    for (bool grew = true; grew;) {
        grew = false;
        for (edge const& e : G::edges)
            if (leads_out[e.target] && !leads_out[e.source]) leads_out[e.source] = grew = true;
    }
    auto const found = G::search(G::initial);
    for (std::size_t i = 0; i < found.count; ++i)
        if (!leads_out[found.order[i]]) return {found.order[i], G::route_to(found, found.order[i])};
    return {};
}

// Computed once per workflow; read by the alias `traps` and, when it finds a
// trap, by `path_of`.
template <class W>
struct first_trap_of {
    static constexpr state_and_route<graph<W>> value = first_trap<graph<W>>();
};

// `path<Events...>` of the route in `Found::value`, one event per row.
template <class W, class Found, class Positions = std::make_index_sequence<Found::value.route.length>>
struct path_of;
template <class W, class Found, std::size_t... I>
struct path_of<W, Found, std::index_sequence<I...>> {
    using type = path<typename at_t<rows_t<W>, Found::value.route.rows[I]>::Evt...>;
};

template <class G>
constexpr bool reachable_avoiding(std::size_t state, std::size_t required) {
    if (state == required) return false;
    return G::reachable(G::initial, required)[state];
}

// The shortest route from the initial state to `State` that avoids
// `Required`; computed only for a precedence that fails.
template <class W, std::size_t State, std::size_t Required>
struct route_avoiding {
    using G = graph<W>;
    static constexpr state_and_route<G> value{State, G::route_to(G::search(G::initial, Required), State)};
};

// A breadth-first search from `from` that never enters a state marked in
// `avoid`, as graph::search does for one state.
template <class G>
constexpr typename G::search_result search_outside(std::size_t from, std::array<bool, G::state_count> const& avoid) {
    typename G::search_result out;
    for (auto& p : out.parent_row) p = npos;
    if (avoid[from]) return out;
    std::size_t head = 0;
    out.seen[from] = true;
    out.order[out.count++] = from;
    while (head < out.count) {
        std::size_t const s = out.order[head++];
        for (std::size_t r = 0; r < G::row_count; ++r) {
            edge const& e = G::edges[r];
            if (e.source != s || avoid[e.target] || out.seen[e.target]) continue;
            out.seen[e.target] = true;
            out.parent_row[e.target] = r;
            out.order[out.count++] = e.target;
        }
    }
    return out;
}

// The state reachable from `from` (or `from` itself) nearest it, in the
// search's order, that is not marked in `allowed` (state npos: none), and the
// shortest route to it from `from`.
template <class G>
constexpr state_and_route<G> first_reached_outside(std::size_t from, std::array<bool, G::state_count> const& allowed) {
    auto const found = G::search(from);
    for (std::size_t i = 0; i < found.count; ++i)
        if (!allowed[found.order[i]]) return {found.order[i], G::route_to(found, found.order[i])};
    return {};
}

// Whether `event` has a row in each state.
template <class G>
constexpr std::array<bool, G::state_count> states_with_row_for(std::size_t event) {
    std::array<bool, G::state_count> out{};
    for (auto& o : out) o = true;
    for (edge const& e : G::edges)
        if (e.event == event) out[e.source] = false;
    return out;
}

// The shortest counterexample to "every run from the initial state reaches a
// marked state": a lasso (a route to `state`, then a cycle back to it) or a
// route to a state where the run stops, both inside the unmarked states;
// the one with the fewest events, nearest the initial state on a tie.
// `state` npos: none, the property holds.
template <class G>
struct lasso {
    std::size_t state = npos;
    typename G::route into{};
    typename G::route cycle{};
};
template <class G>
constexpr lasso<G> shortest_lasso(std::array<bool, G::state_count> const& marked) {
    lasso<G> best;
    std::size_t best_length = npos;
    auto const found = search_outside<G>(G::initial, marked);
    for (std::size_t i = 0; i < found.count; ++i) {
        std::size_t const v = found.order[i];
        auto const into = G::route_to(found, v);
        if (into.length >= best_length) break;  // the search's order is by distance
        bool stops = true;
        for (edge const& e : G::edges)
            if (e.source == v) stops = false;
        if (stops) {
            best = {v, into, {}};
            best_length = into.length;
            continue;
        }
        auto const from_v = search_outside<G>(v, marked);
        for (std::size_t r = 0; r < G::row_count; ++r) {
            edge const& e = G::edges[r];
            if (e.target != v || !from_v.seen[e.source]) continue;
            auto cycle = G::route_to(from_v, e.source);
            if (into.length + cycle.length + 1 >= best_length) continue;
            cycle.rows[cycle.length++] = r;
            best = {v, into, cycle};
            best_length = into.length + cycle.length;
        }
    }
    return best;
}
template <class G, class States>
constexpr std::array<bool, G::state_count> with_terminal(States states) {
    auto out = G::flags(states);
    for (std::size_t s = 0; s < G::state_count; ++s) out[s] = out[s] || G::terminal[s];
    return out;
}

// Computed once per check; read by the aliases and by `path_of`.
template <class W, class States>
struct lasso_of {
    static constexpr lasso<graph<W>> value = shortest_lasso<graph<W>>(with_terminal<graph<W>>(States{}));
};
template <class W, class States>
struct lasso_into {
    static constexpr state_and_route<graph<W>> value{lasso_of<W, States>::value.state, lasso_of<W, States>::value.into};
};
template <class W, class States>
struct lasso_cycle {
    static constexpr state_and_route<graph<W>> value{lasso_of<W, States>::value.state,
                                                     lasso_of<W, States>::value.cycle};
};
template <class W, class States>
struct outside_of {
    static constexpr state_and_route<graph<W>> value =
        first_reached_outside<graph<W>>(graph<W>::initial, graph<W>::flags(States{}));
};
template <class W, class After, class Event>
struct legal_after_of {
    static constexpr state_and_route<graph<W>> value = first_reached_outside<graph<W>>(
        detail::index_of_v<states_t<W>, After>, states_with_row_for<graph<W>>(detail::index_of_v<events_t<W>, Event>));
};

template <class G, std::size_t N>
constexpr state_and_row first_legality_mismatch(std::size_t event, std::array<bool, N> const& expected) {
    for (std::size_t s = 0; s < G::state_count; ++s) {
        std::size_t row = npos;
        for (std::size_t r = 0; r < G::row_count && row == npos; ++r)
            if (G::edges[r].source == s && G::edges[r].event == event) row = r;
        if ((row != npos) != expected[s]) return {s, row};
    }
    return {};
}

template <class G>
constexpr std::size_t first_row_leaving(std::size_t state) {
    for (std::size_t r = 0; r < G::row_count; ++r)
        if (G::edges[r].source == state && G::edges[r].target != state) return r;
    return npos;
}

template <class W, std::size_t S>
struct unreachable_finding {
    using type = state_unreachable<at_t<states_t<W>, S>>;
};
template <class W>
struct unreachable_finding<W, npos> {
    using type = ok;
};

template <class W, std::size_t S, std::size_t R>
struct dead_end_finding {
    using type = terminal_state_has_row<at_t<states_t<W>, S>, typename at_t<rows_t<W>, R>::Evt>;
};
template <class W, std::size_t S>
struct dead_end_finding<W, S, npos> {
    using type = dead_end<at_t<states_t<W>, S>>;
};
template <class W>
struct dead_end_finding<W, npos, npos> {
    using type = ok;
};

template <class W, std::size_t R>
struct row_finding_nondeterministic {
    using row = at_t<rows_t<W>, R>;
    using type = nondeterministic<typename row::Source, typename row::Evt>;
};
template <class W>
struct row_finding_nondeterministic<W, npos> {
    using type = ok;
};

template <class W, std::size_t S>
struct trap_finding {
    using type = trapped<at_t<states_t<W>, S>, typename path_of<W, first_trap_of<W>>::type>;
};
template <class W>
struct trap_finding<W, npos> {
    using type = ok;
};

template <class W, class State, class Required, bool Violated>
struct precedence_finding {
    using type = ok;
};
template <class W, class State, class Required>
struct precedence_finding<W, State, Required, true> {
    using route = route_avoiding<W, detail::index_of_v<states_t<W>, State>, detail::index_of_v<states_t<W>, Required>>;
    using type = reached_without<State, Required, typename path_of<W, route>::type>;
};

template <class W, class Event, std::size_t S, std::size_t R>
struct legality_finding {
    using type = legal_in_unlisted_state<Event, at_t<states_t<W>, S>>;
};
template <class W, class Event, std::size_t S>
struct legality_finding<W, Event, S, npos> {
    using type = illegal_in_listed_state<Event, at_t<states_t<W>, S>>;
};
template <class W, class Event>
struct legality_finding<W, Event, npos, npos> {
    using type = ok;
};

template <class W, class State, std::size_t R>
struct absorbing_finding {
    using row = at_t<rows_t<W>, R>;
    using type = leaves_absorbing_state<State, typename row::Evt, typename row::Target>;
};
template <class W, class State>
struct absorbing_finding<W, State, npos> {
    using type = ok;
};

template <class G>
constexpr bool reaches(std::size_t from, std::size_t to) {
    return G::reachable(from)[to];
}

template <class State, bool Reached>
struct reached_finding {
    using type = ok;
};
template <class State>
struct reached_finding<State, false> {
    using type = never_reached<State>;
};

template <class W, class States, std::size_t S = outside_of<W, States>::value.state>
struct always_finding {
    using type = reached_outside<at_t<states_t<W>, S>, typename path_of<W, outside_of<W, States>>::type>;
};
template <class W, class States>
struct always_finding<W, States, npos> {
    using type = ok;
};

template <class W, class States, std::size_t S = lasso_of<W, States>::value.state,
          bool Stops = lasso_of<W, States>::value.cycle.length == 0>
struct eventually_finding {
    using type = avoided_forever<at_t<states_t<W>, S>, typename path_of<W, lasso_into<W, States>>::type,
                                 typename path_of<W, lasso_cycle<W, States>>::type>;
};
template <class W, class States, std::size_t S>
struct eventually_finding<W, States, S, true> {
    using type = stopped_outside<at_t<states_t<W>, S>, typename path_of<W, lasso_into<W, States>>::type>;
};
template <class W, class States>
struct eventually_finding<W, States, npos, true> {
    using type = ok;
};

template <class W, class After, class Event, std::size_t S = legal_after_of<W, After, Event>::value.state>
struct never_after_finding {
    using type =
        legal_after<After, Event, at_t<states_t<W>, S>, typename path_of<W, legal_after_of<W, After, Event>>::type>;
};
template <class W, class After, class Event>
struct never_after_finding<W, After, Event, npos> {
    using type = ok;
};

template <class Finding, class... Rest>
struct first_finding {
    using type = Finding;
};
template <class Next, class... Rest>
struct first_finding<ok, Next, Rest...> : first_finding<Next, Rest...> {};

}  // namespace impl

/// Every state is reachable from the initial state.
template <workflow W>
using unreachable = typename impl::unreachable_finding<W, impl::first_unreachable<graph<W>>()>::type;

/// Every non-terminal state has a row leaving it; no terminal state has one.
template <workflow W>
using dead_ends = typename impl::dead_end_finding<W, impl::first_dead_end<graph<W>>().state,
                                                  impl::first_dead_end<graph<W>>().row>::type;

/// No two rows for the same (state, event) unless every one of them is guarded.
template <workflow W>
using nondeterminism =
    typename impl::row_finding_nondeterministic<W, impl::first_nondeterministic_row<graph<W>>()>::type;

/// From every state reachable from the initial state, a terminal state or an
/// absorbing one (no row to another state, as the lifecycle's
/// `contract_ended`, where only feedback is left) is reachable: no run goes
/// round for ever with no way to end. A non-terminal state with no row at all
/// is `dead_ends`' finding. The finding names the trapped state nearest the
/// initial state and the shortest path of events to it. For a workflow from
/// `offered` whose contract can pause and resume but never end:
///
///     static_assert(std::is_same_v<verify::traps<endless_contract>,
///                                  verify::trapped<state::contract_active, verify::path<event::accept_offer>>>);
template <workflow W>
using traps = typename impl::trap_finding<W, impl::first_trap_of<W>::value.state>::type;

/// Every path from the initial state to `State` passes through `Required`.
/// The finding names the shortest path of events that reaches `State`
/// without it:
///
///     static_assert(verify::passes<verify::precedence<lifecycle, state::offered, state::contract_active>>);
///     // A direct offer skips the interview:
///     static_assert(std::is_same_v<verify::precedence<lifecycle, state::interviewing, state::contract_active>,
///                                  verify::reached_without<state::contract_active, state::interviewing,
///                                                          verify::path<event::send_offer, event::accept_offer>>>);
template <workflow W, class Required, class State>
using precedence = typename impl::precedence_finding<W, State, Required,
                                                     impl::reachable_avoiding<graph<W>>(
                                                         detail::index_of_v<states_t<W>, State>,
                                                         detail::index_of_v<states_t<W>, Required>)>::type;

/// `Event` has a row in exactly the listed states.
///
///     static_assert(verify::passes<verify::legal_exactly_in<lifecycle, event::log_work,
///     type_list<state::contract_active>>>);
template <workflow W, class Event, class States>
using legal_exactly_in = typename impl::legality_finding<
    W, Event,
    impl::first_legality_mismatch<graph<W>>(detail::index_of_v<events_t<W>, Event>, graph<W>::flags(States{})).state,
    impl::first_legality_mismatch<graph<W>>(detail::index_of_v<events_t<W>, Event>, graph<W>::flags(States{}))
        .row>::type;

/// No row takes `State` to another state.
template <workflow W, class State>
using absorbing =
    typename impl::absorbing_finding<W, State,
                                     impl::first_row_leaving<graph<W>>(detail::index_of_v<states_t<W>, State>)>::type;

/// EF `State`: `State` is reachable from the initial state. The finding is
/// `never_reached<State>`; `unreachable<W>` checks every state at once.
///
///     static_assert(verify::passes<verify::reachable<lifecycle, state::contract_active>>);
template <workflow W, class State>
using reachable =
    typename impl::reached_finding<State, impl::reaches<graph<W>>(graph<W>::initial,
                                                                  detail::index_of_v<states_t<W>, State>)>::type;

/// AG over a set of states: every state reachable from the initial state
/// (the initial state included) is in `type_list<States...>`. The finding
/// names the reachable state outside the set nearest the initial state and the
/// shortest path of events to it:
///
///     // Before an offer: a direct offer leaves the set at once.
///     static_assert(std::is_same_v<verify::always<lifecycle, type_list<state::prospect, state::invited,
///                                  state::submitted, state::interviewing, state::closed>>,
///                                  verify::reached_outside<state::offered, verify::path<event::send_offer>>>);
template <workflow W, class States>
using always = typename impl::always_finding<W, States>::type;

/// AF over a set of states: every run from the initial state reaches one of
/// `type_list<States...>` or a terminal state. A run fails it if it can go
/// round for ever, or stop in a non-terminal state with no row leaving it,
/// without reaching them. Guards are not read: every row may fire. The
/// finding is the shortest counterexample, the one with the fewest events:
/// `avoided_forever<State, path<Into...>, path<Cycle...>>` for a run that goes
/// round (to `State`, then round a cycle back to it, for ever), or
/// `stopped_outside<State, path<...>>` for one that stops. An absorbing state
/// with a row to itself (the lifecycle's `contract_ended`) is a cycle of one
/// event:
///
///     // Every candidacy that does not end is talked to: an interview or an offer.
///     static_assert(verify::passes<verify::eventually<lifecycle, type_list<state::interviewing, state::offered>>>);
///     // Not every one ends: an offer can be modified for ever.
///     static_assert(std::is_same_v<verify::eventually<lifecycle, type_list<state::contract_ended>>,
///                                  verify::avoided_forever<state::offered, verify::path<event::send_offer>,
///                                                          verify::path<event::modify_offer>>>);
template <workflow W, class States>
using eventually = typename impl::eventually_finding<W, States>::type;

/// After `State`, `Event` is never legal again: no state reachable from
/// `State` (`State` included) has a row for `Event`. The finding names the
/// nearest such state and the shortest path of events to it, from
/// `State`:
///
///     static_assert(verify::passes<verify::never_after<lifecycle, state::contract_ended, event::log_work>>);
///     // An offer can be withdrawn, and then the freelancer may withdraw too.
///     static_assert(std::is_same_v<verify::never_after<lifecycle, state::offered, event::withdraw>,
///                                  verify::legal_after<state::offered, event::withdraw, state::interviewing,
///                                                      verify::path<event::withdraw_offer>>>);
template <workflow W, class State, class Event>
using never_after = typename impl::never_after_finding<W, State, Event>::type;

/// The structural checks every workflow should pass: reachability, no dead
/// ends, determinism, no traps. The first finding, or `ok`.
template <workflow W>
using structure = typename impl::first_finding<unreachable<W>, dead_ends<W>, nondeterminism<W>, traps<W>>::type;

/// The first finding among several checks that is not `ok`, or `ok`.
///
///     static_assert(check<first_finding<structure<my_workflow>, traps<my_workflow>>>);
template <class... Findings>
using first_finding = typename impl::first_finding<Findings...>::type;

}  // namespace hireguard::verify

#endif
