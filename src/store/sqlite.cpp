// hireguard::store::sqlite_backend: the store's backend on SQLite 3.
#include <hireguard/store/sqlite.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include <sqlite3.h>

#include "common.hpp"
#include "hireguard_sqlite_schema.hpp"  // detail::sqlite_schema_sql, generated from sql/sqlite/schema.sql

namespace hireguard::store {

namespace detail {

namespace {

constexpr std::string_view adapter = "hireguard::sqlite";

// The statements a connection prepares once and keeps.
enum class sql : std::size_t {
    begin,
    commit,
    rollback,
    load_job,
    load_candidacy,
    load_candidacies,
    find_event,
    insert_job,
    update_job,
    insert_candidacy,
    update_candidacy,
    record_event,
    enqueue,
    undelivered,
    mark_delivered,
    events,
    count
};

constexpr std::array<char const*, static_cast<std::size_t>(sql::count)> sql_text{
    "BEGIN IMMEDIATE",
    "COMMIT",
    "ROLLBACK",
    "SELECT openings, open, closed_at, hires, policy, version FROM jobs WHERE job = ?1",
    "SELECT state, origin, snapshot, version FROM candidacies WHERE job = ?1 AND freelancer = ?2",
    "SELECT freelancer, state, origin, snapshot, version FROM candidacies WHERE job = ?1 ORDER BY freelancer",
    "SELECT version FROM events WHERE id = ?1",
    "INSERT INTO jobs (job, openings, open, closed_at, hires, policy, version) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1)",
    "UPDATE jobs SET openings = ?2, open = ?3, closed_at = ?4, hires = ?5, policy = ?6, version = ?8 "
    "WHERE job = ?1 AND version = ?7",
    "INSERT INTO candidacies (job, freelancer, state, origin, snapshot, version) VALUES (?1, ?2, ?3, ?4, ?5, 1)",
    "UPDATE candidacies SET state = ?3, origin = ?4, snapshot = ?5, version = ?7 "
    "WHERE job = ?1 AND freelancer = ?2 AND version = ?6",
    "INSERT INTO events (id, job, freelancer, version, line) VALUES (?1, ?2, ?3, ?4, ?5)",
    "INSERT INTO outbox (id, job, freelancer, kind, payload) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (id) DO NOTHING",
    "SELECT id, job, freelancer, kind, payload FROM outbox WHERE delivered = 0 ORDER BY position LIMIT ?1",
    "UPDATE outbox SET delivered = 1 WHERE id = ?1 AND delivered = 0",
    "SELECT sequence, id, job, freelancer, version, line FROM events WHERE sequence > ?1 ORDER BY sequence LIMIT ?2",
};

// Busy and locked (another connection's transaction) and an existing key
// are what a retry can cure: `conflict`. Anything else is `backend_error`.
[[noreturn]] void fail(int rc, std::string_view what, char const* message) {
    std::string text =
        std::string(adapter) + ": " + std::string(what) + ": " + (message ? message : sqlite3_errstr(rc));
    int const primary = rc & 0xff;
    if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED || rc == SQLITE_CONSTRAINT_PRIMARYKEY ||
        rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_ROWID)
        throw conflict(text);
    throw backend_error(text);
}

[[noreturn]] void fail(sqlite3* db, int rc, std::string_view what) {
    fail(rc, what, sqlite3_errmsg(db));
}

// One use of a prepared statement: binds, steps, and resets it when done.
class use {
public:
    use(sqlite3* db, sqlite3_stmt* s, std::string_view what) : db_(db), s_(s), what_(what) {}
    use(use const&) = delete;
    use& operator=(use const&) = delete;
    ~use() {
        sqlite3_reset(s_);
        sqlite3_clear_bindings(s_);
    }

    use& bind(int i, std::int64_t v) { return check(sqlite3_bind_int64(s_, i, v)); }
    use& bind(int i, std::string_view v) {
        // The text outlives the statement's use: no copy.
        return check(sqlite3_bind_text64(s_, i, v.data(), v.size(), SQLITE_STATIC, SQLITE_UTF8));
    }
    use& bind(int i, std::optional<std::string> const& v) {
        return v ? bind(i, std::string_view{*v}) : check(sqlite3_bind_null(s_, i));
    }

    /// True with a row to read, false when the statement is done.
    bool step() {
        int const rc = sqlite3_step(s_);
        if (rc == SQLITE_ROW) return true;
        if (rc == SQLITE_DONE) return false;
        fail(db_, rc, what_);
    }
    /// Runs a statement that returns no row; the rows it changed.
    int run() {
        step();
        return sqlite3_changes(db_);
    }

