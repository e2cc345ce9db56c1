// Compile-time probe: a request handler, as docs/embedding.md writes one: it
// restores a candidacy's snapshot, decodes an event from its JSON line,
// processes it and writes the snapshot back.
#include <iostream>
#include <string>

#include <hireguard/hiring/machine.hpp>
#include <hireguard/json/events.hpp>
#include <hireguard/json/snapshot.hpp>

int main() {
    std::string snapshot;
    std::string line;
    if (!std::getline(std::cin, snapshot) || !std::getline(std::cin, line)) return 2;
    hireguard::machine m = hireguard::restore(std::string_view{snapshot});
    hireguard::logged_event const e = hireguard::decode_event(line);
    hireguard::verdict const v = m.process(e.event);
    if (!v) std::cerr << v.message() << '\n';
    std::cout << hireguard::snapshot_text(m) << '\n';
    return v ? 0 : 1;
}
