// The audit of a log, start to end: read in chunks and decoded on every
// thread, each event sent to the thread that owns its candidacy, each
// candidacy replayed by its owner, the reports merged by line number and
// written, then the summary. Generic over the workflow; POSIX threads.
// Link `hireguard::json` and Threads::Threads.
#ifndef HIREGUARD_AUDIT_PIPELINE_HPP
#define HIREGUARD_AUDIT_PIPELINE_HPP

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <deque>
#include <mutex>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include <hireguard/audit/auditable.hpp>
#include <hireguard/audit/decode.hpp>
#include <hireguard/audit/duplicates.hpp>
#include <hireguard/audit/input.hpp>
#include <hireguard/audit/options.hpp>
#include <hireguard/audit/replay.hpp>
#include <hireguard/audit/report.hpp>
#include <hireguard/audit/threads.hpp>
#include <hireguard/core/workflow.hpp>

namespace hireguard {
namespace detail {

// A log at least this large shows a progress bar when the message stream is a
// terminal.
inline constexpr std::size_t audit_progress_threshold = std::size_t{64} << 20;

// A progress bar on `to` while the log is decoded or replayed.
class audit_progress_bar {
public:
    // `unit` is "MB" for bytes shown in megabytes, or a word for a count.
    audit_progress_bar(std::FILE* to, char const* phase, std::atomic<std::size_t> const& done, std::size_t total,
                       char const* unit)
        : to_(to), phase_(phase), unit_(unit), done_(done), total_(std::max<std::size_t>(total, 1)) {
        thread_ = std::thread([this] { run(); });
    }
    audit_progress_bar(audit_progress_bar const&) = delete;
    audit_progress_bar& operator=(audit_progress_bar const&) = delete;
    ~audit_progress_bar() {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            stop_ = true;
        }
        wake_.notify_all();
        thread_.join();
        std::fputs("\r\033[K", to_);
        std::fflush(to_);
    }

private:
    void run() {
        std::unique_lock<std::mutex> lock(mutex_);
        while (!wake_.wait_for(lock, std::chrono::milliseconds(200), [this] { return stop_; })) {
            std::size_t const done = std::min(done_.load(std::memory_order_relaxed), total_);
            int const width = 40;
            auto const filled = static_cast<int>(static_cast<double>(done) / static_cast<double>(total_) * width);
            std::string bar(static_cast<std::size_t>(filled), '#');
            bar.resize(width, '.');
            bool const mb = std::string_view(unit_) == "MB";
            std::fprintf(to_, "\r%-9s [%s] %3d%% %zu of %zu %s", phase_, bar.c_str(),
                         static_cast<int>(100.0 * static_cast<double>(done) / static_cast<double>(total_)),
                         mb ? done >> 20 : done, mb ? total_ >> 20 : total_, unit_);
            std::fflush(to_);
        }
    }
    std::FILE* to_;
    char const* phase_;
    char const* unit_;
    std::atomic<std::size_t> const& done_;
    std::size_t total_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stop_ = false;
    std::thread thread_;
};

// The reports of one kind from every result, each result's in line order,
// taken in line order.
template <class Report>
class audit_line_merge {
public:
    audit_line_merge(std::vector<audit::replay_result> const& results,
                     std::vector<Report> audit::replay_result::*reports)
        : results_(results), reports_(reports), at_(results.size(), 0) {}

    // The next report, or null after the last.
    Report const* next() {
        Report const* best = nullptr;
        std::size_t who = 0;
        for (std::size_t t = 0; t < results_.size(); ++t) {
            auto const& list = results_[t].*reports_;
            if (at_[t] < list.size() && (best == nullptr || list[at_[t]].line < best->line)) {
                best = &list[at_[t]];
                who = t;
            }
        }
        if (best != nullptr) ++at_[who];
        return best;
    }

private:
    std::vector<audit::replay_result> const& results_;
    std::vector<Report> audit::replay_result::*reports_;
    std::vector<std::size_t> at_;
};

// The options' bounds and the policy's own check, before any input is read.
template <class W>
void audit_check_options(audit::basic_options<W> const& opt) {
    if (opt.threads == 0 || opt.threads > audit::max_threads)
        throw audit::unusable("--threads must be between 1 and " + std::to_string(audit::max_threads));
    if (opt.chunk_bytes == 0 || opt.chunk_bytes > (std::size_t{1} << 30))
        throw audit::unusable("--chunk-bytes must be between 1 and 2^30");
    if (opt.max_line == 0 || opt.max_line > (std::size_t{1} << 30))
        throw audit::unusable("--max-line-bytes must be between 1 and 2^30");
    if constexpr (self_checking_policy<policy_t<W>>) {
        if (auto const problem = policy_problem(opt.policy)) throw audit::unusable("invalid policy: " + *problem);
    }
}

}  // namespace detail

