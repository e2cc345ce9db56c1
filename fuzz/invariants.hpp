// What every fuzz harness checks after every event, and the row coverage it
// counts: the invariants of every workflow (<hireguard/testing/checks.hpp>)
// and those of the lifecycle, against the reference model. A violated
// invariant prints one line and traps.
#ifndef HIREGUARD_FUZZ_INVARIANTS_HPP
#define HIREGUARD_FUZZ_INVARIANTS_HPP

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include <hireguard/core/verdict.hpp>
#include <hireguard/hiring/data.hpp>
#include <hireguard/hiring/lifecycle.hpp>
#include <hireguard/testing/checks.hpp>
#include <hireguard/testing/fuzz.hpp>

#include "model.hpp"

namespace fuzz {

[[noreturn]] inline void fail(char const* what, std::string_view state, any_event const& e) {
    std::fprintf(stderr, "hireguard fuzz: invariant violated: %s (state %.*s, event %.*s)\n", what,
                 static_cast<int>(state.size()), state.data(), static_cast<int>(model::name(model::kind(e)).size()),
                 model::name(model::kind(e)).data());
    __builtin_trap();
}

inline model::st state_of(std::string_view name) {
    for (std::size_t i = 0; i < model::state_count; ++i)
        if (model::state_names[i] == name) return static_cast<model::st>(i);
    std::fprintf(stderr, "hireguard fuzz: unknown state %.*s\n", static_cast<int>(name.size()), name.data());
    __builtin_trap();
}

/// Which of the lifecycle's 36 rows accepted events took, over the whole run
/// (<hireguard/testing/fuzz.hpp>), printed at exit by each harness.
inline hireguard::testing::row_coverage<hireguard::lifecycle>& coverage() {
    return hireguard::testing::fuzz_coverage<hireguard::lifecycle>();
}

/// The invariants of one candidacy's run, checked event by event against the
/// engine's answers: every workflow's (illegal exactly where the table has
/// no row, rejections change nothing, terminal states refuse everything, an
/// accepted event takes a row of the table); the model's verdict, state and
/// data; work only in contract_active after an accepted offer; minutes
/// logged are the sum of accepted work; the candidacy's clock never goes
/// back; every accepted event takes a row of docs/domain.md.
class watch {
public:
    watch(std::uint64_t job, std::uint64_t freelancer) : model_(model::begin(job, freelancer)) {}
    /// Watches a candidacy that starts where `from` is, restored rather than
    /// begun: hired already or not, with its minutes already logged.
    explicit watch(model::candidacy const& from)
        : model_(from), offer_accepted_(from.data.hired_at.has_value()), minutes_(from.data.minutes_logged) {}

    void check(std::string_view before_state, hireguard::candidacy_data const& before, any_event const& e,
               hireguard::verdict const& v, std::string_view after_state, hireguard::candidacy_data const& after,
               hireguard::policy const& p) {
        using lifecycle_snapshot = hireguard::testing::snapshot<hireguard::lifecycle>;
        if (auto broken = hireguard::testing::broken_invariant<hireguard::lifecycle>(
                lifecycle_snapshot{before_state, before, p}, e, v, lifecycle_snapshot{after_state, after, p}))
            hireguard::testing::fuzz_failure(*broken);
        model::ev const k = model::kind(e);
        model::answer const want = model::step(model_, e);
        if (v.accepted() != want.accepted) fail("accepted differs from the model", before_state, e);
        if (!v.accepted()) {
            if (v.error().kind != want.kind) fail("rejection kind differs from the model", before_state, e);
            if (v.error().rule != want.rule) fail("rule differs from the model", before_state, e);
        }
        if (after_state != model::name(model_.state)) fail("state differs from the model", before_state, e);
        if (!(after == model::expected_data(model_.data))) fail("data differs from the model", before_state, e);

        if (before.last_event_at && (!after.last_event_at || *after.last_event_at < *before.last_event_at))
            fail("the clock went back", before_state, e);
        if (v.accepted()) {
            int const row = model::row_index(state_of(before_state), k, state_of(after_state));
            if (row < 0) fail("an accepted event took no row of docs/domain.md", before_state, e);
            coverage().record(hireguard::testing::row_taken<hireguard::lifecycle>(
                hireguard::testing::state_index<hireguard::lifecycle>(before_state), e.index(),
                hireguard::testing::state_index<hireguard::lifecycle>(after_state)));
            if (k == model::ev::accept_offer) offer_accepted_ = true;
            if (k == model::ev::log_work) {
                if (!offer_accepted_) fail("work accepted before any accepted offer", before_state, e);
                if (before_state != "contract_active") fail("work accepted outside contract_active", before_state, e);
                minutes_ += std::get<hireguard::event::log_work>(e).minutes.count();
            }
        }
        if (after.minutes_logged.count() != minutes_) fail("minutes logged differ from accepted work", before_state, e);
    }

private:
    model::candidacy model_;
    bool offer_accepted_ = false;
    std::int64_t minutes_ = 0;
};

/// Processes `e` on `m`, then checks every invariant against the state and
/// data it had before: the step both single-engine harnesses take.
template <class Machine, class Event>
hireguard::verdict process_checked(Machine& m, watch& w, Event const& e) {
    auto const before_data = m.data();
    std::string const before_state(m.state_name());
    auto v = m.process(e);
    w.check(before_state, before_data, e, v, m.state_name(), m.data(), m.policy());
    return v;
}

}  // namespace fuzz

#endif
