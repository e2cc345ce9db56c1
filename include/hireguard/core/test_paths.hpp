// Test paths generated from a workflow's table, as XState's graph tools do for
// JavaScript: the shortest sequence of rows that reaches each state, and a set
// of sequences that together fire every row. A host drives its own
// integration tests with them: for each row of a path, build the row's event
// (with a payload that satisfies its guard) and fire it.
#ifndef HIREGUARD_CORE_TEST_PATHS_HPP
#define HIREGUARD_CORE_TEST_PATHS_HPP

#include <array>
#include <cstddef>
#include <type_traits>
#include <utility>

#include <hireguard/core/table.hpp>
#include <hireguard/core/verify.hpp>
#include <hireguard/core/workflow.hpp>

namespace hireguard {

/// A sequence of rows of workflow `W`, by index into `rows_t<W>`, starting in
/// the initial state. A path has at most one row per state of the workflow.
template <workflow W>
struct test_path {
    static constexpr std::size_t capacity = verify::graph<W>::state_count;
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
