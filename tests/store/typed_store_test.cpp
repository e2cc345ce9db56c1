// The store (<hireguard/store/store.hpp>) running the canonical lifecycle on
// each adapter against a real database: versions, duplicate deliveries,
// untimed events stamped by the store's clock, the job's rules through the
// store, the close cascade, the outbox, and two servers writing one
// candidacy at once. Expected values are written by hand from docs/domain.md.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include <hireguard/store/store.hpp>

#include "databases.hpp"

namespace hireguard::store::testing {
namespace {

using namespace std::chrono_literals;
using std::chrono::year;

constexpr timestamp t0 = utc(year{2026} / 3 / 2, 9h);
constexpr job_id job3{3};
constexpr freelancer_id alice{42};
constexpr freelancer_id bob{43};

offer_terms hourly() {
    return offer_terms{.kind = contract_kind::hourly, .hourly_rate = dollars(45)};
}

class typed_store : public ::testing::TestWithParam<adapter> {
protected:
    void SetUp() override {
        database_ = GetParam().make();
        db_ = database_->connect();
    }

    // Proposal, answer and an offer for `who` in job3, from t0 on.
    void offer(lifecycle_store& s, freelancer_id who) {
        ASSERT_TRUE(s.process(job3, who, event::submit_proposal{.at = t0}));
        ASSERT_TRUE(s.process(job3, who, event::respond{.at = t0 + 1h}));
        ASSERT_TRUE(s.process(job3, who, event::send_offer{.at = t0 + 2h, .terms = hourly()}));
    }

