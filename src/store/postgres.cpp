// hireguard::store::postgres_backend: the store's backend on PostgreSQL, through libpq.
#include <hireguard/store/postgres.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <libpq-fe.h>

#include "common.hpp"
#include "hireguard_postgres_schema.hpp"  // detail::postgres_schema_sql, generated from sql/postgres/schema.sql

namespace hireguard::store {

namespace detail {

namespace {

constexpr std::string_view adapter = "hireguard::postgres";

// Taken for the length of the transaction that checks and creates the
// schema, so that two servers starting at once create it once ("hireguard"
// in ASCII, an arbitrary key of this library's own).
constexpr char const* schema_lock = "SELECT pg_advisory_xact_lock(7526466928519717732)";

// The statements a connection prepares once, by name (their index).
enum class sql : std::size_t {
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

struct statement_text {
    char const* name;
    char const* text;
};

constexpr std::array<statement_text, static_cast<std::size_t>(sql::count)> sql_text{{
    {"hireguard_load_job", "SELECT openings, open, closed_at, hires, policy, version FROM jobs WHERE job = $1::bigint"},
    {"hireguard_load_candidacy",
     "SELECT state, origin, snapshot, version FROM candidacies WHERE job = $1::bigint AND freelancer = $2::bigint"},
    {"hireguard_load_candidacies",
     "SELECT freelancer, state, origin, snapshot, version FROM candidacies WHERE job = $1::bigint ORDER BY freelancer"},
    {"hireguard_find_event", "SELECT version FROM events WHERE id = $1::text"},
    {"hireguard_insert_job",
     "INSERT INTO jobs (job, openings, open, closed_at, hires, policy, version) "
     "VALUES ($1::bigint, $2::bigint, $3::boolean, $4::text, $5::bigint, $6::text, 1)"},
    // An update that matches no row divides by zero: the error aborts the
    // transaction, and with it the COMMIT sent behind it in the same
    // pipeline, and is reported as the version's conflict (sent_query).
    {"hireguard_update_job",
     "WITH moved AS (UPDATE jobs SET openings = $2::bigint, open = $3::boolean, closed_at = $4::text, "
     "hires = $5::bigint, policy = $6::text, version = $8::bigint WHERE job = $1::bigint AND version = $7::bigint "
     "RETURNING 1) SELECT 1 / count(*) FROM moved"},
    {"hireguard_insert_candidacy",
     "INSERT INTO candidacies (job, freelancer, state, origin, snapshot, version) "
     "VALUES ($1::bigint, $2::bigint, $3::text, $4::text, $5::text, 1)"},
    {"hireguard_update_candidacy",
     "WITH moved AS (UPDATE candidacies SET state = $3::text, origin = $4::text, snapshot = $5::text, "
     "version = $7::bigint WHERE job = $1::bigint AND freelancer = $2::bigint AND version = $6::bigint "
     "RETURNING 1) SELECT 1 / count(*) FROM moved"},
    // The counter row's lock, held to the end of the transaction, puts the
    // sequences in commit order (see postgres.hpp).
    {"hireguard_record_event",
     "WITH next AS (UPDATE event_counter SET last = last + 1 RETURNING last) "
     "INSERT INTO events (sequence, id, job, freelancer, version, line) "
     "SELECT next.last, $1::text, $2::bigint, $3::bigint, $4::bigint, $5::text FROM next"},
    {"hireguard_enqueue",
     "INSERT INTO outbox (id, job, freelancer, kind, payload) "
     "VALUES ($1::text, $2::bigint, $3::bigint, $4::text, $5::text) ON CONFLICT (id) DO NOTHING"},
    {"hireguard_undelivered",
     "SELECT id, job, freelancer, kind, payload FROM outbox WHERE NOT delivered ORDER BY position LIMIT $1::bigint"},
    {"hireguard_mark_delivered", "UPDATE outbox SET delivered = TRUE WHERE id = $1::text AND NOT delivered"},
    {"hireguard_events",
     "SELECT sequence, id, job, freelancer, version, line FROM events WHERE sequence > $1::bigint "
     "ORDER BY sequence LIMIT $2::bigint"},
}};

struct result_deleter {
    void operator()(PGresult* r) const { PQclear(r); }
};
using result_ptr = std::unique_ptr<PGresult, result_deleter>;

std::string trimmed(char const* message) {
    std::string s = message ? message : "";
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
    return s;
}

// A failed statement: what a retry can cure (a serialization failure, a
// deadlock, a lock timeout, an existing key) is `conflict`; anything else is
// `backend_error`, with the server's message.
[[noreturn]] void fail(PGconn* conn, PGresult const* r, std::string_view what) {
    char const* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
    std::string message = trimmed(r ? PQresultErrorMessage(r) : nullptr);
    if (message.empty()) message = trimmed(PQerrorMessage(conn));
    std::string const text = std::string(adapter) + ": " + std::string(what) + ": " + message;
    std::string_view const code = state ? state : "";
    if (code == "40001" || code == "40P01" || code == "55P03" || code == "23505") throw conflict(text);
    throw backend_error(text);
}

// Text parameters of a prepared statement, kept alive for its call.
class parameters {
public:
    parameters& add(std::int64_t v) {
        numbers_.push_back(std::to_string(v));
        kinds_.push_back(kind::number);
        return *this;
    }
    parameters& add(std::string_view v) {
        texts_.push_back(v);
        kinds_.push_back(kind::text);
        return *this;
    }
    parameters& add(bool v) {
        kinds_.push_back(v ? kind::yes : kind::no);
        return *this;
    }
    parameters& add(std::optional<std::string> const& v) {
        if (v) return add(std::string_view{*v});
        kinds_.push_back(kind::null);
        return *this;
    }
    parameters& add_null() {
        kinds_.push_back(kind::null);
        return *this;
    }

