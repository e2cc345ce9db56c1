// What a workflow is: a Boost.MSM front-end transition table with its initial
// and terminal states, and optionally the data a candidacy carries, the
// policy its rules read, the input rules every event must pass and the action
// every accepted event applies. The core knows nothing else of any domain.
#ifndef HIREGUARD_CORE_WORKFLOW_HPP
#define HIREGUARD_CORE_WORKFLOW_HPP

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>

#include <boost/msm/front/functor_row.hpp>

#include <hireguard/core/detail/type_list.hpp>

namespace hireguard {

/// A workflow declaration:
///
///     struct my_workflow {
///         using initial_state = applied;
///         using terminal_states = hireguard::type_list<rejected_state, approved>;
///         using hired_states = hireguard::type_list<approved>;          // optional
///         using data_type = my_data;                                    // optional: no_data
///         using policy_type = my_policy;                                // optional: no_policy
///         using input_rules = hireguard::type_list<well_formed>;        // optional: none
///         using replay_rules = hireguard::type_list<timed>;             // optional: none
///         using accepted_action = stamp_time;                           // optional: none
///         using transition_table = boost::mpl::vector<
///             boost::msm::front::Row<applied, approve, approved, record_approval, approval_allowed>, ...>;
///     };
///
/// Rows are `boost::msm::front::Row<Source, Event, Target, Action, Guard>`;
/// actions derive from `hireguard::action`, guards from `hireguard::rule`
/// (<hireguard/core/rules.hpp>). The table may be any MPL sequence
/// (`mpl::vector`, `mpl::vectorN`) or a `boost::fusion::vector`, named
/// directly by the alias.
template <class W>
concept workflow = requires {
    typename W::transition_table;
    typename W::initial_state;
    typename W::terminal_states;
};

/// `boost::msm::front::none`: no action, no guard.
using none = boost::msm::front::none;

/// The data of a workflow that declares none.
struct no_data {
    friend constexpr bool operator==(no_data, no_data) noexcept = default;
};

/// The policy of a workflow that declares none.
struct no_policy {
    friend constexpr bool operator==(no_policy, no_policy) noexcept = default;
};

namespace detail {
// W's member type if W declares it, Default otherwise.
template <class W, class Default, template <class> class Member, class = void>
struct member_or {
    using type = Default;
};
template <class W, class Default, template <class> class Member>
struct member_or<W, Default, Member, std::void_t<Member<W>>> {
    using type = Member<W>;
};
template <class W>
using hired_states_member = typename W::hired_states;
template <class W>
using data_member = typename W::data_type;
template <class W>
using policy_member = typename W::policy_type;
template <class W>
using input_rules_member = typename W::input_rules;
template <class W>
using replay_rules_member = typename W::replay_rules;
template <class W>
using accepted_action_member = typename W::accepted_action;
}  // namespace detail

/// The workflow's hired states (empty when it declares none).
template <class W>
using hired_states_t = typename detail::member_or<W, type_list<>, detail::hired_states_member>::type;

/// The data a candidacy of the workflow carries besides its state
/// (`W::data_type`, or `no_data`). Rules read it; actions write it.
template <class W>
using data_t = typename detail::member_or<W, no_data, detail::data_member>::type;

/// The settings the workflow's rules read (`W::policy_type`, or `no_policy`).
template <class W>
using policy_t = typename detail::member_or<W, no_policy, detail::policy_member>::type;

/// The rules every event must pass before any row is tried, in order
/// (`W::input_rules`, or none). Breaking one means the event is malformed.
template <class W>
using input_rules_t = typename detail::member_or<W, type_list<>, detail::input_rules_member>::type;

/// The rules every event of a replayed history must pass besides the input
/// rules, checked first (`W::replay_rules`, or none): what a live executor
/// can supply but a replay cannot, such as a time for an event that has none
/// (a store stamps it with its clock; a replay has no clock). Breaking one
/// means the event is malformed.
template <class W>
using replay_rules_t = typename detail::member_or<W, type_list<>, detail::replay_rules_member>::type;

/// The action applied after the row's own on every accepted event
/// (`W::accepted_action`, or `none`).
template <class W>
using accepted_action_t = typename detail::member_or<W, none, detail::accepted_action_member>::type;

namespace detail {

// A policy type may come with a `policy_problem(p)` found by argument-dependent
// lookup: the first thing wrong with it, or nothing.
template <class P>
concept self_checking_policy = requires(P const& p) {
    { policy_problem(p) } -> std::convertible_to<std::optional<std::string>>;
};

template <class P>
[[nodiscard]] constexpr P const& checked_policy(P const& p) {
    if constexpr (self_checking_policy<P>) {
        if (auto problem = policy_problem(p)) [[unlikely]]
            throw std::invalid_argument("hireguard: invalid policy: " + *problem);
    }
    return p;
}

// The workflow a state belongs to when none is named: hiring's states name
// the canonical lifecycle through `hireguard_default_workflow`, found by
// argument-dependent lookup.
template <class State>
concept has_default_workflow = requires(State* s) {
    hireguard_default_workflow(s);
};

template <class State>
struct default_workflow {
    static_assert(has_default_workflow<State>,
                  "hireguard: this state belongs to no default workflow: name the workflow as a template argument");
    using type = void;
};
template <has_default_workflow State>
struct default_workflow<State> {
    using type = std::remove_pointer_t<decltype(hireguard_default_workflow(static_cast<State*>(nullptr)))>;
};

// Data built from its leading fields, the workflow's policy last if given:
// `data_and_policy<D, P>(job, freelancer)` or `(job, freelancer, p)`.
template <class D, class... Args>
concept brace_initializes = requires(Args&&... args) {
    D{std::forward<Args>(args)...};
};

template <class D, class P, class... Args>
struct fields_then_policy : std::bool_constant<brace_initializes<D>> {};
template <class D, class P, class... Args>
requires(sizeof...(Args) >= 1) struct fields_then_policy<D, P, Args...> {
    using last = std::remove_cvref_t<std::tuple_element_t<sizeof...(Args) - 1, std::tuple<Args...>>>;
    template <std::size_t... I>
    static constexpr bool fields_init(std::index_sequence<I...> /*fields*/) {
        return brace_initializes<D, std::tuple_element_t<I, std::tuple<Args...>>...>;
    }
    static constexpr bool with_policy =
        std::is_same_v<last, P> && fields_init(std::make_index_sequence<sizeof...(Args) - 1>{});
    static constexpr bool value = with_policy || brace_initializes<D, Args...>;
};

// Leading fields of a data type derived from another (a host's data that
// extends a domain's) initialise the base's members by brace elision, as
// intended: clang's -Wmissing-braces would flag it.
#if defined(__clang__)
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wmissing-braces"
#endif
template <class D, class P, std::size_t... I, class Tuple>
[[nodiscard]] constexpr std::pair<D, P> split_fields(std::index_sequence<I...> /*fields*/, Tuple&& args) {
    if constexpr (sizeof...(I) + 1 == std::tuple_size_v<std::remove_cvref_t<Tuple>> &&
                  std::is_same_v<std::remove_cvref_t<std::tuple_element_t<sizeof...(I), std::remove_cvref_t<Tuple>>>,
                                 P>) {
        return {D{std::get<I>(std::forward<Tuple>(args))...}, std::get<sizeof...(I)>(std::forward<Tuple>(args))};
    } else {
        return {D{std::get<I>(std::forward<Tuple>(args))..., std::get<sizeof...(I)>(std::forward<Tuple>(args))}, P{}};
    }
}

#if defined(__clang__)
#pragma clang diagnostic pop
#endif

template <class D, class P, class... Args>
[[nodiscard]] constexpr std::pair<D, P> data_and_policy(Args&&... args) {
    if constexpr (sizeof...(Args) == 0)
        return {D{}, P{}};
    else
        return split_fields<D, P>(std::make_index_sequence<sizeof...(Args) - 1>{},
                                  std::forward_as_tuple(std::forward<Args>(args)...));
}

}  // namespace detail

/// The workflow of `State` when none is named: `lifecycle` for hiring's states.
/// A template that takes a workflow after a state defaults to it.
template <class State>
using default_workflow_t = typename detail::default_workflow<State>::type;

}  // namespace hireguard

#endif
