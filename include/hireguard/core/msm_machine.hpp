// The workflow's transition table run by the genuine Boost.MSM back-end
// (msm::back::state_machine), with the interface of hireguard::basic_machine.
// It is the reference executor that the tests and the differential fuzzer
// compare hireguard's flat dispatch against. It costs far more to compile:
// include it only where it is needed.
#ifndef HIREGUARD_CORE_MSM_MACHINE_HPP
#define HIREGUARD_CORE_MSM_MACHINE_HPP

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>

#include <boost/mpl/push_back.hpp>
#include <boost/mpl/vector/vector0.hpp>
#include <boost/msm/back/state_machine.hpp>
#include <boost/msm/front/state_machine_def.hpp>
#include <boost/msm/front/states.hpp>

#include <hireguard/core/candidacy.hpp>
#include <hireguard/core/detail/explain.hpp>
#include <hireguard/core/detail/steps.hpp>
#include <hireguard/core/detail/type_list.hpp>
#include <hireguard/core/rejection.hpp>
#include <hireguard/core/rules.hpp>
#include <hireguard/core/table.hpp>
#include <hireguard/core/verdict.hpp>
#include <hireguard/core/workflow.hpp>

namespace hireguard {

namespace detail {

// MSM needs its states to derive from msm::front::state<>; hireguard's state
// tags stay plain so that the typed API does not pay for MSM's headers.
template <class State>
struct msm_state : boost::msm::front::state<> {
    using hireguard_state = State;
};

template <class Row>
struct to_msm_row;
template <class S, class E, class T, class A, class G>
struct to_msm_row<boost::msm::front::Row<S, E, T, A, G>> {
    using type = boost::msm::front::Row<msm_state<S>, E, msm_state<T>, A, G>;
};

// Built with push_back so that tables of any length work without raising
// BOOST_MPL_LIMIT_VECTOR_SIZE.
template <class Seq, class... Rows>
struct to_mpl_vector {
    using type = Seq;
};
template <class Seq, class Row, class... Rows>
struct to_mpl_vector<Seq, Row, Rows...>
    : to_mpl_vector<typename boost::mpl::push_back<Seq, typename to_msm_row<Row>::type>::type, Rows...> {};

template <class Rows>
struct msm_table;
template <class... Rows>
struct msm_table<type_list<Rows...>> : to_mpl_vector<boost::mpl::vector0<>, Rows...> {};

// hireguard reports instead of throwing, and never queues events, so the
// back-end can skip its exception handling and its event queue.
struct msm_tuning {
    using no_exception_thrown = int;
    using no_message_queue = int;
};
struct msm_no_tuning {};

template <class W, bool Tuned>
struct msm_front : boost::msm::front::state_machine_def<msm_front<W, Tuned>>,
                   std::conditional_t<Tuned, msm_tuning, msm_no_tuning> {
    using initial_state = msm_state<typename W::initial_state>;
    using transition_table = typename msm_table<rows_t<W>>::type;

    using data_type = data_t<W>;
    using policy_type = policy_t<W>;

    explicit msm_front(data_type d = {}, policy_type p = {}) : data_(std::move(d)), policy_(std::move(p)) {}

    template <class Rule, class Event>
    static violation explain_erased(data_type const& d, policy_type const& p, void const* e) {
        return rule_explain<Rule>(d, p, *static_cast<Event const*>(e));
    }

    // Called by every guard; remembers the last one that failed, so that the
    // rejection is explained only once every row has been tried.
    template <class Rule, class Event>
    bool hireguard_admit(Event const& e) {
        if (rule_holds<Rule>(data_, policy_, e)) return true;
        explain_ = &explain_erased<Rule, Event>;
        return false;
    }
    data_type& hireguard_data() noexcept { return data_; }

    template <class Fsm, class Event>
    void no_transition(Event const& /*e*/, Fsm& /*fsm*/, int /*state*/) noexcept {
        illegal_ = true;
    }

    data_type data_;
    policy_type policy_;
    violation (*explain_)(data_type const&, policy_type const&, void const*) = nullptr;
    bool illegal_ = false;
};

// Writes a state id into the back-end through its serialize() hook, the
// back-end's one public way to set the active state.
struct state_writer {
    int id;
    template <class T>
    state_writer& operator&(T& /*member*/) noexcept {
        return *this;
    }
    state_writer& operator&(int (&states)[1]) noexcept {
        states[0] = id;
        return *this;
    }
};

}  // namespace detail

/// Runs workflow `W` at run time on the Boost.MSM back-end, with the
/// interface of `basic_machine`. `Tuned` (the default) declares
/// `no_exception_thrown` and `no_message_queue` to the back-end; `false` runs
/// it with MSM's defaults, for comparison.
///
///     hireguard::msm_machine m{hireguard::job_id{7}, hireguard::freelancer_id{42}};
///     auto v = m.process(hireguard::event::log_work{});   // rejected: work before hire
template <workflow W, bool Tuned = true>
class basic_msm_machine {
    using backend = boost::msm::back::state_machine<detail::msm_front<W, Tuned>>;
    using stt = typename backend::stt;
    using states = states_t<W>;
    static constexpr std::size_t state_count = states::size;

    template <class S>
    static constexpr int msm_id = boost::msm::back::get_state_id<stt, detail::msm_state<S>>::value;