    [[nodiscard]] std::int64_t integer(int column) const { return sqlite3_column_int64(s_, column); }
    [[nodiscard]] std::uint64_t count(int column) const { return to_unsigned(integer(column)); }
    [[nodiscard]] bool is_null(int column) const { return sqlite3_column_type(s_, column) == SQLITE_NULL; }
    [[nodiscard]] std::string text(int column) const {
        auto const* p = reinterpret_cast<char const*>(sqlite3_column_text(s_, column));
        if (!p) return {};
        return std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(s_, column)));
    }

private:
    use& check(int rc) {
        if (rc != SQLITE_OK) fail(db_, rc, what_);
        return *this;
    }

    sqlite3* db_;
    sqlite3_stmt* s_;
    std::string_view what_;
};

}  // namespace

struct sqlite_connection {
    sqlite3* db = nullptr;
    std::array<sqlite3_stmt*, static_cast<std::size_t>(sql::count)> statements{};
    bool in_transaction = false;

    sqlite_connection() = default;
    sqlite_connection(sqlite_connection const&) = delete;
    sqlite_connection& operator=(sqlite_connection const&) = delete;
    ~sqlite_connection() {
        for (auto* s : statements) sqlite3_finalize(s);
        sqlite3_close_v2(db);
    }

    use statement(sql which, std::string_view what) {
        return use{db, statements[static_cast<std::size_t>(which)], what};
    }

    void exec(char const* text, std::string_view what) {
        char* message = nullptr;
        int const rc = sqlite3_exec(db, text, nullptr, nullptr, &message);
        if (rc != SQLITE_OK) {
            std::string const m = message ? message : sqlite3_errstr(rc);
            sqlite3_free(message);
            fail(rc, what, m.c_str());
        }
    }

    void rollback() noexcept {
        // Some errors (a full disk, I/O) roll the transaction back already;
        // then ROLLBACK fails, harmlessly.
        if (sqlite3_get_autocommit(db) == 0) {
            sqlite3_stmt* s = statements[static_cast<std::size_t>(sql::rollback)];
            sqlite3_step(s);
            sqlite3_reset(s);
        }
        in_transaction = false;
    }

    void refuse_in_transaction(std::string_view what) const {
        if (in_transaction)
            throw backend_error(std::string(adapter) + ": " + std::string(what) +
                                " while a transaction of this backend is open");
    }
};

