// The runtime engine: the workflow's Boost.MSM transition table, compiled into
// a flat dispatch table (one array of handlers per event, indexed by state),
// for events that arrive at run time. A rejected event is reported, never
// asserted, thrown or ignored, and leaves state and data unchanged.
//
// The same table also runs on the genuine Boost.MSM back-end in
// <hireguard/msm_machine.hpp>, with the same interface; the tests and the
// fuzzers check that both executors agree.
#ifndef HIREGUARD_CORE_MACHINE_HPP
#define HIREGUARD_CORE_MACHINE_HPP

#include <array>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>

#include <hireguard/core/candidacy.hpp>
#include <hireguard/core/detail/explain.hpp>
#include <hireguard/core/detail/steps.hpp>
#include <hireguard/core/detail/type_list.hpp>
#include <hireguard/core/rejection.hpp>
#include <hireguard/core/table.hpp>
#include <hireguard/core/verdict.hpp>
#include <hireguard/core/workflow.hpp>

namespace hireguard {

/// Runs workflow `W` at run time.
///
///     hireguard::machine m{hireguard::job_id{7}, hireguard::freelancer_id{42}};
///     auto v = m.process(hireguard::event::log_work{});   // rejected: work before hire
///     assert(!v && m.is<hireguard::state::prospect>());
template <workflow W>
class basic_machine {
    using states = states_t<W>;
    static_assert(states::size <= 255, "hireguard: a workflow has at most 255 states");

    template <class S>
    static constexpr std::uint8_t index_of = static_cast<std::uint8_t>(detail::index_of_v<states, S>);

    static constexpr auto const& state_names = state_names_v<W>;

    template <class Event>
    using handler = verdict (*)(basic_machine&, Event const&);

    template <class S, class Event, bool Legal>
    static constexpr handler<Event> handler_of() {
        if constexpr (Legal) {
            return &fire<S, Event>;
        } else {
            return &reject_illegal<Event>;
        }
    }
    // Whether the table has a row for `Event` in the state at `state`. A
    // state's position in states_t is its index: legality is read straight
    // from the workflow's matrix.
    template <class Event>
    static constexpr bool legal_in(std::size_t state) {
        using legality = detail::legality<W>;
        constexpr std::size_t e = detail::index_of_v<typename legality::events, Event>;
        constexpr std::size_t event_count = legality::events::size;
        return e < event_count && legality::matrix[state * event_count + e];
    }
    template <class Event, class... S, std::size_t... I>
    static constexpr std::array<handler<Event>, sizeof...(S)> handlers_for(type_list<S...> /*states*/,
                                                                           std::index_sequence<I...> /*indices*/) {
        return {handler_of<S, Event, legal_in<Event>(I)>()...};
    }
    // Static members rather than function-local statics, which a constexpr
    // function may not have in C++20.
    template <class Event>
    static constexpr std::array<handler<Event>, states::size> handlers_of_event =
        handlers_for<Event>(states{}, std::make_index_sequence<states::size>{});

    // For events decoded at run time: one handler per (event, state), indexed
    // by the variant's index and the state, so that an event takes one
    // indirect call instead of std::visit's and then the event's own.
    using event_variant = event_variant_t<W>;
    using variant_handler = verdict (*)(basic_machine&, event_variant const&);

    // The table is indexed by e.index(), so alternative I is there: saying so
    // spares get_if its check of the index on every event.
    template <std::size_t I>
    static constexpr auto const& alternative(event_variant const& e) noexcept {
        if (e.index() != I) __builtin_unreachable();
        return *std::get_if<I>(&e);
    }
    template <std::size_t I, class S>
    static constexpr verdict fire_alternative(basic_machine& m, event_variant const& e) {
        return fire<S>(m, alternative<I>(e));
    }
    template <std::size_t I>
    static constexpr verdict reject_alternative(basic_machine& m, event_variant const& e) {
        return reject_illegal(m, alternative<I>(e));
    }
    template <std::size_t I, class S, bool Legal>
    static constexpr variant_handler variant_handler_of() {
        if constexpr (Legal) {
            return &fire_alternative<I, S>;
        } else {
            return &reject_alternative<I>;
        }
    }
    template <std::size_t I, class... S, std::size_t... J>
    static constexpr void variant_handlers_for(variant_handler* out, type_list<S...> /*states*/,
                                               std::index_sequence<J...> /*indices*/) {
        using event = std::variant_alternative_t<I, event_variant>;
        ((out[J] = variant_handler_of<I, S, legal_in<event>(J)>()), ...);
    }
    template <std::size_t... I>
    static constexpr auto variant_handlers(std::index_sequence<I...> /*alternatives*/) {
        std::array<variant_handler, sizeof...(I) * states::size> out{};
        (variant_handlers_for<I>(out.data() + I * states::size, states{}, std::make_index_sequence<states::size>{}),
         ...);
        return out;
    }
    // A template, so that its initializer is instantiated where it is used,
    // once the class is complete (clang++ would instantiate it with the class).
    template <class = void>
    static constexpr auto variant_handler_table =
        variant_handlers(std::make_index_sequence<std::variant_size_v<event_variant_t<W>>>{});

public:
    using workflow_type = W;
    using data_type = data_t<W>;
    using policy_type = policy_t<W>;

