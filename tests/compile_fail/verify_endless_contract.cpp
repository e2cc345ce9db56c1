// expect: avoided_forever<hireguard::state::contract_active, hireguard::verify::path<hireguard::event::submit_proposal,
// expect: hireguard::event::send_offer, hireguard::event::accept_offer> ?, hireguard::verify::path<
// expect: path<hireguard::event::pause, hireguard::event::resume> ?>
#include <hireguard/core/verify.hpp>

#include "../workflows.hpp"

using namespace hireguard::verify;
#ifdef HIREGUARD_COMPILE_FAIL
static_assert(check<eventually<workflows::with_endless_contract, hireguard::type_list<>>>);
#else
static_assert(check<eventually<workflows::diamond, hireguard::type_list<>>>);
#endif
int main() {}
