// The audit's fast path: a log line read with simdjson's On-Demand API when
// it is exactly what a well-formed event line looks like, and refused
// otherwise, so that the event decoder (<hireguard/json/events.hpp>) reads
// it and names the field at fault. It accepts only lines that the event
// decoder accepts, with the same event. Link `hireguard::audit` (simdjson).
#ifndef HIREGUARD_AUDIT_LINE_READER_HPP
#define HIREGUARD_AUDIT_LINE_READER_HPP

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include <simdjson.h>

#include <hireguard/json/events.hpp>

namespace hireguard::audit {

/// Reads the common, well-formed log lines of workflow `W` with simdjson
/// (On-Demand), without building a document and without allocating. A line
/// with anything unusual (an unknown, repeated or escaped key, an escaped or
/// non-ASCII string, a number with a sign where none is usual, `-0`, a
/// missing `at`, a host's member of its own, invalid JSON) is refused:
/// `read` returns false and the caller decodes the line with
/// `basic_event_decoder<W>`, which gives the event or the error. What it
/// accepts, the event decoder accepts with the same event (a test compares
/// them). Not thread-safe: one per thread.
///
///     hireguard::audit::line_reader<hireguard::lifecycle> reader;
///     hireguard::logged_event e;
///     std::string line = R"({"job":3,"freelancer":42,"event":"invite","at":"2026-01-05T10:00:00Z"})";
///     bool const fast = reader.read(line, line.size(), e);   // true: e holds the invite
template <workflow W = lifecycle>
class line_reader {
public:
    /// Lines longer than this are left to the event decoder: the parser's
    /// memory stays bounded by it.
    static constexpr std::size_t max_line = std::size_t{64} << 10;

    line_reader() : parser_(max_line) { scratch_.resize(max_line + simdjson::SIMDJSON_PADDING); }

    /// Reads `line` into `out` when it is a well-formed event line of the
    /// common form; false otherwise (`out` then unspecified). `readable`
    /// says how many bytes from `line.data()` may be read (at least
    /// `line.size()`): the line is parsed where it is when the bytes after it
    /// cover simdjson's padding, and copied first otherwise.
    [[nodiscard]] bool read(std::string_view line, std::size_t readable, basic_logged_event<W>& out) {
        if (line.empty() || line.size() > max_line || line.front() != '{') return false;
        char const* data = line.data();
        if (readable < line.size() + simdjson::SIMDJSON_PADDING) {
            std::memcpy(scratch_.data(), line.data(), line.size());
            std::memset(scratch_.data() + line.size(), ' ', simdjson::SIMDJSON_PADDING);
            data = scratch_.data();
            readable = line.size() + simdjson::SIMDJSON_PADDING;
        }
        if (!read_fields(simdjson::padded_string_view(data, line.size(), readable))) return false;
        using reader = hireguard::detail::fast_reader<event_variant_t<W>>;
        unsigned const needed = reader::k_job | reader::k_freelancer | reader::k_event | reader::k_at;
        if ((f_.seen & needed) != needed) return false;
        if (!hireguard::detail::fast_builders<event_variant_t<W>>::table[f_.event](f_, out.event)) return false;
        out.job = job_id{f_.job};
        out.freelancer = freelancer_id{f_.freelancer};
        if ((f_.seen & reader::k_id) != 0) {
            out.id.assign(id_);
        } else {
            out.id.clear();
        }
        return true;
    }

private:
    using value = simdjson::ondemand::value;
    using reader = hireguard::detail::fast_reader<event_variant_t<W>>;

