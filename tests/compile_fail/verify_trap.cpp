// expect: trapped<hireguard::state::contract_active, hireguard::verify::path<hireguard::event::submit_proposal,
// expect: path<hireguard::event::submit_proposal, hireguard::event::respond, hireguard::event::send_offer,
// expect: hireguard::event::send_offer, hireguard::event::accept_offer> ?>
#include <hireguard/core/verify.hpp>

#include "../workflows.hpp"

using namespace hireguard::verify;
#ifdef HIREGUARD_COMPILE_FAIL
static_assert(check<traps<workflows::with_endless_contract>>);
#else
static_assert(check<traps<workflows::diamond>>);
#endif
int main() {}
