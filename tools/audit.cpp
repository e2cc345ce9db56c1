// hireguard-audit: replays a JSON Lines event log through the runtime engine,
// one candidacy (job x freelancer) at a time in timestamp order, and reports
// every event the lifecycle rejects (docs/audit.md).
//
// The log is read in chunks by every thread (decoding is most of the work);
// each decoded event goes to the thread that owns its candidacy (a hash of
// job and freelancer); each thread replays its candidacies; the reports are
// merged by line number. A candidacy is replayed by exactly one thread, in an
// order that depends only on the file, so the output does not depend on the
// number of threads.
#include <fcntl.h>
#include <pthread.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <deque>
#include <exception>
#include <functional>
#include <iostream>
#include <memory>
#include <mutex>
#include <new>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <thread>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include <boost/json.hpp>
#include <boost/program_options.hpp>

#include <hireguard/hiring/lifecycle.hpp>
#include <hireguard/json/events.hpp>

namespace {

namespace po = boost::program_options;
using hireguard::rejection;
using hireguard::rejection_kind;

constexpr int exit_clean = 0;
constexpr int exit_findings = 1;
constexpr int exit_unusable = 2;

// A file larger than this shows a progress bar when stderr is a terminal.
constexpr std::size_t progress_threshold = std::size_t{64} << 20;
// The log is decoded in chunks of about this size, handed to threads as they
// become free. Large chunks keep the arrays of decoded events large, so that
// little of their last huge page is wasted.
// (--chunk-bytes, a hidden option, makes them small for the tests.)
constexpr std::size_t default_chunk_bytes = std::size_t{16} << 20;
// Longer lines are malformed (--max-line-bytes).
constexpr std::size_t default_max_line = std::size_t{1} << 20;
// The default number of threads is the number of cores, up to this.
constexpr unsigned default_threads_max = 64;

struct options {
    std::string input;
    unsigned threads = 1;
    bool json = false;
    bool progress = true;
    bool stats = false;
    std::size_t chunk_bytes = default_chunk_bytes;
    std::size_t max_line = default_max_line;
    hireguard::policy policy{};
};

// Thrown when the input cannot be audited at all (exit code 2).
struct unusable : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// A growable byte buffer that, unlike std::string, does not zero what it is
// about to read into.
class read_buffer {
public:
    [[nodiscard]] std::size_t size() const noexcept { return size_; }
    [[nodiscard]] char* data() noexcept { return data_.get(); }
    [[nodiscard]] std::string_view view() const noexcept { return {data_.get(), size_}; }
    void clear() noexcept { size_ = 0; }
    // Makes room for `n` more bytes and returns where they go.
    char* extend(std::size_t n) {
        if (size_ + n > capacity_) {
            std::size_t const capacity = std::max(size_ + n, capacity_ * 2);
            std::unique_ptr<char[]> bigger(new char[capacity]);
            if (size_ != 0) std::memcpy(bigger.get(), data_.get(), size_);
            data_ = std::move(bigger);
            capacity_ = capacity;
        }
        char* const at = data_.get() + size_;
        size_ += n;
        return at;
    }
    void append(std::string_view s) {
        if (!s.empty()) std::memcpy(extend(s.size()), s.data(), s.size());
    }
    void resize_down(std::size_t n) noexcept { size_ = std::min(size_, n); }
    // Removes the first `n` bytes.
    void erase_front(std::size_t n) noexcept {
        n = std::min(n, size_);
        if (n != size_) std::memmove(data_.get(), data_.get() + n, size_ - n);
        size_ -= n;
    }

private:
    std::unique_ptr<char[]> data_;
    std::size_t size_ = 0;
    std::size_t capacity_ = 0;
};

// The log, read from start to end in one pass and handed out in chunks of
// whole lines, each to the thread that asks for it next; the thread reads its
// chunk into a buffer of its own under the source's lock (reading costs a few
// milliseconds a chunk, decoding it a hundred), and decodes it while the
// others read. Files, pipes and files that report a size of 0 (/proc) are all
// read until the end of file, whatever their size says.
//
// Memory stays bounded on any input: a line longer than the limit is cut
// after limit + 1 bytes (the decoder reports it malformed for its length) and
// the rest of it is read and dropped, so a chunk holds at most about
// chunk_bytes + limit bytes, and what is carried from one chunk to the next
// is one partial line of at most `limit` bytes.
class log_source {
public:
    log_source(std::string const& name, std::size_t chunk_bytes, std::size_t max_line)
        : chunk_bytes_(chunk_bytes), max_line_(max_line) {
        if (name == "-") {
            fd_ = STDIN_FILENO;
            name_ = "stdin";
        } else {
            fd_ = ::open(name.c_str(), O_RDONLY | O_CLOEXEC);
            if (fd_ < 0) throw unusable("cannot open " + name + ": " + std::strerror(errno));
            owned_ = true;
            name_ = name;
        }
        struct ::stat st {};
        if (::fstat(fd_, &st) != 0) throw unusable("cannot read " + name_ + ": " + std::strerror(errno));
        if (S_ISDIR(st.st_mode)) throw unusable("cannot read " + name_ + ": it is a directory");
        if (S_ISREG(st.st_mode)) {
            size_hint_ = static_cast<std::size_t>(st.st_size);
            ::posix_fadvise(fd_, 0, 0, POSIX_FADV_SEQUENTIAL);
        }
    }
    log_source(log_source const&) = delete;
    log_source& operator=(log_source const&) = delete;
    ~log_source() {
        if (owned_) ::close(fd_);
    }

