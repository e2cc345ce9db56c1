// Small workflows of several shapes for the verification tests, sound and
// deliberately broken. Tables are written out by hand.
#ifndef HIREGUARD_TESTS_WORKFLOWS_HPP
#define HIREGUARD_TESTS_WORKFLOWS_HPP

#include <optional>
#include <string_view>
#include <utility>

#include <boost/mpl/vector.hpp>
#include <boost/msm/front/functor_row.hpp>

#include <hireguard/hiring/lifecycle.hpp>

namespace workflows {

using boost::msm::front::Row;
using hireguard::none;
using hireguard::type_list;
namespace s = hireguard::state;
namespace e = hireguard::event;
namespace g = hireguard::guards;

// An extra state and events for the broken variants.
struct orphan {
    static constexpr std::string_view name = "orphan";
};
struct stuck {
    static constexpr std::string_view name = "stuck";
};
struct shortcut_hire {
    static constexpr std::string_view name = "shortcut_hire";
    std::optional<hireguard::timestamp> at{};
};

// A straight line: prospect -> submitted -> declined.
struct line {
    using initial_state = s::prospect;
    using terminal_states = type_list<s::declined>;
    using transition_table = boost::mpl::vector<Row<s::prospect, e::submit_proposal, s::submitted>,
                                                Row<s::submitted, e::decline, s::declined>>;
};

// A diamond that joins again, with a guarded pair: prospect -> invited or
// submitted -> interviewing -> offered -> (two guarded rows) hired or pending.
struct diamond {
    using initial_state = s::prospect;
    using terminal_states = type_list<s::contract_ended>;
    using transition_table = boost::mpl::vector<
        Row<s::prospect, e::invite, s::invited>, Row<s::prospect, e::submit_proposal, s::submitted>,
        Row<s::invited, e::accept_invite, s::interviewing>, Row<s::submitted, e::respond, s::interviewing>,
        Row<s::interviewing, e::send_offer, s::offered, hireguard::actions::record_offer, g::valid_offer>,
        Row<s::offered, e::accept_offer, s::contract_active, hireguard::actions::hire, g::accept_and_begin>,
        Row<s::offered, e::accept_offer, s::contract_pending, hireguard::actions::hire, g::accept_before_start>,
        Row<s::contract_pending, e::start_date_reached, s::contract_active>,
        Row<s::contract_active, e::end_contract, s::contract_ended>>;
};

// `orphan` has a row leaving it, but no row leads to it.
struct with_unreachable_state {
    using initial_state = s::prospect;
    using terminal_states = type_list<s::declined>;
    using transition_table =
        boost::mpl::vector<Row<s::prospect, e::submit_proposal, s::submitted>,
                           Row<s::submitted, e::decline, s::declined>, Row<orphan, e::decline, s::declined>>;
};

// `stuck` is not terminal, and nothing leaves it.
struct with_dead_end {
    using initial_state = s::prospect;
    using terminal_states = type_list<s::declined>;
    using transition_table =
        boost::mpl::vector<Row<s::prospect, e::submit_proposal, s::submitted>,
                           Row<s::submitted, e::decline, s::declined>, Row<s::submitted, e::respond, stuck>>;
};

// `declined` is declared terminal but has a row leaving it.
struct with_leaky_terminal {
    using initial_state = s::prospect;
    using terminal_states = type_list<s::declined>;
    using transition_table =
        boost::mpl::vector<Row<s::prospect, e::submit_proposal, s::submitted>,
                           Row<s::submitted, e::decline, s::declined>, Row<s::declined, e::respond, s::submitted>>;
};

// Two unguarded rows for (submitted, respond).
struct with_two_unguarded_rows {
    using initial_state = s::prospect;
    using terminal_states = type_list<s::declined, s::withdrawn>;
    using transition_table =
        boost::mpl::vector<Row<s::prospect, e::submit_proposal, s::submitted>,
                           Row<s::submitted, e::respond, s::declined>, Row<s::submitted, e::respond, s::withdrawn>>;
};

// A shortcut row reaches contract_active from interviewing, skipping offered.
struct with_shortcut_to_hire {
    using initial_state = s::prospect;
    using terminal_states = type_list<s::contract_ended>;
    using transition_table = boost::mpl::vector<
        Row<s::prospect, e::submit_proposal, s::submitted>, Row<s::submitted, e::respond, s::interviewing>,
        Row<s::interviewing, e::send_offer, s::offered, hireguard::actions::record_offer, g::valid_offer>,
        Row<s::interviewing, shortcut_hire, s::contract_active>,
        Row<s::offered, e::accept_offer, s::contract_active, hireguard::actions::hire, g::accept_and_begin>,
        Row<s::contract_active, e::end_contract, s::contract_ended>>;
};

// A hired contract can only pause and resume: no row leads from
// contract_active or contract_paused to a terminal state, though every state
// has a row leaving it.
struct with_endless_contract {
    using initial_state = s::prospect;
    using terminal_states = type_list<s::declined, s::offer_declined>;
    using transition_table = boost::mpl::vector<
        Row<s::prospect, e::submit_proposal, s::submitted>, Row<s::submitted, e::decline, s::declined>,
        Row<s::submitted, e::respond, s::interviewing>, Row<s::interviewing, e::decline, s::declined>,
        Row<s::interviewing, e::send_offer, s::offered, hireguard::actions::record_offer, g::valid_offer>,
        Row<s::offered, e::decline_offer, s::offer_declined>,
        Row<s::offered, e::accept_offer, s::contract_active, hireguard::actions::hire, g::accept_and_begin>,
        Row<s::contract_active, e::pause, s::contract_paused>, Row<s::contract_paused, e::resume, s::contract_active>>;
};

// The initial state is trapped already: submitting and withdrawing go round,
// and only the unreachable `orphan` leads to the terminal state.
struct with_loop_from_start {
    using initial_state = s::prospect;
    using terminal_states = type_list<s::declined>;
    using transition_table =
        boost::mpl::vector<Row<s::prospect, e::submit_proposal, s::submitted>,
                           Row<s::submitted, e::withdraw, s::prospect>, Row<orphan, e::decline, s::declined>>;
};

// Two ways to go round: prospect, submitted, interviewing and back to
// prospect (three events), and an offer modified again and again (one event,
// one away from prospect).
struct with_two_loops {
    using initial_state = s::prospect;
    using terminal_states = type_list<s::declined, s::offer_declined>;
    using transition_table =
        boost::mpl::vector<Row<s::prospect, e::submit_proposal, s::submitted>,
                           Row<s::prospect, e::send_offer, s::offered>, Row<s::submitted, e::respond, s::interviewing>,
                           Row<s::interviewing, e::withdraw, s::prospect>,
                           Row<s::interviewing, e::decline, s::declined>, Row<s::offered, e::modify_offer, s::offered>,
                           Row<s::offered, e::decline_offer, s::offer_declined>>;
};

// A long pipeline of 30 stages with 60 rows: forward from every stage but the
// last, back from every stage but the first and the last, and three exits.
template <int I>
struct stage {
    static constexpr char text[] = {
        's', 't', 'a', 'g', 'e', '_', static_cast<char>('0' + I / 10), static_cast<char>('0' + I % 10)};
    static constexpr std::string_view name{text, sizeof text};
};
struct forward {
    static constexpr std::string_view name = "forward";
    std::optional<hireguard::timestamp> at{};
};
struct back {
    static constexpr std::string_view name = "back";
    std::optional<hireguard::timestamp> at{};
};
struct quit {
    static constexpr std::string_view name = "quit";
    std::optional<hireguard::timestamp> at{};
};

template <class Forward, class Back>
struct pipeline_rows;
template <std::size_t... F, std::size_t... B>
struct pipeline_rows<std::index_sequence<F...>, std::index_sequence<B...>> {
    using type =
        type_list<Row<stage<static_cast<int>(F)>, forward, stage<static_cast<int>(F) + 1>>...,
                  Row<stage<static_cast<int>(B) + 1>, back, stage<static_cast<int>(B)>>...,
                  Row<stage<0>, quit, stage<29>>, Row<stage<10>, quit, stage<29>>, Row<stage<20>, quit, stage<29>>>;
};

struct pipeline {
    using initial_state = stage<0>;
    using terminal_states = type_list<stage<29>>;
    // Longer than mpl::vector's 20 and mpl::vector50's 50: a type_list of MSM rows.
    using transition_table = typename pipeline_rows<std::make_index_sequence<29>, std::make_index_sequence<28>>::type;
};

}  // namespace workflows

#endif
