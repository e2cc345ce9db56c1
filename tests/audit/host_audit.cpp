// A host's audit tool: hireguard-audit's options and reports for the host's
// own workflow, in one line (docs/audit.md, "Auditing your own workflow").
#include <hireguard/audit/audit.hpp>

#include "host_workflows.hpp"

int main(int argc, char** argv) {
    return hireguard::audit::main<trial::paid_trial>(argc, argv);
}
