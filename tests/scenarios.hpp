// Hand-written event sequences that bring a candidacy to each docs/domain.md state.
#ifndef HIREGUARD_TESTS_SCENARIOS_HPP
#define HIREGUARD_TESTS_SCENARIOS_HPP

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include <hireguard/core/table.hpp>

namespace scenarios {

using namespace hireguard;
using namespace std::chrono_literals;
using std::chrono::days;
using std::chrono::hours;

inline constexpr timestamp t0 = utc(std::chrono::year{2026} / 1 / 5);

inline offer_terms hourly_terms() {
    return offer_terms{.kind = contract_kind::hourly, .hourly_rate = dollars(40)};
}
inline offer_terms fixed_terms() {
    return offer_terms{.kind = contract_kind::fixed_price, .first_milestone = dollars(100)};
}
inline offer_terms later_start_terms() {
    return offer_terms{.kind = contract_kind::hourly, .hourly_rate = dollars(40), .start_date = t0 + days{10}};
}

// Events of a path are dated one hour apart from t0, so the next event of a
// test can be dated t0 + 1 day.
inline std::vector<any_event> path_to(std::string_view state, offer_terms terms = hourly_terms()) {
    std::vector<any_event> p;
    auto at = [&p] { return t0 + hours{static_cast<long>(p.size())}; };
    auto offered = [&] {
        p.emplace_back(event::submit_proposal{.at = at()});
        p.emplace_back(event::respond{.at = at()});
        p.emplace_back(event::send_offer{.at = at(), .terms = terms});
    };
    auto active = [&] {
        offered();
        p.emplace_back(event::accept_offer{.at = at()});
    };
    if (state == "prospect") return p;
    if (state == "invited") {
        p.emplace_back(event::invite{.at = at()});
    } else if (state == "submitted") {
        p.emplace_back(event::submit_proposal{.at = at()});
    } else if (state == "interviewing") {
        p.emplace_back(event::submit_proposal{.at = at()});
        p.emplace_back(event::respond{.at = at()});
    } else if (state == "offered") {
        offered();
    } else if (state == "contract_active") {
        active();
    } else if (state == "contract_pending") {
        terms = later_start_terms();
        active();
    } else if (state == "contract_paused") {
        active();
        p.emplace_back(event::pause{.at = at()});
    } else if (state == "contract_ended") {
        active();
        p.emplace_back(event::end_contract{.at = at()});
    } else if (state == "invite_declined") {
        p.emplace_back(event::invite{.at = at()});
        p.emplace_back(event::decline_invite{.at = at()});
    } else if (state == "invite_withdrawn") {
        p.emplace_back(event::invite{.at = at()});
        p.emplace_back(event::withdraw_invite{.at = at()});
    } else if (state == "declined") {
        p.emplace_back(event::submit_proposal{.at = at()});
        p.emplace_back(event::decline{.at = at()});
    } else if (state == "withdrawn") {
        p.emplace_back(event::submit_proposal{.at = at()});
        p.emplace_back(event::withdraw{.at = at()});
    } else if (state == "offer_declined") {
        offered();
        p.emplace_back(event::decline_offer{.at = at()});
    } else if (state == "closed") {
        p.emplace_back(event::close_job{.at = at()});
    }
    return p;
}

inline std::vector<std::string> const all_state_names = {
    "prospect",         "invited",         "submitted",       "interviewing",   "offered",
    "contract_pending", "contract_active", "contract_paused", "contract_ended", "invite_declined",
    "invite_withdrawn", "declined",        "withdrawn",       "offer_declined", "closed"};

// One event of each of the 24 kinds, dated after every path above, with
// payloads that satisfy the guards wherever the state allows.
inline std::vector<any_event> one_of_each_event() {
    timestamp const at = t0 + days{1};
    return {event::invite{.at = at},
            event::withdraw_invite{.at = at},
            event::respond{.at = at},
            event::decline{.at = at},
            event::send_offer{.at = at, .terms = hourly_terms()},
            event::modify_offer{.at = at, .terms = hourly_terms()},
            event::withdraw_offer{.at = at},
            event::fund_milestone{.at = at, .amount = dollars(50)},
            event::approve_milestone{.at = at},
            event::pause{.at = at},
            event::resume{.at = at},
            event::close_job{.at = at},
            event::accept_invite{.at = at},
            event::decline_invite{.at = at},
            event::submit_proposal{.at = at},
            event::withdraw{.at = at},
            event::decline_offer{.at = at},
            event::accept_offer{.at = at},
            event::log_work{.at = at, .minutes = 60min},
            event::submit_milestone{.at = at},
            event::end_contract{.at = at},
            event::leave_feedback{.at = at},
            event::offer_expired{.at = at},
            event::start_date_reached{.at = at}};
}

inline std::string_view name_of(any_event const& e) {
    return std::visit([](auto const& ev) { return std::remove_cvref_t<decltype(ev)>::name; }, e);
}

template <class Machine>
void replay(Machine& m, std::vector<any_event> const& events) {
    for (auto const& e : events) {
        auto v = m.process(e);
        if (!v) throw std::runtime_error("scenario step rejected: " + v.message());
    }
}

}  // namespace scenarios

#endif
