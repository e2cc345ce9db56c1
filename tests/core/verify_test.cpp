#include <algorithm>
#include <chrono>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include <gtest/gtest.h>

#include <hireguard/core/test_paths.hpp>
#include <hireguard/core/verify.hpp>
#include <hireguard/hiring/lifecycle.hpp>
#include <hireguard/hiring/machine.hpp>

#include "domain.hpp"
#include "workflows.hpp"

namespace {

using namespace hireguard;
using namespace hireguard::verify;
using namespace workflows;

// Sound workflows of several shapes pass every structural check.
static_assert(passes<structure<lifecycle>>);
static_assert(passes<structure<line>>);
static_assert(passes<structure<diamond>>);
static_assert(passes<structure<pipeline>>);
static_assert(rows_t<pipeline>::size == 60 && states_t<pipeline>::size == 30);
static_assert(passes<precedence<diamond, s::offered, s::contract_pending>>);
static_assert(passes<precedence<diamond, s::interviewing, s::contract_active>>);
static_assert(passes<precedence<pipeline, stage<15>, stage<16>>>);
static_assert(passes<legal_exactly_in<diamond, e::accept_offer, type_list<s::offered>>>);
static_assert(passes<legal_exactly_in<pipeline, quit, type_list<stage<0>, stage<10>, stage<20>>>>);
static_assert(passes<absorbing<lifecycle, s::closed>>);

// Each broken workflow gets the finding that names its fault.
static_assert(std::is_same_v<unreachable<with_unreachable_state>, state_unreachable<orphan>>);
static_assert(std::is_same_v<dead_ends<with_dead_end>, dead_end<stuck>>);
static_assert(std::is_same_v<dead_ends<with_leaky_terminal>, terminal_state_has_row<s::declined, e::respond>>);
static_assert(std::is_same_v<nondeterminism<with_two_unguarded_rows>, nondeterministic<s::submitted, e::respond>>);
// The precedence finding carries the shortest run that skips the required state.
static_assert(std::is_same_v<
              precedence<with_shortcut_to_hire, s::offered, s::contract_active>,
              reached_without<s::contract_active, s::offered, path<e::submit_proposal, e::respond, shortcut_hire>>>);
// The run avoids the required state even where the shortest run overall
// passes through it (invite, accept_invite).
static_assert(std::is_same_v<precedence<diamond, s::invited, s::interviewing>,
                             reached_without<s::interviewing, s::invited, path<e::submit_proposal, e::respond>>>);
static_assert(std::is_same_v<structure<with_dead_end>, dead_end<stuck>>);
// first_finding: the first of several findings that is not ok, in the order given.
static_assert(std::is_same_v<first_finding<unreachable<with_dead_end>, nondeterminism<with_two_unguarded_rows>,
                                           dead_ends<with_dead_end>>,
                             nondeterministic<s::submitted, e::respond>>);
static_assert(std::is_same_v<first_finding<structure<lifecycle>, dead_ends<with_dead_end>>, dead_end<stuck>>);
static_assert(std::is_same_v<first_finding<structure<lifecycle>, structure<line>>, ok>);
static_assert(passes<unreachable<with_dead_end>> && passes<nondeterminism<with_dead_end>>);

// A trap is found even when every state is reachable and has a row leaving
// it: the finding names the trapped state nearest the initial state and the
// shortest path of events to it, and structure reports it.
static_assert(passes<unreachable<with_endless_contract>> && passes<dead_ends<with_endless_contract>> &&
              passes<nondeterminism<with_endless_contract>>);
static_assert(
    std::is_same_v<traps<with_endless_contract>,
                   trapped<s::contract_active, path<e::submit_proposal, e::respond, e::send_offer, e::accept_offer>>>);
static_assert(
    std::is_same_v<structure<with_endless_contract>,
                   trapped<s::contract_active, path<e::submit_proposal, e::respond, e::send_offer, e::accept_offer>>>);
static_assert(std::is_same_v<traps<with_loop_from_start>, trapped<s::prospect, path<>>>);
// An absorbing state is an end: the lifecycle's contract_ended, not terminal
// because feedback can still be left there, traps no run.
static_assert(passes<traps<lifecycle>> && passes<absorbing<lifecycle, s::contract_ended>>);

// The precedence check is not vacuous on the lifecycle: interviewing does
// not precede every hire (a direct offer skips it), offered does.
static_assert(
    std::is_same_v<precedence<lifecycle, s::interviewing, s::contract_active>,
                   reached_without<s::contract_active, s::interviewing, path<e::send_offer, e::accept_offer>>>);
// The shortest run to contract_ended that avoids contract_active: hired with
// a later start date, ended before it.
static_assert(std::is_same_v<precedence<lifecycle, s::contract_active, s::contract_ended>,
                             reached_without<s::contract_ended, s::contract_active,
                                             path<e::send_offer, e::accept_offer, e::end_contract>>>);
static_assert(
    std::is_same_v<legal_exactly_in<lifecycle, e::log_work, type_list<s::contract_active, s::contract_paused>>,
                   illegal_in_listed_state<e::log_work, s::contract_paused>>);
static_assert(std::is_same_v<legal_exactly_in<lifecycle, e::close_job, type_list<s::prospect>>,
                             legal_in_unlisted_state<e::close_job, s::invited>>);
static_assert(std::is_same_v<absorbing<lifecycle, s::contract_paused>,
                             leaves_absorbing_state<s::contract_paused, e::resume, s::contract_active>>);

// Temporal properties. reachable (EF): the finding names the state.
static_assert(passes<reachable<line, s::declined>> && passes<reachable<with_dead_end, stuck>>);
static_assert(std::is_same_v<reachable<with_unreachable_state, orphan>, never_reached<orphan>>);
static_assert(passes<reachable<lifecycle, s::contract_active>>);

// always (AG over a set): the nearest reachable state outside the set, with
// the shortest run to it; the initial state counts.
static_assert(passes<always<line, type_list<s::prospect, s::submitted, s::declined>>>);
static_assert(std::is_same_v<always<diamond, type_list<s::prospect, s::invited, s::submitted, s::interviewing>>,
                             reached_outside<s::offered, path<e::invite, e::accept_invite, e::send_offer>>>);
static_assert(std::is_same_v<always<line, type_list<s::submitted, s::declined>>, reached_outside<s::prospect, path<>>>);
static_assert(
    std::is_same_v<always<lifecycle, type_list<s::prospect, s::invited, s::submitted, s::interviewing, s::closed>>,
                   reached_outside<s::offered, path<e::send_offer>>>);

// eventually (AF over a set, terminal states included): a run that goes
// round is a lasso, the run into the cycle and the cycle; a run that stops
// outside the set is the run to where it stops.
static_assert(passes<eventually<line, type_list<>>> && passes<eventually<diamond, type_list<>>>);
static_assert(passes<eventually<with_endless_contract, type_list<s::contract_active>>>);
static_assert(std::is_same_v<
              eventually<with_endless_contract, type_list<>>,
              avoided_forever<s::contract_active, path<e::submit_proposal, e::respond, e::send_offer, e::accept_offer>,
                              path<e::pause, e::resume>>>);
static_assert(std::is_same_v<eventually<with_loop_from_start, type_list<>>,
                             avoided_forever<s::prospect, path<>, path<e::submit_proposal, e::withdraw>>>);
static_assert(std::is_same_v<eventually<with_dead_end, type_list<>>,
                             stopped_outside<stuck, path<e::submit_proposal, e::respond>>>);
static_assert(passes<eventually<with_dead_end, type_list<stuck>>>);
// An absorbing state that is not terminal, with a row to itself, as the
// lifecycle's contract_ended: a run can stay there for ever.
struct feedback_forever {
    using initial_state = s::prospect;
    using terminal_states = type_list<s::declined>;
    using transition_table = boost::mpl::vector<Row<s::prospect, e::submit_proposal, s::submitted>,
                                                Row<s::submitted, e::decline, s::declined>,
                                                Row<s::submitted, e::end_contract, s::contract_ended>,
                                                Row<s::contract_ended, e::leave_feedback, s::contract_ended>>;
};
static_assert(std::is_same_v<
              eventually<feedback_forever, type_list<>>,
              avoided_forever<s::contract_ended, path<e::submit_proposal, e::end_contract>, path<e::leave_feedback>>>);
static_assert(passes<eventually<feedback_forever, type_list<s::contract_ended>>>);
// The counterexample with the fewest events, not the cycle nearest the
// initial state: prospect's cycle takes three events, the offer's two in all.
static_assert(std::is_same_v<eventually<with_two_loops, type_list<>>,
                             avoided_forever<s::offered, path<e::send_offer>, path<e::modify_offer>>>);
static_assert(std::is_same_v<eventually<with_two_loops, type_list<s::offered>>,
                             avoided_forever<s::prospect, path<>, path<e::submit_proposal, e::respond, e::withdraw>>>);
static_assert(
    std::is_same_v<eventually<pipeline, type_list<>>, avoided_forever<stage<0>, path<>, path<forward, back>>>);
static_assert(passes<eventually<lifecycle, type_list<s::interviewing, s::offered>>>);
// Not every candidacy ends: an offer can be modified for ever (guards are not read).
static_assert(std::is_same_v<eventually<lifecycle, type_list<s::contract_ended>>,
                             avoided_forever<s::offered, path<e::send_offer>, path<e::modify_offer>>>);

// never_after: the state nearest After with a row for the event, After
// included, and the shortest run to it from After.
static_assert(passes<never_after<diamond, s::offered, e::send_offer>>);
static_assert(std::is_same_v<never_after<line, s::submitted, e::decline>,
                             legal_after<s::submitted, e::decline, s::submitted, path<>>>);
static_assert(std::is_same_v<never_after<with_leaky_terminal, s::declined, e::decline>,
                             legal_after<s::declined, e::decline, s::submitted, path<e::respond>>>);
static_assert(passes<never_after<lifecycle, s::contract_ended, e::log_work>>);
static_assert(std::is_same_v<never_after<lifecycle, s::offered, e::withdraw>,
                             legal_after<s::offered, e::withdraw, s::interviewing, path<e::withdraw_offer>>>);
static_assert(std::is_same_v<never_after<lifecycle, s::contract_paused, e::log_work>,
                             legal_after<s::contract_paused, e::log_work, s::contract_active, path<e::resume>>>);

// Shortest paths, hand-checked against docs/domain.md.
template <class W>
std::vector<std::string> events_of(test_path<W> const& p) {
    std::vector<std::string> out;
    for (std::size_t r : p) out.emplace_back(graph<W>::event_names[graph<W>::edges[r].event]);
    return out;
}
template <class W, class S>
test_path<W> path_to() {
    return shortest_paths<W>[hireguard::detail::index_of_v<states_t<W>, S>];
}

TEST(TestPaths, ShortestPathsReachTheirStateInTheFewestRows) {
    using v = std::vector<std::string>;
    EXPECT_EQ(events_of(path_to<lifecycle, s::prospect>()), v{});
    EXPECT_EQ(events_of(path_to<lifecycle, s::interviewing>()), (v{"invite", "accept_invite"}));
    EXPECT_EQ(events_of(path_to<lifecycle, s::contract_active>()), (v{"send_offer", "accept_offer"}));
    EXPECT_EQ(events_of(path_to<lifecycle, s::contract_paused>()), (v{"send_offer", "accept_offer", "pause"}));
    EXPECT_EQ(events_of(path_to<lifecycle, s::offer_declined>()), (v{"send_offer", "decline_offer"}));
    EXPECT_EQ((path_to<pipeline, stage<29>>().length), 1U);   // quit from stage_00
    EXPECT_EQ((path_to<pipeline, stage<28>>().length), 28U);  // no shortcut leads there
    for (std::size_t st = 0; st < graph<lifecycle>::state_count; ++st)
        EXPECT_EQ(shortest_paths<lifecycle>[st].final_state(), st) << graph<lifecycle>::state_names[st];
}

TEST(TestPaths, CoveringPathsTogetherContainEveryRow) {
    std::set<std::size_t> rows;
    for (auto const& p : covering_paths<lifecycle>)
        for (std::size_t r : p) rows.insert(r);
    EXPECT_EQ(rows.size(), 36U);
    std::set<std::size_t> pipeline_rows;
    for (auto const& p : covering_paths<pipeline>)
        for (std::size_t r : p) pipeline_rows.insert(r);
    EXPECT_EQ(pipeline_rows.size(), 60U);
}

// Replays a path through the runtime engine. The path gives the structure;
// the event factory below gives each row an event whose payload satisfies
// its guard, and prepares the data a guard needs (a submitted milestone
// before approve_milestone, a paid one before fund_milestone).
class lifecycle_driver {
public:
    explicit lifecycle_driver(test_path<lifecycle> const& p) : path_(p) {
        for (std::size_t r : p) {
            auto const& ev = graph<lifecycle>::event_names[graph<lifecycle>::edges[r].event];
            auto const& to = graph<lifecycle>::state_names[graph<lifecycle>::edges[r].target];
            if (to == "contract_pending") later_start_ = true;
            if (ev == "fund_milestone" || ev == "submit_milestone" || ev == "approve_milestone") fixed_ = true;
        }
    }

