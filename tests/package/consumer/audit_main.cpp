// A host program on hireguard::audit: simdjson is linked and the audit's
// line reader reads a line. Exits nonzero on a wrong result.
#include <iostream>
#include <string>
#include <variant>

#include <hireguard/audit/line_reader.hpp>

int main() {
    hireguard::audit::line_reader<hireguard::lifecycle> reader;
    hireguard::logged_event e;
    std::string const line = R"({"job":3,"freelancer":42,"event":"log_work","at":"2026-01-05T10:00:00Z","minutes":90})";
    bool const ok = reader.read(line, line.size(), e) && e.job == hireguard::job_id{3} &&
                    std::holds_alternative<hireguard::event::log_work>(e.event);
    std::cout << (ok ? "audit consumer: ok\n" : "audit consumer: FAILED\n");
    return ok ? 0 : 1;
}