    // What the file says its size is (0 when it does not know): for the
    // progress bar only.
    [[nodiscard]] std::size_t size_hint() const noexcept { return size_hint_; }

    // The next chunk: whole lines (the last one may lack its newline), into
    // `text`. Calls `start(index)` under the lock with the chunk's number, in
    // file order. Returns false at the end of the log.
    template <class Start>
    bool next(read_buffer& text, Start const& start) {
        std::lock_guard<std::mutex> lock(mutex_);
        text.clear();
        text.append(carry_.view());
        carry_.clear();
        // Where the line that is not yet ended begins in `text`.
        std::size_t line_start = 0;
        bool whole_line = false;  // `text` holds at least one newline
        while (!eof_ && !(whole_line && text.size() >= chunk_bytes_)) {
            // A chunk's worth, or more of a line that began before the chunk's end.
            std::size_t const want =
                text.size() < chunk_bytes_ ? chunk_bytes_ - text.size() : std::min<std::size_t>(chunk_bytes_, 65536);
            std::size_t const old = text.size();
            char* const into = text.extend(want);
            ssize_t const got = ::read(fd_, into, want);
            if (got < 0) {
                text.resize_down(old);
                if (errno == EINTR) continue;
                eof_ = true;
                throw unusable("cannot read " + name_ + ": " + std::strerror(errno));
            }
            text.resize_down(old + static_cast<std::size_t>(got));
            if (got == 0) {
                eof_ = true;
                break;
            }
            if (skipping_) {
                // The rest of a line that was too long: dropped up to its end.
                std::string_view const fresh = text.view().substr(old);
                std::size_t const nl = fresh.find('\n');
                if (nl == std::string_view::npos) {
                    text.resize_down(old);
                    continue;
                }
                std::string_view const rest = fresh.substr(nl + 1);
                std::memmove(text.data() + old, rest.data(), rest.size());
                text.resize_down(old + rest.size());
                skipping_ = false;
            }
            if (std::size_t const nl = text.view().substr(old).rfind('\n'); nl != std::string_view::npos) {
                whole_line = true;
                line_start = old + nl + 1;
            }
            if (text.size() - line_start > max_line_) {
                // Too long: keep limit + 1 bytes of it, enough to say so, and
                // drop the rest up to its newline.
                text.resize_down(line_start + max_line_ + 1);
                text.append("\n");
                line_start = text.size();
                whole_line = true;
                skipping_ = true;
            }
        }
        if (!eof_) {
            // The unended line waits for the next chunk.
            carry_.append(text.view().substr(line_start));
            text.resize_down(line_start);
        }
        if (text.size() == 0) return false;  // the end of the log
        start(chunks_++);
        return true;
    }

private:
    std::size_t chunk_bytes_;
    std::size_t max_line_;
    int fd_ = -1;
    bool owned_ = false;
    std::string name_;
    std::size_t size_hint_ = 0;
    std::mutex mutex_;
    read_buffer carry_;
    bool eof_ = false;
    bool skipping_ = false;
    std::size_t chunks_ = 0;
};

// Allocates large arrays on transparent huge pages where the kernel offers
// them: the decoded log is written once and read once, and at 4 KiB a page
// the faults cost more than the decoding (docs/audit.md).
template <class T>
struct huge_allocator {
    using value_type = T;
    huge_allocator() = default;
    template <class U>
    explicit huge_allocator(huge_allocator<U> const& /*other*/) noexcept {}
    static constexpr std::size_t huge = std::size_t{2} << 20;
    T* allocate(std::size_t n) {
        std::size_t const bytes = n * sizeof(T);
        if (bytes < huge) return std::allocator<T>{}.allocate(n);
        void* p =
            ::mmap(nullptr, round(bytes), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        if (p == MAP_FAILED) throw std::bad_alloc();
        ::madvise(p, round(bytes), MADV_HUGEPAGE);
        return static_cast<T*>(p);
    }
    void deallocate(T* p, std::size_t n) noexcept {
        std::size_t const bytes = n * sizeof(T);
        if (bytes < huge) {
            std::allocator<T>{}.deallocate(p, n);
        } else {
            ::munmap(p, round(bytes));
        }
    }
    static std::size_t round(std::size_t bytes) noexcept { return (bytes + huge - 1) / huge * huge; }
    friend bool operator==(huge_allocator const&, huge_allocator const&) noexcept { return true; }
};

// One decoded event, tagged with where it came from.
struct record {
    std::uint64_t job = 0;
    std::uint64_t freelancer = 0;
    std::int64_t at = 0;       // seconds since the epoch
    std::int64_t payload = 0;  // see compact_events
    std::uint32_t chunk = 0;   // the chunk it was read from
    std::uint32_t line = 0;    // its line within the chunk, from 0
    std::uint8_t kind = 0;     // the event's index in any_event
};

// The decoded log is kept in memory until the replay, so an event is stored
// in 48 bytes rather than as an any_event (64 bytes, for the offers' terms):
// its time, and its one payload member in `payload`: minutes, cents, the
// party, or for an offer the index of its terms in its chunk's table. Fresh
// memory is the larger part of the cost on virtual machines (docs/audit.md).
template <class Variant>
struct compact_events;
template <class... Events>
struct compact_events<std::variant<Events...>> {
    template <class E>
    static constexpr int payload_members =
        int{hireguard::json_codec::with_terms<E>} + int{hireguard::json_codec::with_minutes<E>} +
        int{hireguard::json_codec::with_amount<E>} + int{hireguard::json_codec::with_party<E>};
    static_assert(((payload_members<Events> <= 1) && ...), "an event has one payload member at most");

