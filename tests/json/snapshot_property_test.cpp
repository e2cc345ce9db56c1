// RapidCheck properties of persistence over generated histories (the
// generators of tests/property_support.hpp): restore(snapshot(x)) == x after
// every event, through the JSON value and through the text; a replay of the
// history equals the live machine; a snapshot taken midway and continued with
// the rest of the history equals the whole.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <boost/json.hpp>

#include <hireguard/hiring/lifecycle.hpp>
#include <hireguard/json/snapshot.hpp>

#include "property_support.hpp"

namespace {

using namespace hireguard;
using namespace property;

/// docs/domain.md's defaults most of the time, else short or long lifetimes
/// and windows, another minimum milestone and no cap on hires.
rc::Gen<hireguard::policy> gen_policy() {
    return rc::gen::exec([] {
        hireguard::policy p;
        if (*rc::gen::weightedElement<bool>({{2, false}, {1, true}})) {
            p.offer_lifetime = std::chrono::seconds{*rc::gen::inRange<std::int64_t>(1, std::int64_t{90} * 86400)};
            p.feedback_window = std::chrono::seconds{*rc::gen::inRange<std::int64_t>(1, std::int64_t{30} * 86400)};
            p.minimum_milestone = cents(*rc::gen::inRange<std::int64_t>(1, 2000));
            p.cap_hires_at_openings = *rc::gen::arbitrary<bool>();
        }
        return p;
    });
}

std::string describe(hireguard::machine const& m) {
    return std::string(m.state_name()) + " " + snapshot_text(m);
}

RC_GTEST_PROP(SnapshotRoundTrip, RestoreOfTheSnapshotEqualsTheMachineAfterEveryEvent, ()) {
    auto const p = *gen_policy();
    auto const history = *gen_history();
    machine m{job_id{7}, freelancer_id{42}, p};
    for (std::size_t i = 0; i <= history.size(); ++i) {
        if (i > 0) (void)m.process(history[i - 1]);
        boost::json::object const s = snapshot(m);
        std::optional<machine> restored;
        try {
            restored = restore(s);
        } catch (json_error const& err) {
            // A check of restore refuses data that the engine produces.
            RC_LOG() << "after " << i << " events:\n" << property::describe(history) << describe(m) << "\n";
            RC_FAIL(std::string("refused a reachable machine: ") + err.what());
        }
        machine const& from_value = *restored;
        if (!(from_value == m)) {
            RC_LOG() << "after " << i << " events:\n"
                     << property::describe(history) << "machine:  " << describe(m)
                     << "\nrestored: " << describe(from_value) << "\n";
            RC_FAIL("restore(snapshot(m)) differs from m");
        }
        machine const from_text = restore(snapshot_text(m));
        RC_ASSERT(from_text == m);
        RC_ASSERT(snapshot(from_text) == s);
    }
}

// A replay refuses the events without a time (it has no clock to stamp them
// with); the live machine, given only the timed ones, ends where the replay
// does, and rejects the same of them.
RC_GTEST_PROP(EventSourcing, ReplayOfTheHistoryHasTheSnapshotOfTheLiveMachine, ()) {
    auto const p = *gen_policy();
    auto const history = *gen_history();
    machine live{job_id{7}, freelancer_id{42}, p};
    std::vector<std::size_t> expected_rejections;
    std::vector<std::size_t> untimed;
    for (std::size_t i = 0; i < history.size(); ++i) {
        bool const timed = std::visit([](auto const& e) { return e.at.has_value(); }, history[i]);
        if (!timed) untimed.push_back(i);
        if (!timed || !live.process(history[i])) expected_rejections.push_back(i);
    }

    replayed const r = replay(job_id{7}, freelancer_id{42}, history, p);
    RC_ASSERT(snapshot(r.machine) == snapshot(live));
    RC_ASSERT(r.machine == live);
    RC_ASSERT(r.events == history.size());
    std::vector<std::size_t> replay_rejections;
    std::vector<std::size_t> refused_as_untimed;
    for (auto const& x : r.rejections) {
        replay_rejections.push_back(x.index);
        if (x.why.rule == rule_ids::event_time_known && x.why.why().find("replay") != std::string_view::npos)
            refused_as_untimed.push_back(x.index);
    }
    RC_ASSERT(replay_rejections == expected_rejections);
    RC_ASSERT(refused_as_untimed == untimed);
}

RC_GTEST_PROP(EventSourcing, ASnapshotTakenMidwayAndTheRestOfTheHistoryEqualTheWhole, ()) {
    auto const p = *gen_policy();
    auto const history = *gen_history();
    auto const cut = *rc::gen::inRange<std::size_t>(0, history.size() + 1);
    std::vector<any_event> const head(history.begin(), history.begin() + static_cast<std::ptrdiff_t>(cut));
    std::vector<any_event> const tail(history.begin() + static_cast<std::ptrdiff_t>(cut), history.end());

    std::string const saved = snapshot_text(replay(job_id{7}, freelancer_id{42}, head, p).machine);
    replayed const continued = replay(restore(saved), tail);
    RC_ASSERT(continued.machine == replay(job_id{7}, freelancer_id{42}, history, p).machine);
}

}  // namespace
