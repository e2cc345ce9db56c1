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
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <exception>
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

#include <hireguard/json/events.hpp>
#include <hireguard/hiring/lifecycle.hpp>

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

struct options {
    std::string input;
    unsigned threads = 1;
    bool json = false;
    bool progress = true;
    bool stats = false;
    std::size_t chunk_bytes = default_chunk_bytes;
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
    void resize_down(std::size_t n) noexcept { size_ = std::min(size_, n); }

private:
    std::unique_ptr<char[]> data_;
    std::size_t size_ = 0;
    std::size_t capacity_ = 0;
};

// The log, handed out in chunks that begin and end at line boundaries. A
// regular file is read chunk by chunk with pread() by the thread that decodes
// it, into a buffer each thread reuses; anything else (stdin, a pipe) is read
// whole first. Mapping the file instead cost more in page faults than the
// reading does (docs/audit.md).
class log_source {
public:
    log_source(std::string const& name, std::size_t chunk_bytes) : chunk_bytes_(chunk_bytes) {
        if (name == "-") {
            slurp(STDIN_FILENO, "stdin");
            return;
        }
        fd_ = ::open(name.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd_ < 0) throw unusable("cannot open " + name + ": " + std::strerror(errno));
        name_ = name;
        struct ::stat st {};
        if (::fstat(fd_, &st) != 0) throw unusable("cannot read " + name + ": " + std::strerror(errno));
        if (S_ISDIR(st.st_mode)) throw unusable("cannot read " + name + ": it is a directory");
        if (S_ISREG(st.st_mode)) {
            size_ = static_cast<std::size_t>(st.st_size);
            ::posix_fadvise(fd_, 0, 0, POSIX_FADV_SEQUENTIAL);
            // An unreadable file fails here rather than in a worker thread.
            char probe = 0;
            if (size_ > 0 && ::pread(fd_, &probe, 1, 0) < 0)
                throw unusable("cannot read " + name + ": " + std::strerror(errno));
            chunks_ = (size_ + chunk_bytes_ - 1) / chunk_bytes_;
            return;
        }
        slurp(fd_, name);
    }
    log_source(log_source const&) = delete;
    log_source& operator=(log_source const&) = delete;
    ~log_source() {
        if (fd_ >= 0) ::close(fd_);
    }

    [[nodiscard]] std::size_t size() const noexcept { return size_; }
    [[nodiscard]] std::size_t chunks() const noexcept { return in_memory_ ? views_.size() : chunks_; }

    // The lines that begin in chunk `c`, whole; `buffer` holds them when
    // they are read from the file.
    [[nodiscard]] std::string_view chunk(std::size_t c, read_buffer& buffer) const {
        if (in_memory_) return views_[c];
        std::size_t const begin = c * chunk_bytes_;
        std::size_t const end = std::min(size_, begin + chunk_bytes_);
        // One byte before the chunk says whether a line begins at its start.
        std::size_t const from = c == 0 ? 0 : begin - 1;
        buffer.clear();
        read(buffer, from, end - from);
        std::size_t first = 0;
        if (c != 0) {
            std::size_t const nl = buffer.view().find('\n');
            if (nl == std::string_view::npos) return {};  // inside a line that began earlier
            first = nl + 1;
        }
        // The last line runs on to the first newline at or after the end.
        if (end < size_ && buffer.size() != 0 && buffer.view().back() != '\n') {
            for (std::size_t at = end;; at += 65536) {
                std::size_t const old = buffer.size();
                read(buffer, at, std::min<std::size_t>(65536, size_ - at));
                std::size_t const nl = buffer.view().find('\n', old);
                if (nl != std::string_view::npos) {
                    buffer.resize_down(nl + 1);
                    break;
                }
                if (at + 65536 >= size_) break;
            }
        }
        return buffer.view().substr(first);
    }

private:
    void read(read_buffer& buffer, std::size_t offset, std::size_t n) const {
        std::size_t const old = buffer.size();
        char* const into = buffer.extend(n);
        std::size_t done = 0;
        while (done < n) {
            ssize_t const got = ::pread(fd_, into + done, n - done, static_cast<off_t>(offset + done));
            if (got < 0 && errno == EINTR) continue;
            if (got < 0) throw unusable("cannot read " + name_ + ": " + std::strerror(errno));
            if (got == 0) break;  // the file shrank while it was read
            done += static_cast<std::size_t>(got);
        }
        buffer.resize_down(old + done);
    }