    // The values and lengths libpq reads, valid while this object is unchanged.
    void lay_out() {
        values_.clear();
        lengths_.clear();
        std::size_t n = 0;
        std::size_t t = 0;
        for (auto k : kinds_) {
            switch (k) {
                case kind::number:
                    values_.push_back(numbers_[n].c_str());
                    lengths_.push_back(0);
                    ++n;
                    break;
                case kind::text:
                    // A null pointer would be SQL's NULL: an empty text is "".
                    values_.push_back(texts_[t].empty() ? "" : texts_[t].data());
                    lengths_.push_back(static_cast<int>(texts_[t].size()));
                    ++t;
                    break;
                case kind::yes:
                case kind::no:
                    values_.push_back(k == kind::yes ? "t" : "f");
                    lengths_.push_back(0);
                    break;
                case kind::null:
                    values_.push_back(nullptr);
                    lengths_.push_back(0);
                    break;
            }
        }
    }
    [[nodiscard]] int size() const { return static_cast<int>(values_.size()); }
    [[nodiscard]] char const* const* values() const { return values_.data(); }
    [[nodiscard]] int const* lengths() const { return lengths_.data(); }
    // Texts in binary format, which for PostgreSQL's text is the bytes
    // themselves: libpq sends them by length, with no copy to terminate
    // them. Numbers and booleans in text format.
    [[nodiscard]] int const* formats() {
        formats_.assign(values_.size(), 0);
        for (std::size_t i = 0; i < kinds_.size(); ++i)
            if (kinds_[i] == kind::text) formats_[i] = 1;
        return formats_.data();
    }

private:
    enum class kind { number, text, yes, no, null };
    std::vector<std::string> numbers_;
    std::vector<std::string_view> texts_;
    std::vector<kind> kinds_;
    std::vector<char const*> values_;
    std::vector<int> lengths_;
    std::vector<int> formats_;
};

std::int64_t integer(PGresult const* r, int row, int column) {
    char const* p = PQgetvalue(r, row, column);
    std::int64_t v = 0;
    auto const [end, ec] = std::from_chars(p, p + std::strlen(p), v);
    if (ec != std::errc{})
        throw backend_error(std::string(adapter) + ": not an integer in column " + PQfname(r, column) + ": " + p);
    return v;
}
std::uint64_t count(PGresult const* r, int row, int column) {
    return to_unsigned(integer(r, row, column));
}
std::string text(PGresult const* r, int row, int column) {
    return std::string(PQgetvalue(r, row, column), static_cast<std::size_t>(PQgetlength(r, row, column)));
}
bool boolean(PGresult const* r, int row, int column) {
    return PQgetvalue(r, row, column)[0] == 't';
}

std::optional<job_row> job_from(PGresult const* r, std::uint64_t job) {
    if (PQntuples(r) == 0) return std::nullopt;
    job_row row;
    row.job = job;
    row.openings = static_cast<std::uint32_t>(count(r, 0, 0));
    row.open = boolean(r, 0, 1);
    if (!PQgetisnull(r, 0, 2)) row.closed_at = text(r, 0, 2);
    row.hires = static_cast<std::uint32_t>(count(r, 0, 3));
    row.policy = text(r, 0, 4);
    row.version = count(r, 0, 5);
    return row;
}

std::optional<candidacy_row> candidacy_from(PGresult const* r, std::uint64_t job, std::uint64_t freelancer) {
    if (PQntuples(r) == 0) return std::nullopt;
    return candidacy_row{job, freelancer, text(r, 0, 0), text(r, 0, 1), text(r, 0, 2), count(r, 0, 3)};
}

std::optional<std::uint64_t> version_from(PGresult const* r) {
    if (PQntuples(r) == 0) return std::nullopt;
    return count(r, 0, 0);
}

// A query sent in pipeline mode whose result is not read yet.
struct sent_query {
    std::string_view what;
    // For an update at a version: the conflict's message when no row matched.
    std::string conflict_text;
};

}  // namespace

// A transaction's statements go in libpq's pipeline mode: sent one after
// another without waiting, their results read together when a result is
// needed (a read, the commit). BEGIN goes with the first statement; after
// batch_writes(), the writes go with the next read or the COMMIT. An error
// aborts the rest of the pipeline on the server, the COMMIT included, so
// nothing of a transaction is committed past a failed write.
struct postgres_connection {
    PGconn* conn = nullptr;
    bool in_transaction = false;
    // BEGIN was sent in the open transaction.
    bool begun = false;
    // Writes wait for the next read or the commit.
    bool batching = false;
    std::vector<sent_query> sent;

