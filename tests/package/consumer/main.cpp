// A host program on hireguard: the typed API and the runtime engine. Exits
// nonzero when either gives a wrong result.
#include <chrono>
#include <iostream>
#include <utility>

#include <hireguard/hireguard.hpp>

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

    std::cout << (failures == 0 ? "consumer: ok\n" : "consumer: FAILED\n");
    return failures == 0 ? 0 : 1;
}
