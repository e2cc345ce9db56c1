// Pair coverage and the guard plan of <hireguard/core/test_paths.hpp>,
// replayed on the lifecycle through the runtime engine, the typed API and the
// Boost.MSM back-end. What they must cover is counted from tests/domain.hpp
// (docs/domain.md by hand), never from the library's own table.
#include <algorithm>
#include <chrono>
#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include <gtest/gtest.h>

#include <hireguard/core/test_paths.hpp>
#include <hireguard/hiring/candidacy.hpp>
#include <hireguard/hiring/lifecycle.hpp>
#include <hireguard/hiring/machine.hpp>
#include <hireguard/hiring/msm_machine.hpp>

#include "domain.hpp"
#include "workflows.hpp"

namespace {

using namespace hireguard;
using namespace std::chrono_literals;
using G = verify::graph<lifecycle>;

using triple = std::tuple<std::string, std::string, std::string>;  // source, event, target
using pair_of_rows = std::pair<triple, triple>;

triple of(domain::row const& r) {
    return {r.source, r.event, r.target};
}

// Every pair of docs/domain.md's rows that can follow each other: the second
// leaves the state the first enters (every state is reachable).
std::set<pair_of_rows> domain_pairs() {
    std::set<pair_of_rows> out;
    for (auto const& a : domain::rows)
        for (auto const& b : domain::rows)
            if (a.target == b.source) out.emplace(of(a), of(b));
    return out;
}

// The pairs the guards rule out, from docs/domain.md's rules: the hire funds a
// fixed-price contract's first milestone (an hourly one has none); funding
// needs no funded, unpaid milestone; submitting needs a funded one; approving
// a submitted one, and approval leaves none; fixed-price work needs a funded
// one.
std::set<pair_of_rows> pairs_the_guards_rule_out() {
    triple const accept{"offered", "accept_offer", "contract_active"};
    triple const start{"contract_pending", "start_date_reached", "contract_active"};
    triple const work{"contract_active", "log_work", "contract_active"};
    triple const fund{"contract_active", "fund_milestone", "contract_active"};
    triple const submit{"contract_active", "submit_milestone", "contract_active"};
    triple const approve{"contract_active", "approve_milestone", "contract_active"};
    return {{accept, fund},  {accept, approve}, {start, fund},      {start, approve},  {work, fund},   {fund, fund},
            {fund, approve}, {submit, fund},    {approve, approve}, {approve, submit}, {approve, work}};
}

// The rules of each guarded row of docs/domain.md, by (source, event, target).
std::map<triple, std::set<std::string>> guard_rules() {
    std::set<std::string> const offer{"offer_terms_valid"};
    return {
        {{"prospect", "send_offer", "offered"}, offer},
        {{"invited", "send_offer", "offered"}, offer},
        {{"submitted", "send_offer", "offered"}, offer},
        {{"interviewing", "send_offer", "offered"}, offer},
        {{"offered", "modify_offer", "offered"}, offer},
        {{"offered", "accept_offer", "contract_active"}, {"offer_not_expired", "start_date_not_after_acceptance"}},
        {{"offered", "accept_offer", "contract_pending"}, {"offer_not_expired", "start_date_after_acceptance"}},
        {{"contract_active", "log_work", "contract_active"}, {"work_duration_positive", "work_is_funded"}},
        {{"contract_active", "fund_milestone", "contract_active"},
         {"fixed_price_contract", "amount_positive", "milestone_minimum", "one_funded_milestone"}},
        {{"contract_active", "submit_milestone", "contract_active"}, {"milestone_funded"}},
        {{"contract_active", "approve_milestone", "contract_active"}, {"milestone_submitted"}},
        {{"contract_ended", "leave_feedback", "contract_ended"}, {"feedback_window_open", "feedback_once_per_party"}},
    };
}

// A typed candidacy in whichever state it is in, behind the runtime engine's
// interface: each event goes to `candidacy<S>::on` for the current state S.
template <class States>
struct candidacy_variant;
template <class... S>
struct candidacy_variant<type_list<S...>> {
    using type = std::variant<candidacy<S, lifecycle>...>;
};

class typed_executor {
public:
    using any = candidacy_variant<states_t<lifecycle>>::type;