namespace {

// Creates the schema in a new database, and checks the version of any.
void check_schema(sqlite_connection& c) {
    c.exec("BEGIN IMMEDIATE", "opening the database");
    try {
        bool exists = false;
        {
            sqlite3_stmt* s = nullptr;
            int rc = sqlite3_prepare_v2(
                c.db, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'hireguard_schema'", -1, &s,
                nullptr);
            if (rc != SQLITE_OK) fail(c.db, rc, "reading the schema");
            rc = sqlite3_step(s);
            exists = rc == SQLITE_ROW;
            sqlite3_finalize(s);
            if (rc != SQLITE_ROW && rc != SQLITE_DONE) fail(c.db, rc, "reading the schema");
        }
        if (!exists) c.exec(sqlite_schema_sql, "creating the schema");
        sqlite3_stmt* s = nullptr;
        int rc = sqlite3_prepare_v2(c.db, "SELECT version FROM hireguard_schema", -1, &s, nullptr);
        if (rc != SQLITE_OK) fail(c.db, rc, "reading the schema version");
        std::vector<std::int64_t> versions;
        while ((rc = sqlite3_step(s)) == SQLITE_ROW) versions.push_back(sqlite3_column_int64(s, 0));
        sqlite3_finalize(s);
        if (rc != SQLITE_DONE) fail(c.db, rc, "reading the schema version");
        if (versions.size() != 1 || versions.front() != schema_version)
            throw backend_error(std::string(adapter) + ": the database has schema version " +
                                (versions.size() == 1 ? std::to_string(versions.front()) : std::string("(none)")) +
                                "; this hireguard reads and writes version " + std::to_string(schema_version));
        c.exec("COMMIT", "creating the schema");
    } catch (...) {
        sqlite3_exec(c.db, "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
    }
}

class sqlite_transaction final : public transaction {
public:
    explicit sqlite_transaction(sqlite_connection& c) : c_(c), guarded_(c, adapter) {}

    std::optional<job_row> load_job(std::uint64_t job) override {
        return guarded_([&]() -> std::optional<job_row> {
            auto q = c_.statement(sql::load_job, "load_job");
            q.bind(1, to_stored(job, adapter, "job"));
            if (!q.step()) return std::nullopt;
            job_row r;
            r.job = job;
            r.openings = static_cast<std::uint32_t>(q.count(0));
            r.open = q.integer(1) != 0;
            if (!q.is_null(2)) r.closed_at = q.text(2);
            r.hires = static_cast<std::uint32_t>(q.count(3));
            r.policy = q.text(4);
            r.version = q.count(5);
            return r;
        });
    }

    std::optional<candidacy_row> load_candidacy(std::uint64_t job, std::uint64_t freelancer) override {
        return guarded_([&]() -> std::optional<candidacy_row> {
            auto q = c_.statement(sql::load_candidacy, "load_candidacy");
            q.bind(1, to_stored(job, adapter, "job")).bind(2, to_stored(freelancer, adapter, "freelancer"));
            if (!q.step()) return std::nullopt;
            return candidacy_row{job, freelancer, q.text(0), q.text(1), q.text(2), q.count(3)};
        });
    }

    std::vector<candidacy_row> load_candidacies(std::uint64_t job) override {
        return guarded_([&] {
            auto q = c_.statement(sql::load_candidacies, "load_candidacies");
            q.bind(1, to_stored(job, adapter, "job"));
            std::vector<candidacy_row> rows;
            while (q.step())
                rows.push_back(candidacy_row{job, q.count(0), q.text(1), q.text(2), q.text(3), q.count(4)});
            return rows;
        });
    }

    std::optional<std::uint64_t> find_event(std::string_view id) override {
        return guarded_([&]() -> std::optional<std::uint64_t> {
            if (id.empty()) return std::nullopt;
            auto q = c_.statement(sql::find_event, "find_event");
            q.bind(1, id);
            if (!q.step()) return std::nullopt;
            return q.count(0);
        });
    }

    void insert_job(job_row const& row) override {
        guarded_([&] {
            auto q = c_.statement(sql::insert_job, "insert_job");
            q.bind(1, to_stored(row.job, adapter, "job"))
                .bind(2, std::int64_t{row.openings})
                .bind(3, std::int64_t{row.open ? 1 : 0})
                .bind(4, row.closed_at)
                .bind(5, std::int64_t{row.hires})
                .bind(6, std::string_view{row.policy});
            q.run();
        });
    }

    void update_job(job_row const& row, std::uint64_t expected) override {
        guarded_([&] {
            auto q = c_.statement(sql::update_job, "update_job");
            q.bind(1, to_stored(row.job, adapter, "job"))
                .bind(2, std::int64_t{row.openings})
                .bind(3, std::int64_t{row.open ? 1 : 0})
                .bind(4, row.closed_at)
                .bind(5, std::int64_t{row.hires})
                .bind(6, std::string_view{row.policy})
                .bind(7, to_stored(expected, adapter, "version"))
                .bind(8, next_version(expected, adapter));
            if (q.run() == 0)
                throw conflict(std::string(adapter) + ": job " + std::to_string(row.job) + " is not at version " +
                               std::to_string(expected));
        });
    }

    void insert_candidacy(candidacy_row const& row) override {
        guarded_([&] {
            auto q = c_.statement(sql::insert_candidacy, "insert_candidacy");
            q.bind(1, to_stored(row.job, adapter, "job"))
                .bind(2, to_stored(row.freelancer, adapter, "freelancer"))
                .bind(3, std::string_view{row.state})
                .bind(4, std::string_view{row.origin})
                .bind(5, std::string_view{row.snapshot});
            q.run();
        });
    }

    void update_candidacy(candidacy_row const& row, std::uint64_t expected) override {
        guarded_([&] {
            auto q = c_.statement(sql::update_candidacy, "update_candidacy");
            q.bind(1, to_stored(row.job, adapter, "job"))
                .bind(2, to_stored(row.freelancer, adapter, "freelancer"))
                .bind(3, std::string_view{row.state})
                .bind(4, std::string_view{row.origin})
                .bind(5, std::string_view{row.snapshot})
                .bind(6, to_stored(expected, adapter, "version"))
                .bind(7, next_version(expected, adapter));
            if (q.run() == 0)
                throw conflict(std::string(adapter) + ": candidacy " + std::to_string(row.job) + "/" +
                               std::to_string(row.freelancer) + " is not at version " + std::to_string(expected));
        });
    }

    void record_event(committed_event const& e) override {
        guarded_([&] {
            auto q = c_.statement(sql::record_event, "record_event");
            if (!e.id.empty()) q.bind(1, std::string_view{e.id});
            q.bind(2, to_stored(e.job, adapter, "job"))
                .bind(3, to_stored(e.freelancer, adapter, "freelancer"))
                .bind(4, to_stored(e.version, adapter, "version"))
                .bind(5, std::string_view{e.line});
            q.run();
        });
    }

    void enqueue(outbox_message const& m) override {
        guarded_([&] {
            auto q = c_.statement(sql::enqueue, "enqueue");
            q.bind(1, std::string_view{m.id})
                .bind(2, to_stored(m.job, adapter, "job"))
                .bind(3, to_stored(m.freelancer, adapter, "freelancer"))
                .bind(4, std::string_view{m.kind})
                .bind(5, std::string_view{m.payload});
            q.run();
        });
    }

    void commit() override {
        guarded_([&] {
            c_.statement(sql::commit, "commit").run();
            guarded_.committed();
        });
    }

private:
    sqlite_connection& c_;
    // Each call runs through it; rolls back an open transaction when destroyed.
    transaction_guard<sqlite_connection> guarded_;
};

}  // namespace

}  // namespace detail

