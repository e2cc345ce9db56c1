// docs/domain.md's lifecycle, written out by hand for the tests. Nothing here is
// derived from hireguard's own table: the tests compare the library with this.
#ifndef HIREGUARD_TESTS_DOMAIN_HPP
#define HIREGUARD_TESTS_DOMAIN_HPP

#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include <hireguard/hiring/events.hpp>
#include <hireguard/hiring/states.hpp>

namespace domain {

namespace s = hireguard::state;
namespace e = hireguard::event;

using states = std::tuple<s::prospect, s::invited, s::submitted, s::interviewing, s::offered, s::contract_pending,
                          s::contract_active, s::contract_paused, s::contract_ended, s::invite_declined,
                          s::invite_withdrawn, s::declined, s::withdrawn, s::offer_declined, s::closed>;

using events =
    std::tuple<e::invite, e::withdraw_invite, e::respond, e::decline, e::send_offer, e::modify_offer, e::withdraw_offer,
               e::fund_milestone, e::approve_milestone, e::pause, e::resume, e::close_job, e::accept_invite,
               e::decline_invite, e::submit_proposal, e::withdraw, e::decline_offer, e::accept_offer, e::log_work,
               e::submit_milestone, e::end_contract, e::leave_feedback, e::offer_expired, e::start_date_reached>;

struct row {
    std::string source;
    std::string event;
    std::string target;
    bool guarded;
    friend auto operator<=>(row const&, row const&) = default;
};

// docs/domain.md, "The transition table", row for row.
inline std::vector<row> const rows = {
    {"prospect", "invite", "invited", false},
    {"prospect", "submit_proposal", "submitted", false},
    {"prospect", "send_offer", "offered", true},
    {"prospect", "close_job", "closed", false},
    {"invited", "accept_invite", "interviewing", false},
    {"invited", "decline_invite", "invite_declined", false},
    {"invited", "withdraw_invite", "invite_withdrawn", false},
    {"invited", "send_offer", "offered", true},
    {"invited", "close_job", "closed", false},
    {"submitted", "respond", "interviewing", false},
    {"submitted", "decline", "declined", false},
    {"submitted", "withdraw", "withdrawn", false},
    {"submitted", "send_offer", "offered", true},
    {"submitted", "close_job", "closed", false},
    {"interviewing", "decline", "declined", false},
    {"interviewing", "withdraw", "withdrawn", false},
    {"interviewing", "send_offer", "offered", true},
    {"interviewing", "close_job", "closed", false},
    {"offered", "modify_offer", "offered", true},
    {"offered", "withdraw_offer", "interviewing", false},
    {"offered", "offer_expired", "interviewing", false},
    {"offered", "decline_offer", "offer_declined", false},
    {"offered", "accept_offer", "contract_active", true},
    {"offered", "accept_offer", "contract_pending", true},
    {"offered", "close_job", "closed", false},
    {"contract_pending", "start_date_reached", "contract_active", false},
    {"contract_pending", "end_contract", "contract_ended", false},
    {"contract_active", "log_work", "contract_active", true},
    {"contract_active", "fund_milestone", "contract_active", true},
    {"contract_active", "submit_milestone", "contract_active", true},
    {"contract_active", "approve_milestone", "contract_active", true},
    {"contract_active", "pause", "contract_paused", false},
    {"contract_active", "end_contract", "contract_ended", false},
    {"contract_paused", "resume", "contract_active", false},
    {"contract_paused", "end_contract", "contract_ended", false},
    {"contract_ended", "leave_feedback", "contract_ended", true},
};

// The 35 legal (state, event) pairs.
inline std::set<std::pair<std::string, std::string>> const legal_pairs = [] {
    std::set<std::pair<std::string, std::string>> out;
    for (auto const& r : rows) out.emplace(r.source, r.event);
    return out;
}();

inline std::set<std::string> const terminal_states = {"invite_declined", "invite_withdrawn", "declined",
                                                      "withdrawn",       "offer_declined",   "closed"};

}  // namespace domain

#endif
