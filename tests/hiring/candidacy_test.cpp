#include <chrono>
#include <stdexcept>
#include <string>
#include <type_traits>

#include <gtest/gtest.h>

#include <hireguard/hiring/candidacy.hpp>
#include <hireguard/hiring/machine.hpp>

namespace {

using namespace hireguard;
using namespace std::chrono_literals;

constexpr timestamp t0 = utc(std::chrono::year{2026} / 1 / 5);
offer_terms hourly() {
    return offer_terms{.kind = contract_kind::hourly, .hourly_rate = dollars(40)};
}

// No forgery: a candidacy in a state other than prospect only comes from a
// legal transition or the machine bridge.
using active = candidacy<state::contract_active>;
using offered = candidacy<state::offered>;
static_assert(!std::is_default_constructible_v<active>);
static_assert(!std::is_copy_constructible_v<active> && !std::is_copy_assignable_v<active>);
static_assert(std::is_nothrow_move_constructible_v<active>);
static_assert(!std::is_constructible_v<active, job_id, freelancer_id>);
static_assert(!std::is_constructible_v<active, candidacy_data, policy>);
static_assert(!std::is_constructible_v<active, offered&&>);
static_assert(!std::is_convertible_v<offered, active>);
static_assert(!std::is_constructible_v<candidacy<state::prospect>, job_id, freelancer_id>);

// Legality is visible to concepts and traits without compiling the call.
static_assert(can_fire_on<active, event::log_work>);
static_assert(!can_fire_on<candidacy<state::interviewing>, event::log_work>);
static_assert(!can_fire_on<candidacy<state::contract_paused>, event::log_work>);
static_assert(!can_fire_on<offered, event::withdraw>);
static_assert(candidacy<state::declined>::can_fire<event::respond> == false);

// Unguarded rows return the candidacy itself; guarded rows an outcome.
static_assert(std::is_same_v<decltype(std::declval<candidacy<state::prospect>>().on(event::invite{})),
                             candidacy<state::invited>>);
static_assert(std::is_same_v<decltype(std::declval<offered>().on(event::accept_offer{})),
                             outcome<lifecycle, state::offered, state::contract_active, state::contract_pending>>);

candidacy<state::offered> make_offered() {
    auto c = begin_candidacy(job_id{7}, freelancer_id{42});
    auto s = std::move(c).on(event::submit_proposal{.at = t0});
    auto i = std::move(s).on(event::respond{.at = t0 + 1h});
    return std::move(i).on(event::send_offer{.at = t0 + 2h, .terms = hourly()}).value();
}

TEST(Candidacy, BeginsInProspectWithItsIds) {
    auto c = begin_candidacy(job_id{7}, freelancer_id{42});
    EXPECT_EQ(c.state_name(), "prospect");
    EXPECT_EQ(c.data().job, job_id{7});
    EXPECT_EQ(c.data().freelancer, freelancer_id{42});
}

TEST(Candidacy, RefusesAPolicyThatMakesNoSense) {
    EXPECT_THROW((void)begin_candidacy(job_id{7}, freelancer_id{42}, policy{.offer_lifetime = -std::chrono::days{1}}),
                 std::invalid_argument);
}

TEST(Candidacy, ProposalToHireToLoggedWork) {
    auto o = make_offered();
    EXPECT_EQ(o.data().offer_sent_at, t0 + 2h);
    auto r = std::move(o).on(event::accept_offer{.at = t0 + 3h});
    ASSERT_TRUE(r.accepted());
    ASSERT_TRUE(r.is<state::contract_active>());
    EXPECT_EQ(r.state_name(), "contract_active");
    auto a = std::move(r).get<state::contract_active>();
    EXPECT_EQ(a.data().hired_at, t0 + 3h);
    auto w = std::move(a).on(event::log_work{.at = t0 + 4h, .minutes = 90min});
    ASSERT_TRUE(w);
    auto a2 = std::move(w).value();
    EXPECT_EQ(a2.data().minutes_logged, 90min);
    EXPECT_EQ(a2.data().last_event_at, t0 + 4h);
}

TEST(Candidacy, AcceptOfferSaysWhichStateItLeadsTo) {
    auto c = begin_candidacy(job_id{7}, freelancer_id{42});
    auto terms = hourly();
    terms.start_date = t0 + std::chrono::days{10};
    auto o = std::move(c).on(event::send_offer{.at = t0, .terms = terms}).value();
    auto r = std::move(o).on(event::accept_offer{.at = t0 + 1h});
    EXPECT_TRUE(r.is<state::contract_pending>());
    EXPECT_FALSE(r.is<state::contract_active>());
    try {
        (void)std::move(r).get<state::contract_active>();
        ADD_FAILURE() << "get<contract_active>() on a pending contract did not throw";
    } catch (bad_result_access const& e) {
        EXPECT_STREQ(e.what(), "hireguard: outcome::get<contract_active>(): the candidacy is in contract_pending");
        EXPECT_FALSE(e.why().has_value());
    }
}

// Misusing a verdict or an outcome throws one exception type; taking the
// candidacy out of a rejected outcome says why it was rejected.
TEST(Candidacy, MisusingAVerdictOrAnOutcomeThrowsBadResultAccessWithTheRejection) {
    auto o = make_offered();
    auto r = std::move(o).on(event::accept_offer{.at = t0 + 2h + std::chrono::days{30}});
    ASSERT_FALSE(r);
    try {
        (void)std::move(r).get<state::contract_active>();
        ADD_FAILURE() << "get<contract_active>() on a rejected event did not throw";
    } catch (bad_result_access const& e) {
        ASSERT_TRUE(e.why().has_value());
        EXPECT_EQ(e.why()->rule, rule_ids::offer_not_expired);
        EXPECT_EQ(e.why()->state, "offered");
        EXPECT_NE(e.why()->why().find("expired"), std::string_view::npos) << e.why()->reason;
        EXPECT_EQ(std::string(e.what()),
                  "hireguard: outcome::get<contract_active>() on a rejected event: " + e.why()->message());
        EXPECT_NE(std::string(e.what()).find("accept_offer rejected in offered: offer_not_expired"), std::string::npos);
    }

    auto sent = begin_candidacy(job_id{7}, freelancer_id{42}).on(event::send_offer{.at = t0, .terms = hourly()});
    ASSERT_TRUE(sent);
    EXPECT_THROW((void)sent.error(), bad_result_access);

    machine m{job_id{7}, freelancer_id{42}};
    verdict const v = m.process(event::submit_proposal{.at = t0});
    try {
        (void)v.error();
        ADD_FAILURE() << "verdict::error() on an accepted event did not throw";
    } catch (bad_result_access const& e) {
        EXPECT_STREQ(e.what(), "hireguard: verdict::error() on an accepted event");
        EXPECT_FALSE(e.why().has_value());
    }
}

TEST(Candidacy, ExpiredOfferIsRejectedAndTheCandidacyComesBackUnchanged) {
    auto o = make_offered();
    candidacy_data const before = o.data();
    auto r = std::move(o).on(event::accept_offer{.at = t0 + 2h + std::chrono::days{30}});
    ASSERT_FALSE(r.accepted());
    EXPECT_EQ(r.error().rule, rule_ids::offer_not_expired);
    EXPECT_EQ(r.state_name(), "offered");
    auto back = std::move(r).rejection_and_candidacy();
    EXPECT_EQ(back.unchanged.data(), before);
    auto retry = std::move(back.unchanged).on(event::decline_offer{});
    EXPECT_EQ(retry.state_name(), "offer_declined");
}

TEST(Candidacy, InvalidOfferTermsAreRejected) {
    auto c = begin_candidacy(job_id{7}, freelancer_id{42});
    auto r = std::move(c).on(event::send_offer{.at = t0});
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().rule, rule_ids::offer_terms_valid);
    EXPECT_EQ(r.error().message(),
              "send_offer rejected in prospect: offer_terms_valid: an hourly offer needs a rate above $0.00, got "
              "$0.00");
}

