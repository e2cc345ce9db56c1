// Snapshots compared with JSON written by hand from docs/domain.md and
// docs/persistence.md; the valid corpus restored and written back; every
// document of the malformed corpus refused, naming the expected field.
#include <chrono>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <hireguard/hiring/lifecycle.hpp>
#include <hireguard/json/snapshot.hpp>

#include "corpus.hpp"

namespace {

using namespace hireguard;
using namespace std::chrono_literals;
using std::chrono::year;

/// Proposal, answer, an hourly offer at $45, accepted at once, 90 minutes of work.
machine active_hourly_contract() {
    machine m{job_id{7}, freelancer_id{42}};
    EXPECT_TRUE(m.process(event::submit_proposal{.at = utc(year{2026} / 1 / 5, 9h)}));
    EXPECT_TRUE(m.process(event::respond{.at = utc(year{2026} / 1 / 5, 12h)}));
    EXPECT_TRUE(m.process(event::send_offer{.at = utc(year{2026} / 1 / 6, 10h),
                                            .terms = {.kind = contract_kind::hourly, .hourly_rate = dollars(45)}}));
    EXPECT_TRUE(m.process(event::accept_offer{.at = utc(year{2026} / 1 / 7, 8h + 30min)}));
    EXPECT_TRUE(m.process(event::log_work{.at = utc(year{2026} / 1 / 7, 17h), .minutes = 90min}));
    return m;
}

constexpr char const* active_hourly_text = R"({
  "format": 1,
  "state": "contract_active",
  "policy": {"offer_lifetime_seconds": 2592000, "feedback_window_seconds": 1209600,
             "minimum_milestone": 500, "cap_hires_at_openings": true},
  "data": {
    "job": 7, "freelancer": 42,
    "last_event_at": "2026-01-07T17:00:00Z",
    "terms": {"kind": "hourly", "hourly_rate": 4500, "first_milestone": 0, "start_date": null},
    "offer_sent_at": "2026-01-06T10:00:00Z",
    "hired_at": "2026-01-07T08:30:00Z",
    "started_at": "2026-01-07T08:30:00Z",
    "ended_at": null,
    "minutes_logged": 90,
    "milestone": "none", "milestone_amount": 0, "paid": 0, "milestones_paid": 0,
    "client_left_feedback": false, "freelancer_left_feedback": false
  }
})";

TEST(Snapshot, OfAnActiveHourlyContractIsTheDocumentWrittenByHand) {
    EXPECT_EQ(boost::json::value(snapshot(active_hourly_contract())), boost::json::parse(active_hourly_text));
}

TEST(Snapshot, TextIsCompactJsonOfTheSameDocument) {
    std::string const text = snapshot_text(active_hourly_contract());
    EXPECT_EQ(text.find('\n'), std::string::npos);
    EXPECT_EQ(boost::json::parse(text), boost::json::parse(active_hourly_text));
}

TEST(Restore, OfTheHandWrittenDocumentGivesItsStateAndData) {
    machine const m = restore(active_hourly_text);
    EXPECT_EQ(m.state_name(), "contract_active");
    EXPECT_TRUE(m.is<state::contract_active>());
    candidacy_data const& d = m.data();
    EXPECT_EQ(d.job, job_id{7});
    EXPECT_EQ(d.freelancer, freelancer_id{42});
    EXPECT_EQ(d.last_event_at, utc(year{2026} / 1 / 7, 17h));
    ASSERT_TRUE(d.terms);
    EXPECT_EQ(d.terms->kind, contract_kind::hourly);
    EXPECT_EQ(d.terms->hourly_rate, cents(4500));
    EXPECT_FALSE(d.terms->start_date);
    EXPECT_EQ(d.offer_sent_at, utc(year{2026} / 1 / 6, 10h));
    EXPECT_EQ(d.hired_at, utc(year{2026} / 1 / 7, 8h + 30min));
    EXPECT_EQ(d.started_at, utc(year{2026} / 1 / 7, 8h + 30min));
    EXPECT_FALSE(d.ended_at);
    EXPECT_EQ(d.minutes_logged, 90min);
    EXPECT_EQ(d.milestone, milestone_status::none);
    EXPECT_EQ(m.policy(), policy{});
    EXPECT_EQ(m, active_hourly_contract());
}

TEST(Restore, ARestoredContractGoesOnWhereTheLiveOneStopped) {
    machine m = restore(active_hourly_text);
    EXPECT_TRUE(m.process(event::log_work{.at = utc(year{2026} / 1 / 8, 9h), .minutes = 30min}));
    EXPECT_EQ(m.data().minutes_logged, 120min);
    auto const v = m.process(event::log_work{.at = utc(year{2026} / 1 / 7, 9h), .minutes = 30min});
    ASSERT_FALSE(v);
    EXPECT_EQ(v.error().rule, rule_ids::timestamps_monotonic);
}

