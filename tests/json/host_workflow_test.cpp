// A host's workflow with data and an event of its own (the background check
// of examples/background_check.hpp: `screened_data` adds `report_id` to the
// lifecycle's data, `check_cleared` carries one) through the codecs, with no
// per-field code of the host's: snapshots, encoded event logs, the decoder,
// replay, and the host rule's own name in verdicts and diagrams. The expected JSON is
// written by hand from the example's declarations and docs/persistence.md.
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <hireguard/export/diagram.hpp>
#include <hireguard/json/events.hpp>
#include <hireguard/json/snapshot.hpp>

#include "background_check.hpp"

namespace {

using namespace hireguard;
using namespace std::chrono_literals;
using std::chrono::year;
using W = acme::hiring_with_background_check;
using logged = basic_logged_event<W>;

constexpr timestamp t0 = utc(year{2026} / 4 / 6, 9h);

std::vector<event_variant_t<W>> hire_and_clear() {
    return {
        event::invite{.at = t0},
        event::accept_invite{.at = t0 + 1h},
        event::send_offer{.at = t0 + 2h, .terms = {.kind = contract_kind::hourly, .hourly_rate = dollars(60)}},
        event::accept_offer{.at = t0 + 3h},
        acme::check_cleared{.at = t0 + 5h},  // no report: the host rule refuses it
        acme::check_cleared{.at = t0 + 6h, .report_id = 7742},
        event::log_work{.at = t0 + 7h, .minutes = 60min},
    };
}

basic_machine<W> live_run() {
    basic_machine<W> m{job_id{9}, freelancer_id{6}};
    for (auto const& e : hire_and_clear()) (void)m.process(e);
    return m;
}

TEST(HostWorkflow, TheHostRuleReportsUnderItsOwnName) {
    basic_machine<W> m{job_id{9}, freelancer_id{6}};
    auto const events = hire_and_clear();
    for (std::size_t i = 0; i < 4; ++i) ASSERT_TRUE(m.process(events[i]));
    verdict const v = m.process(events[4]);
    ASSERT_FALSE(v);
    EXPECT_EQ(v.error().rule.name, "report_cited");
    EXPECT_EQ(v.error().kind, rejection_kind::rule_violated);
    EXPECT_EQ(m.state_name(), "background_check");
}

TEST(HostWorkflow, TheDiagramLabelsTheHostRowWithTheHostRule) {
    std::string const dot = to_dot<W>("screened");
    EXPECT_NE(dot.find(R"("background_check" -> "contract_active" [label="check_cleared\n[report_cited]"];)"),
              std::string::npos)
        << dot;
    EXPECT_NE(to_mermaid<W>().find("background_check --> contract_active : check_cleared [report_cited]"),
              std::string::npos);
}

TEST(HostWorkflow, TheHostEventIsEncodedWithItsOwnMember) {
    logged const e{job_id{9}, freelancer_id{6}, acme::check_cleared{.at = t0 + 6h, .report_id = 7742}};
    EXPECT_EQ(encode_event(e),
              R"({"job":9,"freelancer":6,"event":"check_cleared","at":"2026-04-06T15:00:00Z","report_id":7742})");
    logged const back = decode_event<W>(encode_event(e));
    ASSERT_TRUE(std::holds_alternative<acme::check_cleared>(back.event));
    EXPECT_EQ(std::get<acme::check_cleared>(back.event).report_id, 7742U);
    EXPECT_EQ(std::get<acme::check_cleared>(back.event).at, t0 + 6h);
}

TEST(HostWorkflow, TheDecoderReadsTheHostEventLikeDecodeEvent) {
    basic_event_decoder<W> decoder;
    for (std::string_view line : {
             R"({"job": 9, "freelancer": 6, "event": "check_cleared", "report_id": 7742})",
             R"({"job": 9, "freelancer": 6, "event": "check_failed", "at": "2026-04-06T15:00:00Z"})",
             R"({"job": 9, "freelancer": 6, "event": "log_work", "minutes": 30})",
         }) {
        logged const fast = decoder.decode(line);
        logged const slow = decode_event<W>(line);
        EXPECT_EQ(encode_event(fast), encode_event(slow)) << line;
    }
}

TEST(HostWorkflow, TheHostEventsMembersAreRequiredAndKnown) {
    auto field_of = [](std::string_view line) {
        try {
            (void)decode_event<W>(line);
        } catch (json_error const& e) {
            return e.field();
        }
        return std::string("(decoded)");
    };
    EXPECT_EQ(field_of(R"({"job": 9, "freelancer": 6, "event": "check_cleared"})"), "report_id");
    EXPECT_EQ(field_of(R"({"job": 9, "freelancer": 6, "event": "check_cleared", "report_id": -1})"), "report_id");
    EXPECT_EQ(field_of(R"({"job": 9, "freelancer": 6, "event": "check_failed", "report_id": 1})"), "report_id");
    EXPECT_EQ(field_of(R"({"job": 9, "freelancer": 6, "event": "log_work", "minutes": 5, "report_id": 1})"),
              "report_id");
    EXPECT_EQ(field_of(R"({"job": 9, "freelancer": 6, "event": "check_cleared", "report": 1})"), "report");
    // The lifecycle knows no report_id: the same line is not one of its events.
    EXPECT_THROW((void)decode_event(R"({"job": 9, "freelancer": 6, "event": "check_cleared", "report_id": 1})"),
                 json_error);
}

TEST(HostWorkflow, ASnapshotKeepsTheHostsDataAndRestoresIt) {
    basic_machine<W> const m = live_run();
    ASSERT_EQ(m.state_name(), "contract_active");
    ASSERT_EQ(m.data().report_id, 7742U);
    boost::json::object const s = snapshot(m);
    auto const& data = s.at("data").as_object();
    EXPECT_EQ(data.at("report_id"), 7742);
    EXPECT_EQ(data.at("minutes_logged"), 60);
    EXPECT_EQ(data.at("hired_at"), "2026-04-06T12:00:00Z");
    EXPECT_EQ(data.at("started_at"), "2026-04-06T15:00:00Z");
    EXPECT_EQ(data.size(), 16U);  // the lifecycle's fifteen fields, then the host's
    basic_machine<W> const back = restore<W>(std::string_view{snapshot_text(m)});
    EXPECT_EQ(back, m);
    EXPECT_EQ(back.data().report_id, 7742U);
}

TEST(HostWorkflow, RestoreNamesTheHostsFieldAtFault) {
    boost::json::object s = snapshot(live_run());
    auto field_of = [](boost::json::object const& doc) {
        try {
            (void)restore<W>(doc);
        } catch (json_error const& e) {
            return e.field();
        }
        return std::string("(restored)");
    };
    boost::json::object missing = s;
    missing["data"].as_object().erase("report_id");
    EXPECT_EQ(field_of(missing), "data.report_id");
    boost::json::object negative = s;
    negative["data"].as_object()["report_id"] = -3;
    EXPECT_EQ(field_of(negative), "data.report_id");
    boost::json::object unknown = s;
    unknown["data"].as_object()["report"] = 1;
    EXPECT_EQ(field_of(unknown), "data.report");
    boost::json::object minutes = s;
    minutes["data"].as_object()["minutes_logged"] = -1;
    EXPECT_EQ(field_of(minutes), "data.minutes_logged");
    boost::json::object state = s;
    state["state"] = "screening";
    EXPECT_EQ(field_of(state), "state");
}

TEST(HostWorkflow, AReplayOfTheEncodedLogEndsWhereTheLiveRunEnded) {
    std::vector<std::string> lines;
    for (auto const& e : hire_and_clear()) lines.push_back(encode_event(logged{job_id{9}, freelancer_id{6}, e}));
    std::vector<event_variant_t<W>> history;
    basic_event_decoder<W> decoder;
    for (auto const& line : lines) history.push_back(decoder.decode(line).event);
    auto const r = replay<W>(job_id{9}, freelancer_id{6}, history);
    EXPECT_EQ(r.machine, live_run());
    EXPECT_EQ(r.machine.data().report_id, 7742U);
    ASSERT_EQ(r.rejections.size(), 1U);
    EXPECT_EQ(r.rejections[0].index, 4U);
    EXPECT_EQ(r.rejections[0].why.rule.name, "report_cited");
}

}  // namespace
