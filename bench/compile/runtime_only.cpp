// Compile-time probe: the runtime engine only (no typed begin_candidacy, no MSM back-end).
#include <chrono>

#include <hireguard/hiring/machine.hpp>

int main() {
    using namespace hireguard;
    using namespace std::chrono_literals;
    machine m{job_id{7}, freelancer_id{42}};
    any_event const events[] = {event::submit_proposal{}, event::respond{}, event::log_work{.minutes = 30min}};
    int accepted = 0;
    for (auto const& e : events) accepted += m.process(e).accepted() ? 1 : 0;
    return accepted == 2 ? 0 : 1;
}