    template <class E>
    verdict process(E const& e) {
        std::optional<any> next;
        verdict v = std::visit(
            [&]<class S>(candidacy<S, lifecycle>& c) -> verdict {
                if constexpr (!can_fire_v<S, E, lifecycle>) {
                    rejection illegal;
                    illegal.state = S::name;
                    illegal.event = E::name;
                    return verdict(std::move(illegal));
                } else if constexpr (requires { std::move(c).on(e).accepted(); }) {
                    std::optional<decltype(std::move(c).on(e))> tried;
                    try {
                        tried.emplace(std::move(c).on(e));
                    } catch (invalid_event const& bad) {
                        return verdict(bad.why());
                    }
                    auto& r = *tried;
                    if (!r) {
                        rejection why = r.error();
                        next.emplace(std::move(std::move(r).rejection_and_candidacy().unchanged));
                        return verdict(std::move(why));
                    }
                    std::move(r).visit([&](auto&& alt) {
                        if constexpr (requires { alt.unchanged; }) {
                        } else {
                            next.emplace(std::move(alt));
                        }
                    });
                    return verdict{};
                } else {
                    try {
                        next.emplace(std::move(c).on(e));
                    } catch (invalid_event const& bad) {
                        return verdict(bad.why());
                    }
                    return verdict{};
                }
            },
            c_);
        if (next) c_ = std::move(*next);
        return v;
    }
    [[nodiscard]] std::string_view state_name() const {
        return std::visit([](auto const& c) { return c.state_name(); }, c_);
    }

private:
    any c_{begin_candidacy(job_id{1}, freelancer_id{2})};
};

enum class milestone { none, funded, submitted };

// Fires a path's rows, each with an event whose payload satisfies its guard,
// as a host's event factory would. Where a guard needs the milestone in a
// state the path does not leave it in, the milestone events it needs are fired
// as late as the rows between allow: after the last row before it that sets
// the milestone or needs it otherwise, in contract_active. When `last` is `rejected`, the last
// row's event is built for its guard to fail, and nothing is prepared for it.
class lifecycle_driver {
public:
    struct step {
        triple row;
        bool on_path;  // false: a milestone event the factory added
    };
    struct result {
        std::vector<step> fired;
        std::optional<rejection> last_rejection;
    };

    explicit lifecycle_driver(std::vector<std::size_t> rows, guard_outcome last = guard_outcome::accepted)
        : rows_(std::move(rows)), reject_last_(last == guard_outcome::rejected) {
        for (std::size_t r : rows_) {
            if (target(r) == "contract_pending") later_start_ = true;
            if (event(r) == "fund_milestone" || event(r) == "submit_milestone" || event(r) == "approve_milestone")
                fixed_ = true;
        }
        // An hourly contract has no milestone to submit.
        if (reject_last_ && event(rows_.back()) == "submit_milestone") fixed_ = false;
        plan_milestones();
    }

    template <class Executor>
    result run(Executor& x) {
        result out;
        for (std::size_t i = 0; i < rows_.size(); ++i) {
            bool const rejecting = reject_last_ && i + 1 == rows_.size();
            visit_row<lifecycle>(rows_[i], [&]<class Row>(std::type_identity<Row>) {
                auto const e = make<typename Row::Evt>(rejecting);
                std::string const before(x.state_name());
                auto v = x.process(e);
                if (rejecting) {
                    EXPECT_FALSE(v.accepted()) << Row::Evt::name << " in " << before;
                    if (!v.accepted()) out.last_rejection = v.error();
                    EXPECT_EQ(x.state_name(), before);
                    return;
                }
                ASSERT_TRUE(v.accepted()) << v.message();
                out.fired.push_back({{before, std::string(Row::Evt::name), std::string(x.state_name())}, true});
            });
            for (std::string const& name : after_[i]) {
                std::string const before(x.state_name());
                verdict v;
                if (name == "fund_milestone") v = x.process(make<event::fund_milestone>(false));
                if (name == "submit_milestone") v = x.process(make<event::submit_milestone>(false));
                if (name == "approve_milestone") v = x.process(make<event::approve_milestone>(false));
                EXPECT_TRUE(v.accepted()) << v.message();
                out.fired.push_back({{before, name, std::string(x.state_name())}, false});
            }
        }
        return out;
    }

private:
    static std::string_view event(std::size_t r) { return G::event_names[G::edges[r].event]; }
    static std::string_view target(std::size_t r) { return G::state_names[G::edges[r].target]; }

