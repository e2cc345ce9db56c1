// libFuzzer harness for restoring snapshots (<hireguard/json/snapshot.hpp>).
// The input is a JSON document, then optionally a NUL byte and events encoded
// as for the other harnesses (decode.hpp). A document that restore refuses
// must be refused with json_error; any other exception, or a crash, is a bug.
// A restored machine must snapshot and restore to an equal machine, and then
// run the events with every invariant of invariants.hpp checked against the
// reference model started from the restored state and data; its snapshot
// after the events must restore to an equal machine too. Prints at exit how
// many inputs restored, and docs/domain.md row coverage from restored states.
//
// Boost.JSON is compiled into the harness (src.hpp), so that its parser is
// instrumented and guides the fuzzer through JSON syntax.
#include <boost/json/src.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

#include <hireguard/json/snapshot.hpp>
#include <hireguard/machine.hpp>

#include "decode.hpp"
#include "invariants.hpp"

namespace {

struct tally {
    std::uint64_t inputs = 0;
    std::uint64_t restored = 0;
    std::uint64_t events = 0;
};

tally& counts() {
    static tally t;
    return t;
}

[[noreturn]] void fail(char const* what, std::string_view detail = {}) {
    std::fprintf(stderr, "hireguard fuzz_restore: %s%s%.*s\n", what, detail.empty() ? "" : ": ",
                 static_cast<int>(detail.size()), detail.data());
    __builtin_trap();
}

/// The reference model in the restored machine's state, with its data and settings.
model::candidacy model_of(hireguard::machine const& m) {
    auto const& d = m.data();
    model::candidacy c;
    c.state = fuzz::state_of(m.state_name());
    c.data.job = d.job.value();
    c.data.freelancer = d.freelancer.value();
    c.data.last_event_at = d.last_event_at;
    c.data.terms = d.terms;
    c.data.offer_sent_at = d.offer_sent_at;
    c.data.hired_at = d.hired_at;
    c.data.started_at = d.started_at;
    c.data.ended_at = d.ended_at;
    c.data.minutes_logged = d.minutes_logged.count();
    c.data.escrow = d.milestone == hireguard::milestone_status::none     ? model::milestone::none
                    : d.milestone == hireguard::milestone_status::funded ? model::milestone::funded
                                                                         : model::milestone::submitted;
    c.data.escrow_cents = d.milestone_amount.cents();
    c.data.paid_cents = d.paid.cents();
    c.data.milestones_paid = d.milestones_paid;
    c.data.client_feedback = d.client_left_feedback;
    c.data.freelancer_feedback = d.freelancer_left_feedback;
    c.rules.offer_lifetime = m.policy().offer_lifetime;
    c.rules.feedback_window = m.policy().feedback_window;
    c.rules.minimum_milestone_cents = m.policy().minimum_milestone.cents();
    return c;
}

/// restore(snapshot(m)) == m, through the value and through the text.
void round_trip(hireguard::machine const& m, char const* when) {
    boost::json::object s;
    try {
        s = hireguard::snapshot(m);
    } catch (hireguard::json_error const& e) {
        // The one thing a snapshot cannot write: a start date outside the
        // years 1900 to 9999, which the engine records as the offer gave it.
        if (e.field() != "data.terms.start_date") fail("snapshot threw", e.what());
        return;
    }
    try {
        if (!(hireguard::restore(s) == m)) fail("restore(snapshot(m)) differs from m", when);
        if (!(hireguard::restore(boost::json::serialize(s)) == m)) fail("restore(snapshot_text(m)) differs", when);
    } catch (hireguard::json_error const& e) {
        fail("a snapshot did not restore", e.what());
    }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
    std::atexit([] {
        std::fprintf(stderr, "fuzz_restore: snapshots restored: %llu of %llu inputs, %llu events after them\n",
                     static_cast<unsigned long long>(counts().restored),
                     static_cast<unsigned long long>(counts().inputs),
                     static_cast<unsigned long long>(counts().events));
        fuzz::coverage().print("fuzz_restore");
    });
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    ++counts().inputs;
    auto const* nul = static_cast<std::uint8_t const*>(std::memchr(data, 0, size));
    std::size_t const document_size = nul != nullptr ? static_cast<std::size_t>(nul - data) : size;
    std::string_view const document(reinterpret_cast<char const*>(data), document_size);

    std::optional<hireguard::machine> restored;
    try {
        restored.emplace(hireguard::restore(document));
    } catch (hireguard::json_error const& e) {
        if (e.reason().empty()) fail("a json_error without a reason", e.field());
        return 0;
    }
    ++counts().restored;
    hireguard::machine m = *restored;
    round_trip(m, "as restored");
    if (nul == nullptr) return 0;

    std::size_t const events_size = size - document_size - 1;
    fuzz::decoder in(nul + 1, events_size, m.policy());
    fuzz::watch w(model_of(m));
    for (std::size_t i = 0; i < fuzz::max_events && !in.done(); ++i) {
        auto const e = in.next(m.data());
        auto const before_data = m.data();
        std::string const before_state(m.state_name());
        auto const v = m.process(e);
        w.check(before_state, before_data, e, v, m.state_name(), m.data());
        ++counts().events;
    }
    round_trip(m, "after the events");
    return 0;
}
