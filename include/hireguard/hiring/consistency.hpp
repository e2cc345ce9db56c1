// Which data a candidacy of the canonical lifecycle can carry in each state:
// the facts of docs/domain.md that a restored snapshot must agree with.
#ifndef HIREGUARD_HIRING_CONSISTENCY_HPP
#define HIREGUARD_HIRING_CONSISTENCY_HPP

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include <hireguard/core/table.hpp>
#include <hireguard/hiring/data.hpp>
#include <hireguard/hiring/lifecycle.hpp>
#include <hireguard/hiring/values.hpp>
#include <hireguard/hiring/workflow.hpp>

namespace hireguard {

/// A field of a candidacy's data that disagrees with its state, and why.
struct data_inconsistency {
    /// The field, relative to the data: "hired_at", "terms.start_date".
    std::string field;
    std::string reason;
};

namespace detail {
// What no hiring workflow's engine leaves in its data, whatever the state.
[[nodiscard]] inline std::optional<data_inconsistency> hiring_data_problem(candidacy_data const& d) {
    if (d.minutes_logged.count() < 0) return data_inconsistency{"minutes_logged", "cannot be negative"};
    return std::nullopt;
}
}  // namespace detail

/// Why the data of a candidacy of a host's hiring workflow (one derived from
/// `hiring_workflow`) cannot be what its engine leaves, whatever the state:
/// the checks of its `candidacy_data` part that do not depend on the states
/// (no negative minutes). Restoring a snapshot calls it, unless the workflow
/// declares a `data_problem` of its own.
///
///     auto problem = hireguard::data_problem(static_cast<my_workflow const*>(nullptr), "screening", d);
template <class W>
requires std::is_base_of_v<hiring_workflow<data_t<W>, policy_t<W>>, W>
[[nodiscard]] std::optional<data_inconsistency> data_problem(W const* /*workflow*/, std::string_view /*state*/,
                                                             data_t<W> const& d, std::string_view /*where*/ = "data") {
    return detail::hiring_data_problem(d);
}

/// Why the data of a candidacy of the canonical lifecycle cannot be what the
/// engine leaves in state `state` (docs/domain.md, and docs/persistence.md for
/// the list), or nothing when it can. Restoring a snapshot calls it, found by
/// argument-dependent lookup on the workflow: a host's workflow may declare
/// its own `data_problem(my_workflow const*, state, data, where)`. `where`
/// names the data in the reasons that cite another field.
///
///     assert(!hireguard::data_problem(static_cast<hireguard::lifecycle const*>(nullptr), "prospect", d));
[[nodiscard]] inline std::optional<data_inconsistency> data_problem(lifecycle const* /*workflow*/,
                                                                    std::string_view state, candidacy_data const& d,
                                                                    std::string_view where = "data") {
    auto at = [&](std::string_view key) { return std::string(where) + "." + std::string(key); };
    auto fail = [](std::string_view key, std::string reason) {
        return std::optional<data_inconsistency>{data_inconsistency{std::string(key), std::move(reason)}};
    };
    if (auto problem = detail::hiring_data_problem(d)) return problem;
    std::string const in = " in " + std::string(state);

    constexpr auto hired_names = detail::names_of(hired_states_t<lifecycle>{});
    bool const hired = std::find(hired_names.begin(), hired_names.end(), state) != hired_names.end();
    bool const offer_required = hired || state == "offered" || state == "offer_declined";
    bool const offer_allowed = offer_required || state == "closed";

    // The offer: its terms and when it was sent, together.
    if (!offer_allowed) {
        if (d.terms) return fail("terms", "an offer" + in + ", a state that no offer has reached");
        if (d.offer_sent_at) return fail("offer_sent_at", "an offer" + in + ", a state that no offer has reached");
    }
    if (offer_required && !d.terms) return fail("terms", "missing: a candidacy" + in + " has an offer's terms");
    if (d.terms && !d.offer_sent_at)
        return fail("offer_sent_at", "missing: an offer's terms come with when it was sent");
    if (!d.terms && d.offer_sent_at) return fail("terms", "missing: an offer was sent, its terms are needed");

    // The hire and the contract's dates.
    if (hired && !d.hired_at) return fail("hired_at", "missing: a candidacy" + in + " was hired");
    if (!hired && d.hired_at) return fail("hired_at", "a hire on a candidacy" + in + ", which was never hired");
    bool const must_have_started = state == "contract_active" || state == "contract_paused";
    if (must_have_started && !d.started_at) return fail("started_at", "missing: a contract" + in + " has begun");
    if (!hired && d.started_at) return fail("started_at", "a contract start on a candidacy that was never hired");
    if (state == "contract_pending" && d.started_at) return fail("started_at", "a pending contract has not begun");
    if (hired && !d.started_at) {
        // Accepted before its start date: contract_pending, or ended from it.
        if (!d.terms->start_date)
            return fail("terms.start_date", "missing: a contract accepted before it began needs a start date");
        if (*d.terms->start_date <= *d.hired_at)
            return fail("terms.start_date", "a contract that has not begun must start after its acceptance, " +
                                                to_string(*d.hired_at) + ", not " + to_string(*d.terms->start_date));
    }
    if (state == "contract_ended" && !d.ended_at) return fail("ended_at", "missing: a contract" + in + " has an end");
    if (state != "contract_ended" && d.ended_at) return fail("ended_at", "an end of contract" + in);

    // Work and money, only once the contract has begun.
    if (d.minutes_logged.count() != 0 && !hired)
        return fail("minutes_logged", "minutes logged on a candidacy that was never hired");
    if (d.minutes_logged.count() != 0 && !d.started_at)
        return fail("minutes_logged", "minutes logged on a contract that never began");
    bool const fixed = hired && d.terms->kind == contract_kind::fixed_price;
    std::string const no_milestones = hired ? "milestones belong to fixed-price contracts, and this one is hourly"
                                            : "a candidacy" + in + " has no contract";
    if (!fixed) {
        if (d.milestone != milestone_status::none) return fail("milestone", no_milestones);
        if (d.milestone_amount != money{}) return fail("milestone_amount", no_milestones);
        if (d.paid != money{}) return fail("paid", no_milestones);
        if (d.milestones_paid != 0) return fail("milestones_paid", no_milestones);
    } else if (!d.started_at) {
        // The hire funds the first milestone; nothing else happens to it before the start.
        if (d.milestone != milestone_status::funded)
            return fail("milestone", "a fixed-price contract that has not begun has its first milestone funded");
        if (d.milestone_amount != d.terms->first_milestone)
            return fail("milestone_amount", "a fixed-price contract that has not begun has its first milestone, " +
                                                std::to_string(d.terms->first_milestone.cents()) + " cents, funded");
        if (d.paid != money{}) return fail("paid", "nothing is paid before the contract begins");
        if (d.milestones_paid != 0) return fail("milestones_paid", "no milestone is paid before the contract begins");
    } else {
        if (d.milestone == milestone_status::none && d.milestone_amount != money{})
            return fail("milestone_amount", "must be 0 when no milestone is funded");
        if (d.milestone != milestone_status::none && d.milestone_amount <= money{})
            return fail("milestone_amount", "a funded milestone's amount must be above zero");
        if ((d.paid == money{}) != (d.milestones_paid == 0))
            return fail("milestones_paid", "paid milestones and the amount paid must both be zero or both above zero");
        if (d.paid.cents() < static_cast<std::int64_t>(d.milestones_paid))
            return fail("paid", "each paid milestone is at least one cent");
    }

    // Feedback only after the end.
    if (state != "contract_ended") {
        if (d.client_left_feedback) return fail("client_left_feedback", "feedback before the end of a contract");
        if (d.freelancer_left_feedback)
            return fail("freelancer_left_feedback", "feedback before the end of a contract");
    }

    // The clock: nothing happened in prospect, and the dates come in order.
    if (state == "prospect" && d.last_event_at) return fail("last_event_at", "no event has been accepted in prospect");
    struct dated {
        std::string_view key;
        std::optional<timestamp> const& when;
    };
    dated const order[] = {{"offer_sent_at", d.offer_sent_at},
                           {"hired_at", d.hired_at},
                           {"started_at", d.started_at},
                           {"ended_at", d.ended_at},
                           {"last_event_at", d.last_event_at}};
    dated const* previous = nullptr;
    for (auto const& x : order) {
        if (!x.when) {
            if (x.key == "last_event_at" && previous)
                return fail("last_event_at", "missing while " + at(previous->key) + " is set");
            continue;
        }
        if (previous && *x.when < *previous->when)
            return fail(x.key,
                        to_string(*x.when) + " is before " + at(previous->key) + ", " + to_string(*previous->when));
        previous = &x;
    }
    return std::nullopt;
}

}  // namespace hireguard

#endif
