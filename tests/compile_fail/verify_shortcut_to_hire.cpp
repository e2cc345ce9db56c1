// expect: reached_without<hireguard::state::contract_active, hireguard::state::offered, hireguard::verify::path<
// expect: path<hireguard::event::submit_proposal, hireguard::event::respond, workflows::shortcut_hire> ?>
#include <hireguard/core/verify.hpp>

#include "../workflows.hpp"

using namespace hireguard::verify;
#ifdef HIREGUARD_COMPILE_FAIL
static_assert(
    check<precedence<workflows::with_shortcut_to_hire, hireguard::state::offered, hireguard::state::contract_active>>);
#else
static_assert(check<precedence<workflows::diamond, hireguard::state::offered, hireguard::state::contract_active>>);
#endif
int main() {}
