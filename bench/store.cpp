// Throughput of the store on each adapter (issue 13, item 8): events per
// second through `lifecycle_store::process` with 1 and 2 client threads, side
// by side in one run with the ceiling, a bare loop of single-row UPDATEs on
// the same database, through the same client library with the adapter's
// settings.
//
//   hireguard_bench_store [--sqlite FILE] [--postgres CONNINFO] [--rounds N]
//                         [--seconds S] [--candidacies N] [--breakdown S] [--profile S]
//
//   --sqlite FILE        a new SQLite database at FILE (it must not exist;
//                        removed afterwards, with its -wal and -shm files)
//   --postgres CONNINFO  a PostgreSQL server (a libpq keyword string); the
//                        run's tables go into a new schema, dropped afterwards
//   --rounds N           rounds, 5 by default; each figure is the best of N
//   --seconds S          length of each measurement, 2 by default
//   --candidacies N      hired hourly candidacies, 256 by default, in jobs of 16
//   --breakdown S        then, on 1 thread for S seconds each, where the time
//                        of one event goes: each call of the store to the
//                        adapter timed, the store's own work (JSON, engine)
//                        timed alone, and the bytes of log written per commit
//   --profile S          only the store, 1 thread, S seconds, on the first
//                        adapter given: a run for `perf record`
//
// Each round measures, for each adapter and for 1 and 2 threads (a connection
// each), one after another:
//   ceiling     UPDATE hireguard_bench_ceiling SET n = n + 1 WHERE id = ?,
//               each a transaction of its own (autocommit), one row per
//               candidacy, thread k of T on the rows k modulo T
//   ceiling-tx  the same UPDATE between the adapter's own BEGIN and COMMIT
//               (BEGIN IMMEDIATE on SQLite; BEGIN ISOLATION LEVEL READ
//               COMMITTED on PostgreSQL)
//   store       lifecycle_store::process of log_work events, each with an id,
//               on hired hourly candidacies: every event is accepted and
//               commits; thread k of T takes the candidacies whose index is k
//               modulo T, so two threads never write one candidacy
//   what-if     on PostgreSQL: the same log_work events with the adapter's
//               statements and the store's JSON work, written by hand with
//               libpq in 2 round trips (pipeline mode), in 1 with the rows a
//               connection wrote kept (as the adapter and the store now send
//               them: the store's overhead beside hand-written code), and in
//               1 without the counter row's lock (see postgres_pipelined):
//               what numbering events after the commit would reach
// A thread's connection is opened before its clock starts. SQLite runs in
// WAL mode with synchronous=FULL and a busy timeout of 5 s, as the adapter
// opens it (src/store/sqlite.cpp); PostgreSQL's UPDATE is a prepared
// statement with its parameter as text, as the adapter sends them.
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iomanip>
#include <iostream>
#include <latch>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include <hireguard/store/store.hpp>

#if HIREGUARD_BENCH_SQLITE
#include <sqlite3.h>

#include <hireguard/store/sqlite.hpp>
#endif
#if HIREGUARD_BENCH_POSTGRES
#include <libpq-fe.h>

#include <hireguard/store/postgres.hpp>
#endif

namespace {

using namespace hireguard;
using namespace std::chrono_literals;
namespace hs = hireguard::store;
using steady = std::chrono::steady_clock;

constexpr std::uint64_t per_job = 16;
constexpr timestamp t0 = utc(std::chrono::year{2026} / 3 / 2, 9h);
constexpr unsigned max_threads = 2;

[[nodiscard]] double seconds_of(steady::duration d) {
    return std::chrono::duration<double>(d).count();
}

// The three load averages, as uptime prints them, and the share of the last
// 10 s in which some task waited for the disk (Linux's pressure stall
// information), which moves the time of a commit.
[[nodiscard]] std::string load() {
    std::ifstream in("/proc/loadavg");
    std::string one, five, fifteen;
    in >> one >> five >> fifteen;
    std::string text = "load " + one + " " + five + " " + fifteen;
    std::ifstream io("/proc/pressure/io");
    std::string some, avg10;
    if (io >> some >> avg10 && avg10.starts_with("avg10=")) text += ", io wait " + avg10.substr(6) + "%";
    return text;
}

// User and system CPU time of this process (the client's side only).
[[nodiscard]] double cpu_seconds() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    auto const s = [](timeval t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
    return s(u.ru_utime) + s(u.ru_stime);
}

// One connection for the ceiling's loop, with the adapter's settings.
class ceiling_client {
public:
    ceiling_client() = default;
    ceiling_client(ceiling_client const&) = delete;
    ceiling_client& operator=(ceiling_client const&) = delete;
    virtual ~ceiling_client() = default;

    /// The adapter's BEGIN.
    virtual void begin() = 0;
    /// UPDATE hireguard_bench_ceiling SET n = n + 1 WHERE id = row: a
    /// transaction of its own outside begin() and commit().
    virtual void update(std::int64_t row) = 0;
    virtual void commit() = 0;
    /// SQL without parameters, for the setup.
    virtual void execute(std::string const& sql) = 0;
    /// Bytes of write-ahead log written since `start_log()`.
    virtual void start_log() = 0;
    [[nodiscard]] virtual std::uint64_t log_bytes() = 0;
    /// Retries after a busy database.
    [[nodiscard]] std::uint64_t busy() const { return busy_; }

protected:
    std::uint64_t busy_ = 0;
};

struct candidacy {
    job_id job;
    freelancer_id freelancer;
    std::uint64_t work = 0;  // log_work events sent so far
};

// The next log_work of candidacy `i`, and its id: 30 minutes of work, each
// logged when the one before ends.
[[nodiscard]] event::log_work next_work(std::size_t i, candidacy& c, std::string& id) {
    ++c.work;
    id = "work-" + std::to_string(i) + "-" + std::to_string(c.work);
    return event::log_work{.at = t0 + 4h + 30min * static_cast<std::int64_t>(c.work), .minutes = 30min};
}

// What the store would cost with fewer round trips to the database: the
// same statements and the same JSON work for a log_work, sent otherwise.
class what_if_client {
public:
    what_if_client() = default;
    what_if_client(what_if_client const&) = delete;
    what_if_client& operator=(what_if_client const&) = delete;
    virtual ~what_if_client() = default;
    virtual void log_work(std::size_t i, candidacy& c) = 0;
};

#if HIREGUARD_BENCH_SQLITE
class sqlite_ceiling final : public ceiling_client {
public:
    explicit sqlite_ceiling(std::string const& path) {
        check(sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr), "open");
        sqlite3_extended_result_codes(db_, 1);
        sqlite3_busy_timeout(db_, 5000);
        execute("PRAGMA foreign_keys = ON");
        execute("PRAGMA journal_mode = WAL");
        execute("PRAGMA synchronous = FULL");
    }
    ~sqlite_ceiling() override {
        for (auto* s : {begin_, update_, commit_}) sqlite3_finalize(s);
        sqlite3_close_v2(db_);
    }

