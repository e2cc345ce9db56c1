// libFuzzer harness for restoring snapshots (<hireguard/json/snapshot.hpp>).
// The input is a JSON document, then optionally a NUL byte and events encoded
// as for the other harnesses (decode.hpp). A document that restore refuses
// must be refused with json_error; any other exception, or a crash, is a bug.
// A restored machine must snapshot and restore to an equal machine, and then
// run the events with every invariant of invariants.hpp checked against the
// reference model started from the restored state and data; its snapshot
// after the events must restore to an equal machine too. The same document
// is also restored as a job (restore_job): a restored job must round-trip,
// take the events for its freelancers, and round-trip again. Prints at exit
// how many inputs restored, and docs/domain.md row coverage from restored
// machines.
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
#include <utility>
#include <variant>
#include <vector>

#include <hireguard/hiring/job.hpp>
#include <hireguard/hiring/lifecycle.hpp>
#include <hireguard/json/snapshot.hpp>

#include "decode.hpp"
#include "invariants.hpp"

namespace {

struct tally {
    std::uint64_t inputs = 0;
    std::uint64_t restored = 0;
    std::uint64_t jobs = 0;
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
    return model::from_engine(m.state_name(), m.data(), m.policy());
}

/// restore(snapshot(m)) == m, through the value and through the text.
void round_trip(hireguard::machine const& m, char const* when) {
    boost::json::object s;
    try {
        s = hireguard::snapshot(m);
    } catch (hireguard::json_error const& e) {
        // Offers starting outside the years 1900 to 9999 are invalid input,
        // so every reachable machine has a snapshot.
        fail("snapshot threw", e.what());
    }
    try {
        if (!(hireguard::restore(s) == m)) fail("restore(snapshot(m)) differs from m", when);
        if (!(hireguard::restore(boost::json::serialize(s)) == m)) fail("restore(snapshot_text(m)) differs", when);
    } catch (hireguard::json_error const& e) {
        fail("a snapshot did not restore", e.what());
    }
}

bool same_job(hireguard::job const& a, hireguard::job const& b) {
    return a.id() == b.id() && a.openings() == b.openings() && a.is_open() == b.is_open() &&
           a.closed_at() == b.closed_at() && a.policy() == b.policy() && a.candidacies() == b.candidacies();
}

/// restore_job(snapshot(j)) is j, through the value and through the text.
void round_trip(hireguard::job const& j, char const* when) {
    boost::json::object s;
    try {
        s = hireguard::snapshot(j);
    } catch (hireguard::json_error const& e) {
        if (e.field().find("data.terms.start_date") == std::string::npos) fail("job snapshot threw", e.what());
        return;
    }
    try {
        if (!same_job(hireguard::restore_job(s), j)) fail("restore_job(snapshot(j)) differs from j", when);
        if (!same_job(hireguard::restore_job(boost::json::serialize(s)), j))
            fail("restore_job(snapshot_text(j)) differs", when);
    } catch (hireguard::json_error const& e) {
        fail("a job snapshot did not restore", e.what());
    }
}

/// The document as a job; events go to its candidacies in turn, and to one
/// new freelancer, with close_job closing the whole job.
void as_job(std::string_view document, std::uint8_t const* events, std::size_t events_size) {
    std::optional<hireguard::job> restored;
    try {
        restored.emplace(hireguard::restore_job(document));
    } catch (hireguard::json_error const& e) {
        if (e.reason().empty()) fail("a json_error without a reason", e.field());
        return;
    }
    ++counts().jobs;
    hireguard::job j = std::move(*restored);
    round_trip(j, "job as restored");
    if (events == nullptr) return;
    std::vector<hireguard::freelancer_id> people;
    for (auto const& [f, m] : j.candidacies()) people.push_back(f);
    people.push_back(hireguard::freelancer_id{people.empty() ? 1 : people.back().value() + 1});
    fuzz::decoder in(events, events_size, j.policy());
    for (std::size_t i = 0; i < fuzz::max_events && !in.done(); ++i) {
        hireguard::freelancer_id const f = people[i % people.size()];
        auto const* m = j.find(f);
        auto const e = in.next(m != nullptr ? m->data() : hireguard::candidacy_data{j.id(), f});
        if (auto const* close = std::get_if<hireguard::event::close_job>(&e)) {
            (void)j.close(*close);
        } else {
            (void)j.process(f, e);
        }
    }
    round_trip(j, "job after the events");
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
    std::atexit([] {
        auto const n = [](std::uint64_t x) { return static_cast<unsigned long long>(x); };
        std::fprintf(stderr,
                     "fuzz_restore: snapshots restored: %llu of %llu inputs (%llu jobs), %llu events after them\n",
                     n(counts().restored + counts().jobs), n(counts().inputs), n(counts().jobs), n(counts().events));
        fuzz::coverage().print(stderr, "fuzz_restore");
    });
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    ++counts().inputs;
    auto const* nul = static_cast<std::uint8_t const*>(std::memchr(data, 0, size));
    std::size_t const document_size = nul != nullptr ? static_cast<std::size_t>(nul - data) : size;
    std::string_view const document(reinterpret_cast<char const*>(data), document_size);

    std::size_t const events_size = nul != nullptr ? size - document_size - 1 : 0;
    as_job(document, nul != nullptr ? nul + 1 : nullptr, events_size);

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

    fuzz::decoder in(nul + 1, events_size, m.policy());
    fuzz::watch w(model_of(m));
    for (std::size_t i = 0; i < fuzz::max_events && !in.done(); ++i) {
        (void)fuzz::process_checked(m, w, in.next(m.data()));
        ++counts().events;
    }
    round_trip(m, "after the events");
    return 0;
}
