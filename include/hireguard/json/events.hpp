// JSON encoding of events (Boost.JSON), one event per line of an event log:
//
//     {"job": 3, "freelancer": 42, "event": "log_work", "at": "2026-01-05T10:00:00Z", "minutes": 90}
//
// `job` and `freelancer` are unsigned integers, zero included; JSON's `-0` is
// the number zero and names id 0, on both decoding paths alike (a sign, a
// fraction or an exponent on any other value makes the line malformed).
// `id`, optional, is the event's id for idempotent delivery (a string;
// left out, null or "" for none). `event` is the event's name
// (`Event::name`), `at` its UTC timestamp (may be left out or null: the event
// then has no time of its own). The payload follows the event's members:
// `terms` (send_offer, modify_offer: an object, see json/values.hpp),
// `minutes` (log_work: an integer), `amount` (fund_milestone: cents),
// `by` (end_contract, leave_feedback: "client" or "freelancer"). Times lie in
// the accepted years (`in_accepted_years`: up to `latest_time`,
// 9999-12-31T23:59:59Z).
// Every member is required except `at`; unknown names and unknown fields are
// errors (`json_error`, naming the field). The payload's values are not judged
// here: zero minutes decode, and the engine's rules reject them.
//
// Generic over any workflow: an event's members are those its
// BOOST_DESCRIBE_STRUCT lists (json/codec.hpp says how each type is
// written), so a host's event with a member of its own, such as
// `"report_id": 7741`, is written and read with no code of the host's.
// Link `hireguard::json`.
#ifndef HIREGUARD_JSON_EVENTS_HPP
#define HIREGUARD_JSON_EVENTS_HPP

#include <algorithm>
#include <array>
#include <bit>
#include <chrono>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include <boost/json.hpp>
#include <boost/json/basic_parser_impl.hpp>

#include <hireguard/core/table.hpp>
#include <hireguard/hiring/lifecycle.hpp>
#include <hireguard/hiring/values.hpp>
#include <hireguard/json/values.hpp>

