// Notifications tied to transitions (docs/domain.md, "Notifications tied to
// transitions"): an interface the host implements, told after each accepted
// event that people are notified about.
//
// Exception guarantee: a notification is sent after the transition has been
// applied in full. If an observer throws, the exception reaches the caller,
// the candidacy stays in its new state with its new data (consistent, never
// half-changed), and observers after the throwing one are not told.
#ifndef HIREGUARD_HIRING_NOTIFICATIONS_HPP
#define HIREGUARD_HIRING_NOTIFICATIONS_HPP

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>

#include <boost/describe/enum.hpp>

#include <hireguard/core/detail/enum_name.hpp>
#include <hireguard/core/table.hpp>
#include <hireguard/core/verdict.hpp>
#include <hireguard/hiring/events.hpp>
#include <hireguard/hiring/lifecycle.hpp>
#include <hireguard/hiring/machine.hpp>

namespace hireguard {

/// What people are told, one kind per line of docs/domain.md's list.
enum class notification_kind : std::uint8_t {
    invitation_received,  ///< `invite`: the freelancer has an invitation to interview
    proposal_received,    ///< `submit_proposal`: the client has a proposal
    offer_received,       ///< `send_offer`, `modify_offer`: the freelancer must respond
    contract_began,       ///< `accept_offer` into `contract_active`, or `start_date_reached`: hired and working
    hired_not_started,    ///< `accept_offer` into `contract_pending`: hired, but no work before the start date
    proposal_declined,    ///< `decline`
    milestone_submitted,  ///< `submit_milestone`: the client may approve it
    contract_paused,      ///< `pause`
    contract_resumed,     ///< `resume`
    contract_ended,       ///< `end_contract`
};
BOOST_DESCRIBE_ENUM(notification_kind, invitation_received, proposal_received, offer_received, contract_began,
                    hired_not_started, proposal_declined, milestone_submitted, contract_paused, contract_resumed,
                    contract_ended)

/// The kind's name, such as "contract_began".
[[nodiscard]] constexpr std::string_view to_string(notification_kind k) noexcept {
    return detail::enum_name(k);
}

/// The notification an accepted `Event` that led into the state named
/// `target` calls for, or nothing. Workflows of their own get the
/// notifications of the lifecycle's events they reuse.
///
///     static_assert(hireguard::notification_for<hireguard::event::accept_offer>("contract_pending") ==
///                   hireguard::notification_kind::hired_not_started);
template <class Event>
[[nodiscard]] constexpr std::optional<notification_kind> notification_for(std::string_view target) noexcept {
    using k = notification_kind;
    if constexpr (std::is_same_v<Event, event::invite>) return k::invitation_received;
    if constexpr (std::is_same_v<Event, event::submit_proposal>) return k::proposal_received;
    if constexpr (std::is_same_v<Event, event::send_offer> || std::is_same_v<Event, event::modify_offer>)
        return k::offer_received;
    if constexpr (std::is_same_v<Event, event::accept_offer>)
        return target == state::contract_pending::name ? k::hired_not_started : k::contract_began;
    if constexpr (std::is_same_v<Event, event::start_date_reached>) return k::contract_began;
    if constexpr (std::is_same_v<Event, event::decline>) return k::proposal_declined;
    if constexpr (std::is_same_v<Event, event::submit_milestone>) return k::milestone_submitted;
    if constexpr (std::is_same_v<Event, event::pause>) return k::contract_paused;
    if constexpr (std::is_same_v<Event, event::resume>) return k::contract_resumed;
    if constexpr (std::is_same_v<Event, event::end_contract>) return k::contract_ended;
    return std::nullopt;
}

/// What an observer is told: the kind, the candidacy after the transition,
/// the event that caused it and the state it left. The references are valid
/// for the duration of the call only.
template <workflow W>
struct basic_notification {
    notification_kind kind;
    /// The candidacy's machine, already in its new state with its new data.
    basic_machine<W> const& machine;
    event_variant_t<W> const& event;
    /// The state the candidacy left.
    std::string_view from;

    /// One sentence for people, such as "job 3 / freelancer 42: hired; the
    /// contract has not begun: no work before its start date, 2026-03-01".
    [[nodiscard]] std::string message() const {
        auto const& d = machine.data();
        std::string out =
            "job " + std::to_string(d.job.value()) + " / freelancer " + std::to_string(d.freelancer.value()) + ": ";
        switch (kind) {
            case notification_kind::invitation_received:
                return out + "invitation to interview received";
            case notification_kind::proposal_received:
                return out + "proposal received";
            case notification_kind::offer_received:
                return out + "offer received: the freelancer must respond";
            case notification_kind::contract_began:
                return out + "hired: the contract has begun, work may start";
            case notification_kind::hired_not_started: {
                out += "hired; the contract has not begun: no work before its start date";
                if (d.terms && d.terms->start_date) out += ", " + to_date_string(*d.terms->start_date);
                return out;
            }
            case notification_kind::proposal_declined:
                return out + "proposal declined";
            case notification_kind::milestone_submitted:
                return out + "milestone submitted: the client may approve it";
            case notification_kind::contract_paused:
                return out + "contract paused: no work until it resumes";
            case notification_kind::contract_resumed:
                return out + "contract resumed";
            case notification_kind::contract_ended:
                return out + "contract ended";
        }
        return out;
    }
};

/// The interface a host implements to be told of transitions.
///
///     struct mailer : hireguard::observer {
///         void notify(hireguard::notification const& n) override { send(n.message()); }
///     };
template <workflow W>
class basic_observer {
public:
    basic_observer() = default;
    basic_observer(basic_observer const&) = default;
    basic_observer& operator=(basic_observer const&) = default;
    virtual ~basic_observer() = default;
    /// Called after an accepted event that calls for a notification.
    virtual void notify(basic_notification<W> const& n) = 0;
};

/// Notifications and observers of the canonical lifecycle.
using notification = basic_notification<lifecycle>;
using observer = basic_observer<lifecycle>;

namespace detail {
// Events that never call for a notification cost nothing, not even the
// instantiation of the variant that would carry them.
template <workflow W, class Event, class... Observers>
void notify_all(basic_machine<W> const& m, Event const& e, std::string_view from, Observers&... os) {
    if constexpr (notification_for<Event>(std::string_view{}).has_value()) {
        if (auto const kind = notification_for<Event>(m.state_name())) {
            event_variant_t<W> const ev{std::in_place_type<Event>, e};
            basic_notification<W> const n{*kind, m, ev, from};
            (os.notify(n), ...);
        }
    }
}
}  // namespace detail

/// Processes `e` on `m` and, when it is accepted and calls for a
/// notification, tells `o`. Returns the engine's verdict.
///
///     auto v = hireguard::process(m, hireguard::event::accept_offer{}, mailer);
template <workflow W, class Event>
requires is_event_of_v<Event, W> verdict process(basic_machine<W>& m, Event const& e, basic_observer<W>& o) {
    std::string_view const from = m.state_name();
    verdict v = m.process(e);
    if (v) detail::notify_all(m, e, from, o);
    return v;
}

/// The same for an event decoded at run time.
template <workflow W>
verdict process(basic_machine<W>& m, event_variant_t<W> const& e, basic_observer<W>& o) {
    return std::visit([&](auto const& ev) { return hireguard::process(m, ev, o); }, e);
}

}  // namespace hireguard

#endif