    [[nodiscard]] bool sets_milestone(std::size_t i) const {
        return event(rows_[i]) == "accept_offer" || event(rows_[i]) == "fund_milestone" ||
               event(rows_[i]) == "submit_milestone" || event(rows_[i]) == "approve_milestone" || !after_[i].empty();
    }
    // What the guard of the event needs of the milestone; true where nothing.
    [[nodiscard]] bool satisfied(std::string_view ev, milestone m) const {
        if (ev == "fund_milestone") return m == milestone::none;
        if (ev == "submit_milestone") return m != milestone::none;
        if (ev == "approve_milestone") return m == milestone::submitted;
        if (ev == "log_work" && fixed_) return m != milestone::none;
        return true;
    }
    [[nodiscard]] milestone effect(std::string_view ev, milestone m) const {
        if (ev == "accept_offer") return fixed_ ? milestone::funded : milestone::none;
        if (ev == "fund_milestone") return milestone::funded;
        if (ev == "submit_milestone") return milestone::submitted;
        if (ev == "approve_milestone") return milestone::none;
        return m;
    }

    void plan_milestones() {
        after_.assign(rows_.size(), {});
        milestone m = milestone::none;
        for (std::size_t i = 0; i < rows_.size(); ++i) {
            std::string_view const ev = event(rows_[i]);
            bool const rejecting = reject_last_ && i + 1 == rows_.size();
            if (!rejecting && !satisfied(ev, m)) {
                std::vector<std::string> prep;
                if (ev == "fund_milestone") {
                    if (m == milestone::funded) prep.emplace_back("submit_milestone");
                    prep.emplace_back("approve_milestone");
                } else if (ev == "approve_milestone") {
                    if (m == milestone::none) prep.emplace_back("fund_milestone");
                    prep.emplace_back("submit_milestone");
                } else {
                    prep.emplace_back("fund_milestone");
                }
                milestone wanted = m;
                for (auto const& p : prep) wanted = effect(p, wanted);
                // As late as possible: back over rows that neither set the
                // milestone nor need it otherwise.
                std::size_t at = i - 1;
                while (at > 0 && !sets_milestone(at) && satisfied(event(rows_[at]), wanted)) --at;
                // Milestone events are legal only in contract_active.
                while (target(rows_[at]) != "contract_active") ++at;
                after_[at].insert(after_[at].end(), prep.begin(), prep.end());
                m = wanted;
            }
            m = effect(ev, m);
        }
    }

    template <class E>
    E make(bool rejecting) {
        now_ += 1h;
        // Timer events come when what they announce is due.
        if constexpr (std::is_same_v<E, event::start_date_reached>) now_ += std::chrono::days{6};
        if constexpr (std::is_same_v<E, event::offer_expired>) now_ += std::chrono::days{31};
        // Rejected: the offer expired, the feedback window closed.
        if constexpr (std::is_same_v<E, event::accept_offer>)
            if (rejecting) now_ += std::chrono::days{31};
        if constexpr (std::is_same_v<E, event::leave_feedback>)
            if (rejecting) now_ += std::chrono::days{15};
        E e{};
        e.at = now_;
        if constexpr (requires { e.terms; }) {
            e.terms = fixed_ ? offer_terms{.kind = contract_kind::fixed_price, .first_milestone = dollars(100)}
                             : offer_terms{.kind = contract_kind::hourly, .hourly_rate = dollars(40)};
            if (later_start_) e.terms.start_date = now_ + std::chrono::days{5};
            if (rejecting) e.terms = offer_terms{.kind = contract_kind::hourly, .hourly_rate = dollars(0)};
        }
        if constexpr (requires { e.minutes; }) e.minutes = rejecting ? 0min : 45min;
        if constexpr (requires { e.amount; }) e.amount = dollars(80);
        if constexpr (std::is_same_v<E, event::leave_feedback>)
            e.by = feedback_left_++ == 0 ? party::client : party::freelancer;
        // Rejected without a payload to blame: fund_milestone with the hire's
        // milestone still funded, approve_milestone with it not submitted,
        // submit_milestone on an hourly contract.
        return e;
    }