    static void store(hireguard::any_event const& e, record& r, std::vector<hireguard::offer_terms>& terms) {
        r.kind = static_cast<std::uint8_t>(e.index());
        std::visit(
            [&](auto const& ev) {
                using E = std::decay_t<decltype(ev)>;
                r.at = ev.at->time_since_epoch().count();
                if constexpr (hireguard::json_codec::with_terms<E>) {
                    r.payload = static_cast<std::int64_t>(terms.size());
                    terms.push_back(ev.terms);
                } else if constexpr (hireguard::json_codec::with_minutes<E>) {
                    r.payload = ev.minutes.count();
                } else if constexpr (hireguard::json_codec::with_amount<E>) {
                    r.payload = ev.amount.cents();
                } else if constexpr (hireguard::json_codec::with_party<E>) {
                    r.payload = static_cast<std::int64_t>(ev.by);
                }
            },
            e);
    }

    // Rebuilds the event and processes it on `m`.
    template <class E>
    static hireguard::verdict process_as(hireguard::machine& m, record const& r,
                                         std::vector<hireguard::offer_terms> const& terms) {
        E e{};
        e.at = hireguard::timestamp{std::chrono::seconds{r.at}};
        if constexpr (hireguard::json_codec::with_terms<E>) {
            e.terms = terms[static_cast<std::size_t>(r.payload)];
        } else if constexpr (hireguard::json_codec::with_minutes<E>) {
            e.minutes = std::chrono::minutes{r.payload};
        } else if constexpr (hireguard::json_codec::with_amount<E>) {
            e.amount = hireguard::cents(r.payload);
        } else if constexpr (hireguard::json_codec::with_party<E>) {
            e.by = static_cast<hireguard::party>(r.payload);
        }
        return m.process(e);
    }
    static constexpr std::array<hireguard::verdict (*)(hireguard::machine&, record const&,
                                                       std::vector<hireguard::offer_terms> const&),
                                sizeof...(Events)>
        process = {&process_as<Events>...};
};
using compact = compact_events<hireguard::any_event>;

// A line that could not be decoded.
struct malformed {
    std::uint64_t line = 0;  // within the chunk while decoding, then in the file
    std::string field;
    std::string reason;
};

// A rejected event.
struct violation_report {
    std::uint64_t line = 0;
    std::uint64_t job = 0;
    std::uint64_t freelancer = 0;
    rejection why;
};

[[nodiscard]] constexpr std::uint64_t mix(std::uint64_t job, std::uint64_t freelancer) noexcept {
    std::uint64_t x = job * 0x9E3779B97F4A7C15ULL ^ freelancer;
    x ^= x >> 30;
    x *= 0xBF58476D1CE4E5B9ULL;
    x ^= x >> 27;
    x *= 0x94D049BB133111EBULL;
    x ^= x >> 31;
    return x;
}

// Which thread replays a candidacy: the hash's high bits, so that the low
// bits stay independent for the thread's own table.
[[nodiscard]] unsigned owner_of(std::uint64_t hash, unsigned threads) noexcept {
    return static_cast<unsigned>((hash >> 32) % threads);
}

// Candidacy -> dense number, in order of first appearance. Open addressing
// with linear probing over the numbers alone (4 bytes a slot); the
// candidacies themselves are in an array by number (16 bytes each).
class candidacy_index {
public:
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
            std::size_t i = mix(keys_[id].job, keys_[id].freelancer) & (bigger.size() - 1);
            while (bigger[i] != empty) i = (i + 1) & (bigger.size() - 1);
            bigger[i] = id;
        }
        slots_ = std::move(bigger);
    }
    std::vector<std::uint32_t> slots_;
    std::vector<key> keys_;
};

// Rejections counted by kind and rule.
struct reason_count {
    rejection_kind kind;
    std::string_view rule;
    std::uint64_t count;
};

void add_reason(std::vector<reason_count>& counts, rejection_kind kind, std::string_view rule, std::uint64_t n) {
    for (auto& c : counts) {
        if (c.kind == kind && c.rule == rule) {
            c.count += n;
            return;
        }
    }
    counts.push_back({kind, rule, n});
}

// Decoded events: each chunk keeps those of each owning thread in an array
// of their own, sized exactly, and the owner frees it once it has replayed
// them. Memory is therefore linear in the log (48 bytes an event at most,
// whatever the number of threads), and shrinks as the replay advances.
using record_store = std::vector<record, huge_allocator<record>>;

// What one chunk of the file turned into.
struct chunk_result {
    std::uint64_t lines = 0;
    std::uint64_t blank = 0;
    std::vector<malformed> bad;
    std::vector<record_store> by_owner;         // one array per owning thread
    std::vector<hireguard::offer_terms> terms;  // of the offers, see compact_events
};

// What one thread's replay produced.
struct replay_result {
    std::uint64_t accepted = 0;
    std::vector<violation_report> violations;
    std::vector<reason_count> reasons;
};

