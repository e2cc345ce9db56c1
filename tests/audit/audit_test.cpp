// The audit pipeline on a host's own workflows (host_workflows.hpp): a host
// rule's rejection is reported under the rule's own name, in text and in
// JSON; a clean candidacy gives no report; a host's event is kept whole and
// replayed as it was logged; the command line offers the policy's options.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <deque>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include <hireguard/audit/audit.hpp>
#include <hireguard/hiring/lifecycle.hpp>
#include <hireguard/json/events.hpp>

#include "host_workflows.hpp"

namespace {

namespace audit = hireguard::audit;

static_assert(audit::auditable<hireguard::lifecycle>);
static_assert(audit::auditable<trial::paid_trial>);
static_assert(audit::auditable<screening::with_background_check>);
// Data without a job and a freelancer cannot be audited.
struct no_candidacy_workflow {
    using initial_state = hireguard::state::prospect;
    using terminal_states = hireguard::type_list<>;
    using transition_table = boost::mpl::vector<
        boost::msm::front::Row<hireguard::state::prospect, hireguard::event::invite, hireguard::state::invited>>;
};
static_assert(!audit::auditable<no_candidacy_workflow>);

// The lifecycle's events stay in the 48-byte record; a host's event with a
// member of its own is kept whole.
template <class... Events>
constexpr bool all_inline(std::variant<Events...> const* /*events*/) {
    return (audit::stored_inline_v<Events> && ...);
}
static_assert(all_inline(static_cast<hireguard::any_event const*>(nullptr)));
static_assert(audit::bytes_per_event == 48);
static_assert(!audit::stored_inline_v<screening::check_cleared>);

// Writes `text` to a file of its own and returns its name.
std::string write_log(std::string const& name, std::string const& text) {
    std::string path = ::testing::TempDir() + "hireguard_audit_" + name + ".jsonl";
    std::ofstream(path, std::ios::binary) << text;
    return path;
}

template <class W>
std::string audited(audit::basic_options<W> const& opt, audit::summary& s) {
    std::ostringstream out;
    s = audit::audit_log(opt, out, nullptr);
    return out.str();
}

// Two candidacies, interleaved: job 1 logs 150 minutes of trial, over the
// host's cap, on line 7; job 2 stays within it.
std::string const trial_log = R"({"job":1,"freelancer":1,"event":"submit_proposal","at":"2026-01-05T09:00:00Z"})"
                              "\n"
                              R"({"job":2,"freelancer":7,"event":"submit_proposal","at":"2026-01-05T09:30:00Z"})"
                              "\n"
                              R"({"job":1,"freelancer":1,"event":"respond","at":"2026-01-05T10:00:00Z"})"
                              "\n"
                              R"({"job":2,"freelancer":7,"event":"respond","at":"2026-01-05T10:30:00Z"})"
                              "\n"
                              R"({"job":1,"freelancer":1,"event":"log_work","at":"2026-01-05T11:00:00Z","minutes":90})"
                              "\n"
                              R"({"job":2,"freelancer":7,"event":"log_work","at":"2026-01-05T11:30:00Z","minutes":30})"
                              "\n"
                              R"({"job":1,"freelancer":1,"event":"log_work","at":"2026-01-05T12:00:00Z","minutes":60})"
                              "\n"
                              R"({"job":2,"freelancer":7,"event":"decline","at":"2026-01-05T12:30:00Z"})"
                              "\n";

std::string const trial_report =
    "line 7: job 1 / freelancer 1: log_work rejected in interviewing: my_rule_name: a trial is paid for 120 minutes "
    "at most; this log brings it to 150\n"
    "summary: 8 lines read\n"
    "  events accepted: 7\n"
    "  events rejected: 1\n"
    "    rule violated: my_rule_name: 1\n"
    "  malformed lines: 0\n"
    "  blank lines: 0\n";

TEST(AuditOfAHostWorkflow, HostRuleIsReportedUnderItsOwnNameInText) {
    audit::basic_options<trial::paid_trial> opt;
    opt.input = write_log("trial_text", trial_log);
    audit::summary s;
    EXPECT_EQ(audited(opt, s), trial_report);
    EXPECT_EQ(s.rejected, 1U);
    ASSERT_EQ(s.reasons.size(), 1U);
    EXPECT_EQ(s.reasons[0].rule, "my_rule_name");
    EXPECT_EQ(s.exit_code(), audit::exit_findings);
}

TEST(AuditOfAHostWorkflow, HostRuleIsReportedUnderItsOwnNameInJson) {
    audit::basic_options<trial::paid_trial> opt;
    opt.input = write_log("trial_json", trial_log);
    opt.json = true;
    audit::summary s;
    std::istringstream lines(audited(opt, s));
    std::vector<boost::json::object> reports;
    for (std::string line; std::getline(lines, line);) reports.push_back(boost::json::parse(line).as_object());
    ASSERT_EQ(reports.size(), 2U);
    boost::json::object const& v = reports[0];
    EXPECT_EQ(v.at("line").to_number<int>(), 7);
    EXPECT_EQ(v.at("job").to_number<int>(), 1);
    EXPECT_EQ(v.at("state").as_string(), "interviewing");
    EXPECT_EQ(v.at("event").as_string(), "log_work");
    EXPECT_EQ(v.at("kind").as_string(), "rule_violated");
    EXPECT_EQ(v.at("rule").as_string(), "my_rule_name");
    EXPECT_EQ(v.at("reason").as_string(), "a trial is paid for 120 minutes at most; this log brings it to 150");
    boost::json::object const& summary = reports[1];
    EXPECT_EQ(summary.at("kind").as_string(), "summary");
    EXPECT_EQ(summary.at("accepted").to_number<int>(), 7);
    EXPECT_EQ(boost::json::serialize(summary.at("rejected_by_reason")),
              R"([{"kind":"rule_violated","rule":"my_rule_name","count":1}])");
}

TEST(AuditOfAHostWorkflow, CleanCandidacyGivesNoReport) {
    std::string clean;
    std::istringstream lines(trial_log);
    for (std::string line; std::getline(lines, line);)
        if (line.find(R"("job":2)") != std::string::npos) clean += line + "\n";
    audit::basic_options<trial::paid_trial> opt;
    opt.input = write_log("trial_clean", clean);
    audit::summary s;
    EXPECT_EQ(audited(opt, s),
              "summary: 4 lines read\n  events accepted: 4\n  events rejected: 0\n  malformed lines: 0\n"
              "  blank lines: 0\n");
    EXPECT_TRUE(s.clean());
    EXPECT_EQ(s.exit_code(), audit::exit_clean);
}

TEST(AuditOfAHostWorkflow, OutputDoesNotDependOnThreadsOrChunks) {
    audit::basic_options<trial::paid_trial> opt;
    opt.input = write_log("trial_threads", trial_log);
    for (unsigned threads : {1U, 2U, 3U}) {
        for (std::size_t chunk : {std::size_t{7}, std::size_t{100}, audit::default_chunk_bytes}) {
            opt.threads = threads;
            opt.chunk_bytes = chunk;
            audit::summary s;
            EXPECT_EQ(audited(opt, s), trial_report) << threads << " threads, chunks of " << chunk << " bytes";
        }
    }
}

TEST(AuditOfAHostWorkflow, MissingLogAndInvalidPolicyAreUnusable) {
    audit::basic_options<trial::paid_trial> opt;
    opt.input = ::testing::TempDir() + "hireguard_audit_no_such_log.jsonl";
    audit::summary s;
    EXPECT_THROW(audited(opt, s), audit::unusable);
    opt.input = write_log("trial_policy", trial_log);
    opt.policy.offer_lifetime = std::chrono::seconds{0};
    try {
        audited(opt, s);
        ADD_FAILURE() << "an offer lifetime of 0 was accepted";
    } catch (audit::unusable const& e) {
        EXPECT_EQ(std::string_view(e.what()).substr(0, 31), "invalid policy: offer_lifetime:");
    }
}

// A host's event, with its report_id, is kept whole until the replay: the
// record's table gives back the very event that was stored.
TEST(AuditOfAHostWorkflow, HostEventIsKeptWholeUntilTheReplay) {
    using W = screening::with_background_check;
    using codec = hireguard::detail::audit_event_codec<W>;
    audit::decoded_chunk<W> chunk;
    hireguard::detail::audit_record proposal;
    hireguard::detail::audit_record clearance;
    auto const t = hireguard::utc(std::chrono::year{2026} / 2 / 1);
    codec::store(hireguard::event::submit_proposal{.at = t}, proposal, chunk);
    codec::store(screening::check_cleared{.at = t + std::chrono::hours{24}, .report_id = 7741}, clearance, chunk);
    EXPECT_EQ(chunk.aside.size(), 1U);  // the host's event alone
    hireguard::basic_machine<W> m{hireguard::job_id{5}, hireguard::freelancer_id{9}, hireguard::policy{}};
    EXPECT_TRUE(codec::process[proposal.kind](m, proposal, chunk));
    EXPECT_TRUE(codec::process[clearance.kind](m, clearance, chunk));
    EXPECT_TRUE(m.is<screening::cleared>());
    EXPECT_EQ(m.data().report_id, 7741U);
    EXPECT_EQ(m.data().last_event_at, t + std::chrono::hours{24});
}

// The same through a log: the decoder reads the host event's report_id.
TEST(AuditOfAHostWorkflow, HostEventsAreReplayedFromTheLog) {
    using W = screening::with_background_check;
    audit::basic_options<W> opt;
    opt.input = write_log(
        "screening", R"({"job":5,"freelancer":9,"event":"submit_proposal","at":"2026-02-01T09:00:00Z"})"
                     "\n"
                     R"({"job":5,"freelancer":9,"event":"check_cleared","at":"2026-02-02T09:00:00Z","report_id":0})"
                     "\n"
                     R"({"job":5,"freelancer":9,"event":"check_cleared","at":"2026-02-03T09:00:00Z","report_id":7741})"
                     "\n"
                     R"({"job":6,"freelancer":9,"event":"check_cleared","at":"2026-02-03T09:00:00Z","report_id":12})"
                     "\n"
                     R"({"job":6,"freelancer":9,"event":"submit_proposal","at":"2026-02-01T09:00:00Z"})"
                     "\n"
                     R"({"job":5,"freelancer":9,"event":"check_cleared","at":"2026-02-04T09:00:00Z","report_id":7742})"
                     "\n");
    // Job 6's events are logged out of time order: replayed in time order,
    // both are accepted.
    opt.threads = 2;
    audit::summary s;
    std::string const text = audited(opt, s);
    EXPECT_NE(text.find("line 2: job 5 / freelancer 9: check_cleared rejected in background_check: report_cited: "
                        "a cleared check must cite its report\n"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("line 6: job 5 / freelancer 9: check_cleared rejected in cleared: illegal transition"),
              std::string::npos)
        << text;
    EXPECT_EQ(s.accepted, 4U);
    EXPECT_EQ(s.rejected, 2U);
}

// Issue 13, item 1: duplicate deliveries, as a store sees them.

// Two different ids whose hashes are equal stay two ids: only the text
// decides, so no line is taken for a duplicate it is not.
TEST(AuditOfDuplicateDeliveries, IdsWithTheSameHashAreNotTakenForOne) {
    using W = hireguard::lifecycle;
    auto const line = [](int job, std::string const& id) {
        return R"({"job":)" + std::to_string(job) + R"(,"freelancer":7,"event":"invite","at":"2026-01-05T10:00:00Z",)" +
               R"("id":")" + id + "\"}\n";
    };
    for (unsigned threads : {1U, 2U, 3U}) {
        std::deque<audit::decoded_chunk<W>> chunks(2);
        audit::chunk_decoder<W> decoder;
        decoder.decode(line(1, "msg-a") + line(1, "msg-b"), 0, threads, audit::default_max_line_bytes, chunks[0]);
        decoder.decode(line(1, "msg-a") + line(2, "msg-c") + line(3, "msg-b"), 1, threads,
                       audit::default_max_line_bytes, chunks[1]);
        // Every id has the same hash but msg-c's: only the text tells them apart.
        for (auto& c : chunks)
            for (auto& e : c.ids.entries) e.hash = 42;
        chunks[1].ids.entries[1].hash = 43;
        audit::delivery_ids const ids = audit::find_repeated_ids(chunks, threads);
        EXPECT_TRUE(ids.any);
        EXPECT_EQ(ids.repeated, 2U) << threads << " threads";
        auto const group = [&](std::size_t chunk, std::size_t i) { return chunks[chunk].ids.entries[i].group; };
        EXPECT_NE(group(0, 0), 0U);
        EXPECT_EQ(group(0, 0), group(1, 0));  // msg-a twice
        EXPECT_NE(group(0, 1), 0U);
        EXPECT_EQ(group(0, 1), group(1, 2));  // msg-b twice, on two candidacies
        EXPECT_NE(group(0, 0), group(0, 1));
        EXPECT_EQ(group(1, 1), 0U);  // msg-c once
        EXPECT_EQ(ids.linked, (std::vector<std::pair<std::uint64_t, std::uint64_t>>{{1, 7}, {3, 7}}));
        EXPECT_EQ(ids.applied.size(), 3U);
    }
}

TEST(AuditOfDuplicateDeliveries, LogWithoutIdsIsLeftAlone) {
    std::deque<audit::decoded_chunk<hireguard::lifecycle>> chunks(3);
    audit::delivery_ids const ids = audit::find_repeated_ids(chunks, 2);
    EXPECT_FALSE(ids.any);
    EXPECT_EQ(ids.repeated, 0U);
    EXPECT_TRUE(ids.applied.empty());
}

// Events with ids, and the same lines without: the duplicate changes nothing.
std::string const delivered_twice =
    R"({"job":1,"freelancer":1,"event":"submit_proposal","at":"2026-01-05T09:00:00Z","id":"p"})"
    "\n"
    R"({"job":1,"freelancer":1,"event":"submit_proposal","at":"2026-01-05T09:00:00Z","id":"p"})"
    "\n"
    R"({"job":1,"freelancer":1,"event":"respond","at":"2026-01-05T10:00:00Z"})"
    "\n";

TEST(AuditOfDuplicateDeliveries, DuplicateIsCountedApartAndIsNoFinding) {
    audit::options opt;
    opt.input = write_log("delivered_twice", delivered_twice);
    audit::summary s;
    EXPECT_EQ(audited(opt, s),
              "summary: 3 lines read\n  events accepted: 2\n  events rejected: 0\n  duplicate deliveries: 1\n"
              "  malformed lines: 0\n  blank lines: 0\n");
    EXPECT_TRUE(s.ids);
    EXPECT_EQ(s.duplicates, 1U);
    EXPECT_EQ(s.duplicates_across_candidacies, 0U);
    EXPECT_EQ(s.exit_code(), audit::exit_clean);
    opt.json = true;
    EXPECT_EQ(audited(opt, s), R"({"kind":"summary","lines":3,"accepted":2,"rejected":0,"duplicates":1,)"
                               R"("duplicates_across_candidacies":0,"malformed":0,"blank":0,"rejected_by_reason":[]})"
                               "\n");
}

// The replay's order decides which delivery comes first: by time, equal
// times in file order. Line 3 is dated before line 2, so line 3 is applied
// and line 2 is the duplicate.
TEST(AuditOfDuplicateDeliveries, FirstDeliveryIsTheFirstInTimeOrder) {
    audit::options opt;
    opt.input =
        write_log("time_order", R"({"job":1,"freelancer":1,"event":"submit_proposal","at":"2026-01-05T09:00:00Z"})"
                                "\n"
                                R"({"job":1,"freelancer":1,"event":"respond","at":"2026-01-05T10:00:00Z","id":"r"})"
                                "\n"
                                R"({"job":1,"freelancer":1,"event":"respond","at":"2026-01-05T09:30:00Z","id":"r"})"
                                "\n");
    opt.list_duplicates = true;
    audit::summary s;
    EXPECT_EQ(audited(opt, s),
              "line 2: job 1 / freelancer 1: duplicate respond: id \"r\" was applied on line 3\n"
              "summary: 3 lines read\n  events accepted: 2\n  events rejected: 0\n  duplicate deliveries: 1\n"
              "  malformed lines: 0\n  blank lines: 0\n");
}

// An id is one event wherever it appears. Its first delivery, on job 1, is
// rejected (work before any contract), so a store keeps no trace of it: the
// same id on job 2's contract is a new event, accepted; the id's third
// delivery, back on job 1, is then a duplicate of job 2's. The two
// candidacies are replayed together, in one order of time.
TEST(AuditOfDuplicateDeliveries, IdRejectedOnOneCandidacyIsAppliedOnAnother) {
    std::string const log =
        R"({"job":1,"freelancer":1,"event":"log_work","at":"2026-01-05T09:00:00Z","minutes":30,"id":"w"})"
        "\n"
        R"({"job":2,"freelancer":2,"event":"invite","at":"2026-01-05T08:00:00Z"})"
        "\n"
        R"({"job":2,"freelancer":2,"event":"accept_invite","at":"2026-01-05T08:10:00Z"})"
        "\n"
        R"({"job":2,"freelancer":2,"event":"send_offer","at":"2026-01-05T08:20:00Z","terms":{"kind":"hourly","hourly_rate":5000}})"
        "\n"
        R"({"job":2,"freelancer":2,"event":"accept_offer","at":"2026-01-05T08:30:00Z"})"
        "\n"
        R"({"job":1,"freelancer":1,"event":"submit_proposal","at":"2026-01-05T11:00:00Z","id":"w"})"
        "\n"
        R"({"job":2,"freelancer":2,"event":"log_work","at":"2026-01-05T10:00:00Z","minutes":30,"id":"w"})"
        "\n"
        R"({"job":1,"freelancer":1,"event":"submit_proposal","at":"2026-01-05T12:00:00Z"})"
        "\n";
    std::string const expected =
        "line 1: job 1 / freelancer 1: log_work rejected in prospect: illegal transition: work before hire: a "
        "freelancer is hired only when a contract begins\n"
        "line 6: job 1 / freelancer 1: duplicate submit_proposal: id \"w\" was applied on line 7, to job 2 / "
        "freelancer 2\n"
        "summary: 8 lines read\n  events accepted: 6\n  events rejected: 1\n    illegal transition: 1\n"
        "  duplicate deliveries: 1\n    id applied to another candidacy: 1\n  malformed lines: 0\n"
        "  blank lines: 0\n";
    audit::options opt;
    opt.input = write_log("across", log);
    opt.list_duplicates = true;
    for (unsigned threads : {1U, 2U, 3U}) {
        for (std::size_t chunk : {std::size_t{5}, std::size_t{200}, audit::default_chunk_bytes}) {
            opt.threads = threads;
            opt.chunk_bytes = chunk;
            audit::summary s;
            EXPECT_EQ(audited(opt, s), expected) << threads << " threads, chunks of " << chunk << " bytes";
            EXPECT_EQ(s.duplicates_across_candidacies, 1U);
        }
    }
}

// An id is text from the log: escaped and quoted in the text output, so that
// it cannot end its report or drive the terminal.
TEST(AuditOfDuplicateDeliveries, IdIsEscapedInTheTextOutput) {
    std::string const line =
        R"({"job":1,"freelancer":1,"event":"invite","at":"2026-01-05T09:00:00Z","id":"x\u001b[2J\"\n\\y"})"
        "\n";
    audit::options opt;
    opt.input = write_log("escaped_id", line + line);
    opt.list_duplicates = true;
    audit::summary s;
    std::string const text = audited(opt, s);
    EXPECT_EQ(
        text.rfind(R"(line 2: job 1 / freelancer 1: duplicate invite: id "x\u001b[2J\"\n\\y" was applied on line 1)"
                   "\n",
                   0),
        0U)
        << text;
    EXPECT_EQ(text.find('\x1b'), std::string::npos);
    opt.json = true;
    std::istringstream lines(audited(opt, s));
    std::string first;
    std::getline(lines, first);
    EXPECT_EQ(boost::json::parse(first).at("id").as_string(), "x\x1b[2J\"\n\\y");
}

