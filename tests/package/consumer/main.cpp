// A host program on hireguard: the typed API and the runtime engine, and the
// installed testing helpers that need nothing else (<hireguard/testing/fuzz.hpp>).
// Exits nonzero when any gives a wrong result.
#include <chrono>
#include <cstdint>
#include <iostream>
#include <utility>

#include <hireguard/hireguard.hpp>
#include <hireguard/testing/fuzz.hpp>

int main() {
    using namespace hireguard;
    using namespace std::chrono_literals;
    constexpr timestamp t = utc(std::chrono::year{2026} / 3 / 2, 9h);
    int failures = 0;
    auto expect = [&](bool ok, char const* what) {
        if (!ok) {
            std::cerr << "wrong: " << what << '\n';
            ++failures;
        }
    };

    // Typed: proposal, response, offer, acceptance, work.
    auto interviewing = begin_candidacy(job_id{7}, freelancer_id{42})
                            .on(event::submit_proposal{.at = t})
                            .on(event::respond{.at = t + 1h});
    static_assert(!can_fire_v<state::interviewing, event::log_work>, "work before hire must not compile");
    auto offered =
        std::move(interviewing).on(event::send_offer{.at = t + 2h, .terms = {.hourly_rate = dollars(45)}}).value();
    auto hire = std::move(offered).on(event::accept_offer{.at = t + 3h});
    expect(hire.is<state::contract_active>(), "an accepted offer without a start date begins the contract");

    // Run time: work before hire is rejected and leaves the state alone.
    machine m{job_id{7}, freelancer_id{43}};
    expect(static_cast<bool>(m.process(event::invite{.at = t})), "invite accepted");
    expect(static_cast<bool>(m.process(event::accept_invite{.at = t + 1h})), "accept_invite accepted");
    verdict const v = m.process(event::log_work{.at = t + 2h, .minutes = 90min});
    expect(!v, "log_work rejected in interviewing");
    expect(m.state_name() == "interviewing", "the state is unchanged");

    // The testing helpers: an event made from a byte, checked for every workflow's invariants.
    std::uint8_t const bytes[] = {0};
    testing::byte_reader in(bytes, sizeof bytes);
    auto const first = testing::make_event<lifecycle>(in.byte(), [&](auto kind) {
        typename decltype(kind)::type e{};
        e.at = t + 3h;
        return e;
    });
    auto const step = testing::process_checked<lifecycle>(m, first);
    expect(!step.broken, "every workflow's invariants hold");

    std::cout << (failures == 0 ? "consumer: ok\n" : "consumer: FAILED\n");
    return failures == 0 ? 0 : 1;
}