    // Fires every row; returns the (source, event, target) of each row fired.
    std::vector<domain::row> run(machine& m) {
        std::vector<domain::row> fired;
        for (std::size_t r : path_) {
            visit_row<lifecycle>(r, [&]<class Row>(std::type_identity<Row>) {
                using E = typename Row::Evt;
                if constexpr (std::is_same_v<E, event::approve_milestone>) fire(m, event::submit_milestone{}, fired);
                if constexpr (std::is_same_v<E, event::fund_milestone>) {
                    fire(m, event::submit_milestone{}, fired);
                    fire(m, event::approve_milestone{}, fired);
                }
                fire(m, make<E>(), fired);
            });
        }
        return fired;
    }

private:
    template <class E>
    E make() {
        using namespace std::chrono_literals;
        now_ += 1h;
        // Timer events come when what they announce is due.
        if constexpr (std::is_same_v<E, event::start_date_reached>) now_ += std::chrono::days{6};
        if constexpr (std::is_same_v<E, event::offer_expired>) now_ += std::chrono::days{31};
        E e{};
        e.at = now_;
        if constexpr (requires { e.terms; }) {
            e.terms = fixed_ ? offer_terms{.kind = contract_kind::fixed_price, .first_milestone = dollars(100)}
                             : offer_terms{.kind = contract_kind::hourly, .hourly_rate = dollars(40)};
            if (later_start_) e.terms.start_date = now_ + std::chrono::days{5};
        }
        if constexpr (requires { e.minutes; }) e.minutes = 45min;
        if constexpr (requires { e.amount; }) e.amount = dollars(80);
        return e;
    }
    template <class E>
    void fire(machine& m, E const& e, std::vector<domain::row>& fired) {
        std::string const before(m.state_name());
        auto v = m.process(e);
        ASSERT_TRUE(v.accepted()) << v.message();
        fired.push_back({before, std::string(E::name), std::string(m.state_name()), false});
    }