    // The first byte from `p` on that ends or escapes a JSON string, or
    // that JSON does not allow in one unescaped (On-Demand does not check
    // it): a quote, a backslash or a control character. Eight bytes at a
    // time; simdjson's padding makes the bytes after the line readable.
    static char const* string_stop(char const* p, char const* end) noexcept {
        constexpr std::uint64_t ones = 0x0101010101010101ULL;
        constexpr std::uint64_t highs = 0x8080808080808080ULL;
        for (; p < end; p += 8) {
            std::uint64_t w = 0;
            std::memcpy(&w, p, 8);
            std::uint64_t const quote = w ^ (ones * '"');
            std::uint64_t const backslash = w ^ (ones * '\\');
            std::uint64_t const found =
                ((quote - ones) & ~quote) | ((backslash - ones) & ~backslash) | ((w - ones * 0x20) & ~w);
            if ((found & highs) != 0) {
                // The lowest flagged byte is a true one: a borrow only
                // flags bytes above one that is.
                if constexpr (std::endian::native == std::endian::little)
                    return p + (std::countr_zero(found & highs) >> 3);
                for (int i = 0; i < 8; ++i) {
                    auto const c = static_cast<unsigned char>(p[i]);
                    if (c == '"' || c == '\\' || c < 0x20) return p + i;
                }
            }
        }
        return end;
    }

    // The text of a string value without its quotes, when it has no escape
    // and no control character; nothing for any other value.
    static std::optional<std::string_view> plain_string(value& v, char const* end) noexcept {
        simdjson::ondemand::raw_json_string raw;
        if (v.get_raw_json_string().get(raw) != simdjson::SUCCESS) return std::nullopt;
        char const* const begin = raw.raw();
        char const* const stop = string_stop(begin, end);
        if (stop >= end || *stop != '"') return std::nullopt;
        return std::string_view(begin, static_cast<std::size_t>(stop - begin));
    }

    // A key, up to where it ends or has an escape: a key with an escape or
    // a control character never matches a field's name.
    static std::string_view key_of(simdjson::ondemand::raw_json_string key, char const* end) noexcept {
        char const* const begin = key.raw();
        char const* const stop = string_stop(begin, end);
        if (stop >= end || *stop != '"') return {};
        return {begin, static_cast<std::size_t>(stop - begin)};
    }

    // A number without a sign, as an unsigned or a non-negative signed
    // integer: `-0` and every other sign go to the event decoder.
    static bool unsigned_number(value& v, std::uint64_t& out) noexcept {
        return v.get_uint64().get(out) == simdjson::SUCCESS;
    }
    static bool signed_number(value& v, std::int64_t& out) noexcept {
        std::string_view const token = v.raw_json_token();
        if (token.size() >= 2 && token[0] == '-' && token[1] == '0') return false;
        return v.get_int64().get(out) == simdjson::SUCCESS;
    }
    static bool cents_number(value& v, money& out) noexcept {
        std::uint64_t u = 0;
        if (!unsigned_number(v, u) || u > static_cast<std::uint64_t>(INT64_MAX)) return false;
        out = cents(static_cast<std::int64_t>(u));
        return true;
    }
    // Whether the value is `null` (consumed); false, and not consumed, for
    // any other value. An error stops the line.
    static bool is_null(value& v, bool& error) noexcept {
        bool null = false;
        error = v.is_null().get(null) != simdjson::SUCCESS;
        return null;
    }
    static bool timestamp_of(value& v, char const* end, std::optional<timestamp>& out, bool may_be_null) noexcept {
        if (auto s = plain_string(v, end)) {
            out = hireguard::detail::parse_timestamp_fast(*s);
            return out.has_value();
        }
        bool error = false;
        return may_be_null && is_null(v, error) && !error;
    }

    bool mark(unsigned bit) noexcept {
        if ((f_.seen & bit) != 0) return false;
        f_.seen |= bit;
        return true;
    }

