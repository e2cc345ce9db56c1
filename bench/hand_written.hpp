// The lifecycle's table written by hand twice, for comparison: as a switch,
// and as a flat lookup table filled at start-up. Both do the same work per
// event as hireguard::machine: legality, the timestamp check, the guards and
// actions of the row (hireguard's own rules and actions), and a verdict.
#ifndef HIREGUARD_BENCH_HAND_WRITTEN_HPP
#define HIREGUARD_BENCH_HAND_WRITTEN_HPP

#include <array>
#include <cstdint>
#include <string_view>
#include <variant>

#include <hireguard/hiring/lifecycle.hpp>

namespace bench {

using namespace hireguard;

enum class st : std::uint8_t {
    prospect,
    invited,
    submitted,
    interviewing,
    offered,
    contract_pending,
    contract_active,
    contract_paused,
    contract_ended,
    invite_declined,
    invite_withdrawn,
    declined,
    withdrawn,
    offer_declined,
    closed
};
inline constexpr std::string_view st_names[] = {
    "prospect",         "invited",         "submitted",       "interviewing",   "offered",
    "contract_pending", "contract_active", "contract_paused", "contract_ended", "invite_declined",
    "invite_withdrawn", "declined",        "withdrawn",       "offer_declined", "closed"};

// Shared steps of both hand-written engines.
struct hand_base {
    st s = st::prospect;
    candidacy_data d{job_id{0}, freelancer_id{0}};
    policy p{};

    // The explanations of illegal pairs, looked up once at start-up.
    template <class E>
    static std::string_view explanation(st from) {
        static auto const table = [] {
            std::array<std::string_view, 15> out{};
            for (int i = 0; i < 15; ++i) out[i] = lifecycle::explain_illegal(st_names[i], E::name);
            return out;
        }();
        return table[static_cast<int>(from)];
    }
    template <class E>
    verdict illegal(E const& /*e*/) const {
        return verdict(rejection{rejection_kind::illegal_transition,
                                 no_rule,
                                 st_names[static_cast<int>(s)],
                                 E::name,
                                 {},
                                 explanation<E>(s)});
    }
    template <class G, class A, class E>
    verdict fire(st to, E const& e) {
        std::string_view const here = st_names[static_cast<int>(s)];
        if (!detail::input_ok<lifecycle>(d, p, e))
            return verdict(rejection::from(detail::input_violation<lifecycle>(d, p, e), here, E::name));
        if constexpr (!std::is_same_v<G, none>) {
            if (!G::holds(d, p, e)) return verdict(rejection::from(G::explain(d, p, e), here, E::name));
        }
        detail::complete<lifecycle, A>(d, e);
        s = to;
        return {};
    }
};

struct switch_engine : hand_base {
    verdict process(any_event const& e) {
        return std::visit([this](auto const& ev) { return on(ev); }, e);
    }

    verdict on(event::invite const& e) { return s == st::prospect ? fire<none, none>(st::invited, e) : illegal(e); }
    verdict on(event::submit_proposal const& e) {
        return s == st::prospect ? fire<none, none>(st::submitted, e) : illegal(e);
    }
    verdict on(event::send_offer const& e) {
        switch (s) {
            case st::prospect:
            case st::invited:
            case st::submitted:
            case st::interviewing:
                return fire<guards::valid_offer, actions::record_offer>(st::offered, e);
            default:
                return illegal(e);
        }
    }
    verdict on(event::close_job const& e) {
        switch (s) {
            case st::prospect:
            case st::invited:
            case st::submitted:
            case st::interviewing:
            case st::offered:
                return fire<none, none>(st::closed, e);
            default:
                return illegal(e);
        }
    }
    verdict on(event::accept_invite const& e) {
        return s == st::invited ? fire<none, none>(st::interviewing, e) : illegal(e);
    }
    verdict on(event::decline_invite const& e) {
        return s == st::invited ? fire<none, none>(st::invite_declined, e) : illegal(e);
    }
    verdict on(event::withdraw_invite const& e) {
        return s == st::invited ? fire<none, none>(st::invite_withdrawn, e) : illegal(e);
    }
    verdict on(event::respond const& e) {
        return s == st::submitted ? fire<none, none>(st::interviewing, e) : illegal(e);
    }
    verdict on(event::decline const& e) {
        return s == st::submitted || s == st::interviewing ? fire<none, none>(st::declined, e) : illegal(e);
    }
    verdict on(event::withdraw const& e) {
        return s == st::submitted || s == st::interviewing ? fire<none, none>(st::withdrawn, e) : illegal(e);
    }
    verdict on(event::modify_offer const& e) {
        return s == st::offered ? fire<guards::valid_offer, actions::record_offer>(st::offered, e) : illegal(e);
    }
    verdict on(event::withdraw_offer const& e) {
        return s == st::offered ? fire<none, actions::clear_offer>(st::interviewing, e) : illegal(e);
    }
    verdict on(event::offer_expired const& e) {
        return s == st::offered ? fire<none, actions::clear_offer>(st::interviewing, e) : illegal(e);
    }
    verdict on(event::decline_offer const& e) {
        return s == st::offered ? fire<none, none>(st::offer_declined, e) : illegal(e);
    }
    verdict on(event::accept_offer const& e) {
        if (s != st::offered) return illegal(e);
        verdict v = fire<guards::accept_before_start, actions::hire>(st::contract_pending, e);
        return v ? std::move(v) : fire<guards::accept_and_begin, actions::hire>(st::contract_active, e);
    }
    verdict on(event::start_date_reached const& e) {
        return s == st::contract_pending ? fire<none, actions::begin_contract>(st::contract_active, e) : illegal(e);
    }
    verdict on(event::end_contract const& e) {
        switch (s) {
            case st::contract_pending:
            case st::contract_active:
            case st::contract_paused:
                return fire<none, actions::end>(st::contract_ended, e);
            default:
                return illegal(e);
        }
    }
    verdict on(event::log_work const& e) {
        return s == st::contract_active ? fire<guards::work_allowed, actions::record_work>(st::contract_active, e)
                                        : illegal(e);
    }
    verdict on(event::fund_milestone const& e) {
        return s == st::contract_active ? fire<guards::milestone_fundable, actions::fund>(st::contract_active, e)
                                        : illegal(e);
    }
    verdict on(event::submit_milestone const& e) {
        return s == st::contract_active ? fire<guards::milestone_funded, actions::submit_work>(st::contract_active, e)
                                        : illegal(e);
    }
    verdict on(event::approve_milestone const& e) {
        return s == st::contract_active
                   ? fire<guards::milestone_submitted, actions::release_payment>(st::contract_active, e)
                   : illegal(e);
    }
    verdict on(event::pause const& e) {
        return s == st::contract_active ? fire<none, none>(st::contract_paused, e) : illegal(e);
    }
    verdict on(event::resume const& e) {
        return s == st::contract_paused ? fire<none, none>(st::contract_active, e) : illegal(e);
    }
    verdict on(event::leave_feedback const& e) {
        return s == st::contract_ended ? fire<guards::feedback_allowed, actions::record_feedback>(st::contract_ended, e)
                                       : illegal(e);
    }
};

// A [state][event] table of function pointers, filled by hand at start-up.
struct table_engine : hand_base {
    using cell = verdict (*)(table_engine&, any_event const&);
    static constexpr std::size_t events = std::variant_size_v<any_event>;