    std::unique_ptr<test_database> database_;
    std::unique_ptr<backend> db_;
};

TEST_P(typed_store, EveryAcceptedEventAdvancesTheCandidacysVersion) {
    lifecycle_store s{*db_};
    ASSERT_TRUE(s.create_job(job3, 2));
    EXPECT_FALSE(s.create_job(job3, 5));
    EXPECT_EQ(s.job(job3)->openings, 2U);
    auto const r1 = s.process(job3, alice, event::submit_proposal{.at = t0});
    EXPECT_EQ(r1.outcome, status::accepted);
    EXPECT_EQ(r1.version, 1U);
    auto const r2 = s.process(job3, alice, event::respond{.at = t0 + 1h});
    EXPECT_EQ(r2.version, 2U);
    auto const illegal = s.process(job3, alice, event::log_work{.at = t0 + 2h, .minutes = 30min});
    EXPECT_EQ(illegal.outcome, status::rejected);
    EXPECT_EQ(illegal.why->message(),
              "log_work rejected in interviewing: illegal transition: work before hire: a freelancer is hired only "
              "when a contract begins");
    auto const m = s.load(job3, alice);
    ASSERT_TRUE(m);
    EXPECT_EQ(m->state_name(), "interviewing");
    EXPECT_EQ(m->data().last_event_at, t0 + 1h);
    EXPECT_FALSE(s.load(job3, bob));
}

TEST_P(typed_store, ASecondDeliveryOfAnIdIsADuplicateAndChangesNothing) {
    lifecycle_store s{*db_};
    s.create_job(job3, 1);
    offer(s, alice);
    ASSERT_TRUE(s.process(job3, alice, event::accept_offer{.at = t0 + 3h}));
    auto const first = s.process(job3, alice, event::log_work{.at = t0 + 4h, .minutes = 30min}, "msg-1");
    ASSERT_EQ(first.outcome, status::accepted);
    auto const again = s.process(job3, alice, event::log_work{.at = t0 + 4h, .minutes = 30min}, "msg-1");
    EXPECT_EQ(again.outcome, status::duplicate);
    EXPECT_EQ(again.version, first.version);
    EXPECT_EQ(again.message(), "duplicate of version " + std::to_string(first.version));
    EXPECT_EQ(s.load(job3, alice)->data().minutes_logged, 30min);
    // Another id is another event.
    EXPECT_TRUE(s.process(job3, alice, event::log_work{.at = t0 + 4h, .minutes = 30min}, "msg-2"));
    EXPECT_EQ(s.load(job3, alice)->data().minutes_logged, 60min);
}

TEST_P(typed_store, AnUntimedEventTakesTheClocksTimeNotTheCandidacysLatest) {
    manual_clock now{t0};
    lifecycle_store s{*db_, store_options{.now = now}};
    s.create_job(job3, 1);
    offer(s, alice);
    // Forty days after the offer (sent at t0 + 2h), an accept_offer arrives without a time.
    now.set(t0 + std::chrono::days{40});
    auto const late = s.process(job3, alice, event::accept_offer{});
    ASSERT_EQ(late.outcome, status::rejected);
    EXPECT_EQ(late.why->rule, rule_ids::offer_not_expired);
    EXPECT_EQ(s.load(job3, alice)->state_name(), "offered");
    // The clock's time is the event's: a timer event then closes the offer.
    auto const expired = s.process(job3, alice, event::offer_expired{});
    ASSERT_TRUE(expired) << expired.message();
    EXPECT_EQ(s.load(job3, alice)->data().last_event_at, t0 + std::chrono::days{40});
}

TEST_P(typed_store, AnEventOfAJobNotInTheStoreIsInvalidInput) {
    lifecycle_store s{*db_};
    auto const r = s.process(job3, alice, event::invite{.at = t0});
    ASSERT_EQ(r.outcome, status::rejected);
    EXPECT_EQ(r.why->rule, rule_ids::job_known);
    EXPECT_EQ(r.why->kind, rejection_kind::invalid_input);
}

TEST_P(typed_store, HiresStayWithinTheOpeningsThroughTheStore) {
    lifecycle_store s{*db_};
    s.create_job(job3, 1);
    offer(s, alice);
    offer(s, bob);
    ASSERT_TRUE(s.process(job3, alice, event::accept_offer{.at = t0 + 3h}));
    auto const second = s.process(job3, bob, event::accept_offer{.at = t0 + 3h});
    ASSERT_EQ(second.outcome, status::rejected);
    EXPECT_EQ(second.why->rule, rule_ids::hires_within_openings);
    EXPECT_EQ(second.why->reason, "job 3 has 1 opening and 1 hire already");
    EXPECT_EQ(s.load(job3, bob)->state_name(), "offered");
    EXPECT_EQ(s.job(job3)->hires, 1U);
}

TEST_P(typed_store, ClosingTheJobClosesWhatIsNotHiredAndTakesNoNewCandidacy) {
    lifecycle_store s{*db_};
    s.create_job(job3, 2);
    offer(s, alice);
    ASSERT_TRUE(s.process(job3, alice, event::accept_offer{.at = t0 + 3h}));
    ASSERT_TRUE(s.process(job3, bob, event::submit_proposal{.at = t0 + 3h}));
    auto const closed = s.close_job(job3, event::close_job{.at = t0 + 5h}, "close-3");
    ASSERT_TRUE(closed) << closed.message();
    EXPECT_EQ(s.load(job3, alice)->state_name(), "contract_active");
    EXPECT_EQ(s.load(job3, bob)->state_name(), "closed");
    auto const row = s.job(job3);
    EXPECT_FALSE(row->open);
    EXPECT_EQ(row->closed_at, "2026-03-02T14:00:00Z");
    auto const late = s.process(job3, freelancer_id{44}, event::submit_proposal{.at = t0 + 6h});
    ASSERT_EQ(late.outcome, status::rejected);
    EXPECT_EQ(late.why->rule, rule_ids::job_open);
    EXPECT_FALSE(s.load(job3, freelancer_id{44}));
    EXPECT_EQ(s.close_job(job3, event::close_job{.at = t0 + 6h}).why->rule, rule_ids::job_open);
    EXPECT_EQ(s.close_job(job3, event::close_job{.at = t0 + 6h}, "close-3").outcome, status::duplicate);
    EXPECT_EQ(s.process(job3, alice, event::close_job{.at = t0 + 6h}).why->rule, rule_ids::whole_job_event);
}

TEST_P(typed_store, AHireIsNotifiedOnceThroughTheOutboxAfterTheCommit) {
    lifecycle_store s{*db_};
    s.create_job(job3, 1);
    offer(s, alice);
    (void)s.process(job3, alice, event::log_work{.at = t0 + 3h, .minutes = 5min});  // rejected: not notified
    ASSERT_TRUE(s.process(job3, alice, event::accept_offer{.at = t0 + 3h}));
    std::vector<outbox_message> sent;
    // A sender that fails leaves the message for the next round.
    EXPECT_THROW(s.deliver([](outbox_message const&) { throw std::runtime_error("mail server down"); }),
                 std::runtime_error);
    // The proposal, the offer and the hire (respond calls for none).
    EXPECT_EQ(s.deliver([&](outbox_message const& m) { sent.push_back(m); }), 3U);
    ASSERT_EQ(sent.size(), 3U);
    EXPECT_EQ(sent[0].kind, "proposal_received");
    EXPECT_EQ(sent[1].kind, "offer_received");
    EXPECT_EQ(sent[2].id, "3/42/4/contract_began");
    EXPECT_EQ(sent[2].kind, "contract_began");
    EXPECT_EQ(sent[2].payload, R"({"id":"3/42/4/contract_began","kind":"contract_began","job":3,"freelancer":42,)"
                               R"("state":"contract_active","at":"2026-03-02T12:00:00Z"})");
    EXPECT_EQ(s.deliver([&](outbox_message const& m) { sent.push_back(m); }), 0U);
}

TEST_P(typed_store, TheCommittedEventsAreTheLogOfWhatWasAccepted) {
    lifecycle_store s{*db_};
    s.create_job(job3, 1);
    ASSERT_TRUE(s.process(job3, alice, event::invite{.at = t0}, "e-1"));
    (void)s.process(job3, alice, event::respond{.at = t0 + 1h}, "e-2");  // illegal in invited
    ASSERT_TRUE(s.process(job3, alice, event::accept_invite{.at = t0 + 2h}));
    auto const events = db_->events(0, 10);
    ASSERT_EQ(events.size(), 2U);
    EXPECT_EQ(events[0].id, "e-1");
    EXPECT_EQ(events[0].version, 1U);
    EXPECT_EQ(events[0].line, R"({"job":3,"freelancer":42,"event":"invite","at":"2026-03-02T09:00:00Z"})");
    EXPECT_EQ(events[1].id, "");
    EXPECT_EQ(events[1].line, R"({"job":3,"freelancer":42,"event":"accept_invite","at":"2026-03-02T11:00:00Z"})");
    EXPECT_LT(events[0].sequence, events[1].sequence);
}

TEST_P(typed_store, TwoServersLoggingWorkOnOneContractLoseNoMinutes) {
    {
        lifecycle_store s{*db_};
        s.create_job(job3, 1);
        offer(s, alice);
        ASSERT_TRUE(s.process(job3, alice, event::accept_offer{.at = t0 + 3h}));
    }
    constexpr int per_server = 40;
    std::atomic<int> accepted{0};
    auto server = [&](std::chrono::minutes each) {
        auto db = database_->connect();
        lifecycle_store s{*db, store_options{.max_attempts = 1000, .now = [] { return t0 + 4h; }}};
        for (int i = 0; i < per_server; ++i) {
            auto const r = s.process(job3, alice, event::log_work{.minutes = each});
            accepted += r ? 1 : 0;
        }
    };
    std::thread a{server, 60min};
    std::thread b{server, 45min};
    a.join();
    b.join();
    EXPECT_EQ(accepted.load(), 2 * per_server);
    lifecycle_store s{*db_};
    EXPECT_EQ(s.load(job3, alice)->data().minutes_logged, per_server * 60min + per_server * 45min);
}

// A store keeps the rows it wrote; what another server wrote since, or an
// id already applied, still decides.
TEST_P(typed_store, ARowKeptByOneServerGivesWayToWhatAnotherWrote) {
    lifecycle_store first{*db_};
    first.create_job(job3, 1);
    offer(first, alice);
    ASSERT_TRUE(first.process(job3, alice, event::accept_offer{.at = t0 + 3h}));
    auto const logged = first.process(job3, alice, event::log_work{.at = t0 + 4h, .minutes = 30min}, "w-1");
    ASSERT_TRUE(logged);
    EXPECT_EQ(logged.attempts, 1U);
    auto const again = first.process(job3, alice, event::log_work{.at = t0 + 4h, .minutes = 30min}, "w-1");
    EXPECT_EQ(again.outcome, status::duplicate) << "the id's index, not the kept row, decides";
    EXPECT_EQ(again.version, logged.version);

    auto other_db = database_->connect();
    lifecycle_store second{*other_db};
    ASSERT_TRUE(second.process(job3, alice, event::log_work{.at = t0 + 5h, .minutes = 45min}, "w-2"));
    ASSERT_TRUE(second.process(job3, alice, event::end_contract{.at = t0 + 6h}));

    auto const late = first.process(job3, alice, event::log_work{.at = t0 + 7h, .minutes = 15min}, "w-3");
    EXPECT_EQ(late.outcome, status::rejected) << "the contract ended on the other server";
    auto const m = first.load(job3, alice);
    EXPECT_EQ(m->state_name(), "contract_ended");
    EXPECT_EQ(m->data().minutes_logged, 75min);
}

INSTANTIATE_TEST_SUITE_P(store, typed_store, ::testing::ValuesIn(adapters_under_test()),
                         [](auto const& info) { return info.param.name; });

}  // namespace
}  // namespace hireguard::store::testing
