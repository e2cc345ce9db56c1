// Every data rule of docs/domain.md on both sides of its boundary, through the
// runtime engine: the last value it accepts and the first it refuses, with
// the refusal naming the rule. Expectations are written by hand.
#include <chrono>
#include <cstdint>
#include <limits>
#include <string>

#include <gtest/gtest.h>

#include <hireguard/hiring/machine.hpp>

#include "scenarios.hpp"

namespace {

using namespace hireguard;
using namespace std::chrono_literals;
using scenarios::t0;
using std::chrono::days;

machine at(std::string_view state, offer_terms terms = scenarios::hourly_terms()) {
    machine m{job_id{7}, freelancer_id{42}};
    for (auto const& e : scenarios::path_to(state, terms)) EXPECT_TRUE(m.process(e)) << state;
    return m;
}

// The event is refused for `rule`, and nothing changed.
template <class Event>
void refused(machine& m, Event const& e, rule_id rule) {
    auto const state = std::string(m.state_name());
    auto const data = m.data();
    auto v = m.process(e);
    ASSERT_FALSE(v) << Event::name << " was accepted";
    EXPECT_EQ(v.error().rule, rule) << v.message();
    EXPECT_EQ(m.state_name(), state);
    EXPECT_EQ(m.data(), data);
}

timestamp const later = t0 + days{1};

TEST(Rule, OfferTermsValidHourlyRateAboveZero) {
    machine m = at("interviewing");
    refused(m, event::send_offer{.at = later, .terms = {.kind = contract_kind::hourly, .hourly_rate = cents(0)}},
            rule_ids::offer_terms_valid);
    EXPECT_TRUE(
        m.process(event::send_offer{.at = later, .terms = {.kind = contract_kind::hourly, .hourly_rate = cents(1)}}));
}

TEST(Rule, OfferTermsValidFirstMilestoneAtLeastFiveDollars) {
    machine m = at("interviewing");
    refused(
        m, event::send_offer{.at = later, .terms = {.kind = contract_kind::fixed_price, .first_milestone = cents(499)}},
        rule_ids::offer_terms_valid);
    EXPECT_TRUE(m.process(
        event::send_offer{.at = later, .terms = {.kind = contract_kind::fixed_price, .first_milestone = cents(500)}}));
}

TEST(Rule, StartDateOnTheSecondOfAcceptanceBeginsTheContractOneSecondLaterLeavesItPending) {
    offer_terms terms = scenarios::hourly_terms();
    terms.start_date = later;
    machine now = at("offered", terms);
    ASSERT_TRUE(now.process(event::accept_offer{.at = later}));
    EXPECT_TRUE(now.is<state::contract_active>());
    terms.start_date = later + 1s;
    machine next = at("offered", terms);
    ASSERT_TRUE(next.process(event::accept_offer{.at = later}));
    EXPECT_TRUE(next.is<state::contract_pending>());
}

TEST(Rule, AnOfferNeedsToKnowWhenItWasSent) {
    machine m{job_id{7}, freelancer_id{42}};  // no time known anywhere yet
    refused(m, event::send_offer{.terms = scenarios::hourly_terms()}, rule_ids::event_time_known);
    EXPECT_TRUE(m.process(event::send_offer{.at = t0, .terms = scenarios::hourly_terms()}));
}

TEST(Rule, WorkNeedsAPositiveDuration) {
    machine m = at("contract_active");
    refused(m, event::log_work{.at = later, .minutes = 0min}, rule_ids::work_duration_positive);
    refused(m, event::log_work{.at = later, .minutes = -5min}, rule_ids::work_duration_positive);
    ASSERT_TRUE(m.process(event::log_work{.at = later, .minutes = 1min}));
    EXPECT_EQ(m.data().minutes_logged, 1min);
}

TEST(Rule, FixedPriceMilestonesFundedOneAtATimeAtLeastTheMinimum) {
    machine m = at("contract_active", scenarios::fixed_terms());  // the first milestone, $100, is funded
    ASSERT_TRUE(m.process(event::log_work{.at = later, .minutes = 60min}));
    refused(m, event::fund_milestone{.at = later, .amount = dollars(50)}, rule_ids::one_funded_milestone);
    refused(m, event::approve_milestone{.at = later}, rule_ids::milestone_submitted);
    ASSERT_TRUE(m.process(event::submit_milestone{.at = later}));
    ASSERT_TRUE(m.process(event::approve_milestone{.at = later}));
    EXPECT_EQ(m.data().paid, dollars(100));
    // Nothing in escrow now: no work, no submission.
    refused(m, event::log_work{.at = later, .minutes = 30min}, rule_ids::work_is_funded);
    refused(m, event::submit_milestone{.at = later}, rule_ids::milestone_funded);
    refused(m, event::fund_milestone{.at = later, .amount = cents(0)}, rule_ids::amount_positive);
    auto v = m.process(event::fund_milestone{.at = later, .amount = cents(499)});
    ASSERT_FALSE(v);
    EXPECT_EQ(v.error().rule, rule_ids::milestone_minimum);
    EXPECT_EQ(v.message(),
              "fund_milestone rejected in contract_active: milestone_minimum: the milestone is $4.99, below the $5.00 "
              "minimum");
    ASSERT_TRUE(m.process(event::fund_milestone{.at = later, .amount = cents(500)}));
    EXPECT_TRUE(m.process(event::log_work{.at = later, .minutes = 30min}));
}

// from_parts takes data as given: no rule may overflow computing its answer,
// whatever the amounts (UBSan traps on a signed overflow under asan-ubsan).
TEST(Rule, ApprovingAMilestoneNeverOverflowsWhateverTheAmounts) {
    candidacy_data d{job_id{7}, freelancer_id{42}};
    d.terms = offer_terms{.kind = contract_kind::fixed_price, .first_milestone = dollars(20)};
    d.offer_sent_at = d.hired_at = d.started_at = d.last_event_at = t0;
    d.milestone = milestone_status::submitted;
    d.milestone_amount = cents(-1);
    d.paid = cents(std::numeric_limits<std::int64_t>::min());
    auto m = machine::from_parts("contract_active", d, {});
    ASSERT_TRUE(m);
    verdict v = m->process(event::approve_milestone{.at = t0});
    ASSERT_FALSE(v);
    EXPECT_EQ(v.error().rule, rule_ids::value_in_range);
    d.paid = cents(std::numeric_limits<std::int64_t>::max());
    m = machine::from_parts("contract_active", d, {});
    EXPECT_TRUE(m->process(event::approve_milestone{.at = t0}));
}

TEST(Rule, MilestonesBelongToFixedPriceContracts) {
    machine m = at("contract_active");
    refused(m, event::fund_milestone{.at = later, .amount = dollars(100)}, rule_ids::fixed_price_contract);
}

TEST(Rule, FeedbackOnTheLastSecondOfTheWindowAndNotOnTheFirstSecondAfter) {
    machine m = at("contract_active");
    timestamp const ended = t0 + days{2};
    ASSERT_TRUE(m.process(event::end_contract{.at = ended, .by = party::client}));
    machine late = m;
    auto v = late.process(event::leave_feedback{.at = ended + days{14}, .by = party::client});
    ASSERT_FALSE(v);
    EXPECT_EQ(v.error().rule, rule_ids::feedback_window_open);
    EXPECT_EQ(v.message(),
              "leave_feedback rejected in contract_ended: feedback_window_open: the contract ended 2026-01-07; the "
              "14-day feedback window closed on 2026-01-21");
    EXPECT_EQ(late.data(), m.data());
    EXPECT_TRUE(m.process(event::leave_feedback{.at = ended + days{14} - 1s, .by = party::client}));
}

TEST(Rule, FeedbackOncePerParty) {
    machine m = at("contract_ended");
    ASSERT_TRUE(m.process(event::leave_feedback{.at = later, .by = party::client}));
    refused(m, event::leave_feedback{.at = later, .by = party::client}, rule_ids::feedback_once_per_party);
    EXPECT_TRUE(m.process(event::leave_feedback{.at = later, .by = party::freelancer}));
    refused(m, event::leave_feedback{.at = later, .by = party::freelancer}, rule_ids::feedback_once_per_party);
}

TEST(Rule, TheFeedbackWindowFollowsThePolicy) {
    machine m{job_id{7}, freelancer_id{42}, policy{.feedback_window = days{1}}};
    for (auto const& e : scenarios::path_to("contract_ended")) ASSERT_TRUE(m.process(e));
    timestamp const ended = *m.data().ended_at;
    machine late = m;
    refused(late, event::leave_feedback{.at = ended + days{1}, .by = party::client}, rule_ids::feedback_window_open);
    EXPECT_TRUE(m.process(event::leave_feedback{.at = ended + days{1} - 1s, .by = party::client}));
}

}  // namespace