[[nodiscard]] bool is_blank(std::string_view line) noexcept {
    if (!line.empty() && line.front() == '{') return false;  // the common case, at once
    return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

// A decoding thread's memory, reused from chunk to chunk: the events of the
// chunk in file order, before they are sorted out by owner.
struct decode_scratch {
    hireguard::event_decoder decoder;
    std::vector<record> records;
    std::vector<std::uint16_t> owners;
    std::vector<std::size_t> counts;
};

void decode_chunk(std::string_view text, std::uint32_t chunk, unsigned threads, std::size_t max_line,
                  decode_scratch& scratch, chunk_result& out) {
    scratch.records.clear();
    scratch.owners.clear();
    std::uint32_t line = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) end = text.size();
        std::string_view const l = text.substr(pos, end - pos);
        pos = end + 1;
        std::uint32_t const this_line = line++;
        if (l.size() > max_line) [[unlikely]] {
            out.bad.push_back(
                {this_line, "",
                 "line longer than the limit of " + std::to_string(max_line) + " bytes (--max-line-bytes)"});
            continue;
        }
        if (is_blank(l)) {
            ++out.blank;
            continue;
        }
        hireguard::logged_event e;
        try {
            scratch.decoder.decode(l, e);
        } catch (hireguard::json_error const& err) {
            out.bad.push_back({this_line, err.field(), err.reason()});
            continue;
        }
        auto const at = std::visit([](auto const& ev) { return ev.at; }, e.event);
        if (!at) {
            out.bad.push_back({this_line, "at", "missing: the audit orders each candidacy's events by time"});
            continue;
        }
        std::uint64_t const h = mix(e.job.value(), e.freelancer.value());
        record& r = scratch.records.emplace_back();
        r.job = e.job.value();
        r.freelancer = e.freelancer.value();
        r.chunk = chunk;
        r.line = this_line;
        compact::store(e.event, r, out.terms);
        scratch.owners.push_back(static_cast<std::uint16_t>(owner_of(h, threads)));
    }
    out.lines = line;
    // Sorted out by owner, in file order, into arrays of the exact size.
    scratch.counts.assign(threads, 0);
    for (std::uint16_t const o : scratch.owners) ++scratch.counts[o];
    out.by_owner.resize(threads);
    for (unsigned u = 0; u < threads; ++u) out.by_owner[u].reserve(scratch.counts[u]);
    for (std::size_t i = 0; i < scratch.records.size(); ++i)
        out.by_owner[scratch.owners[i]].push_back(scratch.records[i]);
}

// Replays the candidacies that thread `self` owns. A machine lives from its
// candidacy's first event to its last, in a pool of slots that are reused:
// the machines alive at once are the candidacies open at once, not all of
// them. Each chunk's array of this thread's events is freed once replayed.
void replay(std::deque<chunk_result>& chunks, std::vector<std::uint64_t> const& first_line, unsigned self,
            hireguard::policy const& policy, replay_result& out, std::atomic<std::size_t>& progress) {
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
                std::uint32_t const id = index.find_or_add(r.job, r.freelancer, mix(r.job, r.freelancer));
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

    auto run = [&](hireguard::machine& m, record const& r) {
        hireguard::verdict v = compact::process[r.kind](m, r, chunks[r.chunk].terms);
        if (v) [[likely]] {
            ++out.accepted;
            return;
        }
        rejection const& why = v.error();
        add_reason(out.reasons, why.kind, why.rule.name, 1);
        out.violations.push_back({first_line[r.chunk] + r.line + 1, r.job, r.freelancer, why});
    };

    // Second pass, in file order, for the candidacies in time order: the
    // records are read in sequence and the machines in use stay in cache.
    // The events of the others are copied aside.
    constexpr std::uint32_t no_slot = UINT32_MAX;
    std::vector<std::uint32_t> slot_of(last.size(), no_slot);
    std::vector<hireguard::machine> pool;
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
                    pool.emplace_back(hireguard::job_id{r.job}, hireguard::freelancer_id{r.freelancer}, policy);
                } else {
                    slot = free_slots.back();
                    free_slots.pop_back();
                    pool[slot] =
                        hireguard::machine(hireguard::job_id{r.job}, hireguard::freelancer_id{r.freelancer}, policy);
                }
            }
            run(pool[slot], r);
            if (here == last[id]) free_slots.push_back(slot);
        }
        progress.fetch_add(c.by_owner[self].size(), std::memory_order_relaxed);
        c.by_owner[self] = record_store{};  // replayed: freed
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
    std::vector<hireguard::machine> one;  // the candidacy being replayed
    std::uint32_t current = no_slot;
    for (auto const& [id, r] : apart) {
        if (id != current) {
            one.clear();
            one.emplace_back(hireguard::job_id{r.job}, hireguard::freelancer_id{r.freelancer}, policy);
            current = id;
        }
        run(one.front(), r);
    }
    auto const by_line = [](violation_report const& x, violation_report const& y) { return x.line < y.line; };
    auto const middle = out.violations.begin() + in_line_order;
    std::sort(middle, out.violations.end(), by_line);
    std::inplace_merge(out.violations.begin(), middle, out.violations.end(), by_line);
}