    void begin() override {
        prepare_once();
        while (!done(begin_)) ++busy_;
    }
    void update(std::int64_t row) override {
        prepare_once();
        check(sqlite3_bind_int64(update_, 1, row), "bind");
        while (!done(update_)) ++busy_;
    }
    void commit() override {
        while (!done(commit_)) ++busy_;
    }
    void execute(std::string const& sql) override {
        char* message = nullptr;
        if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
            std::string const m = message ? message : "?";
            sqlite3_free(message);
            throw std::runtime_error("sqlite: " + sql + ": " + m);
        }
    }
    // The WAL emptied; afterwards, its frames (a page and a 24-byte header each).
    void start_log() override { execute("PRAGMA wal_checkpoint(TRUNCATE)"); }
    std::uint64_t log_bytes() override {
        sqlite3_stmt* s = nullptr;
        check(sqlite3_prepare_v2(db_, "PRAGMA wal_checkpoint(PASSIVE)", -1, &s, nullptr), "prepare");
        std::int64_t frames = 0;
        if (sqlite3_step(s) == SQLITE_ROW) frames = sqlite3_column_int64(s, 1);
        sqlite3_finalize(s);
        check(sqlite3_prepare_v2(db_, "PRAGMA page_size", -1, &s, nullptr), "prepare");
        std::int64_t page = 0;
        if (sqlite3_step(s) == SQLITE_ROW) page = sqlite3_column_int64(s, 0);
        sqlite3_finalize(s);
        return static_cast<std::uint64_t>(frames * (page + 24));
    }

private:
    void check(int rc, std::string_view what) const {
        if (rc != SQLITE_OK)
            throw std::runtime_error("sqlite: " + std::string(what) + ": " +
                                     (db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc)));
    }
    void prepare_once() {
        if (update_) return;
        auto const prepare = [&](char const* text, sqlite3_stmt** s) {
            check(sqlite3_prepare_v3(db_, text, -1, SQLITE_PREPARE_PERSISTENT, s, nullptr), text);
        };
        prepare("BEGIN IMMEDIATE", &begin_);
        prepare("UPDATE hireguard_bench_ceiling SET n = n + 1 WHERE id = ?1", &update_);
        prepare("COMMIT", &commit_);
    }
    // True when the statement ran; false when the database stayed busy for
    // the whole timeout (then the caller runs it again, as the store would).
    bool done(sqlite3_stmt* s) {
        int const rc = sqlite3_step(s);
        sqlite3_reset(s);
        if (rc == SQLITE_DONE) return true;
        if ((rc & 0xff) == SQLITE_BUSY) return false;
        throw std::runtime_error(std::string("sqlite: ") + sqlite3_sql(s) + ": " + sqlite3_errmsg(db_));
    }

    sqlite3* db_ = nullptr;
    sqlite3_stmt* begin_ = nullptr;
    sqlite3_stmt* update_ = nullptr;
    sqlite3_stmt* commit_ = nullptr;
};
#endif

#if HIREGUARD_BENCH_POSTGRES
class postgres_ceiling final : public ceiling_client {
public:
    explicit postgres_ceiling(std::string const& conninfo) : conn_(PQconnectdb(conninfo.c_str())) {
        if (PQstatus(conn_) != CONNECTION_OK) fail("connect", nullptr);
        if (PQsetClientEncoding(conn_, "UTF8") != 0) fail("client encoding", nullptr);
    }
    ~postgres_ceiling() override { PQfinish(conn_); }

    void begin() override { execute("BEGIN ISOLATION LEVEL READ COMMITTED"); }
    void update(std::int64_t row) override {
        if (!prepared_) {
            PGresult* r = PQprepare(conn_, "hireguard_bench_update",
                                    "UPDATE hireguard_bench_ceiling SET n = n + 1 WHERE id = $1::bigint", 0, nullptr);
            if (PQresultStatus(r) != PGRES_COMMAND_OK) fail("prepare", r);
            PQclear(r);
            prepared_ = true;
        }
        std::string const id = std::to_string(row);
        char const* values[] = {id.c_str()};
        PGresult* r = PQexecPrepared(conn_, "hireguard_bench_update", 1, values, nullptr, nullptr, 0);
        if (PQresultStatus(r) != PGRES_COMMAND_OK) fail("update", r);
        PQclear(r);
    }
    void commit() override { execute("COMMIT"); }
    void execute(std::string const& sql) override {
        PGresult* r = PQexec(conn_, sql.c_str());
        auto const status = PQresultStatus(r);
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail(sql, r);
        PQclear(r);
    }
    void start_log() override { start_ = lsn(); }
    std::uint64_t log_bytes() override { return lsn() - start_; }

private:
    [[noreturn]] void fail(std::string_view what, PGresult* r) {
        std::string const message = r ? PQresultErrorMessage(r) : PQerrorMessage(conn_);
        PQclear(r);
        throw std::runtime_error("postgres: " + std::string(what) + ": " + message);
    }
    std::uint64_t lsn() {
        PGresult* r = PQexec(conn_, "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint");
        if (PQresultStatus(r) != PGRES_TUPLES_OK) fail("pg_current_wal_lsn", r);
        std::uint64_t const v = std::stoull(PQgetvalue(r, 0, 0));
        PQclear(r);
        return v;
    }

    PGconn* conn_;
    bool prepared_ = false;
    std::uint64_t start_ = 0;
};
#endif

#if HIREGUARD_BENCH_POSTGRES
// The proposals for PostgreSQL, measured on a log_work as the store runs it
// on the adapter (src/store/postgres.cpp's statements, parameters as text,
// READ COMMITTED; the store's JSON work and engine), sent otherwise:
//   2 round trips  BEGIN with find_event, load_job and load_candidacy at once
//                  (libpq's pipeline mode); then, after the engine, one
//                  statement that updates the candidacy at the version read
//                  and records the event only if it did, with COMMIT
//   1 round trip   the same, but a candidacy this connection wrote before is
//                  not read again: its machine and version are kept, and the
//                  statement alone (autocommit) is the transaction; a
//                  candidacy written elsewhere since updates nothing, records
//                  nothing, and goes the 2 round trips' way
//   1 RT, no counter  the same, with the event's sequence from a SEQUENCE
//                  instead of the counter row, whose lock, held through the
//                  commit's flush, makes transactions recording events commit
//                  one at a time: what that lock costs (sequences then no
//                  longer follow commit order, which the adapter promises)
// The rows written are those the store would write, so the store and the
// other clients carry on from them.
class postgres_pipelined final : public what_if_client {
public:
    enum class mode : std::uint8_t { two_round_trips, one_round_trip, without_counter };

