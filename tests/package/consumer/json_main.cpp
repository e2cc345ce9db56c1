// A host program on hireguard::json (the codecs instantiated here) and, built
// a second time, on hireguard::codecs (the lifecycle's codecs compiled once in
// that library): Boost.JSON is linked and hireguard's JSON headers compile.
// Exits nonzero on a wrong result.
#include <iostream>
#include <string>

#include <boost/json/parse.hpp>

#include <hireguard/hiring/machine.hpp>
#include <hireguard/json/events.hpp>
#include <hireguard/json/snapshot.hpp>
#include <hireguard/json/values.hpp>

int main() {
    auto const t = hireguard::parse_timestamp("2026-03-02T09:00:00Z");
    auto const bad = hireguard::parse_timestamp("2026-02-30T09:00:00Z");
    boost::json::value const v = boost::json::parse(R"({"minutes": 90})");
    hireguard::machine m{hireguard::job_id{3}, hireguard::freelancer_id{42}};
    auto const e = hireguard::decode_event(R"({"job": 3, "freelancer": 42, "event": "invite"})");
    bool const processed = m.process(e.event).accepted();
    hireguard::machine const back = hireguard::restore(std::string_view{hireguard::snapshot_text(m)});
    bool const ok = t.has_value() && !bad.has_value() && v.at("minutes").as_int64() == 90 && processed && back == m &&
                    back.state_name() == "invited" &&
                    hireguard::encode_event(e) == R"({"job":3,"freelancer":42,"event":"invite"})";
#if defined(HIREGUARD_COMPILED_CODECS)
    char const* const how = "compiled codecs";
#else
    char const* const how = "header-only codecs";
#endif
    std::cout << "json consumer (" << how << "): " << (ok ? "ok\n" : "FAILED\n");
    return ok ? 0 : 1;
}
