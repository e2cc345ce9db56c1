// Writing a report allocates nothing (issue 15): the text of a rejection
// goes piece by piece into the report stream's buffer, as text or JSON. Counted by replacing
// the global operator new in this test program.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <new>
#include <sstream>
#include <string>

#include <boost/json.hpp>

#include <hireguard/audit/report.hpp>

namespace {
std::atomic<long> allocations{0};
}  // namespace

// g++ 12 inlines these into std::allocator's calls and then takes free() for
// a mismatch with the operator new it sees there: the replacements pair
// malloc with free, which is what -Wmismatched-new-delete asks for.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif
// NOLINTBEGIN(misc-new-delete-overloads)
void* operator new(std::size_t n) {
    allocations.fetch_add(1, std::memory_order_relaxed);
    if (void* p = std::malloc(n == 0 ? 1 : n)) return p;
    throw std::bad_alloc();
}
void operator delete(void* p) noexcept {
    std::free(p);
}
void operator delete(void* p, std::size_t /*n*/) noexcept {
    std::free(p);
}
// NOLINTEND(misc-new-delete-overloads)
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

namespace {

TEST(Reports, ReportsOfRejectionsAndMalformedLinesAllocateNothingInTextOrJson) {
    std::ostringstream sink;
    hireguard::audit::report_stream out(sink);
    hireguard::audit::violation_report v;
    v.line = 17;
    v.job = 3;
    v.freelancer = 42;
    v.why.kind = hireguard::rejection_kind::rule_violated;
    v.why.rule = hireguard::rule_id{"fixed_price_contract", hireguard::rejection_kind::rule_violated};
    v.why.state = "contract_active";
    v.why.event = "fund_milestone";
    v.why.reason = "milestones belong to fixed-price contracts, and this one is hourly";
    hireguard::audit::violation_report illegal;
    illegal.line = 5;
    illegal.why.state = "interviewing";
    illegal.why.event = "log_work";
    illegal.why.explanation = "work before hire: a freelancer is hired only when a contract begins";
    hireguard::audit::malformed_line const m{48, "terms.kind", "unknown event \"hire\""};
    long const before = allocations.load();
    // 3,000 reports: less than the stream's block, so that the sink (which
    // allocates as it grows) is written only by finish().
    for (int i = 0; i < 500; ++i) {
        hireguard::audit::write_violation(out, v, false);
        hireguard::audit::write_violation(out, illegal, false);
        hireguard::audit::write_malformed(out, m, false);
        hireguard::audit::write_violation(out, v, true);
        hireguard::audit::write_violation(out, illegal, true);
        hireguard::audit::write_malformed(out, m, true);
    }
    long const during = allocations.load() - before;
    EXPECT_EQ(out.finish(), "");
    EXPECT_EQ(during, 0);
    std::string const text = sink.str();
    EXPECT_EQ(text.substr(0, text.find('\n')),
              "line 17: job 3 / freelancer 42: fund_milestone rejected in contract_active: fixed_price_contract: "
              "milestones belong to fixed-price contracts, and this one is hourly");
    EXPECT_NE(text.find("line 5: job 0 / freelancer 0: " + illegal.why.message() + "\n"), std::string::npos);
    EXPECT_NE(text.find("line 48: malformed: terms.kind: unknown event \"hire\"\n"), std::string::npos);
}

TEST(Reports, TextReportsEscapeEveryByteAsEscapedDoes) {
    for (int b = 0; b < 256; ++b) {
        for (std::size_t at : {0U, 3U, 7U, 8U, 15U, 20U}) {
            std::string reason = "abcdefghijklmnopqrstu";
            reason.insert(at, 1, static_cast<char>(b));
            hireguard::audit::violation_report v;
            v.line = 1;
            v.why.kind = hireguard::rejection_kind::rule_violated;
            v.why.rule = hireguard::rule_id{"r", hireguard::rejection_kind::rule_violated};
            v.why.state = "s";
            v.why.event = "e";
            v.why.reason = reason;
            std::ostringstream sink;
            hireguard::audit::report_stream out(sink);
            hireguard::audit::write_violation(out, v, false);
            EXPECT_EQ(out.finish(), "");
            EXPECT_EQ(sink.str(), "line 1: job 0 / freelancer 0: " + hireguard::audit::escaped(v.why.message()) + "\n")
                << "byte " << b << " at " << at;
        }
    }
}

// The JSON reports are what boost::json::serialize wrote of the object
// before, byte for byte, whatever the bytes of the log's text.
TEST(Reports, JsonReportsAreWhatBoostJsonSerializes) {
    for (int b = 0; b < 256; ++b) {
        std::string text = "ab\"cdefghijklmnop\\qrstu";
        text.insert(5, 1, static_cast<char>(b));
        hireguard::audit::violation_report v;
        v.line = 12;
        v.job = 18446744073709551615ULL;
        v.freelancer = 4;
        v.why.kind = hireguard::rejection_kind::invalid_input;
        v.why.rule = hireguard::rule_id{"r", hireguard::rejection_kind::invalid_input};
        v.why.state = "s";
        v.why.event = "e";
        v.why.reason = text;
        hireguard::audit::malformed_line const m{48, text, text};
        hireguard::audit::duplicate_report d;
        d.line = 3;
        d.job = 1;
        d.freelancer = 10;
        d.event = "invite";
        d.id = text;
        d.applied_line = 1;
        d.applied_job = 2;
        d.applied_freelancer = 20;
        std::ostringstream sink;
        hireguard::audit::report_stream out(sink);
        hireguard::audit::write_violation(out, v, true);
        hireguard::audit::write_malformed(out, m, true);
        hireguard::audit::write_duplicate(out, d, true);
        EXPECT_EQ(out.finish(), "");
        boost::json::object violation;
        violation["line"] = v.line;
        violation["job"] = v.job;
        violation["freelancer"] = v.freelancer;
        violation["state"] = v.why.state;
        violation["event"] = v.why.event;
        violation["kind"] = hireguard::audit::kind_key(v.why.kind);
        violation["rule"] = v.why.rule.name;
        violation["reason"] = v.why.why();
        violation["message"] = v.why.message();
        boost::json::object malformed;
        malformed["line"] = m.line;
        malformed["kind"] = "malformed";
        malformed["field"] = m.field;
        malformed["reason"] = m.reason;
        boost::json::object duplicate;
        duplicate["line"] = d.line;
        duplicate["job"] = d.job;
        duplicate["freelancer"] = d.freelancer;
        duplicate["event"] = d.event;
        duplicate["kind"] = "duplicate";
        duplicate["id"] = d.id;
        duplicate["applied_line"] = d.applied_line;
        duplicate["applied_job"] = d.applied_job;
        duplicate["applied_freelancer"] = d.applied_freelancer;
        EXPECT_EQ(sink.str(), boost::json::serialize(violation) + "\n" + boost::json::serialize(malformed) + "\n" +
                                  boost::json::serialize(duplicate) + "\n")
            << "byte " << b;
    }
}

}  // namespace
