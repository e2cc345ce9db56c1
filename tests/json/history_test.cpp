// Event sourcing: a candidacy rebuilt from its history, compared with the live
// machine that processed the same events, by snapshot.
#include <chrono>
#include <vector>

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <hireguard/hiring/lifecycle.hpp>
#include <hireguard/json/snapshot.hpp>

namespace {

using namespace hireguard;
using namespace std::chrono_literals;
using std::chrono::year;

/// An invitation, an interview, a fixed-price offer, a milestone paid and a
/// second funded; in the middle, two events the engine must refuse: work
/// before the hire (index 2) and a second funded milestone (index 6).
std::vector<any_event> fixed_price_history() {
    return {
        event::invite{.at = utc(year{2026} / 3 / 1, 9h)},
        event::accept_invite{.at = utc(year{2026} / 3 / 1, 10h)},
        event::log_work{.at = utc(year{2026} / 3 / 1, 11h), .minutes = 60min},
        event::send_offer{.at = utc(year{2026} / 3 / 2, 9h),
                          .terms = {.kind = contract_kind::fixed_price, .first_milestone = dollars(200)}},
        event::accept_offer{.at = utc(year{2026} / 3 / 2, 12h)},
        event::log_work{.at = utc(year{2026} / 3 / 3, 12h), .minutes = 240min},
        event::fund_milestone{.at = utc(year{2026} / 3 / 3, 13h), .amount = dollars(300)},
        event::submit_milestone{.at = utc(year{2026} / 3 / 4, 9h)},
        event::approve_milestone{.at = utc(year{2026} / 3 / 4, 17h)},
        event::fund_milestone{.at = utc(year{2026} / 3 / 5, 9h), .amount = dollars(300)},
    };
}

TEST(Replay, OfAHistoryGivesTheSnapshotOfTheLiveMachine) {
    machine live{job_id{7}, freelancer_id{42}};
    for (auto const& e : fixed_price_history()) (void)live.process(e);

    replayed const r = replay(job_id{7}, freelancer_id{42}, fixed_price_history());
    EXPECT_EQ(snapshot(r.machine), snapshot(live));
    EXPECT_EQ(r.machine, live);
    EXPECT_EQ(r.events, 10U);
}

TEST(Replay, ReportsEachRejectedEventByItsPositionAndGoesOn) {
    replayed const r = replay(job_id{7}, freelancer_id{42}, fixed_price_history());
    ASSERT_EQ(r.rejections.size(), 2U);
    EXPECT_FALSE(r.clean());
    EXPECT_EQ(r.rejections[0].index, 2U);
    EXPECT_EQ(r.rejections[0].why.kind, rejection_kind::illegal_transition);
    EXPECT_EQ(r.rejections[0].why.event, "log_work");
    EXPECT_EQ(r.rejections[1].index, 6U);
    EXPECT_EQ(r.rejections[1].why.rule, rule_ids::one_funded_milestone);
    // Figures written by hand: $200 paid for the first milestone, $300 funded
    // after it, four hours of work.
    EXPECT_TRUE(r.machine.is<state::contract_active>());
    EXPECT_EQ(r.machine.data().paid, dollars(200));
    EXPECT_EQ(r.machine.data().milestones_paid, 1U);
    EXPECT_EQ(r.machine.data().milestone, milestone_status::funded);
    EXPECT_EQ(r.machine.data().milestone_amount, dollars(300));
    EXPECT_EQ(r.machine.data().minutes_logged, 240min);
}

TEST(Replay, FromASnapshotWithTheRestOfTheHistoryEqualsTheWholeReplay) {
    auto const history = fixed_price_history();
    std::vector<any_event> const head(history.begin(), history.begin() + 5);
    std::vector<any_event> const tail(history.begin() + 5, history.end());
    replayed const first = replay(job_id{7}, freelancer_id{42}, head);
    machine const saved = restore(snapshot_text(first.machine));
    replayed const rest = replay(saved, tail);
    EXPECT_EQ(rest.machine, replay(job_id{7}, freelancer_id{42}, history).machine);
    ASSERT_EQ(rest.rejections.size(), 1U);
    EXPECT_EQ(rest.rejections[0].index, 1U);  // counted from the start of the tail
}

TEST(Replay, UsesThePolicyItIsGiven) {
    policy const week{.offer_lifetime = std::chrono::days{7}};
    std::vector<any_event> const late_acceptance{
        event::send_offer{.at = utc(year{2026} / 1 / 1), .terms = {.hourly_rate = dollars(30)}},
        event::accept_offer{.at = utc(year{2026} / 1 / 10)},
    };
    replayed const strict = replay(job_id{1}, freelancer_id{2}, late_acceptance, week);
    ASSERT_EQ(strict.rejections.size(), 1U);
    EXPECT_EQ(strict.rejections[0].why.rule, rule_ids::offer_not_expired);
    EXPECT_TRUE(strict.machine.is<state::offered>());
    EXPECT_EQ(strict.machine.policy(), week);
    EXPECT_TRUE(replay(job_id{1}, freelancer_id{2}, late_acceptance).clean());
}

TEST(Replay, OfEventsOfOneTypeWorksToo) {
    std::vector<event::invite> const invites(3, event::invite{.at = utc(year{2026} / 3 / 1, 9h)});
    replayed const r = replay(job_id{1}, freelancer_id{2}, invites);
    EXPECT_TRUE(r.machine.is<state::invited>());
    EXPECT_EQ(r.rejections.size(), 2U);
}

// A replay has no clock: an event without a time is invalid input there, and
// changes nothing, where a live store would stamp it with its clock. Taking
// the candidacy's latest time instead would backdate an acceptance that came
// 40 days after the offer to the offer's time, within its 30-day lifetime.
TEST(Replay, RefusesAnEventWithoutATimeAsInvalidInputAndGoesOn) {
    std::vector<any_event> const history{
        event::send_offer{.at = utc(year{2026} / 1 / 1), .terms = {.hourly_rate = dollars(30)}},
        event::accept_offer{},
        event::decline_offer{.at = utc(year{2026} / 1 / 2)},
    };
    replayed const r = replay(job_id{1}, freelancer_id{2}, history);
    ASSERT_EQ(r.rejections.size(), 1U);
    EXPECT_EQ(r.rejections[0].index, 1U);
    EXPECT_EQ(r.rejections[0].why.kind, rejection_kind::invalid_input);
    EXPECT_EQ(r.rejections[0].why.rule, rule_ids::event_time_known);
    EXPECT_EQ(r.rejections[0].why.state, "offered");
    EXPECT_EQ(r.rejections[0].why.message(),
              "accept_offer rejected in offered: event_time_known: accept_offer needs a timestamp: a replay has no "
              "clock to stamp it with");
    EXPECT_TRUE(r.machine.is<state::offer_declined>());
    EXPECT_FALSE(r.machine.data().hired_at.has_value());
    EXPECT_EQ(r.events, 3U);

    // The same events of one type: refused alike.
    std::vector<event::invite> const untimed(2);
    replayed const invites = replay(job_id{1}, freelancer_id{2}, untimed);
    EXPECT_TRUE(invites.machine.is<state::prospect>());
    ASSERT_EQ(invites.rejections.size(), 2U);
    EXPECT_EQ(invites.rejections[1].why.rule, rule_ids::event_time_known);
}

TEST(Replay, OfAnEmptyHistoryIsANewCandidacy) {
    replayed const r = replay(job_id{1}, freelancer_id{2}, std::vector<any_event>{});
    EXPECT_EQ(r.machine, (machine{job_id{1}, freelancer_id{2}}));
    EXPECT_TRUE(r.clean());
    EXPECT_EQ(r.events, 0U);
}

}  // namespace
