// A workflow's candidacies and jobs kept in a database, safe with several
// servers on one database and an at-least-once queue in front of them.
//
//     hireguard::store::sqlite_backend db{"hiring.db"};
//     hireguard::store::lifecycle_store s{db};
//     s.create_job(hireguard::job_id{3}, 2);
//     auto r = s.process(hireguard::job_id{3}, hireguard::freelancer_id{42},
//                        hireguard::event::submit_proposal{}, "msg-8812");
//     // r.outcome: accepted, rejected, duplicate (msg-8812 was applied before) or conflict
//
// Each event is one transaction: read the job's and the candidacy's rows,
// run the engine, check the job's rules, write the candidacy's row (and the
// job's, when the event creates a candidacy or a hire), record the event and
// its id, add the notification to the outbox, commit. Every write names the
// version it read; a row that another server changed in between makes the
// transaction a `conflict`, and the store runs it again from the start, up to
// `store_options::max_attempts` times. So no update is lost, no opening is
// filled twice, and an event id is applied at most once. Notifications are
// delivered after the commit by `deliver`, at least once, each with a stable id.
// Link `hireguard::json` and an adapter (`hireguard::sqlite`, `hireguard::postgres`).
#ifndef HIREGUARD_STORE_STORE_HPP
#define HIREGUARD_STORE_STORE_HPP

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <variant>

#include <boost/describe/enum.hpp>
#include <boost/json.hpp>

#include <hireguard/core/detail/enum_name.hpp>
#include <hireguard/core/machine.hpp>
#include <hireguard/core/rejection.hpp>
#include <hireguard/core/table.hpp>
#include <hireguard/hiring/job.hpp>
#include <hireguard/hiring/notifications.hpp>
#include <hireguard/json/events.hpp>
#include <hireguard/json/snapshot.hpp>
#include <hireguard/store/backend.hpp>

namespace hireguard::store {

/// Where an event without a time gets one: never the candidacy's latest
/// known time, which would backdate it. The system clock by default; a
/// `manual_clock` in tests.
using clock = std::function<timestamp()>;

/// The system clock, to the second.
///
///     hireguard::timestamp now = hireguard::store::system_now();
[[nodiscard]] inline timestamp system_now() {
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

/// A clock that says what it is told, for tests. Copies share the time.
///
///     hireguard::store::manual_clock t{hireguard::utc(std::chrono::year{2026} / 1 / 5)};
///     hireguard::store::store_options o{.now = t};
///     t.advance(std::chrono::days{40});
class manual_clock {
public:
    explicit manual_clock(timestamp start) : now_(std::make_shared<timestamp>(start)) {}
    [[nodiscard]] timestamp operator()() const noexcept { return *now_; }
    void set(timestamp t) noexcept { *now_ = t; }
    void advance(std::chrono::seconds d) noexcept { *now_ += d; }

private:
    std::shared_ptr<timestamp> now_;
};

/// What became of an event.
enum class status : std::uint8_t {
    accepted,   ///< applied and committed
    rejected,   ///< the engine or a job rule refused it; nothing changed
    duplicate,  ///< its id was applied before; nothing changed
    conflict,   ///< other servers changed its rows on every attempt; nothing changed
};
BOOST_DESCRIBE_ENUM(status, accepted, rejected, duplicate, conflict)

/// "accepted", "rejected", "duplicate" or "conflict".
///
///     static_assert(hireguard::store::to_string(hireguard::store::status::duplicate) == "duplicate");
[[nodiscard]] constexpr std::string_view to_string(status s) noexcept {
    return hireguard::detail::enum_name(s);
}

/// The result of processing an event through a store.
struct result {
    status outcome = status::accepted;
    /// Why, when rejected.
    std::optional<rejection> why;
    /// The candidacy's version after the event (accepted), or the version the
    /// first delivery produced (duplicate); 0 otherwise.
    std::uint64_t version = 0;
    /// Transactions run, conflicts included.
    unsigned attempts = 0;

    /// Accepted.
    [[nodiscard]] explicit operator bool() const noexcept { return outcome == status::accepted; }
    /// One line: "accepted at version 3", "duplicate of version 2", the
    /// rejection's message, or "conflict after 8 attempts".
    [[nodiscard]] std::string message() const {
        switch (outcome) {
            case status::accepted:
                return "accepted at version " + std::to_string(version);
            case status::rejected:
                return why ? why->message() : std::string("rejected");
            case status::duplicate:
                return "duplicate of version " + std::to_string(version);
            case status::conflict:
                return "conflict after " + std::to_string(attempts) + " attempts";
        }
        return "unknown";
    }
};

/// How a store runs.
struct store_options {
    /// Transactions tried per event before it is reported as a conflict.
    unsigned max_attempts = 16;
    /// Where untimed events get their time.
    clock now = system_now;
    /// Candidacies whose last written row the store keeps, to write the
    /// next event at that version without reading the rows again (0: none).
    std::size_t kept_rows = 4096;
};

}  // namespace hireguard::store

namespace hireguard::rule_ids {
/// The job named by an event has not been created in the store.
inline constexpr rule_id job_known{"job_known", rejection_kind::invalid_input};
}  // namespace hireguard::rule_ids

namespace hireguard::store {

/// A workflow's jobs and candidacies in a database. One store per backend
/// (per connection, per thread); any number of stores, in any number of
/// processes, on one database.
///
/// A store keeps the rows it last wrote for up to `store_options::kept_rows`
/// candidacies. The next event of such a candidacy is first tried on the
/// kept machine, written at the kept version without reading the rows:
/// one transaction of two writes. Whatever that cannot settle goes the
/// full way (read, check, write), as every event of a candidacy not kept:
/// a rejection, a hire (the job's row must be read), a version that moved
/// (another server wrote the candidacy: the update's conflict) or an event
/// id already applied (the id's unique index refuses it: a duplicate). So
/// correctness rests on the versions and the index, never on what is kept.
template <workflow W>
class basic_store {
public:
    using machine_type = basic_machine<W>;

