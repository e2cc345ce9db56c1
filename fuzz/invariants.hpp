// What every fuzz harness checks after every event, and the row coverage it
// counts. A violated invariant prints one line and traps.
#ifndef HIREGUARD_FUZZ_INVARIANTS_HPP
#define HIREGUARD_FUZZ_INVARIANTS_HPP

#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include <hireguard/core/verdict.hpp>
#include <hireguard/hiring/data.hpp>
#include <hireguard/hiring/lifecycle.hpp>

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

/// Which of docs/domain.md's 36 rows accepted events took, over the whole run,
/// printed at exit; and when the last new row was first taken.
struct row_coverage {
    std::array<std::uint64_t, model::table.size()> hits{};
    std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
    double all_reached_after = -1;

    void record(int row) {
        if (hits[static_cast<std::size_t>(row)]++ != 0) return;
        if (reached() == model::table.size())
            all_reached_after = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    }
    [[nodiscard]] std::size_t reached() const {
        std::size_t n = 0;
        for (auto h : hits) n += h != 0 ? 1 : 0;
        return n;
    }
    void print(char const* harness) const {
        std::fprintf(stderr, "%s: rows reached: %zu/%zu", harness, reached(), model::table.size());
        if (all_reached_after >= 0) std::fprintf(stderr, " (all after %.2f s)", all_reached_after);
        std::fprintf(stderr, "\n");
        for (std::size_t i = 0; i < hits.size(); ++i)
            if (hits[i] == 0)
                std::fprintf(stderr, "%s: row not reached: %.*s --%.*s--> %.*s\n", harness,
                             static_cast<int>(model::name(model::table[i].from).size()),
                             model::name(model::table[i].from).data(),
                             static_cast<int>(model::name(model::table[i].event).size()),
                             model::name(model::table[i].event).data(),
                             static_cast<int>(model::name(model::table[i].to).size()),
                             model::name(model::table[i].to).data());
    }
};

inline row_coverage& coverage() {
    static row_coverage c;
    return c;
}

/// The invariants of one candidacy's run, checked event by event against the
/// engine's answers: the model's verdict, state and data; rejections change
/// nothing; work only in contract_active after an accepted offer; minutes
/// logged are the sum of accepted work; terminal states refuse everything;
/// the candidacy's clock never goes back; every accepted event takes a row
/// of docs/domain.md.
class watch {
public:
    watch(std::uint64_t job, std::uint64_t freelancer) : model_(model::begin(job, freelancer)) {}
    /// Watches a candidacy that starts where `from` is, restored rather than
    /// begun: hired already or not, with its minutes already logged.
    explicit watch(model::candidacy const& from)
        : model_(from), offer_accepted_(from.data.hired_at.has_value()), minutes_(from.data.minutes_logged) {}

    void check(std::string_view before_state, hireguard::candidacy_data const& before, any_event const& e,
               hireguard::verdict const& v, std::string_view after_state, hireguard::candidacy_data const& after) {
        model::ev const k = model::kind(e);
        model::answer const want = model::step(model_, e);
        if (v.accepted() != want.accepted) fail("accepted differs from the model", before_state, e);
        if (!v.accepted()) {
            if (v.error().kind != want.kind) fail("rejection kind differs from the model", before_state, e);
            if (v.error().rule != want.rule) fail("rule differs from the model", before_state, e);
            if (after_state != before_state || !(after == before))
                fail("a rejection changed something", before_state, e);
        }
        if (after_state != model::name(model_.state)) fail("state differs from the model", before_state, e);
        if (!(after == model::expected_data(model_.data))) fail("data differs from the model", before_state, e);

        if (model::is_terminal(state_of(before_state)) && !v.rejected_as(hireguard::rejection_kind::illegal_transition))
            fail("a terminal state let an event through", before_state, e);
        if (before.last_event_at && (!after.last_event_at || *after.last_event_at < *before.last_event_at))
            fail("the clock went back", before_state, e);
        if (v.accepted()) {
            int const row = model::row_index(state_of(before_state), k, state_of(after_state));
            if (row < 0) fail("an accepted event took no row of docs/domain.md", before_state, e);
            coverage().record(row);
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
    w.check(before_state, before_data, e, v, m.state_name(), m.data());
    return v;
}

}  // namespace fuzz

#endif