namespace hireguard {

/// One event of an event log with the candidacy it happened to.
///
///     hireguard::logged_event e{hireguard::job_id{3}, hireguard::freelancer_id{42},
///                               hireguard::event::log_work{.minutes = std::chrono::minutes{90}}};
template <workflow W = lifecycle>
struct basic_logged_event {
    job_id job{0};
    freelancer_id freelancer{0};
    event_variant_t<W> event{};
    /// The event's id, for idempotent delivery (`"id"`), or empty: a store
    /// applies an id once and reports a second delivery as a duplicate.
    std::string id{};
};

/// A logged event of the canonical lifecycle.
///
///     hireguard::logged_event e = hireguard::decode_event(R"({"job": 3, "freelancer": 42, "event": "invite"})");
using logged_event = basic_logged_event<lifecycle>;

namespace json_codec {

/// Whether an event type carries offer terms (`"terms"`).
///
///     static_assert(hireguard::json_codec::with_terms<hireguard::event::send_offer>);
template <class E>
concept with_terms = std::same_as<decltype(E::terms), offer_terms>;
/// Whether an event type carries a duration in minutes (`"minutes"`).
///
///     static_assert(hireguard::json_codec::with_minutes<hireguard::event::log_work>);
template <class E>
concept with_minutes = std::same_as<decltype(E::minutes), std::chrono::minutes>;
/// Whether an event type carries an amount of money (`"amount"`, in cents).
///
///     static_assert(hireguard::json_codec::with_amount<hireguard::event::fund_milestone>);
template <class E>
concept with_amount = std::same_as<decltype(E::amount), money>;
/// Whether an event type says which party fired it (`"by"`).
///
///     static_assert(hireguard::json_codec::with_party<hireguard::event::end_contract>);
template <class E>
concept with_party = std::same_as<decltype(E::by), party>;

}  // namespace json_codec

namespace detail {

// Fast paths for the common members: the field's path is built only when
// there is an error to report.
[[nodiscard]] inline std::uint64_t read_u64(boost::json::value const& v, std::string_view where, std::string_view key) {
    if (auto const* u = v.if_uint64()) return *u;
    if (auto const* i = v.if_int64(); i && *i >= 0) return static_cast<std::uint64_t>(*i);
    return json_codec::to_u64(v, json_codec::path(where, key));
}

[[nodiscard]] inline timestamp read_timestamp(boost::json::value const& v, std::string_view where) {
    if (auto const* s = v.if_string())
        if (auto t = parse_timestamp(std::string_view(*s))) return *t;
    return json_codec::to_timestamp(v, json_codec::path(where, "at"));
}

// The names an event's description lists, `at` included.
template <class Event>
[[nodiscard]] bool is_member_of(std::string_view key) noexcept {
    bool found = false;
    boost::mp11::mp_for_each<own_members<Event>>([&](auto d) { found = found || key == d.name; });
    return found;
}

// Whether `key` may appear in a log line of the workflow whose events are
// `Variant`: the candidacy, the event's name, or a member of some event.
template <class Variant>
struct line_keys;
template <class... Events>
struct line_keys<std::variant<Events...>> {
    [[nodiscard]] static bool known(std::string_view key) noexcept {
        return key == "job" || key == "freelancer" || key == "id" || key == "event" ||
               (is_member_of<Events>(key) || ...);
    }
};

// Every event is described whole (a member left out would be dropped from
// every line), with an optional timestamp `at` among its members.
template <class Event>
constexpr bool describable_event() {
    static_assert(boost::describe::has_describe_members<Event>::value,
                  "hireguard: describe the event with BOOST_DESCRIBE_STRUCT(Event, (), (at, ...)) to encode it");
    static_assert(fully_described<Event>(),
                  "hireguard: the event's BOOST_DESCRIBE_STRUCT leaves out a member, which no line would carry");
    static_assert(std::is_same_v<decltype(Event::at), std::optional<timestamp>>,
                  "hireguard: an event has a member `std::optional<hireguard::timestamp> at`");
    return true;
}

// Decodes `at` and the payload of Event from a line's object. Every member
// of the description is required except `at`; a member of another event is
// refused by name.
template <class Event>
[[nodiscard]] Event decode_payload(boost::json::object const& o, std::string_view where) {
    static_assert(describable_event<Event>());
    Event e = blank<Event>();
    if (auto const* at = o.if_contains("at"); at != nullptr && !at->is_null()) e.at = read_timestamp(*at, where);
    boost::mp11::mp_for_each<own_members<Event>>([&](auto d) {
        if constexpr (!std::is_same_v<std::remove_cvref_t<decltype(e.*d.pointer)>, std::optional<timestamp>>) {
            using member_type = std::remove_cvref_t<decltype(e.*d.pointer)>;
            auto const* v = o.if_contains(d.name);
            if (v == nullptr)
                throw json_error(json_codec::path(where, d.name), "missing: " + std::string(Event::name) + " needs it");
            e.*d.pointer = json_codec::payload_codec<member_type>::decode(*v, json_codec::path(where, d.name));
        }
    });
    for (auto const& kv : o) {
        std::string_view const k = kv.key();
        if (k == "job" || k == "freelancer" || k == "id" || k == "event" || is_member_of<Event>(k)) continue;
        throw json_error(json_codec::path(where, k), "not a field of " + std::string(Event::name));
    }
    return e;
}

template <class Variant>
struct event_table;

template <class... Events>
struct event_table<std::variant<Events...>> {
    using variant = std::variant<Events...>;
    using decoder = variant (*)(boost::json::object const&, std::string_view);
    struct entry {
        std::string_view name;
        std::size_t index;
    };

    // A hash table of the names, built at compile time: a lookup hashes
    // three characters and compares one name, and allocates nothing.
    static constexpr std::size_t slots = std::bit_ceil(4 * sizeof...(Events));
    static constexpr std::size_t hash(std::string_view n) noexcept {
        return (n.size() * 0x9E37U + std::size_t{static_cast<unsigned char>(n[0])} * 0x3BU +
                std::size_t{static_cast<unsigned char>(n[n.size() / 2])} * 0x1FU) &
               (slots - 1);
    }
    static constexpr std::array<entry, slots> by_name = [] {
        std::array<entry, slots> table{};
        std::size_t i = 0;
        for (std::string_view n : {Events::name...}) {
            std::size_t h = hash(n);
            while (!table[h].name.empty()) h = (h + 1) & (slots - 1);
            table[h] = entry{n, i++};
        }
        return table;
    }();
    static constexpr bool names_unique() {
        std::array<std::string_view, sizeof...(Events)> names{Events::name...};
        for (std::size_t i = 0; i < names.size(); ++i)
            for (std::size_t j = i + 1; j < names.size(); ++j)
                if (names[i] == names[j] || names[i].empty()) return false;
        return true;
    }
    static_assert(names_unique(), "hireguard: every event of the workflow needs a name of its own");

