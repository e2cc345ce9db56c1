// Writing a report allocates nothing (issue 15): the text of a rejection
// goes piece by piece into the report stream's buffer. Counted by replacing
// the global operator new in this test program.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <new>
#include <sstream>
#include <string>

#include <hireguard/audit/report.hpp>

namespace {
std::atomic<long> allocations{0};
}  // namespace

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

namespace {

TEST(Reports, TextReportsOfRejectionsAndMalformedLinesAllocateNothing) {
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
    for (int i = 0; i < 1000; ++i) {
        hireguard::audit::write_violation(out, v, false);
        hireguard::audit::write_violation(out, illegal, false);
        hireguard::audit::write_malformed(out, m, false);
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

}  // namespace
