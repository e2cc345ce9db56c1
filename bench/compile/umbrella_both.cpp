// Compile-time probe: the umbrella header, both APIs and the bridge.
#include <chrono>

#include <hireguard/hireguard.hpp>

int main() {
    using namespace hireguard;
    using namespace std::chrono_literals;
    constexpr timestamp t = utc(std::chrono::year{2026} / 1 / 5);
    auto c = begin_candidacy(job_id{7}, freelancer_id{42}).on(event::submit_proposal{.at = t}).on(event::respond{});
    machine m = to_machine(std::move(c));
    any_event const events[] = {event::send_offer{.at = t, .terms = {.hourly_rate = dollars(40)}},
                                event::accept_offer{.at = t + 1h}, event::log_work{.minutes = 30min}};
    for (auto const& e : events)
        if (!m.process(e)) return 1;
    return m.visit([](auto&& typed) { return typed.state_name() == "contract_active" ? 0 : 1; });
}
