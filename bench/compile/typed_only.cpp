// Compile-time probe: the typed API and can_fire_v only (no runtime engine, no MSM back-end).
#include <chrono>

#include <hireguard/hiring/candidacy.hpp>

static_assert(hireguard::can_fire_v<hireguard::state::contract_active, hireguard::event::log_work>);
static_assert(!hireguard::can_fire_v<hireguard::state::interviewing, hireguard::event::log_work>);

int main() {
    using namespace hireguard;
    using namespace std::chrono_literals;
    constexpr timestamp t = utc(std::chrono::year{2026} / 1 / 5);
    auto c = begin_candidacy(job_id{7}, freelancer_id{42}).on(event::submit_proposal{.at = t}).on(event::respond{});
    auto o = std::move(c).on(event::send_offer{.at = t, .terms = {.hourly_rate = dollars(40)}}).value();
    auto r = std::move(o).on(event::accept_offer{.at = t + 1h});
    if (!r.is<state::contract_active>()) return 1;
    auto w = std::move(r).get<state::contract_active>().on(event::log_work{.minutes = 30min});
    return w ? 0 : 1;
}
