// hireguard-loggen: writes a synthetic JSON Lines event log for hireguard-audit's
// tests and benchmarks (docs/audit.md). Deterministic for a given seed.
//
// Candidacies run random stories through the lifecycle (proposals, invitations,
// offers, hourly and fixed-price contracts, milestones, feedback), interleaved
// as a platform would log them. A chosen share of the lines are events the
// lifecycle rejects (work before hire, an illegal pair, a broken rule) and a
// chosen share are malformed. Some events are written after a later event of
// their own candidacy, so the audit must order by time. With ids, a chosen
// share of the events are delivered twice, as at-least-once queues do. Every
// event is checked against `hireguard::machine` as it is generated, so the
// generator knows what the audit must find, and prints it on stderr:
//
//     hireguard-loggen: 1000 lines: 885 accepted, 100 rejected, 15 malformed
//     hireguard-loggen: 1000 lines: 800 accepted, 110 rejected, 0 malformed, 90 duplicates   (with ids)
#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <boost/program_options.hpp>

#include <hireguard/hiring/lifecycle.hpp>
#include <hireguard/hiring/machine.hpp>
#include <hireguard/json/events.hpp>

namespace {

namespace po = boost::program_options;
using namespace std::chrono_literals;
namespace ev = hireguard::event;
namespace st = hireguard::state;
using hireguard::timestamp;

struct options {
    std::uint64_t events = 0;
    std::uint64_t bytes = 0;
    double violations = 0.1;
    double malformed = 0.0;
    double late = 0.01;
    double duplicates = 0.0;
    bool ids = false;
    std::uint64_t seed = 1;
    std::uint64_t pool = 1000;
    std::uint64_t jobs = 5000;
    std::string output = "-";
};

class dice {
public:
    explicit dice(std::uint64_t seed) : engine_(seed) {}
    // Uniform in [0, n); the modulo bias is irrelevant here, and unlike the
    // standard distributions this gives the same log on every platform.
    std::uint64_t below(std::uint64_t n) { return engine_() % n; }
    std::int64_t between(std::int64_t lo, std::int64_t hi) {
        return lo + static_cast<std::int64_t>(below(static_cast<std::uint64_t>(hi - lo + 1)));
    }
    bool chance(double p) { return static_cast<double>(engine_() >> 11) * 0x1.0p-53 < p; }

private:
    std::mt19937_64 engine_;
};

// An event with its payload, ready to be checked and written.
using any_event = hireguard::any_event;

struct candidacy {
    std::uint64_t job;
    std::uint64_t freelancer;
    hireguard::machine machine;
    timestamp clock;
    int steps = 0;
    std::string held;   // an event written late, after the next one
    std::string again;  // an event delivered a second time, after the next one
};

class generator {
public:
    explicit generator(options const& opt, std::FILE* out) : opt_(opt), rng_(opt.seed), out_(out) {
        for (std::uint64_t i = 0; i < opt_.pool; ++i) pool_.push_back(fresh());
    }

    void run() {
        while (!done()) {
            if (rng_.chance(opt_.malformed)) {
                write_malformed();
                continue;
            }
            std::size_t const i = rng_.below(pool_.size());
            candidacy& c = pool_[i];
            if (rng_.chance(opt_.violations)) {
                inject_violation(c);
            } else if (!legal_step(c)) {
                flush_held(c);
                flush_again(c);
                pool_[i] = fresh();
            }
        }
        for (auto& c : pool_) {
            flush_held(c);
            flush_again(c);
        }
        std::fprintf(stderr, "hireguard-loggen: %llu lines: %llu accepted, %llu rejected, %llu malformed",
                     static_cast<unsigned long long>(lines_), static_cast<unsigned long long>(accepted_),
                     static_cast<unsigned long long>(rejected_), static_cast<unsigned long long>(malformed_));
        if (opt_.ids) std::fprintf(stderr, ", %llu duplicates", static_cast<unsigned long long>(duplicates_));
        std::fputc('\n', stderr);
    }

private:
    [[nodiscard]] bool done() const noexcept {
        if (opt_.bytes != 0) return bytes_ >= opt_.bytes;
        return lines_ >= opt_.events;
    }

