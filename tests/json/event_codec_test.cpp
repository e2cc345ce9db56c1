// The event codec (<hireguard/json/events.hpp>): every event kind decodes to
// its payload, errors name the field, the fast reader of event_decoder agrees
// with the DOM decoding, and encoding round-trips.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include <gtest/gtest.h>

#include <hireguard/json/events.hpp>

namespace {

using namespace std::chrono_literals;
using hireguard::decode_event;
using hireguard::logged_event;
namespace ev = hireguard::event;

constexpr hireguard::timestamp jan5_10h = hireguard::utc(std::chrono::year{2026} / 1 / 5, 10h);

// The field named by the json_error that decoding `line` throws, or
// "no error" when it decodes.
std::string field_of_error(std::string_view line) {
    try {
        (void)decode_event(line);
    } catch (hireguard::json_error const& e) {
        return e.field();
    }
    return "no error";
}

// What the decoder (fast reader first) makes of a line: its encoding, or
// "error at <field>: <reason>".
std::string through_decoder(hireguard::event_decoder& d, std::string_view line) {
    try {
        return hireguard::encode_event(d.decode(line));
    } catch (hireguard::json_error const& e) {
        return "error at " + e.field() + ": " + e.reason();
    }
}

// The same through the DOM only.
std::string through_dom(std::string_view line) {
    try {
        return hireguard::encode_event(decode_event(line));
    } catch (hireguard::json_error const& e) {
        return "error at " + e.field() + ": " + e.reason();
    }
}

TEST(EventCodec, CandidacyAndTimeOfAnEventWithoutPayload) {
    logged_event const e =
        decode_event(R"({"job": 3, "freelancer": 42, "event": "invite", "at": "2026-01-05T10:00:00Z"})");
    EXPECT_EQ(e.job, hireguard::job_id{3});
    EXPECT_EQ(e.freelancer, hireguard::freelancer_id{42});
    ASSERT_TRUE(std::holds_alternative<ev::invite>(e.event));
    EXPECT_EQ(std::get<ev::invite>(e.event).at, jan5_10h);
}

TEST(EventCodec, TimeMayBeLeftOutOrNull) {
    auto const absent = decode_event(R"({"job": 1, "freelancer": 2, "event": "pause"})");
    EXPECT_FALSE(std::get<ev::pause>(absent.event).at.has_value());
    auto const null = decode_event(R"({"job": 1, "freelancer": 2, "event": "pause", "at": null})");
    EXPECT_FALSE(std::get<ev::pause>(null.event).at.has_value());
}

TEST(EventCodec, SendOfferCarriesItsTerms) {
    auto const e = decode_event(
        R"({"job": 1, "freelancer": 2, "event": "send_offer", "at": "2026-01-05T10:00:00Z",
            "terms": {"kind": "hourly", "hourly_rate": 4500, "start_date": "2026-02-01T00:00:00Z"}})");
    auto const& offer = std::get<ev::send_offer>(e.event);
    EXPECT_EQ(offer.terms.kind, hireguard::contract_kind::hourly);
    EXPECT_EQ(offer.terms.hourly_rate, hireguard::dollars(45));
    EXPECT_EQ(offer.terms.first_milestone, hireguard::money{});
    EXPECT_EQ(offer.terms.start_date, hireguard::utc(std::chrono::year{2026} / 2 / 1));
}

TEST(EventCodec, ModifyOfferCarriesFixedPriceTerms) {
    auto const e = decode_event(
        R"({"job": 1, "freelancer": 2, "event": "modify_offer", "terms": {"kind": "fixed_price", "first_milestone": 50000}})");
    auto const& offer = std::get<ev::modify_offer>(e.event);
    EXPECT_EQ(offer.terms.kind, hireguard::contract_kind::fixed_price);
    EXPECT_EQ(offer.terms.first_milestone, hireguard::dollars(500));
    EXPECT_FALSE(offer.terms.start_date.has_value());
}

