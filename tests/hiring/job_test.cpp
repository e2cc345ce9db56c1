// Jobs, views, counters, notifications and policy validation, with the
// expectations written by hand from docs/domain.md.
#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include <hireguard/hiring/job.hpp>
#include <hireguard/hiring/notifications.hpp>

#include "scenarios.hpp"

namespace {

using namespace hireguard;
using namespace std::chrono_literals;
using scenarios::t0;
using std::chrono::days;
using std::chrono::hours;

// Every notification, as "kind from->to event".
struct recorder : observer {
    std::vector<std::string> seen;
    std::vector<std::string> messages;
    void notify(notification const& n) override {
        auto const event =
            std::visit([](auto const& e) { return std::string(std::remove_cvref_t<decltype(e)>::name); }, n.event);
        seen.push_back(std::string(to_string(n.kind)) + " " + std::string(n.from) + "->" +
                       std::string(n.machine.state_name()) + " " + event);
        messages.push_back(n.message());
    }
};

struct thrower : observer {
    void notify(notification const& /*n*/) override { throw std::runtime_error("mail server down"); }
};

// Brings freelancer `f` of job `j` to `state` with the scenario's path.
void drive(job& j, freelancer_id f, std::string_view state, offer_terms terms = scenarios::hourly_terms()) {
    for (auto const& e : scenarios::path_to(state, terms)) ASSERT_TRUE(j.process(f, e)) << state;
}

freelancer_id const ann{1};
freelancer_id const bob{2};
freelancer_id const cid{3};

TEST(Notifications, InvitationInterviewOfferHireAndContractEvents) {
    job j{job_id{3}, 1};
    auto const r = std::make_shared<recorder>();
    j.subscribe(r);
    ASSERT_TRUE(j.process(bob, event::invite{.at = t0}));
    ASSERT_TRUE(j.process(bob, event::accept_invite{.at = t0 + 1h}));
    ASSERT_TRUE(j.process(bob, event::send_offer{.at = t0 + 2h, .terms = scenarios::hourly_terms()}));
    ASSERT_TRUE(j.process(bob, event::modify_offer{.at = t0 + 3h, .terms = scenarios::hourly_terms()}));
    ASSERT_TRUE(j.process(bob, event::accept_offer{.at = t0 + 4h}));
    ASSERT_TRUE(j.process(bob, event::log_work{.at = t0 + 5h, .minutes = 30min}));
    ASSERT_TRUE(j.process(bob, event::pause{.at = t0 + 6h}));
    ASSERT_TRUE(j.process(bob, event::resume{.at = t0 + 7h}));
    ASSERT_TRUE(j.process(bob, event::end_contract{.at = t0 + 8h, .by = party::client}));
    ASSERT_TRUE(j.process(bob, event::leave_feedback{.at = t0 + 9h, .by = party::client}));
    std::vector<std::string> const expected = {
        "invitation_received prospect->invited invite",
        "offer_received interviewing->offered send_offer",
        "offer_received offered->offered modify_offer",
        "contract_began offered->contract_active accept_offer",
        "contract_paused contract_active->contract_paused pause",
        "contract_resumed contract_paused->contract_active resume",
        "contract_ended contract_active->contract_ended end_contract",
    };
    EXPECT_EQ(r->seen, expected);
    EXPECT_EQ(r->messages[3], "job 3 / freelancer 2: hired: the contract has begun, work may start");
}

TEST(Notifications, ProposalReceivedAndDeclined) {
    job j{job_id{3}, 1};
    auto const r = std::make_shared<recorder>();
    j.subscribe(r);
    ASSERT_TRUE(j.process(ann, event::submit_proposal{.at = t0}));
    ASSERT_TRUE(j.process(ann, event::decline{.at = t0 + 1h}));
    EXPECT_EQ(r->seen, (std::vector<std::string>{"proposal_received prospect->submitted submit_proposal",
                                                 "proposal_declined submitted->declined decline"}));
}

TEST(Notifications, PendingContractSaysHiredButNotBegunThenBegins) {
    job j{job_id{3}, 1};
    auto const r = std::make_shared<recorder>();
    drive(j, ann, "offered", scenarios::later_start_terms());
    j.subscribe(r);
    ASSERT_TRUE(j.process(ann, event::accept_offer{.at = t0 + days{1}}));
    ASSERT_TRUE(j.process(ann, event::start_date_reached{.at = t0 + days{10}}));
    EXPECT_EQ(r->seen,
              (std::vector<std::string>{"hired_not_started offered->contract_pending accept_offer",
                                        "contract_began contract_pending->contract_active start_date_reached"}));
    EXPECT_EQ(r->messages[0],
              "job 3 / freelancer 1: hired; the contract has not begun: no work before its start date, 2026-01-15");
}

TEST(Notifications, MilestoneSubmitted) {
    job j{job_id{3}, 1};
    auto const r = std::make_shared<recorder>();
    drive(j, ann, "contract_active", scenarios::fixed_terms());
    j.subscribe(r);
    ASSERT_TRUE(j.process(ann, event::log_work{.at = t0 + days{1}, .minutes = 60min}));
    ASSERT_TRUE(j.process(ann, event::submit_milestone{.at = t0 + days{2}}));
    ASSERT_TRUE(j.process(ann, event::approve_milestone{.at = t0 + days{3}}));
    EXPECT_EQ(r->seen,
              (std::vector<std::string>{"milestone_submitted contract_active->contract_active submit_milestone"}));
}

TEST(Notifications, RejectedEventsAndUnlistedTransitionsAreSilent) {
    job j{job_id{3}, 1};
    auto const r = std::make_shared<recorder>();
    j.subscribe(r);
    ASSERT_TRUE(j.process(ann, event::submit_proposal{.at = t0}));
    EXPECT_FALSE(j.process(ann, event::log_work{.at = t0 + 1h, .minutes = 10min}));
    ASSERT_TRUE(j.process(ann, event::respond{.at = t0 + 2h}));
    ASSERT_TRUE(j.process(ann, event::withdraw{.at = t0 + 3h}));
    EXPECT_EQ(r->seen.size(), 1U);
    j.unsubscribe(*r);
    ASSERT_TRUE(j.process(bob, event::invite{.at = t0}));
    EXPECT_EQ(r->seen.size(), 1U);
}

TEST(Notifications, ObserverThatThrowsLeavesTheTransitionApplied) {
    job j{job_id{3}, 1};
    auto const t = std::make_shared<thrower>();
    auto const after = std::make_shared<recorder>();
    drive(j, ann, "offered");
    j.subscribe(t);
    j.subscribe(after);
    EXPECT_THROW((void)j.process(ann, event::accept_offer{.at = t0 + days{1}}), std::runtime_error);
    // Applied in full: hired, the data written, counted as a hire.
    ASSERT_NE(j.find(ann), nullptr);
    EXPECT_TRUE(j.find(ann)->is<state::contract_active>());
    EXPECT_EQ(j.find(ann)->data().hired_at, t0 + days{1});
    EXPECT_EQ(j.hires(), 1U);
    // Observers after the throwing one were not told.
    EXPECT_TRUE(after->seen.empty());
}

TEST(Notifications, SingleMachineThroughProcessWithObserver) {
    machine m{job_id{9}, freelancer_id{8}};
    auto const r = std::make_shared<recorder>();
    ASSERT_TRUE(hireguard::process(m, event::submit_proposal{.at = t0}, *r));
    any_event const respond = event::respond{.at = t0 + 1h};
    ASSERT_TRUE(hireguard::process(m, respond, *r));
    EXPECT_FALSE(hireguard::process(m, event::log_work{}, *r));
    EXPECT_EQ(r->seen, (std::vector<std::string>{"proposal_received prospect->submitted submit_proposal"}));
}

// The job shares its observers' ownership: one dropped by its subscriber
// is still told, never a dangling pointer (run under AddressSanitizer in the
// asan-ubsan preset), until unsubscribed, which lets go of it.
TEST(Observers, AJobKeepsItsObserversAliveUntilUnsubscribed) {
    job j{job_id{3}, 1};
    auto r = std::make_shared<recorder>();
    std::weak_ptr<recorder> const watch = r;
    j.subscribe(r);
    r.reset();
    ASSERT_FALSE(watch.expired());
    ASSERT_TRUE(j.process(ann, event::submit_proposal{.at = t0}));
    EXPECT_EQ(watch.lock()->seen, (std::vector<std::string>{"proposal_received prospect->submitted submit_proposal"}));
    EXPECT_EQ(j.observer_count(), 1U);
    j.unsubscribe(*watch.lock());
    EXPECT_TRUE(watch.expired());
    EXPECT_EQ(j.observer_count(), 0U);
    ASSERT_TRUE(j.process(bob, event::submit_proposal{.at = t0}));
}

TEST(Observers, ANullObserverIsRefusedAndNothingIsSubscribed) {
    job j{job_id{3}, 1};
    EXPECT_THROW(j.subscribe(nullptr), std::invalid_argument);
    EXPECT_EQ(j.observer_count(), 0U);
}

// Observers belong to the job object, not its value. A copy takes the
// candidacies and no observer, so that the copy's events are not told to the
// original's observers; an assigned job keeps its own (reloading a job keeps
// its subscribers); a job move-constructed from another takes its observers.
TEST(Observers, ACopyHasNoObserversAnAssignedJobKeepsItsOwnAMoveTakesThem) {
    job j{job_id{3}, 1};
    auto const r = std::make_shared<recorder>();
    j.subscribe(r);
    ASSERT_TRUE(j.process(ann, event::submit_proposal{.at = t0}));

    job copy = j;
    EXPECT_EQ(copy.observer_count(), 0U);
    EXPECT_EQ(copy.candidacies(), j.candidacies());
    ASSERT_TRUE(copy.process(bob, event::invite{.at = t0}));
    EXPECT_EQ(r->seen.size(), 1U);

    job assigned{job_id{4}, 1};
    auto const other = std::make_shared<recorder>();
    assigned.subscribe(other);
    assigned = j;
    EXPECT_EQ(assigned.id(), job_id{3});
    ASSERT_EQ(assigned.observer_count(), 1U);
    ASSERT_TRUE(assigned.process(bob, event::invite{.at = t0}));
    EXPECT_EQ(other->seen.size(), 1U);
    EXPECT_EQ(r->seen.size(), 1U);
    assigned = job{job_id{5}, 1};
    EXPECT_EQ(assigned.observer_count(), 1U);

    job moved = std::move(j);
    EXPECT_EQ(moved.observer_count(), 1U);
    ASSERT_TRUE(moved.process(cid, event::invite{.at = t0}));
    EXPECT_EQ(r->seen.size(), 2U);
}

TEST(Notifications, KindOfEachEventByHand) {
    EXPECT_EQ(notification_for<event::invite>("invited"), notification_kind::invitation_received);
    EXPECT_EQ(notification_for<event::accept_offer>("contract_active"), notification_kind::contract_began);
    EXPECT_EQ(notification_for<event::accept_offer>("contract_pending"), notification_kind::hired_not_started);
    EXPECT_EQ(notification_for<event::start_date_reached>("contract_active"), notification_kind::contract_began);
    EXPECT_FALSE(notification_for<event::respond>("interviewing"));
    EXPECT_FALSE(notification_for<event::log_work>("contract_active"));
    EXPECT_FALSE(notification_for<event::close_job>("closed"));
}

TEST(Job, FirstAcceptedEventCreatesTheCandidacy) {
    job j{job_id{3}, 2};
    auto v = j.process(ann, event::log_work{.minutes = 10min});
    ASSERT_FALSE(v);
    EXPECT_TRUE(v.rejected_as(rejection_kind::illegal_transition));
    EXPECT_EQ(j.find(ann), nullptr);
    EXPECT_TRUE(j.candidacies().empty());
    ASSERT_TRUE(j.process(ann, event::invite{.at = t0}));
    ASSERT_NE(j.find(ann), nullptr);
    EXPECT_TRUE(j.find(ann)->is<state::invited>());
    EXPECT_EQ(j.find(ann)->data().job, job_id{3});
    EXPECT_EQ(j.find(ann)->data().freelancer, ann);
    EXPECT_EQ(j.candidacies().at(ann).origin, first_contact::invitation);
}

TEST(Job, CloseJobCascadesToCandidaciesNotHiredAndKeepsContracts) {
    job j{job_id{3}, 3};
    std::vector<std::pair<freelancer_id, std::string>> const before = {
        {freelancer_id{1}, "invited"},  {freelancer_id{2}, "submitted"},       {freelancer_id{3}, "interviewing"},
        {freelancer_id{4}, "offered"},  {freelancer_id{5}, "contract_active"}, {freelancer_id{6}, "contract_pending"},
        {freelancer_id{7}, "declined"}, {freelancer_id{8}, "contract_ended"},
    };
    for (auto const& [f, s] : before) drive(j, f, s);
    ASSERT_TRUE(j.close(event::close_job{.at = t0 + days{2}}));
    std::vector<std::pair<freelancer_id, std::string>> const after = {
        {freelancer_id{1}, "closed"},   {freelancer_id{2}, "closed"},          {freelancer_id{3}, "closed"},
        {freelancer_id{4}, "closed"},   {freelancer_id{5}, "contract_active"}, {freelancer_id{6}, "contract_pending"},
        {freelancer_id{7}, "declined"}, {freelancer_id{8}, "contract_ended"},
    };
    for (auto const& [f, s] : after) EXPECT_EQ(j.find(f)->state_name(), s) << f.value();
    EXPECT_FALSE(j.is_open());
    EXPECT_EQ(j.closed_at(), t0 + days{2});
    // Contracts keep running.
    EXPECT_TRUE(j.process(freelancer_id{5}, event::log_work{.at = t0 + days{3}, .minutes = 45min}));
    // No new candidacies, and no second closing.
    auto fresh = j.process(freelancer_id{9}, event::submit_proposal{.at = t0 + days{3}});
    ASSERT_FALSE(fresh);
    EXPECT_EQ(fresh.error().rule, rule_ids::job_open);
    EXPECT_EQ(fresh.error().kind, rejection_kind::rule_violated);
    EXPECT_EQ(fresh.message(),
              "submit_proposal rejected in prospect: job_open: job 3 is closed since 2026-01-07: it takes no new "
              "candidacies");
    EXPECT_EQ(j.find(freelancer_id{9}), nullptr);
    auto again = j.close(event::close_job{.at = t0 + days{4}});
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().rule, rule_ids::job_open);
}

