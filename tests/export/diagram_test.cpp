// The exporters of <hireguard/export/diagram.hpp>, against text written by hand: a
// toy workflow's exact DOT, Mermaid and JSON; guard labels of every shape;
// escaping; and the canonical lifecycle's JSON, parsed with Boost.JSON and
// checked row by row against docs/domain.md.
#include <algorithm>
#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include <gtest/gtest.h>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <boost/mpl/vector.hpp>
#include <boost/msm/front/functor_row.hpp>

#include <hireguard/export/diagram.hpp>
#include <hireguard/hiring/lifecycle.hpp>

#include "../workflows.hpp"

namespace toy {

using boost::msm::front::Row;
using hireguard::none;

struct draft {
    static constexpr std::string_view name = "draft";
};
struct live {
    static constexpr std::string_view name = "live";
};
struct gone {
    static constexpr std::string_view name = "gone";
};
struct publish {
    static constexpr std::string_view name = "publish";
    std::optional<hireguard::timestamp> at{};
};
struct edit {
    static constexpr std::string_view name = "edit";
    std::optional<hireguard::timestamp> at{};
};
struct fix_typo {
    static constexpr std::string_view name = "fix_typo";
    std::optional<hireguard::timestamp> at{};
};
struct retire {
    static constexpr std::string_view name = "retire";
    std::optional<hireguard::timestamp> at{};
};

// A host's own rules name themselves, as examples/background_check.cpp's does.
struct always_holds {
    template <class D, class P, class Event>
    static std::optional<hireguard::violation> check(D const&, P const&, Event const&) {
        return std::nullopt;
    }
};
struct two_reviewers : hireguard::rule<two_reviewers>, always_holds {
    static constexpr hireguard::rule_id id{"two_reviewers"};
};
struct spell_checked : hireguard::rule<spell_checked>, always_holds {
    static constexpr hireguard::rule_id id{"spell_checked"};
};
struct legal_approved : hireguard::rule<legal_approved>, always_holds {
    static constexpr hireguard::rule_id id{"legal_approved"};
};
struct embargo_over : hireguard::rule<embargo_over>, always_holds {
    static constexpr hireguard::rule_id id{"embargo_over"};
};

// A guard that is a functor and names nothing.
struct anonymous : hireguard::rule<anonymous>, always_holds {};

struct articles {
    using initial_state = draft;
    using terminal_states = hireguard::type_list<gone>;
    using hired_states = hireguard::type_list<live>;
    using transition_table =
        boost::mpl::vector<Row<draft, publish, live, none, two_reviewers>, Row<live, edit, live>,
                           Row<live, fix_typo, live>, Row<live, retire, gone>, Row<draft, retire, gone>>;
};

// Names that need escaping in every format.
struct quoted {
    static constexpr std::string_view name = "say \"hi\"\\";
};
struct tabbed {
    static constexpr std::string_view name = "tab\there";
};
struct odd_names {
    using initial_state = quoted;
    using terminal_states = hireguard::type_list<tabbed>;
    using transition_table = boost::mpl::vector<Row<quoted, retire, tabbed, none, anonymous>>;
};

// A state named like the DOT start marker.
struct start_marker {
    static constexpr std::string_view name = "__start";
};
struct clashing {
    using initial_state = start_marker;
    using terminal_states = hireguard::type_list<gone>;
    using transition_table = boost::mpl::vector<Row<start_marker, retire, gone>>;
};

}  // namespace toy

namespace {

TEST(Dot, ToyWorkflowIsExactlyAsWrittenByHand) {
    EXPECT_EQ(hireguard::to_dot<toy::articles>("toy"),
              R"(digraph "toy" {
    rankdir=TB;
    node [shape=box, style=rounded, fontname="Helvetica", fontsize=11];
    edge [fontname="Helvetica", fontsize=9];
    "__start" [shape=point, width=0.12, label=""];
    "draft" [penwidth=2];
    "live" [style="rounded,filled", fillcolor="#c8e6c9", color="#2e7d32"];
    "gone" [style="rounded,filled", fillcolor="#eeeeee", color="#757575", fontcolor="#616161", peripheries=2];
    "__start" -> "draft";
    "draft" -> "live" [label="publish\n[two_reviewers]"];
    "live" -> "live" [label="edit\nfix_typo"];
    "live" -> "gone" [label="retire"];
    "draft" -> "gone" [label="retire"];
}
)");
}

TEST(Dot, GraphNameDefaultsToWorkflow) {
    EXPECT_EQ(hireguard::to_dot<toy::articles>().substr(0, 21), "digraph \"workflow\" {\n");
}

