// Snapshots of jobs: a job's snapshot compared with JSON written by hand, the
// valid and malformed job corpora, and a RapidCheck round trip over generated
// job histories (several freelancers, the openings rule, closing the job).
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <boost/json.hpp>

#include <hireguard/hiring/job.hpp>
#include <hireguard/json/snapshot.hpp>

#include "corpus.hpp"
#include "property_support.hpp"

namespace {

using namespace hireguard;
using namespace std::chrono_literals;
using std::chrono::year;

bool same_job(job const& a, job const& b) {
    return a.id() == b.id() && a.openings() == b.openings() && a.is_open() == b.is_open() &&
           a.closed_at() == b.closed_at() && a.policy() == b.policy() && a.candidacies() == b.candidacies();
}

/// Job 3, two openings: freelancer 42 proposes and is hired at $45 an hour;
/// freelancer 5 is invited and has not answered when the job closes.
job hand_written_job() {
    job j{job_id{3}, 2};
    freelancer_id const hired{42};
    EXPECT_TRUE(j.process(hired, event::submit_proposal{.at = utc(year{2026} / 1 / 5, 9h)}));
    EXPECT_TRUE(j.process(hired, event::respond{.at = utc(year{2026} / 1 / 5, 12h)}));
    EXPECT_TRUE(
        j.process(hired, event::send_offer{.at = utc(year{2026} / 1 / 6, 10h), .terms = {.hourly_rate = dollars(45)}}));
    EXPECT_TRUE(j.process(hired, event::accept_offer{.at = utc(year{2026} / 1 / 7, 8h + 30min)}));
    EXPECT_TRUE(j.process(freelancer_id{5}, event::invite{}));
    EXPECT_TRUE(j.close(event::close_job{.at = utc(year{2026} / 1 / 8)}));
    return j;
}

constexpr char const* hand_written_text = R"({
  "format": 1, "job": 3, "openings": 2, "open": false, "closed_at": "2026-01-08T00:00:00Z",
  "policy": {"offer_lifetime_seconds": 2592000, "feedback_window_seconds": 1209600,
             "minimum_milestone": 500, "cap_hires_at_openings": true},
  "candidacies": [
    {"origin": "invitation", "state": "closed",
     "data": {"job": 3, "freelancer": 5, "last_event_at": "2026-01-08T00:00:00Z", "terms": null,
              "offer_sent_at": null, "hired_at": null, "started_at": null, "ended_at": null,
              "minutes_logged": 0, "milestone": "none", "milestone_amount": 0, "paid": 0, "milestones_paid": 0,
              "client_left_feedback": false, "freelancer_left_feedback": false}},
    {"origin": "proposal", "state": "contract_active",
     "data": {"job": 3, "freelancer": 42, "last_event_at": "2026-01-07T08:30:00Z",
              "terms": {"kind": "hourly", "hourly_rate": 4500, "first_milestone": 0, "start_date": null},
              "offer_sent_at": "2026-01-06T10:00:00Z", "hired_at": "2026-01-07T08:30:00Z",
              "started_at": "2026-01-07T08:30:00Z", "ended_at": null,
              "minutes_logged": 0, "milestone": "none", "milestone_amount": 0, "paid": 0, "milestones_paid": 0,
              "client_left_feedback": false, "freelancer_left_feedback": false}}
  ]
})";

TEST(JobSnapshot, OfAClosedJobWithAHireIsTheDocumentWrittenByHand) {
    EXPECT_EQ(boost::json::value(snapshot(hand_written_job())), boost::json::parse(hand_written_text));
}

TEST(JobRestore, OfTheHandWrittenDocumentGivesTheJobItsCandidaciesAndCounters) {
    job const j = restore_job(hand_written_text);
    EXPECT_EQ(j.id(), job_id{3});
    EXPECT_EQ(j.openings(), 2U);
    EXPECT_FALSE(j.is_open());
    EXPECT_EQ(j.closed_at(), utc(year{2026} / 1 / 8));
    ASSERT_EQ(j.candidacies().size(), 2U);
    ASSERT_NE(j.find(freelancer_id{5}), nullptr);
    EXPECT_TRUE(j.find(freelancer_id{5})->is<state::closed>());
    ASSERT_NE(j.find(freelancer_id{42}), nullptr);
    EXPECT_TRUE(j.find(freelancer_id{42})->is<state::contract_active>());
    EXPECT_EQ(j.hires(), 1U);
    EXPECT_EQ(j.activity().invites_sent, 1U);
    EXPECT_EQ(j.activity().proposals, 1U);
    EXPECT_TRUE(same_job(j, hand_written_job()));
}

