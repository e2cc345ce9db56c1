// hireguard::machine (flat dispatch) and hireguard::msm_machine (the genuine
// Boost.MSM back-end) given the same generated histories
// (hireguard::testing::assert_executors_agree). Its own translation
// unit, the only one of the property tests that pays for MSM's compile time.
#include <string>

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <hireguard/hiring/lifecycle.hpp>
#include <hireguard/hiring/machine.hpp>
#include <hireguard/hiring/msm_machine.hpp>

#include "model.hpp"
#include "property_support.hpp"

namespace {

using namespace hireguard;
using namespace property;

RC_GTEST_PROP(MsmBackEnd, AgreesWithTheFlatDispatchOnEveryVerdictStateAndData, ()) {
    auto const history = *gen_history();
    machine flat{job_id{7}, freelancer_id{42}};
    msm_machine msm{job_id{7}, freelancer_id{42}};
    hireguard::testing::assert_executors_agree<lifecycle>(flat, msm, history);
}

}  // namespace
