// hireguard-audit: the audit pipeline (<hireguard/audit/audit.hpp>) for the
// canonical lifecycle. It replays a JSON Lines event log through the runtime
// engine, one candidacy (job x freelancer) at a time in timestamp order, and
// reports every event the lifecycle rejects (docs/audit.md).
#include <hireguard/audit/audit.hpp>
#include <hireguard/hiring/lifecycle.hpp>

namespace {

// Every event of the lifecycle is kept in the audit's 48-byte record.
template <class... Events>
constexpr bool all_inline(std::variant<Events...> const* /*events*/) {
    return (hireguard::audit::stored_inline_v<Events> && ...);
}
static_assert(all_inline(static_cast<hireguard::any_event const*>(nullptr)));

constexpr hireguard::audit::tool_info tool{
    .name = "hireguard-audit",
    .version = HIREGUARD_VERSION,
    .description =
        "Replays a JSON Lines event log (LOG, or - for stdin) through hireguard's\n"
        "lifecycle and reports every rejected event. Exit code: 0 clean, 1 rejected\n"
        "events or malformed lines, 2 unusable input or arguments, or a report\n"
        "that could not be written.",
};

}  // namespace

int main(int argc, char** argv) {
    return hireguard::audit::main<hireguard::lifecycle>(argc, argv, tool);
}