// Output, buffered and written in large blocks. A write that fails is
// remembered (errno's message), and the audit then exits with 2.
class output {
public:
    explicit output(std::FILE* f) : file_(f) { buffer_.reserve(block * 2); }
    output(output const&) = delete;
    output& operator=(output const&) = delete;
    ~output() = default;
    output& operator<<(std::string_view s) {
        buffer_.append(s);
        if (buffer_.size() >= block) flush();
        return *this;
    }
    output& operator<<(std::uint64_t n) {
        char digits[24];
        auto const r = std::to_chars(digits, digits + sizeof digits, n);
        return *this << std::string_view(digits, static_cast<std::size_t>(r.ptr - digits));
    }
    void flush() {
        if (!buffer_.empty() && failure_.empty() &&
            std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size())
            failure_ = std::strerror(errno);
        buffer_.clear();
        if (failure_.empty() && std::fflush(file_) != 0) failure_ = std::strerror(errno);
    }
    // Flushes; the reason the report could not be written, or "".
    [[nodiscard]] std::string finish() {
        flush();
        if (failure_.empty() && std::ferror(file_) != 0) failure_ = "write error";
        return failure_;
    }

private:
    static constexpr std::size_t block = std::size_t{1} << 20;
    std::FILE* file_;
    std::string buffer_;
    std::string failure_;
};

// Text from the log as the text output prints it: control characters (a
// newline, an escape sequence, NUL), DEL, the C1 controls, backslashes and
// bytes that are not UTF-8 are written as escapes (\n, \u001b, \\, \xff), so
// that no line of the log can print a line of its own or drive the terminal.
[[nodiscard]] std::string escaped(std::string_view s) {
    auto plain = [](unsigned char c) { return c >= 0x20 && c < 0x7f && c != '\\'; };
    if (std::all_of(s.begin(), s.end(), [&](char c) { return plain(static_cast<unsigned char>(c)); }))
        return std::string(s);
    std::string out;
    auto hex = [&](char const* prefix, unsigned v, int digits) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "%s%0*x", prefix, digits, v);
        out += buf;
    };
    for (std::size_t i = 0; i < s.size();) {
        auto const c = static_cast<unsigned char>(s[i]);
        if (plain(c)) {
            out += static_cast<char>(c);
            ++i;
            continue;
        }
        switch (c) {
            case '\\':
                out += "\\\\";
                ++i;
                continue;
            case '\n':
                out += "\\n";
                ++i;
                continue;
            case '\r':
                out += "\\r";
                ++i;
                continue;
            case '\t':
                out += "\\t";
                ++i;
                continue;
            default:
                break;
        }
        if (c < 0x80) {  // other C0 controls and DEL
            hex("\\u", c, 4);
            ++i;
            continue;
        }
        // A well-formed UTF-8 sequence is kept, unless it is a C1 control.
        std::size_t const n = c >= 0xf0 && c <= 0xf4 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 && c <= 0xdf ? 2 : 0;
        bool ok = n != 0 && c < 0xf5 && i + n <= s.size();
        for (std::size_t j = 1; ok && j < n; ++j) ok = (static_cast<unsigned char>(s[i + j]) & 0xc0) == 0x80;
        if (ok && n == 3) {
            auto const c1 = static_cast<unsigned char>(s[i + 1]);
            ok = !(c == 0xe0 && c1 < 0xa0) && !(c == 0xed && c1 >= 0xa0);  // overlong, surrogates
        }
        if (ok && n == 4) {
            auto const c1 = static_cast<unsigned char>(s[i + 1]);
            ok = !(c == 0xf0 && c1 < 0x90) && !(c == 0xf4 && c1 >= 0x90);
        }
        if (!ok) {
            hex("\\x", c, 2);
            ++i;
            continue;
        }
        if (n == 2 && c == 0xc2 && static_cast<unsigned char>(s[i + 1]) < 0xa0) {  // U+0080 to U+009F
            hex("\\u", static_cast<unsigned char>(s[i + 1]), 4);
            i += 2;
            continue;
        }
        out.append(s.substr(i, n));
        i += n;
    }
    return out;
}

// A field's path as the text output prints it: as it is when it is made of
// letters, digits, '_' and '.', as the library's paths are, and otherwise
// quoted, so that a key cannot pass for the reason that follows it.
[[nodiscard]] std::string printed_field(std::string_view field) {
    bool const plain = std::all_of(field.begin(), field.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '.';
    });
    if (plain) return std::string(field);
    std::string out = "\"";
    for (char const c : escaped(field)) {
        if (c == '"') out += '\\';
        out += c;
    }
    return out + "\"";
}

[[nodiscard]] std::string_view kind_key(rejection_kind k) noexcept {
    switch (k) {
        case rejection_kind::illegal_transition:
            return "illegal_transition";
        case rejection_kind::rule_violated:
            return "rule_violated";
        case rejection_kind::invalid_input:
            return "invalid_input";
    }
    return "unknown";
}

void write_violation(output& out, violation_report const& v, bool json) {
    rejection const& r = v.why;
    if (json) {
        boost::json::object o;
        o["line"] = v.line;
        o["job"] = v.job;
        o["freelancer"] = v.freelancer;
        o["state"] = r.state;
        o["event"] = r.event;
        o["kind"] = kind_key(r.kind);
        o["rule"] = r.rule.name;
        o["reason"] = r.why();
        o["message"] = r.message();
        out << boost::json::serialize(o) << "\n";
        return;
    }
    out << "line " << v.line << ": job " << v.job << " / freelancer " << v.freelancer << ": " << escaped(r.message())
        << "\n";
}

