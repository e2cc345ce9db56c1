// JSON encoding of hireguard's value types (Boost.JSON), shared by the
// snapshot codec and the event codec. Link `hireguard::json`.
//
// Encodings: ids are unsigned integers, money is an integer number of cents,
// timestamps are UTC strings "2026-01-02T09:30:00Z", enumerations are their
// names. Decoding is strict: a missing, mistyped or out-of-range field throws
// `json_error`, which names the field by its path ("data.terms.start_date").
#ifndef HIREGUARD_JSON_VALUES_HPP
#define HIREGUARD_JSON_VALUES_HPP

#include <chrono>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include <boost/json.hpp>

#include <hireguard/hiring/values.hpp>

namespace hireguard {

/// A JSON document that hireguard cannot decode: malformed, or a field that is
/// missing, of the wrong type, out of range or inconsistent. `field()` is the
/// path of the offending field ("" for the document itself), `reason()` says
/// what is wrong with it.
///
///     try { auto m = hireguard::restore(text); }
///     catch (hireguard::json_error const& e) { log(e.field(), e.reason()); }
class json_error : public std::runtime_error {
public:
    json_error(std::string field, std::string const& reason)
        : std::runtime_error(field.empty() ? reason : field + ": " + reason),
          field_(std::move(field)),
          reason_(reason) {}
    /// The path of the field at fault, such as "data.minutes_logged".
    [[nodiscard]] std::string const& field() const noexcept { return field_; }
    /// What is wrong with it.
    [[nodiscard]] std::string const& reason() const noexcept { return reason_; }

private:
    std::string field_;
    std::string reason_;
};

/// Parses a UTC timestamp written as "YYYY-MM-DDTHH:MM:SSZ", years 1900 to
/// 9999. Returns nothing for anything else, including impossible dates.
[[nodiscard]] inline std::optional<timestamp> parse_timestamp(std::string_view s) noexcept {
    if (s.size() != 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != 'Z')
        return std::nullopt;
    auto digits = [&](std::size_t at, std::size_t n, int& out) {
        out = 0;
        for (std::size_t i = at; i < at + n; ++i) {
            if (s[i] < '0' || s[i] > '9') return false;
            out = out * 10 + (s[i] - '0');
        }
        return true;
    };
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0;
    if (!digits(0, 4, y) || !digits(5, 2, mo) || !digits(8, 2, d) || !digits(11, 2, h) || !digits(14, 2, mi) ||
        !digits(17, 2, se))
        return std::nullopt;
    std::chrono::year_month_day const date{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(mo)},
                                           std::chrono::day{static_cast<unsigned>(d)}};
    if (y < 1900 || !date.ok() || h > 23 || mi > 59 || se > 59) return std::nullopt;
    return utc(date, std::chrono::hours{h} + std::chrono::minutes{mi} + std::chrono::seconds{se});
}

/// The name of a party: "client" or "freelancer".
[[nodiscard]] constexpr std::string_view to_string(party p) noexcept {
    return p == party::client ? "client" : "freelancer";
}
/// The name of a contract kind: "hourly" or "fixed_price".
[[nodiscard]] constexpr std::string_view to_string(contract_kind k) noexcept {
    return k == contract_kind::hourly ? "hourly" : "fixed_price";
}