TEST(JobRestore, ARestoredJobGoesOnWithItsRules) {
    job j = restore_job(hand_written_text);
    auto const v = j.process(freelancer_id{77}, event::submit_proposal{});
    ASSERT_FALSE(v);
    EXPECT_EQ(v.error().rule, rule_ids::job_open);
    EXPECT_TRUE(j.process(freelancer_id{42}, event::log_work{.at = utc(year{2026} / 1 / 9), .minutes = 60min}));
}

TEST(ValidJobCorpus, EveryDocumentRestoresAndIsWrittenBackUnchanged) {
    auto const files = corpus::documents("valid_job");
    for (auto const& file : files) {
        SCOPED_TRACE(file.filename().string());
        std::string const text = corpus::read(file);
        try {
            EXPECT_EQ(boost::json::value(snapshot(restore_job(text))), boost::json::parse(text));
        } catch (json_error const& e) {
            ADD_FAILURE() << "refused: " << e.what();
        }
    }
    EXPECT_GE(files.size(), 3U);
}

TEST(MalformedJobCorpus, EveryDocumentIsRefusedNamingTheExpectedField) {
    auto const expected = corpus::expected_fields("malformed_job");
    ASSERT_GE(expected.size(), 25U);
    auto const files = corpus::documents("malformed_job");
    for (auto const& file : files) {
        std::string const name = file.filename().string();
        SCOPED_TRACE(name);
        auto const want = expected.find(name);
        ASSERT_NE(want, expected.end()) << "not listed in malformed_job/EXPECTED";
        try {
            (void)restore_job(corpus::read(file));
            ADD_FAILURE() << "restored";
        } catch (json_error const& e) {
            EXPECT_EQ(e.field(), want->second) << e.what();
        }
    }
    EXPECT_EQ(files.size(), expected.size());
}

/// The reference model in a machine's state with its data, to generate the
/// next event of an existing candidacy.
model::candidacy model_of(machine const& m) {
    return model::from_engine(m.state_name(), m.data(), m.policy());
}

RC_GTEST_PROP(JobSnapshotRoundTrip, RestoreOfTheSnapshotEqualsTheJobAfterEveryStep, ()) {
    policy p;
    p.cap_hires_at_openings = *rc::gen::arbitrary<bool>();
    auto const openings = *rc::gen::inRange<std::uint32_t>(1, 4);
    job j{job_id{3}, openings, p};
    auto const steps = *rc::gen::inRange(0, 120);
    for (int step = 0; step < steps; ++step) {
        if (*rc::gen::weightedElement<bool>({{40, false}, {1, true}})) {
            auto const at = *property::gen_time(model::begin(3, 0));
            (void)j.close(event::close_job{.at = at});
        } else {
            freelancer_id const f{*rc::gen::inRange<std::uint64_t>(1, 5)};
            machine const* existing = j.find(f);
            model::candidacy const m = existing ? model_of(*existing) : model::begin(3, f.value());
            (void)j.process(f, *property::gen_event(m));
        }
        boost::json::object const s = snapshot(j);
        std::optional<job> restored;
        try {
            restored.emplace(restore_job(s));
        } catch (json_error const& e) {
            RC_LOG() << boost::json::serialize(s) << "\n";
            RC_FAIL(std::string("refused a reachable job: ") + e.what());
        }
        RC_ASSERT(same_job(*restored, j));
        RC_ASSERT(snapshot(*restored) == s);
    }
    RC_TAG(j.is_open() ? "open" : "closed", j.hires() == 0 ? "no hire" : "hired");
}

}  // namespace
