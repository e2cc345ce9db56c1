// hireguard::postgres: the conformance suite (backend_test.cpp) on the
// server that tests/store/pg_server.sh starts for the tests (the CTest
// fixture hireguard_postgres), each test in a new PostgreSQL schema of its
// own; and what only PostgreSQL does: deadlocks and lock timeouts as
// conflicts, a lost connection, schemas kept apart by search_path.
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <unistd.h>

#include <hireguard/store/postgres.hpp>

#include "databases.hpp"

namespace hireguard::store::testing {

namespace {

using namespace std::chrono_literals;

// The server's connection string, from the fixture (HIREGUARD_PG_CONNINFO).
std::string server() {
    char const* conninfo = std::getenv("HIREGUARD_PG_CONNINFO");
    if (!conninfo || !*conninfo)
        throw std::runtime_error(
            "HIREGUARD_PG_CONNINFO is not set: run the tests with ctest, which starts a server "
            "(tests/store/pg_server.sh), or start one and set it to \"host=<socket dir> dbname=postgres "
            "user=hireguard\"");
    return conninfo;
}

// One connection of the test's own, beside the adapter.
class raw_connection {
public:
    explicit raw_connection(std::string const& conninfo) : conn_(PQconnectdb(conninfo.c_str())) {
        if (PQstatus(conn_) != CONNECTION_OK) {
            std::string const message = PQerrorMessage(conn_);
            PQfinish(conn_);
            throw std::runtime_error("libpq: " + message);
        }
    }
    raw_connection(raw_connection const&) = delete;
    raw_connection& operator=(raw_connection const&) = delete;
    ~raw_connection() { PQfinish(conn_); }

    // The first column of the first row, or "".
    std::string run(std::string const& sql) {
        PGresult* r = PQexec(conn_, sql.c_str());
        auto const status = PQresultStatus(r);
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
            std::string const message = PQresultErrorMessage(r);
            PQclear(r);
            throw std::runtime_error("libpq: " + sql + ": " + message);
        }
        std::string out = status == PGRES_TUPLES_OK && PQntuples(r) > 0 ? PQgetvalue(r, 0, 0) : "";
        PQclear(r);
        return out;
    }

private:
    PGconn* conn_;
};

// A PostgreSQL schema of its own on the test server, dropped afterwards;
// its connections find it first on their search_path.
class postgres_database final : public test_database {
public:
    postgres_database() : name_(new_name()) { raw_connection{server()}.run("CREATE SCHEMA " + name_); }
    ~postgres_database() override {
        try {
            raw_connection{server()}.run("DROP SCHEMA " + name_ + " CASCADE");
        } catch (std::exception const&) {
            // The server is new for every run of the tests: a schema left behind goes with it.
        }
    }

    /// The connection string of this database, with `settings` ("-c name=value ...") for the server.
    [[nodiscard]] std::string conninfo(std::string const& settings = {}) const {
        return server() + " application_name=" + name_ + " options='-c search_path=" + name_ +
               (settings.empty() ? "" : " " + settings) + "'";
    }

    std::unique_ptr<backend> connect() override { return std::make_unique<postgres_backend>(conninfo()); }
    void execute(std::string const& sql) override { raw_connection{conninfo()}.run(sql); }
    std::string query(std::string const& sql) override { return raw_connection{conninfo()}.run(sql); }

    [[nodiscard]] std::string const& name() const { return name_; }

private:
    static std::string new_name() {
        static std::atomic<int> counter{0};
        return "hireguard_test_" + std::to_string(::getpid()) + "_" + std::to_string(++counter);
    }

    std::string name_;
};

}  // namespace

std::vector<adapter> adapters_under_test() {
    return {adapter{"postgres", [] { return std::unique_ptr<test_database>(std::make_unique<postgres_database>()); }}};
}

namespace {

job_row job(std::uint64_t id) {
    return job_row{id, 1, true, std::nullopt, 0, "{}", 1};
}

TEST(postgres_backend, a_server_that_cannot_be_reached_is_a_backend_error_with_libpqs_message) {
    try {
        postgres_backend db{"host=/nonexistent-directory dbname=hireguard connect_timeout=2"};
        ADD_FAILURE() << "connected to no server";
    } catch (backend_error const& e) {
        EXPECT_NE(std::string(e.what()).find("/nonexistent-directory"), std::string::npos) << e.what();
    }
}

TEST(postgres_backend, a_deadlock_is_a_conflict_for_one_of_the_two_transactions) {
    postgres_database database;
    auto const a = database.connect();
    auto const b = database.connect();
    {
        auto tx = a->begin();
        tx->insert_job(job(7));
        tx->insert_job(job(8));
        tx->commit();
    }
    // a holds job 7 and wants job 8; b holds job 8 and wants job 7.
    auto ta = a->begin();
    auto tb = b->begin();
    ta->update_job(job(7), 1);
    tb->update_job(job(8), 1);
    std::atomic<int> conflicts{0};
    std::atomic<int> committed{0};
    auto finish = [&](transaction& tx, std::uint64_t other) {
        try {
            tx.update_job(job(other), 1);
            tx.commit();
            ++committed;
        } catch (conflict const&) {
            ++conflicts;
        }
    };
    std::thread first{finish, std::ref(*ta), 8};
    std::this_thread::sleep_for(100ms);
    finish(*tb, 7);
    first.join();
    EXPECT_EQ(conflicts.load(), 1);
    EXPECT_EQ(committed.load(), 1);
    ta.reset();
    tb.reset();
    auto tx = a->begin();
    EXPECT_EQ(tx->load_job(7)->version, 2U);
    EXPECT_EQ(tx->load_job(8)->version, 2U);
}

TEST(postgres_backend, a_lock_timeout_is_a_conflict) {
    postgres_database database;
    auto const holder = database.connect();
    postgres_backend impatient{database.conninfo("-c lock_timeout=100")};
    {
        auto tx = holder->begin();
        tx->insert_job(job(7));
        tx->commit();
    }
    auto held = holder->begin();
    held->update_job(job(7), 1);
    auto tx = impatient.begin();
    EXPECT_THROW(tx->update_job(job(7), 1), conflict);
}

TEST(postgres_backend, a_lost_connection_fails_one_transaction_and_the_next_reconnects) {
    postgres_database database;
    auto const db = database.connect();
    {
        auto tx = db->begin();
        tx->insert_job(job(7));
        tx->commit();
    }
    raw_connection admin{server()};
    admin.run("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '" + database.name() +
              "'");
    for (int i = 0; i < 100 && admin.run("SELECT count(*) FROM pg_stat_activity WHERE application_name = '" +
                                         database.name() + "'") != "0";
         ++i)
        std::this_thread::sleep_for(20ms);
    EXPECT_THROW((void)db->begin()->load_job(7), backend_error);
    EXPECT_EQ(db->begin()->load_job(7), job(7));
    EXPECT_TRUE(db->events(0, 10).empty());
}

TEST(postgres_backend, stores_in_two_schemas_of_one_database_are_apart) {
    postgres_database first;
    postgres_database second;
    auto const a = first.connect();
    auto const b = second.connect();
    {
        auto tx = a->begin();
        tx->insert_job(job(7));
        tx->record_event(committed_event{0, "msg-1", 7, 0, 1, "line"});
        tx->commit();
    }
    EXPECT_EQ(b->begin()->load_job(7), std::nullopt);
    EXPECT_TRUE(b->events(0, 10).empty());
    EXPECT_EQ(a->events(0, 10).size(), 1U);
}

}  // namespace
}  // namespace hireguard::store::testing
