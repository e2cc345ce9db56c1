// A job: its openings, its candidacies keyed by freelancer, its hires, the
// close_job cascade, the views of docs/domain.md and the client's counters.
#ifndef HIREGUARD_HIRING_JOB_HPP
#define HIREGUARD_HIRING_JOB_HPP

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <ranges>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include <boost/describe/enum.hpp>

#include <hireguard/core/rejection.hpp>
#include <hireguard/core/table.hpp>
#include <hireguard/core/verdict.hpp>
#include <hireguard/hiring/data.hpp>
#include <hireguard/hiring/events.hpp>
#include <hireguard/hiring/lifecycle.hpp>
#include <hireguard/hiring/machine.hpp>
#include <hireguard/hiring/notifications.hpp>
#include <hireguard/hiring/states.hpp>

namespace hireguard {

/// How a candidacy of a job began: the event that created it.
enum class first_contact : std::uint8_t {
    invitation,    ///< the client invited the freelancer (`invite`)
    proposal,      ///< the freelancer sent a proposal (`submit_proposal`)
    direct_offer,  ///< the client sent an offer without an interview (`send_offer`)
    other,         ///< another event of a workflow of one's own
};

BOOST_DESCRIBE_ENUM(first_contact, invitation, proposal, direct_offer, other)

/// The name of a first contact, such as "proposal".
///
///     static_assert(hireguard::to_string(hireguard::first_contact::proposal) == "proposal");
[[nodiscard]] constexpr std::string_view to_string(first_contact c) noexcept {
    return detail::enum_name(c);
}

/// The first contact that the event named `event` makes when it creates a candidacy.
///
///     static_assert(hireguard::first_contact_of("invite") == hireguard::first_contact::invitation);
[[nodiscard]] constexpr first_contact first_contact_of(std::string_view event) noexcept {
    if (event == event::invite::name) return first_contact::invitation;
    if (event == event::submit_proposal::name) return first_contact::proposal;
    if (event == event::send_offer::name) return first_contact::direct_offer;
    return first_contact::other;
}

/// The first contact that `Event` makes when it creates a candidacy.
///
///     static_assert(hireguard::first_contact_of<hireguard::event::invite>() == hireguard::first_contact::invitation);
template <class Event>
[[nodiscard]] constexpr first_contact first_contact_of() noexcept {
    return first_contact_of(Event::name);
}

/// The lists people see (docs/domain.md, "Views people expect").
enum class view : std::uint8_t {
    invitations_to_interview,  ///< freelancer: `invited`
    active_candidacies,        ///< freelancer: `interviewing` (not hired)
    sent_job_applications,     ///< freelancer: `submitted`
    offers,                    ///< freelancer: `offered`, must respond
    my_jobs,                   ///< both: `contract_pending`, `contract_active`, `contract_paused`
    archive,                   ///< the six terminal states that are not a hire
};

namespace detail {
template <class S, workflow W>
[[nodiscard]] bool is_now(basic_machine<W> const& m) noexcept {
    if constexpr (is_state_of_v<S, W>) {
        return m.template is<S>();
    } else {
        return false;
    }
}
template <workflow W, class... S>
[[nodiscard]] bool is_any_of(basic_machine<W> const& m, type_list<S...> /*states*/) noexcept {
    return (is_now<S>(m) || ...);
}
template <workflow W, class... S>
[[nodiscard]] bool is_hired_now(basic_machine<W> const& m, type_list<S...> /*states*/) noexcept {
    return ((is_hired_v<S, W> && m.template is<S>()) || ...);
}
template <workflow W, class... S>
[[nodiscard]] bool is_terminal_now(basic_machine<W> const& m, type_list<S...> /*states*/) noexcept {
    return ((is_terminal_v<S, W> && m.template is<S>()) || ...);
}

// The sentences of the job's rules, one wording for `basic_job` and the store.
// `since` is " since 2026-01-05" when the closing date is known, or empty.
[[nodiscard]] inline std::string job_closed_to_newcomers(job_id job, std::string_view since) {
    return "job " + std::to_string(job.value()) + " is closed" + std::string(since) + ": it takes no new candidacies";
}
[[nodiscard]] inline std::string job_already_closed(job_id job, std::string_view since) {
    return "job " + std::to_string(job.value()) + " is already closed" + std::string(since);
}
[[nodiscard]] inline std::string openings_filled(job_id job, std::uint64_t openings, std::uint64_t hires) {
    return "job " + std::to_string(job.value()) + " has " + std::to_string(openings) +
           (openings == 1 ? " opening" : " openings") + " and " + std::to_string(hires) +
           (hires == 1 ? " hire" : " hires") + " already";
}
}  // namespace detail

/// Whether candidacy `m` belongs to view `v`. A workflow of one's own sees
/// the views through the lifecycle's states it reuses.
///
///     if (hireguard::in_view(hireguard::view::active_candidacies, m)) { /* interviewing: not hired */ }
template <workflow W>
[[nodiscard]] bool in_view(view v, basic_machine<W> const& m) noexcept {
    using namespace state;
    switch (v) {
        case view::invitations_to_interview:
            return detail::is_now<invited>(m);
        case view::active_candidacies:
            return detail::is_now<interviewing>(m);
        case view::sent_job_applications:
            return detail::is_now<submitted>(m);
        case view::offers:
            return detail::is_now<offered>(m);
        case view::my_jobs:
            return detail::is_any_of(m, type_list<contract_pending, contract_active, contract_paused>{});
        case view::archive:
            return detail::is_any_of(
                m, type_list<declined, withdrawn, invite_declined, invite_withdrawn, offer_declined, closed>{});
    }
    return false;
}

/// Whether the candidacy is in one of the workflow's hired states.
template <workflow W>
[[nodiscard]] bool is_hired(basic_machine<W> const& m) noexcept {
    return detail::is_hired_now(m, states_t<W>{});
}

/// Whether the candidacy is in one of the workflow's terminal states.
template <workflow W>
[[nodiscard]] bool is_terminal(basic_machine<W> const& m) noexcept {
    return detail::is_terminal_now(m, states_t<W>{});
}

/// The client's counters on a job ("Client Activity on this Job").
struct client_activity {
    /// Candidacies that began with a proposal, whatever became of them.
    std::uint32_t proposals = 0;
    /// Candidacies in `interviewing` now.
    std::uint32_t interviewing = 0;
    /// Candidacies that began with an invitation, whatever became of them.
    std::uint32_t invites_sent = 0;
    /// Invitations not answered yet: candidacies in `invited` now.
    std::uint32_t unanswered_invites = 0;
    /// Offers waiting for an answer: candidacies in `offered` now.
    std::uint32_t offers = 0;
    /// Candidacies in a hired state now, ended contracts included.
    std::uint32_t hires = 0;

