// Which workflows the audit can replay: those whose events carry their time
// and whose candidacy's machine is built from the job, the freelancer and the
// policy. Part of the audit pipeline (<hireguard/audit/audit.hpp>).
#ifndef HIREGUARD_AUDIT_AUDITABLE_HPP
#define HIREGUARD_AUDIT_AUDITABLE_HPP

#include <concepts>
#include <optional>
#include <type_traits>
#include <variant>

#include <hireguard/core/machine.hpp>
#include <hireguard/core/table.hpp>
#include <hireguard/core/workflow.hpp>
#include <hireguard/hiring/values.hpp>

namespace hireguard {

namespace detail {
// An event with the time it happened, by which the audit orders a candidacy.
template <class E>
concept audit_timed_event = requires(E const& e) {
    { e.at } -> std::same_as<std::optional<timestamp> const&>;
};
template <class Variant>
struct audit_timed_events : std::false_type {};
template <class... Events>
struct audit_timed_events<std::variant<Events...>> : std::bool_constant<(audit_timed_event<Events> && ...)> {};

// A workflow whose machine is built from a candidacy's job and freelancer and
// the policy: its data begins with those two fields.
template <class W>
concept audit_machine_of_candidacy = requires(job_id job, freelancer_id freelancer, policy_t<W> const& p) {
    basic_machine<W>(job, freelancer, p);
};
}  // namespace detail

namespace audit {

/// A workflow whose event logs the audit replays: every event has its time
/// (`std::optional<timestamp> at`, as hiring's events do), and a candidacy's
/// machine is built from its job, its freelancer and the policy,
/// `basic_machine<W>{job, freelancer, policy}`: the workflow's data begins
/// with `job` and `freelancer` fields, as `candidacy_data` and the data of any
/// `hiring_workflow<Data>` do.
///
///     static_assert(hireguard::audit::auditable<hireguard::lifecycle>);
///     struct my_workflow : hireguard::hiring_workflow<> { ... };   // auditable too
template <class W>
concept auditable =
    workflow<W> && detail::audit_timed_events<event_variant_t<W>>::value && detail::audit_machine_of_candidacy<W>;

}  // namespace audit
}  // namespace hireguard

#endif
