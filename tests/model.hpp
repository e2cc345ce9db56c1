// An independent reference model of docs/domain.md for the property tests and the
// fuzzers: the table as plain data, the runtime rules as plain functions.
// Written from docs/domain.md and the choices documented in rules.hpp and data.hpp,
// never generated from hireguard's own table, so that a mistake in the library
// shows up as a disagreement with this file.
#ifndef HIREGUARD_TESTS_MODEL_HPP
#define HIREGUARD_TESTS_MODEL_HPP

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include <hireguard/core/rejection.hpp>
#include <hireguard/hiring/data.hpp>
#include <hireguard/hiring/events.hpp>
#include <hireguard/hiring/rules.hpp>
#include <hireguard/hiring/values.hpp>

namespace model {

using hireguard::money;
using hireguard::rejection_kind;
using hireguard::rule_id;
namespace rule_ids = hireguard::rule_ids;
using hireguard::timestamp;
namespace e = hireguard::event;

/// docs/domain.md's 15 states.
enum class st : std::uint8_t {
    prospect,
    invited,
    submitted,
    interviewing,
    offered,
    contract_pending,
    contract_active,
    contract_paused,
    contract_ended,
    invite_declined,
    invite_withdrawn,
    declined,
    withdrawn,
    offer_declined,
    closed
};
inline constexpr std::size_t state_count = 15;

/// docs/domain.md's 24 events.
enum class ev : std::uint8_t {
    invite,
    withdraw_invite,
    respond,
    decline,
    send_offer,
    modify_offer,
    withdraw_offer,
    fund_milestone,
    approve_milestone,
    pause,
    resume,
    close_job,
    accept_invite,
    decline_invite,
    submit_proposal,
    withdraw,
    decline_offer,
    accept_offer,
    log_work,
    submit_milestone,
    end_contract,
    leave_feedback,
    offer_expired,
    start_date_reached
};
inline constexpr std::size_t event_count = 24;

inline constexpr std::array<std::string_view, state_count> state_names = {
    "prospect",         "invited",         "submitted",       "interviewing",   "offered",
    "contract_pending", "contract_active", "contract_paused", "contract_ended", "invite_declined",
    "invite_withdrawn", "declined",        "withdrawn",       "offer_declined", "closed"};

inline constexpr std::array<std::string_view, event_count> event_names = {
    "invite",         "withdraw_invite",  "respond",           "decline",        "send_offer",    "modify_offer",
    "withdraw_offer", "fund_milestone",   "approve_milestone", "pause",          "resume",        "close_job",
    "accept_invite",  "decline_invite",   "submit_proposal",   "withdraw",       "decline_offer", "accept_offer",
    "log_work",       "submit_milestone", "end_contract",      "leave_feedback", "offer_expired", "start_date_reached"};

[[nodiscard]] constexpr std::string_view name(st s) noexcept {
    return state_names[static_cast<std::size_t>(s)];
}
[[nodiscard]] constexpr std::string_view name(ev k) noexcept {
    return event_names[static_cast<std::size_t>(k)];
}

[[nodiscard]] constexpr bool is_terminal(st s) noexcept {
    return s == st::invite_declined || s == st::invite_withdrawn || s == st::declined || s == st::withdrawn ||
           s == st::offer_declined || s == st::closed;
}

struct row {
    st from;
    ev event;
    st to;
};

/// docs/domain.md, "The transition table", row for row (36 rows, 35 legal pairs).
inline constexpr std::array<row, 36> table = {{
    {st::prospect, ev::invite, st::invited},
    {st::prospect, ev::submit_proposal, st::submitted},
    {st::prospect, ev::send_offer, st::offered},
    {st::prospect, ev::close_job, st::closed},
    {st::invited, ev::accept_invite, st::interviewing},
    {st::invited, ev::decline_invite, st::invite_declined},
    {st::invited, ev::withdraw_invite, st::invite_withdrawn},
    {st::invited, ev::send_offer, st::offered},
    {st::invited, ev::close_job, st::closed},
    {st::submitted, ev::respond, st::interviewing},
    {st::submitted, ev::decline, st::declined},
    {st::submitted, ev::withdraw, st::withdrawn},
    {st::submitted, ev::send_offer, st::offered},
    {st::submitted, ev::close_job, st::closed},
    {st::interviewing, ev::decline, st::declined},
    {st::interviewing, ev::withdraw, st::withdrawn},
    {st::interviewing, ev::send_offer, st::offered},
    {st::interviewing, ev::close_job, st::closed},
    {st::offered, ev::modify_offer, st::offered},
    {st::offered, ev::withdraw_offer, st::interviewing},
    {st::offered, ev::offer_expired, st::interviewing},
    {st::offered, ev::decline_offer, st::offer_declined},
    {st::offered, ev::accept_offer, st::contract_active},
    {st::offered, ev::accept_offer, st::contract_pending},
    {st::offered, ev::close_job, st::closed},
    {st::contract_pending, ev::start_date_reached, st::contract_active},
    {st::contract_pending, ev::end_contract, st::contract_ended},
    {st::contract_active, ev::log_work, st::contract_active},
    {st::contract_active, ev::fund_milestone, st::contract_active},
    {st::contract_active, ev::submit_milestone, st::contract_active},
    {st::contract_active, ev::approve_milestone, st::contract_active},
    {st::contract_active, ev::pause, st::contract_paused},
    {st::contract_active, ev::end_contract, st::contract_ended},
    {st::contract_paused, ev::resume, st::contract_active},
    {st::contract_paused, ev::end_contract, st::contract_ended},
    {st::contract_ended, ev::leave_feedback, st::contract_ended},
}};

[[nodiscard]] constexpr bool legal(st s, ev k) noexcept {
    for (auto const& r : table)
        if (r.from == s && r.event == k) return true;
    return false;
}

/// The row index of an accepted transition, or -1 when no row matches.
[[nodiscard]] constexpr int row_index(st from, ev k, st to) noexcept {
    for (std::size_t i = 0; i < table.size(); ++i)
        if (table[i].from == from && table[i].event == k && table[i].to == to) return static_cast<int>(i);
    return -1;
}

// clang-format off
constexpr ev kind(e::invite const&) { return ev::invite; }
constexpr ev kind(e::withdraw_invite const&) { return ev::withdraw_invite; }
constexpr ev kind(e::respond const&) { return ev::respond; }
constexpr ev kind(e::decline const&) { return ev::decline; }
constexpr ev kind(e::send_offer const&) { return ev::send_offer; }
constexpr ev kind(e::modify_offer const&) { return ev::modify_offer; }
constexpr ev kind(e::withdraw_offer const&) { return ev::withdraw_offer; }
constexpr ev kind(e::fund_milestone const&) { return ev::fund_milestone; }
constexpr ev kind(e::approve_milestone const&) { return ev::approve_milestone; }
constexpr ev kind(e::pause const&) { return ev::pause; }
constexpr ev kind(e::resume const&) { return ev::resume; }
constexpr ev kind(e::close_job const&) { return ev::close_job; }
constexpr ev kind(e::accept_invite const&) { return ev::accept_invite; }
constexpr ev kind(e::decline_invite const&) { return ev::decline_invite; }
constexpr ev kind(e::submit_proposal const&) { return ev::submit_proposal; }
constexpr ev kind(e::withdraw const&) { return ev::withdraw; }
constexpr ev kind(e::decline_offer const&) { return ev::decline_offer; }
constexpr ev kind(e::accept_offer const&) { return ev::accept_offer; }
constexpr ev kind(e::log_work const&) { return ev::log_work; }
constexpr ev kind(e::submit_milestone const&) { return ev::submit_milestone; }
constexpr ev kind(e::end_contract const&) { return ev::end_contract; }
constexpr ev kind(e::leave_feedback const&) { return ev::leave_feedback; }
constexpr ev kind(e::offer_expired const&) { return ev::offer_expired; }
constexpr ev kind(e::start_date_reached const&) { return ev::start_date_reached; }
// clang-format on

template <class... Events>
[[nodiscard]] constexpr ev kind(std::variant<Events...> const& v) {
    return std::visit([](auto const& x) { return kind(x); }, v);
}
template <class... Events>
[[nodiscard]] constexpr std::optional<timestamp> time_of(std::variant<Events...> const& v) {
    return std::visit([](auto const& x) { return x.at; }, v);
}

enum class milestone : std::uint8_t { none, funded, submitted };

/// What the model remembers besides the state; one field per fact docs/domain.md's rules need.
struct record {
    std::uint64_t job = 0;
    std::uint64_t freelancer = 0;
    std::optional<timestamp> last_event_at;
    std::optional<hireguard::offer_terms> terms;
    std::optional<timestamp> offer_sent_at;
    std::optional<timestamp> hired_at;
    std::optional<timestamp> started_at;
    std::optional<timestamp> ended_at;
    std::int64_t minutes_logged = 0;
    milestone escrow = milestone::none;
    std::int64_t escrow_cents = 0;
    std::int64_t paid_cents = 0;
    std::uint32_t milestones_paid = 0;
    bool client_feedback = false;
    bool freelancer_feedback = false;
};

/// The library's data record that a candidacy in this model state must have.
[[nodiscard]] inline hireguard::candidacy_data expected_data(record const& r) {
    hireguard::candidacy_data d{hireguard::job_id{r.job}, hireguard::freelancer_id{r.freelancer}};
    d.last_event_at = r.last_event_at;
    d.terms = r.terms;
    d.offer_sent_at = r.offer_sent_at;
    d.hired_at = r.hired_at;
    d.started_at = r.started_at;
    d.ended_at = r.ended_at;
    d.minutes_logged = std::chrono::minutes{r.minutes_logged};
    d.milestone = r.escrow == milestone::none     ? hireguard::milestone_status::none
                  : r.escrow == milestone::funded ? hireguard::milestone_status::funded
                                                  : hireguard::milestone_status::submitted;
    d.milestone_amount = hireguard::cents(r.escrow_cents);
    d.paid = hireguard::cents(r.paid_cents);
    d.milestones_paid = r.milestones_paid;
    d.client_left_feedback = r.client_feedback;
    d.freelancer_left_feedback = r.freelancer_feedback;
    return d;
}

/// The settings of the rules (docs/domain.md's defaults), in plain numbers.
struct settings {
    std::chrono::seconds offer_lifetime = std::chrono::days{30};
    std::chrono::seconds feedback_window = std::chrono::days{14};
    std::int64_t minimum_milestone_cents = 500;
};

/// A candidacy as the model sees it.
struct candidacy {
    st state = st::prospect;
    record data;
    settings rules;
};

[[nodiscard]] inline candidacy begin(std::uint64_t job, std::uint64_t freelancer, settings s = {}) {
    candidacy c;
    c.data.job = job;
    c.data.freelancer = freelancer;
    c.rules = s;
    return c;
}

/// The model started where an engine stands: in the state named `state`, with
/// the engine's data and policy copied field by field. For restored snapshots
/// and existing candidacies; the model's rules stay its own.
[[nodiscard]] inline candidacy from_engine(std::string_view state, hireguard::candidacy_data const& d,
                                           hireguard::policy const& p) {
    candidacy c = begin(d.job.value(), d.freelancer.value(),
                        settings{p.offer_lifetime, p.feedback_window, p.minimum_milestone.cents()});
    for (std::size_t i = 0; i < state_count; ++i)
        if (state_names[i] == state) c.state = static_cast<st>(i);
    c.data.last_event_at = d.last_event_at;
    c.data.terms = d.terms;
    c.data.offer_sent_at = d.offer_sent_at;
    c.data.hired_at = d.hired_at;
    c.data.started_at = d.started_at;
    c.data.ended_at = d.ended_at;
    c.data.minutes_logged = d.minutes_logged.count();
    c.data.escrow = d.milestone == hireguard::milestone_status::none     ? milestone::none
                    : d.milestone == hireguard::milestone_status::funded ? milestone::funded
                                                                         : milestone::submitted;
    c.data.escrow_cents = d.milestone_amount.cents();
    c.data.paid_cents = d.paid.cents();
    c.data.milestones_paid = d.milestones_paid;
    c.data.client_feedback = d.client_left_feedback;
    c.data.freelancer_feedback = d.freelancer_left_feedback;
    return c;
}

/// The model's answer to an event: accepted, or rejected with a kind and rule.
struct answer {
    bool accepted = true;
    rejection_kind kind = rejection_kind::illegal_transition;
    rule_id rule = rule_ids::none;
    /// The row taken when accepted.
    int row = -1;
    friend bool operator==(answer const&, answer const&) = default;
};

namespace detail {

inline answer refuse(rule_id r) {
    bool const malformed = r == rule_ids::event_time_known || r == rule_ids::timestamps_monotonic ||
                           r == rule_ids::work_duration_positive || r == rule_ids::amount_positive ||
                           r == rule_ids::value_in_range || r == rule_ids::start_date_has_come ||
                           r == rule_ids::offer_lifetime_ended;
    return answer{false, malformed ? rejection_kind::invalid_input : rejection_kind::rule_violated, r, -1};
}

// Offer terms: an hourly rate above zero, or a fixed price whose first milestone
// is at least the minimum. The offer's lifetime counts from the event's time.
inline std::optional<answer> check_offer(record const& d, settings const& s, hireguard::offer_terms const& t,
                                         std::optional<timestamp> now) {
    (void)d;
    if (!now) return refuse(rule_ids::event_time_known);
    if (t.kind == hireguard::contract_kind::hourly) {
        if (t.hourly_rate.cents() <= 0) return refuse(rule_ids::offer_terms_valid);
    } else if (t.first_milestone.cents() < s.minimum_milestone_cents) {
        return refuse(rule_ids::offer_terms_valid);
    }
    return std::nullopt;
}

}  // namespace detail

/// Fires an event on the model: docs/domain.md's table first (illegal pairs are
/// reported before anything else), then the event's own time (never before the
/// latest accepted one), then the row's rules. A rejected event changes nothing.
template <class Event>
answer step(candidacy& c, Event const& event) {
    ev const k = kind(event);
    if (!legal(c.state, k)) return answer{false, rejection_kind::illegal_transition, rule_ids::none, -1};
    record const& d = c.data;
    settings const& s = c.rules;
    std::optional<timestamp> const at = time_of(event);
    // Time runs from the start of the year 1900 to the end of 9999 here, the
    // last second of 9999 included; outside is malformed.
    auto const outside_the_years = [](timestamp t) {
        return t < hireguard::utc(std::chrono::year{1900} / 1 / 1) ||
               t >= hireguard::utc(std::chrono::year{10000} / 1 / 1);
    };
    if (at && outside_the_years(*at)) return detail::refuse(rule_ids::value_in_range);
    // So does an offer's start date.
    if (k == ev::send_offer || k == ev::modify_offer) {
        auto const& start = k == ev::send_offer ? std::get<e::send_offer>(event).terms.start_date
                                                : std::get<e::modify_offer>(event).terms.start_date;
        if (start && outside_the_years(*start)) return detail::refuse(rule_ids::value_in_range);
    }
    if (at && d.last_event_at && *at < *d.last_event_at) return detail::refuse(rule_ids::timestamps_monotonic);
    // A dated timer event must not come before what it announces.
    if (k == ev::start_date_reached && at && d.terms && d.terms->start_date && *at < *d.terms->start_date)
        return detail::refuse(rule_ids::start_date_has_come);
    if (k == ev::offer_expired && at && d.offer_sent_at && *at < *d.offer_sent_at + s.offer_lifetime)
        return detail::refuse(rule_ids::offer_lifetime_ended);
    std::optional<timestamp> const now = at ? at : d.last_event_at;

    record next = d;
    st target = c.state;
    for (auto const& r : table)
        if (r.from == c.state && r.event == k) target = r.to;

    switch (k) {
        case ev::send_offer:
        case ev::modify_offer: {
            auto const& terms =
                k == ev::send_offer ? std::get<e::send_offer>(event).terms : std::get<e::modify_offer>(event).terms;
            if (auto no = detail::check_offer(d, s, terms, now)) return *no;
            next.terms = terms;
            next.offer_sent_at = now;  // a modified offer's lifetime starts again
            break;
        }
        case ev::withdraw_offer:
        case ev::offer_expired:
            next.terms.reset();
            next.offer_sent_at.reset();
            break;
        case ev::accept_offer: {
            if (!now) return detail::refuse(rule_ids::event_time_known);
            if (!d.offer_sent_at || !(*now < *d.offer_sent_at + s.offer_lifetime))
                return detail::refuse(rule_ids::offer_not_expired);
            bool const later_start = d.terms && d.terms->start_date && *d.terms->start_date > *now;
            target = later_start ? st::contract_pending : st::contract_active;
            next.hired_at = now;
            if (!later_start) next.started_at = now;
            if (d.terms && d.terms->kind == hireguard::contract_kind::fixed_price) {
                next.escrow = milestone::funded;  // a fixed-price contract starts with its first milestone funded
                next.escrow_cents = d.terms->first_milestone.cents();
            }
            break;
        }
        case ev::start_date_reached:
            next.started_at = now;
            break;
        case ev::log_work: {
            std::int64_t const minutes = std::get<e::log_work>(event).minutes.count();
            if (minutes <= 0) return detail::refuse(rule_ids::work_duration_positive);
            std::int64_t total = 0;
            if (__builtin_add_overflow(d.minutes_logged, minutes, &total))
                return detail::refuse(rule_ids::value_in_range);
            bool const fixed = d.terms && d.terms->kind == hireguard::contract_kind::fixed_price;
            if (fixed && d.escrow == milestone::none) return detail::refuse(rule_ids::work_is_funded);
            next.minutes_logged = total;
            break;
        }
        case ev::fund_milestone: {
            std::int64_t const amount = std::get<e::fund_milestone>(event).amount.cents();
            if (!d.terms || d.terms->kind != hireguard::contract_kind::fixed_price)
                return detail::refuse(rule_ids::fixed_price_contract);
            if (amount <= 0) return detail::refuse(rule_ids::amount_positive);
            if (amount < s.minimum_milestone_cents) return detail::refuse(rule_ids::milestone_minimum);
            if (d.escrow != milestone::none) return detail::refuse(rule_ids::one_funded_milestone);
            next.escrow = milestone::funded;
            next.escrow_cents = amount;
            break;
        }
        case ev::submit_milestone:
            if (d.escrow == milestone::none) return detail::refuse(rule_ids::milestone_funded);
            next.escrow = milestone::submitted;
            break;
        case ev::approve_milestone: {
            if (d.escrow != milestone::submitted) return detail::refuse(rule_ids::milestone_submitted);
            // Paying the milestone must keep both the sum paid and the count of
            // paid milestones representable: a total that would wrap is invalid
            // input, never a wrapped count (its snapshot would not restore).
            std::int64_t paid = 0;
            std::uint32_t count = 0;
            if (__builtin_add_overflow(d.paid_cents, d.escrow_cents, &paid) ||
                __builtin_add_overflow(d.milestones_paid, std::uint32_t{1}, &count))
                return detail::refuse(rule_ids::value_in_range);
            next.paid_cents = paid;
            next.milestones_paid = count;
            next.escrow = milestone::none;
            next.escrow_cents = 0;
            break;
        }
        case ev::end_contract:
            next.ended_at = now;
            break;
        case ev::leave_feedback: {
            if (!now || !d.ended_at) return detail::refuse(rule_ids::event_time_known);
            if (!(*now < *d.ended_at + s.feedback_window)) return detail::refuse(rule_ids::feedback_window_open);
            bool const client = std::get<e::leave_feedback>(event).by == hireguard::party::client;
            bool& flag = client ? next.client_feedback : next.freelancer_feedback;
            if (flag) return detail::refuse(rule_ids::feedback_once_per_party);
            flag = true;
            break;
        }
        default:
            break;
    }
    if (at) next.last_event_at = at;
    answer out{true, rejection_kind::illegal_transition, rule_ids::none, row_index(c.state, k, target)};
    c.data = next;
    c.state = target;
    return out;
}

}  // namespace model

#endif
