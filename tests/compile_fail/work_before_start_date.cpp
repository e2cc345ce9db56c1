// expect: illegal transition
// expect: hireguard::state::contract_pending, hireguard::event::log_work
#include "reach.hpp"
int main() {
    auto c = reach::pending();
#ifdef HIREGUARD_COMPILE_FAIL
    auto next = std::move(c).on(hireguard::event::log_work{.minutes = std::chrono::minutes{60}});
#else
    auto next = std::move(c).on(hireguard::event::start_date_reached{});
#endif
    return next.state_name().empty();
}
