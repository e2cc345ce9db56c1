// Replaying the candidacies a thread owns through the runtime engine
// (`basic_machine<W>`), each in the order of its events' timestamps, equal
// times in file order, and collecting every rejection.
#ifndef HIREGUARD_AUDIT_REPLAY_HPP
#define HIREGUARD_AUDIT_REPLAY_HPP

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <string_view>
#include <utility>
#include <vector>

#include <hireguard/audit/auditable.hpp>
#include <hireguard/audit/decode.hpp>
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

/// What one thread's replay produced: events accepted, the rejections in
/// line order, and their counts by kind and rule.
///
///     hireguard::audit::replay_result r;
///     hireguard::audit::replay_owned(chunks, first_line, 0, policy, r, progress);
///     std::cout << r.accepted << " accepted, " << r.violations.size() << " rejected\n";
struct replay_result {
    std::uint64_t accepted = 0;
    std::vector<violation_report> violations;
    std::vector<reason_count> reasons;
};

/// Replays the candidacies that thread `self` owns in `chunks` (the decoded
/// log, in file order; `first_line[c]` is the number of lines before chunk
/// `c`), each on a `basic_machine<W>{job, freelancer, policy}`, into `out`,
/// and adds the events replayed to `progress`.
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
///     hireguard::audit::replay_owned<hireguard::lifecycle>(chunks, first_line, 0, hireguard::policy{}, r, progress);
template <auditable W>
void replay_owned(std::deque<decoded_chunk<W>>& chunks, std::vector<std::uint64_t> const& first_line, unsigned self,
                  policy_t<W> const& policy, replay_result& out, std::atomic<std::size_t>& progress) {
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
                    unsorted.push_back(false);
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

    auto run = [&](machine& m, record const& r) {
        verdict v = detail::audit_event_codec<W>::process[r.kind](m, r, chunks[r.chunk]);
        if (v) [[likely]] {
            ++out.accepted;
            return;
        }
        rejection const& why = v.error();
        count_reason(out.reasons, why.kind, why.rule.name, 1);
        out.violations.push_back({first_line[r.chunk] + r.line + 1, r.job, r.freelancer, why});
    };

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
                apart.emplace_back(id, r);
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
            run(pool[slot], r);
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
    // The second pass found its violations in line order; merge in those of
    // the candidacies replayed apart.
    auto const in_line_order = static_cast<std::ptrdiff_t>(out.violations.size());
    std::vector<machine> one;  // the candidacy being replayed
    std::uint32_t current = no_slot;
    for (auto const& [id, r] : apart) {
        if (id != current) {
            one.clear();
            one.emplace_back(job_id{r.job}, freelancer_id{r.freelancer}, policy);
            current = id;
        }
        run(one.front(), r);
    }
    auto const by_line = [](violation_report const& x, violation_report const& y) { return x.line < y.line; };
    auto const middle = out.violations.begin() + in_line_order;
    std::sort(middle, out.violations.end(), by_line);
    std::inplace_merge(out.violations.begin(), middle, out.violations.end(), by_line);
}

}  // namespace hireguard::audit

#endif
