// Testing any workflow, all of it: the invariants every workflow keeps and
// row coverage (<hireguard/testing/checks.hpp>, core only), the fuzzing
// helpers (<hireguard/testing/fuzz.hpp>, core only, no libFuzzer link) and
// the RapidCheck generators and properties
// (<hireguard/testing/rapidcheck.hpp>, needs RapidCheck). A fuzzer that must
// not depend on RapidCheck includes <hireguard/testing/fuzz.hpp> alone.
// Not part of <hireguard/hireguard.hpp>.
#ifndef HIREGUARD_TESTING_HPP
#define HIREGUARD_TESTING_HPP

#include <hireguard/testing/checks.hpp>
#include <hireguard/testing/fuzz.hpp>
#include <hireguard/testing/rapidcheck.hpp>

#endif
