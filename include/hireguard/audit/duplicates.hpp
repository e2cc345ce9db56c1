// Event ids across the whole log, before the replay: which ids more than one
// line carries (only those can make a duplicate delivery), and which
// candidacies share an id with another candidacy (those are replayed
// together, in one order of time). Part of the audit pipeline
// (<hireguard/audit/audit.hpp>); docs/audit.md, "Duplicate deliveries".
#ifndef HIREGUARD_AUDIT_DUPLICATES_HPP
#define HIREGUARD_AUDIT_DUPLICATES_HPP

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <string_view>
#include <utility>
#include <vector>

#include <hireguard/audit/auditable.hpp>
#include <hireguard/audit/decode.hpp>
#include <hireguard/audit/partition.hpp>
#include <hireguard/audit/threads.hpp>

namespace hireguard::audit {

/// The log's event ids as the replay needs them: the ids that more than one
/// line carries ("repeated", numbered from 1 in each line's record), the
/// delivery of each that was applied so far, and the candidacies that share
/// an id with another. A log without ids gives an empty one, and the replay
/// then never looks at it.
///
///     hireguard::audit::delivery_ids ids = hireguard::audit::find_repeated_ids(chunks, threads);
///     // ids.repeated, ids.linked
struct delivery_ids {
    /// Whether any event of the log carries an id.
    bool any = false;
    /// How many ids more than one line carries.
    std::uint32_t repeated = 0;
    /// For each repeated id (by its number), the line, from 1, of the
    /// delivery that was applied, 0 while none was; written by the replay,
    /// each entry by the one thread that replays the id's candidacy.
    std::vector<std::uint64_t> applied;
    /// The candidacies (job, freelancer) that share an id with another
    /// candidacy, sorted: `replay_owned` leaves their events to `replay_joint`.
    std::vector<std::pair<std::uint64_t, std::uint64_t>> linked;
    /// Whether the replay keeps a report of each duplicate (`--list-duplicates`),
    /// or only counts them.
    bool keep_reports = false;

    /// Whether the candidacy shares an id with another candidacy.
    [[nodiscard]] bool is_linked(std::uint64_t job, std::uint64_t freelancer) const noexcept {
        return std::binary_search(linked.begin(), linked.end(), std::pair(job, freelancer));
    }
};

}  // namespace hireguard::audit

namespace hireguard::detail {

// One thread's share of the ids, those whose hash it owns (`owner_of`),
// sorted by hash: the lines of one id are then side by side, and ids whose
// hashes are equal are told apart by their text. 16 bytes an id while it
// runs.
template <class W>
class audit_id_partition {
public:
    audit_id_partition(std::deque<audit::decoded_chunk<W>>& chunks, unsigned self, unsigned threads)
        : chunks_(chunks), self_(self), threads_(threads) {}

    // Finds its ids that more than one line carries, and whether their
    // lines name more than one candidacy.
    void count() {
        std::uint32_t c = 0;
        for (auto const& chunk : chunks_) {
            auto const& entries = chunk.ids.entries;
            for (std::uint32_t i = 0; i < entries.size(); ++i)
                if (audit::owner_of(entries[i].hash, threads_) == self_) keys_.push_back({entries[i].hash, c, i});
            ++c;
        }
        // By hash alone: the order within a hash does not matter.
        std::sort(keys_.begin(), keys_.end(), [](key const& x, key const& y) { return x.hash < y.hash; });
        for (std::size_t b = 0; b < keys_.size();) {
            std::size_t e = b + 1;
            while (e < keys_.size() && keys_[e].hash == keys_[b].hash) ++e;
            if (e - b > 1) same_hash(b, e);
            b = e;
        }
    }

    // How many of its ids more than one line carries.
    [[nodiscard]] std::uint32_t repeated() const noexcept { return static_cast<std::uint32_t>(runs_.size()); }

    // Numbers its repeated ids from `first` in their entries (the others
    // keep 0), and adds the candidacies of the ids that name more than one
    // to `linked`.
    void number(std::uint32_t first, std::vector<std::pair<std::uint64_t, std::uint64_t>>& linked) {
        for (run const& r : runs_) {
            for (std::size_t k = r.begin; k < r.end; ++k) {
                entry(keys_[k]).group = first;
                if (r.linked) linked.push_back(candidacy(keys_[k]));
            }
            ++first;
        }
        keys_ = {};
        runs_ = {};
    }

private:
    struct key {
        std::uint64_t hash;
        std::uint32_t chunk;
        std::uint32_t entry;
    };
    struct run {  // the lines of one repeated id: keys_[begin, end)
        std::size_t begin;
        std::size_t end;
        bool linked;  // they name more than one candidacy
    };

