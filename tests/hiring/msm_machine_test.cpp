#include <gtest/gtest.h>

#include <hireguard/hiring/msm_machine.hpp>

#include "executor_tests.hpp"

namespace executor_tests {

INSTANTIATE_TYPED_TEST_SUITE_P(BoostMsmBackEnd, Executor, hireguard::msm_machine);

}  // namespace executor_tests
