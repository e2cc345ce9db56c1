// The store's backend on PostgreSQL, through libpq: several servers, each
// with its connections, on one database. Link `hireguard::postgres`.
//
//     hireguard::store::postgres_backend db{"host=/run/postgresql dbname=hiring"};
//     hireguard::store::lifecycle_store store{db};
//
// Each postgres_backend is one connection, for one thread at a time (open one
// per thread). Transactions run at READ COMMITTED: an update names the
// version it replaces (`... WHERE key AND version = expected`), so a row
// changed by a concurrent transaction updates nothing and is a `conflict`;
// no lock is taken by a read.
//
// Commit order of events. A SEQUENCE (or an identity column) hands out
// numbers when a row is inserted, not when its transaction commits: one
// transaction takes 7, another takes 8 and commits first, and a reader that
// read up to 8 never sees 7. So `record_event` takes its sequence from a
// single counter row (`UPDATE event_counter SET last = last + 1`), whose row
// lock the transaction holds until it commits or rolls back. The next
// transaction to record an event waits on that lock and then reads the
// counter as committed: sequences are assigned in commit order, without
// gaps, and `events(after, ...)` never misses one that commits later. The
// price is that transactions recording events commit one at a time from
// their `record_event` on; the store records the event after the rows'
// updates, just before commit, to keep that stretch short; after
// `transaction::batch_writes()` (as the store runs it) the writes and the
// COMMIT go in one round trip (libpq's pipeline mode), so the stretch holds
// no wait for the client.
//
// The schema (sql/postgres/schema.sql, installed as
// share/hireguard/sql/postgres/schema.sql) is compiled in and created, in
// the first schema of the connection's search_path, by the first connection
// that finds none; a transaction-level advisory lock makes two servers
// starting at once create it once. A database whose schema version is not
// `schema_version` is refused with `backend_error`. To keep hireguard's
// tables apart from a host's own, give it a schema of its own:
// "... options='-c search_path=hireguard'".
#ifndef HIREGUARD_STORE_POSTGRES_HPP
#define HIREGUARD_STORE_POSTGRES_HPP

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <hireguard/store/backend.hpp>

namespace hireguard::store {

namespace detail {
struct postgres_connection;
}

/// A connection to a PostgreSQL database, as a store's backend.
///
/// Errors: SQLSTATE 40001 (serialization failure), 40P01 (deadlock), 55P03
/// (lock not available) and 23505 (a job, candidacy or event id that exists
/// already) are `conflict`; anything else (a CHECK or foreign key, a lost
/// connection, a server shutting down) is `backend_error` with the server's
/// message. A transaction whose call threw is rolled back at once; its later
/// calls throw `backend_error`. A lost connection is re-established by the
/// next begin() (or other call of the backend). Ids, versions and sequences
/// above 2^63 - 1 are refused with `backend_error` (BIGINT is signed).
/// Inserts write version 1 and updates `expected + 1`, whatever the row
/// passed says; `record_event` ignores the event's `sequence`.
class postgres_backend final : public backend {
public:
    /// Connects with a libpq connection string ("host=... dbname=...", or a
    /// postgresql:// URI) and creates the schema in a database without one.
    /// Throws `backend_error` when the connection fails or the database has
    /// another schema version.
    explicit postgres_backend(std::string const& conninfo);
    ~postgres_backend() override;

    /// A READ COMMITTED transaction; it must not outlive this backend.
    /// `backend_error` while another transaction of this backend is open.
    [[nodiscard]] std::unique_ptr<transaction> begin() override;

    /// Each of these runs as a transaction of its own; `backend_error` while
    /// a transaction of this backend is open. `events` returns the events
    /// whose sequence is greater than `after` (sequences start at 1).
    /// Marking an id that is delivered already, or unknown, changes nothing.
    [[nodiscard]] std::vector<outbox_message> undelivered(std::size_t limit) override;
    void mark_delivered(std::string_view id) override;
    [[nodiscard]] std::vector<committed_event> events(std::uint64_t after, std::size_t limit) override;

private:
    std::unique_ptr<detail::postgres_connection> db_;
};

}  // namespace hireguard::store

#endif
