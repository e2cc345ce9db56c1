// expect: state_unreachable<workflows::orphan
#include <hireguard/core/verify.hpp>

#include "../workflows.hpp"

using namespace hireguard::verify;
#ifdef HIREGUARD_COMPILE_FAIL
static_assert(check<unreachable<workflows::with_unreachable_state>>);
#else
static_assert(check<unreachable<workflows::line>>);
#endif
int main() {}
