// A host's workflow tested as a host would test it, with <hireguard/testing.hpp>:
// the background-check example (examples/background_check.hpp) against a
// small model written from its documented rules (background_check_model.hpp),
// through both executors; and the generic property shown to catch a model
// that is wrong, and the generic invariants an executor that is.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <hireguard/hiring/msm_machine.hpp>
#include <hireguard/testing.hpp>

#include "background_check.hpp"
#include "background_check_model.hpp"

namespace {

using namespace hireguard;
// Not `testing`: GoogleTest's namespace has that name.
namespace hgt = hireguard::testing;
using W = acme::hiring_with_background_check;
using model = background_check_model::candidacy;
using std::chrono::seconds;

constexpr timestamp t0 = utc(std::chrono::year{2026} / 4 / 6);

// The host's event factory: a time that mostly moves on, sometimes stays, goes
// missing or goes back, or lands a second either side of the offer's expiry
// or the end of the feedback window; payloads on both sides of each rule.
rc::Gen<std::optional<timestamp>> gen_time(model const& m) {
    return rc::gen::exec([m]() -> std::optional<timestamp> {
        timestamp const clock = m.last_event_at.value_or(t0);
        auto const edge = [&](std::optional<timestamp> t, seconds lifetime) {
            return (t ? *t + lifetime : clock) + seconds{*rc::gen::inRange<std::int64_t>(-1, 1)};
        };
        switch (*rc::gen::weightedElement<int>({{1, 0}, {1, 1}, {8, 2}, {1, 3}, {1, 4}, {1, 5}})) {
            case 0:
                return std::nullopt;
            case 1:
                return clock - seconds{*rc::gen::inRange<std::int64_t>(0, 3600)};
            case 2:
                return clock + seconds{*rc::gen::inRange<std::int64_t>(1, 3 * 86400)};
            case 3:
                return clock + std::chrono::days{*rc::gen::inRange<std::int64_t>(10, 40)};
            case 4:
                return edge(m.offer_sent_at, background_check_model::offer_lifetime);
            default:
                return edge(m.ended_at, background_check_model::feedback_window);
        }
    });
}

auto const factory = [](auto kind, model const& m) {
    using E = typename decltype(kind)::type;
    return rc::gen::exec([m] {
        E e{};
        e.at = *gen_time(m);
        if constexpr (requires { e.terms; }) {
            e.terms.kind = *rc::gen::element(contract_kind::hourly, contract_kind::fixed_price);
            e.terms.hourly_rate = cents(*rc::gen::element<std::int64_t>(0, -100, 1, 4000));
            e.terms.first_milestone = cents(*rc::gen::element<std::int64_t>(0, 499, 500, 20000));
        }
        if constexpr (requires { e.minutes; })
            e.minutes = std::chrono::minutes{*rc::gen::weightedElement<std::int64_t>({{1, 0}, {1, -5}, {6, 90}})};
        if constexpr (requires { e.report_id; })
            e.report_id = *rc::gen::weightedElement<std::uint64_t>({{1, 0}, {3, 7741}});
        if constexpr (requires { e.by; }) e.by = *rc::gen::element(party::client, party::freelancer);
        return e;
    });
};

RC_GTEST_PROP(BackgroundCheck, TheRuntimeEngineGivesTheModelsVerdictStateAndDataOnEveryEvent, ()) {
    basic_machine<W> m{job_id{7}, freelancer_id{42}};
    hgt::check_against_model<W>(model{}, m, factory);
}

RC_GTEST_PROP(BackgroundCheck, TheMsmBackEndGivesTheModelsVerdictStateAndDataOnEveryEvent, ()) {
    basic_msm_machine<W> m{job_id{7}, freelancer_id{42}};
    hgt::check_against_model<W>(model{}, m, factory);
}

RC_GTEST_PROP(BackgroundCheck, TheTwoExecutorsAgreeAndKeepEveryWorkflowsInvariants, ()) {
    auto const history = *hgt::gen_history<W>(model{}, factory);
    basic_machine<W> flat{job_id{7}, freelancer_id{42}};
    basic_msm_machine<W> msm{job_id{7}, freelancer_id{42}};
    hgt::assert_executors_agree<W>(flat, msm, history);
    RC_CLASSIFY(
        flat.is<state::contract_active>() || flat.is<state::contract_ended>() || flat.is<state::contract_paused>(),
        "the check cleared");
}

// The generic property fails, and shrinks, when the model is wrong: a model
// that forgets the host's own rule (a cleared check must cite its report)
// disagrees with the executor as soon as a check clears without one.
TEST(BackgroundCheckProperty, FailsAgainstAModelThatForgetsTheReportRule) {
    model wrong;
    wrong.forgets_report_rule = true;
    bool const passed = rc::check("a model without report_cited", [wrong] {
        basic_machine<W> m{job_id{7}, freelancer_id{42}};
        hgt::check_against_model<W>(wrong, m, factory);
    });
    EXPECT_FALSE(passed);
}

// The same property passes with the right model, run through rc::check too.
TEST(BackgroundCheckProperty, PassesAgainstTheRightModelThroughRcCheck) {
    EXPECT_TRUE(rc::check("the model of the example", [] {
        basic_machine<W> m{job_id{7}, freelancer_id{42}};
        hgt::check_against_model<W>(model{}, m, factory);
    }));
}

// The invariants catch an executor whose rejection changes the data, one that
// lets an event through in a terminal state, and one whose state took no row.
TEST(WorkflowInvariants, NameARejectionThatChangedTheDataAnEventThroughATerminalStateAndAStepWithoutARow) {
    basic_machine<W> m{job_id{7}, freelancer_id{42}};
    auto const before = hgt::snapshot_of<W>(m);
    event_variant_t<W> const work = event::log_work{.at = t0, .minutes = std::chrono::minutes{60}};
    verdict const v = m.process(work);
    ASSERT_TRUE(v.rejected_as(rejection_kind::illegal_transition));
    EXPECT_FALSE(hgt::broken_invariant<W>(before, work, v, hgt::snapshot_of<W>(m)));

    auto changed = hgt::snapshot_of<W>(m);
    changed.data.minutes_logged = std::chrono::minutes{60};
    EXPECT_EQ(hgt::broken_invariant<W>(before, work, v, changed).value_or(""),
              "a rejection changed something (state prospect, event log_work)");

    auto closed = before;
    closed.state = "closed";
    event_variant_t<W> const invite = event::invite{.at = t0};
    EXPECT_EQ(hgt::broken_invariant<W>(closed, invite, verdict{}, closed).value_or(""),
              "an event without a row was not rejected as an illegal transition (state closed, event invite)");

    auto hired = before;
    hired.state = "contract_active";
    event_variant_t<W> const submit = event::submit_proposal{.at = t0};
    EXPECT_EQ(hgt::broken_invariant<W>(before, submit, verdict{}, hired).value_or(""),
              "an accepted event took no row of the table (state prospect, event submit_proposal)");
}

TEST(WorkflowInvariants, NameTwoExecutorsThatDisagree) {
    basic_machine<W> a{job_id{7}, freelancer_id{42}};
    basic_machine<W> b{job_id{7}, freelancer_id{43}};
    EXPECT_EQ(hgt::disagreement<W>(verdict{}, hgt::snapshot_of<W>(a), verdict{}, hgt::snapshot_of<W>(b)).value_or(""),
              "the executors disagree on the data or the policy");
    EXPECT_FALSE(hgt::disagreement<W>(verdict{}, hgt::snapshot_of<W>(a), verdict{}, hgt::snapshot_of<W>(a)));
}

// Bytes read from the end, as FuzzedDataProvider reads them, and an event of
// each kind made from them.
TEST(FuzzHelpers, ReadBytesFromTheEndAndMakeAnEventOfTheKindRead) {
    std::uint8_t const bytes[] = {5, 1};
    hgt::byte_reader in(bytes, sizeof bytes);
    EXPECT_EQ(in.byte(), 1);
    EXPECT_EQ(in.pick(3), 2U);
    EXPECT_TRUE(in.done());
    EXPECT_EQ(in.byte(), 0);
    for (std::size_t k = 0; k < std::variant_size_v<event_variant_t<W>>; ++k) {
        auto const e = hgt::make_event<W>(k, [](auto kind) { return typename decltype(kind)::type{}; });
        EXPECT_EQ(e.index(), k);
    }
}

}  // namespace