TEST(EventCodec, LogWorkCarriesMinutesEvenZeroOrNegativeForTheRulesToJudge) {
    EXPECT_EQ(std::get<ev::log_work>(decode_event(R"({"job":1,"freelancer":2,"event":"log_work","minutes":90})").event)
                  .minutes,
              90min);
    EXPECT_EQ(std::get<ev::log_work>(decode_event(R"({"job":1,"freelancer":2,"event":"log_work","minutes":0})").event)
                  .minutes,
              0min);
    EXPECT_EQ(std::get<ev::log_work>(decode_event(R"({"job":1,"freelancer":2,"event":"log_work","minutes":-5})").event)
                  .minutes,
              -5min);
}

TEST(EventCodec, FundMilestoneCarriesCents) {
    auto const e = decode_event(R"({"job": 1, "freelancer": 2, "event": "fund_milestone", "amount": 20050})");
    EXPECT_EQ(std::get<ev::fund_milestone>(e.event).amount, hireguard::cents(20050));
}

TEST(EventCodec, EndContractAndFeedbackSayWhichParty) {
    auto const end = decode_event(R"({"job": 1, "freelancer": 2, "event": "end_contract", "by": "freelancer"})");
    EXPECT_EQ(std::get<ev::end_contract>(end.event).by, hireguard::party::freelancer);
    auto const feedback = decode_event(R"({"job": 1, "freelancer": 2, "event": "leave_feedback", "by": "client"})");
    EXPECT_EQ(std::get<ev::leave_feedback>(feedback.event).by, hireguard::party::client);
}

TEST(EventCodec, EveryEventNameDecodesToThatEvent) {
    std::vector<std::string> const payload_free = {
        "invite",   "withdraw_invite", "respond",      "decline",          "withdraw_offer", "approve_milestone",
        "pause",    "resume",          "close_job",    "accept_invite",    "decline_invite", "submit_proposal",
        "withdraw", "decline_offer",   "accept_offer", "submit_milestone", "offer_expired",  "start_date_reached"};
    EXPECT_EQ(payload_free.size() + 6, std::variant_size_v<hireguard::any_event>);
    for (auto const& name : payload_free) {
        auto const e = decode_event(R"({"job": 1, "freelancer": 2, "event": ")" + name + R"("})");
        std::string_view const decoded =
            std::visit([](auto const& x) { return std::decay_t<decltype(x)>::name; }, e.event);
        EXPECT_EQ(decoded, name);
    }
}

TEST(EventCodec, EventIndexFindsNamesWithoutAllocating) {
    EXPECT_EQ(hireguard::json_codec::event_index<hireguard::lifecycle>("log_work"),
              hireguard::any_event(ev::log_work{}).index());
    EXPECT_EQ(hireguard::json_codec::event_index<hireguard::lifecycle>("invite"),
              hireguard::any_event(ev::invite{}).index());
    EXPECT_FALSE(hireguard::json_codec::event_index<hireguard::lifecycle>("hire").has_value());
    EXPECT_FALSE(hireguard::json_codec::event_index<hireguard::lifecycle>("").has_value());
    EXPECT_FALSE(hireguard::json_codec::event_index<hireguard::lifecycle>("log_work ").has_value());
}