    candidacy fresh() {
        std::uint64_t const job = 1 + rng_.below(opt_.jobs);
        std::uint64_t const freelancer = ++last_freelancer_;
        timestamp const start = hireguard::utc(std::chrono::year{2026} / 1 / 1) +
                                std::chrono::seconds{rng_.below(std::uint64_t{300} * 86400)};
        return candidacy{
            job, freelancer, hireguard::machine{hireguard::job_id{job}, hireguard::freelancer_id{freelancer}}, start, 0,
            {},  {}};
    }

    // Moves the candidacy's clock forward by a minute to two days.
    timestamp tick(candidacy& c) {
        c.clock += std::chrono::seconds{rng_.between(60, std::int64_t{2} * 86400)};
        return c.clock;
    }

    // Moves the clock to `t` or a little later, and never back: a candidacy's
    // events are generated in the order of their timestamps.
    void advance_to(candidacy& c, timestamp t) {
        c.clock = std::max(c.clock + std::chrono::seconds{60}, t + std::chrono::seconds{rng_.between(0, 86400)});
    }

    hireguard::offer_terms terms(candidacy& c) {
        hireguard::offer_terms t;
        if (rng_.chance(0.7)) {
            t.kind = hireguard::contract_kind::hourly;
            t.hourly_rate = hireguard::cents(rng_.between(1500, 10000));
            if (rng_.chance(0.2))
                t.start_date = c.clock + std::chrono::seconds{rng_.between(3600, std::int64_t{10} * 86400)};
        } else {
            t.kind = hireguard::contract_kind::fixed_price;
            t.first_milestone = hireguard::cents(rng_.between(500, 100000));
        }
        return t;
    }

    // One event of the candidacy's story that the lifecycle accepts; false
    // when the story is over.
    bool legal_step(candidacy& c) {
        for (int attempt = 0; attempt < 16; ++attempt) {
            std::optional<any_event> e = propose(c);
            if (!e) return false;
            hireguard::machine copy = c.machine;
            if (copy.process(*e)) {
                c.machine = copy;
                ++c.steps;
                emit(c, *e, true);
                return true;
            }
        }
        return false;
    }

    template <class... Weights>
    std::size_t pick(Weights... weights) {
        std::array<std::uint64_t, sizeof...(Weights)> const w{static_cast<std::uint64_t>(weights)...};
        std::uint64_t total = 0;
        for (auto x : w) total += x;
        std::uint64_t r = rng_.below(total);
        for (std::size_t i = 0; i < w.size(); ++i) {
            if (r < w[i]) return i;
            r -= w[i];
        }
        return 0;
    }

