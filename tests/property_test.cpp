// Property tests of the runtime engine (hireguard::machine) and the typed API
// against the reference model of docs/domain.md (model.hpp), with RapidCheck.
#include <array>
#include <chrono>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>
#include <rapidcheck/state.h>

#include <hireguard/hiring/machine.hpp>

#include "model.hpp"
#include "property_support.hpp"

namespace {

using namespace hireguard;
using namespace property;

/// Everything a rejected event must leave as it was.
struct snapshot {
    std::string state;
    candidacy_data data;
    hireguard::policy rules;
    friend bool operator==(snapshot const&, snapshot const&) = default;
};

snapshot take(machine const& m) {
    return {std::string(m.state_name()), m.data(), m.policy()};
}

bool is_terminal(std::string_view s) {
    for (std::size_t i = 0; i < model::state_count; ++i)
        if (model::state_names[i] == s) return model::is_terminal(static_cast<model::st>(i));
    return false;
}

bool is_hired_but_not_working(std::string_view s) {
    return s == "contract_pending" || s == "contract_paused" || s == "contract_ended";
}

// The stateful test (hireguard::testing::check_against_model): the model is
// RapidCheck's model state, the machine the system under test; one command
// fires one generated event on both, and compares verdict, rejection kind and
// rule, state and data, besides every workflow's invariants.
RC_GTEST_PROP(MachineAgainstModel, EveryEventGetsTheModelsVerdictStateAndDataAndRejectionsChangeNothing, ()) {
    machine m{job_id{7}, freelancer_id{42}};
    hireguard::testing::check_against_model<lifecycle>(lifecycle_model{}, m, event_factory);
}

// Every workflow's invariants (<hireguard/testing/checks.hpp>) on the lifecycle.
RC_GTEST_PROP(EveryWorkflowsInvariants, HoldOnEveryEventOfAGeneratedHistory, ()) {
    machine m{job_id{7}, freelancer_id{42}};
    auto const history = *gen_history();
    std::size_t const accepted = hireguard::testing::assert_invariants<lifecycle>(m, history);
    RC_CLASSIFY(accepted < history.size(), "some events rejected");
}

/// An active fixed-price contract whose counters and sums stand at or near their
/// largest values (issue 12, finding 3): one more paid milestone, dollar or
/// minute would overflow one of them. Such data restores from a snapshot.
candidacy_data at_the_edge(std::uint32_t milestones_paid, std::int64_t paid_cents, std::int64_t minutes,
                           milestone_status status) {
    candidacy_data d{job_id{7}, freelancer_id{42}};
    d.last_event_at = t0 + std::chrono::days{3};
    d.terms = offer_terms{.kind = contract_kind::fixed_price, .first_milestone = dollars(200)};
    d.offer_sent_at = t0;
    d.hired_at = t0 + std::chrono::days{1};
    d.started_at = d.hired_at;
    d.minutes_logged = std::chrono::minutes{minutes};
    d.milestone = status;
    d.milestone_amount = status == milestone_status::none ? money{} : dollars(300);
    d.paid = cents(paid_cents);
    d.milestones_paid = milestones_paid;
    return d;
}

constexpr auto most_milestones = std::numeric_limits<std::uint32_t>::max();
constexpr auto most_cents = std::numeric_limits<std::int64_t>::max();

// The model is checked on its own first: it must not wrap the count the way a
// plain ++ on a std::uint32_t does.
TEST(ModelAtTheEdges, ApprovingAMilestoneWhenThePaidCountIsAtItsMaximumIsInvalidInputInTheModelAndTheEngine) {
    candidacy_data const d = at_the_edge(most_milestones, most_milestones, 600, milestone_status::submitted);
    model::candidacy c = model::from_engine("contract_active", d, hireguard::policy{});
    any_event const approve = event::approve_milestone{.at = t0 + std::chrono::days{4}};
    model::answer const want = model::step(c, approve);
    EXPECT_FALSE(want.accepted);
    EXPECT_EQ(want.kind, rejection_kind::invalid_input);
    EXPECT_EQ(to_string(want.rule), "value_in_range");
    EXPECT_EQ(c.data.milestones_paid, most_milestones);

    auto m = machine::from_parts("contract_active", d, {});
    ASSERT_TRUE(m);
    verdict const v = m->process(approve);
    ASSERT_FALSE(v.accepted()) << "milestones_paid is now " << m->data().milestones_paid;
    EXPECT_EQ(v.error().kind, want.kind) << v.message();
    EXPECT_EQ(to_string(v.error().rule), to_string(want.rule)) << v.message();
    EXPECT_TRUE(m->data() == d);
}

// The years 1900 to 9999 are accepted whole, in the model as in the engine:
// an event in the last second of 9999 is in, one a second into 10000 is out.
TEST(ModelAtTheEdges, AnEventInTheLastSecondOf9999IsAcceptedByTheModelAndTheEngine) {
    using namespace std::chrono_literals;
    timestamp const last_second = utc(std::chrono::year{9999} / 12 / 31, 23h + 59min + 59s);
    for (timestamp const at : {last_second, last_second + 1s}) {
        bool const in = at == last_second;
        model::candidacy c = model::begin(1, 2);
        c.state = model::st::submitted;
        any_event const respond = event::respond{.at = at};
        model::answer const want = model::step(c, respond);
        EXPECT_EQ(want.accepted, in);
        if (!in) {
            EXPECT_EQ(to_string(want.rule), "value_in_range");
        }

        machine m(job_id{1}, freelancer_id{2});
        ASSERT_TRUE(m.process(event::submit_proposal{.at = t0}).accepted());
        verdict const v = m.process(respond);
        EXPECT_EQ(v.accepted(), in) << v.message();
        if (!in) {
            EXPECT_EQ(to_string(v.error().rule), "value_in_range");
        }
    }
}

// Stateful, as EveryEventGetsTheModelsVerdict..., from data at the edges.
RC_GTEST_PROP(MachineAgainstModel, FromCountersAndSumsAtTheirEdgesEveryEventGetsTheModelsVerdictStateAndData, ()) {
    auto const milestones_paid = *rc::gen::element(most_milestones, most_milestones - 1, std::uint32_t{1});
    auto const paid = *rc::gen::element(most_cents, most_cents - 1, most_cents - 30000, most_cents - 30001,
                                        std::int64_t{most_milestones});
    auto const minutes = *rc::gen::element(std::int64_t{600}, most_cents - 60, most_cents - 1, most_cents);
    auto const status =
        *rc::gen::element(milestone_status::submitted, milestone_status::funded, milestone_status::none);
    candidacy_data const d = at_the_edge(milestones_paid, paid, minutes, status);
    machine m = machine::from_parts("contract_active", d, {}).value();
    hireguard::testing::check_against_model<lifecycle>(
        lifecycle_model{model::from_engine("contract_active", d, hireguard::policy{})}, m, event_factory);
}

/// One event of each kind, dated a day after `last`, with payloads that pass
/// every rule wherever the state allows the event.
std::vector<any_event> one_of_each(std::optional<timestamp> last) {
    timestamp const at = last.value_or(t0) + std::chrono::days{1};
    offer_terms const terms{.kind = contract_kind::hourly, .hourly_rate = dollars(40)};
    return {event::invite{.at = at},
            event::withdraw_invite{.at = at},
            event::respond{.at = at},
            event::decline{.at = at},
            event::send_offer{.at = at, .terms = terms},
            event::modify_offer{.at = at, .terms = terms},
            event::withdraw_offer{.at = at},
            event::fund_milestone{.at = at, .amount = dollars(50)},
            event::approve_milestone{.at = at},
            event::pause{.at = at},
            event::resume{.at = at},
            event::close_job{.at = at},
            event::accept_invite{.at = at},
            event::decline_invite{.at = at},
            event::submit_proposal{.at = at},
            event::withdraw{.at = at},
            event::decline_offer{.at = at},
            event::accept_offer{.at = at},
            event::log_work{.at = at, .minutes = std::chrono::minutes{60}},
            event::submit_milestone{.at = at},
            event::end_contract{.at = at},
            event::leave_feedback{.at = at},
            event::offer_expired{.at = at},
            event::start_date_reached{.at = at}};
}

RC_GTEST_PROP(WorkBeforeHire, LogWorkIsAcceptedOnlyAfterAnAcceptedOfferAndNeverWhilePendingPausedOrEnded, ()) {
    auto const history = *gen_history();
    machine m{job_id{7}, freelancer_id{42}};
    bool offer_accepted = false;
    bool probed = false;
    for (auto const& e : history) {
        std::string const before(m.state_name());
        bool const accepted = m.process(e).accepted();
        if (accepted && model::kind(e) == model::ev::accept_offer) offer_accepted = true;
        if (accepted && model::kind(e) == model::ev::log_work) {
            RC_ASSERT(offer_accepted);
            RC_ASSERT(before == "contract_active");
        }
        if (is_hired_but_not_working(m.state_name())) {
            probed = true;
            machine probe = m;
            auto const v =
                probe.process(event::log_work{.at = m.data().last_event_at, .minutes = std::chrono::minutes{60}});
            RC_ASSERT(v.rejected_as(rejection_kind::illegal_transition));
            RC_ASSERT(probe.data() == m.data());
        }
    }
    RC_CLASSIFY(offer_accepted, "offer accepted");
    RC_CLASSIFY(probed, "work probed while pending, paused or ended");
}

RC_GTEST_PROP(WorkBeforeHire, MinutesLoggedEqualTheSumOfAcceptedLogWork, ()) {
    auto const history = *gen_history();
    machine m{job_id{7}, freelancer_id{42}};
    std::int64_t sum = 0;
    for (auto const& e : history) {
        if (m.process(e).accepted() && model::kind(e) == model::ev::log_work)
            sum += std::get<event::log_work>(e).minutes.count();
        RC_ASSERT(m.data().minutes_logged.count() == sum);
    }
    RC_CLASSIFY(sum > 0, "work logged");
}

RC_GTEST_PROP(TerminalStates, RejectEveryEventAsIllegalAndStayPut, ()) {
    auto const history = *gen_history();
    machine m{job_id{7}, freelancer_id{42}};
    for (auto const& e : history) {
        std::string const before(m.state_name());
        auto const was = take(m);
        auto const v = m.process(e);
        if (is_terminal(before)) {
            RC_ASSERT(v.rejected_as(rejection_kind::illegal_transition));
            RC_ASSERT(take(m) == was);
        }
    }
    if (is_terminal(m.state_name())) {
        RC_TAG(std::string(m.state_name()));
        auto const was = take(m);
        for (auto const& e : one_of_each(m.data().last_event_at)) {
            RC_ASSERT(m.process(e).rejected_as(rejection_kind::illegal_transition));
            RC_ASSERT(take(m) == was);
        }
    }
}

/// The typed API's answer to an event, brought back to a runtime machine.
struct typed_answer {
    machine after;
    bool illegal = false;
    std::optional<rejection> why;
};

/// Fires `e` on the typed candidacy that `m.visit` hands over, in whatever
/// state `m` is: `on` when the table has a row (catching `invalid_event`, which
/// any row throws for malformed input), nothing when it has none, then back
/// through `to_machine`.
typed_answer fire_typed(machine const& m, any_event const& e) {
    return m.visit([&e](auto&& c) -> typed_answer {
        using C = std::remove_cvref_t<decltype(c)>;
        return std::visit(
            [&c](auto const& ev) -> typed_answer {
                using E = std::remove_cvref_t<decltype(ev)>;
                if constexpr (!can_fire_on<C, E>) {
                    return {to_machine(std::move(c)), true, std::nullopt};
                } else {
                    using R = decltype(std::move(c).on(ev));
                    if constexpr (requires { typename R::state_type; }) {
                        try {
                            return {to_machine(std::move(c).on(ev)), false, std::nullopt};
                        } catch (invalid_event const& x) {
                            return {to_machine(std::move(c)), false, x.why()};
                        }
                    } else {
                        try {
                            return std::move(std::move(c).on(ev)).visit([](auto&& alt) -> typed_answer {
                                if constexpr (requires { alt.why; }) {
                                    return {to_machine(std::move(alt.unchanged)), false, std::move(alt.why)};
                                } else {
                                    return {to_machine(std::move(alt)), false, std::nullopt};
                                }
                            });
                        } catch (invalid_event const& x) {
                            return {to_machine(std::move(c)), false, x.why()};
                        }
                    }
                }
            },
            e);
    });
}

RC_GTEST_PROP(TypedApi, AgreesWithTheRuntimeEngineOnEveryEventThroughVisitAndToMachine, ()) {
    auto const history = *gen_history();
    machine runtime{job_id{7}, freelancer_id{42}};
    machine typed{job_id{7}, freelancer_id{42}};
    for (auto const& e : history) {
        auto answer = fire_typed(typed, e);
        auto const v = runtime.process(e);
        RC_ASSERT(answer.illegal == v.rejected_as(rejection_kind::illegal_transition));
        RC_ASSERT(answer.why.has_value() == (!v && !answer.illegal));
        if (answer.why) {
            RC_ASSERT(answer.why->kind == v.error().kind);
            RC_ASSERT(answer.why->message() == v.error().message());
        }
        typed = std::move(answer.after);
        RC_ASSERT(typed.state_name() == runtime.state_name());
        RC_ASSERT(typed.data() == runtime.data());
    }
}

RC_GTEST_PROP(Replay, AnAcceptedHistoryReplayedFromScratchEndsInTheSameStateAndData, ()) {
    auto const history = *gen_history();
    machine first{job_id{7}, freelancer_id{42}};
    std::vector<any_event> accepted;
    for (auto const& e : history)
        if (first.process(e).accepted()) accepted.push_back(e);
    machine again{job_id{7}, freelancer_id{42}};
    for (auto const& e : accepted) RC_ASSERT(again.process(e).accepted());
    RC_ASSERT(again.state_name() == first.state_name());
    RC_ASSERT(again.data() == first.data());
    RC_CLASSIFY(accepted.size() < history.size(), "some events rejected");
}

}  // namespace
