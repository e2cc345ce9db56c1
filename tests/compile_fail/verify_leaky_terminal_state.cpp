// expect: terminal_state_has_row<hireguard::state::declined, hireguard::event::respond
#include <hireguard/core/verify.hpp>

#include "../workflows.hpp"

using namespace hireguard::verify;
#ifdef HIREGUARD_COMPILE_FAIL
static_assert(check<dead_ends<workflows::with_leaky_terminal>>);
#else
static_assert(check<dead_ends<workflows::line>>);
#endif
int main() {}
