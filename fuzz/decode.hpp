// Turns fuzzer bytes into a sequence of hireguard events with payloads.
//
// Every value is read as one byte by hireguard::testing::byte_reader, from
// the end of the input as FuzzedDataProvider::ConsumeIntegral reads it: a
// seed file is its byte stream reversed (make_corpus.py writes them). Per event:
//   kind byte   % 24: the event, in model::ev order
//   time byte   % 16: how its timestamp relates to the candidacy's clock (see `time_of`)
//   payload bytes: offer terms (3 bytes), milestone amount, work minutes, party (1 byte each)
// Times stay within decades of 2026, so no timestamp arithmetic can overflow.
#ifndef HIREGUARD_FUZZ_DECODE_HPP
#define HIREGUARD_FUZZ_DECODE_HPP

#include <array>
#include <chrono>
#include <cstdint>
#include <limits>
#include <optional>

#include <hireguard/hiring/data.hpp>
#include <hireguard/hiring/lifecycle.hpp>
#include <hireguard/testing/fuzz.hpp>

#include "model.hpp"

namespace fuzz {

using namespace hireguard;
using std::chrono::days;
using std::chrono::hours;
using std::chrono::seconds;

inline constexpr timestamp t0 = utc(std::chrono::year{2026} / 1 / 5);
inline constexpr std::size_t max_events = hireguard::testing::max_fuzz_events;

class decoder {
public:
    decoder(std::uint8_t const* data, std::size_t size, policy const& p) : in_(data, size), policy_(p) {}

    [[nodiscard]] bool done() const { return in_.done(); }

    /// The next event, its time chosen relative to what the candidacy knows.
    any_event next(candidacy_data const& d) {
        auto const k = static_cast<model::ev>(byte() % model::event_count);
        std::optional<timestamp> const at = time_of(d);
        timestamp const now = at.value_or(d.last_event_at.value_or(t0));
        switch (k) {
            case model::ev::invite:
                return event::invite{.at = at};
            case model::ev::withdraw_invite:
                return event::withdraw_invite{.at = at};
            case model::ev::respond:
                return event::respond{.at = at};
            case model::ev::decline:
                return event::decline{.at = at};
            case model::ev::send_offer:
                return event::send_offer{.at = at, .terms = terms(now)};
            case model::ev::modify_offer:
                return event::modify_offer{.at = at, .terms = terms(now)};
            case model::ev::withdraw_offer:
                return event::withdraw_offer{.at = at};
            case model::ev::fund_milestone:
                return event::fund_milestone{.at = at, .amount = amount()};
            case model::ev::approve_milestone:
                return event::approve_milestone{.at = at};
            case model::ev::pause:
                return event::pause{.at = at};
            case model::ev::resume:
                return event::resume{.at = at};
            case model::ev::close_job:
                return event::close_job{.at = at};
            case model::ev::accept_invite:
                return event::accept_invite{.at = at};
            case model::ev::decline_invite:
                return event::decline_invite{.at = at};
            case model::ev::submit_proposal:
                return event::submit_proposal{.at = at};
            case model::ev::withdraw:
                return event::withdraw{.at = at};
            case model::ev::decline_offer:
                return event::decline_offer{.at = at};
            case model::ev::accept_offer:
                return event::accept_offer{.at = at};
            case model::ev::log_work:
                return event::log_work{.at = at, .minutes = minutes()};
            case model::ev::submit_milestone:
                return event::submit_milestone{.at = at};
            case model::ev::end_contract:
                return event::end_contract{.at = at, .by = by()};
            case model::ev::leave_feedback:
                return event::leave_feedback{.at = at, .by = by()};
            case model::ev::offer_expired:
                return event::offer_expired{.at = at};
            case model::ev::start_date_reached:
                return event::start_date_reached{.at = at};
        }
        return event::invite{.at = at};
    }

private:
    std::uint8_t byte() { return in_.byte(); }

    // 0 untimed; 1 the latest time; 2-5, 14, 15 later; 6-7 earlier (bad input);
    // 8-13 a second before or exactly at an offer's expiry, the end of the
    // feedback window, or a contract's start date.
    std::optional<timestamp> time_of(candidacy_data const& d) {
        timestamp const clock = d.last_event_at.value_or(t0);
        auto edge = [&](std::optional<timestamp> t, seconds offset) { return t.value_or(clock) + offset; };
        std::optional<timestamp> const expiry =
            d.offer_sent_at ? std::optional(*d.offer_sent_at + policy_.offer_lifetime) : std::nullopt;
        std::optional<timestamp> const window_end =
            d.ended_at ? std::optional(*d.ended_at + policy_.feedback_window) : std::nullopt;
        std::optional<timestamp> const start = d.terms ? d.terms->start_date : std::nullopt;
        switch (byte() % 16) {
            case 0:
                return std::nullopt;
            case 1:
                return clock;
            case 2:
                return clock + seconds{1};
            case 3:
                return clock + hours{1};
            case 4:
                return clock + days{1};
            case 5:
                return clock + days{7};
            case 6:
                return clock - seconds{1};
            case 7:
                return clock - days{1};
            case 8:
                return edge(expiry, seconds{-1});
            case 9:
                return edge(expiry, seconds{0});
            case 10:
                return edge(window_end, seconds{-1});
            case 11:
                return edge(window_end, seconds{0});
            case 12:
                return edge(start, seconds{-1});
            case 13:
                return edge(start, seconds{0});
            case 14:
                return clock + days{30};
            default:
                return clock + hours{byte()};
        }
    }

    // Rates and milestones on both sides of the $0 and $5 thresholds.
    static money pick_money(std::uint8_t b) {
        static constexpr std::array<std::int64_t, 8> cents_table = {0, -100, 1, 499, 500, 501, 4000, 100000};
        return cents(cents_table[b % cents_table.size()]);
    }

    offer_terms terms(timestamp now) {
        std::uint8_t const shape = byte();
        std::uint8_t const price = byte();
        std::uint8_t const start = byte();
        offer_terms t;
        t.kind = (shape & 1U) != 0 ? contract_kind::fixed_price : contract_kind::hourly;
        t.hourly_rate = pick_money(price);
        t.first_milestone = pick_money(static_cast<std::uint8_t>(price >> 3U));
        switch (start % 8) {
            case 3:
                t.start_date = now - days{1};
                break;
            case 4:
                t.start_date = now;
                break;
            case 5:
                t.start_date = now + seconds{1};
                break;
            case 6:
                t.start_date = now + days{1};
                break;
            case 7:
                t.start_date = now + days{10};
                break;
            default:
                break;
        }
        return t;
    }

    money amount() {
        static constexpr std::array<std::int64_t, 8> cents_table = {
            0, -100, 1, 499, 500, 501, 10000, std::numeric_limits<std::int64_t>::max()};
        return cents(cents_table[byte() % cents_table.size()]);
    }

    std::chrono::minutes minutes() {
        static constexpr std::array<std::int64_t, 8> table = {
            0, -1, 1, 30, 60, 480, 1 << 20, std::numeric_limits<std::int64_t>::max() - 7};
        return std::chrono::minutes{table[byte() % table.size()]};
    }

    party by() { return (byte() & 1U) != 0 ? party::freelancer : party::client; }

    hireguard::testing::byte_reader in_;
    policy policy_;
};

}  // namespace fuzz

#endif