    friend bool operator==(client_activity const&, client_activity const&) = default;
};

/// A job and its candidacies, one per freelancer, each run by the runtime
/// engine. The job adds what no single candidacy knows: whether the job is
/// open, its openings (the `hires_within_openings` rule on the event that
/// makes a hire, when `policy::cap_hires_at_openings` is on), and closing the
/// job, which closes every candidacy not hired yet.
///
/// Every operation either applies in full or, rejected, changes nothing.
///
///     hireguard::job j{hireguard::job_id{3}, 1};
///     (void)j.process(hireguard::freelancer_id{42}, hireguard::event::submit_proposal{});
///     assert(j.activity().proposals == 1);
template <workflow W>
class basic_job {
public:
    using machine_type = basic_machine<W>;

    /// A candidacy of the job and how it began.
    struct member {
        machine_type machine;
        first_contact origin = first_contact::other;
        friend bool operator==(member const&, member const&) = default;
    };
    using members = std::map<freelancer_id, member>;

    /// An open job with `openings` openings (at least one) and no candidacies.
    /// Throws `std::invalid_argument` for zero openings or an invalid policy.
    basic_job(job_id id, std::uint32_t openings, policy_t<W> const& p = {})
        : id_(id), openings_(checked_openings(openings)), policy_(detail::checked_policy(p)) {}

    /// A job from its parts, as loaded from storage. Throws
    /// `std::invalid_argument` when the parts disagree: a candidacy of
    /// another job, keyed by another freelancer or with another policy; an
    /// open job with a closed candidacy; zero openings; an invalid policy.
    /// Hires beyond the openings are accepted: a cap may have been off.
    [[nodiscard]] static basic_job from_parts(job_id id, std::uint32_t openings, policy_t<W> const& p, bool open,
                                              std::optional<timestamp> closed_at, members candidacies) {
        basic_job j{id, openings, p};
        for (auto const& [f, m] : candidacies) {
            auto const& d = m.machine.data();
            std::string const who = "candidacy of freelancer " + std::to_string(f.value());
            if (d.job != id) throw std::invalid_argument("hireguard: " + who + " belongs to another job");
            if (d.freelancer != f) throw std::invalid_argument("hireguard: " + who + " is keyed by another freelancer");
            if (!(m.machine.policy() == p))
                throw std::invalid_argument("hireguard: " + who + " has a policy other than the job's");
            if (open && detail::is_now<state::closed>(m.machine))
                throw std::invalid_argument("hireguard: " + who + " is closed, but the job is open");
        }
        if (open && closed_at) throw std::invalid_argument("hireguard: an open job has no closing time");
        j.open_ = open;
        j.closed_at_ = closed_at;
        j.members_ = std::move(candidacies);
        return j;
    }