    std::optional<any_event> propose(candidacy& c) {
        auto& m = c.machine;
        auto const& d = m.data();
        if (m.is<st::prospect>()) {
            timestamp const at = tick(c);
            switch (pick(50, 35, 10, 5)) {
                case 0:
                    return ev::submit_proposal{at};
                case 1:
                    return ev::invite{at};
                case 2:
                    return ev::send_offer{at, terms(c)};
                default:
                    return ev::close_job{at};
            }
        }
        if (m.is<st::invited>()) {
            timestamp const at = tick(c);
            switch (pick(60, 15, 10, 10, 5)) {
                case 0:
                    return ev::accept_invite{at};
                case 1:
                    return ev::decline_invite{at};
                case 2:
                    return ev::withdraw_invite{at};
                case 3:
                    return ev::send_offer{at, terms(c)};
                default:
                    return ev::close_job{at};
            }
        }
        if (m.is<st::submitted>()) {
            timestamp const at = tick(c);
            switch (pick(60, 20, 10, 5, 5)) {
                case 0:
                    return ev::respond{at};
                case 1:
                    return ev::decline{at};
                case 2:
                    return ev::withdraw{at};
                case 3:
                    return ev::send_offer{at, terms(c)};
                default:
                    return ev::close_job{at};
            }
        }
        if (m.is<st::interviewing>()) {
            timestamp const at = tick(c);
            switch (pick(60, 20, 10, 10)) {
                case 0:
                    return ev::send_offer{at, terms(c)};
                case 1:
                    return ev::decline{at};
                case 2:
                    return ev::withdraw{at};
                default:
                    return ev::close_job{at};
            }
        }
        if (m.is<st::offered>()) {
            switch (pick(70, 10, 5, 5, 5, 5)) {
                case 0:
                    return ev::accept_offer{tick(c)};
                case 1:
                    return ev::decline_offer{tick(c)};
                case 2:
                    return ev::withdraw_offer{tick(c)};
                case 3:
                    advance_to(c, *d.offer_sent_at + std::chrono::days{30});
                    return ev::offer_expired{c.clock};
                case 4: {
                    timestamp const at = tick(c);
                    return ev::modify_offer{at, terms(c)};
                }
                default:
                    return ev::close_job{tick(c)};
            }
        }
        if (m.is<st::contract_pending>()) {
            if (pick(90, 10) == 0) {
                advance_to(c, *d.terms->start_date);
                return ev::start_date_reached{c.clock};
            }
            return ev::end_contract{tick(c),
                                    rng_.chance(0.5) ? hireguard::party::client : hireguard::party::freelancer};
        }
        if (m.is<st::contract_active>()) {
            timestamp const at = tick(c);
            bool const ending = rng_.below(40) < static_cast<std::uint64_t>(std::min(c.steps, 30));
            if (ending && rng_.chance(0.3)) {
                return ev::end_contract{at, rng_.chance(0.7) ? hireguard::party::client : hireguard::party::freelancer};
            }
            if (rng_.chance(0.04)) return ev::pause{at};
            bool const fixed = d.terms && d.terms->kind == hireguard::contract_kind::fixed_price;
            if (!fixed) return ev::log_work{at, std::chrono::minutes{rng_.between(15, 480)}};
            switch (d.milestone) {
                case hireguard::milestone_status::none:
                    return ev::fund_milestone{at, hireguard::cents(rng_.between(500, 100000))};
                case hireguard::milestone_status::funded:
                    if (rng_.chance(0.6)) return ev::log_work{at, std::chrono::minutes{rng_.between(15, 480)}};
                    return ev::submit_milestone{at};
                case hireguard::milestone_status::submitted:
                    return ev::approve_milestone{at};
            }
        }
        if (m.is<st::contract_paused>()) {
            timestamp const at = tick(c);
            if (pick(80, 20) == 0) return ev::resume{at};
            return ev::end_contract{at, hireguard::party::client};
        }
        if (m.is<st::contract_ended>()) {
            if (rng_.chance(0.2)) return std::nullopt;
            timestamp const at = tick(c);
            if (!d.client_left_feedback) return ev::leave_feedback{at, hireguard::party::client};
            if (!d.freelancer_left_feedback) return ev::leave_feedback{at, hireguard::party::freelancer};
            return std::nullopt;
        }
        return std::nullopt;  // a terminal state: the story is over
    }

    // An event the lifecycle rejects in the candidacy's current state.
    any_event violating(candidacy& c) {
        auto& m = c.machine;
        auto const& d = m.data();
        timestamp const at = tick(c);
        if (!m.is<st::contract_active>() && rng_.chance(0.5))
            return ev::log_work{at,
                                std::chrono::minutes{rng_.between(15, 480)}};  // work before (or after) the contract
        if (m.is<st::contract_active>()) {
            switch (rng_.below(5)) {
                case 0:
                    return ev::log_work{at, std::chrono::minutes{0}};
                case 1:
                    return ev::fund_milestone{at, hireguard::cents(rng_.between(1, 499))};
                case 2:
                    return ev::approve_milestone{at};
                case 3:
                    return ev::accept_offer{at};
                default:
                    return ev::submit_proposal{at};
            }
        }
        if (m.is<st::offered>()) {
            if (rng_.chance(0.5)) return ev::withdraw{at};
            advance_to(c, *d.offer_sent_at + std::chrono::days{30});
            return ev::accept_offer{c.clock};
        }
        if (m.is<st::contract_ended>()) {
            if (d.client_left_feedback) return ev::leave_feedback{at, hireguard::party::client};
            advance_to(c, *d.ended_at + std::chrono::days{14});
            return ev::leave_feedback{c.clock, hireguard::party::client};
        }
        switch (rng_.below(4)) {
            case 0:
                return ev::accept_offer{at};
            case 1:
                return ev::submit_milestone{at};
            case 2:
                return ev::resume{at};
            default:
                return ev::start_date_reached{at};
        }
    }