    postgres_connection() = default;
    postgres_connection(postgres_connection const&) = delete;
    postgres_connection& operator=(postgres_connection const&) = delete;
    ~postgres_connection() { PQfinish(conn); }

    // A statement without parameters (BEGIN, COMMIT, the schema).
    result_ptr exec(char const* text, std::string_view what) {
        result_ptr r{PQexec(conn, text)};
        auto const status = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail(conn, r.get(), what);
        return r;
    }

    // A prepared statement.
    result_ptr run(sql which, parameters& p, std::string_view what) {
        p.lay_out();
        auto const& s = sql_text[static_cast<std::size_t>(which)];
        result_ptr r{PQexecPrepared(conn, s.name, p.size(), p.values(), p.lengths(), p.formats(), 0)};
        auto const status = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail(conn, r.get(), what);
        return r;
    }

    void prepare() {
        for (auto const& s : sql_text) {
            result_ptr r{PQprepare(conn, s.name, s.text, 0, nullptr)};
            if (!r || PQresultStatus(r.get()) != PGRES_COMMAND_OK) fail(conn, r.get(), "preparing the statements");
        }
    }

    // A connection lost since the last call is opened again, with its
    // statements: the transaction that lost it failed, the next one need not.
    void ensure_connected() {
        if (PQstatus(conn) == CONNECTION_OK) return;
        PQreset(conn);
        if (PQstatus(conn) != CONNECTION_OK)
            throw backend_error(std::string(adapter) + ": reconnecting: " + trimmed(PQerrorMessage(conn)));
        prepare();
    }