void write_malformed(output& out, malformed const& m, bool json) {
    if (json) {
        boost::json::object o;
        o["line"] = m.line;
        o["kind"] = "malformed";
        o["field"] = m.field;
        o["reason"] = m.reason;
        out << boost::json::serialize(o) << "\n";
        return;
    }
    out << "line " << m.line << ": malformed: ";
    if (!m.field.empty()) out << printed_field(m.field) << ": ";
    out << escaped(m.reason) << "\n";
}

struct summary {
    std::uint64_t lines = 0;
    std::uint64_t accepted = 0;
    std::uint64_t rejected = 0;
    std::uint64_t malformed = 0;
    std::uint64_t blank = 0;
    std::vector<reason_count> reasons;
};

void write_summary(output& out, summary const& s, bool json) {
    if (json) {
        boost::json::object o;
        o["kind"] = "summary";
        o["lines"] = s.lines;
        o["accepted"] = s.accepted;
        o["rejected"] = s.rejected;
        o["malformed"] = s.malformed;
        o["blank"] = s.blank;
        boost::json::array reasons;
        for (auto const& r : s.reasons)
            reasons.push_back(boost::json::object{{"kind", kind_key(r.kind)}, {"rule", r.rule}, {"count", r.count}});
        o["rejected_by_reason"] = std::move(reasons);
        out << boost::json::serialize(o) << "\n";
        return;
    }
    out << "summary: " << s.lines << " lines read\n";
    out << "  events accepted: " << s.accepted << "\n";
    out << "  events rejected: " << s.rejected << "\n";
    for (auto const& r : s.reasons) {
        out << "    " << hireguard::to_string(r.kind);
        if (r.kind != rejection_kind::illegal_transition) out << ": " << r.rule;
        out << ": " << r.count << "\n";
    }
    out << "  malformed lines: " << s.malformed << "\n";
    out << "  blank lines: " << s.blank << "\n";
}

// A progress bar on stderr while the log is decoded.
class progress_bar {
public:
    // `unit` is "MB" for bytes shown in megabytes, or a word for a count.
    progress_bar(char const* phase, std::atomic<std::size_t> const& done, std::size_t total, char const* unit)
        : phase_(phase), unit_(unit), done_(done), total_(std::max<std::size_t>(total, 1)) {
        thread_ = std::thread([this] { run(); });
    }
    progress_bar(progress_bar const&) = delete;
    progress_bar& operator=(progress_bar const&) = delete;
    ~progress_bar() {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            stop_ = true;
        }
        wake_.notify_all();
        thread_.join();
        std::fputs("\r\033[K", stderr);
        std::fflush(stderr);
    }

private:
    void run() {
        std::unique_lock<std::mutex> lock(mutex_);
        while (!wake_.wait_for(lock, std::chrono::milliseconds(200), [this] { return stop_; })) {
            std::size_t const done = std::min(done_.load(std::memory_order_relaxed), total_);
            int const width = 40;
            auto const filled = static_cast<int>(static_cast<double>(done) / static_cast<double>(total_) * width);
            std::string bar(static_cast<std::size_t>(filled), '#');
            bar.resize(width, '.');
            bool const mb = std::string_view(unit_) == "MB";
            std::fprintf(stderr, "\r%-9s [%s] %3d%% %zu of %zu %s", phase_, bar.c_str(),
                         static_cast<int>(100.0 * static_cast<double>(done) / static_cast<double>(total_)),
                         mb ? done >> 20 : done, mb ? total_ >> 20 : total_, unit_);
            std::fflush(stderr);
        }
    }
    char const* phase_;
    char const* unit_;
    std::atomic<std::size_t> const& done_;
    std::size_t total_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stop_ = false;
    std::thread thread_;
};

// Runs f(0) .. f(threads - 1), on threads when there is more than one. The
// threads have stacks of 2 MiB rather than the default 8: nothing here
// recurses (Boost.JSON's parsers keep their own stacks), and the address
// space a thread takes is part of the tool's per-thread memory.
template <class F>
void on_threads(unsigned threads, F const& f) {
    if (threads == 1) {
        f(0U);
        return;
    }
    std::exception_ptr failure;
    std::mutex failure_mutex;
    auto guarded = [&](unsigned t) {
        try {
            f(t);
        } catch (...) {
            std::lock_guard<std::mutex> lock(failure_mutex);
            if (!failure) failure = std::current_exception();
        }
    };
    // The threads begin their work once all of them exist, so that none of
    // them takes, by allocating, the address space another one's stack needs.
    std::mutex go_mutex;
    std::condition_variable go_signal;
    bool go = false;
    bool abandon = false;
    std::function<void(unsigned)> const wait_then = [&](unsigned t) {
        {
            std::unique_lock<std::mutex> lock(go_mutex);
            go_signal.wait(lock, [&] { return go; });
        }
        if (!abandon) guarded(t);
    };
    struct start {
        std::function<void(unsigned)> const* run;
        unsigned t;
        static void* body(void* p) {
            auto const* s = static_cast<start const*>(p);
            (*s->run)(s->t);
            return nullptr;
        }
    };
    std::vector<start> starts;
    starts.reserve(threads);
    for (unsigned t = 1; t < threads; ++t) starts.push_back({&wait_then, t});
    std::vector<::pthread_t> pool;
    pool.reserve(threads - 1);
    ::pthread_attr_t attr;
    ::pthread_attr_init(&attr);
    ::pthread_attr_setstacksize(&attr, std::size_t{2} << 20);
    int error = 0;
    for (auto& st : starts) {
        ::pthread_t id{};
        if ((error = ::pthread_create(&id, &attr, &start::body, &st)) != 0) break;
        pool.push_back(id);
    }
    ::pthread_attr_destroy(&attr);
    {
        std::lock_guard<std::mutex> lock(go_mutex);
        go = true;
        abandon = error != 0;
    }
    go_signal.notify_all();
    if (error == 0) guarded(0U);
    for (auto const id : pool) ::pthread_join(id, nullptr);
    if (error != 0)
        throw unusable("cannot start " + std::to_string(threads) + " threads: " + std::strerror(error) +
                       " (try fewer with --threads)");
    if (failure) std::rethrow_exception(failure);
}

