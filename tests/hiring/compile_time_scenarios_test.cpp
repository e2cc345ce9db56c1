// Scenarios of docs/domain.md run by the runtime engine inside the compiler:
// each is a constexpr function, checked once by static_assert (so a failure
// stops the build, on g++ and clang++ alike) and once at run time (so that
// both evaluations agree and the test counts). Expected words and figures are
// written by hand from docs/domain.md.
#include <chrono>
#include <string_view>

#include <gtest/gtest.h>

#include <hireguard/hiring/machine.hpp>

namespace {

using namespace hireguard;
using namespace std::chrono_literals;
using std::chrono::days;
using std::chrono::minutes;

constexpr timestamp t0 = utc(std::chrono::year{2026} / 1 / 5);
constexpr offer_terms hourly{.kind = contract_kind::hourly, .hourly_rate = dollars(40)};
constexpr offer_terms fixed{.kind = contract_kind::fixed_price, .first_milestone = dollars(100)};

// A candidacy with an offer sent at t0 (interviewed the hour before).
constexpr machine offered(offer_terms const& terms = hourly) {
    machine m{job_id{7}, freelancer_id{42}};
    (void)m.process(event::invite{.at = t0 - 2h});
    (void)m.process(event::accept_invite{.at = t0 - 1h});
    (void)m.process(event::send_offer{.at = t0, .terms = terms});
    return m;
}

// An offer accepted 31 days after it was sent is rejected by offer_not_expired,
// with the dates in the sentence, and the candidacy stays offered.
constexpr bool an_offer_accepted_31_days_later_has_expired() {
    machine m = offered();
    candidacy_data const before = m.data();
    verdict const v = m.process(event::accept_offer{.at = t0 + days{31}});
    return !v && v.rejected_as(rejection_kind::rule_violated) && v.error().rule == rule_ids::offer_not_expired &&
           v.error().why() == "the offer was sent 2026-01-05 and expired after 30 days, on 2026-02-04" &&
           m.is<state::offered>() && m.data() == before;
}
static_assert(an_offer_accepted_31_days_later_has_expired());

// The last second of the lifetime is still in time.
constexpr bool an_offer_is_acceptable_up_to_its_last_second() {
    machine late = offered();
    machine in_time = offered();
    return !late.process(event::accept_offer{.at = t0 + days{30}}) &&
           in_time.process(event::accept_offer{.at = t0 + days{30} - 1s}) && in_time.is<state::contract_active>();
}
static_assert(an_offer_is_acceptable_up_to_its_last_second());

// The freelancer's question: an active candidacy is not a hire. Work before
// the offer is accepted is an illegal transition, in the domain's words.
constexpr bool work_while_interviewing_is_work_before_hire() {
    machine m{job_id{7}, freelancer_id{42}};
    (void)m.process(event::invite{.at = t0});
    (void)m.process(event::accept_invite{.at = t0 + 1h});
    verdict const v = m.process(event::log_work{.at = t0 + 2h, .minutes = minutes{60}});
    return v.rejected_as(rejection_kind::illegal_transition) && v.error().state == "interviewing" &&
           v.error().event == "log_work" &&
           v.error().why() == "work before hire: a freelancer is hired only when a contract begins" &&
           m.is<state::interviewing>();
}
static_assert(work_while_interviewing_is_work_before_hire());

// Hired on acceptance: the hour counts, the end closes the contract, and no
// work is logged after it.
constexpr bool a_hire_logs_work_until_the_contract_ends() {
    machine m = offered();
    bool const hired = bool(m.process(event::accept_offer{.at = t0 + days{1}}));
    bool const worked = bool(m.process(event::log_work{.at = t0 + days{2}, .minutes = minutes{90}})) &&
                        bool(m.process(event::log_work{.at = t0 + days{3}, .minutes = minutes{30}}));
    bool const ended = bool(m.process(event::end_contract{.at = t0 + days{4}, .by = party::client}));
    verdict const after = m.process(event::log_work{.at = t0 + days{5}, .minutes = minutes{10}});
    return hired && worked && ended && m.is<state::contract_ended>() && m.data().minutes_logged == minutes{120} &&
           m.data().hired_at == t0 + days{1} && after.rejected_as(rejection_kind::illegal_transition);
}
static_assert(a_hire_logs_work_until_the_contract_ends());

// A later start date makes the hire pending; the timer cannot fire early.
constexpr bool a_later_start_is_pending_until_its_date() {
    offer_terms later = hourly;
    later.start_date = t0 + days{10};
    machine m = offered(later);
    bool const pending = bool(m.process(event::accept_offer{.at = t0 + days{1}})) && m.is<state::contract_pending>();
    verdict const early = m.process(event::start_date_reached{.at = t0 + days{2}});
    bool const on_time = bool(m.process(event::start_date_reached{.at = t0 + days{10}}));
    return pending && early.rejected_as(rejection_kind::invalid_input) &&
           early.error().rule == rule_ids::start_date_has_come && on_time && m.is<state::contract_active>();
}
static_assert(a_later_start_is_pending_until_its_date());

// Fixed price: the hire funds the first milestone; it is submitted, approved
// and paid; then work needs a new funded milestone, of at least the minimum.
constexpr bool a_fixed_price_milestone_is_paid_and_the_next_one_funded() {
    machine m = offered(fixed);
    (void)m.process(event::accept_offer{.at = t0 + days{1}});
    verdict const second = m.process(event::fund_milestone{.at = t0 + days{1}, .amount = dollars(250)});
    bool const paid = bool(m.process(event::log_work{.at = t0 + days{2}, .minutes = minutes{60}})) &&
                      bool(m.process(event::submit_milestone{.at = t0 + days{3}})) &&
                      bool(m.process(event::approve_milestone{.at = t0 + days{4}}));
    verdict const unfunded = m.process(event::log_work{.at = t0 + days{5}, .minutes = minutes{60}});
    verdict const too_small = m.process(event::fund_milestone{.at = t0 + days{5}, .amount = cents(499)});
    bool const funded = bool(m.process(event::fund_milestone{.at = t0 + days{5}, .amount = dollars(250)}));
    return second.rejected_as(rejection_kind::rule_violated) && second.error().rule == rule_ids::one_funded_milestone &&
           second.error().why() == "a milestone of $100.00 is already funded and not paid" && paid &&
           m.data().milestones_paid == 1 && m.data().paid == dollars(100) &&
           unfunded.error().rule == rule_ids::work_is_funded && too_small.error().rule == rule_ids::milestone_minimum &&
           too_small.error().why() == "the milestone is $4.99, below the $5.00 minimum" && funded &&
           m.data().milestone == milestone_status::funded && m.data().milestone_amount == dollars(250);
}
static_assert(a_fixed_price_milestone_is_paid_and_the_next_one_funded());

// A timestamp going backwards is invalid input, whatever the row.
constexpr bool a_timestamp_going_backwards_changes_nothing() {
    machine m = offered();
    candidacy_data const before = m.data();
    verdict const v = m.process(event::decline_offer{.at = t0 - 1h});
    return v.rejected_as(rejection_kind::invalid_input) && v.error().rule == rule_ids::timestamps_monotonic &&
           v.error().why() ==
               "the event is dated 2026-01-04T23:00:00Z, before the latest accepted event at 2026-01-05T00:00:00Z" &&
           m.is<state::offered>() && m.data() == before;
}
static_assert(a_timestamp_going_backwards_changes_nothing());

// Events decoded at run time, as a variant, go through the same table.
constexpr bool events_as_a_variant_take_the_same_rows() {
    machine m{job_id{7}, freelancer_id{42}};
    any_event const proposal = event::submit_proposal{.at = t0};
    any_event const work = event::log_work{.at = t0 + 1h, .minutes = minutes{30}};
    return bool(m.process(proposal)) && m.is<state::submitted>() &&
           m.process(work).rejected_as(rejection_kind::illegal_transition);
}
static_assert(events_as_a_variant_take_the_same_rows());

TEST(ScenariosInTheCompiler, GiveTheSameAnswersAtRunTime) {
    EXPECT_TRUE(an_offer_accepted_31_days_later_has_expired());
    EXPECT_TRUE(an_offer_is_acceptable_up_to_its_last_second());
    EXPECT_TRUE(work_while_interviewing_is_work_before_hire());
    EXPECT_TRUE(a_hire_logs_work_until_the_contract_ends());
    EXPECT_TRUE(a_later_start_is_pending_until_its_date());
    EXPECT_TRUE(a_fixed_price_milestone_is_paid_and_the_next_one_funded());
    EXPECT_TRUE(a_timestamp_going_backwards_changes_nothing());
    EXPECT_TRUE(events_as_a_variant_take_the_same_rows());
}

// reason_text, the sentence type that lives in constant expressions.
constexpr bool reason_text_copies_moves_and_joins() {
    reason_text a = "the offer";
    reason_text b = a;
    reason_text c = std::move(a);
    reason_text d;
    d = concat(b, " was sent ", std::string_view("2026-01-05"));
    c = d;
    return a.empty() && b == "the offer" && d == "the offer was sent 2026-01-05" && c == d &&
           std::string_view(d.c_str()) == d.view() && reason_text().c_str()[0] == '\0';
}
static_assert(reason_text_copies_moves_and_joins());

TEST(ReasonText, ReadsAsAStringAtRunTime) {
    EXPECT_TRUE(reason_text_copies_moves_and_joins());
    std::string const s = "built at run time, longer than any small-string buffer";
    reason_text const t = s;
    EXPECT_EQ(t.str(), s);
    EXPECT_EQ(t.view(), s);
    EXPECT_EQ(to_string(money::from_cents(-550)), "-$5.50");
    EXPECT_EQ(to_string(money::from_cents(7)), "$0.07");
    EXPECT_EQ(to_string(utc(std::chrono::year{999} / 3 / 4, 5h + 6min + 7s)), "999-03-04T05:06:07Z");
}

}  // namespace
