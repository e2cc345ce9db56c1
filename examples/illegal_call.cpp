// The typed call the compiler refuses: logging work on an interviewing
// candidacy. `run-demo` compiles this file with HIREGUARD_COMPILE_FAIL and
// shows the first lines of the compiler's answer.
#include <chrono>

#include <hireguard/hiring/candidacy.hpp>

int main() {
    using namespace hireguard;
    auto interviewing = begin_candidacy(job_id{7}, freelancer_id{42}).on(event::submit_proposal{}).on(event::respond{});
#ifdef HIREGUARD_COMPILE_FAIL
    auto worked = std::move(interviewing).on(event::log_work{.minutes = std::chrono::minutes{90}});
#else
    auto worked = std::move(interviewing).on(event::withdraw{});
#endif
    return worked.state_name().empty() ? 1 : 0;
}