int audit(options const& opt) {
    using clock = std::chrono::steady_clock;
    auto const t0 = clock::now();
    log_source input(opt.input, opt.chunk_bytes, opt.max_line);
    unsigned const threads = opt.threads;
    // The chunks' results, in file order; a deque, so that those being
    // filled stay where they are while others are added.
    std::deque<chunk_result> decoded;
    std::atomic<std::size_t> bytes_done{0};
    bool const show_progress = opt.progress && input.size_hint() >= progress_threshold && ::isatty(STDERR_FILENO) != 0;
    {
        std::optional<progress_bar> bar;
        if (show_progress) bar.emplace("reading", bytes_done, input.size_hint(), "MB");
        on_threads(threads, [&](unsigned /*self*/) {
            read_buffer buffer;
            decode_scratch scratch;
            chunk_result* out = nullptr;
            std::size_t index = 0;
            while (input.next(buffer, [&](std::size_t c) {
                index = c;
                out = &decoded.emplace_back();
            })) {
                if (index > UINT32_MAX) throw unusable("the log has too many chunks; give a larger --chunk-bytes");
                decode_chunk(buffer.view(), static_cast<std::uint32_t>(index), threads, opt.max_line, scratch, *out);
                bytes_done.fetch_add(buffer.size(), std::memory_order_relaxed);
            }
        });
    }
    auto const t1 = clock::now();

    summary s;
    std::vector<std::uint64_t> first_line(decoded.size());
    for (std::size_t c = 0; c < decoded.size(); ++c) {
        first_line[c] = s.lines;
        s.lines += decoded[c].lines;
        s.blank += decoded[c].blank;
        s.malformed += decoded[c].bad.size();
        for (auto& m : decoded[c].bad) m.line += first_line[c] + 1;
        decoded[c].by_owner.resize(threads);  // a chunk without events has none
    }

    std::vector<replay_result> replayed(threads);
    {
        std::atomic<std::size_t> replayed_events{0};
        std::optional<progress_bar> bar;
        if (show_progress) bar.emplace("replaying", replayed_events, s.lines - s.blank - s.malformed, "events");
        on_threads(threads, [&](unsigned self) {
            replay(decoded, first_line, self, opt.policy, replayed[self], replayed_events);
        });
    }
    auto const t2 = clock::now();

    for (auto const& r : replayed) {
        s.accepted += r.accepted;
        s.rejected += r.violations.size();
        for (auto const& c : r.reasons) add_reason(s.reasons, c.kind, c.rule, c.count);
    }
    std::sort(s.reasons.begin(), s.reasons.end(), [](reason_count const& x, reason_count const& y) {
        return std::pair(x.kind, x.rule) < std::pair(y.kind, y.rule);
    });

    // Merge the reports by line: malformed lines in chunk order, violations
    // from each thread's sorted list.
    output out(stdout);
    {
        std::vector<std::size_t> at(threads, 0);
        auto next_violation = [&]() -> violation_report const* {
            violation_report const* best = nullptr;
            std::size_t who = 0;
            for (unsigned t = 0; t < threads; ++t) {
                if (at[t] < replayed[t].violations.size() &&
                    (best == nullptr || replayed[t].violations[at[t]].line < best->line)) {
                    best = &replayed[t].violations[at[t]];
                    who = t;
                }
            }
            if (best != nullptr) ++at[who];
            return best;
        };
        violation_report const* v = next_violation();
        for (auto const& c : decoded) {
            for (auto const& m : c.bad) {
                for (; v != nullptr && v->line < m.line; v = next_violation()) write_violation(out, *v, opt.json);
                write_malformed(out, m, opt.json);
            }
        }
        for (; v != nullptr; v = next_violation()) write_violation(out, *v, opt.json);
        write_summary(out, s, opt.json);
    }
    if (std::string const failure = out.finish(); !failure.empty())
        throw unusable("cannot write the report to stdout: " + failure);
    auto const t3 = clock::now();

    if (opt.stats) {
        auto ms = [](auto d) { return std::chrono::duration<double, std::milli>(d).count(); };
        std::fprintf(stderr, "decode %.1f ms, replay %.1f ms, output %.1f ms, total %.1f ms, %u threads\n", ms(t1 - t0),
                     ms(t2 - t1), ms(t3 - t2), ms(t3 - t0), threads);
    }
    return s.rejected + s.malformed == 0 ? exit_clean : exit_findings;
}