    test_path<lifecycle> path_;
    bool later_start_ = false;
    bool fixed_ = false;
    timestamp now_ = utc(std::chrono::year{2026} / 2 / 1);
};

TEST(TestPaths, EveryShortestPathReplaysThroughTheEngineToItsState) {
    for (std::size_t st = 0; st < graph<lifecycle>::state_count; ++st) {
        machine m{job_id{1}, freelancer_id{2}};
        lifecycle_driver{shortest_paths<lifecycle>[st]}.run(m);
        EXPECT_EQ(m.state_name(), graph<lifecycle>::state_names[st]);
    }
}

TEST(TestPaths, CoveringPathsFireEveryDomainRow) {
    std::set<std::tuple<std::string, std::string, std::string>> fired;
    for (auto const& p : covering_paths<lifecycle>) {
        machine m{job_id{1}, freelancer_id{2}};
        for (auto const& f : lifecycle_driver{p}.run(m)) fired.emplace(f.source, f.event, f.target);
        EXPECT_EQ(m.state_name(), graph<lifecycle>::state_names[p.final_state()]);
    }
    for (auto const& r : domain::rows)
        EXPECT_EQ(fired.count({r.source, r.event, r.target}), 1U) << r.source << " / " << r.event << " -> " << r.target;
}

TEST(TestPaths, PipelinePathsReplayThroughTheEngine) {
    for (auto const& p : covering_paths<pipeline>) {
        basic_machine<pipeline> m{};
        for (std::size_t r : p)
            visit_row<pipeline>(r, [&]<class Row>(std::type_identity<Row>) {
                EXPECT_TRUE(m.process(typename Row::Evt{}).accepted());
                EXPECT_EQ(m.state_name(), Row::Target::name);
            });
    }
}

TEST(Graph, NamesAndEdgesFollowTheTable) {
    using G = graph<lifecycle>;
    EXPECT_EQ(G::state_names[G::initial], "prospect");
    EXPECT_EQ(G::row_count, 36U);
    auto const& last = G::edges[35];
    EXPECT_EQ(G::state_names[last.source], "contract_ended");
    EXPECT_EQ(G::event_names[last.event], "leave_feedback");
    EXPECT_TRUE(last.guarded);
    EXPECT_EQ(std::count(G::terminal.begin(), G::terminal.end(), true), 6);
}

}  // namespace