    postgres_pipelined(std::string const& conninfo, mode how)
        : conn_(PQconnectdb(conninfo.c_str())), keep_rows_(how != mode::two_round_trips) {
        if (PQstatus(conn_) != CONNECTION_OK) fail("connect", nullptr);
        if (PQsetClientEncoding(conn_, "UTF8") != 0) fail("client encoding", nullptr);
        for (auto [name, text] : statements) {
            if (how == mode::without_counter && std::string_view{name} == "update_and_record")
                text = update_and_record_without_counter;
            PGresult* r = PQprepare(conn_, name, text, 0, nullptr);
            if (PQresultStatus(r) != PGRES_COMMAND_OK) fail(name, r);
            PQclear(r);
        }
        if (PQenterPipelineMode(conn_) != 1) fail("pipeline mode", nullptr);
    }
    ~postgres_pipelined() override { PQfinish(conn_); }

    void log_work(std::size_t i, candidacy& c) override {
        std::string id;
        auto const e = next_work(i, c, id);
        std::string const job = std::to_string(c.job.value());
        std::string const freelancer = std::to_string(c.freelancer.value());
        if (auto it = kept_.find(i); it != kept_.end()) {
            if (write(it->second, c, e, id, job, freelancer, false)) return;
            kept_.erase(it);
        }

        send("BEGIN ISOLATION LEVEL READ COMMITTED", {});
        send_prepared("find_event", {id.c_str()});
        send_prepared("load_job", {job.c_str()});
        send_prepared("load_candidacy", {job.c_str(), freelancer.c_str()});
        sync();
        expect_command("BEGIN");
        if (PQntuples(expect_rows("find_event").get()) != 0) throw std::runtime_error("what-if: " + id + " exists");
        auto const job_row = expect_rows("load_job");
        auto const candidacy_row = expect_rows("load_candidacy");
        expect_sync();
        if (PQntuples(job_row.get()) != 1 || PQntuples(candidacy_row.get()) != 1)
            throw std::runtime_error("what-if: no row for candidacy " + job + "/" + freelancer);
        auto const p =
            hireguard::detail::snapshot_policy<lifecycle>(boost::json::parse(PQgetvalue(job_row.get(), 0, 4)));
        row r{restore<lifecycle>(std::string_view{PQgetvalue(candidacy_row.get(), 0, 2)}),
              PQgetvalue(candidacy_row.get(), 0, 1), std::stoull(PQgetvalue(candidacy_row.get(), 0, 3))};
        if (!(r.m.policy() == p)) throw std::runtime_error("what-if: the job's policy is not the candidacy's");
        // Each thread has candidacies of its own: no other writer in between.
        if (!write(r, c, e, id, job, freelancer, true))
            throw std::runtime_error("what-if: candidacy " + job + "/" + freelancer + " changed");
        if (keep_rows_) kept_.insert_or_assign(i, std::move(r));
    }

private:
    struct result_deleter {
        void operator()(PGresult* r) const { PQclear(r); }
    };
    using result_ptr = std::unique_ptr<PGresult, result_deleter>;

    struct row {
        machine m;
        std::string origin;
        std::uint64_t version = 0;
    };

    static constexpr std::array<std::pair<char const*, char const*>, 4> statements{{
        {"load_job", "SELECT openings, open, closed_at, hires, policy, version FROM jobs WHERE job = $1::bigint"},
        {"load_candidacy",
         "SELECT state, origin, snapshot, version FROM candidacies WHERE job = $1::bigint AND freelancer = $2::bigint"},
        {"find_event", "SELECT version FROM events WHERE id = $1::text"},
        {"update_and_record",
         "WITH moved AS (UPDATE candidacies SET state = $3::text, origin = $4::text, snapshot = $5::text, "
         "version = $7::bigint WHERE job = $1::bigint AND freelancer = $2::bigint AND version = $6::bigint "
         "RETURNING version), "
         "next AS (UPDATE event_counter SET last = last + 1 WHERE EXISTS (SELECT 1 FROM moved) RETURNING last) "
         "INSERT INTO events (sequence, id, job, freelancer, version, line) "
         "SELECT next.last, $8::text, $1::bigint, $2::bigint, $7::bigint, $9::text FROM next"},
    }};
    // Far above the counter's numbers, so that the store's own events never collide with these.
    static constexpr char const* update_and_record_without_counter =
        "WITH moved AS (UPDATE candidacies SET state = $3::text, origin = $4::text, snapshot = $5::text, "
        "version = $7::bigint WHERE job = $1::bigint AND freelancer = $2::bigint AND version = $6::bigint "
        "RETURNING version) "
        "INSERT INTO events (sequence, id, job, freelancer, version, line) "
        "SELECT nextval('hireguard_bench_sequence'), $8::text, $1::bigint, $2::bigint, $7::bigint, $9::text FROM moved";

    // The engine, the JSON and the write of `r` at its version, with COMMIT
    // when a transaction is open. False, changing nothing, when the
    // candidacy has another version; otherwise `r` becomes the new row.
    bool write(row& r, candidacy const& c, event::log_work const& e, std::string const& id, std::string const& job,
               std::string const& freelancer, bool in_transaction) {
        machine m = r.m;
        if (!m.process(e)) throw std::runtime_error("what-if: log_work refused");
        std::string const state(m.state_name());
        std::string const snapshot = snapshot_text(m);
        std::string const line = encode_event(logged_event{c.job, c.freelancer, any_event{e}});
        std::string const expected = std::to_string(r.version);
        std::string const next = std::to_string(r.version + 1);
        send_prepared("update_and_record",
                      {job.c_str(), freelancer.c_str(), state.c_str(), r.origin.c_str(), snapshot.c_str(),
                       expected.c_str(), next.c_str(), id.c_str(), line.c_str()});
        if (in_transaction) send("COMMIT", {});
        sync();
        bool const moved = std::string_view{PQcmdTuples(expect_command("update_and_record").get())} == "1";
        if (in_transaction) expect_command("COMMIT");
        expect_sync();
        if (moved) {
            r.m = m;
            ++r.version;
        }
        return moved;
    }

