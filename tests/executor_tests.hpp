#ifndef HIREGUARD_TESTS_EXECUTOR_TESTS_HPP
#define HIREGUARD_TESTS_EXECUTOR_TESTS_HPP

#include <chrono>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <gtest/gtest.h>

#include <hireguard/hiring/candidacy.hpp>

#include "domain.hpp"
#include "scenarios.hpp"

// The behaviour every executor of a workflow must have, as typed tests:
// machine_test.cpp runs them on hireguard::machine, msm_machine_test.cpp on
// the Boost.MSM back-end.
namespace executor_tests {

using namespace hireguard;
using namespace scenarios;

template <class Machine>
Machine at_state(std::string_view state, offer_terms terms = hourly_terms()) {
    Machine m{job_id{7}, freelancer_id{42}};
    scenarios::replay(m, path_to(state, terms));
    return m;
}

template <class Machine>
class Executor : public ::testing::Test {};
TYPED_TEST_SUITE_P(Executor);

TYPED_TEST_P(Executor, StartsInProspect) {
    TypeParam m{job_id{7}, freelancer_id{42}};
    EXPECT_TRUE(m.template is<state::prospect>());
    EXPECT_EQ(m.state_name(), "prospect");
    EXPECT_EQ(m.data().job, job_id{7});
    EXPECT_EQ(m.data().freelancer, freelancer_id{42});
}

TYPED_TEST_P(Executor, RefusesAPolicyThatMakesNoSense) {
    using std::chrono::seconds;
    EXPECT_THROW(TypeParam(job_id{7}, freelancer_id{42}, policy{.offer_lifetime = seconds{0}}), std::invalid_argument);
    EXPECT_THROW(TypeParam(job_id{7}, freelancer_id{42}, policy{.feedback_window = seconds::max()}),
                 std::invalid_argument);
    EXPECT_THROW(TypeParam(job_id{7}, freelancer_id{42}, policy{.minimum_milestone = cents(0)}), std::invalid_argument);
    TypeParam const week{job_id{7}, freelancer_id{42}, policy{.offer_lifetime = std::chrono::days{7}}};
    EXPECT_EQ(week.policy().offer_lifetime, std::chrono::days{7});
}

TYPED_TEST_P(Executor, EveryPathReachesItsState) {
    for (auto const& s : all_state_names) EXPECT_EQ(at_state<TypeParam>(s).state_name(), s);
}

struct row_case {
    std::string source;
    offer_terms terms;
    std::vector<any_event> extra_setup;
    any_event event;
    std::string target;
};

// One case per docs/domain.md row, with an event that satisfies the row's guard.
inline std::vector<row_case> row_cases() {
    timestamp const at = t0 + std::chrono::days{1};
    auto const h = hourly_terms();
    auto const f = fixed_terms();
    return {
        {"prospect", h, {}, event::invite{}, "invited"},
        {"prospect", h, {}, event::submit_proposal{}, "submitted"},
        {"prospect", h, {}, event::send_offer{.at = at, .terms = h}, "offered"},
        {"prospect", h, {}, event::close_job{}, "closed"},
        {"invited", h, {}, event::accept_invite{}, "interviewing"},
        {"invited", h, {}, event::decline_invite{}, "invite_declined"},
        {"invited", h, {}, event::withdraw_invite{}, "invite_withdrawn"},
        {"invited", h, {}, event::send_offer{.at = at, .terms = f}, "offered"},
        {"invited", h, {}, event::close_job{}, "closed"},
        {"submitted", h, {}, event::respond{}, "interviewing"},
        {"submitted", h, {}, event::decline{}, "declined"},
        {"submitted", h, {}, event::withdraw{}, "withdrawn"},
        {"submitted", h, {}, event::send_offer{.at = at, .terms = h}, "offered"},
        {"submitted", h, {}, event::close_job{}, "closed"},
        {"interviewing", h, {}, event::decline{}, "declined"},
        {"interviewing", h, {}, event::withdraw{}, "withdrawn"},
        {"interviewing", h, {}, event::send_offer{.at = at, .terms = h}, "offered"},
        {"interviewing", h, {}, event::close_job{}, "closed"},
        {"offered", h, {}, event::modify_offer{.at = at, .terms = f}, "offered"},
        {"offered", h, {}, event::withdraw_offer{}, "interviewing"},
        {"offered", h, {}, event::offer_expired{}, "interviewing"},
        {"offered", h, {}, event::decline_offer{}, "offer_declined"},
        {"offered", h, {}, event::accept_offer{.at = at}, "contract_active"},
        {"offered", later_start_terms(), {}, event::accept_offer{.at = at}, "contract_pending"},
        {"offered", h, {}, event::close_job{}, "closed"},
        {"contract_pending", h, {}, event::start_date_reached{}, "contract_active"},
        {"contract_pending", h, {}, event::end_contract{}, "contract_ended"},
        {"contract_active", h, {}, event::log_work{.minutes = std::chrono::minutes{90}}, "contract_active"},
        {"contract_active",
         f,
         {event::submit_milestone{}, event::approve_milestone{}},
         event::fund_milestone{.amount = dollars(50)},
         "contract_active"},
        {"contract_active", f, {}, event::submit_milestone{}, "contract_active"},
        {"contract_active", f, {event::submit_milestone{}}, event::approve_milestone{}, "contract_active"},
        {"contract_active", h, {}, event::pause{}, "contract_paused"},
        {"contract_active", h, {}, event::end_contract{}, "contract_ended"},
        {"contract_paused", h, {}, event::resume{}, "contract_active"},
        {"contract_paused", h, {}, event::end_contract{}, "contract_ended"},
        {"contract_ended", h, {}, event::leave_feedback{.at = at, .by = party::freelancer}, "contract_ended"},
    };
}

TYPED_TEST_P(Executor, EveryDomainRowFiresAtRunTime) {
    auto const cases = row_cases();
    ASSERT_EQ(cases.size(), domain::rows.size());
    for (std::size_t i = 0; i < cases.size(); ++i) {
        auto const& c = cases[i];
        auto const& r = domain::rows[i];
        ASSERT_EQ(c.source, r.source);
        ASSERT_EQ(name_of(c.event), r.event);
        ASSERT_EQ(c.target, r.target);
        TypeParam m = at_state<TypeParam>(c.source, c.terms);
        scenarios::replay(m, c.extra_setup);
        auto v = m.process(c.event);
        EXPECT_TRUE(v.accepted()) << r.source << " / " << r.event << ": " << v.message();
        EXPECT_EQ(m.state_name(), r.target) << r.source << " / " << r.event;
    }
}

TYPED_TEST_P(Executor, EveryIllegalPairIsRejectedWithStateAndDataUnchanged) {
    int illegal = 0;
    for (auto const& s : all_state_names) {
        for (auto const& e : one_of_each_event()) {
            std::string const ev(name_of(e));
            if (domain::legal_pairs.count({s, ev}) != 0) continue;
            TypeParam m = at_state<TypeParam>(s);
            candidacy_data const before = m.data();
            auto v = m.process(e);
            ++illegal;
            ASSERT_FALSE(v.accepted()) << s << " / " << ev;
            EXPECT_TRUE(v.rejected_as(rejection_kind::illegal_transition)) << v.message();
            EXPECT_EQ(v.error().state, s);
            EXPECT_EQ(v.error().event, ev);
            EXPECT_EQ(m.state_name(), s);
            EXPECT_EQ(m.data(), before);
        }
    }
    EXPECT_EQ(illegal, 360 - 35);
}

TYPED_TEST_P(Executor, TerminalStatesRejectEveryEvent) {
    for (auto const& s : domain::terminal_states) {
        for (auto const& e : one_of_each_event()) {
            TypeParam m = at_state<TypeParam>(s);
            auto v = m.process(e);
            EXPECT_TRUE(v.rejected_as(rejection_kind::illegal_transition)) << s << " / " << name_of(e);
            EXPECT_NE(v.message().find("the candidacy is over"), std::string::npos) << v.message();
        }
    }
}

TYPED_TEST_P(Executor, WorkBeforeHireIsRejectedWithAClearMessage) {
    TypeParam m = at_state<TypeParam>("interviewing");
    auto v = m.process(event::log_work{.minutes = std::chrono::minutes{60}});
    EXPECT_EQ(v.message(),
              "log_work rejected in interviewing: illegal transition: work before hire: a freelancer is hired only "
              "when a contract begins");
}

TYPED_TEST_P(Executor, RuleRejectionLeavesStateAndDataUnchanged) {
    TypeParam m = at_state<TypeParam>("offered");
    candidacy_data const before = m.data();
    auto v = m.process(event::accept_offer{.at = t0 + std::chrono::days{40}});
    ASSERT_TRUE(v.rejected_as(rejection_kind::rule_violated));
    EXPECT_EQ(v.error().rule, rule_ids::offer_not_expired);
    EXPECT_EQ(v.message(),
              "accept_offer rejected in offered: offer_not_expired: the offer was sent 2026-01-05 and expired after "
              "30 days, on 2026-02-04");
    EXPECT_TRUE(m.template is<state::offered>());
    EXPECT_EQ(m.data(), before);
}

TYPED_TEST_P(Executor, OfferIsAcceptableOnItsLastSecondAndNotOnItsFirstExpiredSecond) {
    TypeParam first = at_state<TypeParam>("offered");
    timestamp const sent = *first.data().offer_sent_at;
    TypeParam last = first;
    EXPECT_FALSE(first.process(event::accept_offer{.at = sent + std::chrono::days{30}}).accepted());
    EXPECT_TRUE(
        last.process(event::accept_offer{.at = sent + std::chrono::days{30} - std::chrono::seconds{1}}).accepted());
}

TYPED_TEST_P(Executor, TimestampGoingBackwardsIsInvalidInputAndChangesNothing) {
    TypeParam m = at_state<TypeParam>("interviewing");
    candidacy_data const before = m.data();
    auto v = m.process(event::decline{.at = t0 - std::chrono::hours{1}});
    ASSERT_TRUE(v.rejected_as(rejection_kind::invalid_input)) << v.message();
    EXPECT_EQ(v.error().rule, rule_ids::timestamps_monotonic);
    EXPECT_TRUE(m.template is<state::interviewing>());
    EXPECT_EQ(m.data(), before);
}

TYPED_TEST_P(Executor, TimestampOutsideTheAcceptedYearsIsInvalidInput) {
    TypeParam m = at_state<TypeParam>("submitted");
    candidacy_data const before = m.data();
    auto v =
        m.process(event::respond{.at = timestamp{std::chrono::seconds{std::numeric_limits<std::int64_t>::max() - 10}}});
    ASSERT_TRUE(v.rejected_as(rejection_kind::invalid_input)) << v.message();
    EXPECT_EQ(v.error().rule, rule_ids::value_in_range);
    EXPECT_EQ(m.data(), before);
    EXPECT_TRUE(m.process(event::respond{.at = utc(std::chrono::year{9999} / 12 / 31)}).accepted());
}

// The years 1900 to 9999 are accepted whole: the last second of 9999 is in,
// the first of 10000 out, for an event and for an offer's start date alike.
TYPED_TEST_P(Executor, TheLastSecondOfTheYear9999IsAccepted) {
    using namespace std::chrono_literals;
    TypeParam m = at_state<TypeParam>("interviewing");
    timestamp const last_second = utc(std::chrono::year{9999} / 12 / 31, 23h + 59min + 59s);
    offer_terms terms = hourly_terms();
    terms.start_date = last_second;
    EXPECT_TRUE(m.process(event::send_offer{.at = utc(std::chrono::year{9999} / 12 / 31, 1s), .terms = terms}))
        << "an event at 9999-12-31T00:00:01Z and an offer starting at 23:59:59";
    EXPECT_TRUE(m.process(event::withdraw_offer{.at = last_second}));
    auto v = m.process(event::decline{.at = last_second + 1s});
    ASSERT_TRUE(v.rejected_as(rejection_kind::invalid_input)) << v.message();
    EXPECT_EQ(v.error().rule, rule_ids::value_in_range);
}

TYPED_TEST_P(Executor, OfferStartingOutsideTheAcceptedYearsIsInvalidInput) {
    TypeParam m = at_state<TypeParam>("interviewing");
    candidacy_data const before = m.data();
    offer_terms terms = hourly_terms();
    terms.start_date = utc(std::chrono::year{10000} / 1 / 1);
    auto v = m.process(event::send_offer{.at = t0 + std::chrono::days{1}, .terms = terms});
    ASSERT_TRUE(v.rejected_as(rejection_kind::invalid_input)) << v.message();
    EXPECT_EQ(v.error().rule, rule_ids::value_in_range);
    EXPECT_EQ(v.message(),
              "send_offer rejected in interviewing: value_in_range: the offer's start date is outside the "
              "years 1900 to 9999");
    EXPECT_TRUE(m.template is<state::interviewing>());
    EXPECT_EQ(m.data(), before);
    terms.start_date = utc(std::chrono::year{9999} / 12 / 31);
    EXPECT_TRUE(m.process(event::send_offer{.at = t0 + std::chrono::days{1}, .terms = terms}).accepted());
}

TYPED_TEST_P(Executor, TimerEventsDatedBeforeWhatTheyAnnounceAreInvalidInput) {
    TypeParam pending = at_state<TypeParam>("contract_pending");
    candidacy_data const before = pending.data();
    auto early = pending.process(event::start_date_reached{.at = t0 + std::chrono::days{2}});
    ASSERT_TRUE(early.rejected_as(rejection_kind::invalid_input)) << early.message();
    EXPECT_EQ(early.error().rule, rule_ids::start_date_has_come);
    EXPECT_EQ(pending.data(), before);
    EXPECT_TRUE(pending.process(event::log_work{.minutes = std::chrono::minutes{30}})
                    .rejected_as(rejection_kind::illegal_transition));
    EXPECT_TRUE(pending.process(event::start_date_reached{.at = t0 + std::chrono::days{10}}).accepted());

    TypeParam offered = at_state<TypeParam>("offered");
    timestamp const expiry = *offered.data().offer_sent_at + std::chrono::days{30};
    auto premature = offered.process(event::offer_expired{.at = expiry - std::chrono::seconds{1}});
    ASSERT_TRUE(premature.rejected_as(rejection_kind::invalid_input)) << premature.message();
    EXPECT_EQ(premature.error().rule, rule_ids::offer_lifetime_ended);
    EXPECT_TRUE(offered.process(event::offer_expired{.at = expiry}).accepted());
}

TYPED_TEST_P(Executor, IllegalBeatsInvalidInput) {
    TypeParam m = at_state<TypeParam>("interviewing");
    auto v = m.process(event::log_work{.at = t0 - std::chrono::hours{1}, .minutes = std::chrono::minutes{5}});
    EXPECT_TRUE(v.rejected_as(rejection_kind::illegal_transition)) << v.message();
}

TYPED_TEST_P(Executor, AcceptOfferWithLaterStartDateIsHiredButPending) {
    TypeParam m = at_state<TypeParam>("offered", later_start_terms());
    ASSERT_TRUE(m.process(event::accept_offer{.at = t0 + std::chrono::days{1}}).accepted());
    EXPECT_TRUE(m.template is<state::contract_pending>());
    EXPECT_TRUE(m.data().hired_at.has_value());
    EXPECT_FALSE(m.data().started_at.has_value());
    EXPECT_TRUE(m.process(event::log_work{.minutes = std::chrono::minutes{30}})
                    .rejected_as(rejection_kind::illegal_transition));
    ASSERT_TRUE(m.process(event::start_date_reached{.at = t0 + std::chrono::days{10}}).accepted());
    EXPECT_TRUE(m.process(event::log_work{.minutes = std::chrono::minutes{30}}).accepted());
    EXPECT_EQ(m.data().minutes_logged, std::chrono::minutes{30});
}

TYPED_TEST_P(Executor, ZeroMinutesOfWorkIsInvalidInput) {
    TypeParam m = at_state<TypeParam>("contract_active");
    auto v = m.process(event::log_work{.minutes = std::chrono::minutes{0}});
    EXPECT_TRUE(v.rejected_as(rejection_kind::invalid_input));
    EXPECT_EQ(v.error().rule, rule_ids::work_duration_positive);
}

TYPED_TEST_P(Executor, ProcessesEventsDecodedAtRunTime) {
    TypeParam m{job_id{1}, freelancer_id{2}};
    any_event e = event::invite{};
    EXPECT_TRUE(m.process(e).accepted());
    EXPECT_TRUE(m.template is<state::invited>());
}

TYPED_TEST_P(Executor, MachineHandsItsStateToTypedCode) {
    TypeParam m = at_state<TypeParam>("offered");
    std::string seen = m.visit([](auto&& c) { return std::string(c.state_name()); });
    EXPECT_EQ(seen, "offered");
    bool hired = m.visit([]<class C>(C&& c) {
        if constexpr (std::is_same_v<typename C::state_type, state::offered>) {
            auto r = std::move(c).on(event::accept_offer{.at = t0 + std::chrono::days{1}});
            return r.template is<state::contract_active>();
        } else {
            return false;
        }
    });
    EXPECT_TRUE(hired);
    EXPECT_TRUE(m.template is<state::offered>()) << "visiting hands out a copy";
}

TYPED_TEST_P(Executor, TypedCandidacyBecomesAMachineInTheSameStateWithTheSameData) {
    auto c = begin_candidacy(job_id{3}, freelancer_id{4});
    auto s = std::move(c).on(event::submit_proposal{.at = t0});
    auto i = std::move(s).on(event::respond{.at = t0 + std::chrono::hours{1}});
    candidacy_data const data = i.data();
    TypeParam m{std::move(i)};
    EXPECT_TRUE(m.template is<state::interviewing>());
    EXPECT_EQ(m.data(), data);
    EXPECT_TRUE(m.process(event::withdraw{}).accepted());
    EXPECT_TRUE(m.template is<state::withdrawn>());
}

REGISTER_TYPED_TEST_SUITE_P(Executor, OfferStartingOutsideTheAcceptedYearsIsInvalidInput,
                            RefusesAPolicyThatMakesNoSense, TimerEventsDatedBeforeWhatTheyAnnounceAreInvalidInput,
                            TimestampOutsideTheAcceptedYearsIsInvalidInput, TheLastSecondOfTheYear9999IsAccepted,
                            StartsInProspect, EveryPathReachesItsState, EveryDomainRowFiresAtRunTime,
                            EveryIllegalPairIsRejectedWithStateAndDataUnchanged, TerminalStatesRejectEveryEvent,
                            WorkBeforeHireIsRejectedWithAClearMessage, RuleRejectionLeavesStateAndDataUnchanged,
                            OfferIsAcceptableOnItsLastSecondAndNotOnItsFirstExpiredSecond,
                            TimestampGoingBackwardsIsInvalidInputAndChangesNothing, IllegalBeatsInvalidInput,
                            AcceptOfferWithLaterStartDateIsHiredButPending, ZeroMinutesOfWorkIsInvalidInput,
                            ProcessesEventsDecodedAtRunTime, MachineHandsItsStateToTypedCode,
                            TypedCandidacyBecomesAMachineInTheSameStateWithTheSameData);

}  // namespace executor_tests

#endif
