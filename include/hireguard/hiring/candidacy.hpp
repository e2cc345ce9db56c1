// The typestate API for the canonical lifecycle: `begin_candidacy(job,
// freelancer)` and `candidacy<S>` in the lifecycle's states. Include this
// header for compile-time checked candidacies only: it does not bring in the
// runtime engine (<hireguard/hiring/machine.hpp>).
#ifndef HIREGUARD_HIRING_CANDIDACY_HPP
#define HIREGUARD_HIRING_CANDIDACY_HPP

#include <hireguard/core/candidacy.hpp>
#include <hireguard/hiring/data.hpp>
#include <hireguard/hiring/lifecycle.hpp>
#include <hireguard/hiring/states.hpp>
#include <hireguard/hiring/values.hpp>

namespace hireguard {

/// Starts a candidacy of the canonical lifecycle in `prospect`: no contact
/// yet. Throws `std::invalid_argument` for a policy that `policy_problem`
/// finds wrong.
///
///     auto c = hireguard::begin_candidacy(hireguard::job_id{7}, hireguard::freelancer_id{42});
[[nodiscard]] inline candidacy<state::prospect, lifecycle> begin_candidacy(job_id job, freelancer_id freelancer,
                                                                           policy const& p = {}) {
    return begin_candidacy<lifecycle>(candidacy_data{job, freelancer}, p);
}

}  // namespace hireguard

#endif