    [[noreturn]] void fail(std::string_view what, PGresult* r) {
        std::string const message = r ? PQresultErrorMessage(r) : PQerrorMessage(conn_);
        PQclear(r);
        throw std::runtime_error("postgres (what-if): " + std::string(what) + ": " + message);
    }
    void send(char const* text, std::initializer_list<char const*> values) {
        std::vector<char const*> v(values);
        if (PQsendQueryParams(conn_, text, static_cast<int>(v.size()), nullptr, v.data(), nullptr, nullptr, 0) != 1)
            fail(text, nullptr);
    }
    void send_prepared(char const* name, std::initializer_list<char const*> values) {
        std::vector<char const*> v(values);
        if (PQsendQueryPrepared(conn_, name, static_cast<int>(v.size()), v.data(), nullptr, nullptr, 0) != 1)
            fail(name, nullptr);
    }
    void sync() {
        if (PQpipelineSync(conn_) != 1) fail("sync", nullptr);
    }
    // The next query's result, and the null that ends it.
    result_ptr next(std::string_view what, ExecStatusType wanted) {
        result_ptr r{PQgetResult(conn_)};
        if (!r || PQresultStatus(r.get()) != wanted) fail(what, r.release());
        if (PGresult* extra = PQgetResult(conn_)) fail(what, extra);
        return r;
    }
    result_ptr expect_command(std::string_view what) { return next(what, PGRES_COMMAND_OK); }
    result_ptr expect_rows(std::string_view what) { return next(what, PGRES_TUPLES_OK); }
    void expect_sync() {
        result_ptr r{PQgetResult(conn_)};
        if (!r || PQresultStatus(r.get()) != PGRES_PIPELINE_SYNC) fail("sync", r.release());
    }

    PGconn* conn_;
    bool keep_rows_;
    std::unordered_map<std::size_t, row> kept_;
};
#endif

// The store's calls to its backend, each timed.
enum class call : std::size_t {
    begin,
    load_for_event,
    find_event,
    load_job,
    load_candidacy,
    load_candidacies,
    insert_job,
    update_job,
    insert_candidacy,
    update_candidacy,
    record_event,
    enqueue,
    commit,
    end,
    count
};
constexpr auto call_names =
    std::to_array<char const*>({"begin", "load_for_event", "find_event", "load_job", "load_candidacy",
                                "load_candidacies", "insert_job", "update_job", "insert_candidacy", "update_candidacy",
                                "record_event", "enqueue", "commit", "end (transaction destroyed)"});
static_assert(call_names.size() == static_cast<std::size_t>(call::count));

struct call_times {
    std::array<steady::duration, static_cast<std::size_t>(call::count)> spent{};
    std::array<std::uint64_t, static_cast<std::size_t>(call::count)> calls{};
};

class stopwatch {
public:
    stopwatch(call_times& t, call c) : t_(t), c_(static_cast<std::size_t>(c)), start_(steady::now()) {}
    stopwatch(stopwatch const&) = delete;
    stopwatch& operator=(stopwatch const&) = delete;
    ~stopwatch() {
        t_.spent[c_] += steady::now() - start_;
        ++t_.calls[c_];
    }

private:
    call_times& t_;
    std::size_t c_;
    steady::time_point start_;
};

class timed_transaction final : public hs::transaction {
public:
    timed_transaction(std::unique_ptr<hs::transaction> inner, call_times& t) : inner_(std::move(inner)), t_(t) {}
    ~timed_transaction() override {
        stopwatch s{t_, call::end};
        inner_.reset();
    }

    std::optional<hs::job_row> load_job(std::uint64_t job) override {
        stopwatch s{t_, call::load_job};
        return inner_->load_job(job);
    }
    std::optional<hs::candidacy_row> load_candidacy(std::uint64_t job, std::uint64_t freelancer) override {
        stopwatch s{t_, call::load_candidacy};
        return inner_->load_candidacy(job, freelancer);
    }
    std::vector<hs::candidacy_row> load_candidacies(std::uint64_t job) override {
        stopwatch s{t_, call::load_candidacies};
        return inner_->load_candidacies(job);
    }
    std::optional<std::uint64_t> find_event(std::string_view id) override {
        stopwatch s{t_, call::find_event};
        return inner_->find_event(id);
    }
    // The adapter's own, so that PostgreSQL's reads go in one round trip as in the store.
    hs::event_rows load_for_event(std::string_view id, std::uint64_t job, std::uint64_t freelancer) override {
        stopwatch s{t_, call::load_for_event};
        return inner_->load_for_event(id, job, freelancer);
    }
    void batch_writes() noexcept override { inner_->batch_writes(); }
    void insert_job(hs::job_row const& row) override {
        stopwatch s{t_, call::insert_job};
        inner_->insert_job(row);
    }
    void update_job(hs::job_row const& row, std::uint64_t expected) override {
        stopwatch s{t_, call::update_job};
        inner_->update_job(row, expected);
    }
    void insert_candidacy(hs::candidacy_row const& row) override {
        stopwatch s{t_, call::insert_candidacy};
        inner_->insert_candidacy(row);
    }
    void update_candidacy(hs::candidacy_row const& row, std::uint64_t expected) override {
        stopwatch s{t_, call::update_candidacy};
        inner_->update_candidacy(row, expected);
    }
    void record_event(hs::committed_event const& e) override {
        stopwatch s{t_, call::record_event};
        inner_->record_event(e);
    }
    void enqueue(hs::outbox_message const& m) override {
        stopwatch s{t_, call::enqueue};
        inner_->enqueue(m);
    }
    void commit() override {
        stopwatch s{t_, call::commit};
        inner_->commit();
    }

private:
    std::unique_ptr<hs::transaction> inner_;
    call_times& t_;
};

class timed_backend final : public hs::backend {
public:
    timed_backend(hs::backend& inner, call_times& t) : inner_(inner), t_(t) {}

    std::unique_ptr<hs::transaction> begin() override {
        std::unique_ptr<hs::transaction> tx;
        {
            stopwatch s{t_, call::begin};
            tx = inner_.begin();
        }
        return std::make_unique<timed_transaction>(std::move(tx), t_);
    }
    std::vector<hs::outbox_message> undelivered(std::size_t limit) override { return inner_.undelivered(limit); }
    void mark_delivered(std::string_view id) override { inner_.mark_delivered(id); }
    std::vector<hs::committed_event> events(std::uint64_t after, std::size_t limit) override {
        return inner_.events(after, limit);
    }

private:
    hs::backend& inner_;
    call_times& t_;
};

// A database under test: how to reach it through the adapter and beside it.
struct database {
    std::string name;
    std::function<std::unique_ptr<hs::backend>()> connect;
    std::function<std::unique_ptr<ceiling_client>()> ceiling;
    /// The ceiling's table: an integer key and a counter, in the database's own types.
    std::string ceiling_table;
    std::function<void()> remove;
    /// The store's work otherwise (the what-if measurements, by number: 2
    /// round trips, 1, 1 without the counter), where there is a proposal to
    /// measure; and the SQL it needs first.
    std::function<std::unique_ptr<what_if_client>(int how)> what_if;
    std::string what_if_setup;
};

