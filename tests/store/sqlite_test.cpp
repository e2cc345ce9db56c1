// hireguard::sqlite: the conformance suite (backend_test.cpp) on a new
// database file for each test, and what only SQLite does: WAL, foreign keys,
// BEGIN IMMEDIATE's busy timeout surfacing as a conflict.
#include <atomic>
#include <chrono>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <hireguard/store/sqlite.hpp>

#include "databases.hpp"

namespace hireguard::store::testing {

namespace {

std::filesystem::path new_database_path() {
    static std::atomic<int> counter{0};
    return std::filesystem::temp_directory_path() /
           ("hireguard_store_" + std::to_string(::getpid()) + "_" + std::to_string(++counter) + ".db");
}

// A database file of its own, removed (with its WAL) afterwards.
class sqlite_database final : public test_database {
public:
    explicit sqlite_database(std::filesystem::path path = new_database_path()) : path_(std::move(path)) {}
    ~sqlite_database() override {
        for (char const* suffix : {"", "-wal", "-shm", "-journal"}) {
            std::error_code ignored;
            std::filesystem::remove(path_.string() + suffix, ignored);
        }
    }

    std::unique_ptr<backend> connect() override { return std::make_unique<sqlite_backend>(path_.string()); }

    void execute(std::string const& sql) override {
        with_connection([&](sqlite3* db) {
            char* message = nullptr;
            if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
                std::string const m = message ? message : "";
                sqlite3_free(message);
                throw std::runtime_error("sqlite3: " + sql + ": " + m);
            }
        });
    }

    std::string query(std::string const& sql) override {
        std::string out;
        with_connection([&](sqlite3* db) {
            sqlite3_stmt* s = nullptr;
            if (sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) != SQLITE_OK)
                throw std::runtime_error("sqlite3: " + sql + ": " + sqlite3_errmsg(db));
            if (sqlite3_step(s) == SQLITE_ROW) {
                auto const* text = reinterpret_cast<char const*>(sqlite3_column_text(s, 0));
                out = text ? text : "";
            }
            sqlite3_finalize(s);
        });
        return out;
    }

    [[nodiscard]] std::filesystem::path const& path() const { return path_; }

private:
    template <class F>
    void with_connection(F const& f) {
        sqlite3* db = nullptr;
        if (sqlite3_open(path_.c_str(), &db) != SQLITE_OK) {
            sqlite3_close(db);
            throw std::runtime_error("sqlite3: cannot open " + path_.string());
        }
        sqlite3_busy_timeout(db, 5000);
        try {
            f(db);
        } catch (...) {
            sqlite3_close(db);
            throw;
        }
        sqlite3_close(db);
    }

    std::filesystem::path path_;
};

}  // namespace

std::vector<adapter> adapters_under_test() {
    return {adapter{"sqlite", [] { return std::unique_ptr<test_database>(std::make_unique<sqlite_database>()); }}};
}

namespace {

using namespace std::chrono_literals;

TEST(sqlite_backend, a_new_database_is_in_wal_mode) {
    sqlite_database database;
    auto const db = database.connect();
    EXPECT_EQ(database.query("PRAGMA journal_mode"), "wal");
}

TEST(sqlite_backend, a_transaction_waiting_longer_than_the_busy_timeout_is_a_conflict) {
    sqlite_database database;
    auto const holder = database.connect();
    sqlite_backend impatient{database.path().string(), 100ms};
    auto const held = holder->begin();
    auto const start = std::chrono::steady_clock::now();
    EXPECT_THROW((void)impatient.begin(), conflict);
    EXPECT_GE(std::chrono::steady_clock::now() - start, 100ms) << "the busy timeout was not waited for";
    EXPECT_THROW(impatient.mark_delivered("x"), conflict) << "a write outside a transaction waits as long";
    // Reads go on beside the writer (WAL).
    EXPECT_TRUE(impatient.events(0, 10).empty());
}

TEST(sqlite_backend, a_file_that_cannot_be_opened_is_a_backend_error) {
    EXPECT_THROW(sqlite_backend{"/nonexistent-directory/hireguard.db"}, backend_error);
}

}  // namespace
}  // namespace hireguard::store::testing