    // Sends a prepared statement in pipeline mode; its result is read by collect().
    void send(sql which, parameters& p, std::string_view what, std::string conflict_text = {}) {
        enter_pipeline(what);
        p.lay_out();
        auto const& s = sql_text[static_cast<std::size_t>(which)];
        if (PQsendQueryPrepared(conn, s.name, p.size(), p.values(), p.lengths(), p.formats(), 0) != 1)
            fail(conn, nullptr, what);
        sent.push_back(sent_query{what, std::move(conflict_text)});
    }

    // Sends a statement without parameters (BEGIN, COMMIT) in pipeline mode.
    void send_command(char const* text, std::string_view what) {
        enter_pipeline(what);
        if (PQsendQueryParams(conn, text, 0, nullptr, nullptr, nullptr, nullptr, 0) != 1) fail(conn, nullptr, what);
        sent.push_back(sent_query{what, {}});
    }

    // The results of the statements sent, in order, once the server has
    // run them all; leaves pipeline mode. Throws for the first that failed
    // (those after it were skipped by the server).
    std::vector<result_ptr> collect() {
        std::vector<sent_query> const queries = std::move(sent);
        sent.clear();
        std::vector<result_ptr> results;
        results.reserve(queries.size());
        bool whole = PQpipelineSync(conn) == 1;
        for (std::size_t i = 0; whole && i < queries.size(); ++i) {
            result_ptr r{PQgetResult(conn)};
            // Each query's results end with a null.
            if (!r || PQgetResult(conn) != nullptr) whole = false;
            results.push_back(std::move(r));
        }
        if (whole) {
            result_ptr const end{PQgetResult(conn)};
            whole = end && PQresultStatus(end.get()) == PGRES_PIPELINE_SYNC && PQexitPipelineMode(conn) == 1;
        }
        for (std::size_t i = 0; i < results.size(); ++i) {
            PGresult const* r = results[i].get();
            auto const status = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
            if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) continue;
            char const* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
            if (!queries[i].conflict_text.empty() && state && std::string_view{state} == "22012")
                throw conflict(queries[i].conflict_text);
            fail(conn, r, queries[i].what);
        }
        if (!whole)
            throw backend_error(std::string(adapter) + ": " +
                                std::string(queries.empty() ? std::string_view{"sync"} : queries.back().what) + ": " +
                                trimmed(PQerrorMessage(conn)));
        return results;
    }

    void rollback() noexcept {
        in_transaction = false;
        batching = false;
        bool const was_begun = std::exchange(begun, false);
        if (PQstatus(conn) != CONNECTION_OK) {
            sent.clear();
            return;
        }
        if (PQpipelineStatus(conn) != PQ_PIPELINE_OFF) {
            try {
                (void)collect();
            } catch (...) {
                // The write's error was reported (or the connection is lost): the transaction ends here.
            }
        }
        if (was_begun && PQstatus(conn) == CONNECTION_OK && PQpipelineStatus(conn) == PQ_PIPELINE_OFF)
            PQclear(PQexec(conn, "ROLLBACK"));
    }

private:
    void enter_pipeline(std::string_view what) {
        if (PQpipelineStatus(conn) == PQ_PIPELINE_OFF && PQenterPipelineMode(conn) != 1) fail(conn, nullptr, what);
    }

public:
    void refuse_in_transaction(std::string_view what) const {
        if (in_transaction)
            throw backend_error(std::string(adapter) + ": " + std::string(what) +
                                " while a transaction of this backend is open");
    }
};

namespace {

// Creates the schema in a database without one, and checks the version of any.
void check_schema(postgres_connection& c) {
    c.exec("BEGIN", "opening the database");
    try {
        c.exec(schema_lock, "locking the schema");
        auto const found = c.exec("SELECT to_regclass('hireguard_schema') IS NOT NULL", "reading the schema");
        if (!boolean(found.get(), 0, 0)) c.exec(postgres_schema_sql, "creating the schema");
        auto const v = c.exec("SELECT version FROM hireguard_schema", "reading the schema version");
        if (PQntuples(v.get()) != 1 || integer(v.get(), 0, 0) != schema_version)
            throw backend_error(
                std::string(adapter) + ": the database has schema version " +
                (PQntuples(v.get()) == 1 ? std::to_string(integer(v.get(), 0, 0)) : std::string("(none)")) +
                "; this hireguard reads and writes version " + std::to_string(schema_version));
        c.exec("COMMIT", "creating the schema");
    } catch (...) {
        c.rollback();
        throw;
    }
}

class postgres_transaction final : public transaction {
public:
    explicit postgres_transaction(postgres_connection& c) : c_(c), guarded_(c, adapter) {}