    [[nodiscard]] job_id id() const noexcept { return id_; }
    [[nodiscard]] std::uint32_t openings() const noexcept { return openings_; }
    [[nodiscard]] bool is_open() const noexcept { return open_; }
    /// When the job was closed, if it is closed and the closing was dated.
    [[nodiscard]] std::optional<timestamp> closed_at() const noexcept { return closed_at_; }
    [[nodiscard]] policy_t<W> const& policy() const noexcept { return policy_; }

    /// Processes an event of `freelancer`'s candidacy, creating the
    /// candidacy on its first accepted event. Rejections come in this order:
    /// illegal transition, invalid input, the rules of the row, then the
    /// job's rules (`job_open` for a new candidacy on a closed job,
    /// `hires_within_openings`). Observers are told after the event is
    /// applied (see <hireguard/hiring/notifications.hpp> for what happens if one throws).
    /// `close_job` concerns the whole job: use `close()`.
    template <class Event>
    verdict process(freelancer_id freelancer, Event const& e) {
        static_assert(is_event_of_v<Event, W>, "hireguard: this event does not appear in the workflow's table");
        if constexpr (std::is_same_v<Event, event::close_job>) {
            return reject(rule_ids::whole_job_event, "close_job closes the whole job: call job::close()",
                          W::initial_state::name, Event::name);
        } else {
            auto const found = members_.find(freelancer);
            bool const is_new = found == members_.end();
            machine_type next = is_new ? machine_type(id_, freelancer, policy_) : found->second.machine;
            std::string_view const from = next.state_name();
            bool const was_hired = is_hired(next);
            verdict v = next.process(e);
            if (!v) return v;
            if (is_new && !open_)
                return reject(rule_ids::job_open, detail::job_closed_to_newcomers(id_, closed_on()), from, Event::name);
            if (!was_hired && is_hired(next) && policy_.cap_hires_at_openings && hires() >= openings_)
                return reject(rule_ids::hires_within_openings, detail::openings_filled(id_, openings_, hires()), from,
                              Event::name);
            machine_type const* applied = nullptr;
            if (is_new) {
                applied = &members_.emplace(freelancer, member{std::move(next), first_contact_of<Event>()})
                               .first->second.machine;
            } else {
                found->second.machine = std::move(next);
                applied = &found->second.machine;
            }
            for (auto const& o : observers_.list) detail::notify_all(*applied, e, from, *o);
            return v;
        }
    }

    /// The same for an event decoded at run time.
    verdict process(freelancer_id freelancer, event_variant_t<W> const& e) {
        return std::visit([&](auto const& ev) { return this->process(freelancer, ev); }, e);
    }

    /// Closes the job: every candidacy that is neither hired nor finished
    /// moves to `closed`; contracts keep running; finished candidacies stay
    /// as they are. All or nothing: if one candidacy rejects the event (its
    /// timestamp goes backwards), that rejection is returned and nothing
    /// changes. A closed job rejects `close()` with `job_open`.
    verdict close(event::close_job const& e = {}) requires is_event_of_v<event::close_job, W> {
        if (!open_)
            return reject(rule_ids::job_open, detail::job_already_closed(id_, closed_on()), "closed",
                          event::close_job::name);
        members next = members_;
        for (auto& [f, m] : next) {
            if (is_hired(m.machine) || is_terminal(m.machine)) continue;
            if (verdict v = m.machine.process(e); !v) return v;
        }
        members_ = std::move(next);
        open_ = false;
        closed_at_ = e.at;
        return verdict{};
    }

    /// The candidacy of `freelancer`, or null. The pointer is valid until the
    /// job changes.
    [[nodiscard]] machine_type const* find(freelancer_id freelancer) const noexcept {
        auto const it = members_.find(freelancer);
        return it == members_.end() ? nullptr : &it->second.machine;
    }

    /// Every candidacy, ordered by freelancer id.
    [[nodiscard]] members const& candidacies() const noexcept { return members_; }

    /// Candidacies in a hired state, ended contracts included.
    [[nodiscard]] std::uint32_t hires() const noexcept {
        return count([](member const& m) { return is_hired(m.machine); });
    }