    template <class E>
    static constexpr std::size_t index_of() {
        return any_event(E{}).index();
    }
    template <class E>
    static verdict reject(table_engine& m, any_event const& e) {
        return m.illegal(*std::get_if<E>(&e));
    }
    template <class G, class A, class E, st To>
    static verdict row(table_engine& m, any_event const& e) {
        return m.template fire<G, A>(To, *std::get_if<E>(&e));
    }
    static verdict accept(table_engine& m, any_event const& e) {
        auto const& ev = *std::get_if<event::accept_offer>(&e);
        verdict v = m.fire<guards::accept_before_start, actions::hire>(st::contract_pending, ev);
        return v ? std::move(v) : m.fire<guards::accept_and_begin, actions::hire>(st::contract_active, ev);
    }

    struct table {
        std::array<std::array<cell, events>, 15> cells{};
        template <class E, class G, class A, st To>
        void set(st from) {
            cells[static_cast<int>(from)][index_of<E>()] = &row<G, A, E, To>;
        }
        table() {
            std::array<cell, events> illegal{};
            [&]<std::size_t... I>(std::index_sequence<I...>) {
                ((illegal[I] = &reject<std::variant_alternative_t<I, any_event>>), ...);
            }
            (std::make_index_sequence<events>{});
            for (auto& row : cells) row = illegal;
            using namespace event;
            set<invite, none, none, st::invited>(st::prospect);
            set<submit_proposal, none, none, st::submitted>(st::prospect);
            for (st from : {st::prospect, st::invited, st::submitted, st::interviewing})
                set<send_offer, guards::valid_offer, actions::record_offer, st::offered>(from);
            for (st from : {st::prospect, st::invited, st::submitted, st::interviewing, st::offered})
                set<close_job, none, none, st::closed>(from);
            set<accept_invite, none, none, st::interviewing>(st::invited);
            set<decline_invite, none, none, st::invite_declined>(st::invited);
            set<withdraw_invite, none, none, st::invite_withdrawn>(st::invited);
            set<respond, none, none, st::interviewing>(st::submitted);
            for (st from : {st::submitted, st::interviewing}) {
                set<decline, none, none, st::declined>(from);
                set<withdraw, none, none, st::withdrawn>(from);
            }
            set<modify_offer, guards::valid_offer, actions::record_offer, st::offered>(st::offered);
            set<withdraw_offer, none, actions::clear_offer, st::interviewing>(st::offered);
            set<offer_expired, none, actions::clear_offer, st::interviewing>(st::offered);
            set<decline_offer, none, none, st::offer_declined>(st::offered);
            cells[static_cast<int>(st::offered)][index_of<accept_offer>()] = &accept;
            set<start_date_reached, none, actions::begin_contract, st::contract_active>(st::contract_pending);
            for (st from : {st::contract_pending, st::contract_active, st::contract_paused})
                set<end_contract, none, actions::end, st::contract_ended>(from);
            set<log_work, guards::work_allowed, actions::record_work, st::contract_active>(st::contract_active);
            set<fund_milestone, guards::milestone_fundable, actions::fund, st::contract_active>(st::contract_active);
            set<submit_milestone, guards::milestone_funded, actions::submit_work, st::contract_active>(
                st::contract_active);
            set<approve_milestone, guards::milestone_submitted, actions::release_payment, st::contract_active>(
                st::contract_active);
            set<event::pause, none, none, st::contract_paused>(st::contract_active);
            set<resume, none, none, st::contract_active>(st::contract_paused);
            set<leave_feedback, guards::feedback_allowed, actions::record_feedback, st::contract_ended>(
                st::contract_ended);
        }
    };

    verdict process(any_event const& e) {
        static table const t;
        return t.cells[static_cast<int>(s)][e.index()](*this, e);
    }
};

}  // namespace bench

#endif