TEST(Dot, StartMarkerNeverClashesWithAState) {
    std::string const dot = hireguard::to_dot<toy::clashing>();
    EXPECT_NE(dot.find("    \"__start_\" [shape=point"), std::string::npos) << dot;
    EXPECT_NE(dot.find("    \"__start_\" -> \"__start\";\n"), std::string::npos) << dot;
}

TEST(Dot, QuotesAndBackslashesAreEscaped) {
    std::string const dot = hireguard::to_dot<toy::odd_names>();
    EXPECT_NE(dot.find(R"(    "say \"hi\"\\" [penwidth=2];)"), std::string::npos) << dot;
    EXPECT_NE(dot.find("    \"say \\\"hi\\\"\\\\\" -> \"tab\there\" [label=\"retire\\n[unnamed_rule]\"];\n"),
              std::string::npos)
        << dot;
}

TEST(Mermaid, ToyWorkflowIsExactlyAsWrittenByHand) {
    EXPECT_EQ(hireguard::to_mermaid<toy::articles>(),
              R"(stateDiagram-v2
    classDef hired fill:#c8e6c9,stroke:#2e7d32,color:#1b5e20
    classDef terminal fill:#eeeeee,stroke:#757575,stroke-width:3px,color:#616161
    [*] --> draft
    draft --> live : publish [two_reviewers]
    live --> live : edit
    live --> live : fix_typo
    live --> gone : retire
    draft --> gone : retire
    gone --> [*]
    class live hired
    class gone terminal
)");
}

TEST(Mermaid, NamesThatAreNotIdentifiersGetAnId) {
    EXPECT_EQ(hireguard::to_mermaid<toy::odd_names>(),
              R"(stateDiagram-v2
    classDef hired fill:#c8e6c9,stroke:#2e7d32,color:#1b5e20
    classDef terminal fill:#eeeeee,stroke:#757575,stroke-width:3px,color:#616161
    state "say 'hi'\" as s0
    state "tab here" as s1
    [*] --> s0
    s0 --> s1 : retire [unnamed_rule]
    s1 --> [*]
    class s1 terminal
)");
}

TEST(Json, ToyWorkflowIsExactlyAsWrittenByHand) {
    EXPECT_EQ(hireguard::to_json<toy::articles>(),
              R"({
  "initial": "draft",
  "states": [
    {"name": "draft", "kind": "initial", "hired": false, "terminal": false, "absorbing": false},
    {"name": "live", "kind": "hired", "hired": true, "terminal": false, "absorbing": false},
    {"name": "gone", "kind": "terminal", "hired": false, "terminal": true, "absorbing": true}
  ],
  "events": [
    "publish",
    "edit",
    "fix_typo",
    "retire"
  ],
  "rows": [
    {"from": "draft", "event": "publish", "to": "live", "guard": "two_reviewers", "rules": ["two_reviewers"]},
    {"from": "live", "event": "edit", "to": "live", "guard": null, "rules": []},
    {"from": "live", "event": "fix_typo", "to": "live", "guard": null, "rules": []},
    {"from": "live", "event": "retire", "to": "gone", "guard": null, "rules": []},
    {"from": "draft", "event": "retire", "to": "gone", "guard": null, "rules": []}
  ]
}
)");
}