    template <class Event>
    static variant decode_as(boost::json::object const& o, std::string_view where) {
        return variant(std::in_place_type<Event>, decode_payload<Event>(o, where));
    }
    static constexpr std::array<decoder, sizeof...(Events)> decoders = {&decode_as<Events>...};

    static constexpr std::optional<std::size_t> find(std::string_view name) noexcept {
        if (name.empty()) return std::nullopt;
        for (std::size_t h = hash(name);; h = (h + 1) & (slots - 1)) {
            entry const& e = by_name[h];
            if (e.name.empty()) return std::nullopt;
            if (e.name == name) return e.index;
        }
    }
};

// Whether the 14 places of digits in "YYYY-MM-DDTHH:MM:SSZ" hold digits,
// eight bytes at a time (bytes 0-7, 8-15, 12-19): the bytes that must be
// digits are tested all at once, the separators' places set to '0'. A byte
// is a digit when neither x - '0' borrows nor x + 0x46 reaches 0x80; the
// lowest byte that is not one is always caught (a borrow or a carry only
// moves up from a byte that fails).
[[nodiscard]] inline bool timestamp_digits(char const* p) noexcept {
    constexpr std::uint64_t ones = 0x0101010101010101ULL;
    constexpr std::uint64_t highs = 0x8080808080808080ULL;
    auto load = [p](std::size_t at) {
        std::uint64_t w = 0;
        std::memcpy(&w, p + at, 8);
        return w;
    };
    auto digits = [&](std::uint64_t w, std::uint64_t separators) {
        std::uint64_t const x = (w & ~separators) | (separators & (ones * '0'));
        return (((x - ones * '0') | (x + ones * 0x46)) & highs) == 0;
    };
    // Byte i of a word is bits 8i to 8i+7: the caller reads words so only on
    // a little-endian machine.
    return digits(load(0), 0xFF0000FF00000000ULL) &&  // bytes 4 and 7: '-'
           digits(load(8), 0x0000FF0000FF0000ULL) &&  // bytes 10 and 13: 'T', ':'
           digits(load(12), 0xFF0000FF0000FF00ULL);   // bytes 13, 16 and 19: ':', ':', 'Z'
}

// Timestamps as json/values.hpp's parse_timestamp reads them (the same
// strings accepted, the same values), with the calendar arithmetic done
// directly: it is on the hot path of every line.
[[nodiscard]] constexpr std::optional<timestamp> parse_timestamp_fast(std::string_view s) noexcept {
    if (s.size() != 20) return std::nullopt;
    char const* const p = s.data();
    if (p[4] != '-' || p[7] != '-' || p[10] != 'T' || p[13] != ':' || p[16] != ':' || p[19] != 'Z') return std::nullopt;
    auto digit = [p](std::size_t i) { return static_cast<unsigned>(static_cast<unsigned char>(p[i])) - '0'; };
    auto two = [&](std::size_t i) { return digit(i) * 10 + digit(i + 1); };
    if (std::is_constant_evaluated() || std::endian::native != std::endian::little) {
        // A character below '0' wraps around to a large value, so one test
        // per digit catches both sides.
        auto bad = [&](std::size_t i) { return digit(i) > 9 ? 1U : 0U; };
        if ((bad(0) | bad(1) | bad(2) | bad(3) | bad(5) | bad(6) | bad(8) | bad(9) | bad(11) | bad(12) | bad(14) |
             bad(15) | bad(17) | bad(18)) != 0)
            return std::nullopt;
    } else if (!timestamp_digits(p)) {
        return std::nullopt;
    }
    unsigned const y = two(0) * 100 + two(2);
    unsigned const mo = two(5);
    unsigned const d = two(8);
    unsigned const h = two(11);
    unsigned const mi = two(14);
    unsigned const se = two(17);
    if (mo - 1 > 11 || d == 0 || h > 23 || mi > 59 || se > 59) return std::nullopt;
    bool const leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    // Days in each month, two bits above 28 per month.
    unsigned const days_in_month = 28 + ((0xEEFBB3U >> (2 * (mo - 1))) & 3) + (mo == 2 && leap ? 1 : 0);
    if (d > days_in_month) return std::nullopt;
    // Days since 1970-01-01 (H. Hinnant's days_from_civil), in signed
    // arithmetic: the year may be anything from 0000 here.
    long long const yy = static_cast<long long>(y) - (mo <= 2 ? 1 : 0);
    long long const era = (yy >= 0 ? yy : yy - 399) / 400;
    long long const yoe = yy - era * 400;
    long long const doy = (153 * (mo > 2 ? mo - 3 : mo + 9) + 2) / 5 + d - 1;
    long long const doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    long long const days = era * 146097 + doe - 719468;
    timestamp const t{std::chrono::seconds{days * 86400 + static_cast<long long>(h * 3600 + mi * 60 + se)}};
    // The years the whole library accepts, by its one predicate.
    if (!in_accepted_years(t)) return std::nullopt;
    return t;
}

// Whether `s` is the string literal `lit`; the comparison of a known length
// compiles to a few loads.
template <std::size_t N>
[[nodiscard]] inline bool is(std::string_view s, char const (&lit)[N]) noexcept {
    return s.size() == N - 1 && std::memcmp(s.data(), lit, N - 1) == 0;
}

// The values of one log line, read by `fast_reader`.
struct fast_fields {
    std::uint64_t job = 0;
    std::uint64_t freelancer = 0;
    std::size_t event = 0;
    std::optional<timestamp> at;
    std::int64_t minutes = 0;
    money amount{};
    party by = party::client;
    offer_terms terms{};
    std::string id;
    unsigned seen = 0;  // bits of `key`
};

// Boost.JSON's SAX parser calls this for each token of a line. It reads the
// common, well-formed lines without building a DOM; at anything unusual
// (an unknown or repeated field, a value of another type, an escaped string,
// an array) it stops, and the line is decoded again through the DOM, which
// names the field at fault. It accepts only what the DOM decoding accepts,
// with the same result.
template <class Variant>
struct fast_reader {
    enum key : unsigned {
        k_job = 1U << 0,
        k_freelancer = 1U << 1,
        k_event = 1U << 2,
        k_at = 1U << 3,
        k_minutes = 1U << 4,
        k_amount = 1U << 5,
        k_by = 1U << 6,
        k_terms = 1U << 7,
        t_kind = 1U << 8,
        t_hourly_rate = 1U << 9,
        t_first_milestone = 1U << 10,
        t_start_date = 1U << 11,
        k_id = 1U << 12,
    };
    static constexpr std::size_t max_array_size = static_cast<std::size_t>(-1);
    static constexpr std::size_t max_object_size = static_cast<std::size_t>(-1);
    static constexpr std::size_t max_string_size = static_cast<std::size_t>(-1);
    static constexpr std::size_t max_key_size = static_cast<std::size_t>(-1);

