// The store under concurrency and faults, on a real database (issue 13, item 7):
//
//   hireguard_store_stress run  sqlite <file> | postgres <conninfo>
//       2 processes x 4 threads over 200 candidacies in 20 jobs of 2 openings:
//       every candidacy proposes, is answered, gets an offer and accepts it (ten
//       acceptances race for each job's two openings), then logs work, some of
//       it from a second thread at once; 10% of the events are delivered twice.
//       Then the checks below.
//   hireguard_store_stress kill sqlite <file> | postgres <conninfo>
//       The same, with one writer process killed by SIGKILL in the middle (once
//       it has reported 300 commits); every event a writer reported committed
//       must be in the database, and the checks below hold on what is there.
//
// The checks, on what the database holds afterwards:
//   - every stored candidacy equals a replay of its committed events in
//     commit order (nothing lost, nothing half-written, no update lost);
//   - the minutes of every candidacy equal the sum of its committed log_work;
//   - hires never exceed openings, and each job's row counts its hires;
//   - every committed event id appears once;
//   - every hire has exactly one hire notification, delivered once.
// It exits 0 when every check holds and prints what it measured.
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <hireguard/store/store.hpp>

#if HIREGUARD_STRESS_SQLITE
#include <hireguard/store/sqlite.hpp>
#endif
#if HIREGUARD_STRESS_POSTGRES
#include <libpq-fe.h>

#include <hireguard/store/postgres.hpp>
#endif

namespace {

using namespace hireguard;
using namespace std::chrono_literals;
namespace hs = hireguard::store;

constexpr unsigned processes = 2;
constexpr unsigned threads = 4;
constexpr std::uint64_t jobs = 20;
constexpr std::uint64_t per_job = 10;
constexpr std::uint32_t openings = 2;
constexpr int work_per_candidacy = 88;

struct planned {
    job_id job;
    freelancer_id freelancer;
    any_event event;
    std::string id;
};

// The events of every slot (process x thread), in the order it sends them.
// Candidacy c belongs to slot c % 8; every third log_work of a candidacy is
// sent by the next slot instead, once that slot has sent its own events, so
// that two servers log work on one contract at once.
std::vector<std::vector<planned>> plan() {
    std::mt19937_64 rng{20261130};
    std::vector<std::vector<planned>> slots(processes * threads);
    // What a slot sends for another slot's candidacies, after its own.
    std::vector<std::vector<planned>> later(processes * threads);
    std::uint64_t next_id = 0;
    auto id = [&] { return "ev-" + std::to_string(++next_id); };
    for (std::uint64_t c = 0; c < jobs * per_job; ++c) {
        job_id const job{1 + c % jobs};
        freelancer_id const freelancer{1000 + c};
        auto& own = slots[c % slots.size()];
        auto& other = later[(c + 1) % slots.size()];
        auto send = [&](std::vector<planned>& slot, any_event e) {
            slot.push_back({job, freelancer, e, id()});
            // One event in ten is delivered twice.
            if (rng() % 10 == 0) slot.push_back(slot.back());
        };
        send(own, event::submit_proposal{});
        send(own, event::respond{});
        send(own, event::send_offer{.terms = {.kind = contract_kind::hourly, .hourly_rate = dollars(40)}});
        send(own, event::accept_offer{});
        for (int w = 0; w < work_per_candidacy; ++w) {
            any_event const work = event::log_work{.minutes = std::chrono::minutes{15 + rng() % 120}};
            send(w % 3 == 2 ? other : own, work);
        }
    }
    for (std::size_t k = 0; k < slots.size(); ++k) slots[k].insert(slots[k].end(), later[k].begin(), later[k].end());
    return slots;
}

struct target {
    std::string adapter;
    std::string where;