    std::vector<std::size_t> rows_;
    bool reject_last_;
    bool later_start_ = false;
    bool fixed_ = false;
    std::vector<std::vector<std::string>> after_;
    int feedback_left_ = 0;
    timestamp now_ = utc(std::chrono::year{2026} / 2 / 1);
};

std::vector<std::size_t> rows_of(auto const& path) {
    return {path.begin(), path.end()};
}

// The diamond's 9 pairs: two paths, each walking on while a pair is left.
static_assert(covering_pair_set<workflows::diamond>::pair_count == 9);
static_assert(covering_pairs<workflows::diamond>.count == 2);
static_assert(pair_path<workflows::diamond>::capacity == 6);
static_assert(covering_pairs<workflows::diamond>.paths[0].length == 5);   // invite ... accept_offer, end_contract
static_assert(covering_pairs<workflows::diamond>.paths[1].rows[4] == 7);  // ... accept_offer, start_date_reached
static_assert(covering_pair_set<workflows::line>::pair_count == 1 && covering_pairs<workflows::line>.count == 1);
// Its guard plan: send_offer and the two accept_offer rows, each accepted, then rejected.
static_assert(guard_plan<workflows::diamond>.size() == 6);
static_assert(guard_plan<workflows::diamond>[0].row == 4 && guard_plan<workflows::diamond>[0].path.length == 2 &&
              guard_plan<workflows::diamond>[0].outcome == guard_outcome::accepted);
static_assert(guard_plan<workflows::diamond>[5].row == 6 && guard_plan<workflows::diamond>[5].path.length == 3 &&
              guard_plan<workflows::diamond>[5].outcome == guard_outcome::rejected);
static_assert(guard_plan<workflows::line>.empty());

TEST(PairPaths, TheLifecycleHas111PairsOfRowsCoveredBy51Paths) {
    EXPECT_EQ(domain_pairs().size(), 111U);
    EXPECT_EQ(covering_pair_set<lifecycle>::pair_count, domain_pairs().size());
    EXPECT_EQ(covering_pairs<lifecycle>.count, 51U);
    for (auto const& p : covering_pairs<lifecycle>) EXPECT_GE(p.length, 2U);
}

// Replays every pair path; returns the pairs of consecutive path rows (as the
// generator laid them out) and those fired with nothing between them.
template <class Executor>
std::pair<std::set<pair_of_rows>, std::set<pair_of_rows>> replay_pair_paths() {
    std::set<pair_of_rows> laid_out;
    std::set<pair_of_rows> adjacent;
    for (auto const& p : covering_pairs<lifecycle>) {
        Executor x{};
        auto const fired = lifecycle_driver{rows_of(p)}.run(x).fired;
        EXPECT_EQ(x.state_name(), G::state_names[p.final_state()]);
        std::optional<triple> last_on_path;
        for (std::size_t i = 0; i < fired.size(); ++i) {
            if (!fired[i].on_path) continue;
            if (last_on_path) laid_out.emplace(*last_on_path, fired[i].row);
            if (i > 0 && fired[i - 1].on_path) adjacent.emplace(fired[i - 1].row, fired[i].row);
            last_on_path = fired[i].row;
        }
        EXPECT_EQ(
            static_cast<std::size_t>(std::count_if(fired.begin(), fired.end(), [](auto& s) { return s.on_path; })),
            p.length);
    }
    return {laid_out, adjacent};
}

template <class Executor>
void expect_every_pair_covered() {
    auto const [laid_out, adjacent] = replay_pair_paths<Executor>();
    auto const all = domain_pairs();
    auto const ruled_out = pairs_the_guards_rule_out();
    EXPECT_EQ(laid_out, all);
    std::set<pair_of_rows> feasible;
    for (auto const& p : all)
        if (!ruled_out.contains(p)) feasible.insert(p);
    EXPECT_EQ(feasible.size(), 100U);
    EXPECT_EQ(adjacent, feasible);
}

struct engine : machine {
    engine() : machine(job_id{1}, freelancer_id{2}) {}
};
struct msm : msm_machine {
    msm() : msm_machine(job_id{1}, freelancer_id{2}) {}
};

TEST(PairPaths, EveryPathIsAcceptedByTheEngineAndCoversEveryPair) {
    expect_every_pair_covered<engine>();
}
TEST(PairPaths, EveryPathIsAcceptedByTheTypedApiAndCoversEveryPair) {
    expect_every_pair_covered<typed_executor>();
}
TEST(PairPaths, EveryPathIsAcceptedByTheMsmBackEndAndCoversEveryPair) {
    expect_every_pair_covered<msm>();
}

// Each pair the guards rule out is laid out by a path, and its second row is
// rejected right after the first, with the payload that passes elsewhere.
TEST(PairPaths, ThePairsTheGuardsRuleOutAreRejected) {
    std::set<pair_of_rows> seen;
    for (auto const& p : covering_pairs<lifecycle>) {
        for (std::size_t i = 0; i + 1 < p.length; ++i) {
            std::vector<std::size_t> prefix(p.begin(), p.begin() + static_cast<std::ptrdiff_t>(i) + 2);
            engine x;
            auto const fired = lifecycle_driver{prefix}.run(x).fired;
            // The pair as laid out: the last two path rows.
            std::vector<triple> on_path;
            for (auto const& s : fired)
                if (s.on_path) on_path.push_back(s.row);
            ASSERT_GE(on_path.size(), 2U);
            pair_of_rows const pair{on_path[on_path.size() - 2], on_path.back()};
            if (!pairs_the_guards_rule_out().contains(pair) || seen.contains(pair)) continue;
            seen.insert(pair);
            // Without the milestone events the factory added before the second row.
            std::vector<std::size_t> first(prefix.begin(), prefix.end() - 1);
            engine y;
            lifecycle_driver{first}.run(y);
            visit_row<lifecycle>(prefix.back(), [&]<class Row>(std::type_identity<Row>) {
                typename Row::Evt e{};
                e.at = utc(std::chrono::year{2027} / 1 / 1);
                if constexpr (requires { e.amount; }) e.amount = dollars(80);
                if constexpr (requires { e.minutes; }) e.minutes = 45min;
                auto const v = y.process(e);
                EXPECT_FALSE(v.accepted()) << std::get<1>(pair.first) << " then " << std::get<1>(pair.second);
                if (!v.accepted()) {
                    EXPECT_EQ(v.error().kind, rejection_kind::rule_violated);
                }
            });
        }
    }
    EXPECT_EQ(seen, pairs_the_guards_rule_out());
}

TEST(GuardPlan, HasAnAcceptedAndARejectedCaseForEveryGuardedRow) {
    std::set<triple> guarded;
    for (auto const& r : domain::rows)
        if (r.guarded) guarded.insert(of(r));
    EXPECT_EQ(guarded.size(), 12U);
    std::map<triple, std::set<guard_outcome>> planned;
    for (auto const& c : guard_plan<lifecycle>) {
        EXPECT_EQ(c.path.final_state(), G::edges[c.row].source);
        planned[{std::string(G::state_names[G::edges[c.row].source]),
                 std::string(G::event_names[G::edges[c.row].event]),
                 std::string(G::state_names[G::edges[c.row].target])}]
            .insert(c.outcome);
    }
    EXPECT_EQ(guard_plan<lifecycle>.size(), 2 * guarded.size());
    for (auto const& r : guarded)
        EXPECT_EQ(planned[r], (std::set<guard_outcome>{guard_outcome::accepted, guard_outcome::rejected}))
            << std::get<0>(r) << " / " << std::get<1>(r);
}

template <class Executor>
void replay_guard_plan() {
    auto const rules = guard_rules();
    for (auto const& c : guard_plan<lifecycle>) {
        std::vector<std::size_t> rows = rows_of(c.path);
        rows.push_back(c.row);
        Executor x{};
        auto const out = lifecycle_driver{rows, c.outcome}.run(x);
        triple const row{std::string(G::state_names[G::edges[c.row].source]),
                         std::string(G::event_names[G::edges[c.row].event]),
                         std::string(G::state_names[G::edges[c.row].target])};
        std::string const where = std::get<0>(row) + " / " + std::get<1>(row) + " -> " + std::get<2>(row);
        if (c.outcome == guard_outcome::accepted) {
            ASSERT_FALSE(out.fired.empty()) << where;
            EXPECT_EQ(out.fired.back().row, row) << where;
            EXPECT_FALSE(out.last_rejection) << where;
        } else {
            ASSERT_TRUE(out.last_rejection) << where;
            EXPECT_EQ(x.state_name(), std::get<0>(row)) << where;
            EXPECT_NE(out.last_rejection->kind, rejection_kind::illegal_transition) << where;
            EXPECT_TRUE(rules.at(row).contains(std::string(out.last_rejection->rule.name)))
                << where << ": " << out.last_rejection->message();
        }
    }
}

TEST(GuardPlan, EveryCaseGetsItsOutcomeFromTheEngine) {
    replay_guard_plan<engine>();
}
TEST(GuardPlan, EveryCaseGetsItsOutcomeFromTheMsmBackEnd) {
    replay_guard_plan<msm>();
}

}  // namespace
