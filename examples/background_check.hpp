// A host's own workflow: the canonical lifecycle with a background check
// between accepting the offer and the contract beginning. The candidacy keeps
// the screening report's id; a host rule reads it. Everything the host
// writes is here: the stage, its events, its data, its rule and action, the
// table, and the descriptions (Boost.Describe) from which the codecs write
// and read the host's events and data. Shared by examples/background_check.cpp,
// examples/background_check_audit.cpp and its test.
#ifndef ACME_BACKGROUND_CHECK_HPP
#define ACME_BACKGROUND_CHECK_HPP

#include <cstdint>
#include <optional>
#include <string_view>

#include <boost/describe/class.hpp>
#include <boost/mpl/vector/vector30.hpp>

#include <hireguard/hireguard.hpp>

namespace acme {

using hireguard::none;
using hireguard::type_list;
namespace state = hireguard::state;
namespace event = hireguard::event;
namespace guards = hireguard::guards;
namespace actions = hireguard::actions;

// The new stage, and how it ends.
struct background_check {
    static constexpr std::string_view name = "background_check";
};
struct failed_background_check {
    static constexpr std::string_view name = "failed_background_check";
};
struct check_cleared {
    static constexpr std::string_view name = "check_cleared";
    std::optional<hireguard::timestamp> at{};
    std::uint64_t report_id = 0;
};
BOOST_DESCRIBE_STRUCT(check_cleared, (), (at, report_id))
struct check_failed {
    static constexpr std::string_view name = "check_failed";
    std::optional<hireguard::timestamp> at{};
};
BOOST_DESCRIBE_STRUCT(check_failed, (), (at))

// The candidacy's data: everything the lifecycle keeps, and the screening
// report that cleared the freelancer.
struct screened_data : hireguard::candidacy_data {
    std::uint64_t report_id = 0;
    friend bool operator==(screened_data const&, screened_data const&) = default;
};
BOOST_DESCRIBE_STRUCT(screened_data, (hireguard::candidacy_data), (report_id))

// The host's own rule: a cleared check must cite the screening report.
struct report_cited : hireguard::rule<report_cited> {
    static constexpr hireguard::rule_id id{"report_cited"};
    template <class Data, class Policy, class Event>
    static std::optional<hireguard::violation> check(Data const&, Policy const&, Event const& e) {
        if (e.report_id != 0) return std::nullopt;
        return hireguard::violation{id, "a cleared check must cite its report"};
    }
};

// The acceptance is recorded; the contract begins only when the check clears.
struct record_acceptance : hireguard::action<record_acceptance> {
    template <class Data, class Event>
    static void apply(Data& d, Event const& e) noexcept {
        d.hired_at = hireguard::event_time(d, e);
    }
};

// The check clears: the contract begins, and the report is kept.
struct record_clearance : hireguard::action<record_clearance> {
    template <class Event>
    static void apply(screened_data& d, Event const& e) noexcept {
        hireguard::actions::begin_contract::apply(d, e);
        d.report_id = e.report_id;
    }
};

struct hiring_with_background_check : hireguard::hiring_workflow<screened_data> {
    using initial_state = state::prospect;
    using terminal_states = type_list<state::invite_declined, state::declined, state::withdrawn, state::offer_declined,
                                      state::closed, failed_background_check>;
    using hired_states =
        type_list<background_check, state::contract_active, state::contract_paused, state::contract_ended>;

    template <class S, class E, class T, class A = none, class G = none>
    using Row = boost::msm::front::Row<S, E, T, A, G>;

    // clang-format off
    using transition_table = boost::mpl::vector26<
    //   source                   event                    target                    action                     guard
    Row< state::prospect,         event::invite,           state::invited                                                               >,
    Row< state::prospect,         event::submit_proposal,  state::submitted                                                             >,
    Row< state::prospect,         event::close_job,        state::closed                                                                >,
    Row< state::invited,          event::accept_invite,    state::interviewing                                                          >,
    Row< state::invited,          event::decline_invite,   state::invite_declined                                                       >,
    Row< state::invited,          event::close_job,        state::closed                                                                >,
    Row< state::submitted,        event::respond,          state::interviewing                                                          >,
    Row< state::submitted,        event::decline,          state::declined                                                              >,
    Row< state::submitted,        event::withdraw,         state::withdrawn                                                             >,
    Row< state::submitted,        event::close_job,        state::closed                                                                >,
    Row< state::interviewing,     event::send_offer,       state::offered,           actions::record_offer,     guards::valid_offer     >,
    Row< state::interviewing,     event::decline,          state::declined                                                              >,
    Row< state::interviewing,     event::withdraw,         state::withdrawn                                                             >,
    Row< state::interviewing,     event::close_job,        state::closed                                                                >,
    Row< state::offered,          event::accept_offer,     background_check,         record_acceptance,         hireguard::rules::offer_not_expired >,
    Row< state::offered,          event::decline_offer,    state::offer_declined                                                        >,
    Row< state::offered,          event::withdraw_offer,   state::interviewing,      actions::clear_offer                               >,
    Row< state::offered,          event::close_job,        state::closed                                                                >,
    Row< background_check,        check_cleared,           state::contract_active,   record_clearance,          report_cited            >,
    Row< background_check,        check_failed,            failed_background_check                                                      >,
    Row< state::contract_active,  event::log_work,         state::contract_active,   actions::record_work,      guards::work_allowed    >,
    Row< state::contract_active,  event::pause,            state::contract_paused                                                       >,
    Row< state::contract_active,  event::end_contract,     state::contract_ended,    actions::end                                       >,
    Row< state::contract_paused,  event::resume,           state::contract_active                                                       >,
    Row< state::contract_paused,  event::end_contract,     state::contract_ended,    actions::end                                       >,
    Row< state::contract_ended,   event::leave_feedback,   state::contract_ended,    actions::record_feedback,  guards::feedback_allowed >
    >;
    // clang-format on
};

// The compiler verifies the host's workflow as it does the canonical one.
namespace verified {
using namespace hireguard::verify;
using W = hiring_with_background_check;
static_assert(check<structure<W>>);
static_assert(check<precedence<W, state::offered, background_check>>);
static_assert(check<precedence<W, background_check, state::contract_active>>);
static_assert(check<legal_exactly_in<W, event::log_work, type_list<state::contract_active>>>);
static_assert(check<absorbing<W, state::contract_ended>>);
}  // namespace verified

}  // namespace acme

#endif