struct measurement {
    std::uint64_t operations = 0;
    double seconds = 0;
    double cpu = 0;  // the client process's, user and system
    std::uint64_t retries = 0;
    [[nodiscard]] double rate() const { return seconds > 0 ? static_cast<double>(operations) / seconds : 0; }
    [[nodiscard]] double cpu_us() const { return operations ? cpu / static_cast<double>(operations) * 1e6 : 0; }
};

struct tally {
    std::uint64_t operations = 0;
    std::uint64_t retries = 0;
};
using worker = std::function<tally(unsigned thread, std::atomic<bool> const& stop)>;

// `threads` threads run `work` at once for `length`: operations per second
// of wall time, from the start they share to the last one's end.
measurement measure(unsigned threads, std::chrono::duration<double> length, worker const& work) {
    std::atomic<bool> stop{false};
    std::latch ready{static_cast<std::ptrdiff_t>(threads) + 1};
    std::vector<tally> tallies(threads);
    std::vector<steady::time_point> ends(threads);
    std::exception_ptr failure;
    std::mutex failure_mutex;
    std::vector<std::thread> pool;
    for (unsigned k = 0; k < threads; ++k) {
        pool.emplace_back([&, k] {
            ready.arrive_and_wait();
            try {
                tallies[k] = work(k, stop);
            } catch (...) {
                std::scoped_lock lock{failure_mutex};
                if (!failure) failure = std::current_exception();
                stop = true;
            }
            ends[k] = steady::now();
        });
    }
    double const cpu0 = cpu_seconds();
    ready.arrive_and_wait();
    auto const start = steady::now();
    auto const deadline = start + std::chrono::duration_cast<steady::duration>(length);
    while (!stop && steady::now() < deadline) std::this_thread::sleep_for(10ms);
    stop = true;
    for (auto& t : pool) t.join();
    if (failure) std::rethrow_exception(failure);
    measurement m;
    m.seconds = seconds_of(*std::max_element(ends.begin(), ends.end()) - start);
    m.cpu = cpu_seconds() - cpu0;
    for (auto const& t : tallies) {
        m.operations += t.operations;
        m.retries += t.retries;
    }
    return m;
}

// One adapter's database with its connections (one of each kind per
// thread) and its hired candidacies.
class bench_target {
public:
    bench_target(database db, std::size_t candidacies) : db_(std::move(db)) {
        for (unsigned k = 0; k < max_threads; ++k) {
            backends_.push_back(db_.connect());
            stores_.push_back(std::make_unique<hs::lifecycle_store>(*backends_.back()));
        }
        ceilings_.push_back(db_.ceiling());
        auto& c = *ceilings_.front();
        c.execute("CREATE TABLE hireguard_bench_ceiling " + db_.ceiling_table);
        c.begin();
        for (std::size_t i = 0; i < candidacies; ++i)
            c.execute("INSERT INTO hireguard_bench_ceiling (id, n) VALUES (" + std::to_string(i) + ", 0)");
        c.commit();
        for (unsigned k = 1; k < max_threads; ++k) ceilings_.push_back(db_.ceiling());
        if (db_.what_if) {
            c.execute(db_.what_if_setup);
            for (std::size_t how = 0; how < what_ifs_.size(); ++how)
                for (unsigned k = 0; k < max_threads; ++k) what_ifs_[how].push_back(db_.what_if(static_cast<int>(how)));
        }
        hire(candidacies);
    }
    bench_target(bench_target const&) = delete;
    bench_target& operator=(bench_target const&) = delete;
    ~bench_target() {
        stores_.clear();
        backends_.clear();
        ceilings_.clear();
        for (auto& w : what_ifs_) w.clear();
        try {
            db_.remove();
        } catch (std::exception const& e) {
            std::cerr << "hireguard_bench_store: removing the " << db_.name << " database: " << e.what() << '\n';
        }
    }

    [[nodiscard]] std::string const& name() const { return db_.name; }
    [[nodiscard]] ceiling_client& ceiling(unsigned k) { return *ceilings_[k]; }
    [[nodiscard]] hs::backend& backend(unsigned k) { return *backends_[k]; }
    [[nodiscard]] std::vector<candidacy>& candidacies() { return candidacies_; }

    // The autocommit UPDATE (`in_transaction` false) or the same between
    // BEGIN and COMMIT, over thread k's rows.
    tally ceiling_loop(unsigned k, unsigned threads, std::atomic<bool> const& stop, bool in_transaction) {
        auto& c = *ceilings_[k];
        std::uint64_t const busy0 = c.busy();
        auto const rows = static_cast<std::int64_t>(candidacies_.size());
        tally t;
        for (std::int64_t row = k; !stop.load(std::memory_order_relaxed); row = (row + threads) % rows) {
            if (in_transaction) {
                c.begin();
                c.update(row);
                c.commit();
            } else {
                c.update(row);
            }
            ++t.operations;
        }
        t.retries = c.busy() - busy0;
        return t;
    }

    // One log_work, with an id, on candidacy `i` through `store`.
    static hs::result log_work(hs::lifecycle_store& store, std::size_t i, candidacy& c) {
        std::string id;
        auto const e = next_work(i, c, id);
        auto r = store.process(c.job, c.freelancer, e, id);
        if (r.outcome != hs::status::accepted)
            throw std::runtime_error("log_work on " + std::to_string(c.job.value()) + "/" +
                                     std::to_string(c.freelancer.value()) + ": " + r.message());
        return r;
    }

    tally store_loop(hs::lifecycle_store& store, unsigned k, unsigned threads, std::atomic<bool> const& stop) {
        tally t;
        std::size_t const n = candidacies_.size();
        for (std::size_t i = k; !stop.load(std::memory_order_relaxed); i = (i + threads) % n) {
            t.retries += log_work(store, i, candidacies_[i]).attempts - 1;
            ++t.operations;
        }
        return t;
    }
    tally store_loop(unsigned k, unsigned threads, std::atomic<bool> const& stop) {
        return store_loop(*stores_[k], k, threads, stop);
    }

