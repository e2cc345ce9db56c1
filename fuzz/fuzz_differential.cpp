// Differential libFuzzer harness: the same event sequence through
// hireguard::machine (flat dispatch), hireguard::msm_machine (the genuine
// Boost.MSM back-end) and the reference model. Any disagreement in verdict,
// rejection kind, rule, message, state or data traps.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include <hireguard/hiring/lifecycle.hpp>
#include <hireguard/hiring/machine.hpp>
#include <hireguard/hiring/msm_machine.hpp>

#include "decode.hpp"
#include "invariants.hpp"

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
    std::atexit([] { fuzz::coverage().print("fuzz_differential"); });
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
        if (a.accepted() != b.accepted()) fuzz::fail("machine and msm_machine disagree on acceptance", before_state, e);
        if (!a.accepted() && (a.error().kind != b.error().kind || a.error().rule != b.error().rule ||
                              a.error().state != b.error().state || a.message() != b.message()))
            fuzz::fail("machine and msm_machine reject differently", before_state, e);
        if (flat.state_name() != msm.state_name())
            fuzz::fail("machine and msm_machine disagree on state", before_state, e);
        if (!(flat.data() == msm.data())) fuzz::fail("machine and msm_machine disagree on data", before_state, e);
        w.check(before_state, before_data, e, a, flat.state_name(), flat.data());
    }
    return 0;
}
