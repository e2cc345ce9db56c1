// The 24 events of the canonical lifecycle (docs/domain.md), as aggregates with
// their payloads. Every event carries an optional UTC timestamp `at`; an event
// without one is taken to happen at the candidacy's latest known time.
// A default-constructed event is valid input for every row without a guard.
#ifndef HIREGUARD_HIRING_EVENTS_HPP
#define HIREGUARD_HIRING_EVENTS_HPP

#include <chrono>
#include <optional>
#include <string_view>

#include <boost/describe/class.hpp>

#include <hireguard/hiring/values.hpp>

namespace hireguard {
struct lifecycle;
}

/// Event types. An event is an aggregate with a
/// `static constexpr std::string_view name` and an `std::optional<timestamp> at`,
/// described with BOOST_DESCRIBE_STRUCT (`at` and the payload): the codecs
/// write and read what the description lists, and a member left out of it is a
/// compile error in the codecs. A host's event is written the same way:
///
///     struct check_cleared {
///         static constexpr std::string_view name = "check_cleared";
///         std::optional<hireguard::timestamp> at{};
///         std::uint64_t report_id = 0;
///     };
///     BOOST_DESCRIBE_STRUCT(check_cleared, (), (at, report_id))
///
///     hireguard::event::log_work{.at = hireguard::utc(2026y / 3 / 2), .minutes = std::chrono::minutes{90}}
namespace hireguard::event {

// Client events.
/// The client invites the freelancer to interview.
struct invite {
    static constexpr std::string_view name = "invite";
    std::optional<timestamp> at{};
};
BOOST_DESCRIBE_STRUCT(invite, (), (at))
/// The client withdraws an invitation the freelancer has not answered.
struct withdraw_invite {
    static constexpr std::string_view name = "withdraw_invite";
    std::optional<timestamp> at{};
};
BOOST_DESCRIBE_STRUCT(withdraw_invite, (), (at))
/// The client answers a proposal: the candidacy becomes active.
struct respond {
    static constexpr std::string_view name = "respond";
    std::optional<timestamp> at{};
};
BOOST_DESCRIBE_STRUCT(respond, (), (at))
/// The client declines the proposal or the candidate.
struct decline {
    static constexpr std::string_view name = "decline";
    std::optional<timestamp> at{};
};
BOOST_DESCRIBE_STRUCT(decline, (), (at))
/// The client sends an offer with its terms.
struct send_offer {
    static constexpr std::string_view name = "send_offer";
    std::optional<timestamp> at{};
    offer_terms terms{};
};
BOOST_DESCRIBE_STRUCT(send_offer, (), (at, terms))
/// The client replaces the terms of a pending offer; its lifetime starts again.
struct modify_offer {
    static constexpr std::string_view name = "modify_offer";
    std::optional<timestamp> at{};
    offer_terms terms{};
};
BOOST_DESCRIBE_STRUCT(modify_offer, (), (at, terms))
/// The client withdraws a pending offer; the candidacy goes back to interviewing.
struct withdraw_offer {
    static constexpr std::string_view name = "withdraw_offer";
    std::optional<timestamp> at{};
};
BOOST_DESCRIBE_STRUCT(withdraw_offer, (), (at))
/// The client funds the next milestone of a fixed-price contract (escrow).
struct fund_milestone {
    static constexpr std::string_view name = "fund_milestone";
    std::optional<timestamp> at{};
    money amount{};
};
BOOST_DESCRIBE_STRUCT(fund_milestone, (), (at, amount))
/// The client approves submitted milestone work and releases its payment.
struct approve_milestone {
    static constexpr std::string_view name = "approve_milestone";
    std::optional<timestamp> at{};
};
BOOST_DESCRIBE_STRUCT(approve_milestone, (), (at))
/// The client puts an active contract on hold.
struct pause {
    static constexpr std::string_view name = "pause";
    std::optional<timestamp> at{};
};
BOOST_DESCRIBE_STRUCT(pause, (), (at))
/// The client takes a paused contract off hold.
struct resume {
    static constexpr std::string_view name = "resume";
    std::optional<timestamp> at{};
};
BOOST_DESCRIBE_STRUCT(resume, (), (at))
/// The client closes the job.
struct close_job {
    static constexpr std::string_view name = "close_job";
    std::optional<timestamp> at{};
};
BOOST_DESCRIBE_STRUCT(close_job, (), (at))

// Freelancer events.
/// The freelancer accepts an invitation to interview.
struct accept_invite {
    static constexpr std::string_view name = "accept_invite";
    std::optional<timestamp> at{};
};
BOOST_DESCRIBE_STRUCT(accept_invite, (), (at))
/// The freelancer declines an invitation to interview.
struct decline_invite {
    static constexpr std::string_view name = "decline_invite";
    std::optional<timestamp> at{};
};
BOOST_DESCRIBE_STRUCT(decline_invite, (), (at))
/// The freelancer sends a proposal.
struct submit_proposal {
    static constexpr std::string_view name = "submit_proposal";
    std::optional<timestamp> at{};
};
BOOST_DESCRIBE_STRUCT(submit_proposal, (), (at))
/// The freelancer withdraws a proposal (only before an offer).
struct withdraw {
    static constexpr std::string_view name = "withdraw";
    std::optional<timestamp> at{};
};
BOOST_DESCRIBE_STRUCT(withdraw, (), (at))
/// The freelancer declines the offer.
struct decline_offer {
    static constexpr std::string_view name = "decline_offer";
    std::optional<timestamp> at{};
};
BOOST_DESCRIBE_STRUCT(decline_offer, (), (at))
/// The freelancer accepts the offer: a hire is made.
struct accept_offer {
    static constexpr std::string_view name = "accept_offer";
    std::optional<timestamp> at{};
};
BOOST_DESCRIBE_STRUCT(accept_offer, (), (at))
/// The freelancer logs work on an active contract.
struct log_work {
    static constexpr std::string_view name = "log_work";
    std::optional<timestamp> at{};
    std::chrono::minutes minutes{};
};
BOOST_DESCRIBE_STRUCT(log_work, (), (at, minutes))
/// The freelancer submits work for the funded milestone.
struct submit_milestone {
    static constexpr std::string_view name = "submit_milestone";
    std::optional<timestamp> at{};
};
BOOST_DESCRIBE_STRUCT(submit_milestone, (), (at))

// Either party.
/// Either party ends the contract.
struct end_contract {
    static constexpr std::string_view name = "end_contract";
    std::optional<timestamp> at{};
    party by = party::client;
};
BOOST_DESCRIBE_STRUCT(end_contract, (), (at, by))
/// Either party leaves feedback after the end of the contract.
struct leave_feedback {
    static constexpr std::string_view name = "leave_feedback";
    std::optional<timestamp> at{};
    party by = party::client;
};
BOOST_DESCRIBE_STRUCT(leave_feedback, (), (at, by))

// System and timer events.
/// The offer's lifetime ran out before the freelancer answered.
struct offer_expired {
    static constexpr std::string_view name = "offer_expired";
    std::optional<timestamp> at{};
};
BOOST_DESCRIBE_STRUCT(offer_expired, (), (at))
/// A pending contract's start date has come: the contract begins.
struct start_date_reached {
    static constexpr std::string_view name = "start_date_reached";
    std::optional<timestamp> at{};
};
BOOST_DESCRIBE_STRUCT(start_date_reached, (), (at))

/// Hiring's events belong to the canonical lifecycle when a template that
/// takes an event and a workflow is given no workflow (`is_event_of_v<E>`).
/// Found by argument-dependent lookup; never called.
template <class E>
hireguard::lifecycle* hireguard_default_workflow(E* /*event*/);

}  // namespace hireguard::event

#endif
