// The 15 states of the canonical lifecycle (docs/domain.md). Each is an empty tag
// type with its docs/domain.md name; user workflows may add their own the same way.
#ifndef HIREGUARD_HIRING_STATES_HPP
#define HIREGUARD_HIRING_STATES_HPP

#include <string_view>

namespace hireguard {
struct lifecycle;
}

/// State tag types. A state is any class type with a
/// `static constexpr std::string_view name`.
///
///     struct background_check { static constexpr std::string_view name = "background_check"; };
namespace hireguard::state {

/// No contact yet between this freelancer and this job (initial).
struct prospect {
    static constexpr std::string_view name = "prospect";
};
/// The client invited the freelancer to interview; the freelancer has not answered.
struct invited {
    static constexpr std::string_view name = "invited";
};
/// The freelancer sent a proposal; the client has not answered.
struct submitted {
    static constexpr std::string_view name = "submitted";
};
/// Active candidacy: the two sides talk. Not hired.
struct interviewing {
    static constexpr std::string_view name = "interviewing";
};
/// The client sent an offer; the freelancer must respond.
struct offered {
    static constexpr std::string_view name = "offered";
};
/// Offer accepted, start date still in the future: hired, no work yet.
struct contract_pending {
    static constexpr std::string_view name = "contract_pending";
};
/// The contract has begun: the only state in which work may be done.
struct contract_active {
    static constexpr std::string_view name = "contract_active";
};
/// The client put the contract on hold: no work.
struct contract_paused {
    static constexpr std::string_view name = "contract_paused";
};
/// The contract ended; the feedback window is open. Absorbing.
struct contract_ended {
    static constexpr std::string_view name = "contract_ended";
};
/// The freelancer declined the invitation (terminal).
struct invite_declined {
    static constexpr std::string_view name = "invite_declined";
};
/// The client withdrew the invitation (terminal).
struct invite_withdrawn {
    static constexpr std::string_view name = "invite_withdrawn";
};
/// The client declined the proposal or the candidate (terminal).
struct declined {
    static constexpr std::string_view name = "declined";
};
/// The freelancer withdrew the proposal, before any offer (terminal).
struct withdrawn {
    static constexpr std::string_view name = "withdrawn";
};
/// The freelancer declined the offer (terminal).
struct offer_declined {
    static constexpr std::string_view name = "offer_declined";
};
/// The job closed before this candidacy led to a hire (terminal).
struct closed {
    static constexpr std::string_view name = "closed";
};

/// Hiring's states belong to the canonical lifecycle when a template that
/// takes a state and a workflow is given no workflow (`can_fire_v<S, E>`,
/// `candidacy<S>`). Found by argument-dependent lookup; never called.
template <class S>
hireguard::lifecycle* hireguard_default_workflow(S* /*state*/);

}  // namespace hireguard::state

#endif
