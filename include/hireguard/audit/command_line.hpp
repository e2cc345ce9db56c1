// The audit's command line (Boost.Program_options), and a `main` for a
// host's own audit tool:
//
//     int main(int argc, char** argv) { return hireguard::audit::main<my_workflow>(argc, argv); }
//
// The options are hireguard-audit's (docs/audit.md); `--offer-days`,
// `--feedback-days` and `--minimum-milestone` are there when the workflow's
// policy derives from `hireguard::policy`. Link `hireguard::json`,
// Boost::program_options and Threads::Threads.
#ifndef HIREGUARD_AUDIT_COMMAND_LINE_HPP
#define HIREGUARD_AUDIT_COMMAND_LINE_HPP

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <exception>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <type_traits>

#include <boost/program_options.hpp>

#include <hireguard/audit/auditable.hpp>
#include <hireguard/audit/input.hpp>
#include <hireguard/audit/options.hpp>
#include <hireguard/audit/pipeline.hpp>
#include <hireguard/audit/report.hpp>
#include <hireguard/core/workflow.hpp>
#include <hireguard/hiring/data.hpp>

namespace hireguard {

namespace audit {

/// How a tool built on the audit names itself: in its usage, its messages
/// ("acme-audit: cannot open ...") and `--version`. An empty name is the
/// program's file name; an empty description, a paragraph that fits any
/// workflow.
///
///     hireguard::audit::tool_info const tool{.name = "acme-audit", .version = "1.4.0"};
///     return hireguard::audit::main<acme::hiring_with_background_check>(argc, argv, tool);
struct tool_info {
    /// The program's name.
    std::string_view name{};
    /// What `--version` prints after the name.
    std::string_view version{};
    /// The paragraph of `--help` between the usage line and the options.
    std::string_view description{};
};

/// What the command line asks for: the options of an audit, or an exit code
/// to return at once (after `--help`, `--version`, or bad arguments, whose
/// message is already written).
///
///     auto cl = hireguard::audit::parse_command_line<my_workflow>(argc, argv);
///     if (!cl.options) return cl.exit_code;
template <workflow W>
struct command_line {
    /// The options, or nothing when there is nothing to audit.
    std::optional<basic_options<W>> options;
    /// The exit code when there are no options.
    int exit_code = exit_clean;
};

}  // namespace audit

namespace detail {

inline constexpr std::string_view audit_description =
    "Replays a JSON Lines event log (LOG, or - for stdin) through the workflow\n"
    "and reports every rejected event. Exit code: 0 clean, 1 rejected events\n"
    "or malformed lines, 2 unusable input or arguments, or a report that\n"
    "could not be written.";

[[nodiscard]] inline std::string audit_tool_name(audit::tool_info const& tool, int argc, char const* const* argv) {
    if (!tool.name.empty()) return std::string(tool.name);
    if (argc < 1 || argv[0] == nullptr) return "audit";
    std::string_view const path = argv[0];
    std::size_t const slash = path.rfind('/');
    return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

// Days as a duration, saturated rather than overflowing; the policy's own
// check (policy_problem) judges the result.
[[nodiscard]] inline std::chrono::seconds audit_days(std::int64_t n) noexcept {
    constexpr std::int64_t most = INT64_MAX / 86400;
    if (n > most) return std::chrono::seconds::max();
    if (n < -most) return std::chrono::seconds::min();
    return std::chrono::days{n};
}

// The option that sets a field of hireguard::policy.
[[nodiscard]] inline std::string_view audit_option_of(std::string_view problem) noexcept {
    if (problem.starts_with("offer_lifetime")) return "--offer-days";
    if (problem.starts_with("feedback_window")) return "--feedback-days";
    if (problem.starts_with("minimum_milestone")) return "--minimum-milestone";
    return "the policy";
}

// Whether file descriptor 1 is open: with it closed, the log opened next
// would take its number.
[[nodiscard]] inline bool audit_stdout_open() noexcept {
    return ::fcntl(STDOUT_FILENO, F_GETFD) != -1;
}

}  // namespace detail

namespace audit {

/// Reads hireguard-audit's command line for workflow `W`: `LOG` (or `-`),
/// `-j/--threads`, `--json`, `--list-duplicates`, `--no-progress`, `--stats`, `--max-line-bytes`,
/// `--version`, `-h/--help`, and the policy's `--offer-days`,
/// `--feedback-days` and `--minimum-milestone` when `policy_t<W>` derives
/// from `hireguard::policy` (their defaults are the policy's). The policy is
/// checked here, by its own `policy_problem`, before any input is opened.
/// Help and the version go to `out`; errors, with the usage, to `err`.
///
///     auto cl = hireguard::audit::parse_command_line<my_workflow>(argc, argv, {.name = "acme-audit"});
///     if (!cl.options) return cl.exit_code;
///     cl.options->policy.report_required = true;   // a host's own policy field
///     return hireguard::audit::audit_log(*cl.options).exit_code();
template <workflow W>
[[nodiscard]] command_line<W> parse_command_line(int argc, char const* const* argv, tool_info const& tool = {},
                                                 std::ostream& out = std::cout, std::ostream& err = std::cerr) {
    namespace po = boost::program_options;
    using policy_type = policy_t<W>;
    std::string const name = detail::audit_tool_name(tool, argc, argv);
    basic_options<W> opt;
    // Threads by default: one a core, up to 64; each costs memory of its own
    // (docs/audit.md), and more decode no faster.
    unsigned const hardware = std::clamp(std::thread::hardware_concurrency(), 1U, default_threads_max);
    po::options_description visible(
        "Usage: " + name + " [options] LOG\n\n" +
        std::string(tool.description.empty() ? detail::audit_description : tool.description) + "\n\nOptions");
    visible.add_options()("help,h", "show this help")("version", "print the version")(
        "threads,j", po::value<unsigned>(&opt.threads)->default_value(hardware),
        "worker threads, 1 to 256 (default: the cores, at most 64; the output does not depend on it)")(
        "json", po::bool_switch(&opt.json), "JSON Lines output: one object per report, then a summary")(
        "list-duplicates", po::bool_switch(&opt.list_duplicates),
        "report each duplicate delivery (a line whose id was applied before), not only their count")(
        "no-progress", po::bool_switch(), "no progress bar on stderr")("stats", po::bool_switch(&opt.stats),
                                                                       "time spent in each phase, on stderr")(
        "max-line-bytes", po::value<std::size_t>(&opt.max_line)->default_value(default_max_line_bytes),
        "longer lines are reported malformed and skipped");
    std::int64_t offer_days = 0;
    std::int64_t feedback_days = 0;
    std::int64_t minimum_milestone = 0;
    if constexpr (std::is_base_of_v<policy, policy_type>) {
        policy const defaults = policy_type{};
        visible.add_options()(
            "offer-days",
            po::value<std::int64_t>(&offer_days)
                ->default_value(std::chrono::duration_cast<std::chrono::days>(defaults.offer_lifetime).count()),
            "offers expire this many days after they are sent")(
            "feedback-days",
            po::value<std::int64_t>(&feedback_days)
                ->default_value(std::chrono::duration_cast<std::chrono::days>(defaults.feedback_window).count()),
            "feedback may be left this many days after the end of a contract")(
            "minimum-milestone",
            po::value<std::int64_t>(&minimum_milestone)->default_value(defaults.minimum_milestone.cents()),
            "smallest fixed-price milestone, in cents");
    }
    po::options_description all;
    all.add(visible).add_options()("log", po::value<std::string>(&opt.input))(
        "chunk-bytes", po::value<std::size_t>(&opt.chunk_bytes)->default_value(default_chunk_bytes));
    po::positional_options_description positional;
    positional.add("log", 1);
    try {
        po::variables_map vm;
        po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
        po::notify(vm);
        if (vm.count("help") != 0 || vm.count("version") != 0) {
            if (vm.count("help") != 0) {
                out << visible << '\n';
            } else {
                out << name;
                if (!tool.version.empty()) out << ' ' << tool.version;
                out << '\n';
            }
            out.flush();
            if (!out) {
                err << name << ": cannot write to stdout: " << std::strerror(errno) << '\n';
                return {std::nullopt, exit_unusable};
            }
            return {std::nullopt, exit_clean};
        }
        if (vm.count("log") == 0) throw po::error("the event log is missing: give a file name, or - for stdin");
        if (opt.threads == 0 || opt.threads > max_threads) throw po::error("--threads must be between 1 and 256");
        if (opt.chunk_bytes == 0 || opt.chunk_bytes > (std::size_t{1} << 30))
            throw po::error("--chunk-bytes must be between 1 and 2^30");
        if (opt.max_line == 0 || opt.max_line > (std::size_t{1} << 30))
            throw po::error("--max-line-bytes must be between 1 and 2^30");
        opt.progress = !vm["no-progress"].as<bool>();
        if constexpr (std::is_base_of_v<policy, policy_type>) {
            policy& p = opt.policy;
            p.offer_lifetime = detail::audit_days(offer_days);
            p.feedback_window = detail::audit_days(feedback_days);
            p.minimum_milestone = cents(minimum_milestone);
        }
        // The policy is checked here, before any input is read, and by the
        // library's own rules.
        if constexpr (detail::self_checking_policy<policy_type>) {
            if (auto const problem = policy_problem(opt.policy))
                throw po::error(std::string(detail::audit_option_of(*problem)) + ": invalid policy: " + *problem);
        }
    } catch (po::error const& e) {
        err << name << ": " << e.what() << "\n\n" << visible << '\n';
        return {std::nullopt, exit_unusable};
    }
    return {std::move(opt), exit_clean};
}

/// A whole audit tool for workflow `W`, hireguard-audit's options and exit
/// codes (0 clean, 1 findings, 2 unusable input, bad arguments or a report
/// that could not be written): reads the command line, audits the log and
/// writes the reports to stdout and errors to stderr. A reader that goes
/// away makes writes fail (SIGPIPE is ignored), reported like any other
/// write error.
///
///     int main(int argc, char** argv) { return hireguard::audit::main<my_workflow>(argc, argv); }
template <auditable W>
int main(int argc, char const* const* argv, tool_info const& tool = {}) {
    std::signal(SIGPIPE, SIG_IGN);
    command_line<W> const cl = parse_command_line<W>(argc, argv, tool);
    if (!cl.options) return cl.exit_code;
    std::string const name = detail::audit_tool_name(tool, argc, argv);
    if (!detail::audit_stdout_open()) {
        std::cerr << name << ": cannot write the report: stdout is closed\n";
        return exit_unusable;
    }
    try {
        return audit_log(*cl.options).exit_code();
    } catch (unusable const& e) {
        std::cerr << name << ": " << e.what() << '\n';
        return exit_unusable;
    } catch (std::exception const& e) {
        std::cerr << name << ": " << e.what() << '\n';
        return exit_unusable;
    }
}

}  // namespace audit
}  // namespace hireguard

#endif
