// A small model of the background-check workflow (examples/background_check.hpp),
// written by hand from what the example documents: the canonical lifecycle
// (docs/domain.md) without milestones, direct offers, start dates and expiry
// timers, and with a background check between accepting the offer and the
// contract beginning. Its table is a list of strings typed from that
// description, not read from the example's table, so that a row added,
// dropped or retargeted there shows up as a disagreement.
#ifndef HIREGUARD_TESTS_HOSTS_BACKGROUND_CHECK_MODEL_HPP
#define HIREGUARD_TESTS_HOSTS_BACKGROUND_CHECK_MODEL_HPP

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>
#include <variant>

#include <hireguard/testing/checks.hpp>

#include "background_check.hpp"

namespace background_check_model {

using hireguard::rejection_kind;
using hireguard::timestamp;
using W = acme::hiring_with_background_check;
using answer = hireguard::testing::expected;

struct row {
    std::string_view from;
    std::string_view event;
    std::string_view to;
};

// The lifecycle's rows that the example keeps, and its own: the offer's
// acceptance leads to the check, which clears (with a report) into an active
// contract or fails for good.
inline constexpr std::array<row, 26> table = {{
    {"prospect", "invite", "invited"},
    {"prospect", "submit_proposal", "submitted"},
    {"prospect", "close_job", "closed"},
    {"invited", "accept_invite", "interviewing"},
    {"invited", "decline_invite", "invite_declined"},
    {"invited", "close_job", "closed"},
    {"submitted", "respond", "interviewing"},
    {"submitted", "decline", "declined"},
    {"submitted", "withdraw", "withdrawn"},
    {"submitted", "close_job", "closed"},
    {"interviewing", "send_offer", "offered"},
    {"interviewing", "decline", "declined"},
    {"interviewing", "withdraw", "withdrawn"},
    {"interviewing", "close_job", "closed"},
    {"offered", "accept_offer", "background_check"},
    {"offered", "decline_offer", "offer_declined"},
    {"offered", "withdraw_offer", "interviewing"},
    {"offered", "close_job", "closed"},
    {"background_check", "check_cleared", "contract_active"},
    {"background_check", "check_failed", "failed_background_check"},
    {"contract_active", "log_work", "contract_active"},
    {"contract_active", "pause", "contract_paused"},
    {"contract_active", "end_contract", "contract_ended"},
    {"contract_paused", "resume", "contract_active"},
    {"contract_paused", "end_contract", "contract_ended"},
    {"contract_ended", "leave_feedback", "contract_ended"},
}};

inline constexpr std::chrono::seconds offer_lifetime = std::chrono::days{30};
inline constexpr std::chrono::seconds feedback_window = std::chrono::days{14};
inline constexpr std::int64_t minimum_milestone_cents = 500;

/// The candidacy as the model sees it: its state and the facts the rules read.
struct candidacy {
    std::string_view state = "prospect";
    std::uint64_t job = 7;
    std::uint64_t freelancer = 42;
    std::optional<timestamp> last_event_at;
    std::optional<hireguard::offer_terms> terms;
    std::optional<timestamp> offer_sent_at;
    std::optional<timestamp> hired_at;
    std::optional<timestamp> started_at;
    std::optional<timestamp> ended_at;
    std::int64_t minutes = 0;
    bool client_feedback = false;
    bool freelancer_feedback = false;
    std::uint64_t report_id = 0;
    /// Set by the tests of the property itself: a model that forgets that a
    /// cleared check must cite its report.
    bool forgets_report_rule = false;

    [[nodiscard]] std::string_view state_name() const { return state; }

    /// The data the example's candidacy must hold in this model state.
    [[nodiscard]] acme::screened_data expected_data() const {
        acme::screened_data d{{hireguard::job_id{job}, hireguard::freelancer_id{freelancer}}};
        d.last_event_at = last_event_at;
        d.terms = terms;
        d.offer_sent_at = offer_sent_at;
        d.hired_at = hired_at;
        d.started_at = started_at;
        d.ended_at = ended_at;
        d.minutes_logged = std::chrono::minutes{minutes};
        d.client_left_feedback = client_feedback;
        d.freelancer_left_feedback = freelancer_feedback;
        d.report_id = report_id;
        return d;
    }

