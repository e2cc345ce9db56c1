// The audit's anchor (issue 15): a plain simdjson scan of an event log that
// extracts the four fields every line has (job, freelancer, event, at), read
// as the audit reads the log (chunks of 16 MB cut at line ends, into a
// buffer reused from chunk to chunk), one On-Demand document a line. No
// validation beyond what those four reads do, no event, no replay, no report:
// what the audit costs beyond this is its own work. bench/audit.sh runs it
// beside hireguard-audit in the same run.
//
//     hireguard_bench_audit_parse LOG     # prints the lines, the lines it could not read, a checksum
#include <fcntl.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string_view>
#include <vector>

#include <simdjson.h>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s LOG\n", argv[0]);
        return 2;
    }
    int const fd = ::open(argv[1], O_RDONLY);
    if (fd < 0) {
        std::perror(argv[1]);
        return 2;
    }
    constexpr std::size_t chunk = std::size_t{16} << 20;
    std::vector<char> buffer(chunk + simdjson::SIMDJSON_PADDING);
    std::size_t held = 0;  // bytes of an unfinished line carried over
    simdjson::ondemand::parser parser;
    std::uint64_t lines = 0;
    std::uint64_t unread = 0;
    std::uint64_t checksum = 0;
    for (bool eof = false; !eof;) {
        if (held == buffer.size() - simdjson::SIMDJSON_PADDING) buffer.resize(buffer.size() * 2);
        ssize_t const n = ::read(fd, buffer.data() + held, buffer.size() - simdjson::SIMDJSON_PADDING - held);
        if (n < 0) {
            std::perror(argv[1]);
            return 2;
        }
        eof = n == 0;
        std::size_t const size = held + static_cast<std::size_t>(n);
        char const* const begin = buffer.data();
        char const* const end = begin + size;
        char const* p = begin;
        while (p < end) {
            auto const* nl = static_cast<char const*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
            if (nl == nullptr && !eof) break;  // the rest waits for the next read
            if (nl == nullptr) nl = end;
            auto const len = static_cast<std::size_t>(nl - p);
            ++lines;
            simdjson::ondemand::document doc;
            simdjson::ondemand::object object;
            std::uint64_t job = 0;
            std::uint64_t freelancer = 0;
            std::string_view event;
            std::string_view at;
            if (parser.iterate(p, len, buffer.size() - static_cast<std::size_t>(p - begin)).get(doc) != 0 ||
                doc.get_object().get(object) != 0 || object["job"].get(job) != 0 ||
                object["freelancer"].get(freelancer) != 0 || object["event"].get(event) != 0 ||
                object["at"].get(at) != 0) {
                ++unread;
            } else {
                checksum += job ^ (freelancer << 1) ^ event.size() ^ (static_cast<std::uint64_t>(at.back()) << 8);
            }
            p = nl + 1;
        }
        held = p < end ? static_cast<std::size_t>(end - p) : 0;
        if (held != 0) std::memmove(buffer.data(), p, held);
        if (eof) break;
    }
    ::close(fd);
    std::printf("%llu lines, %llu not read, checksum %llu\n", static_cast<unsigned long long>(lines),
                static_cast<unsigned long long>(unread), static_cast<unsigned long long>(checksum));
    return 0;
}
