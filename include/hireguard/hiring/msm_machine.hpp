// The canonical lifecycle on the genuine Boost.MSM back-end: the reference
// executor. It costs far more to compile than `machine`: include it only
// where it is needed.
#ifndef HIREGUARD_HIRING_MSM_MACHINE_HPP
#define HIREGUARD_HIRING_MSM_MACHINE_HPP

#include <hireguard/core/msm_machine.hpp>
#include <hireguard/hiring/lifecycle.hpp>

namespace hireguard {

/// The canonical lifecycle on the Boost.MSM back-end.
///
///     hireguard::msm_machine m{hireguard::job_id{7}, hireguard::freelancer_id{42}};
using msm_machine = basic_msm_machine<lifecycle>;

}  // namespace hireguard

#endif
