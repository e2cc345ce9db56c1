// What every adapter of hireguard's store does, checked the same way on each
// (sqlite_test.cpp and postgres_test.cpp instantiate the suite with a real
// database): versioned rows, conflicts, all-or-nothing transactions, events
// in commit order, the outbox, the schema version, and two connections on
// one database, on two threads where they race.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <latch>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include <hireguard/store/backend.hpp>

#include "databases.hpp"

namespace hireguard::store::testing {
namespace {

using namespace std::chrono_literals;

class backend_conformance : public ::testing::TestWithParam<adapter> {
protected:
    void SetUp() override {
        database_ = GetParam().make();
        db_ = database_->connect();
    }

    // Commits one transaction that inserts job 7 (2 openings) and candidacy 7/42.
    void insert_job_and_candidacy() {
        auto tx = db_->begin();
        tx->insert_job(job_7);
        tx->insert_candidacy(candidacy_7_42);
        tx->commit();
    }

    // Commits one transaction that records `e` (of candidacy 7/42).
    void record(backend& db, committed_event const& e) {
        auto tx = db.begin();
        tx->record_event(e);
        tx->commit();
    }

    job_row const job_7{7, 2, true, std::nullopt, 0, R"({"offer_expiry_days":30})", 1};
    candidacy_row const candidacy_7_42{7, 42, "proposed", "proposal", R"({"state":"proposed"})", 1};