    void inject_violation(candidacy& c) {
        for (int attempt = 0; attempt < 16; ++attempt) {
            any_event const e = violating(c);
            hireguard::machine copy = c.machine;
            if (!copy.process(e)) {
                emit(c, e, false);
                return;
            }
        }
    }

    // Writes an event, or holds it to write after the candidacy's next one;
    // and, with ids, may deliver it again after the candidacy's next event.
    // The second delivery has the first's time, so the audit replays it
    // right after the first, in the same state: a duplicate of an accepted
    // event, and a rejected event rejected again.
    void emit(candidacy& c, any_event const& e, bool accepted) {
        ++lines_;
        ++(accepted ? accepted_ : rejected_);
        format(c, e);
        if (c.held.empty() && rng_.chance(opt_.late)) {
            c.held = line_;
        } else {
            write(line_);
            flush_held(c);
        }
        flush_again(c);
        if (opt_.duplicates > 0 && !done() && rng_.chance(opt_.duplicates)) {
            c.again = line_;
            ++lines_;
            ++(accepted ? duplicates_ : rejected_);
        }
    }

    void flush_held(candidacy& c) {
        if (c.held.empty()) return;
        write(c.held);
        c.held.clear();
    }

    // After the held event, if any: a second delivery comes after the first.
    void flush_again(candidacy& c) {
        if (c.again.empty()) return;
        flush_held(c);
        write(c.again);
        c.again.clear();
    }

    // The line of an event, as the library's codec writes it: what each
    // event carries comes from its description (Boost.Describe).
    void format(candidacy const& c, any_event const& e) {
        hireguard::logged_event logged{hireguard::job_id{c.job}, hireguard::freelancer_id{c.freelancer}, e};
        if (opt_.ids) logged.id = next_id();
        line_ = hireguard::encode_event(logged);
        line_ += '\n';
    }

    // Ids that look like a queue's message ids: a counter through
    // SplitMix64's finalizer, a bijection, so no two events share one.
    std::string next_id() {
        std::uint64_t x = ++last_id_;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
        x ^= x >> 31;
        char text[24];
        std::snprintf(text, sizeof text, "msg-%016llx", static_cast<unsigned long long>(x));
        return text;
    }

    void write_malformed() {
        ++lines_;
        ++malformed_;
        std::uint64_t const job = 1 + rng_.below(opt_.jobs);
        std::string line;
        switch (rng_.below(7)) {
            case 0:
                line = R"({"job":)" + std::to_string(job) + R"(,"freelancer":7,"event":"log_work","at":"2026-)";
                break;
            case 1:
                line = R"({"job":)" + std::to_string(job) +
                       R"(,"freelancer":7,"event":"hire_immediately","at":"2026-03-01T10:00:00Z"})";
                break;
            case 2:
                line = R"({"job":)" + std::to_string(job) + R"(,"event":"invite","at":"2026-03-01T10:00:00Z"})";
                break;
            case 3:
                line = R"({"job":)" + std::to_string(job) +
                       R"(,"freelancer":7,"event":"invite","at":"2026-03-01T10:00:00Z","note":"hi"})";
                break;
            case 4:
                line = R"({"job":)" + std::to_string(job) +
                       R"(,"freelancer":7,"event":"invite","at":"2026-02-30T10:00:00Z"})";
                break;
            case 5:
                line = R"({"job":"j)" + std::to_string(job) +
                       R"(","freelancer":7,"event":"invite","at":"2026-03-01T10:00:00Z"})";
                break;
            default:
                line = R"({"job":)" + std::to_string(job) +
                       R"(,"freelancer":7,"event":"log_work","at":"2026-03-01T10:00:00Z","minutes":"90"})";
                break;
        }
        line += '\n';
        write(line);
    }

    void write(std::string const& s) {
        bytes_ += s.size();
        std::fwrite(s.data(), 1, s.size(), out_);
    }

    options opt_;
    dice rng_;
    std::FILE* out_;
    std::vector<candidacy> pool_;
    std::string line_;
    std::uint64_t last_freelancer_ = 0;
    std::uint64_t last_id_ = 0;
    std::uint64_t lines_ = 0;
    std::uint64_t accepted_ = 0;
    std::uint64_t rejected_ = 0;
    std::uint64_t malformed_ = 0;
    std::uint64_t duplicates_ = 0;
    std::uint64_t bytes_ = 0;
};