    fast_fields f;
    unsigned current = 0;
    int depth = 0;

    // Ready for the next line. Members whose bit in `seen` is clear are not
    // read, so only these need resetting.
    void start() noexcept {
        f.seen = 0;
        f.at.reset();
        f.terms = offer_terms{};
        current = 0;
        depth = 0;
    }

    static bool stop(boost::system::error_code& ec) {
        ec = boost::json::error::syntax;
        return false;
    }
    bool on_document_begin(boost::system::error_code& /*ec*/) { return true; }
    bool on_document_end(boost::system::error_code& /*ec*/) { return true; }
    bool on_array_begin(boost::system::error_code& ec) { return stop(ec); }
    bool on_array_end(std::size_t /*n*/, boost::system::error_code& ec) { return stop(ec); }
    bool on_object_begin(boost::system::error_code& ec) {
        if (depth == 0 || (depth == 1 && current == k_terms)) {
            ++depth;
            return true;
        }
        return stop(ec);
    }
    bool on_object_end(std::size_t /*n*/, boost::system::error_code& /*ec*/) {
        --depth;
        return true;
    }
    bool on_string_part(std::string_view /*s*/, std::size_t /*n*/, boost::system::error_code& ec) { return stop(ec); }
    bool on_key_part(std::string_view /*s*/, std::size_t /*n*/, boost::system::error_code& ec) { return stop(ec); }
    bool on_number_part(std::string_view /*s*/, boost::system::error_code& /*ec*/) { return true; }
    bool on_comment_part(std::string_view /*s*/, boost::system::error_code& ec) { return stop(ec); }
    bool on_comment(std::string_view /*s*/, boost::system::error_code& ec) { return stop(ec); }
    bool on_double(double /*d*/, std::string_view /*s*/, boost::system::error_code& ec) { return stop(ec); }
    bool on_bool(bool /*b*/, boost::system::error_code& ec) { return stop(ec); }