TEST(Job, CloseIsAllOrNothing) {
    job j{job_id{3}, 1};
    drive(j, ann, "submitted");
    drive(j, bob, "interviewing");
    ASSERT_TRUE(j.process(bob, event::send_offer{.at = t0 + days{5}, .terms = scenarios::hourly_terms()}));
    auto const snapshot = j.candidacies();
    // Dated before bob's offer: bob's candidacy rejects it, so ann's is not closed either.
    auto v = j.close(event::close_job{.at = t0 + days{1}});
    ASSERT_FALSE(v);
    EXPECT_EQ(v.error().rule, rule_ids::timestamps_monotonic);
    EXPECT_TRUE(j.is_open());
    EXPECT_EQ(j.candidacies(), snapshot);
    EXPECT_TRUE(j.find(ann)->is<state::submitted>());
}

TEST(Job, CloseJobForOneFreelancerIsRefused) {
    job j{job_id{3}, 1};
    drive(j, ann, "submitted");
    auto v = j.process(ann, event::close_job{.at = t0 + days{1}});
    ASSERT_FALSE(v);
    EXPECT_EQ(v.error().rule, rule_ids::whole_job_event);
    EXPECT_EQ(v.error().kind, rejection_kind::invalid_input);
    any_event const e = event::close_job{};
    EXPECT_FALSE(j.process(ann, e));
    EXPECT_TRUE(j.find(ann)->is<state::submitted>());
    EXPECT_TRUE(j.is_open());
}

