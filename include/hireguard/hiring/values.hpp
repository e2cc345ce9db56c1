// Strong value types of the hiring domain: ids, money, time, parties.
#ifndef HIREGUARD_HIRING_VALUES_HPP
#define HIREGUARD_HIRING_VALUES_HPP

#include <chrono>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <boost/describe/enum.hpp>

#include <hireguard/core/detail/enum_name.hpp>

namespace hireguard {

/// An identifier that cannot be mixed up with another kind of identifier.
/// `job_id{7}` and `freelancer_id{7}` are different types; neither converts
/// from or to a bare integer implicitly.
///
///     hireguard::job_id job{7};
///     std::uint64_t raw = job.value();
template <class Tag>
class basic_id {
public:
    explicit constexpr basic_id(std::uint64_t value) noexcept : value_(value) {}
    [[nodiscard]] constexpr std::uint64_t value() const noexcept { return value_; }
    friend constexpr auto operator<=>(basic_id, basic_id) noexcept = default;

private:
    std::uint64_t value_;
};

/// Tags for `basic_id`; they are never defined.
struct job_tag;
struct freelancer_tag;

/// The job a candidacy belongs to.
using job_id = basic_id<job_tag>;
/// The freelancer of a candidacy.
using freelancer_id = basic_id<freelancer_tag>;

/// An amount of money in integer cents (US dollars). No floating point is
/// involved anywhere, so sums are exact.
///
///     auto fee = hireguard::dollars(5) + hireguard::cents(50);   // $5.50
class money {
public:
    constexpr money() noexcept = default;
    [[nodiscard]] static constexpr money from_cents(std::int64_t cents) noexcept { return money{cents}; }
    [[nodiscard]] constexpr std::int64_t cents() const noexcept { return cents_; }
    friend constexpr auto operator<=>(money, money) noexcept = default;
    friend constexpr money operator+(money a, money b) noexcept { return money{a.cents_ + b.cents_}; }

private:
    explicit constexpr money(std::int64_t cents) noexcept : cents_(cents) {}
    std::int64_t cents_ = 0;
};

/// `cents(550)` is $5.50.
[[nodiscard]] constexpr money cents(std::int64_t amount) noexcept {
    return money::from_cents(amount);
}
/// `dollars(5)` is $5.00.
[[nodiscard]] constexpr money dollars(std::int64_t amount) noexcept {
    return money::from_cents(amount * 100);
}

/// A point in time, UTC, to the second (`std::chrono::sys_seconds`).
using timestamp = std::chrono::sys_seconds;

/// The earliest time hireguard accepts: 1900-01-01T00:00:00Z.
inline constexpr timestamp earliest_time = std::chrono::sys_days{std::chrono::year{1900} / 1 / 1};
/// The latest time hireguard accepts: 9999-12-31T23:59:59Z.
inline constexpr timestamp latest_time =
    std::chrono::sys_days{std::chrono::year{9999} / 12 / 31} + std::chrono::seconds{86399};

/// Whether `t` lies in the accepted years, 1900 to 9999 (both whole). The one
/// bound that events, offers, snapshots and the codecs share: adding a
/// policy's lifetimes and windows to such a time cannot overflow, and every
/// such time can be written and read back.
///
///     static_assert(hireguard::in_accepted_years(hireguard::latest_time));
[[nodiscard]] constexpr bool in_accepted_years(timestamp t) noexcept {
    return t >= earliest_time && t <= latest_time;
}

/// Who fires an event that either side may fire.
enum class party : std::uint8_t { client, freelancer };
BOOST_DESCRIBE_ENUM(party, client, freelancer)

/// How a contract pays.
enum class contract_kind : std::uint8_t { hourly, fixed_price };
BOOST_DESCRIBE_ENUM(contract_kind, hourly, fixed_price)

/// The name of a party: "client" or "freelancer".
///
///     static_assert(hireguard::to_string(hireguard::party::client) == "client");
[[nodiscard]] constexpr std::string_view to_string(party p) noexcept {
    return detail::enum_name(p);
}
/// The name of a contract kind: "hourly" or "fixed_price".
///
///     static_assert(hireguard::to_string(hireguard::contract_kind::fixed_price) == "fixed_price");
[[nodiscard]] constexpr std::string_view to_string(contract_kind k) noexcept {
    return detail::enum_name(k);
}

/// The terms of an offer, and of the contract once the offer is accepted.
/// `start_date` empty means the contract begins when the offer is accepted.
///
///     hireguard::offer_terms hourly{.kind = hireguard::contract_kind::hourly,
///                                   .hourly_rate = hireguard::dollars(40)};
struct offer_terms {
    contract_kind kind = contract_kind::hourly;
    money hourly_rate{};
    money first_milestone{};
    std::optional<timestamp> start_date{};
    friend bool operator==(offer_terms const&, offer_terms const&) = default;
};

namespace detail {

// Text of a bounded length held in place, for the rules' sentences: no
// allocation, and usable in constant expressions (std::to_string is not).
template <std::size_t N>
struct short_text {
    char chars[N]{};
    std::size_t size = 0;
    constexpr void push(char c) noexcept { chars[size++] = c; }
    constexpr void push(std::string_view s) noexcept {
        for (char const c : s) push(c);
    }
    // `v` in decimal, at least `width` digits.
    constexpr void push_decimal(std::uint64_t v, std::size_t width = 1) noexcept {
        char digits[20]{};
        std::size_t n = 0;
        do {
            digits[n++] = static_cast<char>('0' + v % 10U);
            v /= 10U;
        } while (v != 0);
        for (; n < width; ++n) digits[n] = '0';
        while (n != 0) push(digits[--n]);
    }
    constexpr void push_signed(std::int64_t v) noexcept {
        if (v < 0) push('-');
        push_decimal(magnitude(v));
    }
    [[nodiscard]] static constexpr std::uint64_t magnitude(std::int64_t v) noexcept {
        return v < 0 ? static_cast<std::uint64_t>(-(v + 1)) + 1U : static_cast<std::uint64_t>(v);
    }
    constexpr operator std::string_view() const noexcept { return {chars, size}; }  // NOLINT
};

[[nodiscard]] constexpr short_text<24> decimal_text(std::int64_t v) noexcept {
    short_text<24> out;
    out.push_signed(v);
    return out;
}

[[nodiscard]] constexpr short_text<32> money_text(money m) noexcept {
    short_text<32> out;
    if (m.cents() < 0) out.push('-');
    std::uint64_t const magnitude = short_text<32>::magnitude(m.cents());
    out.push('$');
    out.push_decimal(magnitude / 100U);
    out.push('.');
    out.push_decimal(magnitude % 100U, 2);
    return out;
}

[[nodiscard]] constexpr short_text<32> date_text(timestamp t) noexcept {
    std::chrono::year_month_day const ymd{std::chrono::floor<std::chrono::days>(t)};
    short_text<32> out;
    out.push_signed(static_cast<int>(ymd.year()));
    out.push('-');
    out.push_decimal(static_cast<unsigned>(ymd.month()), 2);
    out.push('-');
    out.push_decimal(static_cast<unsigned>(ymd.day()), 2);
    return out;
}

[[nodiscard]] constexpr short_text<32> time_text(timestamp t) noexcept {
    auto const day = std::chrono::floor<std::chrono::days>(t);
    std::chrono::hh_mm_ss const hms{t - day};
    short_text<32> out = date_text(t);
    out.push('T');
    out.push_decimal(static_cast<std::uint64_t>(hms.hours().count()), 2);
    out.push(':');
    out.push_decimal(static_cast<std::uint64_t>(hms.minutes().count()), 2);
    out.push(':');
    out.push_decimal(static_cast<std::uint64_t>(hms.seconds().count()), 2);
    out.push('Z');
    return out;
}

}  // namespace detail

/// "$5.50"; negative amounts as "-$5.50".
[[nodiscard]] inline std::string to_string(money m) {
    return std::string(std::string_view(detail::money_text(m)));
}

/// The calendar date of a timestamp, "2026-01-02".
[[nodiscard]] inline std::string to_date_string(timestamp t) {
    return std::string(std::string_view(detail::date_text(t)));
}

/// ISO 8601 in UTC, "2026-01-02T09:30:00Z".
[[nodiscard]] inline std::string to_string(timestamp t) {
    return std::string(std::string_view(detail::time_text(t)));
}

/// A UTC timestamp from a calendar date and time of day, for tests and examples:
/// `utc(2026y / 1 / 2)` or `utc(2026y / 1 / 2, 9h + 30min)`.
[[nodiscard]] constexpr timestamp utc(std::chrono::year_month_day date,
                                      std::chrono::seconds time_of_day = std::chrono::seconds{0}) noexcept {
    return std::chrono::sys_days{date} + time_of_day;
}

}  // namespace hireguard

#endif