    std::optional<job_row> load_job(std::uint64_t job) override {
        return guarded_([&] {
            parameters p;
            p.add(to_stored(job, adapter, "job"));
            return job_from(query(sql::load_job, p, "load_job").get(), job);
        });
    }

    std::optional<candidacy_row> load_candidacy(std::uint64_t job, std::uint64_t freelancer) override {
        return guarded_([&] {
            parameters p;
            p.add(to_stored(job, adapter, "job")).add(to_stored(freelancer, adapter, "freelancer"));
            return candidacy_from(query(sql::load_candidacy, p, "load_candidacy").get(), job, freelancer);
        });
    }

    // The three reads (and BEGIN, and any writes held) in one round trip.
    event_rows load_for_event(std::string_view id, std::uint64_t job, std::uint64_t freelancer) override {
        return guarded_([&] {
            parameters by_id;
            parameters by_job;
            parameters by_candidacy;
            by_job.add(to_stored(job, adapter, "job"));
            by_candidacy.add(to_stored(job, adapter, "job")).add(to_stored(freelancer, adapter, "freelancer"));
            start();
            if (!id.empty()) {
                by_id.add(id);
                c_.send(sql::find_event, by_id, "find_event");
            }
            c_.send(sql::load_job, by_job, "load_job");
            c_.send(sql::load_candidacy, by_candidacy, "load_candidacy");
            auto const results = c_.collect();
            std::size_t const n = results.size();
            event_rows rows;
            if (!id.empty()) rows.applied = version_from(results[n - 3].get());
            if (rows.applied) return rows;
            rows.job = job_from(results[n - 2].get(), job);
            if (rows.job) rows.candidacy = candidacy_from(results[n - 1].get(), job, freelancer);
            return rows;
        });
    }

    std::vector<candidacy_row> load_candidacies(std::uint64_t job) override {
        return guarded_([&] {
            parameters p;
            p.add(to_stored(job, adapter, "job"));
            auto const r = query(sql::load_candidacies, p, "load_candidacies");
            int const n = PQntuples(r.get());
            std::vector<candidacy_row> rows;
            rows.reserve(static_cast<std::size_t>(n));
            for (int i = 0; i < n; ++i)
                rows.push_back(candidacy_row{job, count(r.get(), i, 0), text(r.get(), i, 1), text(r.get(), i, 2),
                                             text(r.get(), i, 3), count(r.get(), i, 4)});
            return rows;
        });
    }

    std::optional<std::uint64_t> find_event(std::string_view id) override {
        return guarded_([&]() -> std::optional<std::uint64_t> {
            if (id.empty()) return std::nullopt;
            parameters p;
            p.add(id);
            return version_from(query(sql::find_event, p, "find_event").get());
        });
    }

