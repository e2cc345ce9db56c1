// Why an event was rejected: the kind, the rule, and a sentence.
#ifndef HIREGUARD_CORE_REJECTION_HPP
#define HIREGUARD_CORE_REJECTION_HPP

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace hireguard {

/// The three ways an event can be turned down.
enum class rejection_kind : std::uint8_t {
    illegal_transition,  ///< the table has no row for this state and event
    rule_violated,       ///< a row exists, but a rule on the data says no
    invalid_input,       ///< the event itself is malformed (time going backwards, zero duration, ...)
};

/// "illegal transition", "rule violated" or "invalid input".
[[nodiscard]] constexpr std::string_view to_string(rejection_kind k) noexcept {
    switch (k) {
        case rejection_kind::illegal_transition:
            return "illegal transition";
        case rejection_kind::rule_violated:
            return "rule violated";
        case rejection_kind::invalid_input:
            return "invalid input";
    }
    return "unknown";
}

/// A rule's identity: its stable name, as reports, snapshots and diagrams
/// print it, and what breaking it means. Every rule declares its own; the
/// set is open, so a host's rule is reported under its own name.
///
///     struct report_cited : hireguard::rule<report_cited> {
///         static constexpr hireguard::rule_id id{"report_cited"};   // rule_violated by default
///         ...
///     };
struct rule_id {
    std::string_view name = "none";
    rejection_kind kind = rejection_kind::rule_violated;
    friend constexpr bool operator==(rule_id, rule_id) noexcept = default;
};

/// The rule's stable name, e.g. "offer_not_expired".
[[nodiscard]] constexpr std::string_view to_string(rule_id r) noexcept {
    return r.name;
}

/// The rule of an illegal transition: none.
inline constexpr rule_id no_rule{"none", rejection_kind::illegal_transition};

/// A rule's sentence: an owned string, as `std::string` would hold it, that
/// also lives in constant expressions (libstdc++ 12's `std::string` cannot,
/// with g++ 12 or clang++ 14), so that a workflow's scenarios can be checked
/// by `static_assert` down to the rejection's words. It reads as a
/// `std::string_view`; it is built from a string literal, a `std::string` or
/// a view, or from pieces with `hireguard::concat`.
///
///     hireguard::reason_text why = "the offer has expired";
///     std::string_view v = why;
///     std::string s = why.str();
class reason_text {
public:
    /// Empty.
    constexpr reason_text() noexcept = default;
    /// A copy of `s`.
    constexpr reason_text(char const* s) {  // NOLINT(google-explicit-constructor)
        std::string_view const v = s;
        assign_from(&v, 1);
    }
    /// A copy of `s`: `std::string`, `std::string_view` or another string's view.
    template <class S>
    requires(std::is_convertible_v<S const&, std::string_view> && !std::is_same_v<S, reason_text> &&
             !std::is_convertible_v<
                 S const&, char const*>) constexpr reason_text(S const& s) {  // NOLINT(google-explicit-constructor)
        std::string_view const v = s;
        assign_from(&v, 1);
    }
    constexpr reason_text(reason_text const& other) {
        std::string_view const v = other.view();
        assign_from(&v, 1);
    }
    constexpr reason_text(reason_text&& other) noexcept
        : data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0)) {}
    constexpr reason_text& operator=(reason_text const& other) {
        if (this != &other) *this = reason_text(other);
        return *this;
    }
    constexpr reason_text& operator=(reason_text&& other) noexcept {
        if (this != &other) {
            release();
            data_ = std::exchange(other.data_, nullptr);
            size_ = std::exchange(other.size_, 0);
        }
        return *this;
    }
    constexpr ~reason_text() { release(); }

    /// The concatenation of `pieces`, allocated once.
    [[nodiscard]] static constexpr reason_text join(std::string_view const* pieces, std::size_t count) {
        reason_text out;
        out.assign_from(pieces, count);
        return out;
    }

    [[nodiscard]] constexpr std::string_view view() const noexcept {
        return data_ ? std::string_view(data_, size_) : std::string_view();
    }
    constexpr operator std::string_view() const noexcept { return view(); }  // NOLINT(google-explicit-constructor)
    /// A `std::string` copy.
    [[nodiscard]] std::string str() const { return std::string(view()); }
    /// Null-terminated text, "" when empty.
    [[nodiscard]] constexpr char const* c_str() const noexcept { return data_ ? data_ : ""; }
    [[nodiscard]] constexpr bool empty() const noexcept { return size_ == 0; }
    [[nodiscard]] constexpr std::size_t size() const noexcept { return size_; }

    friend constexpr bool operator==(reason_text const& a, reason_text const& b) noexcept {
        return a.view() == b.view();
    }
    /// Compares with a literal, a `std::string` or a view.
    template <class S>
    requires(std::is_convertible_v<S const&, std::string_view> && !std::is_same_v<S, reason_text>) friend constexpr bool
    operator==(reason_text const& a, S const& b) noexcept {
        return a.view() == std::string_view(b);
    }
    template <class Traits>
    friend std::basic_ostream<char, Traits>& operator<<(std::basic_ostream<char, Traits>& out, reason_text const& t) {
        return out << t.view();
    }