TEST(Json, EscapedNamesParseBackToThemselves) {
    std::string const text = hireguard::to_json<toy::odd_names>();
    EXPECT_NE(text.find(R"("initial": "say \"hi\"\\")"), std::string::npos) << text;
    EXPECT_NE(text.find(R"("to": "tab\there")"), std::string::npos) << text;
    boost::json::value const v = boost::json::parse(text);
    EXPECT_EQ(v.at("initial").as_string(), "say \"hi\"\\");
    EXPECT_EQ(v.at("states").at(1).at("name").as_string(), "tab\there");
    EXPECT_EQ(v.at("rows").at(0).at("guard").as_string(), "unnamed_rule");
}

TEST(GuardName, ReadsRulesAndCombinators) {
    using namespace toy;
    using hireguard::all_of;
    using hireguard::any_of;
    using hireguard::not_;
    EXPECT_EQ(hireguard::guard_name<hireguard::none>(), "");
    EXPECT_EQ(hireguard::guard_name<two_reviewers>(), "two_reviewers");
    EXPECT_EQ(hireguard::guard_name<all_of<two_reviewers>>(), "two_reviewers");
    EXPECT_EQ((hireguard::guard_name<all_of<two_reviewers, spell_checked>>()), "two_reviewers && spell_checked");
    EXPECT_EQ((hireguard::guard_name<all_of<two_reviewers, any_of<spell_checked, legal_approved>>>()),
              "two_reviewers && (spell_checked || legal_approved)");
    EXPECT_EQ((hireguard::guard_name<any_of<all_of<two_reviewers, spell_checked>, not_<legal_approved>>>()),
              "(two_reviewers && spell_checked) || !legal_approved");
    EXPECT_EQ((hireguard::guard_name<not_<all_of<two_reviewers, embargo_over>>>()), "!(two_reviewers && embargo_over)");
    EXPECT_EQ((hireguard::guard_name<all_of<all_of<two_reviewers, spell_checked>, embargo_over>>()),
              "two_reviewers && spell_checked && embargo_over");
    EXPECT_EQ(hireguard::guard_name<anonymous>(), "unnamed_rule");
}

TEST(GuardName, ReadsTheLifecyclesGuards) {
    EXPECT_EQ(hireguard::guard_name<hireguard::guards::valid_offer>(), "offer_terms_valid");
    EXPECT_EQ(hireguard::guard_name<hireguard::guards::accept_before_start>(),
              "offer_not_expired && start_date_after_acceptance");
}

TEST(GuardRules, ListsTheRulesInOrder) {
    using namespace toy;
    using hireguard::all_of;
    using hireguard::any_of;
    using hireguard::not_;
    EXPECT_TRUE(hireguard::guard_rules<hireguard::none>().empty());
    EXPECT_EQ((hireguard::guard_rules<any_of<all_of<two_reviewers, spell_checked>, not_<legal_approved>>>()),
              (std::vector<std::string_view>{"two_reviewers", "spell_checked", "legal_approved"}));
}

TEST(Describe, ReadsKindsGuardsAndIndices) {
    hireguard::diagram const d = hireguard::describe<toy::articles>();
    ASSERT_EQ(d.states.size(), 3U);
    EXPECT_EQ(d.states[0].name, "draft");
    EXPECT_EQ(d.states[0].kind(), hireguard::state_kind::initial);
    EXPECT_FALSE(d.states[0].absorbing);
    EXPECT_EQ(d.states[1].kind(), hireguard::state_kind::hired);
    EXPECT_FALSE(d.states[1].absorbing);
    EXPECT_EQ(d.states[2].kind(), hireguard::state_kind::terminal);
    EXPECT_TRUE(d.states[2].absorbing);
    EXPECT_EQ(d.events, (std::vector<std::string_view>{"publish", "edit", "fix_typo", "retire"}));
    ASSERT_EQ(d.rows.size(), 5U);
    EXPECT_EQ(std::tie(d.rows[0].from, d.rows[0].event, d.rows[0].to), std::make_tuple(0U, 0U, 1U));
    EXPECT_EQ(d.rows[0].guard, "two_reviewers");
    EXPECT_EQ(d.rows[4].from, 0U);
    EXPECT_EQ(d.rows[4].to, 2U);
    EXPECT_TRUE(d.rows[4].guard.empty());
    EXPECT_TRUE(d.rows[4].rules.empty());
    EXPECT_EQ(hireguard::to_dot(d, "toy"), hireguard::to_dot<toy::articles>("toy"));
}

TEST(StateKind, NamesAsTheJsonWritesThem) {
    EXPECT_EQ(hireguard::to_string(hireguard::state_kind::initial), "initial");
    EXPECT_EQ(hireguard::to_string(hireguard::state_kind::open), "open");
    EXPECT_EQ(hireguard::to_string(hireguard::state_kind::hired), "hired");
    EXPECT_EQ(hireguard::to_string(hireguard::state_kind::terminal), "terminal");
}

// docs/domain.md's transition table, copied by hand: from, event, to, guard.
struct expected_row {
    std::string_view from, event, to, guard;
};
constexpr expected_row domain_rows[] = {
    {"prospect", "invite", "invited", ""},
    {"prospect", "submit_proposal", "submitted", ""},
    {"prospect", "send_offer", "offered", "offer_terms_valid"},
    {"prospect", "close_job", "closed", ""},
    {"invited", "accept_invite", "interviewing", ""},
    {"invited", "decline_invite", "invite_declined", ""},
    {"invited", "withdraw_invite", "invite_withdrawn", ""},
    {"invited", "send_offer", "offered", "offer_terms_valid"},
    {"invited", "close_job", "closed", ""},
    {"submitted", "respond", "interviewing", ""},
    {"submitted", "decline", "declined", ""},
    {"submitted", "withdraw", "withdrawn", ""},
    {"submitted", "send_offer", "offered", "offer_terms_valid"},
    {"submitted", "close_job", "closed", ""},
    {"interviewing", "decline", "declined", ""},
    {"interviewing", "withdraw", "withdrawn", ""},
    {"interviewing", "send_offer", "offered", "offer_terms_valid"},
    {"interviewing", "close_job", "closed", ""},
    {"offered", "modify_offer", "offered", "offer_terms_valid"},
    {"offered", "withdraw_offer", "interviewing", ""},
    {"offered", "offer_expired", "interviewing", ""},
    {"offered", "decline_offer", "offer_declined", ""},
    {"offered", "accept_offer", "contract_active", "offer_not_expired && start_date_not_after_acceptance"},
    {"offered", "accept_offer", "contract_pending", "offer_not_expired && start_date_after_acceptance"},
    {"offered", "close_job", "closed", ""},
    {"contract_pending", "start_date_reached", "contract_active", ""},
    {"contract_pending", "end_contract", "contract_ended", ""},
    {"contract_active", "log_work", "contract_active", "work_duration_positive && work_is_funded"},
    {"contract_active", "fund_milestone", "contract_active",
     "fixed_price_contract && amount_positive && milestone_minimum && one_funded_milestone"},
    {"contract_active", "submit_milestone", "contract_active", "milestone_funded"},
    {"contract_active", "approve_milestone", "contract_active", "milestone_submitted"},
    {"contract_active", "pause", "contract_paused", ""},
    {"contract_active", "end_contract", "contract_ended", ""},
    {"contract_paused", "resume", "contract_active", ""},
    {"contract_paused", "end_contract", "contract_ended", ""},
    {"contract_ended", "leave_feedback", "contract_ended", "feedback_window_open && feedback_once_per_party"},
};

TEST(Json, LifecycleHasDomainsStatesEventsAndRows) {
    boost::json::value const v = boost::json::parse(hireguard::to_json<hireguard::lifecycle>());
    auto const& states = v.at("states").as_array();
    auto const& events = v.at("events").as_array();
    auto const& rows = v.at("rows").as_array();
    ASSERT_EQ(states.size(), 15U);
    ASSERT_EQ(events.size(), 24U);
    ASSERT_EQ(rows.size(), 36U);
    EXPECT_EQ(v.at("initial").as_string(), "prospect");

    std::set<std::string> event_names;
    for (auto const& e : events) event_names.emplace(e.as_string());
    EXPECT_EQ(event_names,
              (std::set<std::string>{
                  "invite",       "withdraw_invite", "respond",        "decline",           "send_offer",
                  "modify_offer", "withdraw_offer",  "fund_milestone", "approve_milestone", "pause",
                  "resume",       "close_job",       "accept_invite",  "decline_invite",    "submit_proposal",
                  "withdraw",     "decline_offer",   "accept_offer",   "log_work",          "submit_milestone",
                  "end_contract", "leave_feedback",  "offer_expired",  "start_date_reached"}));

    for (std::size_t i = 0; i < rows.size(); ++i) {
        SCOPED_TRACE("row " + std::to_string(i));
        auto const& r = rows[i];
        expected_row const& x = domain_rows[i];
        EXPECT_EQ(r.at("from").as_string(), x.from);
        EXPECT_EQ(r.at("event").as_string(), x.event);
        EXPECT_EQ(r.at("to").as_string(), x.to);
        if (x.guard.empty()) {
            EXPECT_TRUE(r.at("guard").is_null());
            EXPECT_TRUE(r.at("rules").as_array().empty());
        } else {
            EXPECT_EQ(r.at("guard").as_string(), x.guard);
            EXPECT_FALSE(r.at("rules").as_array().empty());
        }
    }
    EXPECT_EQ(rows[27].at("rules").as_array().size(), 2U);
    EXPECT_EQ(rows[27].at("rules").at(1).as_string(), "work_is_funded");
}

TEST(Json, LifecycleStatesHaveTheDomainsKinds) {
    boost::json::value const v = boost::json::parse(hireguard::to_json<hireguard::lifecycle>());
    // name -> {kind, absorbing}, from docs/domain.md's table of states.
    std::vector<std::tuple<std::string, std::string, bool>> const expected = {
        {"prospect", "initial", false},
        {"invited", "open", false},
        {"submitted", "open", false},
        {"interviewing", "open", false},
        {"offered", "open", false},
        {"contract_pending", "hired", false},
        {"contract_active", "hired", false},
        {"contract_paused", "hired", false},
        {"contract_ended", "hired", true},
        {"invite_declined", "terminal", true},
        {"invite_withdrawn", "terminal", true},
        {"declined", "terminal", true},
        {"withdrawn", "terminal", true},
        {"offer_declined", "terminal", true},
        {"closed", "terminal", true},
    };
    auto const& states = v.at("states").as_array();
    ASSERT_EQ(states.size(), expected.size());
    for (auto const& state : expected) {
        std::string const& name = std::get<0>(state);
        std::string const& kind = std::get<1>(state);
        bool const absorbing = std::get<2>(state);
        SCOPED_TRACE(name);
        auto const* s = std::find_if(states.begin(), states.end(),
                                     [&](boost::json::value const& x) { return x.at("name").as_string() == name; });
        ASSERT_NE(s, states.end());
        EXPECT_EQ(s->at("kind").as_string(), kind);
        EXPECT_EQ(s->at("absorbing").as_bool(), absorbing);
        EXPECT_EQ(s->at("hired").as_bool(), kind == "hired");
        EXPECT_EQ(s->at("terminal").as_bool(), kind == "terminal");
    }
}

TEST(Dot, LifecycleStylesGuardsHiredAndTerminalStates) {
    std::string const dot = hireguard::to_dot<hireguard::lifecycle>("lifecycle");
    for (
        std::string_view line : {
            R"(    "prospect" [penwidth=2];)",
            R"(    "__start" -> "prospect";)",
            R"(    "prospect" -> "offered" [label="send_offer\n[offer_terms_valid]"];)",
            R"(    "offered" -> "contract_pending" [label="accept_offer\n[offer_not_expired &&\nstart_date_after_acceptance]"];)",
            R"(    "offered" -> "interviewing" [label="withdraw_offer\noffer_expired"];)",
            R"(    "contract_ended" [style="rounded,filled", fillcolor="#c8e6c9", color="#2e7d32"];)",
            R"(    "closed" [style="rounded,filled", fillcolor="#eeeeee", color="#757575", fontcolor="#616161", peripheries=2];)",
        })
        EXPECT_NE(dot.find(std::string(line) + "\n"), std::string::npos) << line;
    EXPECT_EQ(dot.find("\"interviewing\" -> \"contract_active\""), std::string::npos);
}

TEST(Mermaid, LifecycleLabelsGuardedRows) {
    std::string const mmd = hireguard::to_mermaid<hireguard::lifecycle>();
    for (std::string_view line : {
             "    [*] --> prospect",
             "    offered --> contract_active : accept_offer [offer_not_expired && start_date_not_after_acceptance]",
             "    contract_active --> contract_active : log_work [work_duration_positive && work_is_funded]",
             "    contract_active --> contract_paused : pause",
             "    closed --> [*]",
             "    class contract_active,contract_pending,contract_ended,contract_paused hired",
         })
        EXPECT_NE(mmd.find(std::string(line) + "\n"), std::string::npos) << line;
}

TEST(Exporters, SameTableSameText) {
    EXPECT_EQ(hireguard::to_dot<hireguard::lifecycle>(), hireguard::to_dot<hireguard::lifecycle>());
    EXPECT_EQ(hireguard::to_mermaid<hireguard::lifecycle>(), hireguard::to_mermaid<hireguard::lifecycle>());
    EXPECT_EQ(hireguard::to_json<hireguard::lifecycle>(), hireguard::to_json<hireguard::lifecycle>());
}

TEST(Exporters, ReadTheTestsWorkflows) {
    boost::json::value const diamond = boost::json::parse(hireguard::to_json<workflows::diamond>());
    ASSERT_EQ(diamond.at("rows").as_array().size(), 9U);
    EXPECT_EQ(diamond.at("rows").at(5).at("guard").as_string(), "offer_not_expired && start_date_not_after_acceptance");
    EXPECT_EQ(diamond.at("states").at(0).at("kind").as_string(), "initial");

    // A table longer than MPL's vectors, named as a type_list.
    boost::json::value const pipeline = boost::json::parse(hireguard::to_json<workflows::pipeline>());
    EXPECT_EQ(pipeline.at("states").as_array().size(), 30U);
    EXPECT_EQ(pipeline.at("rows").as_array().size(), 60U);
    EXPECT_EQ(pipeline.at("rows").at(59).at("from").as_string(), "stage_20");
    EXPECT_EQ(pipeline.at("rows").at(59).at("to").as_string(), "stage_29");
    EXPECT_NE(hireguard::to_mermaid<workflows::pipeline>().find("    stage_29 --> [*]\n"), std::string::npos);
}

}  // namespace
