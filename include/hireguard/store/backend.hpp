// What a database must do for hireguard's store: rows of jobs and candidacies
// with a version each, the ids of the events already applied, the committed
// events in commit order, and an outbox of notifications, all changed in one
// transaction. The adapters implement it (hireguard::sqlite in
// <hireguard/store/sqlite.hpp>, hireguard::postgres in
// <hireguard/store/postgres.hpp>); <hireguard/store/store.hpp> runs a
// workflow over any of them. Rows hold text (the snapshot codecs' JSON), so
// this interface knows no workflow and the adapters compile once.
#ifndef HIREGUARD_STORE_BACKEND_HPP
#define HIREGUARD_STORE_BACKEND_HPP

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace hireguard::store {

/// The version of the SQL schema the adapters create and expect, kept in the
/// database (`hireguard_schema.version`). An adapter refuses a database with
/// another version rather than writing rows it does not understand. Version
/// 2 dropped the events' index by candidacy (both adapters) and SQLite's
/// AUTOINCREMENT; a version-1 database is refused with both versions named.
inline constexpr std::int64_t schema_version = 2;

/// A job's row: what the job-level rules need, and the job's policy.
struct job_row {
    std::uint64_t job = 0;
    std::uint32_t openings = 1;
    bool open = true;
    /// When the job was closed ("2026-01-02T09:30:00Z"), if it was closed at a known time.
    std::optional<std::string> closed_at;
    /// Candidacies in a hired state, ended contracts included.
    std::uint32_t hires = 0;
    /// The policy as the snapshot codec writes it (JSON).
    std::string policy;
    /// Advanced by every change of the row; 1 for a new row.
    std::uint64_t version = 0;
    friend bool operator==(job_row const&, job_row const&) = default;
};

/// A candidacy's row: the state (for queries), how it began, the snapshot
/// of its machine (JSON, `snapshot_text`) and its version.
struct candidacy_row {
    std::uint64_t job = 0;
    std::uint64_t freelancer = 0;
    std::string state;
    std::string origin;
    std::string snapshot;
    /// Advanced by every accepted event; 1 after the first.
    std::uint64_t version = 0;
    friend bool operator==(candidacy_row const&, candidacy_row const&) = default;
};

/// An accepted event as committed: its id (empty when it came without one),
/// its candidacy, the candidacy's version it produced, and the event as a
/// line of an event log (`encode_event`). `sequence` is the commit order,
/// assigned by the database.
struct committed_event {
    std::uint64_t sequence = 0;
    std::string id;
    std::uint64_t job = 0;
    std::uint64_t freelancer = 0;
    std::uint64_t version = 0;
    std::string line;
    friend bool operator==(committed_event const&, committed_event const&) = default;
};

/// A notification waiting in the outbox. `id` is stable ("<job>/<freelancer>/
/// <version>/<kind>"): a host that receives it twice drops the second.
struct outbox_message {
    std::string id;
    std::uint64_t job = 0;
    std::uint64_t freelancer = 0;
    std::string kind;
    /// The notification as JSON.
    std::string payload;
    friend bool operator==(outbox_message const&, outbox_message const&) = default;
};

/// A row changed since the transaction read it, or the database refused the
/// transaction for a concurrent one (SQLite's busy database, PostgreSQL's
/// serialization failure or deadlock). Nothing of the transaction is
/// committed; the store retries it from the start.
class conflict : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// The database failed for another reason (a constraint, a lost connection,
/// a schema of another version). Nothing of the transaction is committed.
class backend_error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// What processing an event reads first: whether its id was applied
/// (`applied`, the version it produced; then the rest may be left empty),
/// the job's row and the candidacy's.
struct event_rows {
    std::optional<std::uint64_t> applied;
    std::optional<job_row> job;
    std::optional<candidacy_row> candidacy;
    friend bool operator==(event_rows const&, event_rows const&) = default;
};

/// One transaction. Reads see the rows as of the transaction (and, for
/// rows it writes, its own writes). A transaction destroyed without
/// `commit()` is rolled back. Every write names the version it expects to
/// replace and throws `conflict` when the row has another one (after
/// `batch_writes()`, possibly from a later call instead).
class transaction {
public:
    transaction() = default;
    transaction(transaction const&) = delete;
    transaction& operator=(transaction const&) = delete;
    virtual ~transaction() = default;

    /// The job's row, or nothing.
    [[nodiscard]] virtual std::optional<job_row> load_job(std::uint64_t job) = 0;
    /// The candidacy's row, or nothing.
    [[nodiscard]] virtual std::optional<candidacy_row> load_candidacy(std::uint64_t job, std::uint64_t freelancer) = 0;
    /// Every candidacy of the job, by freelancer id.
    [[nodiscard]] virtual std::vector<candidacy_row> load_candidacies(std::uint64_t job) = 0;
    /// The candidacy version that the event with this id produced, if it was committed.
    [[nodiscard]] virtual std::optional<std::uint64_t> find_event(std::string_view id) = 0;

    /// `find_event(id)` (none for an empty id), then, unless it was
    /// applied, `load_job(job)` and `load_candidacy(job, freelancer)`. An
    /// adapter may send the three reads at once (PostgreSQL does, in one
    /// round trip).
    [[nodiscard]] virtual event_rows load_for_event(std::string_view id, std::uint64_t job, std::uint64_t freelancer) {
        event_rows rows;
        if (!id.empty()) rows.applied = find_event(id);
        if (rows.applied) return rows;
        rows.job = load_job(job);
        if (rows.job) rows.candidacy = load_candidacy(job, freelancer);
        return rows;
    }

    /// Lets the adapter hold this transaction's writes and send them with
    /// the next read or with `commit()` (PostgreSQL sends them with the
    /// COMMIT, in one round trip). A write's `conflict` or `backend_error`
    /// is then thrown by the call that sends it; the transaction is rolled
    /// back all the same, and nothing of it is committed. Adapters that
    /// write at once ignore it.
    virtual void batch_writes() noexcept {}

    /// Inserts a job's row with version 1; `conflict` when the job exists.
    virtual void insert_job(job_row const& row) = 0;
    /// Replaces the job's row of version `expected` by `row` (whose version
    /// is `expected + 1`); `conflict` when the stored version is another.
    virtual void update_job(job_row const& row, std::uint64_t expected) = 0;
    /// Inserts a candidacy's row (version 1); `conflict` when it exists.
    virtual void insert_candidacy(candidacy_row const& row) = 0;
    /// Replaces the candidacy's row of version `expected`; `conflict` otherwise.
    virtual void update_candidacy(candidacy_row const& row, std::uint64_t expected) = 0;
    /// Records an accepted event; its non-empty id must be new (`conflict` otherwise).
    virtual void record_event(committed_event const& e) = 0;
    /// Adds a notification to the outbox; an id already there is kept as it is.
    virtual void enqueue(outbox_message const& m) = 0;

    /// Makes every write of the transaction durable at once; `conflict` or
    /// `backend_error` when the database refuses, and then nothing is.
    virtual void commit() = 0;
};

/// A database the store runs on. One backend per thread (a connection);
/// several backends, in one process or several, on one database.
class backend {
public:
    backend() = default;
    backend(backend const&) = delete;
    backend& operator=(backend const&) = delete;
    virtual ~backend() = default;

    /// A new transaction; only one at a time per backend.
    [[nodiscard]] virtual std::unique_ptr<transaction> begin() = 0;

    /// Up to `limit` notifications not yet delivered, oldest first.
    [[nodiscard]] virtual std::vector<outbox_message> undelivered(std::size_t limit) = 0;
    /// Marks a notification delivered; it is not handed out again.
    virtual void mark_delivered(std::string_view id) = 0;

    /// The committed events, in commit order, from `after` (a sequence) on.
    [[nodiscard]] virtual std::vector<committed_event> events(std::uint64_t after, std::size_t limit) = 0;
};

}  // namespace hireguard::store

#endif
