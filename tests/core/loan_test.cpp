// The core runs a workflow that has nothing to do with hiring: a loan
// application with its own data, policy, input rule and accepted action. Only
// core headers are included, and the hiring headers are not reachable from
// this target's include path (tests/core/CMakeLists.txt).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>
#include <boost/mpl/vector.hpp>
#include <boost/msm/front/functor_row.hpp>

#include <hireguard/core/candidacy.hpp>
#include <hireguard/core/history.hpp>
#include <hireguard/core/machine.hpp>
#include <hireguard/core/msm_machine.hpp>
#include <hireguard/core/rules.hpp>
#include <hireguard/core/verify.hpp>
#include <hireguard/core/workflow.hpp>

namespace loan {

struct applied {
    static constexpr std::string_view name = "applied";
};
struct approved {
    static constexpr std::string_view name = "approved";
};
struct refused {
    static constexpr std::string_view name = "refused";
};

struct assess {
    static constexpr std::string_view name = "assess";
    std::int64_t amount = 0;
    std::int64_t sequence = 0;
};
struct refuse {
    static constexpr std::string_view name = "refuse";
    std::int64_t sequence = 0;
};

struct data {
    std::uint64_t applicant = 0;
    std::int64_t granted = 0;
    std::int64_t last_sequence = 0;
    friend bool operator==(data const&, data const&) = default;
};

struct policy {
    std::int64_t ceiling = 50'000;
    friend bool operator==(policy const&, policy const&) = default;
};

// A policy that checks itself, found by argument-dependent lookup.
inline std::optional<std::string> policy_problem(policy const& p) {
    if (p.ceiling <= 0) return std::string("ceiling: must be positive");
    return std::nullopt;
}

// Input rule: events arrive in sequence order.
struct in_sequence : hireguard::rule<in_sequence> {
    static constexpr hireguard::rule_id id{"in_sequence", hireguard::rejection_kind::invalid_input};
    template <class Event>
    static constexpr bool holds(data const& d, policy const& /*p*/, Event const& e) noexcept {
        return e.sequence > d.last_sequence;
    }
    template <class Event>
    static hireguard::violation explain(data const& d, policy const& /*p*/, Event const& e) {
        return {id, "event " + std::to_string(e.sequence) + " after " + std::to_string(d.last_sequence)};
    }
};

// A rule on the data and the policy.
struct within_ceiling : hireguard::rule<within_ceiling> {
    static constexpr hireguard::rule_id id{"within_ceiling"};
    static constexpr bool holds(data const& /*d*/, policy const& p, assess const& e) noexcept {
        return e.amount <= p.ceiling;
    }
    static hireguard::violation explain(data const& /*d*/, policy const& p, assess const& e) {
        return {id, std::to_string(e.amount) + " is above the ceiling of " + std::to_string(p.ceiling)};
    }
};

struct grant : hireguard::action<grant> {
    static constexpr void apply(data& d, assess const& e) noexcept { d.granted = e.amount; }
};
struct note_sequence : hireguard::action<note_sequence> {
    template <class Event>
    static constexpr void apply(data& d, Event const& e) noexcept {
        d.last_sequence = e.sequence;
    }
};

struct workflow {
    using initial_state = applied;
    using terminal_states = hireguard::type_list<approved, refused>;
    using data_type = data;
    using policy_type = policy;
    using input_rules = hireguard::type_list<in_sequence>;
    using accepted_action = note_sequence;
    using transition_table =
        boost::mpl::vector<boost::msm::front::Row<applied, assess, approved, grant, within_ceiling>,
                           boost::msm::front::Row<applied, refuse, refused, hireguard::none, hireguard::none>>;
};

static_assert(hireguard::verify::check<hireguard::verify::structure<workflow>>);
static_assert(std::is_same_v<hireguard::data_t<workflow>, data>);
static_assert(std::is_same_v<hireguard::policy_t<workflow>, policy>);

}  // namespace loan

namespace {

using namespace hireguard;

template <class Machine>
void runs_the_loan_workflow() {
    Machine m{loan::data{.applicant = 7}};
    verdict v = m.process(loan::assess{.amount = 90'000, .sequence = 1});
    ASSERT_FALSE(v);
    EXPECT_EQ(v.error().rule, (rule_id{"within_ceiling"}));
    EXPECT_EQ(v.error().kind, rejection_kind::rule_violated);
    EXPECT_EQ(v.message(), "assess rejected in applied: within_ceiling: 90000 is above the ceiling of 50000");
    EXPECT_TRUE(m.template is<loan::applied>());
    EXPECT_EQ(m.data(), (loan::data{.applicant = 7}));

    v = m.process(loan::assess{.amount = 10'000, .sequence = 0});
    ASSERT_FALSE(v);
    EXPECT_EQ(v.error().rule.name, "in_sequence");
    EXPECT_EQ(v.error().kind, rejection_kind::invalid_input);

    EXPECT_TRUE(m.process(loan::assess{.amount = 10'000, .sequence = 2}));
    EXPECT_TRUE(m.template is<loan::approved>());
    EXPECT_EQ(m.data(), (loan::data{.applicant = 7, .granted = 10'000, .last_sequence = 2}));

    v = m.process(loan::refuse{.sequence = 3});
    ASSERT_FALSE(v);
    EXPECT_EQ(v.error().kind, rejection_kind::illegal_transition);
}

TEST(CoreWorkflow, RunsOnTheFlatDispatchEngine) {
    runs_the_loan_workflow<basic_machine<loan::workflow>>();
}

TEST(CoreWorkflow, RunsOnTheMsmBackEnd) {
    runs_the_loan_workflow<basic_msm_machine<loan::workflow>>();
}

TEST(CoreWorkflow, RunsInTheTypedApi) {
    auto c = begin_candidacy<loan::workflow>(loan::data{.applicant = 7}, loan::policy{.ceiling = 5'000});
    auto r = std::move(c).on(loan::assess{.amount = 6'000, .sequence = 1});
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().rule.name, "within_ceiling");
    auto back = std::move(r).rejection_and_candidacy().unchanged;
    auto ok = std::move(back).on(loan::assess{.amount = 4'000, .sequence = 1}).value();
    EXPECT_EQ(ok.data().granted, 4'000);
    EXPECT_EQ(ok.data().last_sequence, 1);
    static_assert(!can_fire_on<decltype(ok), loan::refuse>, "approved is terminal");
}

TEST(CoreWorkflow, ReplaysAHistory) {
    std::vector<event_variant_t<loan::workflow>> history{loan::assess{.amount = 1, .sequence = 1},
                                                         loan::refuse{.sequence = 2}};
    auto r = replay<loan::workflow>(loan::data{.applicant = 9}, history);
    EXPECT_EQ(r.events, 2U);
    ASSERT_EQ(r.rejections.size(), 1U);
    EXPECT_EQ(r.rejections[0].index, 1U);
    EXPECT_TRUE(r.machine.is<loan::approved>());
}

TEST(CoreWorkflow, ChecksThePolicyWithItsOwnProblemFinder) {
    EXPECT_THROW((basic_machine<loan::workflow>{loan::data{}, loan::policy{.ceiling = 0}}), std::invalid_argument);
}

}  // namespace