TEST(EventCodec, ErrorsNameTheFieldAtFault) {
    EXPECT_EQ(field_of_error(R"({"job": 1, "freelancer": 2, "event": "hire"})"), "event");
    EXPECT_EQ(field_of_error(R"({"job": 1, "freelancer": 2})"), "event");
    EXPECT_EQ(field_of_error(R"({"job": 1, "freelancer": 2, "event": 7})"), "event");
    EXPECT_EQ(field_of_error(R"({"freelancer": 2, "event": "invite"})"), "job");
    EXPECT_EQ(field_of_error(R"({"job": 1, "event": "invite"})"), "freelancer");
    EXPECT_EQ(field_of_error(R"({"job": "j1", "freelancer": 2, "event": "invite"})"), "job");
    EXPECT_EQ(field_of_error(R"({"job": -1, "freelancer": 2, "event": "invite"})"), "job");
    EXPECT_EQ(field_of_error(R"({"job": 1, "freelancer": 2, "event": "invite", "at": "2026-01-05"})"), "at");
    EXPECT_EQ(field_of_error(R"({"job": 1, "freelancer": 2, "event": "invite", "at": "2026-02-30T10:00:00Z"})"), "at");
    EXPECT_EQ(field_of_error(R"({"job": 1, "freelancer": 2, "event": "invite", "note": "hi"})"), "note");
    EXPECT_EQ(field_of_error(R"({"job": 1, "freelancer": 2, "event": "invite", "minutes": 5})"), "minutes");
    EXPECT_EQ(field_of_error(R"({"job": 1, "freelancer": 2, "event": "log_work"})"), "minutes");
    EXPECT_EQ(field_of_error(R"({"job": 1, "freelancer": 2, "event": "log_work", "minutes": 1.5})"), "minutes");
    EXPECT_EQ(field_of_error(R"({"job": 1, "freelancer": 2, "event": "fund_milestone", "amount": -100})"), "amount");
    EXPECT_EQ(field_of_error(R"({"job": 1, "freelancer": 2, "event": "end_contract", "by": "agency"})"), "by");
    EXPECT_EQ(field_of_error(R"({"job": 1, "freelancer": 2, "event": "end_contract"})"), "by");
    EXPECT_EQ(field_of_error(R"({"job": 1, "freelancer": 2, "event": "send_offer"})"), "terms");
    EXPECT_EQ(field_of_error(R"({"job": 1, "freelancer": 2, "event": "send_offer", "terms": {"hourly_rate": 1}})"),
              "terms.kind");
    EXPECT_EQ(
        field_of_error(R"({"job": 1, "freelancer": 2, "event": "send_offer", "terms": {"kind": "hourly", "rate": 1}})"),
        "terms.rate");
    EXPECT_EQ(field_of_error(R"({"job": 1, "freelancer": 2, "event": "invite")"), "");
    EXPECT_EQ(field_of_error(R"([1, 2])"), "");
    EXPECT_EQ(field_of_error(""), "");
}

TEST(EventCodec, ErrorReasonsSayWhatIsWrong) {
    try {
        (void)decode_event(R"({"job": 1, "freelancer": 2, "event": "hire"})");
        FAIL() << "an unknown event decoded";
    } catch (hireguard::json_error const& e) {
        EXPECT_EQ(e.reason(), R"(unknown event "hire")");
    }
    try {
        (void)decode_event(R"({"job": 1, "freelancer": 2, "event": "invite", "minutes": 5})");
        FAIL() << "a payload on the wrong event decoded";
    } catch (hireguard::json_error const& e) {
        EXPECT_EQ(e.reason(), "not a field of invite");
    }
}

TEST(EventCodec, EncodingWritesTheDocumentedFields) {
    EXPECT_EQ(hireguard::encode_event(
                  logged_event{hireguard::job_id{3}, hireguard::freelancer_id{42}, ev::log_work{jan5_10h, 90min}}),
              R"({"job":3,"freelancer":42,"event":"log_work","at":"2026-01-05T10:00:00Z","minutes":90})");
    EXPECT_EQ(hireguard::encode_event(logged_event{hireguard::job_id{3}, hireguard::freelancer_id{42}, ev::pause{}}),
              R"({"job":3,"freelancer":42,"event":"pause"})");
    EXPECT_EQ(boost::json::serialize(hireguard::json_codec::from_event(
                  hireguard::any_event(ev::end_contract{jan5_10h, hireguard::party::freelancer}))),
              R"({"event":"end_contract","at":"2026-01-05T10:00:00Z","by":"freelancer"})");
}