    bool read_terms(value& v, char const* end) {
        simdjson::ondemand::object terms;
        if (v.get_object().get(terms) != simdjson::SUCCESS) return false;
        for (auto result : terms) {
            simdjson::ondemand::field field;
            if (std::move(result).get(field) != simdjson::SUCCESS) return false;
            std::string_view const k = key_of(field.key(), end);
            value& member = field.value();
            bool error = false;
            using hireguard::detail::is;
            if (is(k, "kind")) {
                if (!mark(reader::t_kind)) return false;
                auto const s = plain_string(member, end);
                if (!s || !(is(*s, "hourly") || is(*s, "fixed_price"))) return false;
                f_.terms.kind = is(*s, "hourly") ? contract_kind::hourly : contract_kind::fixed_price;
            } else if (is(k, "hourly_rate")) {
                if (!mark(reader::t_hourly_rate)) return false;
                if (!is_null(member, error) && (error || !cents_number(member, f_.terms.hourly_rate))) return false;
            } else if (is(k, "first_milestone")) {
                if (!mark(reader::t_first_milestone)) return false;
                if (!is_null(member, error) && (error || !cents_number(member, f_.terms.first_milestone))) return false;
            } else if (is(k, "start_date")) {
                if (!mark(reader::t_start_date)) return false;
                if (!timestamp_of(member, end, f_.terms.start_date, true)) return false;
            } else {
                return false;
            }
        }
        return true;
    }

    bool read_fields(simdjson::padded_string_view line) {
        f_.seen = 0;
        f_.terms = offer_terms{};
        char const* const end = line.data() + line.size();
        simdjson::ondemand::document doc;
        if (parser_.iterate(line).get(doc) != simdjson::SUCCESS) return false;
        simdjson::ondemand::object object;
        if (doc.get_object().get(object) != simdjson::SUCCESS) return false;
        using hireguard::detail::is;
        for (auto result : object) {
            // One copy of the field, then references: copying the value
            // again for each use stalled on store forwarding.
            simdjson::ondemand::field field;
            if (std::move(result).get(field) != simdjson::SUCCESS) return false;
            std::string_view const k = key_of(field.key(), end);
            value& v = field.value();
            if (is(k, "job")) {
                if (!mark(reader::k_job) || !unsigned_number(v, f_.job)) return false;
            } else if (is(k, "freelancer")) {
                if (!mark(reader::k_freelancer) || !unsigned_number(v, f_.freelancer)) return false;
            } else if (is(k, "event")) {
                if (!mark(reader::k_event)) return false;
                auto const s = plain_string(v, end);
                if (!s) return false;
                auto const index = hireguard::detail::event_table<event_variant_t<W>>::find(*s);
                if (!index) return false;
                f_.event = *index;
            } else if (is(k, "at")) {
                // A null `at` is an event without a time, which the audit
                // reports as malformed: the event decoder's path.
                if (!mark(reader::k_at) || !timestamp_of(v, end, f_.at, false)) return false;
            } else if (is(k, "id")) {
                if (!mark(reader::k_id)) return false;
                auto const s = plain_string(v, end);
                if (!s) return false;
                // ASCII only: the event decoder decides whether other bytes are UTF-8.
                for (char const c : *s)
                    if (static_cast<unsigned char>(c) >= 0x80) return false;
                id_ = *s;
            } else if (is(k, "minutes")) {
                std::int64_t m = 0;
                if (!mark(reader::k_minutes) || !signed_number(v, m)) return false;
                f_.minutes = m;
            } else if (is(k, "amount")) {
                if (!mark(reader::k_amount) || !cents_number(v, f_.amount)) return false;
            } else if (is(k, "by")) {
                if (!mark(reader::k_by)) return false;
                auto const s = plain_string(v, end);
                if (!s || !(is(*s, "client") || is(*s, "freelancer"))) return false;
                f_.by = is(*s, "client") ? party::client : party::freelancer;
            } else if (is(k, "terms")) {
                if (!mark(reader::k_terms) || !read_terms(v, end)) return false;
            } else {
                return false;
            }
        }
        // Nothing after the object but white space.
        char const* rest = nullptr;
        return doc.current_location().get(rest) == simdjson::OUT_OF_BOUNDS;
    }

    simdjson::ondemand::parser parser_;
    hireguard::detail::fast_fields f_;
    std::string_view id_;
    std::vector<char> scratch_;
};

}  // namespace hireguard::audit

#endif
