// One stream of events through every engine, side by side (Google Benchmark),
// and a --run mode that processes the stream once with one engine, for
// instruction counts under callgrind (bench/instructions.sh).
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string_view>
#include <vector>

#include <benchmark/benchmark.h>

#include <hireguard/core/detail/steps.hpp>
#include <hireguard/hiring/candidacy.hpp>
#include <hireguard/hiring/lifecycle.hpp>
#include <hireguard/hiring/machine.hpp>
#include <hireguard/hiring/msm_machine.hpp>

#include "hand_written.hpp"
#include "stream.hpp"

namespace {

using namespace hireguard;

std::vector<bench::item> const& stream() {
    static std::vector<bench::item> const s = bench::make_stream();
    return s;
}

template <class Engine>
std::vector<Engine> fresh(std::size_t n) {
    if constexpr (std::is_constructible_v<Engine, job_id, freelancer_id>) {
        std::vector<Engine> out;
        out.reserve(n);
        for (std::size_t i = 0; i < n; ++i) out.emplace_back(job_id{1}, freelancer_id{i});
        return out;
    } else {
        return std::vector<Engine>(n);
    }
}

// Processes the whole stream; returns how many events were accepted.
template <class Engine>
std::size_t run(std::vector<Engine>& engines) {
    std::size_t accepted = 0;
    for (auto const& [c, e] : stream()) accepted += engines[c].process(e).accepted() ? 1U : 0U;
    return accepted;
}

template <class Engine>
void engine(benchmark::State& state) {
    std::size_t accepted = 0;
    for (auto _ : state) {
        state.PauseTiming();
        auto engines = fresh<Engine>(1000);
        state.ResumeTiming();
        accepted = run(engines);
        benchmark::DoNotOptimize(accepted);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * stream().size()));
    state.counters["accepted"] = static_cast<double>(accepted);
    state.counters["events"] = static_cast<double>(stream().size());
}

BENCHMARK_TEMPLATE(engine, machine)->Name("hireguard::machine")->Unit(benchmark::kMicrosecond);
BENCHMARK_TEMPLATE(engine, bench::switch_engine)->Name("hand-written switch")->Unit(benchmark::kMicrosecond);
BENCHMARK_TEMPLATE(engine, bench::table_engine)->Name("flat lookup table")->Unit(benchmark::kMicrosecond);
BENCHMARK_TEMPLATE(engine, basic_msm_machine<lifecycle, false>)
    ->Name("Boost.MSM back-end, defaults")
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_TEMPLATE(engine, msm_machine)
    ->Name("Boost.MSM back-end, no_exception_thrown + no_message_queue")
    ->Unit(benchmark::kMicrosecond);

// The typed API against the same steps written as plain struct updates. The
// start time is read from a volatile so that neither chain is folded away at
// compile time.
volatile std::int64_t start_seconds = 1767571200;  // 2026-01-05T00:00:00Z

int typed_chain(int work_items) {
    using namespace std::chrono_literals;
    timestamp const t0{std::chrono::seconds{start_seconds}};
    auto c = begin_candidacy(job_id{1}, freelancer_id{2})
                 .on(event::submit_proposal{.at = t0})
                 .on(event::respond{.at = t0 + 1h});
    auto o = std::move(c).on(event::send_offer{.at = t0 + 2h, .terms = {.hourly_rate = dollars(40)}});
    if (!o) return -1;
    auto r = std::move(o).value().on(event::accept_offer{.at = t0 + 3h});
    if (!r.is<state::contract_active>()) return -1;
    auto a = std::move(r).get<state::contract_active>();
    for (int i = 0; i < work_items; ++i) {
        auto w = std::move(a).on(event::log_work{.at = t0 + 4h, .minutes = 30min});
        if (!w) return -1;
        a = std::move(w).value();
    }
    return static_cast<int>(a.data().minutes_logged.count());
}

int struct_chain(int work_items) {
    using namespace std::chrono_literals;
    timestamp const t0{std::chrono::seconds{start_seconds}};
    candidacy_data d{job_id{1}, freelancer_id{2}};
    policy const p{};
    bench::st s = bench::st::prospect;
    event::submit_proposal const e1{.at = t0};
    d.last_event_at = e1.at;
    s = bench::st::submitted;
    event::respond const e2{.at = t0 + 1h};
    d.last_event_at = e2.at;
    s = bench::st::interviewing;
    event::send_offer const e3{.at = t0 + 2h, .terms = {.hourly_rate = dollars(40)}};
    if (!guards::valid_offer::holds(d, p, e3)) return -1;
    actions::record_offer::apply(d, e3);
    d.last_event_at = e3.at;
    s = bench::st::offered;
    event::accept_offer const e4{.at = t0 + 3h};
    if (!guards::accept_before_start::holds(d, p, e4)) {
        if (!guards::accept_and_begin::holds(d, p, e4)) return -1;
        s = bench::st::contract_active;
    } else {
        s = bench::st::contract_pending;
    }
    actions::hire::apply(d, e4);
    d.last_event_at = e4.at;
    if (s != bench::st::contract_active) return -1;
    for (int i = 0; i < work_items; ++i) {
        event::log_work const w{.at = t0 + 4h, .minutes = 30min};
        if (!detail::input_ok<lifecycle>(d, p, w) || !guards::work_allowed::holds(d, p, w)) return -1;
        actions::record_work::apply(d, w);
        d.last_event_at = w.at;
    }
    return static_cast<int>(d.minutes_logged.count());
}

void typed_api(benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(typed_chain(10));
}
void plain_structs(benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(struct_chain(10));
}
BENCHMARK(typed_api)->Name("typed API chain (15 events)");
BENCHMARK(plain_structs)->Name("plain struct updates (15 events)");

template <class Engine>
int run_once() {
    auto engines = fresh<Engine>(1000);
    std::size_t const accepted = run(engines);
    std::printf("%zu events, %zu accepted\n", stream().size(), accepted);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc == 3 && std::strcmp(argv[1], "--run") == 0) {
        std::string_view const which = argv[2];
        (void)stream();  // built before counting starts in every mode, "none" included
        if (which == "none") return 0;
        if (which == "machine") return run_once<machine>();
        if (which == "switch") return run_once<bench::switch_engine>();
        if (which == "table") return run_once<bench::table_engine>();
        if (which == "msm") return run_once<basic_msm_machine<lifecycle, false>>();
        if (which == "msm-tuned") return run_once<msm_machine>();
        if (which == "typed") return typed_chain(10) > 0 ? 0 : 1;
        if (which == "structs") return struct_chain(10) > 0 ? 0 : 1;
        std::fprintf(stderr, "unknown engine %s\n", argv[2]);
        return 2;
    }
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
