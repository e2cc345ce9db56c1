// A hiring service in miniature: reads events as JSON Lines on stdin, applies
// each through the store on a SQLite database (one transaction per event,
// retried on conflicts), prints each verdict, then delivers the
// notifications the committed events left in the outbox.
//
//     hiring_service hiring.db < examples/data/service-input.jsonl
//
// A line is an event of the lifecycle as the event codec writes it, with an
// optional "id" for idempotent delivery ({"job": 3, "freelancer": 42, "id":
// "m-1", "event": "invite"}), or a job to create: {"job": 3, "openings": 2}.
// An event without "at" is stamped by the system clock. Run it twice on the
// same database: the second run reports every event with an id as a duplicate.
#include <iostream>
#include <string>
#include <string_view>

#include <boost/json.hpp>

#include <hireguard/json/events.hpp>
#include <hireguard/store/sqlite.hpp>
#include <hireguard/store/store.hpp>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: " << argv[0] << " DATABASE < events.jsonl\n";
        return 2;
    }
    try {
        hireguard::store::sqlite_backend db{argv[1]};
        hireguard::store::lifecycle_store store{db};
        std::size_t n = 0;
        int rejected = 0;
        for (std::string line; std::getline(std::cin, line);) {
            ++n;
            if (line.empty()) continue;
            std::cout << "line " << n << ": ";
            try {
                boost::json::value const v = boost::json::parse(line);
                if (auto const* o = v.if_object(); o != nullptr && o->contains("openings") && !o->contains("event")) {
                    hireguard::job_id const job{hireguard::json_codec::to_u64(o->at("job"), "job")};
                    auto const openings = hireguard::json_codec::decode<std::uint32_t>(o->at("openings"), "openings");
                    std::cout << (store.create_job(job, openings) ? "job created\n" : "job exists\n");
                    continue;
                }
                auto const e = hireguard::json_codec::to_logged_event<hireguard::lifecycle>(v, "");
                hireguard::store::result const r =
                    std::holds_alternative<hireguard::event::close_job>(e.event)
                        ? store.close_job(e.job, std::get<hireguard::event::close_job>(e.event), e.id)
                        : store.process(e.job, e.freelancer, e.event, e.id);
                rejected += r.outcome == hireguard::store::status::rejected ? 1 : 0;
                std::cout << r.message() << '\n';
            } catch (hireguard::json_error const& error) {
                std::cout << "malformed: " << error.what() << '\n';
            } catch (boost::system::system_error const& error) {
                std::cout << "malformed: " << error.what() << '\n';
            }
        }
        std::size_t const sent = store.deliver([](hireguard::store::outbox_message const& m) {
            std::cout << "notify " << m.id << ": " << m.payload << '\n';
        });
        std::cout << sent << " notifications delivered, " << rejected << " events rejected\n";
        return 0;
    } catch (std::exception const& error) {
        std::cerr << argv[0] << ": " << error.what() << '\n';
        return 2;
    }
}