TEST(Job, OpeningsCapTheHiresWhenThePolicySaysSo) {
    job j{job_id{4}, 1};
    drive(j, ann, "offered");
    drive(j, bob, "offered", scenarios::later_start_terms());
    ASSERT_TRUE(j.process(bob, event::accept_offer{.at = t0 + days{1}}));  // pending counts as a hire
    EXPECT_EQ(j.hires(), 1U);
    auto const before = *j.find(ann);
    auto v = j.process(ann, event::accept_offer{.at = t0 + days{1}});
    ASSERT_FALSE(v);
    EXPECT_EQ(v.error().rule, rule_ids::hires_within_openings);
    EXPECT_EQ(v.message(),
              "accept_offer rejected in offered: hires_within_openings: job 4 has 1 opening and 1 hire already");
    EXPECT_TRUE(j.find(ann)->is<state::offered>());
    EXPECT_EQ(j.find(ann)->data(), before.data());
    EXPECT_EQ(j.hires(), 1U);
    // Once bob's contract ends it still counts: the opening was filled.
    ASSERT_TRUE(j.process(bob, event::end_contract{.at = t0 + days{2}, .by = party::client}));
    EXPECT_FALSE(j.process(ann, event::accept_offer{.at = t0 + days{2}}));
}

TEST(Job, WithoutTheCapEveryOfferMayBeAccepted) {
    job j{job_id{4}, 1, policy{.cap_hires_at_openings = false}};
    drive(j, ann, "contract_active");
    drive(j, bob, "contract_active");
    EXPECT_EQ(j.hires(), 2U);
}