/// A direct fixed-price offer with a later start date, accepted before it,
/// under a policy of one's own: hired, the first milestone funded, no work.
TEST(Snapshot, OfAPendingFixedPriceContractUnderItsOwnPolicyIsTheDocumentWrittenByHand) {
    policy const p{.offer_lifetime = std::chrono::days{7},
                   .feedback_window = std::chrono::days{3},
                   .minimum_milestone = dollars(10),
                   .cap_hires_at_openings = false};
    machine m{job_id{3}, freelancer_id{9}, p};
    ASSERT_TRUE(m.process(event::send_offer{.at = utc(year{2026} / 2 / 2, 10h),
                                            .terms = {.kind = contract_kind::fixed_price,
                                                      .first_milestone = dollars(150),
                                                      .start_date = utc(year{2026} / 2 / 10)}}));
    ASSERT_TRUE(m.process(event::accept_offer{.at = utc(year{2026} / 2 / 3, 9h)}));
    auto const expected = boost::json::parse(R"({
      "format": 1, "state": "contract_pending",
      "policy": {"offer_lifetime_seconds": 604800, "feedback_window_seconds": 259200,
                 "minimum_milestone": 1000, "cap_hires_at_openings": false},
      "data": {"job": 3, "freelancer": 9, "last_event_at": "2026-02-03T09:00:00Z",
               "terms": {"kind": "fixed_price", "hourly_rate": 0, "first_milestone": 15000,
                         "start_date": "2026-02-10T00:00:00Z"},
               "offer_sent_at": "2026-02-02T10:00:00Z", "hired_at": "2026-02-03T09:00:00Z",
               "started_at": null, "ended_at": null, "minutes_logged": 0,
               "milestone": "funded", "milestone_amount": 15000, "paid": 0, "milestones_paid": 0,
               "client_left_feedback": false, "freelancer_left_feedback": false}})");
    EXPECT_EQ(boost::json::value(snapshot(m)), expected);
    machine const back = restore(expected);
    EXPECT_TRUE(back.is<state::contract_pending>());
    EXPECT_EQ(back.policy().offer_lifetime, std::chrono::days{7});
    EXPECT_EQ(back.policy().minimum_milestone, dollars(10));
    EXPECT_FALSE(back.policy().cap_hires_at_openings);
    EXPECT_EQ(back, m);
}

TEST(Snapshot, RefusesAStartDateItCannotWriteNamingTheField) {
    candidacy_data d{job_id{7}, freelancer_id{42}};
    d.last_event_at = d.offer_sent_at = utc(year{2026} / 1 / 6);
    d.terms = offer_terms{.hourly_rate = dollars(45), .start_date = utc(year{10000} / 1 / 1)};
    auto const m = machine::from_parts("offered", d, {});
    ASSERT_TRUE(m);
    try {
        (void)snapshot(*m);
        FAIL() << "a start date in the year 10000 was written";
    } catch (json_error const& e) {
        EXPECT_EQ(e.field(), "data.terms.start_date");
    }
}

TEST(Restore, LeavesTheCallersMachineAsItWasWhenItThrows) {
    machine m = active_hourly_contract();
    machine const before = m;
    std::string text = active_hourly_text;
    text.replace(text.find("\"minutes_logged\": 90"), 20, "\"minutes_logged\": -9");
    EXPECT_THROW(m = restore(text), json_error);
    EXPECT_EQ(m, before);
}

TEST(Restore, OfAnotherWorkflowsStateNamesTheStateField) {
    std::string text = active_hourly_text;
    text.replace(text.find("contract_active"), 15, "background_check");
    try {
        (void)restore(text);
        FAIL() << "restored a state the lifecycle does not have";
    } catch (json_error const& e) {
        EXPECT_EQ(e.field(), "state");
        EXPECT_NE(e.reason().find("background_check"), std::string::npos);
    }
}

// The valid corpus: snapshots of reachable candidacies, one per kind of state,
// written by hand (tests/json/make_corpus.py). Each restores, and writes back
// the same document.
TEST(ValidCorpus, EveryDocumentRestoresAndIsWrittenBackUnchanged) {
    auto const files = corpus::documents("valid");
    for (auto const& file : files) {
        SCOPED_TRACE(file.filename().string());
        std::string const text = corpus::read(file);
        try {
            machine const m = restore(text);
            EXPECT_EQ(boost::json::value(snapshot(m)), boost::json::parse(text));
        } catch (json_error const& e) {
            ADD_FAILURE() << "refused: " << e.what();
        }
    }
    EXPECT_GE(files.size(), 13U);
}

// The malformed corpus: one thing wrong per document; malformed/EXPECTED names
// the field that restore must report ("-" for the document itself).
TEST(MalformedCorpus, EveryDocumentIsRefusedNamingTheExpectedField) {
    auto const expected = corpus::expected_fields("malformed");
    ASSERT_GE(expected.size(), 80U);
    auto const files = corpus::documents("malformed");
    for (auto const& file : files) {
        std::string const name = file.filename().string();
        SCOPED_TRACE(name);
        auto const want = expected.find(name);
        ASSERT_NE(want, expected.end()) << "not listed in malformed/EXPECTED";
        machine m{job_id{1}, freelancer_id{1}};
        machine const before = m;
        try {
            m = restore(corpus::read(file));
            ADD_FAILURE() << "restored into " << m.state_name();
        } catch (json_error const& e) {
            EXPECT_EQ(e.field(), want->second) << e.what();
            EXPECT_FALSE(e.reason().empty());
        }
        EXPECT_EQ(m, before);
    }
    EXPECT_EQ(files.size(), expected.size());
}

}  // namespace
