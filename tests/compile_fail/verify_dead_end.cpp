// expect: dead_end<workflows::stuck
#include <hireguard/core/verify.hpp>

#include "../workflows.hpp"

using namespace hireguard::verify;
#ifdef HIREGUARD_COMPILE_FAIL
static_assert(check<dead_ends<workflows::with_dead_end>>);
#else
static_assert(check<dead_ends<workflows::line>>);
#endif
int main() {}