namespace json_codec {

/// "parent.key", or "key" at the top.
[[nodiscard]] inline std::string path(std::string_view parent, std::string_view key) {
    std::string p(parent);
    if (!p.empty()) p += '.';
    p += key;
    return p;
}

/// The object at `where`, or a `json_error`.
[[nodiscard]] inline boost::json::object const& as_object(boost::json::value const& v, std::string_view where) {
    if (auto const* o = v.if_object()) return *o;
    throw json_error(std::string(where), "expected an object");
}

/// The member `key` of `o` (at `where`), or a `json_error` when it is missing.
[[nodiscard]] inline boost::json::value const& member(boost::json::object const& o, std::string_view key,
                                                      std::string_view where) {
    if (auto const* v = o.if_contains(key)) return *v;
    throw json_error(path(where, key), "missing");
}

/// Whether `o` has `key` with a value other than null.
[[nodiscard]] inline bool has(boost::json::object const& o, std::string_view key) noexcept {
    auto const* v = o.if_contains(key);
    return v != nullptr && !v->is_null();
}

/// Throws when `o` has a member not in `known`: a misspelt field is an error,
/// not a silently ignored one.
template <std::size_t N>
inline void only_known(boost::json::object const& o, std::string_view const (&known)[N], std::string_view where) {
    for (auto const& kv : o) {
        bool found = false;
        for (auto k : known) found = found || k == kv.key();
        if (!found) throw json_error(path(where, kv.key()), "unknown field");
    }
}

[[nodiscard]] inline std::uint64_t to_u64(boost::json::value const& v, std::string_view where) {
    if (auto const* u = v.if_uint64()) return *u;
    if (auto const* i = v.if_int64(); i && *i >= 0) return static_cast<std::uint64_t>(*i);
    throw json_error(std::string(where), "expected an unsigned integer");
}

[[nodiscard]] inline std::int64_t to_i64(boost::json::value const& v, std::string_view where) {
    if (auto const* i = v.if_int64()) return *i;
    if (auto const* u = v.if_uint64(); u && *u <= static_cast<std::uint64_t>(INT64_MAX))
        return static_cast<std::int64_t>(*u);
    throw json_error(std::string(where), "expected an integer");
}

[[nodiscard]] inline bool to_bool(boost::json::value const& v, std::string_view where) {
    if (auto const* b = v.if_bool()) return *b;
    throw json_error(std::string(where), "expected true or false");
}

[[nodiscard]] inline std::string_view to_string_view(boost::json::value const& v, std::string_view where) {
    if (auto const* s = v.if_string()) return std::string_view(*s);
    throw json_error(std::string(where), "expected a string");
}

[[nodiscard]] inline timestamp to_timestamp(boost::json::value const& v, std::string_view where) {
    auto const s = to_string_view(v, where);
    if (auto t = parse_timestamp(s)) return *t;
    throw json_error(std::string(where),
                     "expected a UTC timestamp like \"2026-01-02T09:30:00Z\", got \"" + std::string(s) + "\"");
}

/// Money as integer cents; negative amounts are refused.
[[nodiscard]] inline money to_money(boost::json::value const& v, std::string_view where) {
    auto const c = to_i64(v, where);
    if (c < 0) throw json_error(std::string(where), "an amount in cents cannot be negative");
    return cents(c);
}

[[nodiscard]] inline party to_party(boost::json::value const& v, std::string_view where) {
    auto const s = to_string_view(v, where);
    if (s == "client") return party::client;
    if (s == "freelancer") return party::freelancer;
    throw json_error(std::string(where), "expected \"client\" or \"freelancer\"");
}

[[nodiscard]] inline contract_kind to_contract_kind(boost::json::value const& v, std::string_view where) {
    auto const s = to_string_view(v, where);
    if (s == "hourly") return contract_kind::hourly;
    if (s == "fixed_price") return contract_kind::fixed_price;
    throw json_error(std::string(where), "expected \"hourly\" or \"fixed_price\"");
}

[[nodiscard]] inline boost::json::value from_timestamp(timestamp t) {
    return boost::json::value(to_string(t));
}

[[nodiscard]] inline boost::json::value from_optional_timestamp(std::optional<timestamp> const& t) {
    return t ? from_timestamp(*t) : boost::json::value(nullptr);
}

[[nodiscard]] inline std::optional<timestamp> to_optional_timestamp(boost::json::object const& o, std::string_view key,
                                                                    std::string_view where) {
    if (!has(o, key)) return std::nullopt;
    return to_timestamp(o.at(key), path(where, key));
}

/// {"kind": "hourly", "hourly_rate": 4000, "first_milestone": 0, "start_date": null}
[[nodiscard]] inline boost::json::object from_terms(offer_terms const& t) {
    boost::json::object o;
    o["kind"] = to_string(t.kind);
    o["hourly_rate"] = t.hourly_rate.cents();
    o["first_milestone"] = t.first_milestone.cents();
    o["start_date"] = from_optional_timestamp(t.start_date);
    return o;
}

/// Offer terms; `hourly_rate`, `first_milestone` and `start_date` may be left out.
[[nodiscard]] inline offer_terms to_terms(boost::json::value const& v, std::string_view where) {
    auto const& o = as_object(v, where);
    static constexpr std::string_view known[] = {"kind", "hourly_rate", "first_milestone", "start_date"};
    only_known(o, known, where);
    offer_terms t;
    t.kind = to_contract_kind(member(o, "kind", where), path(where, "kind"));
    if (has(o, "hourly_rate")) t.hourly_rate = to_money(o.at("hourly_rate"), path(where, "hourly_rate"));
    if (has(o, "first_milestone"))
        t.first_milestone = to_money(o.at("first_milestone"), path(where, "first_milestone"));
    t.start_date = to_optional_timestamp(o, "start_date", where);
    return t;
}

}  // namespace json_codec
}  // namespace hireguard

#endif
