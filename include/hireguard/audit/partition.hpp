// Partitioning the log by candidacy (job x freelancer): which thread replays
// a candidacy, and the dense numbers a thread gives the candidacies it owns.
// A candidacy is replayed by exactly one thread, chosen by a hash of its ids
// alone, so the output does not depend on the number of threads.
#ifndef HIREGUARD_AUDIT_PARTITION_HPP
#define HIREGUARD_AUDIT_PARTITION_HPP

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace hireguard::audit {

/// A hash of a candidacy's job and freelancer (SplitMix64's finalizer): its
/// high bits choose the owning thread, its low bits the slot in that thread's
/// `candidacy_index`.
///
///     std::uint64_t h = hireguard::audit::candidacy_hash(3, 42);
[[nodiscard]] constexpr std::uint64_t candidacy_hash(std::uint64_t job, std::uint64_t freelancer) noexcept {
    std::uint64_t x = job * 0x9E3779B97F4A7C15ULL ^ freelancer;
    x ^= x >> 30;
    x *= 0xBF58476D1CE4E5B9ULL;
    x ^= x >> 27;
    x *= 0x94D049BB133111EBULL;
    x ^= x >> 31;
    return x;
}

/// Which of `threads` threads replays the candidacy of `hash`: the hash's
/// high bits, so that the low bits stay independent for the thread's own
/// table.
///
///     unsigned t = hireguard::audit::owner_of(hireguard::audit::candidacy_hash(3, 42), 4);   // 0 to 3
[[nodiscard]] constexpr unsigned owner_of(std::uint64_t hash, unsigned threads) noexcept {
    return static_cast<unsigned>((hash >> 32) % threads);
}

/// Candidacy -> dense number, in order of first appearance. Open addressing
/// with linear probing over the numbers alone (4 bytes a slot); the
/// candidacies themselves are in an array by number (16 bytes each).
///
///     hireguard::audit::candidacy_index index;
///     auto a = index.find_or_add(3, 42, hireguard::audit::candidacy_hash(3, 42));   // 0
///     auto b = index.find_or_add(3, 43, hireguard::audit::candidacy_hash(3, 43));   // 1
///     assert(index.find_or_add(3, 42, hireguard::audit::candidacy_hash(3, 42)) == a);
class candidacy_index {
public:
    /// The candidacy's number, a new one the first time it is seen. `hash`
    /// is `candidacy_hash(job, freelancer)`.
    std::uint32_t find_or_add(std::uint64_t job, std::uint64_t freelancer, std::uint64_t hash) {
        if ((keys_.size() + 1) * 2 > slots_.size()) grow();
        std::size_t i = hash & (slots_.size() - 1);
        for (;;) {
            std::uint32_t const id = slots_[i];
            if (id == empty) {
                slots_[i] = static_cast<std::uint32_t>(keys_.size());
                keys_.push_back({job, freelancer});
                return slots_[i];
            }
            if (keys_[id].job == job && keys_[id].freelancer == freelancer) return id;
            i = (i + 1) & (slots_.size() - 1);
        }
    }
    /// How many candidacies it has numbered.
    [[nodiscard]] std::uint32_t size() const noexcept { return static_cast<std::uint32_t>(keys_.size()); }

private:
    static constexpr std::uint32_t empty = UINT32_MAX;
    struct key {
        std::uint64_t job;
        std::uint64_t freelancer;
    };
    void grow() {
        std::vector<std::uint32_t> bigger(slots_.empty() ? 1024 : slots_.size() * 2, empty);
        for (std::uint32_t id = 0; id < keys_.size(); ++id) {
            std::size_t i = candidacy_hash(keys_[id].job, keys_[id].freelancer) & (bigger.size() - 1);
            while (bigger[i] != empty) i = (i + 1) & (bigger.size() - 1);
            bigger[i] = id;
        }
        slots_ = std::move(bigger);
    }
    std::vector<std::uint32_t> slots_;
    std::vector<key> keys_;
};

}  // namespace hireguard::audit

#endif
