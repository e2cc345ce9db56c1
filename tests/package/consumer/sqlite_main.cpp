// A host program on hireguard::sqlite: SQLite is linked, and a job written
// to a new database file reads back. Exits nonzero on a wrong result.
#include <filesystem>
#include <iostream>
#include <string>

#include <unistd.h>

#include <hireguard/store/sqlite.hpp>

int main() {
    using namespace hireguard::store;
    auto const path =
        std::filesystem::temp_directory_path() / ("hireguard_sqlite_consumer_" + std::to_string(::getpid()) + ".db");
    bool ok = false;
    {
        sqlite_backend db{path.string()};
        auto tx = db.begin();
        tx->insert_job(job_row{7, 2, true, std::nullopt, 0, "{}", 1});
        tx->commit();
        tx = db.begin();
        ok = tx->load_job(7) == job_row{7, 2, true, std::nullopt, 0, "{}", 1};
    }
    for (char const* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
    std::cout << (ok ? "sqlite consumer: ok\n" : "sqlite consumer: FAILED\n");
    return ok ? 0 : 1;
}
