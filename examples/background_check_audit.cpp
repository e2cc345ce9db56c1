// The audit of the background-check workflow's event logs: hireguard-audit's
// options and reports for the host's own workflow, its events and its rule,
// in one line (docs/audit.md, "Auditing your own workflow").
//
//     background_check_audit examples/data/background-check-log.jsonl
#include <hireguard/audit/audit.hpp>

#include "background_check.hpp"

int main(int argc, char** argv) {
    return hireguard::audit::main<acme::hiring_with_background_check>(argc, argv);
}