TEST(Candidacy, BackwardsTimestampOnAnUnguardedRowThrowsAndLeavesTheCandidacyUsable) {
    auto c = begin_candidacy(job_id{7}, freelancer_id{42});
    auto s = std::move(c).on(event::submit_proposal{.at = t0});
    try {
        (void)std::move(s).on(event::respond{.at = t0 - 1h});
        FAIL() << "expected invalid_event";
    } catch (invalid_event const& ex) {
        EXPECT_EQ(ex.why().rule, rule_ids::timestamps_monotonic);
        EXPECT_EQ(ex.why().kind, rejection_kind::invalid_input);
    }
    EXPECT_EQ(s.data().last_event_at, t0);  // NOLINT(bugprone-use-after-move): unchanged on throw
    auto i = std::move(s).on(event::respond{.at = t0 + 1h});
    EXPECT_EQ(i.state_name(), "interviewing");
}

// Malformed input (the workflow's input rules) throws on every row alike;
// a guarded row's outcome holds only its rules' answers.
TEST(Candidacy, BackwardsTimestampOnAGuardedRowThrowsAsOnAnUnguardedOne) {
    auto o = make_offered();
    candidacy_data const before = o.data();
    try {
        (void)std::move(o).on(event::accept_offer{.at = t0});
        FAIL() << "expected invalid_event";
    } catch (invalid_event const& ex) {
        EXPECT_EQ(ex.why().kind, rejection_kind::invalid_input);
        EXPECT_EQ(ex.why().rule, rule_ids::timestamps_monotonic);
        EXPECT_EQ(ex.why().state, "offered");
    }
    EXPECT_TRUE(o.data() == before);  // NOLINT(bugprone-use-after-move): unchanged on throw
    auto r = std::move(o).on(event::accept_offer{.at = t0 + 3h});
    EXPECT_TRUE(r.is<state::contract_active>());
}

TEST(Candidacy, VisitReachesEveryAlternative) {
    auto o = make_offered();
    auto r = std::move(o).on(event::accept_offer{.at = t0 + 3h});
    std::string name = std::move(r).visit([]<class Alt>(Alt&& alt) -> std::string {
        if constexpr (requires { alt.why; }) {
            return "rejected";
        } else {
            return std::string(alt.state_name());
        }
    });
    EXPECT_EQ(name, "contract_active");
}

}  // namespace