TEST(Job, TwoOpeningsTakeTwoHires) {
    job j{job_id{4}, 2};
    drive(j, ann, "contract_active");
    drive(j, bob, "contract_active");
    drive(j, cid, "offered");
    EXPECT_FALSE(j.process(cid, event::accept_offer{.at = t0 + days{1}}));
    EXPECT_EQ(j.activity().hires, 2U);
}

TEST(Job, ClientActivityCountsByHand) {
    job j{job_id{5}, 5};
    drive(j, freelancer_id{1}, "submitted");        // proposal
    drive(j, freelancer_id{2}, "interviewing");     // proposal, interviewing
    drive(j, freelancer_id{3}, "invited");          // invite, unanswered
    drive(j, freelancer_id{4}, "invite_declined");  // invite
    drive(j, freelancer_id{5}, "offered");          // proposal, offer
    drive(j, freelancer_id{6}, "contract_active");  // proposal, hire
    drive(j, freelancer_id{7}, "contract_ended");   // proposal, hire
    drive(j, freelancer_id{8}, "withdrawn");        // proposal
    ASSERT_TRUE(j.process(freelancer_id{9}, event::invite{.at = t0}));
    ASSERT_TRUE(j.process(freelancer_id{9}, event::accept_invite{.at = t0 + 1h}));  // invite, interviewing
    client_activity const expected{
        .proposals = 6, .interviewing = 2, .invites_sent = 3, .unanswered_invites = 1, .offers = 1, .hires = 2};
    EXPECT_EQ(j.activity(), expected);
    EXPECT_EQ(j.in(view::active_candidacies), (std::vector<freelancer_id>{freelancer_id{2}, freelancer_id{9}}));
    EXPECT_EQ(j.in(view::my_jobs), (std::vector<freelancer_id>{freelancer_id{6}}));
    EXPECT_EQ(j.in(view::archive), (std::vector<freelancer_id>{freelancer_id{4}, freelancer_id{8}}));
}

