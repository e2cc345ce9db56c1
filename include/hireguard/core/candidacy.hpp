// The typestate API: a candidacy's state is part of its type, so an illegal
// transition, such as logging work on an interviewing candidacy, does not
// compile.
#ifndef HIREGUARD_CORE_CANDIDACY_HPP
#define HIREGUARD_CORE_CANDIDACY_HPP

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>

#include <hireguard/core/detail/steps.hpp>
#include <hireguard/core/detail/type_list.hpp>
#include <hireguard/core/rejection.hpp>
#include <hireguard/core/table.hpp>
#include <hireguard/core/workflow.hpp>

namespace hireguard {

template <class State, workflow W = default_workflow_t<State>>
class candidacy;

/// Instantiated for an event that has no row in the candidacy's current state:
/// the compile error it produces names both in its first lines.
template <class State, class Event, class W = default_workflow_t<State>>
struct illegal_transition {
    static_assert(can_fire_v<State, Event, W>,
                  "hireguard: illegal transition: no row of the workflow's table fires this event in this state");
};

/// Instantiated for a (state, event) pair with two unguarded rows.
template <class State, class Event>
struct nondeterministic_transition {
    static_assert(detail::always_false<State, Event>::value,
                  "hireguard: nondeterministic transition: two rows without guards for this state and event");
};

/// A rejected event in the typed API: why, and the candidacy, unchanged.
template <class Source, workflow W = default_workflow_t<Source>>
struct rejected {
    rejection why;
    candidacy<Source, W> unchanged;
};

namespace detail {

// Opens candidacy's in-place constructor to the outcome that holds it: a
// target candidacy is built straight in the outcome's storage, without a
// temporary to move from. Not for hosts: a candidacy comes from
// begin_candidacy, a transition or a machine.
struct transition_tag {
    explicit transition_tag() = default;
};

struct candidacy_access {
    template <class State, class W>
    static candidacy<State, W> make(data_t<W> const& data, policy_t<W> const& p) {
        return candidacy<State, W>(data, p);
    }
};

// Calls `f` with a copy of the data as a typed candidacy in the state at
// position `index` of `States`: the bridge from run time to typed code that
// every executor shares.
template <class W, class F, class First, class... Rest>
decltype(auto) visit_as_typed(std::size_t index, type_list<First, Rest...> /*states*/, data_t<W> const& data,
                              policy_t<W> const& p, F&& f) {
    if constexpr (sizeof...(Rest) == 0) {
        return std::forward<F>(f)(candidacy_access::make<First, W>(data, p));
    } else {
        if (index == 0) return std::forward<F>(f)(candidacy_access::make<First, W>(data, p));
        return visit_as_typed<W>(index - 1, type_list<Rest...>{}, data, p, std::forward<F>(f));
    }
}

}  // namespace detail

/// The result of an event on a guarded row: the candidacy in one of the rows'
/// targets, or the rejection with the candidacy unchanged. (The runtime
/// engine's `verdict` answers the same question without the candidacy, which
/// stays in its machine.) Misuse throws `bad_result_access`, as `verdict`'s. `accept_offer`'s
/// outcome can hold `contract_active` or `contract_pending`: `is<T>()` says which.
///
///     auto r = std::move(c).on(event::accept_offer{.at = now});
///     if (r.is<state::contract_active>()) { auto active = std::move(r).get<state::contract_active>(); }
template <workflow W, class Source, class... Targets>
class [[nodiscard]] outcome {
public:
    using variant_type = std::variant<rejected<Source, W>, candidacy<Targets, W>...>;

    /// Whether the event was accepted.
    [[nodiscard]] bool accepted() const noexcept { return v_.index() != 0; }
    explicit operator bool() const noexcept { return accepted(); }

    /// Whether the event was accepted into state T.
    template <class T>
    [[nodiscard]] bool is() const noexcept {
        if constexpr ((std::is_same_v<T, Targets> || ...)) {
            return std::holds_alternative<candidacy<T, W>>(v_);
        } else {
            return false;
        }
    }

    /// The name of the state the candidacy is now in (the source when rejected).
    [[nodiscard]] std::string_view state_name() const noexcept {
        return std::visit([](auto const& alt) { return name_of(alt); }, v_);
    }

    /// The rejection. Throws `bad_result_access` when the event was accepted.
    [[nodiscard]] rejection const& error() const {
        if (accepted()) throw bad_result_access("hireguard: outcome::error() on an accepted event");
        return std::get<0>(v_).why;
    }

