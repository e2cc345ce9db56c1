// Test paths generated from a workflow's table, as XState's graph tools do for
// JavaScript: the shortest sequence of rows that reaches each state, a set of
// sequences that together fire every row, one that fires every pair of rows
// that can follow each other, and a plan that fires each guarded row once
// with its guard holding and once with it failing. A host drives its own
// integration tests with them: for each row of a path, build the row's event
// (with a payload that satisfies its guard) and fire it.
#ifndef HIREGUARD_CORE_TEST_PATHS_HPP
#define HIREGUARD_CORE_TEST_PATHS_HPP

#include <array>
#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <utility>

#include <hireguard/core/table.hpp>
#include <hireguard/core/verify.hpp>
#include <hireguard/core/workflow.hpp>

namespace hireguard {

/// A sequence of rows of workflow `W`, by index into `rows_t<W>`, starting in
/// the initial state, of at most `Capacity` rows: by default one row per state
/// of the workflow, as a shortest path has; `pair_path<W>` holds more.
template <workflow W, std::size_t Capacity = verify::graph<W>::state_count>
struct test_path {
    static constexpr std::size_t capacity = Capacity;
    std::array<std::size_t, capacity> rows{};
    std::size_t length = 0;

    [[nodiscard]] constexpr std::size_t const* begin() const noexcept { return rows.data(); }
    [[nodiscard]] constexpr std::size_t const* end() const noexcept { return rows.data() + length; }
    /// The state the path ends in, by index into `states_t<W>`.
    [[nodiscard]] constexpr std::size_t final_state() const noexcept {
        return length == 0 ? verify::graph<W>::initial : verify::graph<W>::edges[rows[length - 1]].target;
    }
};

namespace detail {

template <class W>
constexpr test_path<W> path_to(std::size_t state) {
    using G = verify::graph<W>;
    constexpr auto found = G::search(G::initial);
    auto const route = G::route_to(found, state);
    test_path<W> p;
    p.rows = route.rows;
    p.length = route.length;
    return p;
}

}  // namespace detail

/// For each state (by index into `states_t<W>`), the shortest row sequence
/// from the initial state that reaches it. Unreachable states get an empty
/// path whose `final_state()` is not theirs.
template <workflow W>
inline constexpr auto shortest_paths = [] {
    std::array<test_path<W>, verify::graph<W>::state_count> out{};
    for (std::size_t s = 0; s < out.size(); ++s) out[s] = detail::path_to<W>(s);
    return out;
}();

/// Row sequences that together fire every row reachable from the initial
/// state: for each row not yet covered, the shortest path to its source and
/// then the row. `count` of the `paths` are used.
template <workflow W>
struct covering_set {
    std::array<test_path<W>, verify::graph<W>::row_count> paths{};
    std::size_t count = 0;
    [[nodiscard]] constexpr test_path<W> const* begin() const noexcept { return paths.data(); }
    [[nodiscard]] constexpr test_path<W> const* end() const noexcept { return paths.data() + count; }
};

/// The covering set of `W`.
template <workflow W>
inline constexpr auto covering_paths = [] {
    using G = verify::graph<W>;
    covering_set<W> out;
    std::array<bool, G::row_count> covered{};
    for (std::size_t r = 0; r < G::row_count; ++r) {
        if (covered[r]) continue;
        test_path<W> p = shortest_paths<W>[G::edges[r].source];
        if (p.final_state() != G::edges[r].source) continue;  // unreachable row
        p.rows[p.length++] = r;
        for (std::size_t i = 0; i < p.length; ++i) covered[p.rows[i]] = true;
        out.paths[out.count++] = p;
    }
    return out;
}();

namespace detail {

// Whether the row's source is reachable from the initial state.
template <class W>
constexpr bool row_reachable(std::size_t row) {
    using G = verify::graph<W>;
    return shortest_paths<W>[G::edges[row].source].final_state() == G::edges[row].source;
}

// The size of covering_pairs<W>: how many pairs of rows can follow each
// other, how many paths cover them and the longest path's length.
struct pair_walk_size {
    std::size_t pairs = 0;
    std::size_t paths = 0;
    std::size_t longest = 0;
};

// The greedy walk behind covering_pairs: for each pair (a, b) not yet
// covered, in row order, a path starts with the shortest path to a's source,
// then a and b, and goes on while the row it ends with is followed by a pair
// not yet covered (the first such row, in declaration order). `sink.start()`
// opens a path and `sink.push(row)` appends to it. It runs twice: once to size
// the set, once to fill it, so the set's paths hold no more than the longest.
template <class W, class Sink>
constexpr void walk_pairs(Sink& sink) {
    using G = verify::graph<W>;
    constexpr std::size_t n = G::row_count;
    std::array<bool, n * n> covered{};
    auto const follows = [](std::size_t a, std::size_t b) { return G::edges[a].target == G::edges[b].source; };
    for (std::size_t a = 0; a < n; ++a) {
        if (!row_reachable<W>(a)) continue;
        test_path<W> const& to_a = shortest_paths<W>[G::edges[a].source];
        for (std::size_t b = 0; b < n; ++b) {
            if (!follows(a, b) || covered[a * n + b]) continue;
            sink.start();
            std::size_t last = verify::npos;
            auto const append = [&](std::size_t r) {
                if (last != verify::npos) covered[last * n + r] = true;
                sink.push(r);
                last = r;
            };
            for (std::size_t r : to_a) append(r);
            append(a);
            append(b);
            for (bool grew = true; grew;) {
                grew = false;
                for (std::size_t c = 0; c < n && !grew; ++c)
                    if (follows(last, c) && !covered[last * n + c]) {
                        append(c);
                        grew = true;
                    }
            }
        }
    }
}

// The sinks of walk_pairs, at namespace scope: clang++ 14 cannot evaluate
// the member functions of a class local to a variable template's initializer.
struct pair_walk_counter {
    pair_walk_size size;
    std::size_t length = 0;
    constexpr void start() {
        ++size.paths;
        length = 0;
    }
    constexpr void push(std::size_t /*row*/) {
        if (++length > size.longest) size.longest = length;
    }
};

template <class W>
constexpr pair_walk_size size_pair_walk() {
    using G = verify::graph<W>;
    pair_walk_counter c;
    walk_pairs<W>(c);
    for (std::size_t a = 0; a < G::row_count; ++a) {
        if (!row_reachable<W>(a)) continue;
        for (std::size_t b = 0; b < G::row_count; ++b)
            if (G::edges[a].target == G::edges[b].source) ++c.size.pairs;
    }
    return c.size;
}

template <class W>
inline constexpr pair_walk_size pair_walk_size_of = size_pair_walk<W>();

}  // namespace detail

/// A path of `covering_pairs<W>`: room for the longest of them.
template <workflow W>
using pair_path = test_path<W, detail::pair_walk_size_of<W>.longest>;

/// Row sequences that together contain every pair of rows that can follow
/// each other on a run from the initial state: row `a`, then row `b` that
/// leaves the state `a` enters. `count` paths, each `pair_path<W>`.
template <workflow W>
struct covering_pair_set {
    /// How many pairs of rows can follow each other: for every row reachable
    /// from the initial state, the rows that leave its target.
    static constexpr std::size_t pair_count = detail::pair_walk_size_of<W>.pairs;
    std::array<pair_path<W>, detail::pair_walk_size_of<W>.paths> paths{};
    std::size_t count = 0;
    [[nodiscard]] constexpr pair_path<W> const* begin() const noexcept { return paths.data(); }
    [[nodiscard]] constexpr pair_path<W> const* end() const noexcept { return paths.data() + count; }
};

namespace detail {
template <class W>
struct pair_walk_filler {
    covering_pair_set<W> out;
    constexpr void start() { out.paths[out.count++].length = 0; }
    constexpr void push(std::size_t row) {
        pair_path<W>& p = out.paths[out.count - 1];
        p.rows[p.length++] = row;
    }
};
}  // namespace detail

/// The pair-covering set of `W`: for each pair not yet covered, in row order,
/// the shortest path to the first row's source, the two rows, and then, while
/// the last row is followed by a pair not yet covered, the first such row.
/// Guards are not read: a pair whose guards cannot both hold one after the
/// other (a milestone funded twice in a row) is in a path all the same, and
/// the host's event factory decides what to fire for it.
template <workflow W>
inline constexpr auto covering_pairs = [] {
    detail::pair_walk_filler<W> f;
    detail::walk_pairs<W>(f);
    return f.out;
}();

/// What a `guard_case` wants its row's guard to do with the event.
enum class guard_outcome : std::uint8_t {
    accepted,  ///< the guard holds: the row fires
    rejected,  ///< the guard fails: the event is rejected, the state unchanged
};

/// One entry of `guard_plan<W>`: fire `path` (the shortest path to the
/// source of `row`), then `row`'s event, built so that `row`'s guard gives
/// `outcome`.
template <workflow W>
struct guard_case {
    test_path<W> path{};
    std::size_t row = 0;
    guard_outcome outcome = guard_outcome::accepted;
};

namespace detail {
template <class W>
constexpr std::size_t reachable_guarded_rows() {
    std::size_t n = 0;
    for (std::size_t r = 0; r < verify::graph<W>::row_count; ++r)
        if (verify::graph<W>::edges[r].guarded && row_reachable<W>(r)) ++n;
    return n;
}
}  // namespace detail

/// For each guarded row reachable from the initial state, in row order, two
/// cases: `guard_outcome::accepted`, then `guard_outcome::rejected`. The plan
/// gives the structure; the host's event factory builds the payload (and the
/// data along the path) that makes the guard hold or fail. Where two guarded
/// rows share a state and an event (the lifecycle's `accept_offer`), a
/// rejection must fail both, or the other row fires.
template <workflow W>
inline constexpr auto guard_plan = [] {
    using G = verify::graph<W>;
    std::array<guard_case<W>, 2 * detail::reachable_guarded_rows<W>()> out{};
    std::size_t i = 0;
    for (std::size_t r = 0; r < G::row_count; ++r) {
        if (!G::edges[r].guarded || !detail::row_reachable<W>(r)) continue;
        out[i++] = {shortest_paths<W>[G::edges[r].source], r, guard_outcome::accepted};
        out[i++] = {shortest_paths<W>[G::edges[r].source], r, guard_outcome::rejected};
    }
    return out;
}();

/// Calls `f(std::type_identity<Row>{})` with the type of row `index` of `W`,
/// so that code can build the row's event: `typename decltype(tag)::type::Evt`.
template <workflow W, class F>
void visit_row(std::size_t index, F&& f) {
    [&]<std::size_t... I>(std::index_sequence<I...>) {
        (void)((index == I ? (f(std::type_identity<verify::impl::at_t<rows_t<W>, I>>{}), true) : false) || ...);
    }
    (std::make_index_sequence<rows_t<W>::size>{});
}

}  // namespace hireguard

#endif