// Days as a duration, saturated rather than overflowing; the policy's own
// check (hireguard::policy_problem) judges the result.
[[nodiscard]] std::chrono::seconds days_of(std::int64_t n) noexcept {
    constexpr std::int64_t most = INT64_MAX / 86400;
    if (n > most) return std::chrono::seconds::max();
    if (n < -most) return std::chrono::seconds::min();
    return std::chrono::days{n};
}

// The option that sets a field of hireguard::policy.
[[nodiscard]] std::string_view option_of(std::string_view problem) noexcept {
    if (problem.starts_with("offer_lifetime")) return "--offer-days";
    if (problem.starts_with("feedback_window")) return "--feedback-days";
    if (problem.starts_with("minimum_milestone")) return "--minimum-milestone";
    return "the policy";
}

// Whether file descriptor 1 is open: with it closed, the log opened next
// would take its number.
[[nodiscard]] bool stdout_open() noexcept {
    return ::fcntl(STDOUT_FILENO, F_GETFD) != -1;
}

}  // namespace

int main(int argc, char** argv) {
    // A reader that goes away makes writes fail with EPIPE, reported like
    // any other write error, rather than killing the tool without a word.
    std::signal(SIGPIPE, SIG_IGN);
    options opt;
    // Threads by default: one a core, up to 64; each costs memory of its own
    // (docs/audit.md), and more decode no faster.
    unsigned const hardware = std::clamp(std::thread::hardware_concurrency(), 1U, default_threads_max);
    std::int64_t offer_days = 0;
    std::int64_t feedback_days = 0;
    std::int64_t minimum_milestone = 0;
    po::options_description visible(
        "Usage: hireguard-audit [options] LOG\n\n"
        "Replays a JSON Lines event log (LOG, or - for stdin) through hireguard's\n"
        "lifecycle and reports every rejected event. Exit code: 0 clean, 1 rejected\n"
        "events or malformed lines, 2 unusable input or arguments, or a report\n"
        "that could not be written.\n\n"
        "Options");
    visible.add_options()("help,h", "show this help")("version", "print the version")(
        "threads,j", po::value<unsigned>(&opt.threads)->default_value(hardware),
        "worker threads, 1 to 256 (default: the cores, at most 64; the output does not depend on it)")(
        "json", po::bool_switch(&opt.json), "JSON Lines output: one object per report, then a summary")(
        "no-progress", po::bool_switch(), "no progress bar on stderr")("stats", po::bool_switch(&opt.stats),
                                                                       "time spent in each phase, on stderr")(
        "max-line-bytes", po::value<std::size_t>(&opt.max_line)->default_value(default_max_line),
        "longer lines are reported malformed and skipped")("offer-days",
                                                           po::value<std::int64_t>(&offer_days)->default_value(30),
                                                           "offers expire this many days after they are sent")(
        "feedback-days", po::value<std::int64_t>(&feedback_days)->default_value(14),
        "feedback may be left this many days after the end of a contract")(
        "minimum-milestone", po::value<std::int64_t>(&minimum_milestone)->default_value(500),
        "smallest fixed-price milestone, in cents");
    po::options_description all;
    all.add(visible).add_options()("log", po::value<std::string>(&opt.input))(
        "chunk-bytes", po::value<std::size_t>(&opt.chunk_bytes)->default_value(default_chunk_bytes));
    po::positional_options_description positional;
    positional.add("log", 1);
    try {
        po::variables_map vm;
        po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
        po::notify(vm);
        if (vm.count("help") != 0 || vm.count("version") != 0) {
            if (vm.count("help") != 0) {
                std::cout << visible << '\n';
            } else {
                std::cout << "hireguard-audit " HIREGUARD_VERSION "\n";
            }
            std::cout.flush();
            if (!std::cout) {
                std::cerr << "hireguard-audit: cannot write to stdout: " << std::strerror(errno) << '\n';
                return exit_unusable;
            }
            return exit_clean;
        }
        if (vm.count("log") == 0) throw po::error("the event log is missing: give a file name, or - for stdin");
        if (opt.threads == 0 || opt.threads > 256) throw po::error("--threads must be between 1 and 256");
        if (opt.chunk_bytes == 0 || opt.chunk_bytes > (std::size_t{1} << 30))
            throw po::error("--chunk-bytes must be between 1 and 2^30");
        if (opt.max_line == 0 || opt.max_line > (std::size_t{1} << 30))
            throw po::error("--max-line-bytes must be between 1 and 2^30");
        opt.progress = !vm["no-progress"].as<bool>();
        // The policy is checked here, before any input is read, and by the
        // library's own rules.
        opt.policy.offer_lifetime = days_of(offer_days);
        opt.policy.feedback_window = days_of(feedback_days);
        opt.policy.minimum_milestone = hireguard::cents(minimum_milestone);
        if (auto const problem = hireguard::policy_problem(opt.policy))
            throw po::error(std::string(option_of(*problem)) + ": invalid policy: " + *problem);
    } catch (po::error const& e) {
        std::cerr << "hireguard-audit: " << e.what() << "\n\n" << visible << '\n';
        return exit_unusable;
    }
    if (!stdout_open()) {
        std::cerr << "hireguard-audit: cannot write the report: stdout is closed\n";
        return exit_unusable;
    }
    try {
        return audit(opt);
    } catch (unusable const& e) {
        std::cerr << "hireguard-audit: " << e.what() << '\n';
        return exit_unusable;
    } catch (std::exception const& e) {
        std::cerr << "hireguard-audit: " << e.what() << '\n';
        return exit_unusable;
    }
}
