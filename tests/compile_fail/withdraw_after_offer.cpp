// expect: illegal transition
// expect: hireguard::state::offered, hireguard::event::withdraw
#include "reach.hpp"
int main() {
    auto c = reach::offered();
#ifdef HIREGUARD_COMPILE_FAIL
    auto next = std::move(c).on(hireguard::event::withdraw{});
#else
    auto next = std::move(c).on(hireguard::event::decline_offer{});
#endif
    return next.state_name().empty();
}
