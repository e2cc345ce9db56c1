// A host's own workflow, the canonical lifecycle with a background check
// (examples/background_check.hpp), driven through both APIs; its data, with
// the screening report's id, through a snapshot, an encoded event log and a
// replay. examples/background_check_audit.cpp audits such logs.
#include <chrono>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include <hireguard/json/events.hpp>
#include <hireguard/json/snapshot.hpp>

#include "background_check.hpp"

int main() {
    using namespace hireguard;
    using namespace std::chrono_literals;
    using W = acme::hiring_with_background_check;
    constexpr timestamp t = utc(std::chrono::year{2026} / 4 / 6, 9h);
    offer_terms const terms{.kind = contract_kind::hourly, .hourly_rate = dollars(60)};

    std::cout << "== typed API on the host's workflow\n";
    auto c = begin_candidacy<W>(job_id{9}, freelancer_id{5});
    auto offered = std::move(c)
                       .on(event::submit_proposal{.at = t})
                       .on(event::respond{.at = t + 1h})
                       .on(event::send_offer{.at = t + 2h, .terms = terms})
                       .value();
    auto checking = std::move(offered).on(event::accept_offer{.at = t + 3h}).value();
    std::cout << "  offer accepted: " << checking.state_name() << '\n';
    static_assert(!can_fire_on<decltype(checking), event::log_work>, "no work during the background check");
    auto cleared = std::move(checking).on(acme::check_cleared{.at = t + 30h, .report_id = 7741});
    if (!cleared) return 1;
    auto active = std::move(cleared).value();
    std::cout << "  check cleared:  " << active.state_name() << ", report " << active.data().report_id << '\n';

    std::cout << "== runtime engine on the host's workflow\n";
    basic_machine<W> m{job_id{9}, freelancer_id{6}};  // the data's leading fields
    event_variant_t<W> const inbox[] = {
        event::invite{.at = t},
        event::accept_invite{.at = t + 1h},
        event::send_offer{.at = t + 2h, .terms = terms},
        event::accept_offer{.at = t + 3h},
        event::log_work{.at = t + 4h, .minutes = 60min},
        acme::check_cleared{.at = t + 5h},
        acme::check_cleared{.at = t + 6h, .report_id = 7742},
        event::log_work{.at = t + 7h, .minutes = 60min},
    };
    int rejected = 0;
    for (auto const& e : inbox) {
        verdict const v = m.process(e);
        std::cout << "  " << (v ? "accepted " : "REJECTED ") << m.state_name();
        if (!v) {
            std::cout << "  <- " << v.message();
            ++rejected;
        }
        std::cout << '\n';
    }

    std::cout << "== a snapshot keeps the host's data\n";
    std::string const stored = snapshot_text(m);
    basic_machine<W> const restored = restore<W>(std::string_view{stored});
    std::cout << "  restored " << restored.state_name() << ", report " << restored.data().report_id << '\n';

    std::cout << "== an encoded event log replays to the same candidacy\n";
    std::vector<std::string> log;
    for (auto const& e : inbox) log.push_back(encode_event(basic_logged_event<W>{job_id{9}, freelancer_id{6}, e}));
    std::cout << "  " << log[6] << '\n';
    std::vector<event_variant_t<W>> history;
    for (auto const& line : log) history.push_back(decode_event<W>(line).event);
    auto const replayed = replay<W>(job_id{9}, freelancer_id{6}, history);
    std::cout << "  replayed " << replayed.machine.state_name() << ", report " << replayed.machine.data().report_id
              << ", " << replayed.rejections.size() << " rejections\n";

    bool const ok = rejected == 2 && m.data().minutes_logged == 60min && m.data().report_id == 7742 && restored == m &&
                    replayed.machine == m && replayed.rejections.size() == 2;
    return ok ? 0 : 1;
}