    bool on_key(std::string_view k, std::size_t /*n*/, boost::system::error_code& ec) {
        unsigned id = 0;
        if (depth == 1) {
            if (is(k, "event")) {
                id = k_event;
            } else if (is(k, "job")) {
                id = k_job;
            } else if (is(k, "freelancer")) {
                id = k_freelancer;
            } else if (is(k, "at")) {
                id = k_at;
            } else if (is(k, "id")) {
                id = k_id;
            } else if (is(k, "minutes")) {
                id = k_minutes;
            } else if (is(k, "terms")) {
                id = k_terms;
            } else if (is(k, "amount")) {
                id = k_amount;
            } else if (is(k, "by")) {
                id = k_by;
            }
        } else if (is(k, "kind")) {
            id = t_kind;
        } else if (is(k, "hourly_rate")) {
            id = t_hourly_rate;
        } else if (is(k, "first_milestone")) {
            id = t_first_milestone;
        } else if (is(k, "start_date")) {
            id = t_start_date;
        }
        if (id == 0 || (f.seen & id) != 0) return stop(ec);
        f.seen |= id;
        current = id;
        return true;
    }

    bool on_string(std::string_view s, std::size_t /*n*/, boost::system::error_code& ec) {
        switch (current) {
            case k_id:
                // ASCII only: the DOM decides whether other bytes are UTF-8.
                for (char const c : s)
                    if (static_cast<unsigned char>(c) >= 0x80) return stop(ec);
                f.id.assign(s);
                return true;
            case k_event:
                if (auto i = event_table<Variant>::find(s)) {
                    f.event = *i;
                    return true;
                }
                return stop(ec);
            case k_at:
                if (auto t = parse_timestamp_fast(s)) {
                    f.at = *t;
                    return true;
                }
                return stop(ec);
            case k_by:
                if (is(s, "client") || is(s, "freelancer")) {
                    f.by = is(s, "client") ? party::client : party::freelancer;
                    return true;
                }
                return stop(ec);
            case t_kind:
                if (is(s, "hourly") || is(s, "fixed_price")) {
                    f.terms.kind = is(s, "hourly") ? contract_kind::hourly : contract_kind::fixed_price;
                    return true;
                }
                return stop(ec);
            case t_start_date:
                if (auto t = parse_timestamp_fast(s)) {
                    f.terms.start_date = *t;
                    return true;
                }
                return stop(ec);
            default:
                return stop(ec);
        }
    }

    bool on_int64(std::int64_t i, std::string_view /*s*/, boost::system::error_code& ec) {
        switch (current) {
            case k_minutes:
                f.minutes = i;
                return true;
            default:
                if (i < 0) return stop(ec);
                return on_uint64(static_cast<std::uint64_t>(i), {}, ec);
        }
    }

    bool on_uint64(std::uint64_t u, std::string_view /*s*/, boost::system::error_code& ec) {
        switch (current) {
            case k_job:
                f.job = u;
                return true;
            case k_freelancer:
                f.freelancer = u;
                return true;
            default:
                break;
        }
        if (u > static_cast<std::uint64_t>(INT64_MAX)) return stop(ec);
        money const m = cents(static_cast<std::int64_t>(u));
        switch (current) {
            case k_amount:
                f.amount = m;
                return true;
            case t_hourly_rate:
                f.terms.hourly_rate = m;
                return true;
            case t_first_milestone:
                f.terms.first_milestone = m;
                return true;
            default:
                return stop(ec);
        }
    }

