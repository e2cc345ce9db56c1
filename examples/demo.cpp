// The founding question, answered in code: an active candidacy is not a hire.
// A freelancer's candidacy goes from proposal to interview to offer to hire to
// logged work through the typed API; then an event log replays a message that
// says "you're hired" while the candidacy is only interviewing, and the
// runtime engine rejects the work.
#include <chrono>
#include <iostream>

#include <hireguard/hireguard.hpp>

int main() {
    using namespace hireguard;
    using namespace std::chrono_literals;
    constexpr timestamp monday = utc(std::chrono::year{2026} / 3 / 2, 9h);

    std::cout << "== typed API: every step is checked by the compiler\n";
    auto prospect = begin_candidacy(job_id{7}, freelancer_id{42});
    auto submitted = std::move(prospect).on(event::submit_proposal{.at = monday});
    auto interviewing = std::move(submitted).on(event::respond{.at = monday + 2h});
    std::cout << "  after the client answered: " << interviewing.state_name() << " (an active candidacy, not a hire)\n";

    offer_terms const terms{.kind = contract_kind::hourly, .hourly_rate = dollars(45)};
    auto offered = std::move(interviewing).on(event::send_offer{.at = monday + 26h, .terms = terms}).value();
    std::cout << "  the client sent an offer:  " << offered.state_name() << " at " << to_string(terms.hourly_rate)
              << "/h\n";

    auto acceptance = std::move(offered).on(event::accept_offer{.at = monday + 28h});
    if (!acceptance.is<state::contract_active>()) {
        std::cout << "  unexpected: " << acceptance.state_name() << '\n';
        return 1;
    }
    auto active = std::move(acceptance).get<state::contract_active>();
    std::cout << "  the freelancer accepted:   " << active.state_name() << " (hired: the contract has begun)\n";

    auto worked = std::move(active).on(event::log_work{.at = monday + 30h, .minutes = 90min});
    if (!worked) return 1;
    auto after_work = std::move(worked).value();
    std::cout << "  work logged:               " << after_work.data().minutes_logged.count() << " minutes\n";

    std::cout << "\n== runtime engine: events from a queue, checked as they arrive\n";
    machine m{job_id{7}, freelancer_id{43}};
    any_event const inbox[] = {
        event::invite{.at = monday},
        event::accept_invite{.at = monday + 1h},
        event::log_work{.at = monday + 3h, .minutes = 120min},  // "you're hired", says a chat message
        event::send_offer{.at = monday + 5h, .terms = terms},
        event::accept_offer{.at = monday + 6h},
        event::log_work{.at = monday + 8h, .minutes = 120min},
    };
    for (auto const& e : inbox) {
        verdict const v = m.process(e);
        std::cout << "  " << (v ? "accepted " : "REJECTED ") << m.state_name();
        if (!v) std::cout << "  <- " << v.message();
        std::cout << '\n';
    }
    std::cout << "  minutes on record: " << m.data().minutes_logged.count() << '\n';
    return m.data().minutes_logged == 120min ? 0 : 1;
}
