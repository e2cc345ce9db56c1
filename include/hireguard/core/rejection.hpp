// Why an event was rejected: the kind, the rule, and a sentence.
#ifndef HIREGUARD_CORE_REJECTION_HPP
#define HIREGUARD_CORE_REJECTION_HPP

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
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

/// What a rule reports when it says no: which rule and one sentence with the figures.
struct violation {
    rule_id rule;
    std::string reason;
};

/// A rejected event: what kind of rejection, which rule, in which state, for
/// which event, and why.
struct rejection {
    rejection_kind kind = rejection_kind::illegal_transition;
    rule_id rule = no_rule;
    std::string_view state;
    std::string_view event;
    /// The rule's sentence, with its figures (empty for illegal transitions).
    std::string reason;
    /// For illegal transitions: the workflow's fixed explanation, if any.
    /// Kept as a view of static text so that rejecting costs no allocation.
    std::string_view explanation;

    /// Why, in words: the rule's sentence or the illegal pair's explanation.
    [[nodiscard]] std::string_view why() const noexcept { return reason.empty() ? explanation : reason; }

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

    [[nodiscard]] static rejection from(violation v, std::string_view state, std::string_view event) {
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
          reason_(why.reason) {}
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