    void slurp(int fd, std::string const& name) {
        std::size_t used = 0;
        text_.resize(std::size_t{1} << 20);
        for (;;) {
            if (used == text_.size()) text_.resize(text_.size() * 2);
            ssize_t const n = ::read(fd, text_.data() + used, text_.size() - used);
            if (n < 0) {
                if (errno == EINTR) continue;
                throw unusable("cannot read " + name + ": " + std::strerror(errno));
            }
            if (n == 0) break;
            used += static_cast<std::size_t>(n);
        }
        text_.resize(used);
        in_memory_ = true;
        size_ = used;
        std::string_view const text = text_;
        for (std::size_t pos = 0; pos < text.size();) {
            std::size_t end = std::min(text.size(), pos + chunk_bytes_);
            if (end < text.size()) {
                std::size_t const nl = text.find('\n', end - 1);
                end = nl == std::string_view::npos ? text.size() : nl + 1;
            }
            views_.push_back(text.substr(pos, end - pos));
            pos = end;
        }
    }

    std::size_t chunk_bytes_;
    int fd_ = -1;
    std::string name_;
    std::size_t size_ = 0;
    std::size_t chunks_ = 0;
    bool in_memory_ = false;
    std::string text_;
    std::vector<std::string_view> views_;
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
// with linear probing; it allocates only when it grows.
class candidacy_index {
public:
    std::uint32_t find_or_add(std::uint64_t job, std::uint64_t freelancer, std::uint64_t hash) {
        if ((std::size_t{count_} + 1) * 2 > slots_.size()) grow();
        std::size_t i = hash & (slots_.size() - 1);
        for (;;) {
            slot& s = slots_[i];
            if (s.id == empty) {
                s = slot{job, freelancer, count_};
                return count_++;
            }
            if (s.job == job && s.freelancer == freelancer) return s.id;
            i = (i + 1) & (slots_.size() - 1);
        }
    }
    [[nodiscard]] std::uint32_t size() const noexcept { return count_; }

private:
    static constexpr std::uint32_t empty = UINT32_MAX;
    struct slot {
        std::uint64_t job = 0;
        std::uint64_t freelancer = 0;
        std::uint32_t id = empty;
    };
    void grow() {
        std::vector<slot> old(slots_.empty() ? 1024 : slots_.size() * 2);
        old.swap(slots_);
        for (slot const& s : old) {
            if (s.id == empty) continue;
            std::size_t i = mix(s.job, s.freelancer) & (slots_.size() - 1);
            while (slots_[i].id != empty) i = (i + 1) & (slots_.size() - 1);
            slots_[i] = s;
        }
    }
    std::vector<slot> slots_;
    std::uint32_t count_ = 0;
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

// Decoded events, one store per decoding thread and owning thread, so that
// the events of many chunks share huge pages: a vector per chunk would leave
// half a huge page unused on average.
using record_store = std::vector<record, huge_allocator<record>>;

// The events of one chunk that one thread owns: in the store of the thread
// that decoded the chunk.
struct record_span {
    unsigned store = 0;
    std::size_t begin = 0;
    std::size_t count = 0;
};

// What one chunk of the file turned into.
struct chunk_result {
    std::uint64_t lines = 0;
    std::uint64_t blank = 0;
    std::vector<malformed> bad;
    std::vector<record_span> by_owner;          // one span per thread
    std::vector<hireguard::offer_terms> terms;  // of the offers, see compact_events
};

// What one thread's replay produced.
struct replay_result {
    std::uint64_t accepted = 0;
    std::vector<violation_report, huge_allocator<violation_report>> violations;
    std::vector<reason_count> reasons;
};

[[nodiscard]] bool is_blank(std::string_view line) noexcept {
    if (!line.empty() && line.front() == '{') return false;  // the common case, at once
    return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

void decode_chunk(std::string_view text, std::uint32_t chunk, unsigned self, std::vector<record_store>& stores,
                  chunk_result& out) {
    hireguard::event_decoder decoder;
    auto const threads = static_cast<unsigned>(stores.size());
    out.by_owner.assign(threads, {});
    for (unsigned u = 0; u < threads; ++u) out.by_owner[u] = record_span{self, stores[u].size(), 0};
    std::uint32_t line = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) end = text.size();
        std::string_view const l = text.substr(pos, end - pos);
        pos = end + 1;
        std::uint32_t const this_line = line++;
        if (is_blank(l)) {
            ++out.blank;
            continue;
        }
        hireguard::logged_event e;
        try {
            decoder.decode(l, e);
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
        record& r = stores[owner_of(h, threads)].emplace_back();
        r.job = e.job.value();
        r.freelancer = e.freelancer.value();
        r.chunk = chunk;
        r.line = this_line;
        compact::store(e.event, r, out.terms);
    }
    out.lines = line;
    for (unsigned u = 0; u < threads; ++u) out.by_owner[u].count = stores[u].size() - out.by_owner[u].begin;
}

void replay(std::vector<chunk_result> const& chunks, std::vector<std::vector<record_store>> const& stores,
            std::vector<std::uint64_t> const& first_line, unsigned self, hireguard::policy const& policy,
            replay_result& out, std::atomic<std::size_t>& progress) {
    auto records_of = [&](chunk_result const& c) {
        record_span const& span = c.by_owner[self];
        return std::span<record const>(stores[span.store][self].data() + span.begin, span.count);
    };
    std::size_t total = 0;
    for (auto const& c : chunks) total += c.by_owner[self].count;

    // First pass, in file order: number the candidacies, give each its
    // machine, and find those whose events the file does not list in time
    // order.
    candidacy_index index;
    std::vector<std::uint32_t, huge_allocator<std::uint32_t>> id_of;
    id_of.reserve(total);
    // Reserved for the worst case, one candidacy or one violation an event:
    // memory is only used where it is written, and nothing is ever copied
    // to grow.
    std::vector<hireguard::machine, huge_allocator<hireguard::machine>> machines;
    machines.reserve(total);
    out.violations.reserve(total);
    std::vector<std::int64_t, huge_allocator<std::int64_t>> latest;
    latest.reserve(total);
    std::vector<bool> unsorted;
    for (auto const& c : chunks) {
        for (record const& r : records_of(c)) {
            std::uint32_t const id = index.find_or_add(r.job, r.freelancer, mix(r.job, r.freelancer));
            id_of.push_back(id);
            if (id == machines.size()) {
                machines.emplace_back(hireguard::job_id{r.job}, hireguard::freelancer_id{r.freelancer}, policy);
                latest.push_back(r.at);
                unsorted.push_back(false);
            } else if (r.at < latest[id]) {
                unsorted[id] = true;
            } else {
                latest[id] = r.at;
            }
        }
    }

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
    std::vector<std::pair<std::uint32_t, record const*>> apart;
    std::size_t k = 0;
    for (auto const& c : chunks) {
        for (record const& r : records_of(c)) {
            std::uint32_t const id = id_of[k++];
            if (unsorted[id]) [[unlikely]] {
                apart.emplace_back(id, &r);
                continue;
            }
            run(machines[id], r);
        }
        progress.fetch_add(c.by_owner[self].count, std::memory_order_relaxed);
    }

    // The others, sorted by time; equal times keep their file order.
    std::stable_sort(apart.begin(), apart.end(), [](auto const& x, auto const& y) {
        return x.first != y.first ? x.first < y.first : x.second->at < y.second->at;
    });
    // The second pass found its violations in line order; merge in those of
    // the candidacies replayed apart.
    auto const in_line_order = static_cast<std::ptrdiff_t>(out.violations.size());
    for (auto const& [id, r] : apart) run(machines[id], *r);
    auto const by_line = [](violation_report const& x, violation_report const& y) { return x.line < y.line; };
    auto const middle = out.violations.begin() + in_line_order;
    std::sort(middle, out.violations.end(), by_line);
    std::inplace_merge(out.violations.begin(), middle, out.violations.end(), by_line);
}

// Output, buffered and written in large blocks.
class output {
public:
    explicit output(std::FILE* f) : file_(f) { buffer_.reserve(block * 2); }
    output(output const&) = delete;
    output& operator=(output const&) = delete;
    ~output() { flush(); }
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
        if (!buffer_.empty()) std::fwrite(buffer_.data(), 1, buffer_.size(), file_);
        buffer_.clear();
        std::fflush(file_);
    }

private:
    static constexpr std::size_t block = std::size_t{1} << 20;
    std::FILE* file_;
    std::string buffer_;
};

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
    out << "line " << v.line << ": job " << v.job << " / freelancer " << v.freelancer << ": " << r.message() << "\n";
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
    if (!m.field.empty()) out << m.field << ": ";
    out << m.reason << "\n";
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

// Runs f(0) .. f(threads - 1), on threads when there is more than one.
template <class F>
void on_threads(unsigned threads, F const& f) {
    if (threads == 1) {
        f(0U);
        return;
    }
    std::vector<std::thread> pool;
    pool.reserve(threads - 1);
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
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(guarded, t);
    guarded(0U);
    for (auto& th : pool) th.join();
    if (failure) std::rethrow_exception(failure);
}

int audit(options const& opt) {
    using clock = std::chrono::steady_clock;
    auto const t0 = clock::now();
    log_source const input(opt.input, opt.chunk_bytes);
    unsigned const threads = opt.threads;
    std::vector<chunk_result> decoded(input.chunks());
    // stores[decoding thread][owning thread]; an event line has at least 60
    // bytes (its time alone takes 27), and a store that fills up still grows.
    std::vector<std::vector<record_store>> stores(threads, std::vector<record_store>(threads));
    for (auto& mine : stores)
        for (auto& store : mine) store.reserve(input.size() / 60 + 16);
    std::atomic<std::size_t> next_chunk{0};
    std::atomic<std::size_t> bytes_done{0};
    {
        std::optional<progress_bar> bar;
        if (opt.progress && input.size() >= progress_threshold && ::isatty(STDERR_FILENO) != 0)
            bar.emplace("reading", bytes_done, input.size(), "MB");
        on_threads(threads, [&](unsigned self) {
            read_buffer buffer;
            for (std::size_t c; (c = next_chunk.fetch_add(1)) < decoded.size();) {
                std::string_view const text = input.chunk(c, buffer);
                decode_chunk(text, static_cast<std::uint32_t>(c), self, stores[self], decoded[c]);
                bytes_done.fetch_add(text.size(), std::memory_order_relaxed);
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
    }

    std::vector<replay_result> replayed(threads);
    {
        std::atomic<std::size_t> replayed_events{0};
        std::optional<progress_bar> bar;
        if (opt.progress && input.size() >= progress_threshold && ::isatty(STDERR_FILENO) != 0)
            bar.emplace("replaying", replayed_events, s.lines - s.blank - s.malformed, "events");
        on_threads(threads, [&](unsigned self) {
            replay(decoded, stores, first_line, self, opt.policy, replayed[self], replayed_events);
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
    {
        output out(stdout);
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
    auto const t3 = clock::now();

    if (opt.stats) {
        auto ms = [](auto d) { return std::chrono::duration<double, std::milli>(d).count(); };
        std::fprintf(stderr, "decode %.1f ms, replay %.1f ms, output %.1f ms, total %.1f ms, %u threads\n", ms(t1 - t0),
                     ms(t2 - t1), ms(t3 - t2), ms(t3 - t0), threads);
    }
    return s.rejected + s.malformed == 0 ? exit_clean : exit_findings;
}

}  // namespace

int main(int argc, char** argv) {
    options opt;
    unsigned const hardware = std::max(1U, std::thread::hardware_concurrency());
    po::options_description visible(
        "Usage: hireguard-audit [options] LOG\n\n"
        "Replays a JSON Lines event log (LOG, or - for stdin) through hireguard's\n"
        "lifecycle and reports every rejected event. Exit code: 0 clean, 1 rejected\n"
        "events or malformed lines, 2 unusable input or arguments.\n\n"
        "Options");
    visible.add_options()("help,h", "show this help")("threads,j",
                                                      po::value<unsigned>(&opt.threads)->default_value(hardware),
                                                      "worker threads (the output does not depend on it)")(
        "json", po::bool_switch(&opt.json), "JSON Lines output: one object per report, then a summary")(
        "no-progress", po::bool_switch(), "no progress bar on stderr")("stats", po::bool_switch(&opt.stats),
                                                                       "time spent in each phase, on stderr")(
        "offer-days", po::value<unsigned>()->default_value(30), "offers expire this many days after they are sent")(
        "feedback-days", po::value<unsigned>()->default_value(14),
        "feedback may be left this many days after the end of a contract")(
        "minimum-milestone", po::value<std::uint64_t>()->default_value(500),
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
        if (vm.count("help") != 0) {
            std::cout << visible << '\n';
            return exit_clean;
        }
        if (vm.count("log") == 0) throw po::error("the event log is missing: give a file name, or - for stdin");
        if (opt.threads == 0 || opt.threads > 256) throw po::error("--threads must be between 1 and 256");
        if (opt.chunk_bytes == 0 || opt.chunk_bytes > (std::size_t{1} << 30))
            throw po::error("--chunk-bytes must be between 1 and 2^30");
        opt.progress = !vm["no-progress"].as<bool>();
        // Policies beyond 100 years would overflow the engine's arithmetic on
        // timestamps of year 9999.
        auto const days = [&](char const* name) {
            unsigned const n = vm[name].as<unsigned>();
            if (n == 0 || n > 36500) throw po::error(std::string("--") + name + " must be between 1 and 36500");
            return std::chrono::days{n};
        };
        opt.policy.offer_lifetime = days("offer-days");
        opt.policy.feedback_window = days("feedback-days");
        auto const minimum = vm["minimum-milestone"].as<std::uint64_t>();
        if (minimum > (std::uint64_t{1} << 53)) throw po::error("--minimum-milestone is too large");
        opt.policy.minimum_milestone = hireguard::cents(static_cast<std::int64_t>(minimum));
    } catch (po::error const& e) {
        std::cerr << "hireguard-audit: " << e.what() << "\n\n" << visible << '\n';
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