    template <class... S>
    static constexpr std::array<std::string_view, sizeof...(S)> names_by_id(type_list<S...> /*states*/) {
        std::array<std::string_view, sizeof...(S)> out{};
        ((out[static_cast<std::size_t>(msm_id<S>)] = S::name), ...);
        return out;
    }
    static constexpr auto state_names = names_by_id(states{});

    template <class... S>
    static constexpr std::array<std::size_t, sizeof...(S)> indices_by_id(type_list<S...> /*states*/) {
        std::array<std::size_t, sizeof...(S)> out{};
        ((out[static_cast<std::size_t>(msm_id<S>)] = detail::index_of_v<states, S>), ...);
        return out;
    }
    static constexpr auto state_index_by_id = indices_by_id(states{});

    // Which states, by MSM id, have a row for Event: read from the
    // workflow's legality matrix.
    template <class Event>
    static constexpr std::array<bool, state_count> legal_by_id() {
        using legality = detail::legality<W>;
        constexpr std::size_t e = detail::index_of_v<typename legality::events, Event>;
        constexpr std::size_t event_count = legality::events::size;
        std::array<bool, state_count> out{};
        for (std::size_t id = 0; id < state_count; ++id)
            out[id] = e < event_count && legality::matrix[state_index_by_id[id] * event_count + e];
        return out;
    }

public:
    using workflow_type = W;
    using data_type = data_t<W>;
    using policy_type = policy_t<W>;

    /// A candidacy in the initial state with `data` and policy `p`. Throws
    /// `std::invalid_argument` for a policy that its `policy_problem` finds wrong.
    explicit basic_msm_machine(data_type data, policy_type const& p = {})
        : fsm_(std::move(data), detail::checked_policy(p)) {
        fsm_.start();
    }

    /// A candidacy in the initial state with data built from its leading
    /// fields, the policy last if given, as `basic_machine` takes them.
    template <class First, class... Rest>
    requires(!std::is_same_v<std::remove_cvref_t<First>, data_type> &&
             detail::fields_then_policy<data_type, policy_type, First, Rest...>::value)
        basic_msm_machine(First&& first, Rest&&... rest)
        : basic_msm_machine(detail::data_and_policy<data_type, policy_type>(std::forward<First>(first),
                                                                            std::forward<Rest>(rest)...)) {}

    /// Continues a typed candidacy at run time, in its state with its data.
    template <class State>
    explicit basic_msm_machine(candidacy<State, W>&& c) : fsm_(c.data(), c.policy()) {
        fsm_.start();
        detail::state_writer w{msm_id<State>};
        fsm_.serialize(w, 0);
    }

    /// Processes one event: accepted, or rejected with the state and data
    /// exactly as before.
    template <class Event>
    verdict process(Event const& e) {
        static_assert(is_event_of_v<Event, W>, "hireguard: this event does not appear in the workflow's table");
        std::size_t const current = static_cast<std::size_t>(fsm_.current_state()[0]);
        if (!detail::input_ok<W>(fsm_.data_, fsm_.policy_, e)) {
            static constexpr auto legal = legal_by_id<Event>();
            if (legal[current])
                return verdict(rejection::from(detail::input_violation<W>(fsm_.data_, fsm_.policy_, e),
                                               state_names[current], Event::name));
            return illegal(current, Event::name);
        }
        fsm_.illegal_ = false;
        fsm_.explain_ = nullptr;
        auto const handled = fsm_.process_event(e);
        if (handled == boost::msm::back::HANDLED_TRUE) {
            detail::apply_action<accepted_action_t<W>>(fsm_.data_, e);
            return verdict{};
        }
        if (fsm_.illegal_ || fsm_.explain_ == nullptr) return illegal(current, Event::name);
        return verdict(rejection::from(fsm_.explain_(fsm_.data_, fsm_.policy_, &e), state_names[current], Event::name));
    }

    /// Processes an event decoded at run time.
    verdict process(event_variant_t<W> const& e) {
        return std::visit([&](auto const& ev) { return this->process(ev); }, e);
    }

    /// Whether the machine is in `State`.
    template <class State>
    [[nodiscard]] bool is() const noexcept {
        static_assert(is_state_of_v<State, W>, "hireguard: this type is not a state of the workflow");
        return fsm_.current_state()[0] == msm_id<State>;
    }

    /// The current state's name.
    [[nodiscard]] std::string_view state_name() const noexcept {
        return state_names[static_cast<std::size_t>(fsm_.current_state()[0])];
    }

    /// Everything the candidacy knows besides its state.
    [[nodiscard]] data_type const& data() const noexcept { return fsm_.data_; }
    /// The policy its rules apply.
    [[nodiscard]] policy_type const& policy() const noexcept { return fsm_.policy_; }

    /// Hands the current state to `f` as a typed `candidacy<S, W>&&` (a copy
    /// of the machine's data), so typed code continues from a state known
    /// only at run time. `f` must accept every state's candidacy and return
    /// the same type for each.
    template <class F>
    decltype(auto) visit(F&& f) const {
        return detail::visit_as_typed<W>(state_index_by_id[static_cast<std::size_t>(fsm_.current_state()[0])], states{},
                                         fsm_.data_, fsm_.policy_, std::forward<F>(f));
    }

private:
    explicit basic_msm_machine(std::pair<data_type, policy_type>&& parts)
        : basic_msm_machine(std::move(parts.first), parts.second) {}
    verdict illegal(std::size_t current, std::string_view event) const {
        return verdict(detail::illegal_transition_rejection<W>(state_names[current], event));
    }

    backend fsm_;
};

}  // namespace hireguard

#endif