// "1G", "500M", "64K" or a number of bytes.
std::uint64_t parse_size(std::string const& s) {
    std::uint64_t n = 0;
    auto const r = std::from_chars(s.data(), s.data() + s.size(), n);
    if (r.ec != std::errc{}) throw po::error("--bytes: expected a size like 1G, 500M or 4096, got " + s);
    std::string_view const unit(r.ptr, static_cast<std::size_t>(s.data() + s.size() - r.ptr));
    if (unit.empty()) return n;
    if (unit == "K" || unit == "k") return n << 10;
    if (unit == "M") return n << 20;
    if (unit == "G") return n << 30;
    throw po::error("--bytes: unknown unit " + std::string(unit));
}

}  // namespace

int main(int argc, char** argv) {
    options opt;
    std::string bytes;
    po::options_description visible(
        "Usage: hireguard-loggen [options]\n\n"
        "Writes a synthetic JSON Lines event log for hireguard-audit, and on stderr\n"
        "what the audit must find in it.\n\n"
        "Options");
    visible.add_options()("help,h", "show this help")("version", "print the version")(
        "events,n", po::value<std::uint64_t>(&opt.events), "number of lines to write")(
        "bytes,b", po::value<std::string>(&bytes), "write about this much (1G, 500M, 64K, or bytes) instead")(
        "violations", po::value<double>(&opt.violations)->default_value(0.1, "0.1"),
        "share of lines that the lifecycle rejects (0 to 1)")(
        "malformed", po::value<double>(&opt.malformed)->default_value(0.0, "0"), "share of malformed lines (0 to 1)")(
        "late", po::value<double>(&opt.late)->default_value(0.01, "0.01"),
        "share of events written after a later event of their candidacy")(
        "ids", po::bool_switch(&opt.ids), "give every event an id (\"id\"), as a queue's message id")(
        "duplicates", po::value<double>(&opt.duplicates)->default_value(0.0, "0"),
        "share of events delivered a second time, with the same id (0 to 1; implies --ids)")(
        "seed", po::value<std::uint64_t>(&opt.seed)->default_value(1), "random seed: the same seed, the same log")(
        "candidacies", po::value<std::uint64_t>(&opt.pool)->default_value(1000),
        "candidacies whose events interleave at any time")(
        "output,o", po::value<std::string>(&opt.output)->default_value("-"), "output file, - for stdout");
    try {
        po::variables_map vm;
        po::store(po::parse_command_line(argc, argv, visible), vm);
        po::notify(vm);
        if (vm.count("help") != 0 || vm.count("version") != 0) {
            if (vm.count("help") != 0) {
                std::cout << visible << '\n';
            } else {
                std::cout << "hireguard-loggen " HIREGUARD_VERSION "\n";
            }
            std::cout.flush();
            if (!std::cout) {
                std::cerr << "hireguard-loggen: cannot write to stdout\n";
                return 2;
            }
            return 0;
        }
        if (!bytes.empty()) opt.bytes = parse_size(bytes);
        if (opt.bytes == 0 && opt.events == 0) throw po::error("give --events or --bytes");
        auto const share = [](double x) { return x >= 0.0 && x <= 1.0; };
        if (!share(opt.violations) || !share(opt.malformed) || !share(opt.late) || !share(opt.duplicates) ||
            opt.violations + opt.malformed > 1.0)
            throw po::error("--violations, --malformed, --late and --duplicates are shares between 0 and 1");
        if (opt.duplicates > 0) opt.ids = true;
        if (opt.pool == 0) throw po::error("--candidacies must be at least 1");
    } catch (po::error const& e) {
        std::cerr << "hireguard-loggen: " << e.what() << "\n\n" << visible << '\n';
        return 2;
    }
    std::FILE* out = opt.output == "-" ? stdout : std::fopen(opt.output.c_str(), "wb");
    if (out == nullptr) {
        std::cerr << "hireguard-loggen: cannot write " << opt.output << ": " << std::strerror(errno) << '\n';
        return 2;
    }
    static std::array<char, std::size_t{1} << 20> buffer;
    std::setvbuf(out, buffer.data(), _IOFBF, buffer.size());
    generator(opt, out).run();
    if (std::fclose(out) != 0) {
        std::cerr << "hireguard-loggen: cannot write " << opt.output << '\n';
        return 2;
    }
    return 0;
}
