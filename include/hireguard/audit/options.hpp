// What an audit is asked to do: the log, the threads, the output format and
// the policy the candidacies are replayed with. The command line that fills
// them in is in <hireguard/audit/command_line.hpp>.
#ifndef HIREGUARD_AUDIT_OPTIONS_HPP
#define HIREGUARD_AUDIT_OPTIONS_HPP

#include <cstddef>
#include <string>

#include <hireguard/core/workflow.hpp>
#include <hireguard/hiring/lifecycle.hpp>

namespace hireguard::audit {

/// The size of the chunks the log is read and decoded in: large chunks keep
/// the arrays of decoded events large, so that little of their last huge page
/// is wasted (docs/audit.md).
///
///     opt.chunk_bytes = hireguard::audit::default_chunk_bytes;   // 16 MiB
inline constexpr std::size_t default_chunk_bytes = std::size_t{16} << 20;

/// Lines longer than this are malformed (`--max-line-bytes`), and only this
/// much of them is ever held in memory.
///
///     opt.max_line = hireguard::audit::default_max_line_bytes;   // 1 MiB
inline constexpr std::size_t default_max_line_bytes = std::size_t{1} << 20;

/// The default number of threads is the number of cores, up to this.
///
///     unsigned t = std::min(std::thread::hardware_concurrency(), hireguard::audit::default_threads_max);
inline constexpr unsigned default_threads_max = 64;

/// The most threads an audit runs (`--threads`).
///
///     assert(opt.threads >= 1 && opt.threads <= hireguard::audit::max_threads);
inline constexpr unsigned max_threads = 256;

/// What to audit and how, for workflow `W`: the log (a file name, or "-" for
/// stdin), threads, output format and the policy the rules apply. The output
/// does not depend on the number of threads or the chunk size.
///
///     hireguard::audit::basic_options<my_workflow> opt;
///     opt.input = "events.jsonl";
///     opt.threads = 2;
///     opt.json = true;
template <workflow W>
struct basic_options {
    /// The event log: a file name, or "-" for stdin.
    std::string input;
    /// Worker threads, 1 to `max_threads`.
    unsigned threads = 1;
    /// JSON Lines output rather than text.
    bool json = false;
    /// A report of each duplicate delivery too, not only their count.
    bool list_duplicates = false;
    /// A progress bar on the message stream while a large log is read, when that stream is a terminal.
    bool progress = true;
    /// Time spent in each phase, on the message stream.
    bool stats = false;
    /// The size of the chunks the log is read in, 1 to 2^30 bytes.
    std::size_t chunk_bytes = default_chunk_bytes;
    /// Longer lines are malformed, 1 to 2^30 bytes.
    std::size_t max_line = default_max_line_bytes;
    /// The policy every candidacy's rules apply.
    policy_t<W> policy{};
};

/// The options of an audit of the canonical lifecycle.
///
///     hireguard::audit::options opt;
///     opt.policy.offer_lifetime = std::chrono::days{7};
using options = basic_options<lifecycle>;

}  // namespace hireguard::audit

#endif