TEST(EventCodec, EveryEventKindRoundTrips) {
    hireguard::offer_terms const terms{hireguard::contract_kind::fixed_price, {}, hireguard::dollars(80), jan5_10h};
    std::vector<hireguard::any_event> const events = {
        ev::invite{jan5_10h},
        ev::send_offer{jan5_10h, terms},
        ev::modify_offer{{}, terms},
        ev::log_work{jan5_10h, 45min},
        ev::fund_milestone{jan5_10h, hireguard::cents(999)},
        ev::end_contract{jan5_10h, hireguard::party::freelancer},
        ev::leave_feedback{{}, hireguard::party::client},
        ev::start_date_reached{jan5_10h},
    };
    hireguard::event_decoder decoder;
    for (auto const& e : events) {
        logged_event const original{hireguard::job_id{7}, hireguard::freelancer_id{8}, e};
        std::string const text = hireguard::encode_event(original);
        EXPECT_EQ(hireguard::encode_event(decode_event(text)), text);
        EXPECT_EQ(hireguard::encode_event(decoder.decode(text)), text);
        EXPECT_EQ(decode_event(text).event.index(), e.index());
    }
}

// The decoder reads well-formed lines with a SAX reader and falls back to the
// DOM for anything else: both must give the same event or the same error.
TEST(EventCodec, DecoderAgreesWithTheDomDecodingOnOddLines) {
    std::vector<std::string> const lines = {
        R"({"job":3,"freelancer":42,"event":"log_work","at":"2026-01-05T10:00:00Z","minutes":90})",
        R"(  {"minutes":90,"at":"2026-01-05T10:00:00Z","event":"log_work","freelancer":42,"job":3}  )",
        R"({"job":3,"freelancer":42,"event":"log\u005fwork","minutes":90})",
        R"({"job":3,"freelancer":42,"event":"log_work","minutes":90,"minutes":30})",
        R"({"job":18446744073709551615,"freelancer":9223372036854775808,"event":"invite"})",
        R"({"job":3,"freelancer":42,"event":"log_work","minutes":9223372036854775808})",
        R"({"job":3,"freelancer":42,"event":"fund_milestone","amount":9223372036854775808})",
        R"({"job":3,"freelancer":42,"event":"fund_milestone","amount":0})",
        R"({"job":3,"freelancer":42,"event":"send_offer","terms":{"kind":"hourly","hourly_rate":null,"start_date":null}})",
        R"({"job":3,"freelancer":42,"event":"send_offer","terms":{"kind":null}})",
        R"({"job":3,"freelancer":42,"event":"send_offer","terms":{"kind":"hourly","terms":{}}})",
        R"({"job":3,"freelancer":42,"event":"send_offer","terms":[]})",
        R"({"job":3,"freelancer":42,"event":"invite","at":null})",
        R"({"job":3,"freelancer":42,"event":"invite","at":"1899-12-31T23:59:59Z"})",
        R"({"job":3,"freelancer":42,"event":"invite","at":"2024-02-29T23:59:59Z"})",
        R"({"job":3,"freelancer":42,"event":"invite","at":"2100-02-29T00:00:00Z"})",
        R"({"job":3,"freelancer":42,"event":"invite"} {})",
        R"({"job":3,"freelancer":42,"event":"invite",})",
        R"({"job":true,"freelancer":42,"event":"invite"})",
        R"({"job":3.0,"freelancer":42,"event":"invite"})",
        R"({"job":3,"freelancer":42,"event":"end_contract","by":"client","by":"freelancer"})",
        R"({"job":3,"freelancer":42,"event":"invite","job":4})",
        "\"invite\"",
        "null",
        // Invalid UTF-8: the fast reader does not check it, and must not accept it.
        "{\"job\":3,\"freelancer\":42,\"event\":\"invite\xff\"}",
        "{\"job\":3,\"freelancer\":42,\"event\":\"invite\",\"at\":\"2026-01-05T10:00:00Z\xc3\"}",
        "{\"job\":3,\"freelancer\":42,\"event\":\"invite\",\"\xe2\x82\":1}",
        "{\"job\":3,\"freelancer\":42,\"event\":\"end_contract\",\"by\":\"client\x80\"}",
    };
    hireguard::event_decoder decoder;
    for (auto const& line : lines) EXPECT_EQ(through_decoder(decoder, line), through_dom(line)) << line;
    // The invalid UTF-8 lines are errors.
    for (std::size_t i = lines.size() - 4; i < lines.size(); ++i)
        EXPECT_EQ(through_dom(lines[i]).rfind("error at", 0), 0U) << lines[i];
}