    [[nodiscard]] std::unique_ptr<hs::backend> connect() const {
#if HIREGUARD_STRESS_SQLITE
        // Eight connections take turns at SQLite's one write lock: a long busy
        // timeout, so that a connection is not starved into a conflict on a
        // loaded machine.
        if (adapter == "sqlite") return std::make_unique<hs::sqlite_backend>(where, 120s);
#endif
#if HIREGUARD_STRESS_POSTGRES
        if (adapter == "postgres") return std::make_unique<hs::postgres_backend>(where);
#endif
        throw std::runtime_error("no adapter " + adapter + " in this build");
    }
};

// One writer process: its four threads each send their slot's events.
// With `journal`, every accepted id is written there once its commit returned.
int writer(target const& t, unsigned process, std::string const& journal) {
    auto const slots = plan();
    std::atomic<bool> failed{false};
    std::vector<std::thread> pool;
    for (unsigned k = 0; k < threads; ++k) {
        pool.emplace_back([&, k] {
            try {
                std::unique_ptr<hs::backend> db;
                for (int tries = 0; !db; ++tries) {
                    try {
                        db = t.connect();
                    } catch (hs::conflict const&) {
                        // Opening checks the schema in a transaction: a busy database, retried.
                        if (tries == 100) throw;
                    }
                }
                hs::lifecycle_store s{*db, hs::store_options{.max_attempts = 10000}};
                std::map<std::string, int> tally;
                unsigned retried = 0;
                std::unique_ptr<std::ofstream> out;
                if (!journal.empty())
                    out = std::make_unique<std::ofstream>(
                        journal + "." + std::to_string(process) + "." + std::to_string(k), std::ios::app);
                for (auto const& p : slots[process * threads + k]) {
                    auto const r = s.process(p.job, p.freelancer, p.event, p.id);
                    if (r.outcome == hs::status::conflict) throw std::runtime_error(r.message());
                    if (out && r) *out << p.id << std::endl;  // flushed: the parent reads it after a SIGKILL
                    ++tally[r.why ? std::string(r.why->rule.name) : std::string(to_string(r.outcome))];
                    retried += r.attempts - 1;
                }
                std::string line = "writer " + std::to_string(process) + "." + std::to_string(k) + ":";
                for (auto const& [what, n] : tally) line += " " + what + " " + std::to_string(n);
                std::cout << line + ", " + std::to_string(retried) + " retries after a conflict\n" << std::flush;
            } catch (std::exception const& e) {
                std::cerr << "writer " << process << "." << k << ": " << e.what() << '\n';
                failed = true;
            }
        });
    }
    for (auto& th : pool) th.join();
    return failed ? 1 : 0;
}

int failures = 0;
void check(bool ok, std::string const& what) {
    if (!ok) {
        ++failures;
        std::cerr << "FAILED: " << what << '\n';
    }
}

// The checks of the header, on what the database holds.
void verify(target const& t, std::set<std::string> const& reported) {
    auto db = t.connect();
    hs::lifecycle_store s{*db};
    std::vector<hs::committed_event> committed;
    for (std::uint64_t after = 0;;) {
        auto batch = db->events(after, 5000);
        if (batch.empty()) break;
        after = batch.back().sequence;
        committed.insert(committed.end(), batch.begin(), batch.end());
    }
    std::set<std::string> ids;
    std::map<std::pair<std::uint64_t, std::uint64_t>, machine> replayed;
    std::map<std::pair<std::uint64_t, std::uint64_t>, std::chrono::minutes> minutes;
    std::uint64_t previous = 0;
    for (auto const& e : committed) {
        check(e.sequence > previous, "events in commit order");
        previous = e.sequence;
        if (!e.id.empty()) check(ids.insert(e.id).second, "event id " + e.id + " committed once");
        auto const logged = decode_event(e.line);
        auto const key = std::pair{e.job, e.freelancer};
        auto [it, fresh] = replayed.try_emplace(key, job_id{e.job}, freelancer_id{e.freelancer});
        verdict const v = it->second.process(logged.event);
        check(bool(v), "committed event " + e.line + " replays: " + (v ? std::string() : v.message()));
        check(it->second.state_name() != "prospect", "replayed candidacy leaves prospect");
        if (auto const* w = std::get_if<event::log_work>(&logged.event)) minutes[key] += w->minutes;
    }
    for (auto const& id : reported) check(ids.contains(id), "event " + id + " reported committed is in the database");
    std::map<std::uint64_t, std::uint32_t> hires;
    std::size_t candidacies = 0;
    for (auto const& [key, m] : replayed) {
        auto const stored = s.load(job_id{key.first}, freelancer_id{key.second});
        ++candidacies;
        check(stored.has_value() && *stored == m,
              "candidacy " + std::to_string(key.first) + "/" + std::to_string(key.second) + " equals its replay");
        if (stored) check(stored->data().minutes_logged == minutes[key], "minutes are the committed sum");
        if (m.data().hired_at) ++hires[key.first];
    }
    std::size_t stored_rows = 0;
    for (std::uint64_t j = 1; j <= jobs; ++j) stored_rows += db->begin()->load_candidacies(j).size();
    check(stored_rows == replayed.size(), "every stored candidacy has committed events, and every one is stored");
    for (std::uint64_t j = 1; j <= jobs; ++j) {
        auto const row = s.job(job_id{j});
        check(row.has_value(), "job row exists");
        if (!row) continue;
        check(hires[j] <= openings, "hires within openings in job " + std::to_string(j));
        check(row->hires == hires[j], "job " + std::to_string(j) + "'s row counts its hires");
    }
    std::map<std::pair<std::uint64_t, std::uint64_t>, int> hire_notices;
    std::set<std::string> delivered;
    s.deliver([&](hs::outbox_message const& m) {
        check(delivered.insert(m.id).second, "notification " + m.id + " delivered once");
        if (m.kind == "contract_began" || m.kind == "hired_not_started") ++hire_notices[{m.job, m.freelancer}];
    });
    std::size_t hired = 0;
    for (auto const& [key, m] : replayed) {
        if (!m.data().hired_at) continue;
        ++hired;
        check(hire_notices[key] == 1, "one hire notification for a hire");
    }
    std::size_t notices = 0;
    for (auto const& [key, n] : hire_notices) notices += static_cast<std::size_t>(n);
    check(notices == hired, "no hire notification without a hire");
    std::cout << committed.size() << " committed events, " << candidacies << " candidacies, " << hired << " hires, "
              << delivered.size() << " notifications delivered\n";
}

// A database of the run's own: a new file, or a new schema on the server.
target fresh(std::string const& adapter, std::string const& where) {
    if (adapter == "sqlite") {
        for (char const* suffix : {"", "-wal", "-shm"}) std::remove((where + suffix).c_str());
        return target{adapter, where};
    }
#if HIREGUARD_STRESS_POSTGRES
    if (adapter == "postgres") {
        std::string const schema = "stress_" + std::to_string(::getpid());
        PGconn* conn = PQconnectdb(where.c_str());
        if (PQstatus(conn) != CONNECTION_OK) {
            std::string const message = PQerrorMessage(conn);
            PQfinish(conn);
            throw std::runtime_error("libpq: " + message);
        }
        PGresult* r = PQexec(conn, ("CREATE SCHEMA " + schema).c_str());
        bool const ok = PQresultStatus(r) == PGRES_COMMAND_OK;
        std::string const message = PQresultErrorMessage(r);
        PQclear(r);
        PQfinish(conn);
        if (!ok) throw std::runtime_error("CREATE SCHEMA: " + message);
        return target{adapter, where + " options='-c search_path=" + schema + "'"};
    }
#endif
    return target{adapter, where};
}

int run(target const& t, bool kill_one, char const* self) {
    {
        auto db = t.connect();
        hs::lifecycle_store s{*db};
        for (std::uint64_t j = 1; j <= jobs; ++j) s.create_job(job_id{j}, openings);
    }
    std::size_t sent = 0;
    for (auto const& slot : plan()) sent += slot.size();
    std::string const journal = kill_one ? "stress-journal-" + std::to_string(::getpid()) : std::string();
    auto const start = std::chrono::steady_clock::now();
    std::vector<pid_t> children;
    for (unsigned p = 0; p < processes; ++p) {
        pid_t const pid = ::fork();
        if (pid == 0) {
            std::string const process = std::to_string(p);
            ::execl(self, self, "writer", t.adapter.c_str(), t.where.c_str(), process.c_str(), journal.c_str(),
                    static_cast<char*>(nullptr));
            std::_Exit(127);
        }
        children.push_back(pid);
    }
    std::size_t before_kill = 0;
    if (kill_one) {
        // Killed once it has committed a few hundred events, whatever the speed of the disk.
        auto const journal_lines = [&] {
            std::size_t n = 0;
            for (unsigned k = 0; k < threads; ++k) {
                std::ifstream in(journal + ".0." + std::to_string(k));
                for (std::string id; std::getline(in, id);) ++n;
            }
            return n;
        };
        while ((before_kill = journal_lines()) < 300) std::this_thread::sleep_for(1ms);
        ::kill(children[0], SIGKILL);
    }
    int bad = 0;
    for (unsigned p = 0; p < children.size(); ++p) {
        int st = 0;
        ::waitpid(children[p], &st, 0);
        bool const killed = kill_one && p == 0;
        if (killed) {
            check(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL, "writer 0 was killed in the middle of its run");
        } else if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
            ++bad;
        }
    }
    check(bad == 0, "every writer that was not killed finished");
    double const seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::set<std::string> reported;
    if (kill_one) {
        for (unsigned p = 0; p < processes; ++p) {
            for (unsigned k = 0; k < threads; ++k) {
                std::string const file = journal + "." + std::to_string(p) + "." + std::to_string(k);
                std::ifstream in(file);
                for (std::string id; std::getline(in, id);) reported.insert(id);
                std::remove(file.c_str());
            }
        }
        std::cout << "killed writer 0 once it had reported " << before_kill << " commits; the writers reported "
                  << reported.size() << " in all\n";
    }
    std::cout << sent << " deliveries by " << processes << " processes x " << threads << " threads in " << seconds
              << " s\n";
    verify(t, reported);
    std::cout << (failures == 0 ? "all checks hold\n" : std::to_string(failures) + " checks failed\n");
    return failures == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        std::string const mode = argc > 1 ? argv[1] : "";
        if (mode == "writer" && argc == 6)
            return writer(target{argv[2], argv[3]}, static_cast<unsigned>(std::stoul(argv[4])), argv[5]);
        if ((mode == "run" || mode == "kill") && argc == 4)
            return run(fresh(argv[2], argv[3]), mode == "kill", argv[0]);
        std::cerr << "usage: " << argv[0] << " run|kill sqlite <file> | postgres <conninfo>\n";
        return 2;
    } catch (std::exception const& e) {
        std::cerr << argv[0] << ": " << e.what() << '\n';
        return 2;
    }
}