    void insert_job(job_row const& row) override {
        guarded_([&] {
            parameters p;
            p.add(to_stored(row.job, adapter, "job"))
                .add(std::int64_t{row.openings})
                .add(row.open)
                .add(row.closed_at)
                .add(std::int64_t{row.hires})
                .add(std::string_view{row.policy});
            write(sql::insert_job, p, "insert_job");
        });
    }

    void update_job(job_row const& row, std::uint64_t expected) override {
        guarded_([&] {
            parameters p;
            p.add(to_stored(row.job, adapter, "job"))
                .add(std::int64_t{row.openings})
                .add(row.open)
                .add(row.closed_at)
                .add(std::int64_t{row.hires})
                .add(std::string_view{row.policy})
                .add(to_stored(expected, adapter, "version"))
                .add(next_version(expected, adapter));
            write(sql::update_job, p, "update_job",
                  std::string(adapter) + ": job " + std::to_string(row.job) + " is not at version " +
                      std::to_string(expected));
        });
    }

    void insert_candidacy(candidacy_row const& row) override {
        guarded_([&] {
            parameters p;
            p.add(to_stored(row.job, adapter, "job"))
                .add(to_stored(row.freelancer, adapter, "freelancer"))
                .add(std::string_view{row.state})
                .add(std::string_view{row.origin})
                .add(std::string_view{row.snapshot});
            write(sql::insert_candidacy, p, "insert_candidacy");
        });
    }

    void update_candidacy(candidacy_row const& row, std::uint64_t expected) override {
        guarded_([&] {
            parameters p;
            p.add(to_stored(row.job, adapter, "job"))
                .add(to_stored(row.freelancer, adapter, "freelancer"))
                .add(std::string_view{row.state})
                .add(std::string_view{row.origin})
                .add(std::string_view{row.snapshot})
                .add(to_stored(expected, adapter, "version"))
                .add(next_version(expected, adapter));
            write(sql::update_candidacy, p, "update_candidacy",
                  std::string(adapter) + ": candidacy " + std::to_string(row.job) + "/" +
                      std::to_string(row.freelancer) + " is not at version " + std::to_string(expected));
        });
    }

    void record_event(committed_event const& e) override {
        guarded_([&] {
            parameters p;
            if (e.id.empty()) {
                p.add_null();
            } else {
                p.add(std::string_view{e.id});
            }
            p.add(to_stored(e.job, adapter, "job"))
                .add(to_stored(e.freelancer, adapter, "freelancer"))
                .add(to_stored(e.version, adapter, "version"))
                .add(std::string_view{e.line});
            write(sql::record_event, p, "record_event");
        });
    }

    void enqueue(outbox_message const& m) override {
        guarded_([&] {
            parameters p;
            p.add(std::string_view{m.id})
                .add(to_stored(m.job, adapter, "job"))
                .add(to_stored(m.freelancer, adapter, "freelancer"))
                .add(std::string_view{m.kind})
                .add(std::string_view{m.payload});
            write(sql::enqueue, p, "enqueue");
        });
    }

    void batch_writes() noexcept override { c_.batching = true; }

    void commit() override {
        guarded_([&] {
            if (c_.begun) {
                // With the writes held, if any: one round trip.
                c_.send_command("COMMIT", "commit");
                auto const results = c_.collect();
                // COMMIT of a transaction the server had aborted answers ROLLBACK.
                if (std::string_view{PQcmdStatus(results.back().get())} != "COMMIT")
                    throw backend_error(std::string(adapter) + ": commit: the server rolled the transaction back");
                c_.begun = false;
            }
            guarded_.committed();
        });
    }

private:
    // BEGIN goes with the transaction's first statement.
    void start() {
        if (c_.begun) return;
        c_.begun = true;
        c_.send_command("BEGIN ISOLATION LEVEL READ COMMITTED", "begin");
    }

    // A read: its result, with those of the statements sent before it.
    result_ptr query(sql which, parameters& p, std::string_view what) {
        start();
        c_.send(which, p, what);
        return std::move(c_.collect().back());
    }

