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

}  // namespace hireguard::store::detail

#endif
