// Compile-time probe: verifying a 60-row, 30-state workflow (tests/workflows.hpp).
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

int main() {}
