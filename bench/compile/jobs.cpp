// Compile-time probe: a job with an observer (the runtime engine, jobs, views, notifications).
#include <chrono>
#include <memory>

#include <hireguard/hiring/job.hpp>
#include <hireguard/hiring/notifications.hpp>

namespace {
struct counter : hireguard::observer {
    int told = 0;
    void notify(hireguard::notification const& /*n*/) override { ++told; }
};
}  // namespace

int main() {
    using namespace hireguard;
    using namespace std::chrono_literals;
    job j{job_id{7}, 1};
    auto const c = std::make_shared<counter>();
    j.subscribe(c);
    any_event const events[] = {event::submit_proposal{}, event::respond{}, event::log_work{.minutes = 30min}};
    int accepted = 0;
    for (auto const& e : events) accepted += j.process(freelancer_id{42}, e).accepted() ? 1 : 0;
    accepted += j.close().accepted() ? 1 : 0;
    return accepted == 3 && c->told == 1 && freelancer_view(std::vector<job>{}, freelancer_id{42}, view::my_jobs).empty()
               ? 0
               : 1;
}
