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

#include <hireguard/hiring/data.hpp>
#include <hireguard/hiring/values.hpp>
#include <hireguard/json/codec.hpp>

namespace hireguard {

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

namespace json_codec {

/// A timestamp written as "2026-01-02T09:30:00Z", or a `json_error` at `where`.
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

/// A timestamp as JSON: its string, or null.
[[nodiscard]] inline boost::json::value from_optional_timestamp(std::optional<timestamp> const& t) {
    return t ? boost::json::value(to_string(*t)) : boost::json::value(nullptr);
}

/// The timestamp `key` of `o`, nothing when it is left out or null.
[[nodiscard]] inline std::optional<timestamp> to_optional_timestamp(boost::json::object const& o, std::string_view key,
                                                                    std::string_view where) {
    if (!has(o, key)) return std::nullopt;
    return to_timestamp(o.at(key), path(where, key));
}

/// Ids are unsigned integers.
template <class Tag>
struct value_codec<basic_id<Tag>> {
    static boost::json::value encode(basic_id<Tag> v, std::string_view /*where*/) { return v.value(); }
    static basic_id<Tag> decode(boost::json::value const& v, std::string_view where) {
        return basic_id<Tag>{to_u64(v, where)};
    }
    static basic_id<Tag> blank() noexcept { return basic_id<Tag>{0}; }
};

/// Money is an integer number of cents, never negative.
template <>
struct value_codec<money> {
    static boost::json::value encode(money v, std::string_view /*where*/) { return v.cents(); }
    static money decode(boost::json::value const& v, std::string_view where) { return to_money(v, where); }
};

/// Timestamps are UTC strings in the accepted years; one outside them cannot
/// be written.
template <>
struct value_codec<timestamp> {
    static boost::json::value encode(timestamp t, std::string_view where) {
        if (!in_accepted_years(t))
            throw json_error(std::string(where), "outside the years 1900 to 9999: cannot be written");
        return boost::json::value(to_string(t));
    }
    static timestamp decode(boost::json::value const& v, std::string_view where) { return to_timestamp(v, where); }
};

/// Offer terms as a candidacy records them: every field written and required
/// (`start_date` may be null). The amount the contract kind does not use (an
/// hourly offer's `first_milestone`, a fixed-price offer's `hourly_rate`) is
/// kept as written, even negative, since the engine records it as given; the
/// amount it uses must be above zero.
///
///     {"kind": "hourly", "hourly_rate": 4000, "first_milestone": 0, "start_date": null}
template <>
struct value_codec<offer_terms> {
    static constexpr std::string_view known[] = {"kind", "hourly_rate", "first_milestone", "start_date"};
    static boost::json::value encode(offer_terms const& t, std::string_view where) {
        boost::json::object o;
        o["kind"] = json_codec::encode(t.kind, path(where, "kind"));
        o["hourly_rate"] = t.hourly_rate.cents();
        o["first_milestone"] = t.first_milestone.cents();
        o["start_date"] = json_codec::encode(t.start_date, path(where, "start_date"));
        return o;
    }
    static offer_terms decode(boost::json::value const& v, std::string_view where) {
        auto const& o = as_object(v, where);
        only_known(o, known, where);
        offer_terms t;
        t.kind = json_codec::decode<contract_kind>(member(o, "kind", where), path(where, "kind"));
        std::string const rate_at = path(where, "hourly_rate");
        std::string const first_at = path(where, "first_milestone");
        t.hourly_rate = cents(to_i64(member(o, "hourly_rate", where), rate_at));
        t.first_milestone = cents(to_i64(member(o, "first_milestone", where), first_at));
        t.start_date =
            json_codec::decode<std::optional<timestamp>>(member(o, "start_date", where), path(where, "start_date"));
        if (t.kind == contract_kind::hourly && t.hourly_rate <= money{})
            throw json_error(rate_at, "an hourly contract's rate must be above zero");
        if (t.kind == contract_kind::fixed_price && t.first_milestone <= money{})
            throw json_error(first_at, "a fixed-price contract's first milestone must be above zero");
        return t;
    }
};

/// A candidacy's data names its job and freelancer: decoding starts from ids 0.
template <>
struct blank_value<candidacy_data> {
    static candidacy_data make() noexcept { return candidacy_data{job_id{0}, freelancer_id{0}}; }
};

/// How an event's member is read from a log line: as `value_codec` reads it,
/// except where a line may say less than a snapshot (offer terms).
template <class T>
struct payload_codec : value_codec<T> {};

/// Offer terms in an event: `hourly_rate`, `first_milestone` and `start_date`
/// may be left out; amounts are not negative. The engine's rules judge the rest.
///
///     {"kind": "hourly", "hourly_rate": 4500}
template <>
struct payload_codec<offer_terms> {
    static boost::json::value encode(offer_terms const& t, std::string_view where) {
        return value_codec<offer_terms>::encode(t, where);
    }
    static offer_terms decode(boost::json::value const& v, std::string_view where) {
        auto const& o = as_object(v, where);
        only_known(o, value_codec<offer_terms>::known, where);
        offer_terms t;
        t.kind = json_codec::decode<contract_kind>(member(o, "kind", where), path(where, "kind"));
        if (has(o, "hourly_rate")) t.hourly_rate = to_money(o.at("hourly_rate"), path(where, "hourly_rate"));
        if (has(o, "first_milestone"))
            t.first_milestone = to_money(o.at("first_milestone"), path(where, "first_milestone"));
        t.start_date = to_optional_timestamp(o, "start_date", where);
        return t;
    }
};

/// Offer terms as JSON, every field written.
///
///     hireguard::json_codec::from_terms(terms)   // {"kind":"hourly","hourly_rate":4000,...}
[[nodiscard]] inline boost::json::object from_terms(offer_terms const& t) {
    return value_codec<offer_terms>::encode(t, "terms").as_object();
}

/// Offer terms of an event; `hourly_rate`, `first_milestone` and `start_date` may be left out.
///
///     auto t = hireguard::json_codec::to_terms(boost::json::parse(R"({"kind": "hourly"})"), "terms");
[[nodiscard]] inline offer_terms to_terms(boost::json::value const& v, std::string_view where) {
    return payload_codec<offer_terms>::decode(v, where);
}

}  // namespace json_codec
}  // namespace hireguard

#endif
