// The databases the store's conformance suite (backend_test.cpp) runs on: a
// fresh, empty database for each test, connections to it through an
// adapter, and SQL run beside the adapter to put the database in states the
// adapter would refuse to write. sqlite_test.cpp and postgres_test.cpp each
// instantiate the suite with their own.
#ifndef HIREGUARD_TESTS_STORE_DATABASES_HPP
#define HIREGUARD_TESTS_STORE_DATABASES_HPP

#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include <hireguard/store/backend.hpp>

namespace hireguard::store::testing {

class test_database {
public:
    test_database() = default;
    test_database(test_database const&) = delete;
    test_database& operator=(test_database const&) = delete;
    virtual ~test_database() = default;

    /// A new backend (a connection of its own) on this database.
    [[nodiscard]] virtual std::unique_ptr<backend> connect() = 0;
    /// Runs `sql` on the database without the adapter.
    virtual void execute(std::string const& sql) = 0;
    /// The first column of the first row `sql` returns, as text.
    [[nodiscard]] virtual std::string query(std::string const& sql) = 0;
};

/// An adapter under test: its name and how to make a fresh database for it.
struct adapter {
    std::string name;
    std::function<std::unique_ptr<test_database>()> make;
    friend std::ostream& operator<<(std::ostream& os, adapter const& a) { return os << a.name; }
};

/// The adapters the conformance suite runs on, defined by the test program's
/// own file (sqlite_test.cpp, postgres_test.cpp).
std::vector<adapter> adapters_under_test();

}  // namespace hireguard::store::testing

#endif