    [[nodiscard]] bool has_what_if() const { return !what_ifs_[0].empty(); }
    tally what_if_loop(std::size_t how, unsigned k, unsigned threads, std::atomic<bool> const& stop) {
        tally t;
        std::size_t const n = candidacies_.size();
        for (std::size_t i = k; !stop.load(std::memory_order_relaxed); i = (i + threads) % n) {
            what_ifs_[how][k]->log_work(i, candidacies_[i]);
            ++t.operations;
        }
        return t;
    }

private:
    // Jobs of `per_job` openings, each filled by hired hourly candidacies.
    void hire(std::size_t n) {
        auto& s = *stores_.front();
        for (std::size_t i = 0; i < n; ++i) {
            job_id const job{1 + i / per_job};
            freelancer_id const freelancer{1000 + i};
            if (i % per_job == 0) s.create_job(job, static_cast<std::uint32_t>(per_job));
            auto const ok = [&](hs::result const& r) {
                if (!r) throw std::runtime_error("hiring " + std::to_string(i) + ": " + r.message());
            };
            ok(s.process(job, freelancer, event::submit_proposal{.at = t0}));
            ok(s.process(job, freelancer, event::respond{.at = t0 + 1h}));
            ok(s.process(job, freelancer,
                         event::send_offer{.at = t0 + 2h,
                                           .terms = {.kind = contract_kind::hourly, .hourly_rate = dollars(40)}}));
            ok(s.process(job, freelancer, event::accept_offer{.at = t0 + 3h}));
            candidacies_.push_back(candidacy{job, freelancer});
        }
    }

    database db_;
    std::vector<std::unique_ptr<hs::backend>> backends_;
    std::vector<std::unique_ptr<hs::lifecycle_store>> stores_;
    std::vector<std::unique_ptr<ceiling_client>> ceilings_;
    std::array<std::vector<std::unique_ptr<what_if_client>>, 3> what_ifs_;  // [how][thread]
    std::vector<candidacy> candidacies_;
};

#if HIREGUARD_BENCH_SQLITE
database sqlite_database(std::string const& path) {
    if (std::filesystem::exists(path))
        throw std::runtime_error(path + " exists: give the name of a new file, which the run removes afterwards");
    return database{"sqlite",
                    [path] { return std::make_unique<hs::sqlite_backend>(path); },
                    [path] { return std::make_unique<sqlite_ceiling>(path); },
                    // INTEGER PRIMARY KEY: the key is the rowid, SQLite's quickest single-row UPDATE.
                    "(id INTEGER PRIMARY KEY, n INTEGER NOT NULL) STRICT",
                    [path] {
                        for (char const* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
                    },
                    nullptr,
                    {}};
}
#endif

#if HIREGUARD_BENCH_POSTGRES
database postgres_database(std::string const& conninfo) {
    std::string const schema = "hireguard_bench_" + std::to_string(::getpid());
    postgres_ceiling{conninfo}.execute("CREATE SCHEMA " + schema);
    std::string const own = conninfo + " options='-c search_path=" + schema + "'";
    return database{
        "postgres",
        [own] { return std::make_unique<hs::postgres_backend>(own); },
        [own] { return std::make_unique<postgres_ceiling>(own); },
        "(id BIGINT PRIMARY KEY, n BIGINT NOT NULL)",
        [conninfo, schema] {
            postgres_ceiling{conninfo}.execute("SET client_min_messages = warning; DROP SCHEMA " + schema + " CASCADE");
        },
        [own](int how) {
            return std::make_unique<postgres_pipelined>(own, static_cast<postgres_pipelined::mode>(how));
        },
        "CREATE SEQUENCE hireguard_bench_sequence START 1000000000000000"};
}
#endif

struct options {
    std::optional<std::string> sqlite;
    std::optional<std::string> postgres;
    unsigned rounds = 5;
    double seconds = 2;
    std::size_t candidacies = 256;
    double breakdown = 0;
    double profile = 0;
};

// What a measurement runs, and its name in the output.
enum measured : std::size_t {
    bare_update,
    bare_update_in_tx,
    store_process,
    two_round_trips,
    one_round_trip,
    without_counter
};
constexpr std::array<char const*, 6> kinds{"ceiling",      "ceiling-tx",   "store",
                                           "what-if 2 RT", "what-if 1 RT", "what-if 1 RT, no counter"};

struct best_of {
    // [kind][threads - 1]
    std::array<std::array<measurement, max_threads>, kinds.size()> best{};
    void add(std::size_t kind, unsigned threads, measurement const& m) {
        auto& b = best[kind][threads - 1];
        if (m.rate() > b.rate()) b = m;
    }
};

std::string fixed(double v, int digits) {
    std::ostringstream s;
    s << std::fixed << std::setprecision(digits) << v;
    return s.str();
}

double median(std::vector<double> v) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    std::size_t const h = v.size() / 2;
    return v.size() % 2 ? v[h] : (v[h - 1] + v[h]) / 2;
}

std::string per_event(steady::duration d, std::uint64_t events) {
    return fixed(events ? seconds_of(d) * 1e6 / static_cast<double>(events) : 0, 1);
}

// Mean time of `f` over as many calls as fit in `length`, in microseconds.
template <class F>
double time_alone(std::chrono::duration<double> length, F const& f) {
    std::uint64_t n = 0;
    auto const start = steady::now();
    auto const deadline = start + std::chrono::duration_cast<steady::duration>(length);
    steady::time_point now = start;
    do {
        for (int i = 0; i < 100; ++i) f();
        n += 100;
        now = steady::now();
    } while (now < deadline);
    return seconds_of(now - start) * 1e6 / static_cast<double>(n);
}

// The ceiling in a transaction for `span`, each statement timed.
struct ceiling_slice {
    steady::duration begin{}, update{}, commit{};
    std::uint64_t transactions = 0;
    double cpu = 0;
    [[nodiscard]] steady::duration total() const { return begin + update + commit; }
};

ceiling_slice time_ceiling(bench_target& t, std::chrono::duration<double> span) {
    auto& c = t.ceiling(0);
    ceiling_slice s;
    double const cpu0 = cpu_seconds();
    auto const start = steady::now();
    auto const rows = static_cast<std::int64_t>(t.candidacies().size());
    for (auto now = start; now - start < span; ++s.transactions) {
        auto const a = steady::now();
        c.begin();
        auto const b = steady::now();
        c.update(static_cast<std::int64_t>(s.transactions) % rows);
        auto const d = steady::now();
        c.commit();
        now = steady::now();
        s.begin += b - a;
        s.update += d - b;
        s.commit += now - d;
    }
    s.cpu = cpu_seconds() - cpu0;
    return s;
}

// The store for `span`, each of its calls to the adapter timed.
struct store_slice {
    call_times times;
    std::uint64_t events = 0;
    steady::duration total{};
    double cpu = 0;
};

store_slice time_store(bench_target& t, std::chrono::duration<double> span) {
    store_slice s;
    timed_backend timed{t.backend(0), s.times};
    hs::lifecycle_store store{timed};
    double const cpu0 = cpu_seconds();
    auto const start = steady::now();
    std::size_t const n = t.candidacies().size();
    for (std::size_t i = 0; steady::now() - start < span; i = (i + 1) % n, ++s.events)
        bench_target::log_work(store, i, t.candidacies()[i]);
    s.total = steady::now() - start;
    s.cpu = cpu_seconds() - cpu0;
    return s;
}

