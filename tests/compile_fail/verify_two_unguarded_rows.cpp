// expect: nondeterministic<hireguard::state::submitted, hireguard::event::respond
#include <hireguard/core/verify.hpp>

#include "../workflows.hpp"

using namespace hireguard::verify;
#ifdef HIREGUARD_COMPILE_FAIL
static_assert(check<nondeterminism<workflows::with_two_unguarded_rows>>);
#else
static_assert(check<nondeterminism<workflows::diamond>>);
#endif
int main() {}
