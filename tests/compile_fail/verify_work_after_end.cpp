// expect: legal_after<hireguard::state::contract_paused, hireguard::event::log_work, hireguard::state::contract_active,
// expect: hireguard::state::contract_active, hireguard::verify::path<hireguard::event::resume> ?>
#include <hireguard/core/verify.hpp>
#include <hireguard/hiring/lifecycle.hpp>

using namespace hireguard::verify;
namespace state = hireguard::state;
namespace event = hireguard::event;
// A pause does not end the work: resume, and log_work is legal again.
#ifdef HIREGUARD_COMPILE_FAIL
static_assert(check<never_after<hireguard::lifecycle, state::contract_paused, event::log_work>>);
#else
static_assert(check<never_after<hireguard::lifecycle, state::contract_ended, event::log_work>>);
#endif
int main() {}