    /// A store on `db`, which must outlive it.
    explicit basic_store(backend& db, store_options options = {}) : db_(db), options_(std::move(options)) {}

    /// Creates an open job with `openings` openings (at least one) and the
    /// policy its candidacies share. Returns false, changing nothing, when
    /// the job exists. Throws `std::invalid_argument` for zero openings or an
    /// invalid policy.
    bool create_job(job_id job, std::uint32_t openings, policy_t<W> const& p = {}) {
        if (openings == 0) throw std::invalid_argument("hireguard: a job has at least one opening");
        policy_t<W> const checked = hireguard::detail::checked_policy(p);
        for (unsigned attempt = 0; attempt < options_.max_attempts; ++attempt) {
            try {
                auto tx = db_.begin();
                if (tx->load_job(job.value())) return false;
                tx->insert_job(job_row{job.value(), openings, true, std::nullopt, 0,
                                       boost::json::serialize(json_codec::encode(checked, "policy")), 1});
                tx->commit();
                return true;
            } catch (conflict const&) {}
        }
        throw conflict("hireguard: the job could not be created: conflicts on every attempt");
    }

    /// Processes an event of `freelancer`'s candidacy in `job`, creating the
    /// candidacy on its first accepted event. An event without a time gets
    /// the clock's. An event with a non-empty `event_id` already applied is
    /// a `duplicate`, and changes nothing. Rejections, after the engine's:
    /// `job_known` (no such job), `job_open` (a new candidacy on a closed
    /// job), `hires_within_openings`; `close_job` goes through `close_job()`.
    template <class Event>
    requires is_event_of_v<Event, W> result process(job_id job, freelancer_id freelancer, Event const& e,
                                                    std::string_view event_id = {}) {
        return process(job, freelancer, event_variant_t<W>{std::in_place_type<Event>, e}, event_id);
    }

