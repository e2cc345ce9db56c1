// libFuzzer harness of the event decoder (<hireguard/json/events.hpp>). The
// input is up to 64 lines of an event log. ONE hireguard::event_decoder reads
// every line of every input, as hireguard-audit and a service reuse theirs,
// so that memory it keeps from line to line is exercised; each line is also
// decoded by decode_event (a fresh Boost.JSON DOM, the full path) and by the
// decoder's fast path alone (Boost.JSON's SAX parser with fast_reader, as
// basic_event_decoder::decode_fast runs it). Traps when
//   - the reused decoder and decode_event differ: one accepts and the other
//     rejects, the events differ, or the errors differ in field or reason;
//   - the fast path accepts a line that the full path rejects or decodes to
//     another event;
//   - an accepted event, encoded again (encode_event), does not decode to
//     itself on both paths;
//   - anything but a json_error escapes.
// Prints at exit how many lines each path took:
//   fuzz_decoder: lines compared: <n>, accepted by the fast path: <f>, by the DOM only: <d>, rejected by both: <r>
//
// Boost.JSON is compiled into the harness (src.hpp), so that its parser is
// instrumented and guides the fuzzer through JSON syntax.
#include <boost/json/src.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include <hireguard/hiring/lifecycle.hpp>
#include <hireguard/json/events.hpp>

