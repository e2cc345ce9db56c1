// Legal paths to each state, shared by the compile-fail snippets.
#include <chrono>
#include <utility>

#include <hireguard/hiring/candidacy.hpp>

namespace reach {
using namespace hireguard;
using namespace std::chrono_literals;
inline constexpr timestamp t0 = utc(std::chrono::year{2026} / 1 / 5);

inline candidacy<state::interviewing> interviewing() {
    auto s = begin_candidacy(job_id{7}, freelancer_id{42}).on(event::submit_proposal{.at = t0});
    return std::move(s).on(event::respond{.at = t0 + 1h});
}
inline candidacy<state::offered> offered(std::optional<timestamp> start = {}) {
    offer_terms terms{.kind = contract_kind::hourly, .hourly_rate = dollars(40), .start_date = start};
    return interviewing().on(event::send_offer{.at = t0 + 2h, .terms = terms}).value();
}
inline candidacy<state::contract_active> active() {
    return offered().on(event::accept_offer{.at = t0 + 3h}).get<state::contract_active>();
}
inline candidacy<state::contract_pending> pending() {
    return offered(t0 + std::chrono::days{9}).on(event::accept_offer{.at = t0 + 3h}).get<state::contract_pending>();
}
inline candidacy<state::contract_paused> paused() {
    return active().on(event::pause{});
}
inline candidacy<state::contract_ended> ended() {
    return active().on(event::end_contract{});
}
inline candidacy<state::declined> declined() {
    return interviewing().on(event::decline{});
}
}  // namespace reach
