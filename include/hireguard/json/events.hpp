// JSON encoding of events (Boost.JSON), one event per line of an event log:
//
//     {"job": 3, "freelancer": 42, "event": "log_work", "at": "2026-01-05T10:00:00Z", "minutes": 90}
//
// `job` and `freelancer` are unsigned integers, `event` is the event's name
// (`Event::name`), `at` its UTC timestamp (may be left out or null: the event
// then has no time of its own). The payload follows the event's members:
// `terms` (send_offer, modify_offer: an object, see json/values.hpp),
// `minutes` (log_work: an integer), `amount` (fund_milestone: cents),
// `by` (end_contract, leave_feedback: "client" or "freelancer").
// Every member is required except `at`; unknown names and unknown fields are
// errors (`json_error`, naming the field). The payload's values are not judged
// here: zero minutes decode, and the engine's rules reject them.
//
// Generic over workflows whose events carry only these members. Link
// `hireguard::json`.
#ifndef HIREGUARD_JSON_EVENTS_HPP
#define HIREGUARD_JSON_EVENTS_HPP

#include <algorithm>
#include <array>
#include <chrono>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include <boost/json.hpp>

#include <hireguard/json/values.hpp>
#include <hireguard/table.hpp>
#include <hireguard/values.hpp>

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
};

/// A logged event of the canonical lifecycle.
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

namespace detail {

// The members of one log line, gathered in a single pass over the object.
struct event_fields {
    boost::json::value const* job = nullptr;
    boost::json::value const* freelancer = nullptr;
    boost::json::value const* event = nullptr;
    boost::json::value const* at = nullptr;
    boost::json::value const* terms = nullptr;
    boost::json::value const* minutes = nullptr;
    boost::json::value const* amount = nullptr;
    boost::json::value const* by = nullptr;
};

inline event_fields gather(boost::json::object const& o, std::string_view where) {
    event_fields f;
    for (auto const& kv : o) {
        std::string_view const k = kv.key();
        boost::json::value const* const v = &kv.value();
        if (k == "event") {
            f.event = v;
        } else if (k == "job") {
            f.job = v;
        } else if (k == "freelancer") {
            f.freelancer = v;
        } else if (k == "at") {
            f.at = v;
        } else if (k == "minutes") {
            f.minutes = v;
        } else if (k == "terms") {
            f.terms = v;
        } else if (k == "amount") {
            f.amount = v;
        } else if (k == "by") {
            f.by = v;
        } else {
            throw json_error(path(where, k), "unknown field");
        }
    }
    return f;
}

// Fast paths for the common members: the field's path is built only when
// there is an error to report.
[[nodiscard]] inline std::uint64_t read_u64(boost::json::value const& v, std::string_view where, std::string_view key) {
    if (auto const* u = v.if_uint64()) return *u;
    if (auto const* i = v.if_int64(); i && *i >= 0) return static_cast<std::uint64_t>(*i);
    return to_u64(v, path(where, key));
}

[[nodiscard]] inline timestamp read_timestamp(boost::json::value const& v, std::string_view where) {
    if (auto const* s = v.if_string())
        if (auto t = parse_timestamp(std::string_view(*s))) return *t;
    return to_timestamp(v, path(where, "at"));
}

template <class Event>
void refuse_foreign(boost::json::value const* v, std::string_view key, std::string_view where) {
    if (v != nullptr) throw json_error(path(where, key), "not a field of " + std::string(Event::name));
}

template <class Event>
[[nodiscard]] boost::json::value const& required(boost::json::value const* v, std::string_view key,
                                                 std::string_view where) {
    if (v == nullptr) throw json_error(path(where, key), "missing: " + std::string(Event::name) + " needs it");
    return *v;
}

// Decodes `at` and the payload of Event from gathered fields.
template <class Event>
[[nodiscard]] Event decode_payload(event_fields const& f, std::string_view where) {
    Event e{};
    if (f.at != nullptr && !f.at->is_null()) e.at = read_timestamp(*f.at, where);
    if constexpr (with_terms<Event>) {
        e.terms = to_terms(required<Event>(f.terms, "terms", where), path(where, "terms"));
    } else {
        refuse_foreign<Event>(f.terms, "terms", where);
    }
    if constexpr (with_minutes<Event>) {
        auto const& m = required<Event>(f.minutes, "minutes", where);
        auto const* i = m.if_int64();
        e.minutes = std::chrono::minutes{i != nullptr ? *i : to_i64(m, path(where, "minutes"))};
    } else {
        refuse_foreign<Event>(f.minutes, "minutes", where);
    }
    if constexpr (with_amount<Event>) {
        e.amount = to_money(required<Event>(f.amount, "amount", where), path(where, "amount"));
    } else {
        refuse_foreign<Event>(f.amount, "amount", where);
    }
    if constexpr (with_party<Event>) {
        e.by = to_party(required<Event>(f.by, "by", where), path(where, "by"));
    } else {
        refuse_foreign<Event>(f.by, "by", where);
    }
    return e;
}

template <class Variant>
struct event_table;

template <class... Events>
struct event_table<std::variant<Events...>> {
    using variant = std::variant<Events...>;
    using decoder = variant (*)(event_fields const&, std::string_view);
    struct entry {
        std::string_view name;
        std::size_t index;
    };

