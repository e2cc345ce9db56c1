// The benchmark's event stream: a fixed seed, 1000 candidacies, about 30% of
// the events illegal where they arrive, guards exercised (offers, expiry,
// start dates, work, milestones, feedback).
#ifndef HIREGUARD_BENCH_STREAM_HPP
#define HIREGUARD_BENCH_STREAM_HPP

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

#include <hireguard/hiring/lifecycle.hpp>

namespace bench {

using namespace hireguard;
using namespace std::chrono_literals;

struct item {
    std::uint32_t candidacy;
    any_event event;
};

// Legal (state, event) pairs of docs/domain.md by name, for injecting illegal
// events; written by hand so that the stream does not depend on the library.
inline bool legal(std::string_view state, std::string_view event) {
    static constexpr std::pair<std::string_view, std::string_view> pairs[] = {
        {"prospect", "invite"},
        {"prospect", "submit_proposal"},
        {"prospect", "send_offer"},
        {"prospect", "close_job"},
        {"invited", "accept_invite"},
        {"invited", "decline_invite"},
        {"invited", "withdraw_invite"},
        {"invited", "send_offer"},
        {"invited", "close_job"},
        {"submitted", "respond"},
        {"submitted", "decline"},
        {"submitted", "withdraw"},
        {"submitted", "send_offer"},
        {"submitted", "close_job"},
        {"interviewing", "decline"},
        {"interviewing", "withdraw"},
        {"interviewing", "send_offer"},
        {"interviewing", "close_job"},
        {"offered", "modify_offer"},
        {"offered", "withdraw_offer"},
        {"offered", "offer_expired"},
        {"offered", "decline_offer"},
        {"offered", "accept_offer"},
        {"offered", "close_job"},
        {"contract_pending", "start_date_reached"},
        {"contract_pending", "end_contract"},
        {"contract_active", "log_work"},
        {"contract_active", "fund_milestone"},
        {"contract_active", "submit_milestone"},
        {"contract_active", "approve_milestone"},
        {"contract_active", "pause"},
        {"contract_active", "end_contract"},
        {"contract_paused", "resume"},
        {"contract_paused", "end_contract"},
        {"contract_ended", "leave_feedback"}};
    for (auto const& [s, e] : pairs)
        if (s == state && e == event) return true;
    return false;
}

// A story is a legal course of events, each paired with the state it leads to.
struct step {
    any_event event;
    std::string_view after;
};

inline std::vector<step> story(std::uint32_t kind, timestamp t) {
    auto at = [&t] { return t += 1h; };
    offer_terms const hourly{.kind = contract_kind::hourly, .hourly_rate = dollars(40)};
    offer_terms const fixed{.kind = contract_kind::fixed_price, .first_milestone = dollars(200)};
    offer_terms later = hourly;
    later.start_date = t + std::chrono::days{3};
    switch (kind % 5) {
        case 0:
            return {{event::submit_proposal{.at = at()}, "submitted"},
                    {event::respond{.at = at()}, "interviewing"},
                    {event::send_offer{.at = at(), .terms = hourly}, "offered"},
                    {event::accept_offer{.at = at()}, "contract_active"},
                    {event::log_work{.at = at(), .minutes = 90min}, "contract_active"},
                    {event::log_work{.at = at(), .minutes = 30min}, "contract_active"},
                    {event::pause{.at = at()}, "contract_paused"},
                    {event::resume{.at = at()}, "contract_active"},
                    {event::log_work{.at = at(), .minutes = 45min}, "contract_active"},
                    {event::end_contract{.at = at()}, "contract_ended"},
                    {event::leave_feedback{.at = at(), .by = party::client}, "contract_ended"},
                    {event::leave_feedback{.at = at(), .by = party::freelancer}, "contract_ended"}};
        case 1:
            return {{event::invite{.at = at()}, "invited"},
                    {event::accept_invite{.at = at()}, "interviewing"},
                    {event::send_offer{.at = at(), .terms = fixed}, "offered"},
                    {event::accept_offer{.at = at()}, "contract_active"},
                    {event::log_work{.at = at(), .minutes = 60min}, "contract_active"},
                    {event::submit_milestone{.at = at()}, "contract_active"},
                    {event::approve_milestone{.at = at()}, "contract_active"},
                    {event::fund_milestone{.at = at(), .amount = dollars(150)}, "contract_active"},
                    {event::log_work{.at = at(), .minutes = 60min}, "contract_active"},
                    {event::submit_milestone{.at = at()}, "contract_active"},
                    {event::approve_milestone{.at = at()}, "contract_active"},
                    {event::end_contract{.at = at()}, "contract_ended"}};
        case 2:
            return {{event::send_offer{.at = at(), .terms = later}, "offered"},
                    {event::modify_offer{.at = at(), .terms = later}, "offered"},
                    {event::accept_offer{.at = at()}, "contract_pending"},
                    {event::start_date_reached{.at = t + std::chrono::days{4}}, "contract_active"},
                    {event::log_work{.at = t + std::chrono::days{5}, .minutes = 120min}, "contract_active"},
                    {event::end_contract{.at = t + std::chrono::days{6}}, "contract_ended"}};
        case 3:
            return {{event::submit_proposal{.at = at()}, "submitted"},
                    {event::respond{.at = at()}, "interviewing"},
                    {event::send_offer{.at = at(), .terms = hourly}, "offered"},
                    // The timer fires when the offer's 30 days are over, not before.
                    {event::offer_expired{.at = t += std::chrono::days{30}}, "interviewing"},
                    {event::send_offer{.at = at(), .terms = hourly}, "offered"},
                    {event::decline_offer{.at = at()}, "offer_declined"}};
        default:
            return {{event::invite{.at = at()}, "invited"}, {event::decline_invite{.at = at()}, "invite_declined"}};
    }
}

// Interleaves the candidacies' stories round-robin, as a queue would deliver
// them, and injects an event that is illegal where it arrives in about 30% of
// the slots.
inline std::vector<item> make_stream(std::uint32_t candidacies = 1000, std::uint64_t seed = 20260105) {
    std::mt19937_64 rng(seed);
    std::vector<std::vector<step>> stories;
    std::vector<item> out;
    timestamp const t0 = utc(std::chrono::year{2026} / 1 / 5);
    for (std::uint32_t c = 0; c < candidacies; ++c) stories.push_back(story(static_cast<std::uint32_t>(rng()), t0));
    std::vector<std::size_t> next(candidacies, 0);
    std::vector<std::string_view> state(candidacies, "prospect");
    any_event const pool[] = {event::log_work{.minutes = 60min},
                              event::accept_offer{},
                              event::withdraw{},
                              event::respond{},
                              event::resume{},
                              event::approve_milestone{},
                              event::invite{},
                              event::pause{},
                              event::start_date_reached{}};
    bool more = true;
    while (more) {
        more = false;
        for (std::uint32_t c = 0; c < candidacies; ++c) {
            if (next[c] == stories[c].size()) continue;
            more = true;
            if (rng() % 100 < 43) {  // 43 of 143 events: 30% injected
                any_event const& e = pool[rng() % std::size(pool)];
                auto name = std::visit([](auto const& ev) { return std::remove_cvref_t<decltype(ev)>::name; }, e);
                if (!legal(state[c], name)) out.push_back({c, e});
            }
            out.push_back({c, stories[c][next[c]].event});
            state[c] = stories[c][next[c]].after;
            ++next[c];
        }
    }
    return out;
}

}  // namespace bench

#endif
