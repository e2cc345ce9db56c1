// Compile-time probe: verifying a 60-row, 30-state workflow (tests/workflows.hpp),
// structure (traps included), precedence, legality and the temporal checks.
#include <hireguard/core/test_paths.hpp>
#include <hireguard/core/verify.hpp>

#include "../../tests/workflows.hpp"

using namespace hireguard::verify;
using workflows::pipeline;
using workflows::stage;
static_assert(check<structure<pipeline>>);
static_assert(check<precedence<pipeline, stage<15>, stage<16>>>);
static_assert(check<legal_exactly_in<pipeline, workflows::quit, hireguard::type_list<stage<0>, stage<10>, stage<20>>>>);
static_assert(hireguard::covering_paths<pipeline>.count > 0);
// The temporal checks: the exit is reachable but avoidable for ever (forward,
// back), a run leaves the first two stages, and nothing follows the exit.
static_assert(check<reachable<pipeline, stage<29>>>);
static_assert(!passes<eventually<pipeline, hireguard::type_list<stage<29>>>>);
static_assert(!passes<always<pipeline, hireguard::type_list<stage<0>, stage<1>>>>);
static_assert(check<never_after<pipeline, stage<29>, workflows::forward>>);

int main() {}
