// The audit's simdjson fast path (<hireguard/audit/line_reader.hpp>) against
// the event decoder (<hireguard/json/events.hpp>): every line it accepts, the
// decoder accepts with the same event, candidacy and id. Lines from the
// fuzzer's decoder corpus, the sample logs and the duplicates log, each also
// altered in the ways a log goes wrong (signs and forms of numbers, escapes,
// repeated keys, nulls, trailing data); each read both in place, with the
// next line's bytes as simdjson's padding, and from a copy.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <hireguard/audit/line_reader.hpp>
#include <hireguard/json/events.hpp>

namespace {

std::vector<std::string> corpus_lines() {
    std::vector<std::string> lines;
    std::filesystem::path const root{HIREGUARD_SOURCE_DIR};
    std::vector<std::filesystem::path> files{root / "examples/data/hiring-log.jsonl",
                                             root / "tools/tests/data/duplicates.jsonl"};
    for (auto const& entry : std::filesystem::directory_iterator(root / "fuzz/corpus_decoder"))
        files.push_back(entry.path());
    for (auto const& file : files) {
        std::ifstream in(file, std::ios::binary);
        for (std::string line; std::getline(in, line);) lines.push_back(line);
    }
    return lines;
}

// Replaces the first `from` in `s` with `to`, if there is one.
std::optional<std::string> replaced(std::string const& s, std::string_view from, std::string_view to) {
    auto const at = s.find(from);
    if (at == std::string::npos) return std::nullopt;
    std::string out = s;
    out.replace(at, from.size(), to);
    return out;
}

std::vector<std::string> altered(std::string const& line) {
    std::vector<std::string> out{line,          line + " ",  line + "\r",
                                 " " + line,    line + "}",  line + "x",
                                 line + ",",    line + "{}", line.substr(0, line.size() / 2),
                                 line + "\t \r"};
    for (std::string_view const key :
         {"\"job\":", "\"freelancer\":", "\"minutes\":", "\"amount\":", "\"hourly_rate\":", "\"first_milestone\":"}) {
        for (std::string_view const number : {"-0",
                                              "-0 ",
                                              "0",
                                              "-1",
                                              "01",
                                              "1.0",
                                              "1e0",
                                              "1E2",
                                              "-0.0",
                                              "18446744073709551615",
                                              "18446744073709551616",
                                              "9223372036854775807",
                                              "9223372036854775808",
                                              "-9223372036854775808",
                                              "null",
                                              "true",
                                              "\"1\"",
                                              "[1]",
                                              "{}",
                                              " 7 "})
            if (auto s = replaced(line, key, std::string(key) + std::string(number) + ",\"zz\":")) out.push_back(*s);
        // The key twice, and the value replaced.
        if (auto s = replaced(line, key, std::string(key) + "5,")) {
            if (auto t = replaced(*s, "5,", "5," + std::string(key))) out.push_back(*t);
        }
        auto const at = line.find(key);
        if (at != std::string::npos) {
            std::size_t end = line.find_first_of(",}", at);
            for (std::string_view const number : {"-0", "0", "-1", "01", "1.0", "1e0", "-0.0", "18446744073709551615",
                                                  "18446744073709551616", "9223372036854775808", "null", "2 3"}) {
                std::string s = line;
                s.replace(at + key.size(), end - at - key.size(), number);
                out.push_back(s);
            }
        }
    }
    for (auto const& [from, to] : std::vector<std::pair<std::string_view, std::string_view>>{
             {"\"event\":\"", "\"event\":\"\\u0069"},
             {"\"event\":\"", "\"ev\\u0065nt\":\""},
             {"\"event\":", "\"event\":null,\"x\":"},
             {"\"at\":\"", "\"at\":null,\"y\":\""},
             {"\"at\":\"", "\"at\":\"\\u0032"},
             {"\"at\":", "\"at\":null,\"at\":"},
             {"\"at\":", "\"at\":nul,\"q\":"},
             {"\"at\":", "\"id\":\"a\",\"at\":"},
             {"\"at\":", "\"id\":\"\",\"at\":"},
             {"\"at\":", "\"id\":null,\"at\":"},
             {"\"at\":", "\"id\":\"a\\nb\",\"at\":"},
             {"\"at\":", "\"id\":\"a\tb\",\"at\":"},
             {"\"at\":", "\"id\":\"\xc3\xa9\",\"at\":"},
             {"\"at\":", "\"id\":\"\xff\",\"at\":"},
             {"\"at\":", "\"id\":7,\"at\":"},
             {"\"at\":", "\"id\":\"x\",\"id\":\"x\",\"at\":"},
             {"\"at\":", "\"at\" : "},
             {"Z\"", "z\""},
             {"T", " "},
             {"-01-", "-13-"},
             {"\"kind\":", "\"kind\":\"hourly\",\"kind\":"},
             {"\"start_date\":", "\"start_date\":null,\"w\":"},
             {"\"by\":\"", "\"by\":\"\\u0063"},
             {"\"terms\":{", "\"terms\":{\"extra\":1,"},
             {"\"terms\":{", "\"terms\":{},\"t\":{"},
             {",", ",,"},
             {",", " , "},
             {"{", "[{"},
             {"{", "{\"job\":1,"},
         })
        if (auto s = replaced(line, from, to)) out.push_back(*s);
    return out;
}

TEST(LineReader, AcceptsOnlyWhatTheEventDecoderAcceptsWithTheSameEvent) {
    hireguard::audit::line_reader<hireguard::lifecycle> reader;
    std::size_t compared = 0;
    std::size_t fast = 0;
    for (std::string const& original : corpus_lines()) {
        for (std::string const& line : altered(original)) {
            std::optional<hireguard::logged_event> slow;
            try {
                slow = hireguard::decode_event(line);
            } catch (hireguard::json_error const&) {}
            // From a copy, and in place with another line's bytes after it.
            std::string const buffer = line + "\n" + R"({"job":1,"freelancer":2,"event":"invite"})" +
                                       std::string(hireguard::audit::line_reader<>::max_line, '9');
            for (std::size_t const readable : {line.size(), buffer.size()}) {
                hireguard::logged_event e;
                ++compared;
                if (!reader.read(std::string_view(buffer).substr(0, line.size()), readable, e)) continue;
                ++fast;
                ASSERT_TRUE(slow.has_value()) << "the fast path accepts a line the event decoder refuses: " << line;
                EXPECT_EQ(hireguard::encode_event(e), hireguard::encode_event(*slow)) << line;
                EXPECT_EQ(e.id, slow->id) << line;
            }
        }
    }
    std::cout << compared << " lines compared, " << fast << " read by simdjson\n";
    EXPECT_GT(compared, 10000U);
    EXPECT_GT(fast, compared / 20);
}

TEST(LineReader, ReadsACommonLineAndLeavesAnUnusualOneToTheEventDecoder) {
    hireguard::audit::line_reader<hireguard::lifecycle> reader;
    hireguard::logged_event e;
    std::string const line =
        R"({"job":3,"freelancer":42,"event":"log_work","at":"2026-01-05T10:00:00Z","minutes":90,"id":"m-1"})";
    ASSERT_TRUE(reader.read(line, line.size(), e));
    EXPECT_EQ(hireguard::encode_event(e), hireguard::encode_event(hireguard::decode_event(line)));
    std::string const minus_zero = R"({"job":-0,"freelancer":42,"event":"invite","at":"2026-01-05T10:00:00Z"})";
    EXPECT_FALSE(reader.read(minus_zero, minus_zero.size(), e));
    std::string const twice = R"({"job":3,"job":3,"freelancer":42,"event":"invite","at":"2026-01-05T10:00:00Z"})";
    EXPECT_FALSE(reader.read(twice, twice.size(), e));
    std::string const no_time = R"({"job":3,"freelancer":42,"event":"invite"})";
    EXPECT_FALSE(reader.read(no_time, no_time.size(), e));
}

// The timestamps the fast paths read (eight bytes at a time) are those
// parse_timestamp reads, with the same values: every byte in every place of
// a few timestamps, and the days around the ends of months and years.
TEST(LineReader, ReadsTimestampsAsParseTimestampDoes) {
    std::size_t compared = 0;
    for (std::string const base : {"2026-01-05T10:00:00Z", "1900-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
                                   "2024-02-29T12:34:56Z", "2100-02-28T23:59:59Z"}) {
        for (std::size_t at = 0; at < base.size(); ++at) {
            for (int b = 0; b < 256; ++b) {
                std::string t = base;
                t[at] = static_cast<char>(b);
                EXPECT_EQ(hireguard::detail::parse_timestamp_fast(t), hireguard::parse_timestamp(t)) << t;
                ++compared;
            }
        }
    }
    for (int year : {1899, 1900, 1970, 2000, 2023, 2024, 2100, 2400, 9999}) {
        for (int month = 0; month <= 13; ++month) {
            for (int day = 0; day <= 32; ++day) {
                char t[32];
                std::snprintf(t, sizeof t, "%04d-%02d-%02dT23:59:60Z", year, month, day);
                for (char const* time : {"00:00:00", "23:59:59", "24:00:00", "12:60:00", "12:00:60"}) {
                    std::memcpy(t + 11, time, 8);
                    EXPECT_EQ(hireguard::detail::parse_timestamp_fast(t), hireguard::parse_timestamp(t)) << t;
                    ++compared;
                }
            }
        }
    }
    EXPECT_GT(compared, 30000U);
}

}  // namespace
