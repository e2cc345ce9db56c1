// Property tests of any workflow with RapidCheck: generators of event
// sequences from the host's event factory, a stateful property that checks
// an executor against the host's own model of the workflow, and properties
// of every workflow (the invariants of <hireguard/testing/checks.hpp> on
// every event, and two executors agreeing). Needs RapidCheck
// (github.com/emil-e/rapidcheck): `#include <rapidcheck.h>` must work and the
// test must link its library (`rapidcheck`, or `rapidcheck_gtest` for
// RC_GTEST_PROP).
//
// The host supplies:
// - an event factory: `factory(std::type_identity<Event>{}, model)` returns
//   an `rc::Gen<Event>` (or an `rc::Gen<event_variant_t<W>>`) for an event
//   of that type, its payload and time chosen from what the model knows;
// - a model (`model_of<M, W>`): a copyable value with `state_name()` and
//   `step(event)`, returning the `expected` answer, written from the
//   workflow's documented rules rather than from its table, and optionally
//   `expected_data()`, compared with the executor's data.
#ifndef HIREGUARD_TESTING_RAPIDCHECK_HPP
#define HIREGUARD_TESTING_RAPIDCHECK_HPP

#include <concepts>
#include <cstddef>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include <rapidcheck.h>
#include <rapidcheck/state.h>

#include <hireguard/core/rejection.hpp>
#include <hireguard/core/table.hpp>
#include <hireguard/core/verdict.hpp>
#include <hireguard/core/verify.hpp>
#include <hireguard/core/workflow.hpp>
#include <hireguard/testing/checks.hpp>