    /// The candidacy in state T, to move from, as `std::optional::value() &&`
    /// hands out its value: `auto a = std::move(r).get<...>();` takes it
    /// (bind it with `auto`, not `auto&&`, when the outcome is a temporary).
    /// Throws `bad_result_access` when it is not there: with the rejection
    /// when the event was rejected.
    template <class T>
    [[nodiscard]] candidacy<T, W>&& get() && {
        static_assert((std::is_same_v<T, Targets> || ...), "hireguard: this outcome never leads to that state");
        if (!is<T>()) [[unlikely]]
            throw_not_in(T::name);
        return std::get<candidacy<T, W>>(std::move(v_));
    }

    /// The candidacy in the only possible target, to move from, as `get`.
    /// Throws `bad_result_access` with the rejection when the event was
    /// rejected.
    [[nodiscard]] decltype(auto) value() && requires(sizeof...(Targets) == 1) {
        return std::move(*this).template get<Targets...>();
    }

    /// The rejection with the unchanged candidacy. Throws `bad_result_access` when accepted.
    [[nodiscard]] rejected<Source, W> rejection_and_candidacy() && {
        if (accepted()) throw bad_result_access("hireguard: outcome::rejection_and_candidacy() on an accepted event");
        return std::get<0>(std::move(v_));
    }

    /// Calls `f` with `candidacy<Target, W>&&` or `rejected<Source, W>&&`.
    template <class F>
    decltype(auto) visit(F&& f) && {
        return std::visit(std::forward<F>(f), std::move(v_));
    }

private:
    template <class, workflow>
    friend class candidacy;
    template <class T>
    static std::string_view name_of(candidacy<T, W> const& /*c*/) noexcept {
        return T::name;
    }
    static std::string_view name_of(rejected<Source, W> const& /*r*/) noexcept { return Source::name; }

    [[noreturn]] void throw_not_in(std::string_view wanted) const {
        std::string const what = "hireguard: outcome::get<" + std::string(wanted) + ">()";
        if (!accepted()) throw bad_result_access(what + " on a rejected event", std::get<0>(v_).why);
        throw bad_result_access(what + ": the candidacy is in " + std::string(state_name()));
    }

    template <class Alt, class... Args>
    explicit outcome(std::in_place_type_t<Alt> tag, Args&&... args) : v_(tag, std::forward<Args>(args)...) {}

    variant_type v_;
};

namespace detail {
template <class W, class Source, class Targets>
struct outcome_of;
template <class W, class Source, class... Targets>
struct outcome_of<W, Source, type_list<Targets...>> {
    using type = outcome<W, Source, Targets...>;
};
template <class Rows>
struct targets_of;
template <class... Rows>
struct targets_of<type_list<Rows...>> : append_unique<type_list<>, typename Rows::Target...> {};
template <class Rows>
inline constexpr bool any_guarded_v = false;
template <class... Rows>
inline constexpr bool any_guarded_v<type_list<Rows...>> = (is_guarded_v<Rows> || ...);
}  // namespace detail

/// A candidacy known to be in `State` of workflow `W`. Move-only; obtained
/// from `begin_candidacy`, from a legal transition, or from a runtime
/// `machine`, never forged.
///
///     auto c = hireguard::begin_candidacy(job_id{7}, freelancer_id{42});
///     auto s = std::move(c).on(event::submit_proposal{});        // candidacy<state::submitted>
///     auto i = std::move(s).on(event::respond{});                // candidacy<state::interviewing>
///     // std::move(i).on(event::log_work{});                     // does not compile: work before hire
template <class State, workflow W>
class candidacy {
    static_assert(is_state_of_v<State, W>, "hireguard: this type is not a state of the workflow");

public:
    using state_type = State;
    using workflow_type = W;
    using data_type = data_t<W>;
    using policy_type = policy_t<W>;

    candidacy() = delete;
    candidacy(candidacy const&) = delete;
    candidacy& operator=(candidacy const&) = delete;
    candidacy(candidacy&&) noexcept = default;
    candidacy& operator=(candidacy&&) noexcept = default;
    ~candidacy() = default;
    /// For the library's own outcomes only (`detail::transition_tag`): the
    /// candidacy after a transition, built in place.
    candidacy(detail::transition_tag /*tag*/, data_type const& data, policy_type const& p) : data_(data), policy_(p) {}

    /// The state's name.
    [[nodiscard]] static constexpr std::string_view state_name() noexcept { return State::name; }
    /// Everything the candidacy knows besides its state: the workflow's `data_type`.
    [[nodiscard]] data_type const& data() const noexcept { return data_; }
    /// The policy its rules apply: the workflow's `policy_type`.
    [[nodiscard]] policy_type const& policy() const noexcept { return policy_; }

    /// Whether `Event` can fire in this state (a row exists).
    template <class Event>
    static constexpr bool can_fire = can_fire_v<State, Event, W>;