    /// A candidacy in the initial state with default data and policy, for a
    /// workflow whose data has a default (such as `no_data`).
    constexpr basic_machine() requires std::default_initializable<data_type> : basic_machine(data_type{}) {}

    /// A candidacy in the workflow's initial state with `data` and policy `p`.
    /// Throws `std::invalid_argument` for a policy that its `policy_problem`
    /// finds wrong (a zero or negative lifetime, say).
    constexpr explicit basic_machine(data_type data, policy_type const& p = {})
        : data_(std::move(data)), policy_(detail::checked_policy(p)), state_(index_of<typename W::initial_state>) {}

    /// A candidacy in the initial state with data built from its leading
    /// fields, the policy last if given:
    /// `hireguard::machine m{job_id{7}, freelancer_id{42}}` or `{job, freelancer, p}`.
    template <class First, class... Rest>
    requires(!std::is_same_v<std::remove_cvref_t<First>, data_type> &&
             detail::fields_then_policy<data_type, policy_type, First,
                                        Rest...>::value) constexpr basic_machine(First&& first, Rest&&... rest)
        : basic_machine(detail::data_and_policy<data_type, policy_type>(std::forward<First>(first),
                                                                        std::forward<Rest>(rest)...)) {}

    /// Continues a typed candidacy at run time, in its state with its data.
    template <class State>
    constexpr explicit basic_machine(candidacy<State, W>&& c)
        : data_(c.data()), policy_(c.policy()), state_(index_of<State>) {}

    /// A machine in the state named `state` (as `state_name()` spells it) with
    /// `data` and `p` taken as given, or nothing when the workflow has no such
    /// state. Nothing checks that the data fits the state: this is the
    /// primitive under `restore` (<hireguard/json/snapshot.hpp>), which does.
    ///
    ///     hireguard::candidacy_data d{hireguard::job_id{7}, hireguard::freelancer_id{42}};
    ///     auto m = hireguard::machine::from_parts("interviewing", d, {});
    ///     assert(m && m->is<hireguard::state::interviewing>());
    [[nodiscard]] static constexpr std::optional<basic_machine> from_parts(std::string_view state,
                                                                           data_type const& data,
                                                                           policy_type const& p) {
        for (std::size_t i = 0; i < state_names.size(); ++i) {
            if (state_names[i] != state) continue;
            basic_machine m{data, p};
            m.state_ = static_cast<std::uint8_t>(i);
            return m;
        }
        return std::nullopt;
    }

    /// Same state, same data, same policy.
    friend constexpr bool operator==(basic_machine const& a, basic_machine const& b) {
        return a.state_ == b.state_ && a.data_ == b.data_ && a.policy_ == b.policy_;
    }

    /// Processes one event: accepted, or rejected with the state and data
    /// exactly as before. Illegal transitions are reported first, then
    /// malformed input, then the rules. Never throws for a rejected event.
    /// Usable in constant expressions when the workflow's rules, actions and
    /// data are, as the canonical lifecycle's are: a scenario with data can
    /// be checked by `static_assert`.
    template <class Event>
    constexpr verdict process(Event const& e) {
        static_assert(is_event_of_v<Event, W>, "hireguard: this event does not appear in the workflow's table");
        return handlers_of_event<Event>[state_](*this, e);
    }

    /// Processes an event decoded at run time. Throws
    /// `std::bad_variant_access` for a variant without a value.
    constexpr verdict process(event_variant_t<W> const& e) {
        if (e.valueless_by_exception()) [[unlikely]]
            throw std::bad_variant_access();
        return variant_handler_table<>[e.index() * states::size + state_](*this, e);
    }