namespace audit {

/// Audits the log `opt.input` of workflow `W`: writes to `out` a report for
/// every rejected event and malformed line, in line order, then the summary
/// (text, or JSON Lines with `opt.json`), and returns the summary. A progress
/// bar (`opt.progress`, when `messages` is a terminal and the log at least
/// 64 MB) and the time of each phase (`opt.stats`) go to `messages`, which
/// may be null. The output does not depend on `opt.threads`.
///
/// Throws `unusable`, before anything is written, for options out of their
/// bounds, a policy its `policy_problem` finds wrong, or a log that cannot be
/// read; and after, for a report that could not be written.
///
///     hireguard::audit::basic_options<my_workflow> opt;
///     opt.input = "events.jsonl";
///     hireguard::audit::report_stream out(stdout);
///     hireguard::audit::summary s = hireguard::audit::audit_log(opt, out);
///     return s.exit_code();
template <auditable W>
summary audit_log(basic_options<W> const& opt, report_stream& out, std::FILE* messages = stderr) {
    using clock = std::chrono::steady_clock;
    detail::audit_check_options(opt);
    auto const t0 = clock::now();
    log_source input(opt.input, opt.chunk_bytes, opt.max_line);
    unsigned const threads = opt.threads;
    // The chunks' results, in file order; a deque, so that those being
    // filled stay where they are while others are added.
    std::deque<decoded_chunk<W>> decoded;
    std::atomic<std::size_t> bytes_done{0};
    bool const show_progress = opt.progress && messages != nullptr &&
                               input.size_hint() >= detail::audit_progress_threshold &&
                               ::isatty(::fileno(messages)) != 0;
    {
        std::optional<detail::audit_progress_bar> bar;
        if (show_progress) bar.emplace(messages, "reading", bytes_done, input.size_hint(), "MB");
        detail::audit_on_threads(threads, [&](unsigned /*self*/) {
            chunk_buffer buffer;
            chunk_decoder<W> decoder;
            decoded_chunk<W>* chunk = nullptr;
            std::size_t index = 0;
            while (input.next(buffer, [&](std::size_t c) {
                index = c;
                chunk = &decoded.emplace_back();
            })) {
                if (index > UINT32_MAX) throw unusable("the log has too many chunks; give a larger --chunk-bytes");
                decoder.decode(buffer.view(), static_cast<std::uint32_t>(index), threads, opt.max_line, *chunk);
                bytes_done.fetch_add(buffer.size(), std::memory_order_relaxed);
            }
        });
    }
    auto const t1 = clock::now();

    summary s;
    std::vector<std::uint64_t> first_line(decoded.size());
    for (std::size_t c = 0; c < decoded.size(); ++c) {
        first_line[c] = s.lines;
        s.lines += decoded[c].lines;
        s.blank += decoded[c].blank;
        s.malformed += decoded[c].bad.size();
        for (auto& m : decoded[c].bad) m.line += first_line[c] + 1;
        decoded[c].by_owner.resize(threads);  // a chunk without events has none
    }

    // The ids that more than one line carries, and the candidacies that
    // share one; nothing to do for a log without ids.
    delivery_ids ids = find_repeated_ids(decoded, threads);
    ids.keep_reports = opt.list_duplicates;
    s.ids = ids.any;

    // One result for each thread, and one for the candidacies that share an
    // id with another, replayed together afterwards.
    std::vector<replay_result> replayed(threads + 1);
    {
        std::atomic<std::size_t> replayed_events{0};
        std::optional<detail::audit_progress_bar> bar;
        if (show_progress)
            bar.emplace(messages, "replaying", replayed_events, s.lines - s.blank - s.malformed, "events");
        detail::audit_on_threads(threads, [&](unsigned self) {
            replay_owned<W>(decoded, first_line, self, opt.policy, ids, replayed[self], replayed_events);
        });
    }
    if (!ids.linked.empty()) {
        std::vector<detail::audit_record> joint;
        for (auto& r : replayed) {
            joint.insert(joint.end(), r.joint.begin(), r.joint.end());
            r.joint = {};
        }
        replay_joint<W>(decoded, first_line, opt.policy, ids, std::move(joint), replayed[threads]);
    }
    auto const t2 = clock::now();

    for (auto const& r : replayed) {
        s.accepted += r.accepted;
        s.rejected += r.violations.size();
        s.duplicates += r.duplicates;
        s.duplicates_across_candidacies += r.duplicates_across_candidacies;
        for (auto const& c : r.reasons) count_reason(s.reasons, c.kind, c.rule, c.count);
    }
    std::sort(s.reasons.begin(), s.reasons.end(), [](reason_count const& x, reason_count const& y) {
        return std::pair(x.kind, x.rule) < std::pair(y.kind, y.rule);
    });

    // Merge the reports by line: malformed lines in chunk order, violations
    // and duplicates from each result's sorted lists.
    {
        detail::audit_line_merge<violation_report> violations(replayed, &replay_result::violations);
        detail::audit_line_merge<duplicate_report> duplicates(replayed, &replay_result::duplicate_reports);
        violation_report const* v = violations.next();
        duplicate_report const* d = duplicates.next();
        // Writes the reports of events before `line`.
        auto events_before = [&](std::uint64_t line) {
            for (;;) {
                bool const violation_first = v != nullptr && (d == nullptr || v->line < d->line);
                if (violation_first && v->line < line) {
                    write_violation(out, *v, opt.json);
                    v = violations.next();
                } else if (!violation_first && d != nullptr && d->line < line) {
                    write_duplicate(out, *d, opt.json);
                    d = duplicates.next();
                } else {
                    return;
                }
            }
        };
        for (auto const& c : decoded) {
            for (auto const& m : c.bad) {
                events_before(m.line);
                write_malformed(out, m, opt.json);
            }
        }
        events_before(UINT64_MAX);
        write_summary(out, s, opt.json);
    }
    if (std::string const failure = out.finish(); !failure.empty())
        throw unusable("cannot write the report to " + std::string(out.name()) + ": " + failure);
    auto const t3 = clock::now();

    if (opt.stats && messages != nullptr) {
        auto ms = [](auto d) { return std::chrono::duration<double, std::milli>(d).count(); };
        std::fprintf(messages, "decode %.1f ms, replay %.1f ms, output %.1f ms, total %.1f ms, %u threads\n",
                     ms(t1 - t0), ms(t2 - t1), ms(t3 - t2), ms(t3 - t0), threads);
    }
    return s;
}

/// Audits the log `opt.input` of workflow `W` into `out` (a file, stdout by
/// default); see the `report_stream` overload.
///
///     hireguard::audit::options opt;
///     opt.input = "examples/data/hiring-log.jsonl";
///     return hireguard::audit::audit_log(opt).exit_code();   // reports on stdout
template <auditable W>
summary audit_log(basic_options<W> const& opt, std::FILE* out = stdout, std::FILE* messages = stderr) {
    report_stream stream(out, out == stdout ? "stdout" : "its file");
    return audit_log(opt, stream, messages);
}

/// Audits the log `opt.input` of workflow `W` into `out`; see the
/// `report_stream` overload.
///
///     std::ostringstream text;
///     hireguard::audit::summary s = hireguard::audit::audit_log(opt, text);
template <auditable W>
summary audit_log(basic_options<W> const& opt, std::ostream& out, std::FILE* messages = stderr) {
    report_stream stream(out);
    return audit_log(opt, stream, messages);
}

}  // namespace audit
}  // namespace hireguard

#endif