    // A null `at` is no timestamp; null terms fields other than `kind` are left out.
    bool on_null(boost::system::error_code& ec) {
        if (current == k_at || current == t_hourly_rate || current == t_first_milestone || current == t_start_date)
            return true;
        return stop(ec);
    }
};

// The event of fast-read fields, or nothing when its members do not match
// its payload (the DOM decoding then says which).
// Whether every member of Event is one the fast reader reads (`at`, `terms`,
// `minutes`, `amount`, `by`); a host's event with another member is read
// through the DOM.
template <class Event>
constexpr bool fast_readable() {
    constexpr std::size_t described = boost::mp11::mp_size<own_members<Event>>::value;
    constexpr std::size_t fast = 1 + (json_codec::with_terms<Event> ? 1 : 0) +
                                 (json_codec::with_minutes<Event> ? 1 : 0) + (json_codec::with_amount<Event> ? 1 : 0) +
                                 (json_codec::with_party<Event> ? 1 : 0);
    return described == fast;
}

template <class Event>
[[nodiscard]] bool build_fast(fast_fields const& f, Event& e) {
    using namespace json_codec;
    using reader = fast_reader<std::variant<Event>>;
    auto const has = [&](unsigned bit) { return (f.seen & bit) != 0; };
    if (!fast_readable<Event>() || has(reader::k_terms) != with_terms<Event> ||
        has(reader::k_minutes) != with_minutes<Event> || has(reader::k_amount) != with_amount<Event> ||
        has(reader::k_by) != with_party<Event>)
        return false;
    e.at = f.at;
    if constexpr (with_terms<Event>) {
        if (!has(reader::t_kind)) return false;
        e.terms = f.terms;
    }
    if constexpr (with_minutes<Event>) e.minutes = std::chrono::minutes{f.minutes};
    if constexpr (with_amount<Event>) e.amount = f.amount;
    if constexpr (with_party<Event>) e.by = f.by;
    return true;
}

template <class Variant>
struct fast_builders;
template <class... Events>
struct fast_builders<std::variant<Events...>> {
    using variant = std::variant<Events...>;
    template <class Event>
    static bool build_into(fast_fields const& f, variant& out) {
        Event e = blank<Event>();
        if (!build_fast(f, e)) return false;
        out = e;
        return true;
    }
    static constexpr std::array<bool (*)(fast_fields const&, variant&), sizeof...(Events)> table = {
        &build_into<Events>...};
};

// The event of a line's object. Keys are checked first, so that a misspelt
// key is reported before anything else, then the event's name, then its members.
template <workflow W>
[[nodiscard]] event_variant_t<W> decode_event_object(boost::json::object const& o, std::string_view where) {
    using table = event_table<event_variant_t<W>>;
    for (auto const& kv : o)
        if (!line_keys<event_variant_t<W>>::known(kv.key()))
            throw json_error(json_codec::path(where, kv.key()), "unknown field");
    auto const* event = o.if_contains("event");
    if (event == nullptr) throw json_error(json_codec::path(where, "event"), "missing");
    auto const name = json_codec::to_string_view(*event, json_codec::path(where, "event"));
    auto const index = table::find(name);
    if (!index) throw json_error(json_codec::path(where, "event"), "unknown event \"" + std::string(name) + "\"");
    return table::decoders[*index](o, where);
}

// The candidacy is read after the event, so that an unknown event name is
// reported before anything else.
template <workflow W>
void decode_logged(boost::json::object const& o, std::string_view where, basic_logged_event<W>& out) {
    out.event = decode_event_object<W>(o, where);
    auto const* job = o.if_contains("job");
    auto const* freelancer = o.if_contains("freelancer");
    if (job == nullptr) throw json_error(json_codec::path(where, "job"), "missing");
    if (freelancer == nullptr) throw json_error(json_codec::path(where, "freelancer"), "missing");
    out.job = job_id{read_u64(*job, where, "job")};
    out.freelancer = freelancer_id{read_u64(*freelancer, where, "freelancer")};
    if (auto const* id = o.if_contains("id"); id != nullptr && !id->is_null()) {
        out.id.assign(json_codec::to_string_view(*id, json_codec::path(where, "id")));
    } else {
        out.id.clear();
    }
}

// `event`, then `at` when the event has a time, then the payload's members
// in the order of the description.
template <class Event>
void encode_event_members(boost::json::object& o, Event const& e) {
    static_assert(describable_event<Event>());
    o["event"] = Event::name;
    if (e.at) o["at"] = json_codec::encode(*e.at, "at");
    boost::mp11::mp_for_each<own_members<Event>>([&](auto d) {
        using member_type = std::remove_cvref_t<decltype(e.*d.pointer)>;
        if constexpr (!std::is_same_v<member_type, std::optional<timestamp>>)
            o[d.name] = json_codec::payload_codec<member_type>::encode(e.*d.pointer, d.name);
    });
}

}  // namespace detail

namespace json_codec {

/// The position of the event named `name` in `event_variant_t<W>`, or nothing
/// for a name that is not one of the workflow's events. Allocates nothing.
///
///     auto i = hireguard::json_codec::event_index<hireguard::lifecycle>("log_work");
///     // hireguard::any_event(std::in_place_index<*i>, ...) is a log_work
template <workflow W>
[[nodiscard]] constexpr std::optional<std::size_t> event_index(std::string_view name) noexcept {
    return hireguard::detail::event_table<event_variant_t<W>>::find(name);
}

/// An event of `W` from a JSON object with `event`, `at` and the payload.
/// Other members (`job`, `freelancer`) are allowed and ignored; any further
/// member is an error.
///
///     auto e = hireguard::json_codec::to_event<hireguard::lifecycle>(
///         boost::json::parse(R"({"event": "log_work", "minutes": 90})"), "");
template <workflow W = lifecycle>
[[nodiscard]] event_variant_t<W> to_event(boost::json::value const& v, std::string_view where) {
    return hireguard::detail::decode_event_object<W>(as_object(v, where), where);
}

/// A line of an event log: the candidacy (`job`, `freelancer`) and the event.
///
///     auto e = hireguard::json_codec::to_logged_event<hireguard::lifecycle>(boost::json::parse(
///         R"({"job": 3, "freelancer": 42, "event": "invite", "at": "2026-01-05T10:00:00Z"})"), "");
template <workflow W = lifecycle>
[[nodiscard]] basic_logged_event<W> to_logged_event(boost::json::value const& v, std::string_view where) {
    basic_logged_event<W> out;
    hireguard::detail::decode_logged(as_object(v, where), where, out);
    return out;
}

/// An event as a JSON object: `event`, `at` when the event has a time, and
/// the payload.
///
///     hireguard::json_codec::from_event(hireguard::event::log_work{.minutes = std::chrono::minutes{90}})
///     // {"event":"log_work","minutes":90}
template <class Event>
requires requires {
    Event::name;
}
[[nodiscard]] boost::json::object from_event(Event const& e) {
    boost::json::object o;
    hireguard::detail::encode_event_members(o, e);
    return o;
}

/// An event held in a workflow's event variant, as a JSON object.
///
///     hireguard::any_event e = hireguard::event::invite{};
///     hireguard::json_codec::from_event(e);   // {"event":"invite"}
template <class... Events>
[[nodiscard]] boost::json::object from_event(std::variant<Events...> const& e) {
    return std::visit([](auto const& ev) { return from_event(ev); }, e);
}

/// A logged event as a JSON object: `job`, `freelancer`, then the event.
///
///     hireguard::json_codec::from_logged_event(hireguard::logged_event{
///         hireguard::job_id{3}, hireguard::freelancer_id{42}, hireguard::event::invite{}});
///     // {"job":3,"freelancer":42,"event":"invite"}
template <workflow W>
[[nodiscard]] boost::json::object from_logged_event(basic_logged_event<W> const& e) {
    boost::json::object o;
    o["job"] = e.job.value();
    o["freelancer"] = e.freelancer.value();
    if (!e.id.empty()) o["id"] = e.id;
    std::visit([&](auto const& ev) { hireguard::detail::encode_event_members(o, ev); }, e.event);
    return o;
}

}  // namespace json_codec

/// One line of an event log, decoded. Throws `json_error` naming the field at
/// fault; malformed JSON has the field "".
///
///     auto e = hireguard::decode_event(R"({"job": 3, "freelancer": 42, "event": "log_work",
///                                          "at": "2026-01-05T10:00:00Z", "minutes": 90})");
///     assert(std::holds_alternative<hireguard::event::log_work>(e.event));
template <workflow W = lifecycle>
[[nodiscard]] basic_logged_event<W> decode_event(std::string_view line) {
    boost::system::error_code ec;
    auto const v = boost::json::parse(line, ec);
    if (ec) throw json_error("", "invalid JSON: " + ec.message());
    return json_codec::to_logged_event<W>(v, "");
}

/// One line of an event log, without the newline.
///
///     hireguard::encode_event(hireguard::logged_event{hireguard::job_id{3}, hireguard::freelancer_id{42},
///                                                     hireguard::event::pause{}});
///     // {"job":3,"freelancer":42,"event":"pause"}
template <workflow W>
[[nodiscard]] std::string encode_event(basic_logged_event<W> const& e) {
    return boost::json::serialize(json_codec::from_logged_event(e));
}

/// Decodes log lines one after another, reusing its parsers and memory; it
/// allocates nothing for a well-formed line. Well-formed lines are read by
/// Boost.JSON's SAX parser straight into the event; any other line is decoded
/// again through a DOM, with the same result as `decode_event`, errors included.
/// Not thread-safe: one decoder per thread.
///
///     hireguard::event_decoder decoder;
///     for (std::string line; std::getline(in, line);) {
///         hireguard::logged_event e = decoder.decode(line);   // throws json_error
///     }
template <workflow W = lifecycle>
class basic_event_decoder {
public:
    basic_event_decoder() : parser_(boost::json::storage_ptr(), {}, parse_buffer_.data(), parse_buffer_.size()) {}
    basic_event_decoder(basic_event_decoder const&) = delete;
    basic_event_decoder& operator=(basic_event_decoder const&) = delete;

