// libFuzzer harness for a host's own workflow, the background-check example
// (examples/background_check.hpp), written as a host writes one with
// <hireguard/testing/fuzz.hpp>: the host's event factory turns bytes into its
// events, and the runtime engine and the Boost.MSM back-end run them, checked
// after every event for every workflow's invariants and for agreeing. Prints
// the example's row coverage at exit: "fuzz_background_check: rows reached: 26/26".
#include <chrono>
#include <cstddef>
#include <cstdint>

#include <hireguard/hiring/msm_machine.hpp>
#include <hireguard/testing/fuzz.hpp>

#include "background_check.hpp"

using W = acme::hiring_with_background_check;
using namespace std::chrono_literals;

// Per event, one byte each: its kind, its time (untimed, an hour earlier, or
// later by up to 20 days), and the payload it carries (an offer's hourly rate,
// $0 to $60; minutes worked, -1 or 60; the screening report, 0 to 3; the party).
// docs/fuzzing.md shows this file.
auto const next_event = [](hireguard::testing::byte_reader& in, hireguard::basic_machine<W> const& m) {
    return hireguard::testing::make_event<W>(in.byte(), [&](auto kind) {
        typename decltype(kind)::type e{};
        auto const clock = m.data().last_event_at.value_or(hireguard::utc(2026y / 4 / 6));
        if (std::uint8_t const t = in.byte(); t % 8 != 0) e.at = t % 8 == 1 ? clock - 1h : clock + t / 8 * 16h;
        if constexpr (requires { e.terms; }) e.terms.hourly_rate = hireguard::cents(in.byte() % 4 * 2000);
        if constexpr (requires { e.minutes; }) e.minutes = std::chrono::minutes{in.byte() % 4 == 0 ? -1 : 60};
        if constexpr (requires { e.report_id; }) e.report_id = in.byte() % 4;
        if constexpr (requires { e.by; }) e.by = hireguard::party{static_cast<std::uint8_t>(in.byte() % 2)};
        return e;
    });
};

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
    hireguard::testing::report_rows_at_exit<W>("fuzz_background_check");
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    hireguard::basic_machine<W> flat{hireguard::job_id{7}, hireguard::freelancer_id{42}};
    hireguard::basic_msm_machine<W> msm{hireguard::job_id{7}, hireguard::freelancer_id{42}};
    hireguard::testing::fuzz_events<W>(data, size, next_event, flat, msm);
    return 0;
}