namespace hireguard::testing {

/// A model's answer to an event: accepted, or rejected with a kind and the
/// rule's name ("none" for an illegal transition).
///
///     return expected{};                                                        // accepted
///     return expected{false, rejection_kind::rule_violated, "report_cited"};   // rejected
struct expected {
    bool accepted = true;
    rejection_kind kind = rejection_kind::illegal_transition;
    std::string_view rule = "none";
    friend bool operator==(expected const&, expected const&) = default;
};

/// A host's model of workflow `W`: copyable, it names its state as the
/// workflow does and answers each event, changing only when it accepts.
///
///     struct my_model {
///         std::string_view state = "applied";
///         std::string_view state_name() const { return state; }
///         hireguard::testing::expected step(hireguard::event_variant_t<W> const& e);
///     };
template <class M, class W>
concept model_of = workflow<W> && std::copyable<M> && requires(M& m, M const& cm, event_variant_t<W> const& e) {
    { cm.state_name() } -> std::convertible_to<std::string_view>;
    { m.step(e) } -> std::convertible_to<expected>;
};

/// A model that also says what the executor's data must be after each event:
/// `m.expected_data() == executor.data()`.
template <class M, class W>
concept model_with_data_of = model_of<M, W> && requires(M const& m, data_t<W> const& d) {
    { m.expected_data() == d } -> std::convertible_to<bool>;
};

namespace detail {

// Whether nothing leads out of state `s` but back into it.
template <class W>
constexpr bool no_way_out(std::size_t s) {
    for (auto const& r : verify::graph<W>::edges)
        if (r.source == s && r.target != s) return false;
    return true;
}

template <class W, class Factory, class Context>
rc::Gen<event_variant_t<W>> gen_of_kind(std::size_t kind, Factory const& factory, Context const& context) {
    using V = event_variant_t<W>;
    constexpr std::size_t n = std::variant_size_v<V>;
    return [&]<std::size_t... I>(std::index_sequence<I...>) {
        rc::Gen<V> out = rc::gen::just(V{});
        (void)((kind == I
                    ? (out = rc::gen::cast<V>(factory(std::type_identity<std::variant_alternative_t<I, V>>{}, context)),
                       true)
                    : false) ||
               ...);
        return out;
    }
    (std::make_index_sequence<n>{});
}

template <class W>
void show_event(event_variant_t<W> const& e, std::ostream& os) {
    if constexpr (requires { showValue(e, os); }) {
        showValue(e, os);
    } else {
        os << verify::graph<W>::event_names[e.index()];
    }
}

}  // namespace detail

/// The kinds of event (indices into `events_t<W>`) that the table allows in
/// the state at `state`, one entry per row, each repeated by its weight: 1
/// for a row into a state that nothing leaves (a terminal state, an ended
/// contract), 20 for any other, so that random runs go deep before they end:
/// `rc::gen::elementOf(weighted_legal_kinds<W>(state_index<W>("offered")))`.
template <workflow W>
[[nodiscard]] std::vector<std::size_t> weighted_legal_kinds(std::size_t state) {
    std::vector<std::size_t> out;
    for (auto const& r : verify::graph<W>::edges)
        if (r.source == state)
            for (int w = r.target != r.source && detail::no_way_out<W>(r.target) ? 1 : 20; w > 0; --w)
                out.push_back(r.event);
    return out;
}

/// The next event for a candidacy in the model's state: three times in four
/// a kind the table allows there (when any does, by `weighted_legal_kinds`),
/// else any kind of the workflow, built by the host's factory from the model.
///
///     auto e = *hireguard::testing::gen_event<W>(model, [](auto kind, my_model const& m) {
///         using E = typename decltype(kind)::type;
///         return rc::gen::just(E{.at = m.clock + std::chrono::hours{1}});
///     });
template <workflow W, class Model, class Factory>
[[nodiscard]] rc::Gen<event_variant_t<W>> gen_event(Model const& model, Factory factory) {
    constexpr std::size_t n = std::variant_size_v<event_variant_t<W>>;
    std::vector<std::size_t> const legal = weighted_legal_kinds<W>(state_index<W>(model.state_name()));
    std::vector<std::size_t> all;
    for (std::size_t i = 0; i < n; ++i) all.push_back(i);
    auto kind =
        legal.empty()
            ? rc::gen::elementOf(all)
            : rc::gen::weightedOneOf<std::size_t>({{3, rc::gen::elementOf(legal)}, {1, rc::gen::elementOf(all)}});
    // Sized at the nominal size: RapidCheck scales ranges and element choices
    // by size, which would keep small cases to the first few kinds and values.
    return rc::gen::resize(rc::kNominalSize, rc::gen::mapcat(std::move(kind), [model, factory](std::size_t k) {
                               return detail::gen_of_kind<W>(k, factory, model);
                           }));
}

/// A history of up to twice RapidCheck's size in events, each generated by
/// `gen_event` from the model's state after the ones before it.
///
///     auto const history = *hireguard::testing::gen_history<W>(my_model{}, factory);
template <workflow W, model_of<W> Model, class Factory>
[[nodiscard]] rc::Gen<std::vector<event_variant_t<W>>> gen_history(Model start, Factory factory) {
    return rc::gen::withSize([start, factory](int size) {
        return rc::gen::exec([start, factory, size] {
            auto const n = *rc::gen::resize(rc::kNominalSize, rc::gen::inRange(0, 2 * size + 1));
            Model m = start;
            std::vector<event_variant_t<W>> out;
            for (int i = 0; i < n; ++i) {
                out.push_back(*gen_event<W>(m, factory));
                (void)m.step(out.back());
            }
            return out;
        });
    });
}

namespace detail {

// One command of `check_against_model`: fires one event on the model and on
// the executor and compares them.
template <class W, class Model, class X>
struct fire_event final : rc::state::Command<Model, X> {
    event_variant_t<W> event;
    explicit fire_event(event_variant_t<W> e) : event(std::move(e)) {}

    void apply(Model& m) const override { (void)m.step(event); }