    /// The event of one line. Throws `json_error`.
    [[nodiscard]] basic_logged_event<W> decode(std::string_view line) {
        basic_logged_event<W> out;
        decode(line, out);
        return out;
    }

    /// Decodes one line into `out`. Throws `json_error`; `out` is then unspecified.
    void decode(std::string_view line, basic_logged_event<W>& out) {
        if (decode_fast(line, out)) return;
        // The line's DOM lives in a monotonic resource made afresh for each
        // line, on the same initial buffer. Releasing one resource and using
        // it again would not do: in Boost 1.81 release() keeps the size of the
        // next block, which doubles with every block allocated, so a reused
        // resource asked for twice as much on each long malformed line and
        // threw std::bad_alloc from the 23rd 5 KB line on.
        parser_.reset();  // drops anything left in the previous resource
        values_.emplace(value_buffer_.data(), value_buffer_.size());
        parser_.reset(boost::json::storage_ptr(&*values_));
        boost::system::error_code ec;
        parser_.write(line.data(), line.size(), ec);
        if (ec) throw json_error("", "invalid JSON: " + ec.message());
        boost::json::value const v = parser_.release();
        hireguard::detail::decode_logged(json_codec::as_object(v, ""), "", out);
    }

private:
    using reader = hireguard::detail::fast_reader<event_variant_t<W>>;

