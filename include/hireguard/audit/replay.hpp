// Replaying the candidacies a thread owns through the runtime engine
// (`basic_machine<W>`), each in the order of its events' timestamps, equal
// times in file order, and collecting every rejection. A line whose id was
// applied before is a duplicate delivery: counted, and not replayed.
#ifndef HIREGUARD_AUDIT_REPLAY_HPP
#define HIREGUARD_AUDIT_REPLAY_HPP

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include <hireguard/audit/auditable.hpp>
#include <hireguard/audit/decode.hpp>
#include <hireguard/audit/duplicates.hpp>
#include <hireguard/audit/partition.hpp>
#include <hireguard/core/machine.hpp>
#include <hireguard/core/rejection.hpp>
#include <hireguard/core/verdict.hpp>
#include <hireguard/core/workflow.hpp>
#include <hireguard/hiring/values.hpp>

namespace hireguard::audit {

/// A rejected event: its line in the file (from 1), its candidacy, and the
/// engine's rejection (kind, rule, state, event, why).
///
///     for (hireguard::audit::violation_report const& v : result.violations)
///         std::cout << v.line << ": " << v.why.rule.name << '\n';   // "17: fixed_price_contract"
struct violation_report {
    std::uint64_t line = 0;
    std::uint64_t job = 0;
    std::uint64_t freelancer = 0;
    rejection why;
};

/// How many rejections there were of one kind under one rule (`no_rule`'s
/// "none" for illegal transitions). A host's rule counts under its own name.
///
///     hireguard::audit::reason_count c{hireguard::rejection_kind::rule_violated, "my_rule_name", 1};
struct reason_count {
    rejection_kind kind;
    std::string_view rule;
    std::uint64_t count;
};

/// Adds `n` rejections of `kind` under `rule` to `counts`.
///
///     std::vector<hireguard::audit::reason_count> counts;
///     hireguard::audit::count_reason(counts, hireguard::rejection_kind::rule_violated, "my_rule_name", 1);
inline void count_reason(std::vector<reason_count>& counts, rejection_kind kind, std::string_view rule,
                         std::uint64_t n) {
    for (auto& c : counts) {
        if (c.kind == kind && c.rule == rule) {
            c.count += n;
            return;
        }
    }
    counts.push_back({kind, rule, n});
}

/// A duplicate delivery: a line whose id was applied before, in the
/// replay's order, to its candidacy or another; it was not replayed. The
/// applied delivery is the one the engine accepted (an earlier delivery it
/// rejected left nothing to repeat).
///
///     for (hireguard::audit::duplicate_report const& d : result.duplicate_reports)
///         std::cout << d.line << " repeats " << d.applied_line << '\n';   // "3 repeats 1"
struct duplicate_report {
    /// Its line in the file, from 1, and its candidacy.
    std::uint64_t line = 0;
    std::uint64_t job = 0;
    std::uint64_t freelancer = 0;
    /// Its event's name.
    std::string_view event;
    /// Its id, as the log writes it.
    std::string id;
    /// The line of the delivery that was applied, and its candidacy.
    std::uint64_t applied_line = 0;
    std::uint64_t applied_job = 0;
    std::uint64_t applied_freelancer = 0;
};

/// What one thread's replay produced: events accepted, the rejections in
/// line order and their counts by kind and rule, and the duplicate
/// deliveries.
///
///     hireguard::audit::replay_result r;
///     hireguard::audit::replay_owned(chunks, first_line, 0, policy, ids, r, progress);
///     std::cout << r.accepted << " accepted, " << r.violations.size() << " rejected\n";
struct replay_result {
    std::uint64_t accepted = 0;
    std::vector<violation_report> violations;
    std::vector<reason_count> reasons;
    /// Lines whose id was applied before: not replayed.
    std::uint64_t duplicates = 0;
    /// Of those, the lines whose id was applied to another candidacy.
    std::uint64_t duplicates_across_candidacies = 0;
    /// A report of each duplicate, in line order, when `delivery_ids::keep_reports`.
    std::vector<duplicate_report> duplicate_reports;
    /// The events of the candidacies that share an id with another
    /// (`delivery_ids::linked`), which `replay_owned` leaves to `replay_joint`.
    std::vector<detail::audit_record> joint;
};

}  // namespace hireguard::audit