    // A write: sent now; its result read now, or with the next read or the
    // commit after batch_writes().
    void write(sql which, parameters& p, std::string_view what, std::string conflict_text = {}) {
        start();
        c_.send(which, p, what, std::move(conflict_text));
        if (!c_.batching) (void)c_.collect();
    }

    postgres_connection& c_;
    // Each call runs through it; rolls back an open transaction when
    // destroyed, and after a call that throws (PostgreSQL refuses every
    // statement of a transaction after an error).
    transaction_guard<postgres_connection> guarded_;
};

}  // namespace

}  // namespace detail

postgres_backend::postgres_backend(std::string const& conninfo) : db_(std::make_unique<detail::postgres_connection>()) {
    auto& c = *db_;
    c.conn = PQconnectdb(conninfo.c_str());
    if (!c.conn) throw backend_error(std::string(detail::adapter) + ": out of memory");
    if (PQstatus(c.conn) != CONNECTION_OK)
        throw backend_error(std::string(detail::adapter) +
                            ": cannot connect: " + detail::trimmed(PQerrorMessage(c.conn)));
    if (PQsetClientEncoding(c.conn, "UTF8") != 0)
        throw backend_error(std::string(detail::adapter) +
                            ": cannot use UTF8: " + detail::trimmed(PQerrorMessage(c.conn)));
    try {
        detail::check_schema(c);
    } catch (conflict const& e) {
        // A concurrent creation is serialized by the advisory lock: a
        // conflict here is not for the store to retry.
        throw backend_error(e.what());
    }
    c.prepare();
}

postgres_backend::~postgres_backend() = default;

std::unique_ptr<transaction> postgres_backend::begin() {
    auto& c = *db_;
    c.refuse_in_transaction("begin()");
    c.ensure_connected();
    // BEGIN goes with the first statement.
    c.in_transaction = true;
    c.begun = false;
    c.batching = false;
    try {
        return std::make_unique<detail::postgres_transaction>(c);
    } catch (...) {
        c.rollback();
        throw;
    }
}

std::vector<outbox_message> postgres_backend::undelivered(std::size_t limit) {
    auto& c = *db_;
    c.refuse_in_transaction("undelivered()");
    c.ensure_connected();
    detail::parameters p;
    p.add(detail::to_limit(limit));
    auto const r = c.run(detail::sql::undelivered, p, "undelivered");
    int const n = PQntuples(r.get());
    std::vector<outbox_message> out;
    out.reserve(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i)
        out.push_back(outbox_message{detail::text(r.get(), i, 0), detail::count(r.get(), i, 1),
                                     detail::count(r.get(), i, 2), detail::text(r.get(), i, 3),
                                     detail::text(r.get(), i, 4)});
    return out;
}

void postgres_backend::mark_delivered(std::string_view id) {
    auto& c = *db_;
    c.refuse_in_transaction("mark_delivered()");
    c.ensure_connected();
    detail::parameters p;
    p.add(id);
    c.run(detail::sql::mark_delivered, p, "mark_delivered");
}

std::vector<committed_event> postgres_backend::events(std::uint64_t after, std::size_t limit) {
    auto& c = *db_;
    c.refuse_in_transaction("events()");
    c.ensure_connected();
    detail::parameters p;
    p.add(static_cast<std::int64_t>(std::min(after, detail::largest_stored))).add(detail::to_limit(limit));
    auto const r = c.run(detail::sql::events, p, "events");
    int const n = PQntuples(r.get());
    std::vector<committed_event> out;
    out.reserve(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i)
        out.push_back(committed_event{detail::count(r.get(), i, 0),
                                      PQgetisnull(r.get(), i, 1) ? std::string{} : detail::text(r.get(), i, 1),
                                      detail::count(r.get(), i, 2), detail::count(r.get(), i, 3),
                                      detail::count(r.get(), i, 4), detail::text(r.get(), i, 5)});
    return out;
}

}  // namespace hireguard::store