    /// The same for an event decoded at run time. (The transaction's code is
    /// the same for every event type: it is compiled once, for the variant.)
    result process(job_id job, freelancer_id freelancer, event_variant_t<W> e, std::string_view event_id = {}) {
        std::visit(
            [&](auto& ev) {
                if (!ev.at) ev.at = options_.now();
            },
            e);
        key const k{job.value(), freelancer.value()};
        unsigned tried = 0;
        if (auto it = kept_.find(k); it != kept_.end()) {
            tried = 1;
            if (auto r = apply_kept(it->second, job, freelancer, e, event_id)) return *r;
            kept_.erase(k);
        }
        std::optional<kept_row> written;
        result r = with_retries([&](transaction& tx) { return apply(tx, job, freelancer, e, event_id, written); });
        r.attempts += tried;
        if (r.outcome == status::accepted && written && options_.kept_rows > 0) {
            // Bounded: when full, start again from nothing.
            if (kept_.size() >= options_.kept_rows) kept_.clear();
            kept_.insert_or_assign(k, std::move(*written));
        }
        return r;
    }

    /// Closes the job, in one transaction: every candidacy neither hired nor
    /// finished moves to `closed`; the job takes no new candidacy. All or
    /// nothing, as `basic_job::close`. A closed job rejects it with `job_open`.
    /// The committed event has freelancer 0 and the job's new version.
    result close_job(job_id job, event::close_job e = {},
                     std::string_view event_id = {}) requires is_event_of_v<event::close_job, W> {
        if (!e.at) e.at = options_.now();
        return with_retries([&](transaction& tx) { return apply_close(tx, job, e, event_id); });
    }

    /// The candidacy as stored, or nothing.
    [[nodiscard]] std::optional<machine_type> load(job_id job, freelancer_id freelancer) {
        auto tx = db_.begin();
        auto const row = tx->load_candidacy(job.value(), freelancer.value());
        if (!row) return std::nullopt;
        return restore<W>(std::string_view{row->snapshot});
    }

    /// The job's row as stored, or nothing.
    [[nodiscard]] std::optional<job_row> job(job_id job) { return db_.begin()->load_job(job.value()); }

    /// Hands every undelivered notification to `send`, oldest first, and
    /// marks it delivered once `send` returns. A `send` that throws leaves
    /// its notification (and the later ones) for the next call, so each is
    /// delivered at least once; its stable `id` lets the receiver drop a
    /// second delivery. Returns how many were delivered.
    std::size_t deliver(std::function<void(outbox_message const&)> const& send, std::size_t batch = 256) {
        std::size_t delivered = 0;
        for (;;) {
            auto const pending = db_.undelivered(batch);
            for (auto const& m : pending) {
                send(m);
                db_.mark_delivered(m.id);
                ++delivered;
            }
            if (pending.size() < batch) return delivered;
        }
    }

private:
    // A candidacy's row as this store last wrote it.
    struct kept_row {
        machine_type m;
        std::string origin;
        std::uint64_t version = 0;
    };
    using key = std::pair<std::uint64_t, std::uint64_t>;
    struct key_hash {
        std::size_t operator()(key const& k) const noexcept {
            return std::hash<std::uint64_t>{}(k.first * 0x9E3779B97F4A7C15ULL ^ k.second);
        }
    };

    // The event on the kept row, written at its version in one transaction;
    // nothing when it must go the full way (then nothing was written).
    std::optional<result> apply_kept(kept_row& kept, job_id job, freelancer_id freelancer, event_variant_t<W> const& e,
                                     std::string_view event_id) {
        if constexpr (is_event_of_v<event::close_job, W>) {
            if (std::holds_alternative<event::close_job>(e)) return std::nullopt;
        }
        machine_type m = kept.m;
        bool const was_hired = is_hired(m);
        if (!m.process(e) || (!was_hired && is_hired(m))) return std::nullopt;
        candidacy_row const row{job.value(), freelancer.value(), std::string(m.state_name()),
                                kept.origin, snapshot_text(m),   kept.version + 1};
        try {
            auto tx = db_.begin();
            tx->batch_writes();
            tx->update_candidacy(row, kept.version);
            tx->record_event(committed_event{0, std::string(event_id), job.value(), freelancer.value(), row.version,
                                             encode_event(basic_logged_event<W>{job, freelancer, e})});
            std::visit(
                [&](auto const& ev) { enqueue_notification<std::remove_cvref_t<decltype(ev)>>(*tx, m, row.version); },
                e);
            tx->commit();
        } catch (conflict const&) {
            // Another server wrote the candidacy, or the id was applied: the full way tells which.
            return std::nullopt;
        }
        kept.m = std::move(m);
        kept.version = row.version;
        result r;
        r.outcome = status::accepted;
        r.version = row.version;
        r.attempts = 1;
        return r;
    }

