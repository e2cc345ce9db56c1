// The invariants every workflow keeps, checked step by step on any executor
// (`basic_machine<W>`, `basic_msm_machine<W>`, a host's own): a rejection
// changes nothing, a terminal state refuses every event as an illegal
// transition, an event is illegal exactly where the table has no row for it,
// an accepted event takes a row of the table, and two executors given the
// same events agree. Also the row coverage a fuzzer or a test reports.
// Needs nothing but hireguard's core: the property tests
// (<hireguard/testing/rapidcheck.hpp>) and the fuzzers
// (<hireguard/testing/fuzz.hpp>) are built on it.
#ifndef HIREGUARD_TESTING_CHECKS_HPP
#define HIREGUARD_TESTING_CHECKS_HPP

#include <array>
#include <chrono>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <hireguard/core/table.hpp>
#include <hireguard/core/verdict.hpp>
#include <hireguard/core/verify.hpp>
#include <hireguard/core/workflow.hpp>

namespace hireguard::testing {

/// What an executor of `W` looks like between two events: its state's name,
/// its data and its policy. Everything a rejected event must leave as it was.
///
///     auto const was = hireguard::testing::snapshot_of<W>(m);
///     (void)m.process(e);
///     bool const unchanged = hireguard::testing::snapshot_of<W>(m) == was;
template <workflow W>
struct snapshot {
    std::string_view state;
    data_t<W> data;
    policy_t<W> policy;

    friend bool operator==(snapshot const& a, snapshot const& b) {
        if (a.state != b.state) return false;
        if constexpr (std::equality_comparable<data_t<W>>)
            if (!(a.data == b.data)) return false;
        if constexpr (std::equality_comparable<policy_t<W>>)
            if (!(a.policy == b.policy)) return false;
        return true;
    }
};

/// An executor of workflow `W`: processes its events, names its state and
/// hands out its data and policy, as `basic_machine<W>` and
/// `basic_msm_machine<W>` do:
/// `static_assert(hireguard::testing::executor_of<hireguard::machine, hireguard::lifecycle>)`.
template <class X, class W>
concept executor_of = workflow<W> && requires(X& x, X const& cx, event_variant_t<W> const& e) {
    { x.process(e) } -> std::same_as<verdict>;
    { cx.state_name() } -> std::convertible_to<std::string_view>;
    { cx.data() } -> std::convertible_to<data_t<W> const&>;
    { cx.policy() } -> std::convertible_to<policy_t<W> const&>;
};

/// The snapshot of executor `x`: `hireguard::testing::snapshot_of<W>(m)`.
template <workflow W, executor_of<W> X>
[[nodiscard]] snapshot<W> snapshot_of(X const& x) {
    return {x.state_name(), x.data(), x.policy()};
}

/// The index in `states_t<W>` of the state named `name`, or `verify::npos`:
/// `hireguard::testing::state_index<W>("offered")`.
template <workflow W>
[[nodiscard]] constexpr std::size_t state_index(std::string_view name) noexcept {
    auto const& names = verify::graph<W>::state_names;
    for (std::size_t i = 0; i < names.size(); ++i)
        if (names[i] == name) return i;
    return verify::npos;
}

/// Whether the state at `state` (an index into `states_t<W>`) is declared
/// terminal: `is_terminal<W>(state_index<W>("closed"))`.
template <workflow W>
[[nodiscard]] constexpr bool is_terminal(std::size_t state) noexcept {
    return state < verify::graph<W>::state_count && verify::graph<W>::terminal[state];
}

/// Whether the table has a row for the event at `event` (an index into
/// `events_t<W>`, which is also its alternative in `event_variant_t<W>`) in
/// the state at `state`: `legal<W>(state_index<W>("offered"), e.index())`.
template <workflow W>
[[nodiscard]] constexpr bool legal(std::size_t state, std::size_t event) noexcept {
    for (auto const& r : verify::graph<W>::edges)
        if (r.source == state && r.event == event) return true;
    return false;
}

/// The row (an index into `rows_t<W>`) that leads from `from` to `to` on the
/// event at `event`, or `verify::npos`: which row an accepted event took.
///
///     auto const row = row_taken<W>(state_index<W>(before), e.index(), state_index<W>(m.state_name()));
template <workflow W>
[[nodiscard]] constexpr std::size_t row_taken(std::size_t from, std::size_t event, std::size_t to) noexcept {
    auto const& rows = verify::graph<W>::edges;
    for (std::size_t r = 0; r < rows.size(); ++r)
        if (rows[r].source == from && rows[r].event == event && rows[r].target == to) return r;
    return verify::npos;
}

/// The first invariant of every workflow that one step broke, in words, or
/// nothing: an event rejected as an illegal transition exactly when the table
/// has no row for it in the state before; a rejection leaves the snapshot as
/// it was; a terminal state refuses every event as an illegal transition; an
/// accepted event takes a row of the table.
///
///     auto const before = snapshot_of<W>(m);
///     verdict const v = m.process(e);
///     if (auto broken = hireguard::testing::broken_invariant<W>(before, e, v, snapshot_of<W>(m)))
///         std::puts(broken->c_str());
template <workflow W>
[[nodiscard]] std::optional<std::string> broken_invariant(snapshot<W> const& before, event_variant_t<W> const& e,
                                                          verdict const& v, snapshot<W> const& after) {
    std::size_t const from = state_index<W>(before.state);
    std::size_t const to = state_index<W>(after.state);
    auto const where = [&] {
        return std::string(" (state ") + std::string(before.state) + ", event " +
               std::string(verify::graph<W>::event_names[e.index()]) + ")";
    };
    if (from == verify::npos || to == verify::npos) return "a state that is not the workflow's" + where();
    bool const has_row = legal<W>(from, e.index());
    if (v.rejected_as(rejection_kind::illegal_transition) == has_row)
        return (has_row ? "an event with a row was rejected as an illegal transition"
                        : "an event without a row was not rejected as an illegal transition") +
               where();
    if (!v.accepted() && !(after == before)) return "a rejection changed something" + where();
    if (is_terminal<W>(from) && !v.rejected_as(rejection_kind::illegal_transition))
        return "a terminal state let an event through" + where();
    if (v.accepted() && row_taken<W>(from, e.index(), to) == verify::npos)
        return "an accepted event took no row of the table" + where();
    return std::nullopt;
}

/// The first difference between two executors' answers to the same event, in
/// words, or nothing: acceptance, rejection kind, rule, state and message of a
/// rejection, then the snapshots after it.
///
///     verdict const a = flat.process(e), b = msm.process(e);
///     auto differ = hireguard::testing::disagreement<W>(a, snapshot_of<W>(flat), b, snapshot_of<W>(msm));
template <workflow W>
[[nodiscard]] std::optional<std::string> disagreement(verdict const& a, snapshot<W> const& after_a, verdict const& b,
                                                      snapshot<W> const& after_b) {
    if (a.accepted() != b.accepted()) return std::string("the executors disagree on acceptance");
    if (!a.accepted() && (a.error().kind != b.error().kind || a.error().rule != b.error().rule ||
                          a.error().state != b.error().state || a.message() != b.message()))
        return "the executors reject differently: \"" + a.message() + "\" and \"" + b.message() + "\"";
    if (after_a.state != after_b.state)
        return "the executors disagree on the state: " + std::string(after_a.state) + " and " +
               std::string(after_b.state);
    if (!(after_a == after_b)) return std::string("the executors disagree on the data or the policy");
    return std::nullopt;
}

/// What `process_checked` hands back: the executor's verdict, the row the
/// event took (`verify::npos` when it was rejected) and the first broken
/// invariant, if any: `if (step.broken) report(*step.broken);`.
struct checked_step {
    verdict answer;
    std::size_t row = verify::npos;
    std::optional<std::string> broken;
};

/// Processes `e` on `x` and checks every invariant of `broken_invariant`.
///
///     auto step = hireguard::testing::process_checked<W>(m, e);
///     assert(!step.broken);
template <workflow W, executor_of<W> X>
[[nodiscard]] checked_step process_checked(X& x, event_variant_t<W> const& e) {
    snapshot<W> const before = snapshot_of<W>(x);
    checked_step out{x.process(e), verify::npos, std::nullopt};
    snapshot<W> const after = snapshot_of<W>(x);
    out.broken = broken_invariant<W>(before, e, out.answer, after);
    if (out.answer.accepted())
        out.row = row_taken<W>(state_index<W>(before.state), e.index(), state_index<W>(after.state));
    return out;
}

/// Which rows of `W` accepted events took over a run, and how long it took
/// to reach the last of them; `print` reports `rows reached: N/M` and each
/// row missed.
///
///     hireguard::testing::row_coverage<W> seen;
///     seen.record(hireguard::testing::process_checked<W>(m, e).row);
///     seen.print(stderr, "my_fuzzer");   // my_fuzzer: rows reached: 26/26 (all after 0.41 s)
template <workflow W>
class row_coverage {
public:
    static constexpr std::size_t row_count = verify::graph<W>::row_count;

