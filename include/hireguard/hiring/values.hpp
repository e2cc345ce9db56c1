// Strong value types of the hiring domain: ids, money, time, parties.
#ifndef HIREGUARD_HIRING_VALUES_HPP
#define HIREGUARD_HIRING_VALUES_HPP

#include <chrono>
#include <compare>
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

/// "$5.50"; negative amounts as "-$5.50".
[[nodiscard]] inline std::string to_string(money m) {
    std::int64_t c = m.cents();
    std::string sign;
    std::uint64_t magnitude = 0;
    if (c < 0) {
        sign = "-";
        magnitude = static_cast<std::uint64_t>(-(c + 1)) + 1U;
    } else {
        magnitude = static_cast<std::uint64_t>(c);
    }
    std::string frac = std::to_string(magnitude % 100U);
    if (frac.size() < 2) frac.insert(0, "0");
    return sign + "$" + std::to_string(magnitude / 100U) + "." + frac;
}

/// The calendar date of a timestamp, "2026-01-02".
[[nodiscard]] inline std::string to_date_string(timestamp t) {
    std::chrono::year_month_day const ymd{std::chrono::floor<std::chrono::days>(t)};
    auto two = [](unsigned v) { return (v < 10 ? std::string("0") : std::string()) + std::to_string(v); };
    return std::to_string(static_cast<int>(ymd.year())) + "-" + two(static_cast<unsigned>(ymd.month())) + "-" +
           two(static_cast<unsigned>(ymd.day()));
}

/// ISO 8601 in UTC, "2026-01-02T09:30:00Z".
[[nodiscard]] inline std::string to_string(timestamp t) {
    auto const day = std::chrono::floor<std::chrono::days>(t);
    std::chrono::hh_mm_ss const hms{t - day};
    auto two = [](long v) { return (v < 10 ? std::string("0") : std::string()) + std::to_string(v); };
    return to_date_string(t) + "T" + two(hms.hours().count()) + ":" + two(hms.minutes().count()) + ":" +
           two(static_cast<long>(hms.seconds().count())) + "Z";
}

/// A UTC timestamp from a calendar date and time of day, for tests and examples:
/// `utc(2026y / 1 / 2)` or `utc(2026y / 1 / 2, 9h + 30min)`.
[[nodiscard]] constexpr timestamp utc(std::chrono::year_month_day date,
                                      std::chrono::seconds time_of_day = std::chrono::seconds{0}) noexcept {
    return std::chrono::sys_days{date} + time_of_day;
}

}  // namespace hireguard

#endif