    template <class F>
    result with_retries(F const& run) {
        unsigned attempt = 0;
        while (attempt < options_.max_attempts) {
            ++attempt;
            try {
                auto tx = db_.begin();
                // A write's conflict may come from commit(): it is caught below all the same.
                tx->batch_writes();
                result r = run(*tx);
                r.attempts = attempt;
                if (r.outcome == status::accepted) tx->commit();
                return r;
            } catch (conflict const&) {
                // Another server changed a row this transaction read: run it again.
            }
        }
        result r;
        r.outcome = status::conflict;
        r.attempts = attempt;
        return r;
    }

    static result rejected(rejection why) {
        result r;
        r.outcome = status::rejected;
        r.why = std::move(why);
        return r;
    }
    static result rejected(rule_id rule, reason_text reason, std::string_view state, std::string_view event) {
        return rejected(rejection::from(violation{rule, std::move(reason)}, state, event));
    }

    static std::string job_text(job_id job) { return "job " + std::to_string(job.value()); }

    static policy_t<W> policy_of(job_row const& row) {
        return hireguard::detail::snapshot_policy<W>(boost::json::parse(row.policy));
    }

    result apply(transaction& tx, job_id job, freelancer_id freelancer, event_variant_t<W> const& e,
                 std::string_view event_id, std::optional<kept_row>& written) {
        written.reset();
        std::string_view const name =
            std::visit([](auto const& ev) { return std::remove_cvref_t<decltype(ev)>::name; }, e);
        if constexpr (is_event_of_v<event::close_job, W>) {
            if (std::holds_alternative<event::close_job>(e))
                return rejected(hireguard::rule_ids::whole_job_event,
                                "close_job closes the whole job: call close_job() on the store", W::initial_state::name,
                                name);
        }
        auto const rows = tx.load_for_event(event_id, job.value(), freelancer.value());
        if (rows.applied) return duplicate(*rows.applied);
        auto const& jr = rows.job;
        if (!jr)
            return rejected(hireguard::rule_ids::job_known, job_text(job) + " is not in the store",
                            W::initial_state::name, name);
        auto const& cr = rows.candidacy;
        policy_t<W> const p = policy_of(*jr);
        machine_type m = cr ? restore<W>(std::string_view{cr->snapshot}) : machine_type{job, freelancer, p};
        std::string_view const from = m.state_name();
        bool const was_hired = is_hired(m);
        verdict v = m.process(e);
        if (!v) return rejected(v.error());
        if (!cr && !jr->open)
            return rejected(hireguard::rule_ids::job_open, hireguard::detail::job_closed_to_newcomers(job, {}), from,
                            name);
        bool const hire = !was_hired && is_hired(m);
        if constexpr (requires { p.cap_hires_at_openings; }) {
            if (hire && p.cap_hires_at_openings && jr->hires >= jr->openings)
                return rejected(hireguard::rule_ids::hires_within_openings,
                                hireguard::detail::openings_filled(job, jr->openings, jr->hires), from, name);
        }
        candidacy_row row{job.value(),
                          freelancer.value(),
                          std::string(m.state_name()),
                          cr ? cr->origin : std::string(to_string(first_contact_of(name))),
                          snapshot_text(m),
                          cr ? cr->version + 1 : 1};
        if (cr) {
            tx.update_candidacy(row, cr->version);
        } else {
            tx.insert_candidacy(row);
        }
        // A new candidacy or a hire changes what the job's rules read: the
        // job's row moves too, so that a concurrent close or a second hire
        // for the last opening conflicts with this one.
        if (!cr || hire) {
            job_row next = *jr;
            next.hires += hire ? 1U : 0U;
            next.version = jr->version + 1;
            tx.update_job(next, jr->version);
        }
        tx.record_event(committed_event{0, std::string(event_id), job.value(), freelancer.value(), row.version,
                                        encode_event(basic_logged_event<W>{job, freelancer, e})});
        std::visit([&](auto const& ev) { enqueue_notification<std::remove_cvref_t<decltype(ev)>>(tx, m, row.version); },
                   e);
        if (options_.kept_rows > 0) written = kept_row{std::move(m), std::move(row.origin), row.version};
        result r;
        r.outcome = status::accepted;
        r.version = row.version;
        return r;
    }