namespace hireguard::detail {

// Replays one record on its candidacy's machine, into a thread's result: a
// line whose id was applied before is a duplicate and is not replayed; an
// accepted line with a repeated id marks the id applied.
template <class W>
class audit_replayer {
public:
    audit_replayer(std::deque<audit::decoded_chunk<W>> const& chunks, std::vector<std::uint64_t> const& first_line,
                   audit::delivery_ids& ids, audit::replay_result& out)
        : chunks_(chunks), first_line_(first_line), ids_(ids), out_(out) {}

    // The candidacy each id was applied to, by the id's number, when ids
    // may name several candidacies (replay_joint); otherwise it is the
    // candidacy of the line that repeats it.
    std::vector<std::pair<std::uint64_t, std::uint64_t>>* applied_to = nullptr;

    void run(basic_machine<W>& m, audit_record const& r) {
        if (r.id != 0) [[unlikely]] {
            run_with_id(m, r);
            return;
        }
        verdict v = audit_event_codec<W>::process[r.kind](m, r, chunks_[r.chunk]);
        if (v) [[likely]] {
            ++out_.accepted;
            return;
        }
        rejected(r, v.error());
    }

private:
    [[nodiscard]] std::uint64_t line_of(audit_record const& r) const noexcept {
        return first_line_[r.chunk] + r.line + 1;
    }

    void rejected(audit_record const& r, rejection const& why) {
        audit::count_reason(out_.reasons, why.kind, why.rule.name, 1);
        out_.violations.push_back({line_of(r), r.job, r.freelancer, why});
    }

    void run_with_id(basic_machine<W>& m, audit_record const& r) {
        std::uint32_t const group = chunks_[r.chunk].ids.entries[r.id - 1].group;  // 0: no other line has the id
        if (group != 0 && ids_.applied[group] != 0) {
            duplicate(r, group);
            return;
        }
        verdict v = audit_event_codec<W>::process[r.kind](m, r, chunks_[r.chunk]);
        if (!v) {
            rejected(r, v.error());
            return;
        }
        ++out_.accepted;
        if (group != 0) {
            ids_.applied[group] = line_of(r);
            if (applied_to != nullptr) (*applied_to)[group] = {r.job, r.freelancer};
        }
    }

    void duplicate(audit_record const& r, std::uint32_t group) {
        ++out_.duplicates;
        auto const [job, freelancer] =
            applied_to != nullptr ? (*applied_to)[group] : std::pair<std::uint64_t, std::uint64_t>{r.job, r.freelancer};
        if (job != r.job || freelancer != r.freelancer) ++out_.duplicates_across_candidacies;
        if (ids_.keep_reports)
            out_.duplicate_reports.push_back({line_of(r), r.job, r.freelancer, audit_event_codec<W>::names[r.kind],
                                              std::string(chunks_[r.chunk].ids.text_of(r.id - 1)), ids_.applied[group],
                                              job, freelancer});
    }

    std::deque<audit::decoded_chunk<W>> const& chunks_;
    std::vector<std::uint64_t> const& first_line_;
    audit::delivery_ids& ids_;
    audit::replay_result& out_;
};

// Sorts the reports that follow the first `in_order` (found out of line
// order) and merges them with those. The lines and places of those are
// sorted (16 bytes each), not the reports, which are large; they are moved
// out in that order, then merged with the others from the back, each
// report read and written in sequence but once.
template <class Report>
void audit_merge_by_line(std::vector<Report>& reports, std::size_t in_order) {
    if (in_order == reports.size()) return;
    std::vector<std::pair<std::uint64_t, std::size_t>> order;
    order.reserve(reports.size() - in_order);
    for (std::size_t i = in_order; i < reports.size(); ++i) order.emplace_back(reports[i].line, i);
    std::sort(order.begin(), order.end());
    std::vector<Report> apart;
    apart.reserve(order.size());
    for (auto const& [line, i] : order) apart.push_back(std::move(reports[i]));
    order = {};
    // reports[0, in_order) and `apart`, each in line order, into reports.
    std::size_t w = reports.size();
    std::size_t i = in_order;
    std::size_t j = apart.size();
    while (j > 0) {
        if (i > 0 && reports[i - 1].line > apart[j - 1].line) {
            reports[--w] = std::move(reports[--i]);
        } else {
            reports[--w] = std::move(apart[--j]);
        }
    }
}

}  // namespace hireguard::detail