TEST(Views, OneFreelancerAcrossJobs) {
    // Freelancer 42 in one state per job; job ids say the state.
    freelancer_id const me{42};
    std::vector<std::pair<std::uint64_t, std::string>> const plan = {
        {1, "invited"},          {2, "submitted"},       {3, "interviewing"},     {4, "offered"},
        {5, "contract_pending"}, {6, "contract_active"}, {7, "contract_paused"},  {8, "contract_ended"},
        {9, "declined"},         {10, "withdrawn"},      {11, "invite_declined"}, {12, "invite_withdrawn"},
        {13, "offer_declined"},  {14, "interviewing"},
    };
    std::vector<job> jobs;
    for (auto const& [id, s] : plan) {
        jobs.emplace_back(job_id{id}, 1);
        drive(jobs.back(), me, s);
        drive(jobs.back(), freelancer_id{7}, "invited");  // someone else, in every job
    }
    jobs.emplace_back(job_id{15}, 1);
    drive(jobs.back(), me, "submitted");
    ASSERT_TRUE(jobs.back().close(event::close_job{.at = t0 + days{1}}));
    jobs.emplace_back(job_id{16}, 1);  // no candidacy of mine

    auto ids = [&](view v) {
        std::vector<std::uint64_t> out;
        for (auto const* m : freelancer_view(jobs, me, v)) out.push_back(m->data().job.value());
        return out;
    };
    EXPECT_EQ(ids(view::invitations_to_interview), (std::vector<std::uint64_t>{1}));
    EXPECT_EQ(ids(view::sent_job_applications), (std::vector<std::uint64_t>{2}));
    EXPECT_EQ(ids(view::active_candidacies), (std::vector<std::uint64_t>{3, 14}));
    EXPECT_EQ(ids(view::offers), (std::vector<std::uint64_t>{4}));
    EXPECT_EQ(ids(view::my_jobs), (std::vector<std::uint64_t>{5, 6, 7}));
    EXPECT_EQ(ids(view::archive), (std::vector<std::uint64_t>{9, 10, 11, 12, 13, 15}));
    // The founding question: an active candidacy is not a hire.
    for (auto const* m : freelancer_view(jobs, me, view::active_candidacies)) EXPECT_FALSE(is_hired(*m));
    for (auto const* m : freelancer_view(jobs, me, view::my_jobs)) EXPECT_TRUE(is_hired(*m));
}

