// The canonical candidacy-to-contract lifecycle of docs/domain.md: 15 states,
// 24 events, 36 rows, written once as a Boost.MSM front-end transition table.
// Everything else in hireguard reads this table. This header holds the table,
// its guards, its verification and `any_event`; the typed API's
// `begin_candidacy` is in <hireguard/hiring/candidacy.hpp>, the runtime
// engine's `machine`, `replayed` and `replay` in <hireguard/hiring/machine.hpp>,
// so that each pays only for the executor it uses.
#ifndef HIREGUARD_HIRING_LIFECYCLE_HPP
#define HIREGUARD_HIRING_LIFECYCLE_HPP

#include <string_view>

#include <boost/mpl/vector/vector40.hpp>
#include <boost/msm/front/functor_row.hpp>

#include <hireguard/core/rules.hpp>
#include <hireguard/core/table.hpp>
#include <hireguard/core/verify.hpp>
#include <hireguard/core/workflow.hpp>
#include <hireguard/hiring/data.hpp>
#include <hireguard/hiring/events.hpp>
#include <hireguard/hiring/rules.hpp>
#include <hireguard/hiring/states.hpp>
#include <hireguard/hiring/values.hpp>
#include <hireguard/hiring/workflow.hpp>

namespace hireguard {

/// The guards of the lifecycle's rows, named after docs/domain.md's rules.
namespace guards {
/// Valid offer terms.
using valid_offer = rules::offer_terms_valid;
/// Offer not expired; start date <= acceptance time: the contract begins.
using accept_and_begin = all_of<rules::offer_not_expired, rules::start_date_not_after_acceptance>;
/// Offer not expired; start date > acceptance time: hired, contract not begun.
using accept_before_start = all_of<rules::offer_not_expired, rules::start_date_after_acceptance>;
/// Hourly: positive duration; fixed price: a funded milestone exists.
using work_allowed = all_of<rules::work_duration_positive, rules::work_is_funded>;
/// Fixed price only; amount >= the minimum; no other funded, unpaid milestone.
using milestone_fundable =
    all_of<rules::fixed_price_contract, rules::amount_positive, rules::milestone_minimum, rules::one_funded_milestone>;
/// A funded milestone exists.
using milestone_funded = rules::milestone_funded;
/// A submitted milestone exists.
using milestone_submitted = rules::milestone_submitted;
/// Within the feedback window of the end; once per party.
using feedback_allowed = all_of<rules::feedback_window_open, rules::feedback_once_per_party>;
}  // namespace guards

/// The canonical lifecycle (docs/domain.md). Rows read like docs/domain.md's table:
/// source, event, target, action, guard.
struct lifecycle : hiring_workflow<> {
    using initial_state = state::prospect;
    using terminal_states = type_list<state::invite_declined, state::invite_withdrawn, state::declined,
                                      state::withdrawn, state::offer_declined, state::closed>;
    using hired_states =
        type_list<state::contract_pending, state::contract_active, state::contract_paused, state::contract_ended>;

    template <class S, class E, class T, class A = none, class G = none>
    using Row = boost::msm::front::Row<S, E, T, A, G>;