sqlite_backend::sqlite_backend(std::string const& path, std::chrono::milliseconds busy_timeout)
    : db_(std::make_unique<detail::sqlite_connection>()) {
    using detail::fail;
    auto& c = *db_;
    // One connection per thread (the backend's rule), so SQLite's own mutexes are not needed.
    int rc =
        sqlite3_open_v2(path.c_str(), &c.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        std::string const message = c.db ? sqlite3_errmsg(c.db) : sqlite3_errstr(rc);
        throw backend_error(std::string(detail::adapter) + ": cannot open " + path + ": " + message);
    }
    sqlite3_extended_result_codes(c.db, 1);
    sqlite3_busy_timeout(c.db, static_cast<int>(busy_timeout.count()));
    // Connections opening a new database at once can be answered SQLITE_BUSY
    // at once, without the busy handler: switching the file to WAL needs an
    // exclusive lock, and SQLite refuses rather than wait where two
    // connections could wait for each other. The opening steps are each
    // idempotent, so they are tried again, with a growing pause, until the
    // busy timeout has passed; a database still busy then is not for the
    // store to retry.
    auto const deadline = std::chrono::steady_clock::now() + busy_timeout;
    for (std::chrono::milliseconds pause{1};; pause = std::min(pause * 2, std::chrono::milliseconds{50})) {
        try {
            c.exec("PRAGMA foreign_keys = ON", "opening the database");
            c.exec("PRAGMA journal_mode = WAL", "opening the database");
            c.exec("PRAGMA synchronous = FULL", "opening the database");
            detail::check_schema(c);
            break;
        } catch (conflict const& e) {
            if (std::chrono::steady_clock::now() + pause >= deadline) throw backend_error(e.what());
            std::this_thread::sleep_for(pause);
        }
    }
    try {
        for (std::size_t i = 0; i < c.statements.size(); ++i) {
            rc =
                sqlite3_prepare_v3(c.db, detail::sql_text[i], -1, SQLITE_PREPARE_PERSISTENT, &c.statements[i], nullptr);
            if (rc != SQLITE_OK) fail(c.db, rc, "preparing the statements");
        }
    } catch (conflict const& e) {
        throw backend_error(e.what());
    }
}

sqlite_backend::~sqlite_backend() = default;

std::unique_ptr<transaction> sqlite_backend::begin() {
    auto& c = *db_;
    c.refuse_in_transaction("begin()");
    c.statement(detail::sql::begin, "begin").run();
    c.in_transaction = true;
    try {
        return std::make_unique<detail::sqlite_transaction>(c);
    } catch (...) {
        c.rollback();
        throw;
    }
}

std::vector<outbox_message> sqlite_backend::undelivered(std::size_t limit) {
    auto& c = *db_;
    c.refuse_in_transaction("undelivered()");
    auto q = c.statement(detail::sql::undelivered, "undelivered");
    q.bind(1, detail::to_limit(limit));
    std::vector<outbox_message> out;
    while (q.step()) out.push_back(outbox_message{q.text(0), q.count(1), q.count(2), q.text(3), q.text(4)});
    return out;
}

void sqlite_backend::mark_delivered(std::string_view id) {
    auto& c = *db_;
    c.refuse_in_transaction("mark_delivered()");
    auto q = c.statement(detail::sql::mark_delivered, "mark_delivered");
    q.bind(1, id);
    q.run();
}

std::vector<committed_event> sqlite_backend::events(std::uint64_t after, std::size_t limit) {
    auto& c = *db_;
    c.refuse_in_transaction("events()");
    auto q = c.statement(detail::sql::events, "events");
    q.bind(1, detail::to_stored(std::min(after, detail::largest_stored), detail::adapter, "sequence"))
        .bind(2, detail::to_limit(limit));
    std::vector<committed_event> out;
    while (q.step())
        out.push_back(committed_event{q.count(0), q.is_null(1) ? std::string{} : q.text(1), q.count(2), q.count(3),
                                      q.count(4), q.text(5)});
    return out;
}

}  // namespace hireguard::store