TEST(Job, RejectsZeroOpeningsAndInvalidPolicies) {
    EXPECT_THROW(job(job_id{1}, 0), std::invalid_argument);
    EXPECT_THROW(job(job_id{1}, 1, policy{.offer_lifetime = 0s}), std::invalid_argument);
    EXPECT_NO_THROW(job(job_id{1}, 1, policy{.offer_lifetime = 1s}));
}

TEST(Policy, ProblemsNameTheField) {
    EXPECT_FALSE(policy_problem(policy{}));
    EXPECT_EQ(policy_problem(policy{.offer_lifetime = 0s}), "offer_lifetime: must be positive");
    EXPECT_EQ(policy_problem(policy{.offer_lifetime = -1s}), "offer_lifetime: must be positive");
    EXPECT_EQ(policy_problem(policy{.offer_lifetime = days{36526}}),
              "offer_lifetime: must be at most 100 years (36525 days)");
    EXPECT_FALSE(policy_problem(policy{.offer_lifetime = days{36525}}));
    EXPECT_EQ(policy_problem(policy{.offer_lifetime = std::chrono::seconds::max()}),
              "offer_lifetime: must be at most 100 years (36525 days)");
    EXPECT_EQ(policy_problem(policy{.feedback_window = 0s}), "feedback_window: must be positive");
    EXPECT_EQ(policy_problem(policy{.minimum_milestone = cents(0)}), "minimum_milestone: must be positive");
    EXPECT_EQ(policy_problem(policy{.minimum_milestone = cents(-500)}), "minimum_milestone: must be positive");
    EXPECT_EQ(policy_problem(policy{.minimum_milestone = dollars(1'000'001)}),
              "minimum_milestone: must be at most $1000000.00");
    try {
        (void)validated(policy{.feedback_window = -days{1}});
        ADD_FAILURE() << "no exception";
    } catch (std::invalid_argument const& e) {
        EXPECT_STREQ(e.what(), "hireguard: invalid policy: feedback_window: must be positive");
    }
}

TEST(Job, FromPartsChecksThatThePartsAgree) {
    job j{job_id{3}, 1};
    drive(j, ann, "interviewing");
    auto parts = j.candidacies();
    EXPECT_NO_THROW((void)job::from_parts(job_id{3}, 1, policy{}, true, std::nullopt, parts));
    EXPECT_THROW((void)job::from_parts(job_id{4}, 1, policy{}, true, std::nullopt, parts), std::invalid_argument);
    EXPECT_THROW((void)job::from_parts(job_id{3}, 1, policy{.offer_lifetime = days{7}}, true, std::nullopt, parts),
                 std::invalid_argument);
    auto rekeyed = parts;
    rekeyed.emplace(bob, rekeyed.at(ann));
    EXPECT_THROW((void)job::from_parts(job_id{3}, 1, policy{}, true, std::nullopt, rekeyed), std::invalid_argument);
    ASSERT_TRUE(j.close(event::close_job{.at = t0 + days{1}}));
    EXPECT_THROW((void)job::from_parts(job_id{3}, 1, policy{}, true, std::nullopt, j.candidacies()),
                 std::invalid_argument);
    auto const closed = job::from_parts(job_id{3}, 1, policy{}, false, t0 + days{1}, j.candidacies());
    EXPECT_FALSE(closed.is_open());
    EXPECT_EQ(closed.candidacies(), j.candidacies());
}

}  // namespace
