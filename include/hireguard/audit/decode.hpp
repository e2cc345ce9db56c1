// Decoding a chunk of the log: each line into an event of the workflow
// (<hireguard/json/events.hpp>'s decoder), kept in a compact record until
// the replay and sorted out by the thread that owns its candidacy, or into a
// report of a malformed or blank line. Link `hireguard::audit`.
#ifndef HIREGUARD_AUDIT_DECODE_HPP
#define HIREGUARD_AUDIT_DECODE_HPP

#include <array>
#include <chrono>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#if defined(__linux__)
#include <sys/mman.h>
#endif

#include <hireguard/audit/auditable.hpp>
#include <hireguard/audit/line_reader.hpp>
#include <hireguard/audit/partition.hpp>
#include <hireguard/core/machine.hpp>
#include <hireguard/core/verdict.hpp>
#include <hireguard/hiring/lifecycle.hpp>
#include <hireguard/hiring/values.hpp>
#include <hireguard/json/events.hpp>

namespace hireguard {

namespace detail {

// Allocates large arrays on transparent huge pages where the kernel offers
// them (Linux): the decoded log is written once and read once, and at 4 KiB a
// page the faults cost more than the decoding (docs/audit.md). Elsewhere, the
// standard allocator.
template <class T>
struct audit_huge_allocator {
    using value_type = T;
    audit_huge_allocator() = default;
    template <class U>
    explicit audit_huge_allocator(audit_huge_allocator<U> const& /*other*/) noexcept {}
#if defined(__linux__) && defined(MADV_HUGEPAGE)
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
    static std::size_t round(std::size_t bytes) noexcept {
        return (bytes + huge - 1) / huge * huge;
    }
#else
    T* allocate(std::size_t n) {
        return std::allocator<T>{}.allocate(n);
    }
    void deallocate(T* p, std::size_t n) noexcept {
        std::allocator<T>{}.deallocate(p, n);
    }
#endif
    friend bool operator==(audit_huge_allocator const&, audit_huge_allocator const&) noexcept {
        return true;
    }
};

// One decoded event, tagged with where it came from: its time, and its one
// payload member in `payload` (minutes, cents, the party), or the index of
// what does not fit in a table of its chunk (an offer's terms; a host's event
// whole). An event's id takes what was the record's padding: the record is
// as large with ids as without.
struct audit_record {
    std::uint64_t job = 0;
    std::uint64_t freelancer = 0;
    std::int64_t at = 0;       // seconds since the epoch
    std::int64_t payload = 0;  // see audit_event_codec
    std::uint32_t chunk = 0;   // the chunk it was read from
    std::uint32_t line = 0;    // its line within the chunk, from 0
    std::uint8_t kind = 0;     // the event's index in the workflow's event variant
    std::uint32_t id = 0;      // 0 without an id; else 1 + its index in the chunk's `audit_ids`
};
static_assert(sizeof(audit_record) == 48, "hireguard: the audit keeps 48 bytes an event");

// The ids of a chunk's events, for those that carry one: their text one after
// the other, and for each its hash, where its record is, and its number
// among the ids that more than one line carries (audit::find_repeated_ids).
// 24 bytes and the text for each id.
struct audit_id_entry {
    std::uint64_t hash = 0;    // std::hash of the id's text
    std::uint32_t end = 0;     // where its text ends in `audit_ids::text`; it begins where the previous one ends
    std::uint32_t group = 0;   // 0: no other line carries this id; else the id's number, from 1
    std::uint32_t record = 0;  // its record's index in the chunk's array for its owner
    std::uint16_t owner = 0;   // the thread that owns its candidacy
};
static_assert(sizeof(audit_id_entry) == 24, "hireguard: the audit keeps 24 bytes and the text for each id");
struct audit_ids {
    std::string text;
    std::vector<audit_id_entry> entries;

