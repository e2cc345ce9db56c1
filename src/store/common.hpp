// What the two adapters share: the databases' 64-bit integers are signed.
#ifndef HIREGUARD_SRC_STORE_COMMON_HPP
#define HIREGUARD_SRC_STORE_COMMON_HPP

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include <hireguard/store/backend.hpp>

namespace hireguard::store::detail {

inline constexpr auto largest_stored = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());

/// `v` as the database's signed 64-bit integer; `backend_error` above 2^63 - 1.
[[nodiscard]] inline std::int64_t to_stored(std::uint64_t v, std::string_view adapter, std::string_view what) {
    if (v > largest_stored)
        throw backend_error(std::string(adapter) + ": " + std::string(what) + " " + std::to_string(v) +
                            " is above the database's largest integer, 2^63 - 1");
    return static_cast<std::int64_t>(v);
}

/// The version after `expected`; `backend_error` when there is none to store.
[[nodiscard]] inline std::int64_t next_version(std::uint64_t expected, std::string_view adapter) {
    if (expected >= largest_stored)
        throw backend_error(std::string(adapter) + ": no version after " + std::to_string(expected));
    return static_cast<std::int64_t>(expected + 1);
}

/// A LIMIT for `limit` rows.
[[nodiscard]] inline std::int64_t to_limit(std::size_t limit) {
    return static_cast<std::int64_t>(std::min<std::uint64_t>(limit, largest_stored));
}

/// A stored integer that the schema keeps non-negative.
[[nodiscard]] inline std::uint64_t to_unsigned(std::int64_t v) {
    return v < 0 ? 0 : static_cast<std::uint64_t>(v);
}

/// What both adapters' transactions share: while open, the transaction is
/// rolled back when destroyed; each of its calls runs through this guard, so
/// that a call that throws rolls it back and the calls after it are refused.
/// `Connection` has `void rollback() noexcept` and `bool in_transaction`.
template <class Connection>
class transaction_guard {
public:
    transaction_guard(Connection& c, std::string_view adapter) noexcept : c_(c), adapter_(adapter) {}
    transaction_guard(transaction_guard const&) = delete;
    transaction_guard& operator=(transaction_guard const&) = delete;
    transaction_guard(transaction_guard&&) = delete;
    transaction_guard& operator=(transaction_guard&&) = delete;
    ~transaction_guard() {
        if (active_) c_.rollback();
    }

    /// Runs one call of the transaction.
    template <class F>
    auto operator()(F const& f) -> decltype(f()) {
        if (!active_)
            throw backend_error(std::string(adapter_) +
                                ": the transaction is over (committed, or rolled back by an error)");
        try {
            return f();
        } catch (...) {
            active_ = false;
            c_.rollback();
            throw;
        }
    }

    /// After the commit went through: nothing is left to roll back.
    void committed() noexcept {
        active_ = false;
        c_.in_transaction = false;
    }

private:
    Connection& c_;
    std::string_view adapter_;
    bool active_ = true;
};

}  // namespace hireguard::store::detail

#endif