    void run(Model const& before, X& sut) const override {
        Model after_model = before;
        expected const want = after_model.step(event);
        snapshot<W> const was = snapshot_of<W>(sut);
        verdict const v = sut.process(event);
        snapshot<W> const now = snapshot_of<W>(sut);
        RC_LOG() << "verdict: " << v.message() << "; model: " << (want.accepted ? "accepted" : want.rule) << ", "
                 << std::string_view(after_model.state_name()) << "; executor: " << now.state << "\n";
        RC_ASSERT(v.accepted() == want.accepted);
        if (!v) {
            RC_ASSERT(v.error().kind == want.kind);
            RC_ASSERT(v.error().rule.name == want.rule);
            RC_ASSERT(v.error().state == was.state);
            RC_ASSERT(v.error().event == verify::graph<W>::event_names[event.index()]);
        }
        if (auto broken = broken_invariant<W>(was, event, v, now)) RC_FAIL(*broken);
        RC_ASSERT(now.state == std::string_view(after_model.state_name()));
        if constexpr (model_with_data_of<Model, W>) RC_ASSERT(after_model.expected_data() == now.data);
    }

    void show(std::ostream& os) const override { show_event<W>(event, os); }
};

}  // namespace detail

/// The stateful property (`rc::state::check`): from `initial` and `sut`, a
/// sequence of events generated by `gen_event` from the model's state, each
/// fired on both; after every one the executor's verdict, rejection kind and
/// rule, state and (for `model_with_data_of`) data must be the model's, and
/// every invariant of `broken_invariant` holds. A failure shrinks to a
/// shortest sequence of events. Call it inside a property:
///
///     RC_GTEST_PROP(MyWorkflow, TheMachineAgreesWithMyModel, ()) {
///         hireguard::basic_machine<W> m;
///         hireguard::testing::check_against_model<W>(my_model{}, m, factory);
///     }
template <workflow W, model_of<W> Model, executor_of<W> X, class Factory>
void check_against_model(Model const& initial, X& sut, Factory factory) {
    rc::state::check(initial, sut, [factory](Model const& m) {
        return rc::gen::map(gen_event<W>(m, factory), [](event_variant_t<W> e) {
            return std::shared_ptr<rc::state::Command<Model, X> const>(
                std::make_shared<detail::fire_event<W, Model, X> const>(std::move(e)));
        });
    });
}

/// Inside a property: fires every event of `history` on `x`, asserting the
/// invariants of `broken_invariant` after each (a rejection changes nothing,
/// terminal states stay terminal, ...); returns how many were accepted.
///
///     RC_GTEST_PROP(MyWorkflow, KeepsEveryWorkflowsInvariants, ()) {
///         hireguard::basic_machine<W> m;
///         hireguard::testing::assert_invariants<W>(m, *hireguard::testing::gen_history<W>(my_model{}, factory));
///     }
template <workflow W, executor_of<W> X>
std::size_t assert_invariants(X& x, std::vector<event_variant_t<W>> const& history) {
    std::size_t accepted = 0;
    for (auto const& e : history) {
        checked_step const step = process_checked<W>(x, e);
        if (step.broken) RC_FAIL(*step.broken);
        accepted += step.answer.accepted() ? 1 : 0;
    }
    return accepted;
}

/// Inside a property: fires every event of `history` on both executors,
/// asserting that they agree on every verdict (kind, rule, message), state
/// and data (`disagreement`), and that each keeps the invariants.
///
///     hireguard::basic_machine<W> flat;
///     hireguard::basic_msm_machine<W> msm;
///     hireguard::testing::assert_executors_agree<W>(flat, msm, history);
template <workflow W, executor_of<W> A, executor_of<W> B>
void assert_executors_agree(A& a, B& b, std::vector<event_variant_t<W>> const& history) {
    for (auto const& e : history) {
        checked_step const x = process_checked<W>(a, e);
        checked_step const y = process_checked<W>(b, e);
        if (x.broken) RC_FAIL(*x.broken);
        if (y.broken) RC_FAIL(*y.broken);
        if (auto differ = disagreement<W>(x.answer, snapshot_of<W>(a), y.answer, snapshot_of<W>(b)))
            RC_FAIL(*differ + " (event " + std::string(verify::graph<W>::event_names[e.index()]) + ")");
    }
}

}  // namespace hireguard::testing

#endif