namespace {

namespace codec = hireguard::json_codec;
using hireguard::logged_event;

struct tally {
    std::uint64_t lines = 0;
    std::uint64_t fast = 0;
    std::uint64_t dom_only = 0;
    std::uint64_t rejected = 0;
};

tally& counts() {
    static tally t;
    return t;
}

[[noreturn]] void fail(char const* what, std::string_view line, std::string const& detail = {}) {
    std::fprintf(stderr, "hireguard fuzz_decoder: %s%s%s\n  line (%zu bytes): %.*s\n", what, detail.empty() ? "" : ": ",
                 detail.c_str(), line.size(), static_cast<int>(line.size() < 400 ? line.size() : 400), line.data());
    __builtin_trap();
}

/// A decoding's outcome: the event, or the json_error's field and reason.
struct outcome {
    std::optional<logged_event> event;
    std::string field;
    std::string reason;
};

std::string describe(outcome const& o) {
    if (o.event) return "accepted " + hireguard::encode_event(*o.event);
    return "rejected at \"" + o.field + "\": " + o.reason;
}

template <class Decode>
outcome run(std::string_view line, char const* who, Decode&& decode) {
    outcome o;
    try {
        o.event = decode(line);
    } catch (hireguard::json_error const& e) {
        if (e.reason().empty()) fail("a json_error without a reason", line, who);
        o.field = e.field();
        o.reason = e.reason();
    } catch (std::exception const& e) {
        fail("an exception other than json_error", line, std::string(who) + ": " + e.what());
    }
    return o;
}

/// Same event type, time and payload, member by member.
template <class Event>
bool same_payload(Event const& a, Event const& b) {
    bool same = a.at == b.at;
    if constexpr (codec::with_terms<Event>) same = same && a.terms == b.terms;
    if constexpr (codec::with_minutes<Event>) same = same && a.minutes == b.minutes;
    if constexpr (codec::with_amount<Event>) same = same && a.amount == b.amount;
    if constexpr (codec::with_party<Event>) same = same && a.by == b.by;
    return same;
}

bool same(logged_event const& a, logged_event const& b) {
    if (a.job != b.job || a.freelancer != b.freelancer || a.id != b.id || a.event.index() != b.event.index())
        return false;
    return std::visit([&](auto const& x) { return same_payload(x, std::get<std::decay_t<decltype(x)>>(b.event)); },
                      a.event);
}

bool same(outcome const& a, outcome const& b) {
    if (a.event.has_value() != b.event.has_value()) return false;
    if (a.event) return same(*a.event, *b.event);
    return a.field == b.field && a.reason == b.reason;
}

/// The decoder's fast path alone, as basic_event_decoder::decode_fast runs it
/// (that member is private): the SAX parser into fast_reader, then the
/// event's builder. Nothing when the fast path declines the line. Reused.
class fast_path {
public:
    std::optional<logged_event> decode(std::string_view line) {
        parser_.reset();
        parser_.handler().start();
        boost::system::error_code ec;
        std::size_t const used = parser_.write_some(false, line.data(), line.size(), ec);
        if (ec || !parser_.done()) return std::nullopt;
        if (line.find_first_not_of(" \t\r\n", used) != std::string_view::npos) return std::nullopt;
        auto const& f = parser_.handler().f;
        unsigned const needed = reader::k_job | reader::k_freelancer | reader::k_event;
        if ((f.seen & needed) != needed) return std::nullopt;
        logged_event out;
        if (!hireguard::detail::fast_builders<hireguard::any_event>::table[f.event](f, out.event)) return std::nullopt;
        out.job = hireguard::job_id{f.job};
        out.freelancer = hireguard::freelancer_id{f.freelancer};
        if ((f.seen & reader::k_id) != 0) out.id = f.id;
        return out;
    }

private:
    using reader = hireguard::detail::fast_reader<hireguard::any_event>;
    static boost::json::parse_options options() {
        boost::json::parse_options o;
        o.allow_invalid_utf8 = true;  // as the decoder's fast path
        return o;
    }
    boost::json::basic_parser<reader> parser_{options()};
};

hireguard::event_decoder& shared_decoder() {
    static hireguard::event_decoder d;
    return d;
}

fast_path& shared_fast_path() {
    static fast_path f;
    return f;
}

void compare(std::string_view line) {
    ++counts().lines;
    outcome const reused = run(line, "event_decoder", [](std::string_view l) { return shared_decoder().decode(l); });
    outcome const full = run(line, "decode_event", [](std::string_view l) { return hireguard::decode_event(l); });
    if (!same(reused, full))
        fail("the reused event_decoder and decode_event differ", line,
             "decoder " + describe(reused) + "; decode_event " + describe(full));
    std::optional<logged_event> const fast = shared_fast_path().decode(line);
    if (fast) {
        if (!full.event) fail("the fast path accepts a line the full path rejects", line, describe(full));
        if (!same(*fast, *full.event))
            fail("the fast path decodes another event than the full path", line,
                 "fast " + hireguard::encode_event(*fast) + "; full " + hireguard::encode_event(*full.event));
        ++counts().fast;
    } else if (full.event) {
        ++counts().dom_only;
    } else {
        ++counts().rejected;
    }
    if (!full.event) return;
    // What was accepted, written again, reads back as itself on both paths.
    std::string const again = hireguard::encode_event(*full.event);
    outcome const back = run(again, "event_decoder", [](std::string_view l) { return shared_decoder().decode(l); });
    if (!back.event || !same(*back.event, *full.event))
        fail("an accepted event does not decode from its encoding", line, again + " -> " + describe(back));
    outcome const back_full = run(again, "decode_event", [](std::string_view l) { return hireguard::decode_event(l); });
    if (!back_full.event || !same(*back_full.event, *full.event))
        fail("an accepted event does not decode from its encoding (full path)", line,
             again + " -> " + describe(back_full));
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
    std::atexit([] {
        auto const n = [](std::uint64_t x) { return static_cast<unsigned long long>(x); };
        std::fprintf(stderr,
                     "fuzz_decoder: lines compared: %llu, accepted by the fast path: %llu, by the DOM only: %llu, "
                     "rejected by both: %llu\n",
                     n(counts().lines), n(counts().fast), n(counts().dom_only), n(counts().rejected));
    });
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    std::string_view rest(reinterpret_cast<char const*>(data), size);
    for (int i = 0; i < 64 && !rest.empty(); ++i) {
        std::size_t const end = rest.find('\n');
        compare(rest.substr(0, end));
        if (end == std::string_view::npos) break;
        rest.remove_prefix(end + 1);
    }
    return 0;
}