TEST(EventCodec, FastTimestampsAgreeWithParseTimestamp) {
    using hireguard::detail::parse_timestamp_fast;
    std::vector<std::string> samples = {"2026-01-05T10:00:00Z", "1900-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
                                        "1899-12-31T23:59:59Z", "2026-13-01T00:00:00Z", "2026-00-10T00:00:00Z",
                                        "2026-01-00T00:00:00Z", "2026-01-32T00:00:00Z", "2026-01-05T24:00:00Z",
                                        "2026-01-05T23:60:00Z", "2026-01-05T23:59:60Z", "2026-01-05T10:00:00",
                                        "2026-01-05 10:00:00Z", "2026-01-05T10:00:00+", "20a6-01-05T10:00:00Z",
                                        "2026-01-05T10:0/:00Z", "0000-01-01T00:00:00Z", ""};
    // Every day of the years around leap-year edge cases, at two times.
    // Years before 1900 too, down to 0000: the bound is in_accepted_years's.
    for (int y : {0, 1, 4, 100, 400, 1600, 1899, 1900, 1999, 2000, 2023, 2024, 2100, 9999}) {
        for (int m = 1; m <= 12; ++m) {
            for (int d = 1; d <= 31; ++d) {
                char buf[32];
                std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT00:00:00Z", y, m, d);
                samples.emplace_back(buf);
                std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT13:37:42Z", y, m, d);
                samples.emplace_back(buf);
            }
        }
    }
    for (auto const& s : samples) EXPECT_EQ(parse_timestamp_fast(s), hireguard::parse_timestamp(s)) << s;
    // The bounds are the library's: latest_time is the last second accepted.
    EXPECT_EQ(parse_timestamp_fast("9999-12-31T23:59:59Z"), hireguard::latest_time);
    EXPECT_EQ(parse_timestamp_fast("1900-01-01T00:00:00Z"), hireguard::earliest_time);
    for (auto const& s : samples)
        if (auto t = parse_timestamp_fast(s)) {
            EXPECT_TRUE(hireguard::in_accepted_years(*t)) << s;
        }
}

// Issue 12, finding 1: the DOM path of a reused decoder gave its monotonic
// resource back with release(), which in Boost 1.81 keeps doubling the next
// block; from the 23rd long malformed line on it threw std::bad_alloc, for
// ever. Every line must still be a json_error naming the field at fault.
TEST(EventCodec, ReusedDecoderKeepsNamingTheFieldOnManyLongMalformedLines) {
    hireguard::event_decoder decoder;
    std::string const note(5000, 'a');
    for (int i = 0; i < 200; ++i) {
        std::string const line = R"({"job":1,"freelancer":)" + std::to_string(i) +
                                 R"(,"event":"invite","at":"2026-01-05T10:00:00Z","note":")" + note + "\"}";
        EXPECT_EQ(through_decoder(decoder, line), "error at note: unknown field") << "line " << i;
    }
    // Lines of about 780 bytes with about 90 unknown keys.
    for (int i = 0; i < 200; ++i) {
        std::string line = R"({"job":1,"freelancer":2,"event":"invite","at":"2026-01-05T10:00:00Z")";
        for (int k = 0; k < 90; ++k) line += ",\"k" + std::to_string(k) + "\":" + std::to_string(k);
        line += "}";
        EXPECT_EQ(through_decoder(decoder, line), "error at k0: unknown field") << "line " << i;
    }
    // And the decoder still reads good lines, on both paths.
    EXPECT_EQ(through_decoder(decoder, R"({"job":3,"freelancer":42,"event":"invite"})"),
              R"({"job":3,"freelancer":42,"event":"invite"})");
    EXPECT_EQ(through_decoder(decoder, R"({"job":3,"freelancer":42,"event":"invite"})"),
              R"({"job":3,"freelancer":42,"event":"invite"})");
}

