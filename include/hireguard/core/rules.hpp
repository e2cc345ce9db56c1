// Rules and actions of any workflow, and the rule combinators.
//
// A rule is a class with an `id` (its name and kind), a fast `holds` test and
// an `explain` that writes the sentence only when a rejection is reported (or
// simply a `check` returning `std::optional<violation>`). All three take the
// candidacy's data, the workflow's policy and the event, as templates or as
// the workflow's own types. Deriving from `rule<Derived>` also makes it a
// Boost.MSM guard functor, so the same type appears in the transition table
// and is run by every executor. An action derives from `action<Derived>` and
// has a `noexcept` `apply(data, event)`.
#ifndef HIREGUARD_CORE_RULES_HPP
#define HIREGUARD_CORE_RULES_HPP

#include <concepts>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <hireguard/core/rejection.hpp>

namespace hireguard {

namespace detail {
template <class Rule, class D, class P, class Event>
concept has_holds = requires(D const& d, P const& p, Event const& e) {
    { Rule::holds(d, p, e) } -> std::convertible_to<bool>;
};
}  // namespace detail

/// Whether `Rule` holds for this event. A rule may define a fast
/// `static bool holds(data, policy, event)` and a `static violation explain(...)`
/// called only when it does not hold; or just
/// `static std::optional<violation> check(data, policy, event)`.
template <class Rule, class D, class P, class Event>
[[nodiscard]] constexpr bool rule_holds(D const& d, P const& p, Event const& e) {
    if constexpr (detail::has_holds<Rule, D, P, Event>) {
        return Rule::holds(d, p, e);
    } else {
        return !Rule::check(d, p, e);
    }
}

/// Why `Rule` does not hold; call only when `rule_holds` is false.
template <class Rule, class D, class P, class Event>
[[nodiscard]] constexpr violation rule_explain(D const& d, P const& p, Event const& e) {
    if constexpr (detail::has_holds<Rule, D, P, Event>) {
        return Rule::explain(d, p, e);
    } else {
        auto v = Rule::check(d, p, e);
        // Not `v ? std::move(*v) : violation{...}`: g++ 12 then frees the
        // reason twice in a constant expression.
        if (v) return std::move(*v);
        return violation{Rule::id, "the rule held when checked again"};
    }
}

/// `std::nullopt` when `Rule` holds, its violation otherwise.
template <class Rule, class D, class P, class Event>
[[nodiscard]] constexpr std::optional<violation> check_rule(D const& d, P const& p, Event const& e) {
    if (rule_holds<Rule>(d, p, e)) return std::nullopt;
    return rule_explain<Rule>(d, p, e);
}

/// Base of every rule: makes `Derived` usable as a Boost.MSM guard. The
/// back-end passes itself as `fsm`; hireguard's MSM front-end records which
/// rule failed so that the engine can explain the rejection.
template <class Derived>
struct rule {
    template <class Event, class Fsm, class Source, class Target>
    bool operator()(Event const& e, Fsm& fsm, Source& /*unused*/, Target& /*unused*/) const {
        return fsm.template hireguard_admit<Derived>(e);
    }
};

/// Base of every action: makes `Derived` usable as a Boost.MSM action functor.
template <class Derived>
struct action {
    template <class Event, class Fsm, class Source, class Target>
    void operator()(Event const& e, Fsm& fsm, Source& /*unused*/, Target& /*unused*/) const {
        Derived::apply(fsm.hireguard_data(), e);
    }
};

/// A guard that holds when every rule holds; explains the first that does not.
/// Its name, as diagrams print it, is its rules' names joined by " && ".
///
///     using feedback_allowed = hireguard::all_of<rules::feedback_window_open, rules::feedback_once_per_party>;
template <class... Rules>
struct all_of : rule<all_of<Rules...>> {
    template <class D, class P, class Event>
    [[nodiscard]] static constexpr bool holds(D const& d, P const& p, Event const& e) {
        return (rule_holds<Rules>(d, p, e) && ...);
    }
    template <class D, class P, class Event>
    [[nodiscard]] static constexpr violation explain(D const& d, P const& p, Event const& e) {
        std::optional<violation> out;
        (void)((rule_holds<Rules>(d, p, e) || (out = rule_explain<Rules>(d, p, e), false)) && ...);
        if (out) return std::move(*out);
        return violation{{"all_of"}, "every rule held when checked again"};
    }
};

/// A guard that holds when at least one rule holds; explains the last one
/// when none does.
template <class... Rules>
struct any_of : rule<any_of<Rules...>> {
    template <class D, class P, class Event>
    [[nodiscard]] static constexpr bool holds(D const& d, P const& p, Event const& e) {
        return (rule_holds<Rules>(d, p, e) || ...);
    }
    template <class D, class P, class Event>
    [[nodiscard]] static constexpr violation explain(D const& d, P const& p, Event const& e) {
        std::optional<violation> out;
        ((out = rule_explain<Rules>(d, p, e)), ...);
        return std::move(*out);
    }
};

/// A guard that holds when `Rule` does not. It reports under its own id,
/// `not`, naming the rule that held.
template <class Rule>
struct not_ : rule<not_<Rule>> {
    static constexpr rule_id id{"not"};
    template <class D, class P, class Event>
    [[nodiscard]] static constexpr bool holds(D const& d, P const& p, Event const& e) {
        return !rule_holds<Rule>(d, p, e);
    }
    template <class D, class P, class Event>
    [[nodiscard]] static constexpr violation explain(D const& /*d*/, P const& /*p*/, Event const& /*e*/) {
        return violation{id, concat(Rule::id.name, " holds, and must not")};
    }
};

}  // namespace hireguard

#endif