    /// Whether the machine is in `State`.
    template <class State>
    [[nodiscard]] constexpr bool is() const noexcept {
        static_assert(is_state_of_v<State, W>, "hireguard: this type is not a state of the workflow");
        return state_ == index_of<State>;
    }

    /// The current state's name.
    [[nodiscard]] constexpr std::string_view state_name() const noexcept { return state_names[state_]; }

    /// Everything the candidacy knows besides its state.
    [[nodiscard]] constexpr data_type const& data() const noexcept { return data_; }
    /// The policy its rules apply.
    [[nodiscard]] constexpr policy_type const& policy() const noexcept { return policy_; }

    /// Hands the current state to `f` as a typed `candidacy<S, W>&&` (a copy
    /// of the machine's data), so typed code continues from a state known
    /// only at run time. `f` must accept every state's candidacy and return
    /// the same type for each.
    template <class F>
    decltype(auto) visit(F&& f) const {
        return detail::visit_as_typed<W>(state_, states{}, data_, policy_, std::forward<F>(f));
    }

private:
    constexpr explicit basic_machine(std::pair<data_type, policy_type>&& parts)
        : basic_machine(std::move(parts.first), parts.second) {}
    // One handler per event for all its illegal states. The explanations are
    // computed at compile time when the workflow's explain_illegal allows, so
    // rejecting an illegal pair costs no string work.
    template <class Event>
    static constexpr auto illegal_explanations_of = detail::illegal_explanations<W, Event>(states{});
    template <class Event>
    static constexpr verdict reject_illegal(basic_machine& m, Event const& /*e*/) {
        if constexpr (detail::explained_at_compile_time<W, Event, states>) {
            return verdict(detail::illegal_rejection(state_names[m.state_], Event::name,
                                                     illegal_explanations_of<Event>[m.state_]));
        } else {
            return verdict(detail::illegal_transition_rejection<W>(state_names[m.state_], Event::name));
        }
    }

    // Rows are tried last to first, as the Boost.MSM back-end does.
    template <class S, class Event>
    static constexpr verdict fire(basic_machine& m, Event const& e) {
        if (!detail::input_ok<W>(m.data_, m.policy_, e)) [[unlikely]]
            return reject_input(m, e);
        return m.try_rows(e, typename detail::reverse<rows_for_t<S, Event, W>>::type{});
    }

    // The rejections are built out of line, so that the accepted path of
    // `fire` saves no registers and reserves no stack for them; one copy per
    // event, not per state and event, reading the state's name from the
    // machine (it has not moved).
    template <class Event>
    [[gnu::noinline, gnu::cold]] static constexpr verdict reject_input(basic_machine const& m, Event const& e) {
        return verdict(rejection::from(detail::input_violation<W>(m.data_, m.policy_, e), m.state_name(), Event::name));
    }
    template <class Event>
    [[gnu::noinline]] static constexpr verdict reject_row(detail::explainer<data_type, policy_type, Event> explain,
                                                          basic_machine const& m, Event const& e) {
        return verdict(rejection::from(explain(m.data_, m.policy_, e), m.state_name(), Event::name));
    }

    template <class Event, class... Rows>
    constexpr verdict try_rows(Event const& e, type_list<Rows...> /*rows*/) {
        detail::explainer<data_type, policy_type, Event> explain = nullptr;
        bool done = false;
        auto attempt = [&]<class Row>(Row* /*row*/) {
            if (done) return;
            if (!detail::guard_holds<typename Row::Guard>(data_, policy_, e)) {
                if constexpr (detail::is_guarded_v<Row>)
                    explain = &rule_explain<typename Row::Guard, data_type, policy_type, Event>;
                return;
            }
            detail::complete<W, typename Row::Action>(data_, e);
            state_ = index_of<typename Row::Target>;
            done = true;
        };
        (attempt(static_cast<Rows*>(nullptr)), ...);
        if (done) return verdict{};
        return reject_row(explain, *this, e);
    }

    data_type data_;
    policy_type policy_;
    std::uint8_t state_;
};

/// Turns a typed candidacy into a runtime machine in the same state.
template <class State, workflow W>
[[nodiscard]] constexpr basic_machine<W> to_machine(candidacy<State, W>&& c) {
    return basic_machine<W>(std::move(c));
}

}  // namespace hireguard

#endif