// Issue 12, finding 10: ids are unsigned integers and may be zero. JSON's -0
// is the number zero, so "job": -0 names job 0, on the fast path and the DOM
// path alike; any other negative number, a fraction or an exponent is an error.
TEST(EventCodec, IdsMayBeZeroAndMinusZeroIsZero) {
    hireguard::event_decoder decoder;
    for (std::string const line :
         {R"({"job":0,"freelancer":0,"event":"invite"})", R"({"job":-0,"freelancer":-0,"event":"invite"})",
          R"({"job":-0,"freelancer":-0,"event":"invite"})"}) {
        EXPECT_EQ(through_decoder(decoder, line), R"({"job":0,"freelancer":0,"event":"invite"})") << line;
        EXPECT_EQ(through_dom(line), R"({"job":0,"freelancer":0,"event":"invite"})") << line;
    }
    for (std::string const line :
         {R"({"job":-1,"freelancer":0,"event":"invite"})", R"({"job":-0.0,"freelancer":0,"event":"invite"})",
          R"({"job":0e0,"freelancer":0,"event":"invite"})"}) {
        EXPECT_EQ(through_decoder(decoder, line).rfind("error at job", 0), 0U) << line;
        EXPECT_EQ(through_decoder(decoder, line), through_dom(line)) << line;
    }
}

}  // namespace

namespace {

TEST(EventCodec, AnEventIdIsKeptAndWrittenAfterTheCandidacy) {
    auto const e = decode_event(R"({"job": 3, "freelancer": 42, "id": "msg-8812", "event": "pause"})");
    EXPECT_EQ(e.id, "msg-8812");
    EXPECT_EQ(hireguard::encode_event(e), R"({"job":3,"freelancer":42,"id":"msg-8812","event":"pause"})");
    EXPECT_EQ(decode_event(R"({"job": 3, "freelancer": 42, "event": "pause"})").id, "");
    EXPECT_EQ(decode_event(R"({"job": 3, "freelancer": 42, "event": "pause", "id": null})").id, "");
    EXPECT_EQ(hireguard::encode_event(logged_event{hireguard::job_id{3}, hireguard::freelancer_id{42}, ev::pause{}}),
              R"({"job":3,"freelancer":42,"event":"pause"})");
    EXPECT_EQ(field_of_error(R"({"job": 3, "freelancer": 42, "event": "pause", "id": 7})"), "id");
}

TEST(EventCodec, TheDecoderReadsIdsLikeTheDomAndForgetsThemOnTheNextLine) {
    hireguard::event_decoder d;
    for (std::string_view line : {
             R"({"job":3,"freelancer":42,"id":"a-1","event":"pause"})",
             R"({"job":3,"freelancer":42,"event":"pause"})",
             R"({"job":3,"freelancer":42,"id":"caf\u00e9","event":"pause"})",
             R"({"job":3,"freelancer":42,"id":"café","event":"pause"})",
             R"({"job":3,"freelancer":42,"id":null,"event":"pause"})",
             R"({"job":3,"freelancer":42,"id":"","event":"pause"})",
             R"({"job":3,"freelancer":42,"id":["x"],"event":"pause"})",
         }) {
        std::string dom;
        try {
            dom = hireguard::encode_event(decode_event(line));
        } catch (hireguard::json_error const& e) {
            dom = "error at " + e.field() + ": " + e.reason();
        }
        EXPECT_EQ(through_decoder(d, line), dom) << line;
    }
    EXPECT_EQ(d.decode(R"({"job":3,"freelancer":42,"id":"b-2","event":"pause"})").id, "b-2");
    EXPECT_EQ(d.decode(R"({"job":3,"freelancer":42,"event":"pause"})").id, "");
}

}  // namespace