namespace hireguard::audit {

/// Replays the candidacies that thread `self` owns in `chunks` (the decoded
/// log, in file order; `first_line[c]` is the number of lines before chunk
/// `c`), each on a `basic_machine<W>{job, freelancer, policy}`, into `out`,
/// and adds the events replayed to `progress`. `ids` is the log's
/// (`find_repeated_ids`): a line whose id was applied before is a duplicate;
/// the events of candidacies that share an id with another are left in
/// `out.joint` for `replay_joint`.
///
/// Candidacies whose events the file lists in time order are replayed as
/// their events come, reading the decoded log in sequence; the others are
/// sorted by time first (equal times keep their file order). A machine lives
/// from its candidacy's first event to its last, in a pool of slots that are
/// reused, so the machines alive at once are the candidacies open at once.
/// Each chunk's array of this thread's events is freed once replayed.
///
///     std::atomic<std::size_t> progress{0};
///     hireguard::audit::replay_result r;
///     hireguard::audit::replay_owned<hireguard::lifecycle>(chunks, first_line, 0, hireguard::policy{}, ids, r,
///                                                          progress);
template <auditable W>
void replay_owned(std::deque<decoded_chunk<W>>& chunks, std::vector<std::uint64_t> const& first_line, unsigned self,
                  policy_t<W> const& policy, delivery_ids& ids, replay_result& out,
                  std::atomic<std::size_t>& progress) {
    using machine = basic_machine<W>;
    using record = detail::audit_record;
    std::size_t total = 0;
    for (auto const& c : chunks) total += c.by_owner[self].size();

    // First pass, in file order: number the candidacies, find where each
    // one's last event is, and find those whose events the file does not
    // list in time order.
    std::vector<std::uint32_t> id_of;
    id_of.reserve(total);
    std::vector<std::int64_t> latest;
    std::vector<std::size_t> last;
    std::vector<bool> unsorted;
    std::vector<bool> joint;  // shares an id with another candidacy; only when some do
    bool const linked = !ids.linked.empty();
    {
        candidacy_index index;
        std::size_t k = 0;
        for (auto const& c : chunks) {
            for (record const& r : c.by_owner[self]) {
                std::uint32_t const id = index.find_or_add(r.job, r.freelancer, candidacy_hash(r.job, r.freelancer));
                id_of.push_back(id);
                if (id == latest.size()) {
                    latest.push_back(r.at);
                    last.push_back(k);
                    bool const shares = linked && ids.is_linked(r.job, r.freelancer);
                    unsorted.push_back(shares);
                    if (linked) joint.push_back(shares);
                } else {
                    if (r.at < latest[id]) unsorted[id] = true;
                    latest[id] = std::max(latest[id], r.at);
                    last[id] = k;
                }
                ++k;
            }
        }
    }  // the index is freed here
    latest = {};

    detail::audit_replayer<W> replayer(chunks, first_line, ids, out);

    // Second pass, in file order, for the candidacies in time order: the
    // records are read in sequence and the machines in use stay in cache.
    // The events of the others are copied aside.
    constexpr std::uint32_t no_slot = UINT32_MAX;
    std::vector<std::uint32_t> slot_of(last.size(), no_slot);
    std::vector<machine> pool;
    std::vector<std::uint32_t> free_slots;
    std::vector<std::pair<std::uint32_t, record>> apart;
    std::size_t k = 0;
    for (auto& c : chunks) {
        for (record const& r : c.by_owner[self]) {
            std::size_t const here = k++;
            std::uint32_t const id = id_of[here];
            if (unsorted[id]) [[unlikely]] {
                if (linked && joint[id]) {
                    out.joint.push_back(r);
                } else {
                    apart.emplace_back(id, r);
                }
                continue;
            }
            std::uint32_t& slot = slot_of[id];
            if (slot == no_slot) {
                if (free_slots.empty()) {
                    slot = static_cast<std::uint32_t>(pool.size());
                    pool.emplace_back(job_id{r.job}, freelancer_id{r.freelancer}, policy);
                } else {
                    slot = free_slots.back();
                    free_slots.pop_back();
                    pool[slot] = machine(job_id{r.job}, freelancer_id{r.freelancer}, policy);
                }
            }
            replayer.run(pool[slot], r);
            if (here == last[id]) free_slots.push_back(slot);
        }
        progress.fetch_add(c.by_owner[self].size(), std::memory_order_relaxed);
        c.by_owner[self] = detail::audit_record_store{};  // replayed: freed
    }
    id_of = {};
    pool = {};

    // The others, sorted by time; equal times keep their file order.
    std::stable_sort(apart.begin(), apart.end(), [](auto const& x, auto const& y) {
        return x.first != y.first ? x.first < y.first : x.second.at < y.second.at;
    });
    // The second pass found its reports in line order; merge in those of
    // the candidacies replayed apart.
    std::size_t const violations_in_order = out.violations.size();
    std::size_t const duplicates_in_order = out.duplicate_reports.size();
    std::vector<machine> one;  // the candidacy being replayed
    std::uint32_t current = no_slot;
    for (auto const& [id, r] : apart) {
        if (id != current) {
            one.clear();
            one.emplace_back(job_id{r.job}, freelancer_id{r.freelancer}, policy);
            current = id;
        }
        replayer.run(one.front(), r);
    }
    detail::audit_merge_by_line(out.violations, violations_in_order);
    detail::audit_merge_by_line(out.duplicate_reports, duplicates_in_order);
}

/// Replays the candidacies that share an id with another (`events`, the
/// `joint` events of every thread's `replay_owned`, after those), all
/// together in one order, by time, equal times in file order: each
/// candidacy's own order, and one order in which an id's first delivery
/// comes before the others whatever their candidacy. Into `out`, reports in
/// line order.
///
///     auto events = std::move(results[0].joint);   // and those of the other threads' results
///     hireguard::audit::replay_joint<W>(chunks, first_line, policy, ids, std::move(events), joint_result);
template <auditable W>
void replay_joint(std::deque<decoded_chunk<W>> const& chunks, std::vector<std::uint64_t> const& first_line,
                  policy_t<W> const& policy, delivery_ids& ids, std::vector<detail::audit_record> events,
                  replay_result& out) {
    using record = detail::audit_record;
    if (events.empty()) return;
    std::sort(events.begin(), events.end(), [](record const& x, record const& y) {
        return std::tuple(x.at, x.chunk, x.line) < std::tuple(y.at, y.chunk, y.line);
    });
    std::vector<std::pair<std::uint64_t, std::uint64_t>> applied_to(ids.applied.size());
    detail::audit_replayer<W> replayer(chunks, first_line, ids, out);
    replayer.applied_to = &applied_to;
    candidacy_index index;
    std::vector<basic_machine<W>> machines;
    for (record const& r : events) {
        std::uint32_t const id = index.find_or_add(r.job, r.freelancer, candidacy_hash(r.job, r.freelancer));
        if (id == machines.size()) machines.emplace_back(job_id{r.job}, freelancer_id{r.freelancer}, policy);
        replayer.run(machines[id], r);
    }
    detail::audit_merge_by_line(out.violations, 0);
    detail::audit_merge_by_line(out.duplicate_reports, 0);
}

}  // namespace hireguard::audit

#endif
