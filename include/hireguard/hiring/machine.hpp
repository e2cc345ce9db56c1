// The runtime engine for the canonical lifecycle: `machine`, for events that
// arrive at run time (`any_event`), and `replay`, which rebuilds a candidacy
// from its history. It does not bring in the typed API's `begin_candidacy`
// (<hireguard/hiring/candidacy.hpp>), though `machine::visit` hands out typed
// candidacies.
#ifndef HIREGUARD_HIRING_MACHINE_HPP
#define HIREGUARD_HIRING_MACHINE_HPP

#include <utility>

#include <hireguard/core/history.hpp>
#include <hireguard/core/machine.hpp>
#include <hireguard/core/workflow.hpp>
#include <hireguard/hiring/lifecycle.hpp>
#include <hireguard/hiring/values.hpp>

namespace hireguard {

/// The runtime engine of the canonical lifecycle.
///
///     hireguard::machine m{hireguard::job_id{7}, hireguard::freelancer_id{42}};
using machine = basic_machine<lifecycle>;

/// The replay of a history of the canonical lifecycle.
using replayed = basic_replayed<lifecycle>;

/// Rebuilds the candidacy of `job` and `freelancer` from its whole history:
/// a new machine of `W` (the canonical lifecycle unless named) in its initial
/// state with policy `p`, then every event in order.
///
///     std::vector<hireguard::any_event> history{hireguard::event::invite{}, hireguard::event::accept_invite{}};
///     auto r = hireguard::replay(hireguard::job_id{7}, hireguard::freelancer_id{42}, history);
///     assert(r.clean() && r.machine.is<hireguard::state::interviewing>());
template <workflow W = lifecycle, class R>
requires history_of<R, W>
[[nodiscard]] basic_replayed<W> replay(job_id job, freelancer_id freelancer, R&& history, policy_t<W> const& p = {}) {
    return replay(basic_machine<W>{job, freelancer, p}, std::forward<R>(history));
}

}  // namespace hireguard

#endif