    // Names sorted at compile time, so that a lookup is a binary search that
    // allocates nothing.
    static constexpr std::array<entry, sizeof...(Events)> by_name = [] {
        std::size_t i = 0;
        std::array<entry, sizeof...(Events)> a{entry{Events::name, i++}...};
        std::sort(a.begin(), a.end(), [](entry const& x, entry const& y) { return x.name < y.name; });
        return a;
    }();
    static_assert(std::adjacent_find(by_name.begin(), by_name.end(),
                                     [](entry const& x, entry const& y) { return x.name == y.name; }) == by_name.end(),
                  "hireguard: two events of the workflow have the same name");

    static constexpr std::array<decoder, sizeof...(Events)> decoders = {
        +[](event_fields const& f, std::string_view where) -> variant {
            return variant(std::in_place_type<Events>, decode_payload<Events>(f, where));
        }...};

    static constexpr std::optional<std::size_t> find(std::string_view name) noexcept {
        auto const* it = std::lower_bound(by_name.begin(), by_name.end(), name,
                                          [](entry const& x, std::string_view n) { return x.name < n; });
        if (it == by_name.end() || it->name != name) return std::nullopt;
        return it->index;
    }
};

template <workflow W>
[[nodiscard]] event_variant_t<W> decode_event_fields(event_fields const& f, std::string_view where) {
    using table = event_table<event_variant_t<W>>;
    if (f.event == nullptr) throw json_error(path(where, "event"), "missing");
    auto const name = to_string_view(*f.event, path(where, "event"));
    auto const index = table::find(name);
    if (!index) throw json_error(path(where, "event"), "unknown event \"" + std::string(name) + "\"");
    return table::decoders[*index](f, where);
}

// The candidacy is read after the event, so that an unknown event name is
// reported before anything else.
template <workflow W>
void decode_logged(boost::json::object const& o, std::string_view where, basic_logged_event<W>& out) {
    auto const f = gather(o, where);
    out.event = decode_event_fields<W>(f, where);
    if (f.job == nullptr) throw json_error(path(where, "job"), "missing");
    if (f.freelancer == nullptr) throw json_error(path(where, "freelancer"), "missing");
    out.job = job_id{read_u64(*f.job, where, "job")};
    out.freelancer = freelancer_id{read_u64(*f.freelancer, where, "freelancer")};
}

template <class Event>
void encode_payload(boost::json::object& o, Event const& e) {
    if (e.at) o["at"] = to_string(*e.at);
    if constexpr (with_terms<Event>) o["terms"] = from_terms(e.terms);
    if constexpr (with_minutes<Event>) o["minutes"] = static_cast<std::int64_t>(e.minutes.count());
    if constexpr (with_amount<Event>) o["amount"] = e.amount.cents();
    if constexpr (with_party<Event>) o["by"] = to_string(e.by);
}

}  // namespace detail

/// The position of the event named `name` in `event_variant_t<W>`, or nothing
/// for a name that is not one of the workflow's events. Allocates nothing.
///
///     auto i = hireguard::json_codec::event_index<hireguard::lifecycle>("log_work");
///     // hireguard::any_event(std::in_place_index<*i>, ...) is a log_work
template <workflow W>
[[nodiscard]] constexpr std::optional<std::size_t> event_index(std::string_view name) noexcept {
    return detail::event_table<event_variant_t<W>>::find(name);
}

/// An event of `W` from a JSON object with `event`, `at` and the payload.
/// Other members (`job`, `freelancer`) are allowed and ignored; any further
/// member is an error.
///
///     auto e = hireguard::json_codec::to_event<hireguard::lifecycle>(
///         boost::json::parse(R"({"event": "log_work", "minutes": 90})"), "");
template <workflow W = lifecycle>
[[nodiscard]] event_variant_t<W> to_event(boost::json::value const& v, std::string_view where) {
    return detail::decode_event_fields<W>(detail::gather(as_object(v, where), where), where);
}

/// A line of an event log: the candidacy (`job`, `freelancer`) and the event.
///
///     auto e = hireguard::json_codec::to_logged_event<hireguard::lifecycle>(boost::json::parse(
///         R"({"job": 3, "freelancer": 42, "event": "invite", "at": "2026-01-05T10:00:00Z"})"), "");
template <workflow W = lifecycle>
[[nodiscard]] basic_logged_event<W> to_logged_event(boost::json::value const& v, std::string_view where) {
    basic_logged_event<W> out;
    detail::decode_logged(as_object(v, where), where, out);
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
    o["event"] = Event::name;
    detail::encode_payload(o, e);
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
    std::visit(
        [&](auto const& ev) {
            o["event"] = std::decay_t<decltype(ev)>::name;
            detail::encode_payload(o, ev);
        },
        e.event);
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

/// Decodes log lines one after another, reusing its parser and memory: after
/// the first lines, decoding a line allocates nothing but what the event
/// itself holds. Not thread-safe: one decoder per thread.
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
        // The line's DOM lives in `values_`, whose memory is reused by the next line.
        values_.release();
        parser_.reset(boost::json::storage_ptr(&values_));
        boost::system::error_code ec;
        parser_.write(line.data(), line.size(), ec);
        if (ec) throw json_error("", "invalid JSON: " + ec.message());
        boost::json::value const v = parser_.release();
        json_codec::detail::decode_logged(json_codec::as_object(v, ""), "", out);
    }

private:
    std::array<unsigned char, 1024> parse_buffer_{};
    std::array<unsigned char, 4096> value_buffer_{};
    boost::json::monotonic_resource values_{value_buffer_.data(), value_buffer_.size()};
    boost::json::parser parser_;
};

/// The decoder of the canonical lifecycle's event logs.
using event_decoder = basic_event_decoder<lifecycle>;

}  // namespace hireguard

#endif
