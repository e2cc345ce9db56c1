// What every hiring workflow declares besides its table: the candidacy's data
// and policy, the input rules every event must pass, and the clock that every
// accepted event moves. The canonical lifecycle derives from it; so do a
// host's own hiring workflows, with their own data if they need it.
#ifndef HIREGUARD_HIRING_WORKFLOW_HPP
#define HIREGUARD_HIRING_WORKFLOW_HPP

#include <concepts>
#include <type_traits>

#include <hireguard/core/detail/type_list.hpp>
#include <hireguard/core/workflow.hpp>
#include <hireguard/hiring/data.hpp>
#include <hireguard/hiring/rules.hpp>

namespace hireguard {

/// A hiring data type: `candidacy_data` or a type derived from it, whose
/// members every hiring rule and action reads and writes.
template <class D>
concept hiring_data = std::is_base_of_v<candidacy_data, D> && std::equality_comparable<D>;

/// A hiring policy type: `policy` or a type derived from it.
template <class P>
concept hiring_policy = std::is_base_of_v<policy, P> && std::equality_comparable<P>;

/// The declarations a hiring workflow shares, to derive from. `Data` is the
/// candidacy's data (`candidacy_data`, or a host's type derived from it that
/// adds its own fields); `Policy` likewise.
///
///     struct screened_data : hireguard::candidacy_data { std::uint64_t report_id = 0; ... };
///     struct my_workflow : hireguard::hiring_workflow<screened_data> {
///         using initial_state = ...; using terminal_states = ...; using transition_table = ...;
///     };
///
/// Input rules, checked in this order before any row on every legal event:
/// the offer's start date and the event's time lie in the years 1900 to 9999,
/// the time never goes backwards, and a timer event does not contradict the
/// data (`start_date_reached` before the start date, `offer_expired` before
/// the offer's lifetime ends). Every accepted event with a time moves
/// `last_event_at` to it. A replayed history's events must have a time
/// (`rules::event_timed`): a replay has no clock to stamp them with.
template <hiring_data Data = candidacy_data, hiring_policy Policy = policy>
struct hiring_workflow {
    using data_type = Data;
    using policy_type = Policy;
    using input_rules = type_list<rules::start_date_in_accepted_years, rules::event_in_accepted_years,
                                  rules::timestamps_monotonic, rules::start_date_has_come, rules::offer_lifetime_ended>;
    using replay_rules = type_list<rules::event_timed>;
    using accepted_action = actions::note_time;
};

}  // namespace hireguard

#endif