    [[nodiscard]] std::string_view text_of(std::size_t i) const noexcept {
        std::size_t const begin = i == 0 ? 0 : entries[i - 1].end;
        return std::string_view(text).substr(begin, entries[i].end - begin);
    }
    // Adds an event's id; the record's `id`.
    std::uint32_t add(std::string_view id) {
        text.append(id);
        entries.push_back({std::hash<std::string_view>{}(id), static_cast<std::uint32_t>(text.size()), 0, 0, 0});
        return static_cast<std::uint32_t>(entries.size());
    }
};

// Decoded events: each chunk keeps those of each owning thread in an array
// of their own, sized exactly, and the owner frees it once it has replayed
// them.
using audit_record_store = std::vector<audit_record, audit_huge_allocator<audit_record>>;

// Hiring's payload members, each of which fits in a record's `payload`
// (the terms by their index).
template <class E>
concept audit_with_terms = std::same_as<decltype(E::terms), offer_terms>;
template <class E>
concept audit_with_minutes = std::same_as<decltype(E::minutes), std::chrono::minutes>;
template <class E>
concept audit_with_amount = std::same_as<decltype(E::amount), money>;
template <class E>
concept audit_with_party = std::same_as<decltype(E::by), party>;
template <class E>
inline constexpr std::size_t audit_payload_members =
    std::size_t{audit_with_terms<E>} + std::size_t{audit_with_minutes<E>} + std::size_t{audit_with_amount<E>} +
    std::size_t{audit_with_party<E>};

template <class E, class Variant>
struct audit_is_alternative : std::false_type {};
template <class E, class... Events>
struct audit_is_alternative<E, std::variant<Events...>> : std::bool_constant<(std::is_same_v<E, Events> || ...)> {};

// Hiring's events are their time and at most one payload member, nothing
// else: their descriptions list every member (the codec checks it), so a
// member added to one of them cannot be dropped silently by the record.
template <class Variant>
struct audit_hiring_events_fit;
template <class... Events>
struct audit_hiring_events_fit<std::variant<Events...>>
    : std::bool_constant<((fully_described<Events>() &&
                           boost::mp11::mp_size<own_members<Events>>::value == 1 + audit_payload_members<Events> &&
                           audit_payload_members<Events> <= 1) &&
                          ...)> {};
static_assert(audit_hiring_events_fit<any_event>::value,
              "hireguard: the audit's record holds a hiring event's time and one payload member, no more");

}  // namespace detail

namespace audit {

/// Whether the audit keeps an event of type `E` in its 48-byte record alone
/// (hiring's events: their time and their one payload member), or, for an
/// event it does not know (a host's, with members of its own), whole in a
/// table beside the records: correct for any event, compact for those it
/// knows.
///
///     static_assert(hireguard::audit::stored_inline_v<hireguard::event::log_work>);
///     static_assert(!hireguard::audit::stored_inline_v<acme::check_cleared>);   // has a report_id
template <class E>
inline constexpr bool stored_inline_v = detail::audit_is_alternative<E, any_event>::value;

/// The bytes the audit keeps for each decoded event until the replay (plus
/// the event itself for those not `stored_inline_v`).
///
///     static_assert(hireguard::audit::bytes_per_event == 48);
inline constexpr std::size_t bytes_per_event = sizeof(detail::audit_record);

/// A line that could not be decoded: its number (within the chunk while
/// decoding, from 0; then in the file, from 1), the field at fault ("" when
/// the line is not JSON at all) and why.
///
///     hireguard::audit::malformed_line m{48, "event", "unknown event \"hire\""};
struct malformed_line {
    std::uint64_t line = 0;
    std::string field;
    std::string reason;
};

/// What one chunk of the log turned into: its lines, blank and malformed,
/// and its events, sorted out by the thread that owns their candidacy.
///
///     hireguard::audit::decoded_chunk<hireguard::lifecycle> c;
///     decoder.decode(text, 0, 2, hireguard::audit::default_max_line_bytes, c);
///     // c.lines, c.blank, c.bad
template <auditable W>
struct decoded_chunk {
    /// Lines read, blank ones included.
    std::uint64_t lines = 0;
    /// Lines that hold only spaces, tabs or a carriage return.
    std::uint64_t blank = 0;
    /// The malformed lines, in line order.
    std::vector<malformed_line> bad;
    /// The events, one array per owning thread, in file order.
    std::vector<detail::audit_record_store> by_owner;
    /// The offers' terms, which do not fit in a record.
    std::vector<offer_terms> terms;
    /// The events not stored inline (`stored_inline_v`), whole.
    std::vector<event_variant_t<W>> aside;
    /// The ids of the events that carry one.
    detail::audit_ids ids;
};

}  // namespace audit

namespace detail {

// Stores an event in a record, and rebuilds it from the record to process it
// on a machine.
template <class W, class Variant = event_variant_t<W>>
struct audit_event_codec;
template <class W, class... Events>
struct audit_event_codec<W, std::variant<Events...>> {
    static_assert(sizeof...(Events) <= 256, "hireguard: the audit handles workflows of 256 events at most");
    using chunk = audit::decoded_chunk<W>;

    static void store(std::variant<Events...> const& e, audit_record& r, chunk& out) {
        r.kind = static_cast<std::uint8_t>(e.index());
        std::visit(
            [&](auto const& ev) {
                using E = std::decay_t<decltype(ev)>;
                r.at = ev.at->time_since_epoch().count();
                if constexpr (!audit::stored_inline_v<E>) {
                    r.payload = static_cast<std::int64_t>(out.aside.size());
                    out.aside.push_back(e);
                } else if constexpr (audit_with_terms<E>) {
                    r.payload = static_cast<std::int64_t>(out.terms.size());
                    out.terms.push_back(ev.terms);
                } else if constexpr (audit_with_minutes<E>) {
                    r.payload = ev.minutes.count();
                } else if constexpr (audit_with_amount<E>) {
                    r.payload = ev.amount.cents();
                } else if constexpr (audit_with_party<E>) {
                    r.payload = static_cast<std::int64_t>(ev.by);
                }
            },
            e);
    }

