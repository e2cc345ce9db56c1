// The runtime engine's answer to an event.
#ifndef HIREGUARD_CORE_VERDICT_HPP
#define HIREGUARD_CORE_VERDICT_HPP

#include <optional>
#include <stdexcept>
#include <string>
#include <utility>

#include <hireguard/core/rejection.hpp>

namespace hireguard {

/// Accepted, or rejected with a `rejection`: the runtime engine's answer,
/// where the candidacy stays in the machine. (The typed API's `outcome`
/// answers the same question and also hands back the candidacy, typed by its
/// new state.) Cheap when accepted: nothing is allocated.
///
///     if (auto v = m.process(event::log_work{}); !v) std::cerr << v.message() << '\n';
class [[nodiscard]] verdict {
public:
    /// An accepted event. User-provided, so that `verdict{}` sets only the
    /// optional's flag: a defaulted constructor would have `verdict{}` zero
    /// all 120 bytes first, on every accepted event.
    constexpr verdict() noexcept {}  // NOLINT(modernize-use-equals-default)
    /// A rejected event.
    constexpr explicit verdict(rejection r) noexcept : rejection_(std::move(r)) {}

    [[nodiscard]] constexpr bool accepted() const noexcept { return !rejection_; }
    constexpr explicit operator bool() const noexcept { return accepted(); }

    /// Whether the event was rejected for this kind of reason.
    [[nodiscard]] constexpr bool rejected_as(rejection_kind k) const noexcept {
        return rejection_ && rejection_->kind == k;
    }

    /// The rejection. Throws `bad_result_access` when the event was accepted.
    [[nodiscard]] constexpr rejection const& error() const {
        if (!rejection_) throw bad_result_access("hireguard: verdict::error() on an accepted event");
        return *rejection_;
    }

    /// The rejection's sentence, or "accepted".
    [[nodiscard]] std::string message() const { return rejection_ ? rejection_->message() : std::string("accepted"); }

private:
    std::optional<rejection> rejection_;
};

}  // namespace hireguard

#endif