// A host's event, kept whole beside the records, carries its id like any.
TEST(AuditOfDuplicateDeliveries, HostEventDeliveredTwiceIsADuplicate) {
    using W = screening::with_background_check;
    audit::basic_options<W> opt;
    opt.input = write_log(
        "screening_twice",
        R"({"job":5,"freelancer":9,"event":"submit_proposal","at":"2026-02-01T09:00:00Z","id":"s-1"})"
        "\n"
        R"({"job":5,"freelancer":9,"event":"check_cleared","at":"2026-02-03T09:00:00Z","report_id":7741,"id":"s-2"})"
        "\n"
        R"({"job":5,"freelancer":9,"event":"check_cleared","at":"2026-02-03T09:00:00Z","report_id":7741,"id":"s-2"})"
        "\n");
    opt.list_duplicates = true;
    audit::summary s;
    std::string const text = audited(opt, s);
    EXPECT_EQ(
        text.rfind("line 3: job 5 / freelancer 9: duplicate check_cleared: id \"s-2\" was applied on line 2\n", 0), 0U)
        << text;
    EXPECT_EQ(s.accepted, 2U);
    EXPECT_EQ(s.rejected, 0U);
}

TEST(AuditCommandLine, PolicyOptionsSetTheHostsHiringPolicy) {
    char const* argv[] = {"acme-audit", "--offer-days", "7", "--minimum-milestone", "800", "-j", "2", "log.jsonl"};
    std::ostringstream out;
    std::ostringstream err;
    auto const cl = audit::parse_command_line<trial::paid_trial>(8, argv, {}, out, err);
    ASSERT_TRUE(cl.options) << err.str();
    EXPECT_EQ(cl.options->input, "log.jsonl");
    EXPECT_EQ(cl.options->threads, 2U);
    EXPECT_EQ(cl.options->policy.offer_lifetime, std::chrono::days{7});
    EXPECT_EQ(cl.options->policy.feedback_window, std::chrono::days{14});
    EXPECT_EQ(cl.options->policy.minimum_milestone, hireguard::cents(800));
}

