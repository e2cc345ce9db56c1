// A host program on hireguard::json: Boost.JSON is linked and hireguard's JSON
// headers compile. Exits nonzero on a wrong result.
#include <iostream>

#include <boost/json/parse.hpp>

#include <hireguard/json/values.hpp>

int main() {
    auto const t = hireguard::parse_timestamp("2026-03-02T09:00:00Z");
    auto const bad = hireguard::parse_timestamp("2026-02-30T09:00:00Z");
    boost::json::value const v = boost::json::parse(R"({"minutes": 90})");
    bool const ok = t.has_value() && !bad.has_value() && v.at("minutes").as_int64() == 90;
    std::cout << (ok ? "json consumer: ok\n" : "json consumer: FAILED\n");
    return ok ? 0 : 1;
}
