#include <gtest/gtest.h>

#include <hireguard/hiring/machine.hpp>

#include "executor_tests.hpp"

namespace executor_tests {

INSTANTIATE_TYPED_TEST_SUITE_P(FlatDispatch, Executor, hireguard::machine);

static_assert(sizeof(hireguard::candidacy_data) + 64 >= sizeof(hireguard::machine),
              "a machine costs at most 64 bytes besides its candidacy's data");

TEST(Machine, ToMachineKeepsStateAndData) {
    auto c = hireguard::begin_candidacy(hireguard::job_id{3}, hireguard::freelancer_id{4})
                 .on(hireguard::event::invite{.at = t0});
    auto const data = c.data();
    hireguard::machine m = hireguard::to_machine(std::move(c));
    EXPECT_TRUE(m.is<hireguard::state::invited>());
    EXPECT_EQ(m.data(), data);
}

}  // namespace executor_tests
