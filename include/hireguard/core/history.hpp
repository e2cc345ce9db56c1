// Event sourcing: a candidacy rebuilt from its history of events. Replaying
// the events a live machine processed, in the same order and with the same
// policy, gives the same machine (state, data and policy), so its snapshot is
// the same too: the runtime engine depends on nothing but the machine and the
// event.
#ifndef HIREGUARD_CORE_HISTORY_HPP
#define HIREGUARD_CORE_HISTORY_HPP

#include <concepts>
#include <cstddef>
#include <optional>
#include <ranges>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include <hireguard/core/detail/steps.hpp>
#include <hireguard/core/machine.hpp>
#include <hireguard/core/rejection.hpp>
#include <hireguard/core/verdict.hpp>
#include <hireguard/core/workflow.hpp>

namespace hireguard {

/// An event of a replayed history that the machine rejected: its position in
/// the history (from 0) and why.
///
///     for (auto const& r : replayed.rejections) log(r.index, r.why.message());
struct replay_rejection {
    std::size_t index = 0;
    rejection why;
};

/// What a replay gives: the machine after the whole history, and every event
/// it rejected. A rejected event changes nothing, exactly as it changed
/// nothing in the live machine, so the replay goes on past it.
///
///     auto r = hireguard::replay(hireguard::job_id{7}, hireguard::freelancer_id{42}, history);
///     if (!r.rejections.empty()) { /* the log holds events the engine refuses */ }
template <workflow W>
struct basic_replayed {
    basic_machine<W> machine;
    std::vector<replay_rejection> rejections;
    /// How many events were replayed, rejected ones included.
    std::size_t events = 0;

    /// Whether every event of the history was accepted.
    [[nodiscard]] bool clean() const noexcept { return rejections.empty(); }
};

/// Events that a `basic_machine<W>` can process one by one: a range of
/// `event_variant_t<W>` (such as `std::vector<hireguard::any_event>`) or of
/// one event type.
template <class R, class W>
concept history_of = std::ranges::input_range<R> && requires(basic_machine<W>& m, std::ranges::range_reference_t<R> e) {
    { m.process(e) } -> std::same_as<verdict>;
};

namespace detail {
template <class T>
inline constexpr bool is_variant_v = false;
template <class... T>
inline constexpr bool is_variant_v<std::variant<T...>> = true;

// Why the replay refuses `e` before the machine sees it (the workflow's
// replay rules), or nothing.
template <class W, class Event>
[[nodiscard]] std::optional<rejection> replay_refusal(basic_machine<W> const& m, Event const& e) {
    if constexpr (is_variant_v<Event>) {
        return std::visit([&](auto const& alt) { return replay_refusal<W>(m, alt); }, e);
    } else if constexpr (replay_rules_t<W>::size == 0) {
        return std::nullopt;
    } else {
        using guard = typename input_rules_guard<replay_rules_t<W>>::type;
        if (guard::holds(m.data(), m.policy(), e)) return std::nullopt;
        return rejection::from(guard::explain(m.data(), m.policy(), e), m.state_name(), Event::name);
    }
}
}  // namespace detail

/// Continues `from` with the events of `history`, in order. An event that
/// breaks one of the workflow's replay rules (`replay_rules_t<W>`; for hiring
/// workflows, an event without a time: a replay has no clock to stamp it,
/// and the candidacy's latest known time would backdate it) is rejected as
/// invalid input before the machine sees it, and changes nothing.
///
///     auto restored = hireguard::restore(saved_snapshot);
///     auto r = hireguard::replay(std::move(restored), events_since_the_snapshot);
template <workflow W, class R>
requires history_of<R, W>
[[nodiscard]] basic_replayed<W> replay(basic_machine<W> from, R&& history) {
    basic_replayed<W> out{std::move(from), {}, 0};
    for (auto&& e : history) {
        if (auto refused = detail::replay_refusal<W>(out.machine, e)) {
            out.rejections.push_back(replay_rejection{out.events, std::move(*refused)});
        } else if (verdict v = out.machine.process(e); !v) {
            out.rejections.push_back(replay_rejection{out.events, v.error()});
        }
        ++out.events;
    }
    return out;
}

/// Rebuilds a candidacy from its whole history: a new machine of `W` in its
/// initial state, built from `data` (and policy `p`), then every event in order.
///
///     auto r = hireguard::replay<my_workflow>(my_data{.id = 7}, history);
template <workflow W, class R>
requires history_of<R, W>
[[nodiscard]] basic_replayed<W> replay(data_t<W> data, R&& history, policy_t<W> const& p = {}) {
    return replay(basic_machine<W>{std::move(data), p}, std::forward<R>(history));
}

}  // namespace hireguard

#endif
