// What a workflow is: a Boost.MSM front-end transition table with its initial
// and terminal states. The canonical lifecycle is one; hosts declare their own.
#ifndef HIREGUARD_WORKFLOW_HPP
#define HIREGUARD_WORKFLOW_HPP

#include <string_view>

#include <boost/msm/front/functor_row.hpp>

#include <hireguard/detail/type_list.hpp>
#include <hireguard/rules.hpp>

namespace hireguard {

/// A workflow declaration:
///
///     struct my_workflow {
///         using initial_state = state::prospect;
///         using terminal_states = hireguard::type_list<state::declined, ...>;
///         using hired_states = hireguard::type_list<state::contract_active, ...>;  // optional
///         using transition_table = boost::mpl::vector<
///             boost::msm::front::Row<state::prospect, event::invite, state::invited>, ...>;
///     };
///
/// Rows are `boost::msm::front::Row<Source, Event, Target, Action, Guard>`;
/// actions derive from `hireguard::action`, guards from `hireguard::rule`.
/// The table may be any MPL sequence (`mpl::vector`, `mpl::vectorN`) or a
/// `boost::fusion::vector`, named directly by the alias.
template <class W>
concept workflow = requires {
    typename W::transition_table;
    typename W::initial_state;
    typename W::terminal_states;
};

/// `boost::msm::front::none`: no action, no guard.
using none = boost::msm::front::none;

namespace detail {
template <class W, class = void>
struct hired_states_of {
    using type = type_list<>;
};
template <class W>
struct hired_states_of<W, std::void_t<typename W::hired_states>> {
    using type = typename W::hired_states;
};
}  // namespace detail

/// The workflow's hired states (empty when it declares none).
template <class W>
using hired_states_t = typename detail::hired_states_of<W>::type;

}  // namespace hireguard

#endif
