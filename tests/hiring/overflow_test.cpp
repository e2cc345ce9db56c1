// Counters and sums at the edge (issue 12, finding 3): a snapshot that restore
// accepts must not lead, through an accepted event, to a machine whose own
// snapshot is refused. milestones_paid at 4294967295 with a submitted
// milestone: approving it would wrap the count to 0. The engine rejects it as
// invalid input (value_in_range), and so does the reference model.
#include <cstdint>
#include <limits>
#include <string>

#include <gtest/gtest.h>

#include <hireguard/hiring/lifecycle.hpp>
#include <hireguard/json/snapshot.hpp>

namespace {

using namespace hireguard;

// A fixed-price contract, active, its second milestone ($300) submitted.
std::string active_submitted(std::string const& paid, std::string const& milestones_paid,
                             std::string const& minutes_logged = "600") {
    return R"({"format": 1, "state": "contract_active",
      "policy": {"offer_lifetime_seconds": 2592000, "feedback_window_seconds": 1209600,
                 "minimum_milestone": 500, "cap_hires_at_openings": true},
      "data": {"job": 7, "freelancer": 42, "last_event_at": "2026-03-09T10:00:00Z",
               "terms": {"kind": "fixed_price", "hourly_rate": 0, "first_milestone": 20000, "start_date": null},
               "offer_sent_at": "2026-03-01T10:00:00Z", "hired_at": "2026-03-02T10:00:00Z",
               "started_at": "2026-03-02T10:00:00Z", "ended_at": null, "minutes_logged": )" +
           minutes_logged + R"(, "milestone": "submitted", "milestone_amount": 30000,
               "paid": )" +
           paid + R"(, "milestones_paid": )" + milestones_paid + R"(,
               "client_left_feedback": false, "freelancer_left_feedback": false}})";
}

void expect_snapshot_restores(machine const& m) {
    machine back = m;
    ASSERT_NO_THROW(back = restore(snapshot_text(m))) << snapshot_text(m);
    EXPECT_TRUE(back == m);
}

TEST(CounterOverflow, ApprovingAMilestoneWhenTheCountOfPaidMilestonesIsAtItsMaximumIsInvalidInput) {
    constexpr auto most = std::numeric_limits<std::uint32_t>::max();
    machine m = restore(active_submitted(std::to_string(most), std::to_string(most)));
    ASSERT_EQ(m.data().milestones_paid, most);
    expect_snapshot_restores(m);
    candidacy_data const before = m.data();

    verdict const v = m.process(event::approve_milestone{.at = utc(std::chrono::year{2026} / 3 / 10)});
    ASSERT_FALSE(v.accepted()) << "milestones_paid is now " << m.data().milestones_paid;
    EXPECT_TRUE(v.rejected_as(rejection_kind::invalid_input)) << v.message();
    EXPECT_EQ(v.error().rule, rule_ids::value_in_range) << v.message();
    EXPECT_NE(v.message().find("paid milestones would overflow"), std::string::npos) << v.message();
    EXPECT_EQ(m.state_name(), "contract_active");
    EXPECT_TRUE(m.data() == before);
    expect_snapshot_restores(m);

    // The contract goes on: it can still end.
    ASSERT_TRUE(m.process(event::end_contract{}).accepted());
    expect_snapshot_restores(m);
}

TEST(CounterOverflow, TheLastMilestoneThatFitsIsPaidAndTheNextIsNot) {
    constexpr auto most = std::numeric_limits<std::uint32_t>::max();
    machine m = restore(active_submitted(std::to_string(most), std::to_string(most - 1)));
    ASSERT_TRUE(m.process(event::approve_milestone{}).accepted());
    EXPECT_EQ(m.data().milestones_paid, most);
    expect_snapshot_restores(m);
    ASSERT_TRUE(m.process(event::fund_milestone{.amount = dollars(100)}).accepted());
    ASSERT_TRUE(m.process(event::submit_milestone{}).accepted());
    verdict const v = m.process(event::approve_milestone{});
    EXPECT_TRUE(v.rejected_as(rejection_kind::invalid_input)) << v.message();
    EXPECT_EQ(m.data().milestones_paid, most);
    expect_snapshot_restores(m);
}

TEST(CounterOverflow, TheSumPaidAndTheMinutesLoggedNeverWrapEither) {
    constexpr auto most = std::numeric_limits<std::int64_t>::max();
    machine paid = restore(active_submitted(std::to_string(most - 29999), "1"));
    verdict const v = paid.process(event::approve_milestone{});
    EXPECT_TRUE(v.rejected_as(rejection_kind::invalid_input)) << v.message();
    EXPECT_EQ(paid.data().paid, cents(most - 29999));
    expect_snapshot_restores(paid);

    machine exact = restore(active_submitted(std::to_string(most - 30000), "1"));
    ASSERT_TRUE(exact.process(event::approve_milestone{}).accepted());
    EXPECT_EQ(exact.data().paid, cents(most));
    expect_snapshot_restores(exact);

    machine minutes = restore(active_submitted("20000", "1", std::to_string(most - 59)));
    verdict const w = minutes.process(event::log_work{.minutes = std::chrono::minutes{60}});
    EXPECT_TRUE(w.rejected_as(rejection_kind::invalid_input)) << w.message();
    ASSERT_TRUE(minutes.process(event::log_work{.minutes = std::chrono::minutes{59}}).accepted());
    EXPECT_EQ(minutes.data().minutes_logged.count(), most);
    expect_snapshot_restores(minutes);
}

}  // namespace
