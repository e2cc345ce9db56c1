// expect: illegal transition
// expect: hireguard::state::interviewing, hireguard::event::accept_offer
#include "reach.hpp"
int main() {
    auto c = reach::interviewing();
#ifdef HIREGUARD_COMPILE_FAIL
    auto next = std::move(c).on(hireguard::event::accept_offer{});
#else
    auto next = std::move(c).on(hireguard::event::withdraw{});
#endif
    return next.state_name().empty();
}