// Where the time of one event goes, on 1 thread: slices of the ceiling in a
// transaction and of the store, taken in turn; the fastest of each is shown
// (the disk's time to flush, most of a commit, varies with other work on the
// machine).
void breakdown(bench_target& t, double length) {
    constexpr int slices = 5;
    auto const span = std::chrono::duration<double>(length);
    std::cout << "\nwhere the time goes: " << t.name() << ", 1 thread, the fastest of " << slices << " slices of "
              << length << " s each, " << load() << '\n';
    std::optional<ceiling_slice> c;
    std::optional<store_slice> st;
    for (int i = 0; i < slices; ++i) {
        auto const cs = time_ceiling(t, span);
        if (!c || cs.total() / cs.transactions < c->total() / c->transactions) c = cs;
        auto const ss = time_store(t, span);
        if (!st || ss.total / ss.events < st->total / st->events) st = ss;
    }
    std::cout << "  ceiling-tx, us per transaction: begin " << per_event(c->begin, c->transactions) << ", update "
              << per_event(c->update, c->transactions) << ", commit " << per_event(c->commit, c->transactions)
              << "; total " << per_event(c->total(), c->transactions) << " (" << c->transactions
              << " transactions; client CPU " << fixed(c->cpu / static_cast<double>(c->transactions) * 1e6, 1) << ")\n";
    auto const events = st->events;
    steady::duration in_adapter{};
    std::cout << "  store, us per event (" << events << " events; client CPU "
              << fixed(st->cpu / static_cast<double>(events) * 1e6, 1) << "):\n";
    for (std::size_t k = 0; k < st->times.spent.size(); ++k) {
        if (st->times.calls[k] == 0) continue;
        in_adapter += st->times.spent[k];
        std::cout << "    " << std::left << std::setw(30) << call_names[k] << std::right << std::setw(8)
                  << per_event(st->times.spent[k], events) << "   (" << st->times.calls[k] << " calls)\n";
    }
    std::cout << "    " << std::left << std::setw(30) << "the adapter, in all" << std::right << std::setw(8)
              << per_event(in_adapter, events) << '\n';
    std::cout << "    " << std::left << std::setw(30) << "the store's own work" << std::right << std::setw(8)
              << per_event(st->total - in_adapter, events) << "   (the rest: JSON, engine, strings)\n";
    std::cout << "    " << std::left << std::setw(30) << "total" << std::right << std::setw(8)
              << per_event(st->total, events) << '\n';
    call_times times;
    timed_backend timed{t.backend(0), times};
    hs::lifecycle_store store{timed};

    // The store's own steps, each timed alone on a stored candidacy.
    {
        auto tx = t.backend(0).begin();
        auto const& c0 = t.candidacies().front();
        auto const job = tx->load_job(c0.job.value());
        auto const row = tx->load_candidacy(c0.job.value(), c0.freelancer.value());
        tx.reset();
        if (!job || !row) throw std::runtime_error("the first candidacy is not stored");
        machine m = restore<lifecycle>(std::string_view{row->snapshot});
        timestamp at = m.data().last_event_at.value_or(t0);
        double const policy = time_alone(span / 4, [&] {
            auto p = hireguard::detail::snapshot_policy<lifecycle>(boost::json::parse(job->policy));
            asm volatile("" : : "r"(&p) : "memory");
        });
        double const restored = time_alone(span / 4, [&] {
            auto r = restore<lifecycle>(std::string_view{row->snapshot});
            asm volatile("" : : "r"(&r) : "memory");
        });
        double const engine = time_alone(span / 4, [&] {
            at += 1s;
            if (!m.process(event::log_work{.at = at, .minutes = 30min})) throw std::runtime_error("log_work refused");
        });
        double const snapshot = time_alone(span / 4, [&] {
            auto s = snapshot_text(m);
            asm volatile("" : : "r"(s.data()) : "memory");
        });
        double const encoded = time_alone(span / 4, [&] {
            auto s = encode_event(
                logged_event{c0.job, c0.freelancer, any_event{event::log_work{.at = at, .minutes = 30min}}});
            asm volatile("" : : "r"(s.data()) : "memory");
        });
        std::cout << "  the store's own steps, each alone, us: policy parsed " << fixed(policy, 2)
                  << ", snapshot restored " << fixed(restored, 2) << ", engine (log_work) " << fixed(engine, 2)
                  << ", snapshot written " << fixed(snapshot, 2) << ", event line written " << fixed(encoded, 2)
                  << "; sum " << fixed(policy + restored + engine + snapshot + encoded, 2) << "\n";
        std::cout << "  rows: snapshot " << row->snapshot.size() << " bytes, policy " << job->policy.size()
                  << " bytes, event line "
                  << encode_event(logged_event{c0.job, c0.freelancer, any_event{event::log_work{.at = at}}}).size()
                  << " bytes\n";
    }

    // Write-ahead log written per commit, over 50 commits of each (fewer
    // pages than SQLite's automatic checkpoint, which would restart its WAL).
    {
        constexpr std::uint64_t commits = 50;
        auto& c = t.ceiling(0);
        c.start_log();
        for (std::uint64_t i = 0; i < commits; ++i) c.update(static_cast<std::int64_t>(i));
        auto const ceiling_bytes = c.log_bytes();
        c.start_log();
        for (std::uint64_t i = 0; i < commits; ++i) {
            auto const k = i % t.candidacies().size();
            bench_target::log_work(store, k, t.candidacies()[k]);
        }
        auto const store_bytes = c.log_bytes();
        std::cout << "  log written per commit: ceiling " << ceiling_bytes / commits << " bytes, store "
                  << store_bytes / commits << " bytes\n";
    }
}

