// libFuzzer harness: bytes become an event sequence (decode.hpp) run by the
// runtime engine, hireguard::machine, with every invariant of invariants.hpp
// checked after every event. Prints docs/domain.md row coverage at exit.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include <hireguard/hiring/machine.hpp>

#include "decode.hpp"
#include "invariants.hpp"

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
    std::atexit([] { fuzz::coverage().print(stderr, "fuzz_machine"); });
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    hireguard::machine m{hireguard::job_id{7}, hireguard::freelancer_id{42}};
    fuzz::decoder in(data, size, m.policy());
    fuzz::watch w(7, 42);
    for (std::size_t i = 0; i < fuzz::max_events && !in.done(); ++i) {
        (void)fuzz::process_checked(m, w, in.next(m.data()));
    }
    return 0;
}
