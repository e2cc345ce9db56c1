// Two host workflows audited through <hireguard/audit/audit.hpp>, as a host
// would declare them.
//
// trial::paid_trial uses only hiring's events, with a rule of the host's own
// (rule_id "my_rule_name"): a freelancer may log a paid trial task while
// interviewing, 120 minutes at most in all.
//
// screening::with_background_check has an event of the host's own with a
// member hiring's events do not have (`report_id`), which the audit keeps
// whole rather than in its 48-byte record.
#ifndef HIREGUARD_TESTS_AUDIT_HOST_WORKFLOWS_HPP
#define HIREGUARD_TESTS_AUDIT_HOST_WORKFLOWS_HPP

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <boost/describe/class.hpp>
#include <boost/mpl/vector.hpp>
#include <boost/msm/front/functor_row.hpp>

#include <hireguard/core/rules.hpp>
#include <hireguard/core/workflow.hpp>
#include <hireguard/hiring/lifecycle.hpp>

namespace trial {

namespace state = hireguard::state;
namespace event = hireguard::event;
namespace actions = hireguard::actions;

inline constexpr std::chrono::minutes longest_trial{120};

// The host's own rule, reported under its own name.
struct trial_within_cap : hireguard::rule<trial_within_cap> {
    static constexpr hireguard::rule_id id{"my_rule_name"};
    template <class Data, class Policy, class Event>
    static std::optional<hireguard::violation> check(Data const& d, Policy const& /*p*/, Event const& e) {
        if (d.minutes_logged + e.minutes <= longest_trial) return std::nullopt;
        return hireguard::violation{id, "a trial is paid for " + std::to_string(longest_trial.count()) +
                                            " minutes at most; this log brings it to " +
                                            std::to_string((d.minutes_logged + e.minutes).count())};
    }
};

struct paid_trial : hireguard::hiring_workflow<> {
    using initial_state = state::prospect;
    using terminal_states = hireguard::type_list<state::declined>;

    template <class S, class E, class T, class A = hireguard::none, class G = hireguard::none>
    using Row = boost::msm::front::Row<S, E, T, A, G>;

    // clang-format off
    using transition_table = boost::mpl::vector<
    //   source               event                   target               action                 guard
    Row< state::prospect,     event::submit_proposal, state::submitted                                             >,
    Row< state::submitted,    event::respond,         state::interviewing                                          >,
    Row< state::interviewing, event::log_work,        state::interviewing, actions::record_work,  trial_within_cap >,
    Row< state::interviewing, event::decline,         state::declined                                              >
    >;
    // clang-format on
};

}  // namespace trial

namespace screening {

namespace state = hireguard::state;
namespace event = hireguard::event;

struct background_check {
    static constexpr std::string_view name = "background_check";
};
struct cleared {
    static constexpr std::string_view name = "cleared";
};

// The host's own event: one member more than any of hiring's.
struct check_cleared {
    static constexpr std::string_view name = "check_cleared";
    std::optional<hireguard::timestamp> at{};
    std::uint64_t report_id = 0;
};
BOOST_DESCRIBE_STRUCT(check_cleared, (), (at, report_id))

struct screened_data : hireguard::candidacy_data {
    std::uint64_t report_id = 0;
    friend bool operator==(screened_data const&, screened_data const&) = default;
};

// A cleared check must cite its screening report.
struct report_cited : hireguard::rule<report_cited> {
    static constexpr hireguard::rule_id id{"report_cited"};
    template <class Data, class Policy, class Event>
    static std::optional<hireguard::violation> check(Data const& /*d*/, Policy const& /*p*/, Event const& e) {
        if (e.report_id != 0) return std::nullopt;
        return hireguard::violation{id, "a cleared check must cite its report"};
    }
};

struct keep_report : hireguard::action<keep_report> {
    template <class Event>
    static void apply(screened_data& d, Event const& e) noexcept {
        d.report_id = e.report_id;
    }
};

struct with_background_check : hireguard::hiring_workflow<screened_data> {
    using initial_state = state::prospect;
    using terminal_states = hireguard::type_list<cleared>;

    template <class S, class E, class T, class A = hireguard::none, class G = hireguard::none>
    using Row = boost::msm::front::Row<S, E, T, A, G>;

    // clang-format off
    using transition_table = boost::mpl::vector<
    //   source             event                   target            action       guard
    Row< state::prospect,   event::submit_proposal, background_check                            >,
    Row< background_check,  check_cleared,          cleared,          keep_report, report_cited >
    >;
    // clang-format on
};

}  // namespace screening

#endif