    // clang-format off
    using transition_table = boost::mpl::vector36<
    //   source                   event                        target                   action                    guard
    Row< state::prospect,         event::invite,               state::invited                                                                  >,
    Row< state::prospect,         event::submit_proposal,      state::submitted                                                                >,
    Row< state::prospect,         event::send_offer,           state::offered,          actions::record_offer,    guards::valid_offer          >,
    Row< state::prospect,         event::close_job,            state::closed                                                                   >,
    Row< state::invited,          event::accept_invite,        state::interviewing                                                             >,
    Row< state::invited,          event::decline_invite,       state::invite_declined                                                          >,
    Row< state::invited,          event::withdraw_invite,      state::invite_withdrawn                                                         >,
    Row< state::invited,          event::send_offer,           state::offered,          actions::record_offer,    guards::valid_offer          >,
    Row< state::invited,          event::close_job,            state::closed                                                                   >,
    Row< state::submitted,        event::respond,              state::interviewing                                                             >,
    Row< state::submitted,        event::decline,              state::declined                                                                 >,
    Row< state::submitted,        event::withdraw,             state::withdrawn                                                                >,
    Row< state::submitted,        event::send_offer,           state::offered,          actions::record_offer,    guards::valid_offer          >,
    Row< state::submitted,        event::close_job,            state::closed                                                                   >,
    Row< state::interviewing,     event::decline,              state::declined                                                                 >,
    Row< state::interviewing,     event::withdraw,             state::withdrawn                                                                >,
    Row< state::interviewing,     event::send_offer,           state::offered,          actions::record_offer,    guards::valid_offer          >,
    Row< state::interviewing,     event::close_job,            state::closed                                                                   >,
    Row< state::offered,          event::modify_offer,         state::offered,          actions::record_offer,    guards::valid_offer          >,
    Row< state::offered,          event::withdraw_offer,       state::interviewing,     actions::clear_offer                                   >,
    Row< state::offered,          event::offer_expired,        state::interviewing,     actions::clear_offer                                   >,
    Row< state::offered,          event::decline_offer,        state::offer_declined                                                           >,
    Row< state::offered,          event::accept_offer,         state::contract_active,  actions::hire,            guards::accept_and_begin     >,
    Row< state::offered,          event::accept_offer,         state::contract_pending, actions::hire,            guards::accept_before_start  >,
    Row< state::offered,          event::close_job,            state::closed                                                                   >,
    Row< state::contract_pending, event::start_date_reached,   state::contract_active,  actions::begin_contract                                >,
    Row< state::contract_pending, event::end_contract,         state::contract_ended,   actions::end                                           >,
    Row< state::contract_active,  event::log_work,             state::contract_active,  actions::record_work,     guards::work_allowed         >,
    Row< state::contract_active,  event::fund_milestone,       state::contract_active,  actions::fund,            guards::milestone_fundable   >,
    Row< state::contract_active,  event::submit_milestone,     state::contract_active,  actions::submit_work,     guards::milestone_funded     >,
    Row< state::contract_active,  event::approve_milestone,    state::contract_active,  actions::release_payment, guards::milestone_submitted  >,
    Row< state::contract_active,  event::pause,                state::contract_paused                                                          >,
    Row< state::contract_active,  event::end_contract,         state::contract_ended,   actions::end                                           >,
    Row< state::contract_paused,  event::resume,               state::contract_active                                                          >,
    Row< state::contract_paused,  event::end_contract,         state::contract_ended,   actions::end                                           >,
    Row< state::contract_ended,   event::leave_feedback,       state::contract_ended,   actions::record_feedback, guards::feedback_allowed     >
    >;
    // clang-format on

    /// Why an illegal pair is illegal, in the words of docs/domain.md, for the
    /// common mistakes; empty for the rest.
    [[nodiscard]] static constexpr std::string_view explain_illegal(std::string_view state,
                                                                    std::string_view event) noexcept {
        constexpr auto terminal = detail::names_of(terminal_states{});
        for (std::string_view const name : terminal)
            if (name == state) return "the candidacy is over";
        if (event == "log_work") {
            if (state == "contract_pending") return "the contract has not begun: its start date is still ahead";
            if (state == "contract_paused") return "the contract is paused";
            if (state == "contract_ended") return "the contract has ended";
            return "work before hire: a freelancer is hired only when a contract begins";
        }
        if (event == "withdraw" && state == "offered") return "after an offer the freelancer declines it instead";
        if (event == "accept_offer") return "there is no offer to accept";
        if (state == "contract_ended") return "the contract has ended";
        return {};
    }
};

/// Any event of the canonical lifecycle, for events decoded at run time.
using any_event = event_variant_t<lifecycle>;

// docs/domain.md's properties of the table, checked whenever this header is
// compiled: an edit that breaks one fails the build with a finding that names
// the state or event at fault.
namespace lifecycle_properties {
using namespace verify;
// Every state reachable, a way out of every non-terminal state, none out of a
// terminal one, one nondeterministic pair only, with both rows guarded, and
// no trap: from every state, a way to a terminal state or to the absorbing
// contract_ended.
static_assert(check<unreachable<lifecycle>>);
static_assert(check<dead_ends<lifecycle>>);
static_assert(check<nondeterminism<lifecycle>>);
static_assert(check<traps<lifecycle>>);
// `offered` precedes every hired state.
static_assert(check<precedence<lifecycle, state::offered, state::contract_pending>>);
static_assert(check<precedence<lifecycle, state::offered, state::contract_active>>);
static_assert(check<precedence<lifecycle, state::offered, state::contract_paused>>);
static_assert(check<precedence<lifecycle, state::offered, state::contract_ended>>);
// Work only in contract_active, which no run reaches without an offer (the
// precedence above): work only after an accepted offer. contract_ended is
// absorbing, and no work is legal after it.
static_assert(check<legal_exactly_in<lifecycle, event::log_work, type_list<state::contract_active>>>);
static_assert(check<absorbing<lifecycle, state::contract_ended>>);
static_assert(check<never_after<lifecycle, state::contract_ended, event::log_work>>);
// A contract can begin, and every candidacy that does not end is talked to:
// each run reaches interviewing, offered or a terminal state.
static_assert(check<reachable<lifecycle, state::contract_active>>);
static_assert(check<eventually<lifecycle, type_list<state::interviewing, state::offered>>>);
}  // namespace lifecycle_properties

}  // namespace hireguard

#endif
