// Differential libFuzzer harness: the same event sequence through
// hireguard::machine (flat dispatch), hireguard::msm_machine (the genuine
// Boost.MSM back-end) and the reference model. Any disagreement in verdict,
// rejection kind, rule, message, state or data traps.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include <hireguard/hiring/lifecycle.hpp>
#include <hireguard/hiring/machine.hpp>
#include <hireguard/hiring/msm_machine.hpp>
#include <hireguard/testing/checks.hpp>

#include "decode.hpp"
#include "invariants.hpp"

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
    std::atexit([] { fuzz::coverage().print(stderr, "fuzz_differential"); });
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    hireguard::machine flat{hireguard::job_id{7}, hireguard::freelancer_id{42}};
    hireguard::msm_machine msm{hireguard::job_id{7}, hireguard::freelancer_id{42}};
    fuzz::decoder in(data, size, flat.policy());
    fuzz::watch w(7, 42);
    for (std::size_t i = 0; i < fuzz::max_events && !in.done(); ++i) {
        auto const e = in.next(flat.data());
        auto const before_data = flat.data();
        std::string const before_state(flat.state_name());
        auto const a = flat.process(e);
        auto const b = msm.process(e);
        using hireguard::lifecycle;
        if (auto differ =
                hireguard::testing::disagreement<lifecycle>(a, hireguard::testing::snapshot_of<lifecycle>(flat), b,
                                                            hireguard::testing::snapshot_of<lifecycle>(msm)))
            fuzz::fail(differ->c_str(), before_state, e);
        w.check(before_state, before_data, e, a, flat.state_name(), flat.data(), flat.policy());
    }
    return 0;
}
