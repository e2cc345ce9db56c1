// expect: illegal transition
// expect: hireguard::state::contract_paused, hireguard::event::log_work
#include "reach.hpp"
int main() {
    auto c = reach::paused();
#ifdef HIREGUARD_COMPILE_FAIL
    auto next = std::move(c).on(hireguard::event::log_work{.minutes = std::chrono::minutes{60}});
#else
    auto next = std::move(c).on(hireguard::event::resume{});
#endif
    return next.state_name().empty();
}
