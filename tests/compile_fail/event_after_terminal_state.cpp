// expect: illegal transition
// expect: hireguard::state::declined, hireguard::event::respond
#include "reach.hpp"
int main() {
#ifdef HIREGUARD_COMPILE_FAIL
    auto c = reach::declined();
#else
    auto c = hireguard::begin_candidacy(hireguard::job_id{1}, hireguard::freelancer_id{2})
                 .on(hireguard::event::submit_proposal{});
#endif
    auto next = std::move(c).on(hireguard::event::respond{});
    return next.state_name().empty();
}
