// A host program on hireguard::postgres: libpq is linked, and a server that
// is not there is reported as a backend_error with libpq's message. Exits
// nonzero on a wrong result.
#include <iostream>
#include <string>

#include <hireguard/store/postgres.hpp>

int main() {
    bool ok = false;
    try {
        hireguard::store::postgres_backend db{"host=/nonexistent-hireguard-socket dbname=hiring connect_timeout=2"};
    } catch (hireguard::store::backend_error const& e) {
        ok = std::string(e.what()).find("/nonexistent-hireguard-socket") != std::string::npos;
    }
    std::cout << (ok ? "postgres consumer: ok\n" : "postgres consumer: FAILED\n");
    return ok ? 0 : 1;
}