private:
    constexpr void assign_from(std::string_view const* pieces, std::size_t count) {
        std::size_t total = 0;
        for (std::size_t i = 0; i < count; ++i) total += pieces[i].size();
        if (total == 0) return;
        char* out = std::allocator<char>{}.allocate(total + 1);
        std::size_t at = 0;
        // Element by element with construct_at, as constant evaluation requires.
        for (std::size_t i = 0; i < count; ++i)
            for (char const c : pieces[i]) std::construct_at(out + at++, c);
        std::construct_at(out + at, '\0');
        data_ = out;
        size_ = total;
    }
    constexpr void release() noexcept {
        if (data_) std::allocator<char>{}.deallocate(data_, size_ + 1);
        data_ = nullptr;
        size_ = 0;
    }

    char* data_ = nullptr;
    std::size_t size_ = 0;
};

/// Joins the pieces (anything a `std::string_view` can view) into one
/// `reason_text`, with one allocation; usable in constant expressions.
///
///     hireguard::reason_text why = hireguard::concat("got ", std::string_view("12"), " minutes");
template <class... Pieces>
[[nodiscard]] constexpr reason_text concat(Pieces const&... pieces) {
    std::string_view const views[] = {std::string_view(pieces)...};
    return reason_text::join(views, sizeof...(Pieces));
}

/// What a rule reports when it says no: which rule and one sentence with the figures.
struct violation {
    rule_id rule;
    reason_text reason;
};

/// A rejected event: what kind of rejection, which rule, in which state, for
/// which event, and why.
struct rejection {
    rejection_kind kind = rejection_kind::illegal_transition;
    rule_id rule = no_rule;
    std::string_view state;
    std::string_view event;
    /// The rule's sentence, with its figures (empty for illegal transitions).
    reason_text reason;
    /// For illegal transitions: the workflow's fixed explanation, if any.
    /// Kept as a view of static text so that rejecting costs no allocation.
    std::string_view explanation;

    /// Why, in words: the rule's sentence or the illegal pair's explanation.
    [[nodiscard]] constexpr std::string_view why() const noexcept {
        return reason.empty() ? explanation : reason.view();
    }

    /// One sentence: "log_work rejected in interviewing: illegal transition: work before hire"
    /// or "accept_offer rejected in offered: offer_not_expired: the offer was sent ...".
    [[nodiscard]] std::string message() const {
        std::string out;
        std::string_view const because = why();
        out.reserve(event.size() + state.size() + because.size() + 48);
        out.append(event).append(" rejected in ").append(state).append(": ");
        if (kind == rejection_kind::illegal_transition) {
            out.append("illegal transition");
        } else {
            out.append(rule.name);
        }
        if (!because.empty()) out.append(": ").append(because);
        return out;
    }

    [[nodiscard]] static constexpr rejection from(violation v, std::string_view state, std::string_view event) {
        return rejection{v.rule.kind, v.rule, state, event, std::move(v.reason), {}};
    }
};

/// Thrown when a `verdict` or an `outcome` is asked for what it does not hold:
/// the rejection of an accepted event, or the candidacy of a rejected one.
/// For the latter, `why()` is the rejection and `what()` ends with its
/// sentence, as Rust's `unwrap` prints the error it found.
///
///     try { auto hired = std::move(r).value(); }
///     catch (hireguard::bad_result_access const& e) { if (auto why = e.why()) log(why->message()); }
class bad_result_access : public std::logic_error {
public:
    explicit bad_result_access(std::string const& what) : std::logic_error(what) {}
    bad_result_access(std::string const& what, rejection const& why)
        : std::logic_error(what + ": " + why.message()),
          held_(true),
          kind_(why.kind),
          rule_(why.rule),
          state_(why.state),
          event_(why.event),
          explanation_(why.explanation),
          reason_(why.reason.c_str()) {}
    /// The rejection the result held instead of what was asked for, if any.
    [[nodiscard]] std::optional<rejection> why() const {
        if (!held_) return std::nullopt;
        rejection r;
        r.kind = kind_;
        r.rule = rule_;
        r.state = state_;
        r.event = event_;
        r.reason = reason_.what();
        r.explanation = explanation_;
        return r;
    }

private:
    // The rejection's parts; its sentence in a standard exception, whose
    // copies share it, so that copying this exception cannot throw.
    bool held_ = false;
    rejection_kind kind_ = rejection_kind::illegal_transition;
    rule_id rule_ = no_rule;
    std::string_view state_;
    std::string_view event_;
    std::string_view explanation_;
    std::runtime_error reason_{""};
};

/// Thrown by the typed API, on any row, when an event breaks one of the
/// workflow's input rules: it is malformed (its timestamp goes backwards,
/// say). A guarded row's own rules answer in its `outcome` instead. The
/// candidacy is left as it was.
class invalid_event : public std::invalid_argument {
public:
    explicit invalid_event(rejection r) : std::invalid_argument(r.message()), rejection_(std::move(r)) {}
    /// The rejection that the exception reports.
    [[nodiscard]] hireguard::rejection const& why() const noexcept { return rejection_; }

private:
    hireguard::rejection rejection_;
};

}  // namespace hireguard

#endif