int run(options const& o) {
    std::vector<std::unique_ptr<bench_target>> targets;
    std::cout << "hireguard_bench_store: " << o.candidacies << " hired hourly candidacies in jobs of " << per_job
              << "; " << std::thread::hardware_concurrency() << " cores; " << load() << '\n';
#if HIREGUARD_BENCH_SQLITE
    if (o.sqlite) {
        std::cout << "sqlite " << sqlite3_libversion() << ": " << *o.sqlite
                  << " (WAL, synchronous=FULL, busy timeout 5 s)\n";
        targets.push_back(std::make_unique<bench_target>(sqlite_database(*o.sqlite), o.candidacies));
    }
#endif
#if HIREGUARD_BENCH_POSTGRES
    if (o.postgres) {
        auto t = std::make_unique<bench_target>(postgres_database(*o.postgres), o.candidacies);
        std::cout << "postgres (libpq " << PQlibVersion() << "): " << *o.postgres << '\n';
        targets.push_back(std::move(t));
    }
#endif
    if (targets.empty()) throw std::runtime_error("no database given (--sqlite FILE, --postgres CONNINFO)");
    auto const span = std::chrono::duration<double>(o.seconds);

    if (o.profile > 0) {
        auto& t = *targets.front();
        auto const m = measure(1, std::chrono::duration<double>(o.profile),
                               [&](unsigned k, std::atomic<bool> const& stop) { return t.store_loop(k, 1, stop); });
        std::cout << t.name() << " store, 1 thread: " << fixed(m.rate(), 0) << " events/s, " << load() << '\n';
        return 0;
    }

    std::vector<best_of> best(targets.size());
    // store/ceiling within each round, [adapter][threads - 1]
    std::vector<std::array<std::vector<double>, max_threads>> paired(targets.size());
    for (unsigned round = 1; round <= o.rounds; ++round) {
        for (std::size_t a = 0; a < targets.size(); ++a) {
            auto& t = *targets[a];
            for (unsigned threads = 1; threads <= max_threads; ++threads) {
                std::cout << "round " << round << " " << std::left << std::setw(9) << t.name() << std::right << threads
                          << (threads == 1 ? " thread: " : " threads:");
                std::array<measurement, kinds.size()> now{};
                for (std::size_t k = 0; k < kinds.size(); ++k) {
                    if (k >= two_round_trips && !t.has_what_if()) continue;
                    auto const m = measure(threads, span, [&](unsigned thread, std::atomic<bool> const& stop) {
                        switch (k) {
                            case bare_update:
                            case bare_update_in_tx:
                                return t.ceiling_loop(thread, threads, stop, k == bare_update_in_tx);
                            case store_process:
                                return t.store_loop(thread, threads, stop);
                            default:
                                return t.what_if_loop(k - two_round_trips, thread, threads, stop);
                        }
                    });
                    best[a].add(k, threads, m);
                    now[k] = m;
                    std::cout << "  " << kinds[k] << " " << std::setw(6) << fixed(m.rate(), 0) << "/s";
                    if (m.retries) std::cout << " (" << m.retries << " retries)";
                }
                paired[a][threads - 1].push_back(now[store_process].rate() / now[bare_update].rate());
                std::cout << "  " << load() << std::endl;
            }
        }
    }

    if (o.rounds > 0) {
        std::cout << "\nbest of " << o.rounds << " rounds of " << o.seconds
                  << " s, in events (transactions) per second; client CPU in us per event\n"
                  << "adapter   threads  ceiling/s  store/s  store/ceiling  ceiling-tx/s  store/ceiling-tx"
                     "  CPU ceiling  CPU store  median of rounds' store/ceiling\n";
        for (std::size_t a = 0; a < targets.size(); ++a) {
            for (unsigned threads = 1; threads <= max_threads; ++threads) {
                auto const& c = best[a].best[bare_update][threads - 1];
                auto const& ct = best[a].best[bare_update_in_tx][threads - 1];
                auto const& st = best[a].best[store_process][threads - 1];
                std::cout << std::left << std::setw(10) << targets[a]->name() << std::right << std::setw(7) << threads
                          << std::setw(11) << fixed(c.rate(), 0) << std::setw(9) << fixed(st.rate(), 0) << std::setw(15)
                          << fixed(st.rate() / c.rate(), 2) << std::setw(14) << fixed(ct.rate(), 0) << std::setw(18)
                          << fixed(st.rate() / ct.rate(), 2) << std::setw(13) << fixed(c.cpu_us(), 1) << std::setw(11)
                          << fixed(st.cpu_us(), 1) << std::setw(33) << fixed(median(paired[a][threads - 1]), 2) << '\n';
            }
        }
        for (std::size_t a = 0; a < targets.size(); ++a) {
            if (!targets[a]->has_what_if()) continue;
            std::cout << "what-if on " << targets[a]->name()
                      << ", the same events through the store's statements in fewer round trips"
                         " (1 RT*: without the counter row's lock)\n"
                      << "round trips  threads  ceiling/s   what-if/s  what-if/ceiling  client CPU (us per event)\n";
            for (std::size_t k : {two_round_trips, one_round_trip, without_counter}) {
                for (unsigned threads = 1; threads <= max_threads; ++threads) {
                    auto const& c = best[a].best[bare_update][threads - 1];
                    auto const& w = best[a].best[k][threads - 1];
                    std::cout << std::left << std::setw(13)
                              << (k == two_round_trips  ? "2 RT"
                                  : k == one_round_trip ? "1 RT"
                                                        : "1 RT*")
                              << std::right << std::setw(7) << threads << std::setw(11) << fixed(c.rate(), 0)
                              << std::setw(12) << fixed(w.rate(), 0) << std::setw(17) << fixed(w.rate() / c.rate(), 2)
                              << std::setw(27) << fixed(w.cpu_us(), 1) << '\n';
                }
            }
        }
        std::cout << load() << '\n';
    }

    if (o.breakdown > 0)
        for (auto& t : targets) breakdown(*t, o.breakdown);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    options o;
    std::vector<std::string> const args(argv + 1, argv + argc);
    auto const usage = [&] {
        std::cerr << "usage: " << argv[0]
                  << " [--sqlite FILE] [--postgres CONNINFO] [--rounds N] [--seconds S] [--candidacies N]"
                     " [--breakdown S] [--profile S]\n";
        return 2;
    };
    try {
        for (std::size_t i = 0; i < args.size(); ++i) {
            if (i + 1 == args.size()) return usage();
            std::string const& value = args[++i];
            std::string const& flag = args[i - 1];
            if (flag == "--sqlite") {
                o.sqlite = value;
            } else if (flag == "--postgres") {
                o.postgres = value;
            } else if (flag == "--rounds") {
                o.rounds = static_cast<unsigned>(std::stoul(value));
            } else if (flag == "--seconds") {
                o.seconds = std::stod(value);
            } else if (flag == "--candidacies") {
                o.candidacies = std::stoul(value);
            } else if (flag == "--breakdown") {
                o.breakdown = std::stod(value);
            } else if (flag == "--profile") {
                o.profile = std::stod(value);
            } else {
                return usage();
            }
        }
        if (o.candidacies < max_threads || o.candidacies % max_threads != 0) {
            std::cerr << argv[0] << ": --candidacies must be a positive multiple of " << max_threads << '\n';
            return 2;
        }
#if !HIREGUARD_BENCH_SQLITE
        if (o.sqlite) throw std::runtime_error("this build has no hireguard::sqlite");
#endif
#if !HIREGUARD_BENCH_POSTGRES
        if (o.postgres) throw std::runtime_error("this build has no hireguard::postgres");
#endif
        return run(o);
    } catch (std::exception const& e) {
        std::cerr << argv[0] << ": " << e.what() << '\n';
        return 1;
    }
}