TEST(AuditCommandLine, HelpNamesTheToolAndItsOptions) {
    char const* argv[] = {"/usr/local/bin/acme-audit", "--help"};
    std::ostringstream out;
    std::ostringstream err;
    auto const cl = audit::parse_command_line<trial::paid_trial>(2, argv, {}, out, err);
    EXPECT_FALSE(cl.options);
    EXPECT_EQ(cl.exit_code, audit::exit_clean);
    std::string const help = out.str();
    EXPECT_EQ(help.rfind("Usage: acme-audit [options] LOG\n", 0), 0U) << help;
    for (char const* option : {"--threads", "--json", "--list-duplicates", "--max-line-bytes", "--offer-days",
                               "--feedback-days", "--minimum-milestone", "--version"})
        EXPECT_NE(help.find(option), std::string::npos) << option;
}

TEST(AuditCommandLine, VersionIsTheTools) {
    char const* argv[] = {"x", "--version"};
    std::ostringstream out;
    std::ostringstream err;
    auto const cl =
        audit::parse_command_line<trial::paid_trial>(2, argv, {.name = "acme-audit", .version = "1.4.0"}, out, err);
    EXPECT_FALSE(cl.options);
    EXPECT_EQ(out.str(), "acme-audit 1.4.0\n");
}

TEST(AuditCommandLine, BadArgumentsExit2WithTheUsage) {
    char const* argv[] = {"acme-audit", "--feedback-days", "0", "log.jsonl"};
    std::ostringstream out;
    std::ostringstream err;
    auto const cl = audit::parse_command_line<trial::paid_trial>(4, argv, {}, out, err);
    EXPECT_FALSE(cl.options);
    EXPECT_EQ(cl.exit_code, audit::exit_unusable);
    EXPECT_EQ(err.str().rfind("acme-audit: --feedback-days: invalid policy: feedback_window", 0), 0U) << err.str();
    EXPECT_EQ(out.str(), "");
}

}  // namespace