    /// Counts row `row`; `verify::npos` (a rejected event) counts nothing.
    void record(std::size_t row) {
        if (row >= row_count || hits_[row]++ != 0) return;
        if (reached() == row_count)
            all_reached_after_ = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    }
    /// How many rows were taken at least once.
    [[nodiscard]] std::size_t reached() const noexcept {
        std::size_t n = 0;
        for (auto h : hits_) n += h != 0 ? 1 : 0;
        return n;
    }
    /// How many times row `row` was taken.
    [[nodiscard]] std::uint64_t hits(std::size_t row) const noexcept { return hits_[row]; }

    /// `<label>: rows reached: N/M (all after S s)`, then one line per row missed.
    void print(std::FILE* out, char const* label) const {
        using G = verify::graph<W>;
        std::fprintf(out, "%s: rows reached: %zu/%zu", label, reached(), row_count);
        if (all_reached_after_ >= 0) std::fprintf(out, " (all after %.2f s)", all_reached_after_);
        std::fprintf(out, "\n");
        auto const text = [](std::string_view s) { return std::pair{static_cast<int>(s.size()), s.data()}; };
        for (std::size_t r = 0; r < row_count; ++r) {
            if (hits_[r] != 0) continue;
            auto const [fl, f] = text(G::state_names[G::edges[r].source]);
            auto const [el, ev] = text(G::event_names[G::edges[r].event]);
            auto const [tl, t] = text(G::state_names[G::edges[r].target]);
            std::fprintf(out, "%s: row not reached: %.*s --%.*s--> %.*s\n", label, fl, f, el, ev, tl, t);
        }
    }

private:
    std::array<std::uint64_t, row_count> hits_{};
    std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
    double all_reached_after_ = -1;
};

}  // namespace hireguard::testing

#endif