    /// Fires `e`. On a row without a guard, returns the candidacy in the
    /// target state; on guarded rows, an `outcome`, which holds the rejection
    /// when a row's rule says no. Does not compile when the table has no row
    /// for (State, Event). On every row alike, an event that breaks one of
    /// the workflow's input rules is malformed, not a rule's answer: it
    /// throws `invalid_event` and leaves the candidacy as it was (for the
    /// lifecycle: dated before the latest accepted event, outside the
    /// accepted years, a timer event before its time).
    template <class Event>
    [[nodiscard]] auto on(Event const& e) && {
        using rows = rows_for_t<State, Event, W>;
        if constexpr (rows::size == 0) {
            [[maybe_unused]] illegal_transition<State, Event, W> error;
        } else if constexpr (!detail::any_guarded_v<rows>) {
            if constexpr (rows::size != 1) {
                [[maybe_unused]] nondeterministic_transition<State, Event> error;
            } else {
                using row = typename detail::front<rows>::type;
                require_valid_input(e);
                detail::complete<W, typename row::Action>(data_, e);
                return candidacy<typename row::Target, W>(data_, policy_);
            }
        } else {
            using result = typename detail::outcome_of<W, State, typename detail::targets_of<rows>::type>::type;
            require_valid_input(e);
            // Rows are tried last to first, as the Boost.MSM back-end does.
            return try_rows<result>(e, typename detail::reverse<rows>::type{});
        }
    }

private:
    friend struct detail::candidacy_access;
    template <class, workflow>
    friend class candidacy;

    candidacy(data_type const& data, policy_type const& p) : data_(data), policy_(p) {}

    // Every row alike: an event that breaks the workflow's input rules throws.
    template <class Event>
    void require_valid_input(Event const& e) const {
        if (!detail::input_ok<W>(data_, policy_, e)) [[unlikely]]
            throw invalid_event(
                rejection::from(detail::input_violation<W>(data_, policy_, e), State::name, Event::name));
    }

    template <class Result>
    Result reject(violation&& v, std::string_view event_name) {
        using alt = rejected<State, W>;
        return Result(std::in_place_type<alt>,
                      alt{rejection::from(std::move(v), State::name, event_name), std::move(*this)});
    }

    // Rows are tried in the order given, each returning straight into the
    // result: no intermediate copy of the data.
    template <class Result, class Event>
    Result try_rows(Event const& e, type_list<> /*rows*/, detail::explainer<data_type, policy_type, Event> explain) {
        return reject<Result>(explain(data_, policy_, e), Event::name);
    }
    template <class Result, class Event, class Row, class... Rest>
    Result try_rows(Event const& e, type_list<Row, Rest...> /*rows*/,
                    detail::explainer<data_type, policy_type, Event> explain = nullptr) {
        if (detail::guard_holds<typename Row::Guard>(data_, policy_, e)) {
            using target = candidacy<typename Row::Target, W>;
            detail::complete<W, typename Row::Action>(data_, e);
            return Result(std::in_place_type<target>, detail::transition_tag{}, data_, policy_);
        }
        if constexpr (detail::is_guarded_v<Row>)
            explain = &rule_explain<typename Row::Guard, data_type, policy_type, Event>;
        return try_rows<Result>(e, type_list<Rest...>{}, explain);
    }

    data_type data_;
    policy_type policy_;
};

/// Starts a candidacy of `W` in its initial state, with data built from its
/// leading fields (or given whole) and optionally the policy last. Throws
/// `std::invalid_argument` for a policy that its `policy_problem` finds wrong.
///
///     auto c = hireguard::begin_candidacy<my_workflow>(my_data{.id = 7});
///     auto d = hireguard::begin_candidacy<hireguard::lifecycle>(job_id{7}, freelancer_id{42}, my_policy);
template <workflow W, class... Args>
requires detail::fields_then_policy<data_t<W>, policy_t<W>, Args...>::value
    [[nodiscard]] candidacy<typename W::initial_state, W>
    begin_candidacy(Args&&... args) {
    auto [data, p] = detail::data_and_policy<data_t<W>, policy_t<W>>(std::forward<Args>(args)...);
    return detail::candidacy_access::make<typename W::initial_state, W>(data, detail::checked_policy(p));
}

/// Satisfied when `Event` can fire on the candidacy type `C`.
///
///     static_assert(!hireguard::can_fire_on<hireguard::candidacy<state::interviewing>, event::log_work>);
template <class C, class Event>
concept can_fire_on = can_fire_v<typename C::state_type, Event, typename C::workflow_type>;

}  // namespace hireguard

#endif