    // Rebuilds the event and processes it on `m`.
    template <class E>
    static verdict process_as(basic_machine<W>& m, audit_record const& r, chunk const& c) {
        if constexpr (!audit::stored_inline_v<E>) {
            return m.process(std::get<E>(c.aside[static_cast<std::size_t>(r.payload)]));
        } else {
            E e{};
            e.at = timestamp{std::chrono::seconds{r.at}};
            if constexpr (audit_with_terms<E>) {
                e.terms = c.terms[static_cast<std::size_t>(r.payload)];
            } else if constexpr (audit_with_minutes<E>) {
                e.minutes = std::chrono::minutes{r.payload};
            } else if constexpr (audit_with_amount<E>) {
                e.amount = cents(r.payload);
            } else if constexpr (audit_with_party<E>) {
                e.by = static_cast<party>(r.payload);
            }
            return m.process(e);
        }
    }
    static constexpr std::array<verdict (*)(basic_machine<W>&, audit_record const&, chunk const&), sizeof...(Events)>
        process = {&process_as<Events>...};
    // The events' names, by `kind`.
    static constexpr std::array<std::string_view, sizeof...(Events)> names = {Events::name...};
};

[[nodiscard]] inline bool audit_is_blank(std::string_view line) noexcept {
    if (!line.empty() && line.front() == '{') return false;  // the common case, at once
    return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

}  // namespace detail

namespace audit {

/// Decodes chunks of a log of workflow `W`, reusing its memory from chunk to
/// chunk: the decoder, and the chunk's events in file order before they are
/// sorted out by owner. One per thread.
///
///     hireguard::audit::chunk_decoder<hireguard::lifecycle> decoder;
///     hireguard::audit::decoded_chunk<hireguard::lifecycle> out;
///     decoder.decode("{\"job\":3,\"freelancer\":42,\"event\":\"invite\",\"at\":\"2026-01-05T10:00:00Z\"}\n",
///                    0, 1, hireguard::audit::default_max_line_bytes, out);
///     assert(out.lines == 1 && out.bad.empty());
template <auditable W>
class chunk_decoder {
public:
    /// Decodes `text`, chunk number `chunk` of the log, into `out`: blank and
    /// malformed lines counted and reported, events sorted out among
    /// `threads` owners (`owner_of`), in file order, into arrays of the exact
    /// size. A line longer than `max_line` is malformed; so is an event
    /// without a time.
    void decode(std::string_view text, std::uint32_t chunk, unsigned threads, std::size_t max_line,
                decoded_chunk<W>& out) {
        records_.clear();
        owners_.clear();
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
            if (detail::audit_is_blank(l)) {
                ++out.blank;
                continue;
            }
            basic_logged_event<W>& e = event_;
            // simdjson for the common lines; the event decoder for the
            // others, which names the field at fault.
            if (!reader_.read(l, text.size() - static_cast<std::size_t>(l.data() - text.data()), e)) {
                try {
                    decoder_.decode(l, e);
                } catch (json_error const& err) {
                    out.bad.push_back({this_line, err.field(), err.reason()});
                    continue;
                }
            }
            auto const at = std::visit([](auto const& ev) { return ev.at; }, e.event);
            if (!at) {
                out.bad.push_back({this_line, "at", "missing: the audit orders each candidacy's events by time"});
                continue;
            }
            std::uint64_t const h = candidacy_hash(e.job.value(), e.freelancer.value());
            detail::audit_record& r = records_.emplace_back();
            r.job = e.job.value();
            r.freelancer = e.freelancer.value();
            r.chunk = chunk;
            r.line = this_line;
            detail::audit_event_codec<W>::store(e.event, r, out);
            if (!e.id.empty()) r.id = out.ids.add(e.id);
            owners_.push_back(static_cast<std::uint16_t>(owner_of(h, threads)));
        }
        out.lines = line;
        // Sorted out by owner, in file order, into arrays of the exact size.
        counts_.assign(threads, 0);
        for (std::uint16_t const o : owners_) ++counts_[o];
        out.by_owner.resize(threads);
        for (unsigned u = 0; u < threads; ++u) out.by_owner[u].reserve(counts_[u]);
        if (out.ids.entries.empty()) {
            for (std::size_t i = 0; i < records_.size(); ++i) out.by_owner[owners_[i]].push_back(records_[i]);
            return;
        }
        // Each id learns where its record goes.
        for (std::size_t i = 0; i < records_.size(); ++i) {
            detail::audit_record_store& to = out.by_owner[owners_[i]];
            if (records_[i].id != 0) {
                detail::audit_id_entry& id = out.ids.entries[records_[i].id - 1];
                id.owner = owners_[i];
                id.record = static_cast<std::uint32_t>(to.size());
            }
            to.push_back(records_[i]);
        }
        out.ids.entries.shrink_to_fit();
        out.ids.text.shrink_to_fit();
    }

private:
    line_reader<W> reader_;
    basic_event_decoder<W> decoder_;
    basic_logged_event<W> event_;  // reused, with its id's memory
    std::vector<detail::audit_record> records_;
    std::vector<std::uint16_t> owners_;
    std::vector<std::size_t> counts_;
};

}  // namespace audit
}  // namespace hireguard

#endif
