// hireguard::machine (flat dispatch) and hireguard::msm_machine (the genuine
// Boost.MSM back-end) given the same generated histories. Its own translation
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
    for (auto const& e : history) {
        auto const a = flat.process(e);
        auto const b = msm.process(e);
        RC_ASSERT(a.accepted() == b.accepted());
        if (!a) {
            RC_ASSERT(a.error().kind == b.error().kind);
            RC_ASSERT(to_string(a.error().rule) == to_string(b.error().rule));
            RC_ASSERT(a.error().state == b.error().state);
            RC_ASSERT(a.message() == b.message());
        }
        RC_ASSERT(flat.state_name() == msm.state_name());
        RC_ASSERT(flat.data() == msm.data());
    }
}

}  // namespace