    result apply_close(transaction& tx, job_id job, event::close_job const& e, std::string_view event_id) {
        if (!event_id.empty())
            if (auto const v = tx.find_event(event_id)) return duplicate(*v);
        auto const jr = tx.load_job(job.value());
        if (!jr)
            return rejected(hireguard::rule_ids::job_known, job_text(job) + " is not in the store", "closed",
                            event::close_job::name);
        if (!jr->open)
            return rejected(hireguard::rule_ids::job_open, hireguard::detail::job_already_closed(job, {}), "closed",
                            event::close_job::name);
        for (auto const& cr : tx.load_candidacies(job.value())) {
            machine_type m = restore<W>(std::string_view{cr.snapshot});
            if (is_hired(m) || is_terminal(m)) continue;
            if (verdict v = m.process(e); !v) return rejected(v.error());
            candidacy_row row = cr;
            row.state = std::string(m.state_name());
            row.snapshot = snapshot_text(m);
            row.version = cr.version + 1;
            tx.update_candidacy(row, cr.version);
        }
        job_row next = *jr;
        next.open = false;
        if (e.at) next.closed_at = hireguard::to_string(*e.at);
        next.version = jr->version + 1;
        tx.update_job(next, jr->version);
        tx.record_event(
            committed_event{0, std::string(event_id), job.value(), 0, next.version,
                            encode_event(basic_logged_event<W>{job, freelancer_id{0}, event_variant_t<W>{e}})});
        result r;
        r.outcome = status::accepted;
        r.version = next.version;
        return r;
    }

    static result duplicate(std::uint64_t version) {
        result r;
        r.outcome = status::duplicate;
        r.version = version;
        return r;
    }

    template <class Event>
    static void enqueue_notification(transaction& tx, machine_type const& m, std::uint64_t version) {
        if constexpr (notification_for<Event>(std::string_view{}).has_value()) {
            if (auto const kind = notification_for<Event>(m.state_name())) {
                auto const& d = m.data();
                std::string const name(to_string(*kind));
                std::string id = std::to_string(d.job.value()) + "/" + std::to_string(d.freelancer.value()) + "/" +
                                 std::to_string(version) + "/" + name;
                boost::json::object payload;
                payload["id"] = id;
                payload["kind"] = name;
                payload["job"] = d.job.value();
                payload["freelancer"] = d.freelancer.value();
                payload["state"] = m.state_name();
                payload["at"] = json_codec::encode(d.last_event_at, "at");
                tx.enqueue(outbox_message{std::move(id), d.job.value(), d.freelancer.value(), name,
                                          boost::json::serialize(payload)});
            }
        }
    }

    backend& db_;
    store_options options_;
    std::unordered_map<key, kept_row, key_hash> kept_;
};

/// The store of the canonical lifecycle.
///
///     hireguard::store::lifecycle_store s{db};
using lifecycle_store = basic_store<lifecycle>;

}  // namespace hireguard::store

#endif
