// Running one function on several threads, each with a small stack, for
// the stages of the audit pipeline (<hireguard/audit/audit.hpp>). POSIX
// threads.
#ifndef HIREGUARD_AUDIT_THREADS_HPP
#define HIREGUARD_AUDIT_THREADS_HPP

#include <pthread.h>

#include <condition_variable>
#include <cstddef>
#include <cstring>
#include <exception>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include <hireguard/audit/input.hpp>

namespace hireguard::detail {

// Runs f(0) .. f(threads - 1), on threads when there is more than one. The
// threads have stacks of 2 MiB rather than the default 8: nothing here
// recurses (Boost.JSON's parsers keep their own stacks), and the address
// space a thread takes is part of the audit's per-thread memory.
template <class F>
void audit_on_threads(unsigned threads, F const& f) {
    if (threads == 1) {
        f(0U);
        return;
    }
    std::exception_ptr failure;
    std::mutex failure_mutex;
    auto guarded = [&](unsigned t) {
        try {
            f(t);
        } catch (...) {
            std::lock_guard<std::mutex> lock(failure_mutex);
            if (!failure) failure = std::current_exception();
        }
    };
    // The threads begin their work once all of them exist, so that none of
    // them takes, by allocating, the address space another one's stack needs.
    std::mutex go_mutex;
    std::condition_variable go_signal;
    bool go = false;
    bool abandon = false;
    std::function<void(unsigned)> const wait_then = [&](unsigned t) {
        {
            std::unique_lock<std::mutex> lock(go_mutex);
            go_signal.wait(lock, [&] { return go; });
        }
        if (!abandon) guarded(t);
    };
    struct start {
        std::function<void(unsigned)> const* run;
        unsigned t;
        static void* body(void* p) {
            auto const* s = static_cast<start const*>(p);
            (*s->run)(s->t);
            return nullptr;
        }
    };
    std::vector<start> starts;
    starts.reserve(threads);
    for (unsigned t = 1; t < threads; ++t) starts.push_back({&wait_then, t});
    std::vector<::pthread_t> pool;
    pool.reserve(threads - 1);
    ::pthread_attr_t attr;
    ::pthread_attr_init(&attr);
    ::pthread_attr_setstacksize(&attr, std::size_t{2} << 20);
    int error = 0;
    for (auto& st : starts) {
        ::pthread_t id{};
        if ((error = ::pthread_create(&id, &attr, &start::body, &st)) != 0) break;
        pool.push_back(id);
    }
    ::pthread_attr_destroy(&attr);
    {
        std::lock_guard<std::mutex> lock(go_mutex);
        go = true;
        abandon = error != 0;
    }
    go_signal.notify_all();
    if (error == 0) guarded(0U);
    for (auto const id : pool) ::pthread_join(id, nullptr);
    if (error != 0)
        throw audit::unusable("cannot start " + std::to_string(threads) + " threads: " + std::strerror(error) +
                              " (try fewer with --threads)");
    if (failure) std::rethrow_exception(failure);
}

}  // namespace hireguard::detail

#endif
