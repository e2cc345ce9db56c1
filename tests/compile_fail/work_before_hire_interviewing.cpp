// expect: illegal transition
// expect: hireguard::state::interviewing, hireguard::event::log_work
#include "reach.hpp"
int main() {
    auto c = reach::interviewing();
#ifdef HIREGUARD_COMPILE_FAIL
    auto next = std::move(c).on(hireguard::event::log_work{.minutes = std::chrono::minutes{60}});
#else
    auto next = std::move(c).on(hireguard::event::decline{});
#endif
    return next.state_name().empty();
}