    [[nodiscard]] answer step(hireguard::event_variant_t<W> const& e) {
        return std::visit([this](auto const& x) { return fire(x); }, e);
    }

private:
    static answer refuse(rejection_kind kind, std::string_view rule) { return answer{false, kind, rule}; }

    template <class Event>
    answer fire(Event const& e) {
        // The table first: an event without a row is illegal, whatever it holds.
        std::string_view to;
        for (auto const& r : table)
            if (r.from == state && r.event == Event::name) to = r.to;
        if (to.empty()) return refuse(rejection_kind::illegal_transition, "none");
        // Every event: dated within the years 1900 to 9999, an offer's start
        // date too, and never before the latest accepted one.
        auto const outside_the_years = [](timestamp t) {
            return t < hireguard::utc(std::chrono::year{1900} / 1 / 1) ||
                   t >= hireguard::utc(std::chrono::year{10000} / 1 / 1);
        };
        if constexpr (requires { e.terms; })
            if (e.terms.start_date && outside_the_years(*e.terms.start_date))
                return refuse(rejection_kind::invalid_input, "value_in_range");
        if (e.at && outside_the_years(*e.at)) return refuse(rejection_kind::invalid_input, "value_in_range");
        if (e.at && last_event_at && *e.at < *last_event_at)
            return refuse(rejection_kind::invalid_input, "timestamps_monotonic");
        std::optional<timestamp> const now = e.at ? e.at : last_event_at;
        candidacy next = *this;
        // The rows' rules and what they record.
        if constexpr (std::is_same_v<Event, hireguard::event::send_offer>) {
            if (!now) return refuse(rejection_kind::invalid_input, "event_time_known");
            bool const hourly = e.terms.kind == hireguard::contract_kind::hourly;
            if (hourly ? e.terms.hourly_rate.cents() <= 0 : e.terms.first_milestone.cents() < minimum_milestone_cents)
                return refuse(rejection_kind::rule_violated, "offer_terms_valid");
            next.terms = e.terms;
            next.offer_sent_at = now;
        } else if constexpr (std::is_same_v<Event, hireguard::event::withdraw_offer>) {
            next.terms.reset();
            next.offer_sent_at.reset();
        } else if constexpr (std::is_same_v<Event, hireguard::event::accept_offer>) {
            if (!now) return refuse(rejection_kind::invalid_input, "event_time_known");
            if (!offer_sent_at || !(*now < *offer_sent_at + offer_lifetime))
                return refuse(rejection_kind::rule_violated, "offer_not_expired");
            next.hired_at = now;  // hired, but the contract waits for the check
        } else if constexpr (std::is_same_v<Event, acme::check_cleared>) {
            if (e.report_id == 0 && !forgets_report_rule) return refuse(rejection_kind::rule_violated, "report_cited");
            next.started_at = now;
            next.report_id = e.report_id;
        } else if constexpr (std::is_same_v<Event, hireguard::event::log_work>) {
            std::int64_t const m = e.minutes.count();
            if (m <= 0) return refuse(rejection_kind::invalid_input, "work_duration_positive");
            if (__builtin_add_overflow(minutes, m, &next.minutes))
                return refuse(rejection_kind::invalid_input, "value_in_range");
            // No milestone can be funded in this workflow: fixed-price work never is.
            if (terms && terms->kind == hireguard::contract_kind::fixed_price)
                return refuse(rejection_kind::rule_violated, "work_is_funded");
        } else if constexpr (std::is_same_v<Event, hireguard::event::end_contract>) {
            next.ended_at = now;
        } else if constexpr (std::is_same_v<Event, hireguard::event::leave_feedback>) {
            if (!now || !ended_at) return refuse(rejection_kind::invalid_input, "event_time_known");
            if (!(*now < *ended_at + feedback_window))
                return refuse(rejection_kind::rule_violated, "feedback_window_open");
            bool& left = e.by == hireguard::party::client ? next.client_feedback : next.freelancer_feedback;
            if (left) return refuse(rejection_kind::rule_violated, "feedback_once_per_party");
            left = true;
        }
        if (e.at) next.last_event_at = e.at;
        next.state = to;
        *this = next;
        return answer{};
    }
};

}  // namespace background_check_model

#endif
