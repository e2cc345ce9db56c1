// Fuzzing any workflow with libFuzzer (or AFL++, or a replay of saved
// inputs): bytes become events of the workflow through the host's event
// factory, every executor given runs them, and every invariant of
// <hireguard/testing/checks.hpp> is checked after every event; a broken one
// prints one line and traps. Row coverage is counted over the run.
// Needs hireguard's core only: no RapidCheck, and nothing of libFuzzer is
// included or linked, so that the helpers can be called from the host's
// `LLVMFuzzerTestOneInput`:
//
//     extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
//         hireguard::basic_machine<W> m;
//         hireguard::testing::fuzz_events<W>(data, size, next_event, m);
//         return 0;
//     }
#ifndef HIREGUARD_TESTING_FUZZ_HPP
#define HIREGUARD_TESTING_FUZZ_HPP

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>

#include <hireguard/core/table.hpp>
#include <hireguard/core/verdict.hpp>
#include <hireguard/core/workflow.hpp>
#include <hireguard/testing/checks.hpp>

namespace hireguard::testing {

/// A fuzzer's input read one byte at a time from its end, as libFuzzer's
/// `FuzzedDataProvider::ConsumeIntegral<std::uint8_t>` reads it (so a corpus
/// written for one reads the same with the other); 0 once it is used up.
///
///     hireguard::testing::byte_reader in(data, size);
///     while (!in.done()) use(in.byte());
class byte_reader {
public:
    byte_reader(std::uint8_t const* data, std::size_t size) noexcept : data_(data), remaining_(size) {}

    /// Whether every byte has been read.
    [[nodiscard]] bool done() const noexcept { return remaining_ == 0; }
    /// How many bytes are left.
    [[nodiscard]] std::size_t remaining() const noexcept { return remaining_; }
    /// The next byte, or 0 when there is none.
    std::uint8_t byte() noexcept { return remaining_ == 0 ? std::uint8_t{0} : data_[--remaining_]; }
    /// One of `n` choices (`n` > 0), read from one byte: `in.pick(3)` is 0, 1 or 2.
    std::size_t pick(std::size_t n) noexcept { return byte() % n; }

private:
    std::uint8_t const* data_;
    std::size_t remaining_;
};

/// The event of kind `kind % events_t<W>::size` (the order of `events_t<W>`
/// and of `event_variant_t<W>`), built by the host's `make`, called with
/// `std::type_identity<Event>{}` and returning an `Event` or an
/// `event_variant_t<W>`:
///
///     auto e = hireguard::testing::make_event<W>(in.byte(), [&](auto kind) {
///         typename decltype(kind)::type event{};
///         event.at = next_time(in);
///         return event;
///     });
template <workflow W, class Make>
[[nodiscard]] event_variant_t<W> make_event(std::size_t kind, Make&& make) {
    constexpr std::size_t n = std::variant_size_v<event_variant_t<W>>;
    return [&]<std::size_t... I>(std::index_sequence<I...>) {
        event_variant_t<W> out;
        (void)((kind % n == I ? (out = event_variant_t<W>(
                                     make(std::type_identity<std::variant_alternative_t<I, event_variant_t<W>>>{})),
                                 true)
                              : false) ||
               ...);
        return out;
    }
    (std::make_index_sequence<n>{});
}

/// At most this many events are read from one input by `fuzz_events`:
/// `for (std::size_t i = 0; i < max_fuzz_events && !in.done(); ++i) ...`.
inline constexpr std::size_t max_fuzz_events = 512;

/// Prints `hireguard fuzz: invariant violated: <what>` and traps, so that
/// the fuzzer saves the input: `if (step.broken) fuzz_failure(*step.broken);`.
[[noreturn]] inline void fuzz_failure(std::string_view what) {
    std::fprintf(stderr, "hireguard fuzz: invariant violated: %.*s\n", static_cast<int>(what.size()), what.data());
    __builtin_trap();
}

/// The rows of `W` taken over the whole fuzzing run, across inputs, as
/// `fuzz_step` counts them: `fuzz_coverage<W>().reached()`.
template <workflow W>
[[nodiscard]] row_coverage<W>& fuzz_coverage() {
    static row_coverage<W> c;
    return c;
}

namespace detail {
template <class W>
inline char const* fuzz_label = "fuzz";
}  // namespace detail

/// Prints `fuzz_coverage<W>()` at exit, as `<label>: rows reached: N/M`,
/// then the rows missed; call it from `LLVMFuzzerInitialize`:
/// `hireguard::testing::report_rows_at_exit<W>("fuzz_my_workflow")`.
template <workflow W>
void report_rows_at_exit(char const* label) {
    detail::fuzz_label<W> = label;
    std::atexit([] { fuzz_coverage<W>().print(stderr, detail::fuzz_label<W>); });
}

/// Fires `e` on `x` and on each of `others`, traps on a broken invariant of
/// any of them or on a difference between `x` and another, counts the row
/// `x` took in `fuzz_coverage<W>()`, and returns `x`'s step.
///
///     auto step = hireguard::testing::fuzz_step<W>(e, flat, msm);
template <workflow W, executor_of<W> X, executor_of<W>... Others>
checked_step fuzz_step(event_variant_t<W> const& e, X& x, Others&... others) {
    checked_step step = process_checked<W>(x, e);
    if (step.broken) fuzz_failure(*step.broken);
    auto const against = [&](auto& other) {
        checked_step const theirs = process_checked<W>(other, e);
        if (theirs.broken) fuzz_failure(*theirs.broken);
        if (auto differ = disagreement<W>(step.answer, snapshot_of<W>(x), theirs.answer, snapshot_of<W>(other)))
            fuzz_failure(*differ + " (event " + std::string(verify::graph<W>::event_names[e.index()]) + ")");
    };
    (against(others), ...);
    fuzz_coverage<W>().record(step.row);
    return step;
}

/// The whole of a host's `LLVMFuzzerTestOneInput`: up to `max_fuzz_events`
/// events, each made by `next(in, x)` from the bytes (`in`, a `byte_reader`)
/// and the first executor (to time an event after the candidacy's last one,
/// say), fired through `fuzz_step` on every executor.
///
///     hireguard::basic_machine<W> flat;
///     hireguard::basic_msm_machine<W> msm;
///     hireguard::testing::fuzz_events<W>(data, size, next_event, flat, msm);
template <workflow W, class Next, executor_of<W> X, executor_of<W>... Others>
void fuzz_events(std::uint8_t const* data, std::size_t size, Next&& next, X& x, Others&... others) {
    byte_reader in(data, size);
    for (std::size_t i = 0; i < max_fuzz_events && !in.done(); ++i) {
        event_variant_t<W> const e = next(in, std::as_const(x));
        (void)fuzz_step<W>(e, x, others...);
    }
}

}  // namespace hireguard::testing

#endif
