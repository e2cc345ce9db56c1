// The store's backend on SQLite 3: one database file, several connections
// (in one process or several) on it. Link `hireguard::sqlite`.
//
//     hireguard::store::sqlite_backend db{"hiring.db"};  // created if new
//     hireguard::store::lifecycle_store store{db};
//
// Each sqlite_backend is one connection, for one thread at a time (open one
// per thread). The database runs in WAL mode, so readers do not wait for the
// writer; synchronous=FULL, so a committed transaction survives a power
// loss; foreign keys on. A transaction begins with BEGIN IMMEDIATE: it takes
// the database's write lock at once, so transactions of several connections
// run one after another, and one that waits longer than the busy timeout is a
// `conflict` (thrown by begin()) for the store to retry. With one writer at
// a time, the events' sequences are their commit order.
//
// The schema (sql/sqlite/schema.sql, installed as
// share/hireguard/sql/sqlite/schema.sql) is compiled in: a new database gets
// it; a database whose schema version is not `schema_version`, or that holds
// tables of the same names but not hireguard's, is refused with
// `backend_error`.
#ifndef HIREGUARD_STORE_SQLITE_HPP
#define HIREGUARD_STORE_SQLITE_HPP

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <hireguard/store/backend.hpp>

namespace hireguard::store {

namespace detail {
struct sqlite_connection;
}

/// A connection to a SQLite database, as a store's backend.
///
/// Errors: SQLite's busy and locked codes, and a key that exists already
/// (a job, a candidacy, an event id), are `conflict`; anything else (a
/// CHECK or foreign key, a full disk, a corrupt file) is `backend_error`
/// with SQLite's message. A transaction whose call threw is rolled back at
/// once; its later calls throw `backend_error`. Ids, versions and sequences
/// above 2^63 - 1 are refused with `backend_error` (SQLite's INTEGER is
/// signed). Inserts write version 1 and updates `expected + 1`, whatever
/// the row passed says; `record_event` ignores the event's `sequence`.
class sqlite_backend final : public backend {
public:
    /// Opens (creating if need be) the database at `path` (a file name, or
    /// ":memory:" for a private database), and creates the schema in a new
    /// one. `busy_timeout` is how long begin() waits for another
    /// connection's transaction before it throws `conflict`. Throws
    /// `backend_error` when the file cannot be opened or has another schema.
    explicit sqlite_backend(std::string const& path,
                            std::chrono::milliseconds busy_timeout = std::chrono::milliseconds{5000});
    ~sqlite_backend() override;

    /// A transaction holding the database's write lock until it commits or
    /// is destroyed; it must not outlive this backend. `conflict` when
    /// another connection held the lock for the whole busy timeout;
    /// `backend_error` while another transaction of this backend is open.
    [[nodiscard]] std::unique_ptr<transaction> begin() override;

    /// Each of these runs as a transaction of its own: `conflict` when the
    /// database stays busy, `backend_error` while a transaction of this
    /// backend is open. `events` returns the events whose sequence is
    /// greater than `after` (sequences start at 1).
    /// Marking an id that is delivered already, or unknown, changes nothing.
    [[nodiscard]] std::vector<outbox_message> undelivered(std::size_t limit) override;
    void mark_delivered(std::string_view id) override;
    [[nodiscard]] std::vector<committed_event> events(std::uint64_t after, std::size_t limit) override;

private:
    std::unique_ptr<detail::sqlite_connection> db_;
};

}  // namespace hireguard::store

#endif
