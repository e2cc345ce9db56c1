// Generators and printers shared by the RapidCheck property tests: the
// lifecycle's event factory and its reference model (model.hpp) seen as a
// model of <hireguard/testing/rapidcheck.hpp>, whose generic generators and
// properties the tests use.
//
// Events are generated from the reference model's state, so that a random
// sequence gets past the interview and into the contract often: mostly events
// that are legal in the model's state, some illegal ones, payloads on both
// sides of every rule's threshold, and timestamps that move forward, stay put,
// go missing or go backwards.
#ifndef HIREGUARD_TESTS_PROPERTY_SUPPORT_HPP
#define HIREGUARD_TESTS_PROPERTY_SUPPORT_HPP

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include <rapidcheck.h>

#include <hireguard/hiring/lifecycle.hpp>
#include <hireguard/testing/rapidcheck.hpp>

#include "model.hpp"

namespace hireguard::event {

/// How RapidCheck prints an event in a counterexample: found by ADL on the variant.
inline void showValue(hireguard::any_event const& e, std::ostream& os) {
    os << model::name(model::kind(e));
    if (auto const at = model::time_of(e)) {
        os << "@" << hireguard::to_string(*at);
    } else {
        os << "@untimed";
    }
    std::visit(
        [&os](auto const& x) {
            using E = std::remove_cvref_t<decltype(x)>;
            if constexpr (requires { x.terms; }) {
                os << "{" << (x.terms.kind == contract_kind::hourly ? "hourly " : "fixed ")
                   << x.terms.hourly_rate.cents() << "c/h, first " << x.terms.first_milestone.cents() << "c";
                if (x.terms.start_date) os << ", start " << hireguard::to_string(*x.terms.start_date);
                os << "}";
            } else if constexpr (std::is_same_v<E, log_work>) {
                os << "{" << x.minutes.count() << "min}";
            } else if constexpr (std::is_same_v<E, fund_milestone>) {
                os << "{" << x.amount.cents() << "c}";
            } else if constexpr (requires { x.by; }) {
                os << "{" << (x.by == party::client ? "client" : "freelancer") << "}";
            }
        },
        e);
}

}  // namespace hireguard::event