    /// The client's counters.
    [[nodiscard]] client_activity activity() const noexcept {
        client_activity a;
        for (auto const& [f, m] : members_) {
            a.proposals += m.origin == first_contact::proposal ? 1U : 0U;
            a.invites_sent += m.origin == first_contact::invitation ? 1U : 0U;
            a.interviewing += detail::is_now<state::interviewing>(m.machine) ? 1U : 0U;
            a.unanswered_invites += detail::is_now<state::invited>(m.machine) ? 1U : 0U;
            a.offers += detail::is_now<state::offered>(m.machine) ? 1U : 0U;
            a.hires += is_hired(m.machine) ? 1U : 0U;
        }
        return a;
    }

    /// The freelancers whose candidacy of this job is in view `v`, by id.
    [[nodiscard]] std::vector<freelancer_id> in(view v) const {
        std::vector<freelancer_id> out;
        for (auto const& [f, m] : members_)
            if (in_view(v, m.machine)) out.push_back(f);
        return out;
    }

    /// Tells `o` of every notification from now on, after the observers
    /// subscribed before it. The job shares the observer's ownership, so it
    /// lives at least as long as its subscription. Throws
    /// `std::invalid_argument` for a null pointer. Observers belong to the
    /// job object, not its value: a copy of the job starts with none (its
    /// events are another job's, and would be told twice), a job assigned
    /// another's value keeps its own, and a job move-constructed from another
    /// takes that one's.
    ///
    ///     auto m = std::make_shared<mailer>();
    ///     j.subscribe(m);
    void subscribe(std::shared_ptr<basic_observer<W>> o) {
        if (!o) throw std::invalid_argument("hireguard: subscribe needs an observer, not a null pointer");
        observers_.list.push_back(std::move(o));
    }
    /// Stops telling `o` and lets go of it; nothing if `o` is not subscribed.
    void unsubscribe(basic_observer<W> const& o) noexcept {
        std::erase_if(observers_.list, [&](auto const& p) { return p.get() == &o; });
    }
    /// How many observers are subscribed.
    [[nodiscard]] std::size_t observer_count() const noexcept { return observers_.list.size(); }

private:
    static std::uint32_t checked_openings(std::uint32_t n) {
        if (n == 0) throw std::invalid_argument("hireguard: a job has at least one opening");
        return n;
    }

    template <class Pred>
    std::uint32_t count(Pred p) const noexcept {
        return static_cast<std::uint32_t>(
            std::ranges::count_if(members_, [&](auto const& kv) { return p(kv.second); }));
    }

    std::string closed_on() const { return closed_at_ ? " since " + to_date_string(*closed_at_) : std::string(); }

    static verdict reject(rule_id rule, reason_text reason, std::string_view state, std::string_view event) {
        return verdict(rejection::from(violation{rule, std::move(reason)}, state, event));
    }

    job_id id_;
    std::uint32_t openings_;
    policy_t<W> policy_;
    bool open_ = true;
    std::optional<timestamp> closed_at_{};
    members members_{};
    // The observers, owned with their subscribers. They belong to the job
    // object, not its value: a copy starts with none, an assigned job keeps
    // its own, a job move-constructed from another takes that one's.
    struct observer_list {
        std::vector<std::shared_ptr<basic_observer<W>>> list;
        observer_list() = default;
        observer_list(observer_list const& /*other*/) noexcept {}
        observer_list(observer_list&&) noexcept = default;
        observer_list& operator=(observer_list const& /*other*/) noexcept { return *this; }
        observer_list& operator=(observer_list&& /*other*/) noexcept { return *this; }
        ~observer_list() = default;
    };
    observer_list observers_{};
};

/// A job of the canonical lifecycle.
using job = basic_job<lifecycle>;

/// The candidacies of `freelancer` across `jobs` that are in view `v`, in the
/// order of `jobs`: "My Jobs", "Active Candidacies", "Invitations to
/// Interview", "Sent Job Applications", "Offers", the archive. The pointers
/// are valid until the jobs change.
///
///     std::vector<hireguard::job> jobs = ...;
///     for (auto const* c : hireguard::freelancer_view(jobs, me, hireguard::view::my_jobs)) { ... }
template <std::ranges::input_range Jobs>
[[nodiscard]] auto freelancer_view(Jobs const& jobs, freelancer_id freelancer, view v) {
    using job_type = std::remove_cvref_t<std::ranges::range_reference_t<Jobs const&>>;
    std::vector<typename job_type::machine_type const*> out;
    for (auto const& j : jobs)
        if (auto const* m = j.find(freelancer); m != nullptr && in_view(v, *m)) out.push_back(m);
    return out;
}

}  // namespace hireguard

#endif