    // Boost.JSON's SAX parser straight into the event, for well-formed lines.
    bool decode_fast(std::string_view line, basic_logged_event<W>& out) {
        fast_.reset();
        fast_.handler().start();
        boost::system::error_code ec;
        std::size_t const used = fast_.write_some(false, line.data(), line.size(), ec);
        if (ec || !fast_.done()) return false;
        if (line.find_first_not_of(" \t\r\n", used) != std::string_view::npos) return false;
        auto const& f = fast_.handler().f;
        unsigned const needed = reader::k_job | reader::k_freelancer | reader::k_event;
        if ((f.seen & needed) != needed) return false;
        if (!hireguard::detail::fast_builders<event_variant_t<W>>::table[f.event](f, out.event)) return false;
        out.job = job_id{f.job};
        out.freelancer = freelancer_id{f.freelancer};
        if ((f.seen & reader::k_id) != 0) {
            out.id.assign(f.id);
        } else {
            out.id.clear();
        }
        return true;
    }

    // The reader compares every string it accepts with ASCII names and
    // timestamps, so Boost.JSON need not check UTF-8 on this path: a line
    // with invalid UTF-8 matches nothing, and the DOM decoding rejects it.
    static boost::json::parse_options fast_options() noexcept {
        boost::json::parse_options o;
        o.allow_invalid_utf8 = true;
        return o;
    }
    boost::json::basic_parser<reader> fast_{fast_options()};
    std::array<unsigned char, 1024> parse_buffer_{};
    std::array<unsigned char, 4096> value_buffer_{};
    std::optional<boost::json::monotonic_resource> values_;
    boost::json::parser parser_;
};

/// The decoder of the canonical lifecycle's event logs.
///
///     hireguard::event_decoder decoder;
///     hireguard::logged_event e = decoder.decode(R"({"job": 3, "freelancer": 42, "event": "invite"})");
using event_decoder = basic_event_decoder<lifecycle>;

// Linked with hireguard::codecs, the canonical lifecycle's codecs are compiled
// once in that library (src/json/codecs.cpp): a translation unit that uses
// them instantiates none of them.
#if defined(HIREGUARD_COMPILED_CODECS)
extern template basic_logged_event<lifecycle> decode_event<lifecycle>(std::string_view);
extern template std::string encode_event<lifecycle>(basic_logged_event<lifecycle> const&);
#endif

}  // namespace hireguard

#endif