    [[nodiscard]] audit_id_entry& entry(key const& k) const { return chunks_[k.chunk].ids.entries[k.entry]; }
    [[nodiscard]] std::string_view text(key const& k) const { return chunks_[k.chunk].ids.text_of(k.entry); }
    [[nodiscard]] std::pair<std::uint64_t, std::uint64_t> candidacy(key const& k) const {
        audit_id_entry const& e = entry(k);
        audit_record const& r = chunks_[k.chunk].by_owner[e.owner][e.record];
        return {r.job, r.freelancer};
    }

    // keys_[b, e) share a hash: usually one id; sorted by text when it may
    // be several, so that each id's lines are together.
    void same_hash(std::size_t b, std::size_t e) {
        auto const first = keys_.begin() + static_cast<std::ptrdiff_t>(b);
        auto const last = keys_.begin() + static_cast<std::ptrdiff_t>(e);
        std::string_view const t = text(keys_[b]);
        if (!std::all_of(first + 1, last, [&](key const& k) { return text(k) == t; }))
            std::sort(first, last, [&](key const& x, key const& y) { return text(x) < text(y); });
        for (std::size_t i = b; i < e;) {
            std::size_t j = i + 1;
            while (j < e && text(keys_[j]) == text(keys_[i])) ++j;
            if (j - i > 1) {
                auto const c = candidacy(keys_[i]);
                bool linked = false;
                for (std::size_t k = i + 1; k < j && !linked; ++k) linked = candidacy(keys_[k]) != c;
                runs_.push_back({i, j, linked});
            }
            i = j;
        }
    }

    std::deque<audit::decoded_chunk<W>>& chunks_;
    unsigned self_;
    unsigned threads_;
    std::vector<key> keys_;
    std::vector<run> runs_;
};

}  // namespace hireguard::detail

namespace hireguard::audit {

/// Finds, on `threads` threads, the ids that more than one line of the
/// decoded log `chunks` carries, numbers them in the records' id entries, and
/// the candidacies that share an id with another; see `delivery_ids`. An id is
/// its text, byte for byte: ids whose hashes are equal are told apart by
/// their text. The chunks' events must be sorted out by owner (`by_owner`),
/// as `chunk_decoder` leaves them. Without ids in the log, nothing is done.
///
///     std::deque<hireguard::audit::decoded_chunk<W>> chunks = ...;   // decoded
///     hireguard::audit::delivery_ids ids = hireguard::audit::find_repeated_ids(chunks, 2);
///     hireguard::audit::replay_owned(chunks, first_line, 0, policy, ids, result, progress);
template <auditable W>
[[nodiscard]] delivery_ids find_repeated_ids(std::deque<decoded_chunk<W>>& chunks, unsigned threads) {
    delivery_ids ids;
    ids.any = std::any_of(chunks.begin(), chunks.end(), [](auto const& c) { return !c.ids.entries.empty(); });
    if (!ids.any) return ids;
    // Each thread counts the ids of its hashes; then each numbers its own
    // repeated ids after those of the threads before it.
    std::vector<detail::audit_id_partition<W>> parts;
    parts.reserve(threads);
    for (unsigned t = 0; t < threads; ++t) parts.emplace_back(chunks, t, threads);
    detail::audit_on_threads(threads, [&](unsigned self) { parts[self].count(); });
    std::vector<std::uint32_t> first(threads, 1);
    std::uint64_t total = 0;
    for (unsigned t = 0; t < threads; ++t) {
        first[t] = static_cast<std::uint32_t>(total + 1);
        total += parts[t].repeated();
    }
    if (total >= UINT32_MAX) throw unusable("the log has more than 2^32 - 2 ids that repeat");
    ids.repeated = static_cast<std::uint32_t>(total);
    std::vector<std::vector<std::pair<std::uint64_t, std::uint64_t>>> linked(threads);
    detail::audit_on_threads(threads, [&](unsigned self) { parts[self].number(first[self], linked[self]); });
    for (auto& l : linked) ids.linked.insert(ids.linked.end(), l.begin(), l.end());
    std::sort(ids.linked.begin(), ids.linked.end());
    ids.linked.erase(std::unique(ids.linked.begin(), ids.linked.end()), ids.linked.end());
    ids.applied.assign(std::size_t{ids.repeated} + 1, 0);
    return ids;
}

}  // namespace hireguard::audit

#endif