namespace property {

using namespace hireguard;
using std::chrono::days;
using std::chrono::seconds;

/// The day the generated histories start.
inline constexpr timestamp t0 = utc(std::chrono::year{2026} / 1 / 5);

inline std::string describe(any_event const& e) {
    std::ostringstream os;
    event::showValue(e, os);
    return os.str();
}

inline std::string describe(std::vector<any_event> const& history) {
    std::string out;
    for (auto const& e : history) out += describe(e) + "\n";
    return out;
}

/// A time for the next event: mostly after the latest one, sometimes the same,
/// missing or earlier, and sometimes a second either side of an offer's
/// expiry, the end of the feedback window or a contract's start date.
inline rc::Gen<std::optional<timestamp>> gen_time(model::candidacy const& m) {
    return rc::gen::exec([m]() -> std::optional<timestamp> {
        timestamp const base = m.data.last_event_at.value_or(t0);
        auto edge = [&](std::optional<timestamp> t) {
            return t.value_or(base) + seconds{*rc::gen::inRange<std::int64_t>(-2, 3)};
        };
        switch (*rc::gen::weightedElement<int>({{2, 0}, {2, 1}, {8, 2}, {3, 3}, {2, 4}, {2, 5}, {2, 6}, {1, 7}})) {
            case 0:
                return std::nullopt;
            case 1:
                return base;
            case 2:
                return base + seconds{*rc::gen::inRange<std::int64_t>(1, 24 * 3600)};
            case 3:
                return base + days{*rc::gen::inRange<std::int64_t>(1, 60)};
            case 4:
                return base - seconds{*rc::gen::inRange<std::int64_t>(1, 48 * 3600)};
            case 5:
                return edge(m.data.offer_sent_at ? std::optional(*m.data.offer_sent_at + m.rules.offer_lifetime)
                                                 : std::nullopt);
            case 6:
                return edge(m.data.ended_at ? std::optional(*m.data.ended_at + m.rules.feedback_window) : std::nullopt);
            default:
                return edge(m.data.terms ? m.data.terms->start_date : std::nullopt);
        }
    });
}

inline rc::Gen<offer_terms> gen_terms(timestamp now) {
    return rc::gen::exec([now] {
        offer_terms t;
        t.kind = *rc::gen::element(contract_kind::hourly, contract_kind::fixed_price);
        t.hourly_rate = cents(*rc::gen::weightedOneOf<std::int64_t>({{1, rc::gen::just<std::int64_t>(0)},
                                                                     {1, rc::gen::inRange<std::int64_t>(-5000, 0)},
                                                                     {6, rc::gen::inRange<std::int64_t>(1, 20000)}}));
        t.first_milestone =
            cents(*rc::gen::weightedOneOf<std::int64_t>({{1, rc::gen::just<std::int64_t>(0)},
                                                         {2, rc::gen::inRange<std::int64_t>(498, 503)},
                                                         {6, rc::gen::inRange<std::int64_t>(500, 1000000)}}));
        if (*rc::gen::weightedElement<bool>({{3, false}, {2, true}}))
            t.start_date = now + seconds{*rc::gen::inRange<std::int64_t>(-3 * 86400, 20 * 86400)};
        return t;
    });
}

inline rc::Gen<std::int64_t> gen_amount_cents() {
    return rc::gen::weightedOneOf<std::int64_t>({{1, rc::gen::inRange<std::int64_t>(-1000, 1)},
                                                 {2, rc::gen::inRange<std::int64_t>(498, 503)},
                                                 {6, rc::gen::inRange<std::int64_t>(500, 1000000)},
                                                 {1, rc::gen::just(std::numeric_limits<std::int64_t>::max())}});
}

inline rc::Gen<std::int64_t> gen_minutes() {
    return rc::gen::weightedOneOf<std::int64_t>({{1, rc::gen::inRange<std::int64_t>(-60, 1)},
                                                 {8, rc::gen::inRange<std::int64_t>(1, 600)},
                                                 {1, rc::gen::just(std::numeric_limits<std::int64_t>::max() - 5)}});
}

/// One event of kind `k`, with a generated time and payload.
inline rc::Gen<any_event> gen_event_of(model::candidacy const& m, model::ev k) {
    return rc::gen::exec([m, k]() -> any_event {
        std::optional<timestamp> const at = *gen_time(m);
        timestamp const now = at.value_or(m.data.last_event_at.value_or(t0));
        auto const by = [] { return *rc::gen::element(party::client, party::freelancer); };
        using model::ev;
        switch (k) {
            case ev::invite:
                return event::invite{.at = at};
            case ev::withdraw_invite:
                return event::withdraw_invite{.at = at};
            case ev::respond:
                return event::respond{.at = at};
            case ev::decline:
                return event::decline{.at = at};
            case ev::send_offer:
                return event::send_offer{.at = at, .terms = *gen_terms(now)};
            case ev::modify_offer:
                return event::modify_offer{.at = at, .terms = *gen_terms(now)};
            case ev::withdraw_offer:
                return event::withdraw_offer{.at = at};
            case ev::fund_milestone:
                return event::fund_milestone{.at = at, .amount = cents(*gen_amount_cents())};
            case ev::approve_milestone:
                return event::approve_milestone{.at = at};
            case ev::pause:
                return event::pause{.at = at};
            case ev::resume:
                return event::resume{.at = at};
            case ev::close_job:
                return event::close_job{.at = at};
            case ev::accept_invite:
                return event::accept_invite{.at = at};
            case ev::decline_invite:
                return event::decline_invite{.at = at};
            case ev::submit_proposal:
                return event::submit_proposal{.at = at};
            case ev::withdraw:
                return event::withdraw{.at = at};
            case ev::decline_offer:
                return event::decline_offer{.at = at};
            case ev::accept_offer:
                return event::accept_offer{.at = at};
            case ev::log_work:
                return event::log_work{.at = at, .minutes = std::chrono::minutes{*gen_minutes()}};
            case ev::submit_milestone:
                return event::submit_milestone{.at = at};
            case ev::end_contract:
                return event::end_contract{.at = at, .by = by()};
            case ev::leave_feedback:
                return event::leave_feedback{.at = at, .by = by()};
            case ev::offer_expired:
                return event::offer_expired{.at = at};
            case ev::start_date_reached:
                return event::start_date_reached{.at = at};
        }
        return event::invite{.at = at};
    });
}

/// The reference model as <hireguard/testing/rapidcheck.hpp> reads a host's
/// model: its state's name, its answer to an event, the data it expects.
struct lifecycle_model {
    model::candidacy c = model::begin(7, 42);

    [[nodiscard]] std::string_view state_name() const { return model::name(c.state); }
    hireguard::testing::expected step(any_event const& e) {
        model::answer const a = model::step(c, e);
        return {a.accepted, a.kind, to_string(a.rule)};
    }
    [[nodiscard]] candidacy_data expected_data() const { return model::expected_data(c.data); }
};

/// The lifecycle's event factory: an event of the kind asked for, its time
/// and payload generated from the model (`gen_event_of`).
inline auto const event_factory = [](auto kind, lifecycle_model const& m) {
    return gen_event_of(m.c, model::kind(typename decltype(kind)::type{}));
};

/// The next event for a candidacy in the model's state
/// (`hireguard::testing::gen_event`): three times in four a kind that the
/// table allows there (when any does), else any of the 24. Rows that end the
/// candidacy or the contract are picked less often, so that histories get
/// hired and then work.
inline rc::Gen<any_event> gen_event(model::candidacy const& m) {
    return hireguard::testing::gen_event<lifecycle>(lifecycle_model{m}, event_factory);
}

/// A history of up to twice the size events, each generated from the model's
/// state after the ones before it (`hireguard::testing::gen_history`).
inline rc::Gen<std::vector<any_event>> gen_history() {
    return hireguard::testing::gen_history<lifecycle>(lifecycle_model{}, event_factory);
}

/// Long runs: HIREGUARD_PROPERTY_CASES=N makes every property try N cases
/// (RapidCheck's `max_success`), on top of the fixed seed that ctest sets in
/// RC_PARAMS. Applied before the first property reads RapidCheck's settings.
inline bool const property_cases_applied = [] {
    char const* cases = std::getenv("HIREGUARD_PROPERTY_CASES");
    if (cases == nullptr || *cases == '\0') return false;
    char const* params = std::getenv("RC_PARAMS");
    std::string out;
    std::istringstream in(params ? params : "");
    for (std::string word; in >> word;)
        if (word.rfind("max_success=", 0) != 0) out += word + " ";
    out += "max_success=" + std::string(cases);
    return setenv("RC_PARAMS", out.c_str(), 1) == 0;
}();

}  // namespace property

#endif