    std::unique_ptr<test_database> database_;
    std::unique_ptr<backend> db_;
};

TEST_P(backend_conformance, a_new_database_has_the_schema_version) {
    EXPECT_EQ(database_->query("SELECT version FROM hireguard_schema"), std::to_string(schema_version));
    EXPECT_EQ(schema_version, 2);
    EXPECT_EQ(database_->query("SELECT count(*) FROM hireguard_schema"), "1");
}

TEST_P(backend_conformance, missing_rows_read_as_nothing) {
    auto tx = db_->begin();
    EXPECT_EQ(tx->load_job(7), std::nullopt);
    EXPECT_EQ(tx->load_candidacy(7, 42), std::nullopt);
    EXPECT_TRUE(tx->load_candidacies(7).empty());
    EXPECT_EQ(tx->find_event("msg-1"), std::nullopt);
    EXPECT_EQ(tx->find_event(""), std::nullopt);
}

TEST_P(backend_conformance, an_inserted_job_reads_back_at_version_1) {
    {
        auto tx = db_->begin();
        // The adapter writes version 1, whatever the row says.
        job_row row = job_7;
        row.version = 0;
        tx->insert_job(row);
        tx->commit();
    }
    auto tx = db_->begin();
    EXPECT_EQ(tx->load_job(7), (job_row{7, 2, true, std::nullopt, 0, R"({"offer_expiry_days":30})", 1}));
}

TEST_P(backend_conformance, an_update_replaces_the_row_and_advances_its_version) {
    insert_job_and_candidacy();
    {
        auto tx = db_->begin();
        tx->update_job(job_row{7, 2, false, "2026-01-02T09:30:00Z", 1, R"({"offer_expiry_days":30})", 2}, 1);
        tx->update_candidacy(candidacy_row{7, 42, "contract_active", "proposal", R"({"state":"hired"})", 2}, 1);
        tx->commit();
    }
    {
        auto tx = db_->begin();
        tx->update_candidacy(candidacy_row{7, 42, "contract_ended", "proposal", R"({"state":"ended"})", 3}, 2);
        tx->commit();
    }
    auto tx = db_->begin();
    EXPECT_EQ(tx->load_job(7), (job_row{7, 2, false, "2026-01-02T09:30:00Z", 1, R"({"offer_expiry_days":30})", 2}));
    EXPECT_EQ(tx->load_candidacy(7, 42),
              (candidacy_row{7, 42, "contract_ended", "proposal", R"({"state":"ended"})", 3}));
}

TEST_P(backend_conformance, an_update_at_a_stale_version_is_a_conflict_and_changes_nothing) {
    insert_job_and_candidacy();
    {
        auto tx = db_->begin();
        tx->update_candidacy(candidacy_row{7, 42, "interviewing", "proposal", "{}", 2}, 1);
        tx->commit();
    }
    {
        auto tx = db_->begin();
        EXPECT_THROW(tx->update_candidacy(candidacy_row{7, 42, "declined", "proposal", "{}", 2}, 1), conflict);
    }
    {
        auto tx = db_->begin();
        EXPECT_THROW(tx->update_job(job_row{7, 5, true, std::nullopt, 0, "{}", 3}, 2), conflict);
    }
    {
        auto tx = db_->begin();
        EXPECT_THROW(tx->update_candidacy(candidacy_row{7, 43, "declined", "invitation", "{}", 2}, 1), conflict)
            << "a row that is not there is not at the expected version either";
    }
    auto tx = db_->begin();
    EXPECT_EQ(tx->load_candidacy(7, 42), (candidacy_row{7, 42, "interviewing", "proposal", "{}", 2}));
    EXPECT_EQ(tx->load_job(7), job_7);
}

TEST_P(backend_conformance, inserting_an_existing_key_is_a_conflict) {
    insert_job_and_candidacy();
    record(*db_, committed_event{0, "msg-1", 7, 42, 1, "line 1"});
    {
        auto tx = db_->begin();
        EXPECT_THROW(tx->insert_job(job_row{7, 9, true, std::nullopt, 0, "{}", 1}), conflict);
    }
    {
        auto tx = db_->begin();
        EXPECT_THROW(tx->insert_candidacy(candidacy_row{7, 42, "invited", "invitation", "{}", 1}), conflict);
    }
    {
        auto tx = db_->begin();
        EXPECT_THROW(tx->record_event(committed_event{0, "msg-1", 7, 42, 2, "line 2"}), conflict);
    }
    auto tx = db_->begin();
    EXPECT_EQ(tx->load_job(7), job_7);
    EXPECT_EQ(tx->load_candidacy(7, 42), candidacy_7_42);
    EXPECT_EQ(tx->find_event("msg-1"), 1U);
}

// After batch_writes(), a write's error may come from a later call (the
// commit, on PostgreSQL): the transaction is rolled back all the same.
TEST_P(backend_conformance, a_batched_write_at_a_stale_version_fails_by_the_commit_and_changes_nothing) {
    insert_job_and_candidacy();
    {
        auto tx = db_->begin();
        tx->batch_writes();
        auto write_and_commit = [&] {
            tx->update_job(job_row{7, 2, true, std::nullopt, 1, R"({"offer_expiry_days":30})", 2}, 1);
            tx->record_event(committed_event{0, "msg-1", 7, 42, 2, "line"});
            tx->update_candidacy(candidacy_row{7, 42, "declined", "proposal", "{}", 3}, 2);
            tx->commit();
        };
        EXPECT_THROW(write_and_commit(), conflict);
    }
    {
        auto tx = db_->begin();
        tx->batch_writes();
        auto write_and_commit = [&] {
            tx->update_candidacy(candidacy_row{7, 42, "interviewing", "proposal", "{}", 2}, 1);
            tx->insert_job(job_7);
            tx->commit();
        };
        EXPECT_THROW(write_and_commit(), conflict) << "an existing key";
    }
    {
        auto tx = db_->begin();
        EXPECT_EQ(tx->load_job(7), job_7) << "nothing of the transactions is committed";
        EXPECT_EQ(tx->load_candidacy(7, 42), candidacy_7_42);
        EXPECT_EQ(tx->find_event("msg-1"), std::nullopt);
    }
    EXPECT_TRUE(db_->events(0, 10).empty());
}

TEST_P(backend_conformance, a_batched_transaction_reads_its_own_writes_and_commits_them_at_once) {
    insert_job_and_candidacy();
    candidacy_row const moved{7, 42, "interviewing", "proposal", "{}", 2};
    {
        auto tx = db_->begin();
        tx->batch_writes();
        tx->update_candidacy(moved, 1);
        tx->record_event(committed_event{0, "msg-1", 7, 42, 2, "line"});
        EXPECT_EQ(tx->load_for_event("msg-1", 7, 42), (event_rows{2U, std::nullopt, std::nullopt}));
        EXPECT_EQ(tx->load_for_event("msg-2", 7, 42), (event_rows{std::nullopt, job_7, moved}));
        tx->enqueue(outbox_message{"7/42/2/x", 7, 42, "x", "{}"});
        tx->commit();
    }
    {
        auto tx = db_->begin();
        EXPECT_EQ(tx->load_for_event({}, 7, 42), (event_rows{std::nullopt, job_7, moved}));
        EXPECT_EQ(tx->load_for_event({}, 8, 42), (event_rows{}));
    }
    EXPECT_EQ(db_->events(0, 10).size(), 1U);
    EXPECT_EQ(db_->undelivered(10).size(), 1U);
}

TEST_P(backend_conformance, a_transaction_is_over_after_a_call_that_threw) {
    insert_job_and_candidacy();
    {
        auto tx = db_->begin();
        tx->insert_job(job_row{8, 1, true, std::nullopt, 0, "{}", 1});
        EXPECT_THROW(tx->insert_job(job_7), conflict);
        EXPECT_THROW((void)tx->load_job(8), backend_error);
        EXPECT_THROW(tx->commit(), backend_error);
    }
    auto tx = db_->begin();
    EXPECT_EQ(tx->load_job(8), std::nullopt) << "the write before the conflict is rolled back";
}

TEST_P(backend_conformance, a_committed_transaction_is_over) {
    auto tx = db_->begin();
    tx->insert_job(job_7);
    tx->commit();
    EXPECT_THROW(tx->commit(), backend_error);
    EXPECT_THROW((void)tx->load_job(7), backend_error);
}

TEST_P(backend_conformance, candidacies_of_a_job_read_back_by_freelancer) {
    {
        auto tx = db_->begin();
        tx->insert_job(job_7);
        tx->insert_job(job_row{8, 1, true, std::nullopt, 0, "{}", 1});
        tx->insert_candidacy(candidacy_row{7, 30, "invited", "invitation", "{\"f\":30}", 1});
        tx->insert_candidacy(candidacy_row{7, 10, "proposed", "proposal", "{\"f\":10}", 1});
        tx->insert_candidacy(candidacy_row{8, 15, "proposed", "proposal", "{\"f\":15}", 1});
        tx->insert_candidacy(candidacy_row{7, 20, "proposed", "proposal", "{\"f\":20}", 1});
        tx->commit();
    }
    auto tx = db_->begin();
    EXPECT_EQ(tx->load_candidacies(7), (std::vector<candidacy_row>{
                                           {7, 10, "proposed", "proposal", "{\"f\":10}", 1},
                                           {7, 20, "proposed", "proposal", "{\"f\":20}", 1},
                                           {7, 30, "invited", "invitation", "{\"f\":30}", 1},
                                       }));
    EXPECT_EQ(tx->load_candidacies(8), (std::vector<candidacy_row>{{8, 15, "proposed", "proposal", "{\"f\":15}", 1}}));
}

TEST_P(backend_conformance, a_transaction_destroyed_without_commit_leaves_nothing) {
    {
        auto tx = db_->begin();
        tx->insert_job(job_7);
        tx->insert_candidacy(candidacy_7_42);
        tx->record_event(committed_event{0, "msg-1", 7, 42, 1, "line 1"});
        tx->enqueue(outbox_message{"7/42/1/proposal_received", 7, 42, "proposal_received", "{}"});
        EXPECT_EQ(tx->load_job(7), job_7) << "a transaction reads its own writes";
        EXPECT_EQ(tx->find_event("msg-1"), 1U);
    }
    auto tx = db_->begin();
    EXPECT_EQ(tx->load_job(7), std::nullopt);
    EXPECT_EQ(tx->load_candidacy(7, 42), std::nullopt);
    EXPECT_EQ(tx->find_event("msg-1"), std::nullopt);
    tx.reset();
    EXPECT_TRUE(db_->events(0, 10).empty());
    EXPECT_TRUE(db_->undelivered(10).empty());
}

TEST_P(backend_conformance, a_committed_transaction_keeps_everything) {
    {
        auto tx = db_->begin();
        tx->insert_job(job_7);
        tx->insert_candidacy(candidacy_7_42);
        tx->record_event(committed_event{0, "msg-1", 7, 42, 1, "line 1"});
        tx->enqueue(outbox_message{"7/42/1/proposal_received", 7, 42, "proposal_received", "{\"kind\":1}"});
        tx->commit();
    }
    auto tx = db_->begin();
    EXPECT_EQ(tx->load_job(7), job_7);
    EXPECT_EQ(tx->load_candidacy(7, 42), candidacy_7_42);
    EXPECT_EQ(tx->find_event("msg-1"), 1U);
    tx.reset();
    EXPECT_EQ(db_->events(0, 10), (std::vector<committed_event>{{1, "msg-1", 7, 42, 1, "line 1"}}));
    EXPECT_EQ(db_->undelivered(10),
              (std::vector<outbox_message>{{"7/42/1/proposal_received", 7, 42, "proposal_received", "{\"kind\":1}"}}));
}

TEST_P(backend_conformance, find_event_gives_the_version_the_event_produced) {
    insert_job_and_candidacy();
    record(*db_, committed_event{0, "msg-1", 7, 42, 1, "line 1"});
    record(*db_, committed_event{0, "msg-2", 7, 42, 2, "line 2"});
    {
        auto tx = db_->begin();
        tx->record_event(committed_event{0, "msg-3", 7, 42, 3, "line 3"});
    }
    auto tx = db_->begin();
    EXPECT_EQ(tx->find_event("msg-1"), 1U);
    EXPECT_EQ(tx->find_event("msg-2"), 2U);
    EXPECT_EQ(tx->find_event("msg-3"), std::nullopt) << "rolled back";
}

TEST_P(backend_conformance, events_come_in_commit_order_from_after_up_to_limit) {
    insert_job_and_candidacy();
    record(*db_, committed_event{0, "msg-1", 7, 42, 1, "line 1"});
    {
        auto tx = db_->begin();
        tx->record_event(committed_event{0, "msg-rolled-back", 7, 42, 2, "never"});
    }
    // Events without an id, and a job's own event (freelancer 0).
    record(*db_, committed_event{0, "", 7, 42, 2, "line 2"});
    record(*db_, committed_event{0, "", 7, 42, 3, "line 3"});
    record(*db_, committed_event{99, "close-7", 7, 0, 2, "close"});
    std::vector<committed_event> const all{
        {1, "msg-1", 7, 42, 1, "line 1"},
        {2, "", 7, 42, 2, "line 2"},
        {3, "", 7, 42, 3, "line 3"},
        {4, "close-7", 7, 0, 2, "close"},
    };
    EXPECT_EQ(db_->events(0, 100), all);
    EXPECT_EQ(db_->events(1, 2), (std::vector<committed_event>{all[1], all[2]}));
    EXPECT_EQ(db_->events(3, 100), (std::vector<committed_event>{all[3]}));
    EXPECT_TRUE(db_->events(4, 100).empty());
    EXPECT_TRUE(db_->events(0, 0).empty());
    EXPECT_EQ(db_->events(0, 1), (std::vector<committed_event>{all[0]}));
}

TEST_P(backend_conformance, the_outbox_hands_out_undelivered_messages_oldest_first) {
    insert_job_and_candidacy();
    {
        auto tx = db_->begin();
        tx->enqueue(outbox_message{"7/42/1/proposal_received", 7, 42, "proposal_received", "{\"n\":1}"});
        tx->enqueue(outbox_message{"7/42/2/offer_sent", 7, 42, "offer_sent", "{\"n\":2}"});
        tx->commit();
    }
    {
        auto tx = db_->begin();
        tx->enqueue(outbox_message{"7/42/3/hired", 7, 42, "hired", "{\"n\":3}"});
        // The same id again: the message already there is kept as it is.
        tx->enqueue(outbox_message{"7/42/1/proposal_received", 7, 42, "proposal_received", "{\"n\":99}"});
        tx->commit();
    }
    outbox_message const first{"7/42/1/proposal_received", 7, 42, "proposal_received", "{\"n\":1}"};
    outbox_message const second{"7/42/2/offer_sent", 7, 42, "offer_sent", "{\"n\":2}"};
    outbox_message const third{"7/42/3/hired", 7, 42, "hired", "{\"n\":3}"};
    EXPECT_EQ(db_->undelivered(10), (std::vector<outbox_message>{first, second, third}));
    EXPECT_EQ(db_->undelivered(2), (std::vector<outbox_message>{first, second}));

    db_->mark_delivered("7/42/2/offer_sent");
    EXPECT_EQ(db_->undelivered(10), (std::vector<outbox_message>{first, third}));
    // Twice, or an unknown id: nothing changes.
    db_->mark_delivered("7/42/2/offer_sent");
    db_->mark_delivered("no-such-message");
    EXPECT_EQ(db_->undelivered(10), (std::vector<outbox_message>{first, third}));

    // A delivered message enqueued again stays delivered.
    {
        auto tx = db_->begin();
        tx->enqueue(second);
        tx->commit();
    }
    db_->mark_delivered("7/42/1/proposal_received");
    db_->mark_delivered("7/42/3/hired");
    EXPECT_TRUE(db_->undelivered(10).empty());
}

TEST_P(backend_conformance, a_database_of_another_schema_version_is_refused) {
    db_.reset();
    // Version 1 (an older hireguard's database: no migration) and a newer one.
    for (std::string const other : {"1", "3"}) {
        database_->execute("UPDATE hireguard_schema SET version = " + other);
        try {
            auto db = database_->connect();
            ADD_FAILURE() << "a database of schema version " << other << " was opened";
        } catch (backend_error const& e) {
            EXPECT_NE(std::string(e.what()).find("the database has schema version " + other +
                                                 "; this hireguard reads and writes version 2"),
                      std::string::npos)
                << e.what();
        }
    }
    database_->execute("UPDATE hireguard_schema SET version = 2");
    EXPECT_NO_THROW((void)database_->connect());
}

// What embedding.md gives to bring a version-1 database to version 2.
TEST_P(backend_conformance, a_version_1_database_opens_after_the_documented_migration) {
    db_.reset();
    database_->execute("CREATE INDEX events_by_candidacy ON events (job, freelancer, sequence)");
    database_->execute("UPDATE hireguard_schema SET version = 1");
    EXPECT_THROW((void)database_->connect(), backend_error);
    database_->execute("DROP INDEX events_by_candidacy");
    database_->execute("UPDATE hireguard_schema SET version = 2");
    auto db = database_->connect();
    {
        auto tx = db->begin();
        tx->insert_job(job_7);
        tx->record_event(committed_event{0, "msg-1", 7, 0, 1, "line"});
        tx->commit();
    }
    EXPECT_EQ(db->events(0, 10).size(), 1U);
}

TEST_P(backend_conformance, a_database_with_a_table_of_the_same_name_is_refused_and_left_as_it_was) {
    auto const other = GetParam().make();
    other->execute("CREATE TABLE jobs (job BIGINT PRIMARY KEY, title TEXT)");
    try {
        auto db = other->connect();
        ADD_FAILURE() << "a database with a jobs table of its own was opened";
    } catch (backend_error const& e) {
        EXPECT_NE(std::string(e.what()).find("jobs"), std::string::npos) << e.what();
    }
    // Nothing of the schema was left behind: without the foreign table, it is created whole.
    other->execute("DROP TABLE jobs");
    auto const db = other->connect();
    auto tx = db->begin();
    tx->insert_job(job_7);
    tx->commit();
    EXPECT_EQ(other->query("SELECT count(*) FROM jobs"), "1");
}

TEST_P(backend_conformance, values_the_schema_forbids_are_backend_errors) {
    insert_job_and_candidacy();
    {
        auto tx = db_->begin();
        EXPECT_THROW(tx->insert_job(job_row{8, 0, true, std::nullopt, 0, "{}", 1}), backend_error) << "no openings";
    }
    {
        auto tx = db_->begin();
        EXPECT_THROW(tx->insert_candidacy(candidacy_row{99, 1, "proposed", "proposal", "{}", 1}), backend_error)
            << "a candidacy of a job that is not stored";
    }
    {
        auto tx = db_->begin();
        EXPECT_THROW(tx->record_event(committed_event{0, "msg-1", 99, 1, 1, "line"}), backend_error)
            << "an event of a job that is not stored";
    }
    {
        auto tx = db_->begin();
        EXPECT_THROW(tx->insert_job(job_row{8, 1, true, "2026-01-02T09:30:00Z", 0, "{}", 1}), backend_error)
            << "an open job closed at a time";
    }
    {
        auto tx = db_->begin();
        EXPECT_THROW(tx->insert_job(job_row{std::uint64_t{1} << 63, 1, true, std::nullopt, 0, "{}", 1}), backend_error)
            << "ids above 2^63 - 1";
    }
    auto tx = db_->begin();
    EXPECT_EQ(tx->load_job(8), std::nullopt);
    EXPECT_EQ(tx->load_candidacy(99, 1), std::nullopt);
}

TEST_P(backend_conformance, one_transaction_at_a_time_per_backend) {
    auto tx = db_->begin();
    EXPECT_THROW((void)db_->begin(), backend_error);
    EXPECT_THROW((void)db_->events(0, 10), backend_error);
    EXPECT_THROW((void)db_->undelivered(10), backend_error);
    EXPECT_THROW(db_->mark_delivered("x"), backend_error);
    tx->insert_job(job_7);
    tx->commit();
    EXPECT_EQ(db_->begin()->load_job(7), job_7);
}

TEST_P(backend_conformance, a_commit_by_one_connection_is_seen_by_another) {
    auto other = database_->connect();
    auto tx = db_->begin();
    tx->insert_job(job_7);
    tx->record_event(committed_event{0, "msg-1", 7, 0, 1, "line 1"});
    EXPECT_TRUE(other->events(0, 10).empty()) << "not before the commit";
    tx->commit();
    EXPECT_EQ(other->events(0, 10), (std::vector<committed_event>{{1, "msg-1", 7, 0, 1, "line 1"}}));
    auto seen = other->begin();
    EXPECT_EQ(seen->load_job(7), job_7);
    EXPECT_EQ(seen->find_event("msg-1"), 1U);
    seen.reset();
    // And by a connection opened afterwards on the same database.
    db_.reset();
    other.reset();
    EXPECT_EQ(database_->connect()->begin()->load_job(7), job_7);
}

// Two transactions, on two threads with a connection each, update the same
// row from the same version: exactly one commits, the other is a conflict.
TEST_P(backend_conformance, of_two_racing_updates_at_one_version_exactly_one_commits) {
    insert_job_and_candidacy();
    auto second = database_->connect();
    constexpr int rounds = 5;
    for (int round = 0; round < rounds; ++round) {
        auto const expected = static_cast<std::uint64_t>(round + 1);
        std::latch start{2};
        std::atomic<int> committed{0};
        std::atomic<int> conflicts{0};
        std::atomic<int> winner{-1};
        auto race = [&](backend& db, int who) {
            start.arrive_and_wait();
            try {
                auto tx = db.begin();
                tx->update_candidacy(candidacy_row{7, 42, "interviewing", "proposal",
                                                   "{\"by\":" + std::to_string(who) + "}", expected + 1},
                                     expected);
                // Hold the row a moment, so that the other transaction runs into it.
                std::this_thread::sleep_for(20ms);
                tx->commit();
                ++committed;
                winner = who;
            } catch (conflict const&) {
                ++conflicts;
            }
        };
        std::thread a{race, std::ref(*db_), 1};
        std::thread b{race, std::ref(*second), 2};
        a.join();
        b.join();
        ASSERT_EQ(committed.load(), 1) << "round " << round;
        ASSERT_EQ(conflicts.load(), 1) << "round " << round;
        auto tx = db_->begin();
        EXPECT_EQ(tx->load_candidacy(7, 42),
                  (candidacy_row{7, 42, "interviewing", "proposal", "{\"by\":" + std::to_string(winner.load()) + "}",
                                 expected + 1}));
    }
}

// The same event delivered to two servers at once is recorded once.
TEST_P(backend_conformance, of_two_racing_inserts_of_one_event_id_exactly_one_commits) {
    insert_job_and_candidacy();
    auto second = database_->connect();
    std::latch start{2};
    std::atomic<int> committed{0};
    std::atomic<int> conflicts{0};
    auto race = [&](backend& db, int who) {
        start.arrive_and_wait();
        try {
            auto tx = db.begin();
            tx->record_event(committed_event{0, "msg-twice", 7, 42, 2, "line by " + std::to_string(who)});
            std::this_thread::sleep_for(20ms);
            tx->commit();
            ++committed;
        } catch (conflict const&) {
            ++conflicts;
        }
    };
    std::thread a{race, std::ref(*db_), 1};
    std::thread b{race, std::ref(*second), 2};
    a.join();
    b.join();
    EXPECT_EQ(committed.load(), 1);
    EXPECT_EQ(conflicts.load(), 1);
    EXPECT_EQ(db_->events(0, 10).size(), 1U);
}

// An event recorded while another transaction that recorded one is open
// commits after it, and its sequence is the greater: a reader that has seen
// sequence n never sees a smaller one appear later.
TEST_P(backend_conformance, an_event_recorded_after_an_open_transactions_event_gets_the_next_sequence) {
    insert_job_and_candidacy();
    auto second = database_->connect();
    auto reader = database_->connect();
    auto first = db_->begin();
    first->record_event(committed_event{0, "msg-first", 7, 42, 1, "first"});
    std::atomic<bool> done{false};
    std::thread later{[&] {
        auto tx = second->begin();
        tx->record_event(committed_event{0, "msg-later", 7, 42, 2, "later"});
        tx->commit();
        done = true;
    }};
    std::this_thread::sleep_for(300ms);
    EXPECT_FALSE(done.load()) << "the later transaction committed before the open one";
    EXPECT_TRUE(reader->events(0, 10).empty());
    first->commit();
    later.join();
    EXPECT_EQ(reader->events(0, 10),
              (std::vector<committed_event>{{1, "msg-first", 7, 42, 1, "first"}, {2, "msg-later", 7, 42, 2, "later"}}));
}

TEST_P(backend_conformance, an_event_recorded_after_a_rolled_back_one_takes_its_sequence) {
    insert_job_and_candidacy();
    auto second = database_->connect();
    auto first = db_->begin();
    first->record_event(committed_event{0, "msg-rolled-back", 7, 42, 1, "rolled back"});
    std::thread later{[&] {
        auto tx = second->begin();
        tx->record_event(committed_event{0, "msg-later", 7, 42, 1, "later"});
        tx->commit();
    }};
    std::this_thread::sleep_for(100ms);
    first.reset();
    later.join();
    EXPECT_EQ(db_->events(0, 10), (std::vector<committed_event>{{1, "msg-later", 7, 42, 1, "later"}}));
}

// Servers starting at once on a new database: the schema is created once,
// and every one of them opens it.
TEST_P(backend_conformance, connections_opened_at_once_on_a_new_database_share_one_schema) {
    db_.reset();
    auto const fresh = GetParam().make();
    constexpr int servers = 4;
    std::latch start{servers};
    std::atomic<int> opened{0};
    std::vector<std::string> errors(servers);
    std::vector<std::thread> threads;
    for (int i = 0; i < servers; ++i)
        threads.emplace_back([&, i] {
            start.arrive_and_wait();
            try {
                auto db = fresh->connect();
                ++opened;
            } catch (std::exception const& e) {
                errors[static_cast<std::size_t>(i)] = e.what();
            }
        });
    for (auto& t : threads) t.join();
    for (auto const& e : errors) EXPECT_EQ(e, "");
    EXPECT_EQ(opened.load(), servers);
    EXPECT_EQ(fresh->query("SELECT count(*) FROM hireguard_schema"), "1");
}

INSTANTIATE_TEST_SUITE_P(conformance, backend_conformance, ::testing::ValuesIn(adapters_under_test()),
                         [](::testing::TestParamInfo<adapter> const& info) { return info.param.name; });

}  // namespace
}  // namespace hireguard::store::testing
