// Snapshots of a runtime machine and of a job as JSON (Boost.JSON), and
// restoring them.
// Link `hireguard::json`. The format and its rules: docs/persistence.md.
//
//     {"format": 1, "state": "contract_active",
//      "policy": {"offer_lifetime_seconds": 2592000, "feedback_window_seconds": 1209600,
//                 "minimum_milestone": 500, "cap_hires_at_openings": true},
//      "data": {"job": 7, "freelancer": 42, "last_event_at": "2026-01-06T10:00:00Z", "terms": {...}, ...}}
//
// `restore` checks the whole document before it builds anything: every field
// present, of its type and in range, no unknown field, the policy valid, the
// state a state of the workflow and, for the canonical lifecycle, the data
// consistent with the state (docs/domain.md). The first problem found throws
// `json_error` naming the field; the caller has nothing half-restored.
#ifndef HIREGUARD_JSON_SNAPSHOT_HPP
#define HIREGUARD_JSON_SNAPSHOT_HPP

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include <boost/json.hpp>

#include <hireguard/hiring/consistency.hpp>
#include <hireguard/hiring/data.hpp>
#include <hireguard/hiring/job.hpp>
#include <hireguard/hiring/lifecycle.hpp>
#include <hireguard/hiring/values.hpp>
#include <hireguard/json/values.hpp>

namespace hireguard {

/// The version of the snapshot format that `snapshot` writes and `restore`
/// reads, in the document's `"format"` field.
///
///     assert(hireguard::snapshot(m).at("format") == hireguard::snapshot_format);
inline constexpr std::int64_t snapshot_format = 1;

namespace json_codec {

/// The name of a milestone status: "none", "funded" or "submitted".
///
///     assert(hireguard::json_codec::milestone_name(hireguard::milestone_status::funded) == "funded");
[[nodiscard]] constexpr std::string_view milestone_name(milestone_status s) noexcept {
    switch (s) {
        case milestone_status::none:
            return "none";
        case milestone_status::funded:
            return "funded";
        case milestone_status::submitted:
            return "submitted";
    }
    return "none";
}

/// A milestone status from its name, or a `json_error` at `where`.
[[nodiscard]] inline milestone_status to_milestone_status(boost::json::value const& v, std::string_view where) {
    auto const s = to_string_view(v, where);
    if (s == "none") return milestone_status::none;
    if (s == "funded") return milestone_status::funded;
    if (s == "submitted") return milestone_status::submitted;
    throw json_error(std::string(where), "expected \"none\", \"funded\" or \"submitted\"");
}

/// A policy: durations in whole seconds, the minimum milestone in cents.
///
///     auto o = hireguard::json_codec::from_policy({});   // {"offer_lifetime_seconds": 2592000, ...}
[[nodiscard]] inline boost::json::object from_policy(policy const& p) {
    boost::json::object o;
    o["offer_lifetime_seconds"] = p.offer_lifetime.count();
    o["feedback_window_seconds"] = p.feedback_window.count();
    o["minimum_milestone"] = p.minimum_milestone.cents();
    o["cap_hires_at_openings"] = p.cap_hires_at_openings;
    return o;
}

/// A policy written by `from_policy`; every field required, each within the
/// bounds of `policy_problem` (positive, at most 100 years or $1,000,000).
///
///     auto p = hireguard::json_codec::to_policy(hireguard::json_codec::from_policy({}), "policy");
[[nodiscard]] inline policy to_policy(boost::json::value const& v, std::string_view where) {
    auto const& o = as_object(v, where);
    static constexpr std::string_view known[] = {"offer_lifetime_seconds", "feedback_window_seconds",
                                                 "minimum_milestone", "cap_hires_at_openings"};
    only_known(o, known, where);
    auto duration = [&](std::string_view key) {
        std::string const at = path(where, key);
        auto const s = std::chrono::seconds{to_i64(member(o, key, where), at)};
        if (s <= std::chrono::seconds{0}) throw json_error(at, "must be positive");
        if (s > longest_policy_duration) throw json_error(at, "must be at most 100 years (3155760000 seconds)");
        return s;
    };
    policy p;
    p.offer_lifetime = duration("offer_lifetime_seconds");
    p.feedback_window = duration("feedback_window_seconds");
    std::string const minimum_at = path(where, "minimum_milestone");
    p.minimum_milestone = cents(to_i64(member(o, "minimum_milestone", where), minimum_at));
    if (p.minimum_milestone <= money{}) throw json_error(minimum_at, "must be positive");
    if (p.minimum_milestone > largest_minimum_milestone)
        throw json_error(minimum_at, "must be at most 100000000 cents ($1,000,000)");
    p.cap_hires_at_openings = to_bool(member(o, "cap_hires_at_openings", where), path(where, "cap_hires_at_openings"));
    // Whatever else `policy_problem` may come to check, before a machine is built with it.
    if (auto problem = policy_problem(p)) throw json_error(std::string(where), *problem);
    return p;
}

/// Whether `t` can be written as "YYYY-MM-DDTHH:MM:SSZ" and read back by
/// `parse_timestamp`: years 1900 to 9999.
///
///     assert(hireguard::json_codec::writable(hireguard::utc(std::chrono::year{2026} / 1 / 5)));
[[nodiscard]] constexpr bool writable(timestamp t) noexcept {
    return in_accepted_years(t);
}

/// A timestamp for a snapshot; a `json_error` at `where` when `writable(t)` is false.
[[nodiscard]] inline boost::json::value from_snapshot_timestamp(std::optional<timestamp> const& t,
                                                                std::string_view where) {
    if (t && !writable(*t)) throw json_error(std::string(where), "outside the years 1900 to 9999: cannot be written");
    return from_optional_timestamp(t);
}

/// Offer terms as a candidacy recorded them: `to_terms`, except that every
/// field is required (`start_date` may be null) and the amount the contract
/// kind does not use (an hourly offer's `first_milestone`, a fixed-price
/// offer's `hourly_rate`) is kept as written, even negative, since the engine
/// records it as given. The amount it uses must be above zero.
///
///     auto t = hireguard::json_codec::to_recorded_terms(hireguard::json_codec::from_terms(terms), "data.terms");
[[nodiscard]] inline offer_terms to_recorded_terms(boost::json::value const& v, std::string_view where) {
    auto const& o = as_object(v, where);
    static constexpr std::string_view known[] = {"kind", "hourly_rate", "first_milestone", "start_date"};
    only_known(o, known, where);
    offer_terms t;
    t.kind = to_contract_kind(member(o, "kind", where), path(where, "kind"));
    std::string const rate_at = path(where, "hourly_rate");
    std::string const first_at = path(where, "first_milestone");
    t.hourly_rate = cents(to_i64(member(o, "hourly_rate", where), rate_at));
    t.first_milestone = cents(to_i64(member(o, "first_milestone", where), first_at));
    (void)member(o, "start_date", where);
    t.start_date = to_optional_timestamp(o, "start_date", where);
    if (t.kind == contract_kind::hourly && t.hourly_rate <= money{})
        throw json_error(rate_at, "an hourly contract's rate must be above zero");
    if (t.kind == contract_kind::fixed_price && t.first_milestone <= money{})
        throw json_error(first_at, "a fixed-price contract's first milestone must be above zero");
    return t;
}

/// A candidacy's data, every field written (null for an empty optional).
/// Throws `json_error` for a timestamp that `writable` refuses.
///
///     auto o = hireguard::json_codec::from_data(m.data());   // {"job": 7, "freelancer": 42, ...}
[[nodiscard]] inline boost::json::object from_data(candidacy_data const& d, std::string_view where = "data") {
    boost::json::object o;
    o["job"] = d.job.value();
    o["freelancer"] = d.freelancer.value();
    o["last_event_at"] = from_snapshot_timestamp(d.last_event_at, path(where, "last_event_at"));
    if (d.terms) {
        auto terms = from_terms(*d.terms);
        terms["start_date"] = from_snapshot_timestamp(d.terms->start_date, path(where, "terms.start_date"));
        o["terms"] = std::move(terms);
    } else {
        o["terms"] = nullptr;
    }
    o["offer_sent_at"] = from_snapshot_timestamp(d.offer_sent_at, path(where, "offer_sent_at"));
    o["hired_at"] = from_snapshot_timestamp(d.hired_at, path(where, "hired_at"));
    o["started_at"] = from_snapshot_timestamp(d.started_at, path(where, "started_at"));
    o["ended_at"] = from_snapshot_timestamp(d.ended_at, path(where, "ended_at"));
    o["minutes_logged"] = d.minutes_logged.count();
    o["milestone"] = milestone_name(d.milestone);
    o["milestone_amount"] = d.milestone_amount.cents();
    o["paid"] = d.paid.cents();
    o["milestones_paid"] = d.milestones_paid;
    o["client_left_feedback"] = d.client_left_feedback;
    o["freelancer_left_feedback"] = d.freelancer_left_feedback;
    return o;
}

/// A candidacy's data written by `from_data`: every field required and typed,
/// counts and amounts not negative. Says nothing yet about the state: see
/// `check_consistency`.
///
///     auto d = hireguard::json_codec::to_data(hireguard::json_codec::from_data(m.data()), "data");
[[nodiscard]] inline candidacy_data to_data(boost::json::value const& v, std::string_view where) {
    auto const& o = as_object(v, where);
    static constexpr std::string_view known[] = {"job",
                                                 "freelancer",
                                                 "last_event_at",
                                                 "terms",
                                                 "offer_sent_at",
                                                 "hired_at",
                                                 "started_at",
                                                 "ended_at",
                                                 "minutes_logged",
                                                 "milestone",
                                                 "milestone_amount",
                                                 "paid",
                                                 "milestones_paid",
                                                 "client_left_feedback",
                                                 "freelancer_left_feedback"};
    only_known(o, known, where);
    auto field = [&](std::string_view key) -> boost::json::value const& { return member(o, key, where); };
    auto at = [&](std::string_view key) { return path(where, key); };
    auto optional_time = [&](std::string_view key) {
        (void)field(key);
        return to_optional_timestamp(o, key, where);
    };
    candidacy_data d{job_id{to_u64(field("job"), at("job"))},
                     freelancer_id{to_u64(field("freelancer"), at("freelancer"))}};
    d.last_event_at = optional_time("last_event_at");
    if (!field("terms").is_null()) d.terms = to_recorded_terms(field("terms"), at("terms"));
    d.offer_sent_at = optional_time("offer_sent_at");
    d.hired_at = optional_time("hired_at");
    d.started_at = optional_time("started_at");
    d.ended_at = optional_time("ended_at");
    auto const minutes = to_i64(field("minutes_logged"), at("minutes_logged"));
    if (minutes < 0) throw json_error(at("minutes_logged"), "cannot be negative");
    d.minutes_logged = std::chrono::minutes{minutes};
    d.milestone = to_milestone_status(field("milestone"), at("milestone"));
    d.milestone_amount = to_money(field("milestone_amount"), at("milestone_amount"));
    d.paid = to_money(field("paid"), at("paid"));
    auto const count = to_u64(field("milestones_paid"), at("milestones_paid"));
    if (count > std::numeric_limits<std::uint32_t>::max())
        throw json_error(at("milestones_paid"), "must be at most 4294967295");
    d.milestones_paid = static_cast<std::uint32_t>(count);
    d.client_left_feedback = to_bool(field("client_left_feedback"), at("client_left_feedback"));
    d.freelancer_left_feedback = to_bool(field("freelancer_left_feedback"), at("freelancer_left_feedback"));
    return d;
}

/// Throws `json_error` naming the field under `where` when `data_problem`
/// finds the data of a candidacy of the canonical lifecycle inconsistent
/// with state `state` (<hireguard/hiring/consistency.hpp>).
///
///     hireguard::json_codec::check_consistency("interviewing", d, "data");   // throws if d.hired_at is set
inline void check_consistency(std::string_view state, candidacy_data const& d, std::string_view where) {
    if (auto problem = data_problem(static_cast<lifecycle const*>(nullptr), state, d))
        throw json_error(path(where, problem->field), std::move(problem->reason));
}

}  // namespace json_codec

namespace detail {
template <class... S>
[[nodiscard]] constexpr bool names_a_state(std::string_view name, type_list<S...> /*states*/) noexcept {
    return ((S::name == name) || ...);
}
}  // namespace detail

/// The snapshot of a machine: its state, its policy and its data, as a JSON
/// object in the format of docs/persistence.md. Throws `json_error` only for
/// a timestamp outside the years 1900 to 9999 (a start date given as such).
///
///     hireguard::machine m{hireguard::job_id{7}, hireguard::freelancer_id{42}};
///     boost::json::object s = hireguard::snapshot(m);   // {"format":1,"state":"prospect",...}
template <workflow W>
[[nodiscard]] boost::json::object snapshot(basic_machine<W> const& m) {
    boost::json::object o;
    o["format"] = snapshot_format;
    o["state"] = m.state_name();
    o["policy"] = json_codec::from_policy(m.policy());
    o["data"] = json_codec::from_data(m.data());
    return o;
}

/// `snapshot(m)` as compact JSON text.
///
///     std::string text = hireguard::snapshot_text(m);
template <workflow W>
[[nodiscard]] std::string snapshot_text(basic_machine<W> const& m) {
    return boost::json::serialize(snapshot(m));
}

/// A machine from its snapshot. Checks everything first (docs/persistence.md)
/// and throws `json_error` naming the first field at fault; builds a new
/// machine only from a document that passes.
///
///     hireguard::machine m = hireguard::restore(hireguard::snapshot(original));
///     assert(m == original);
template <workflow W = lifecycle>
[[nodiscard]] basic_machine<W> restore(boost::json::value const& document) {
    using namespace json_codec;
    auto const& o = as_object(document, "");
    static constexpr std::string_view known[] = {"format", "state", "policy", "data"};
    only_known(o, known, "");
    if (auto const& f = member(o, "format", "");
        !(f.is_int64() || f.is_uint64()) || to_i64(f, "format") != snapshot_format)
        throw json_error("format", "expected 1, the only snapshot format");
    auto const state = to_string_view(member(o, "state", ""), "state");
    if (!hireguard::detail::names_a_state(state, states_t<W>{}))
        throw json_error("state", "\"" + std::string(state) + "\" is not a state of the workflow");
    policy const p = to_policy(member(o, "policy", ""), "policy");
    candidacy_data const d = to_data(member(o, "data", ""), "data");
    if constexpr (requires { data_problem(static_cast<W const*>(nullptr), state, d); }) {
        if (auto problem = data_problem(static_cast<W const*>(nullptr), state, d))
            throw json_error(path("data", problem->field), std::move(problem->reason));
    }
    return *basic_machine<W>::from_parts(state, d, p);
}

/// A machine from a snapshot's JSON text; malformed JSON is a `json_error`
/// with an empty `field()`.
///
///     hireguard::machine m = hireguard::restore(std::string_view{text});
template <workflow W = lifecycle>
[[nodiscard]] basic_machine<W> restore(std::string_view text) {
    boost::json::error_code ec;
    boost::json::value const v = boost::json::parse(boost::json::string_view(text.data(), text.size()), ec);
    if (ec) throw json_error("", "malformed JSON: " + ec.message());
    return restore<W>(v);
}

/// `restore(std::string_view{text})`, so that a string literal is text.
///
///     hireguard::machine m = hireguard::restore(R"({"format": 1, ...})");
template <workflow W = lifecycle>
[[nodiscard]] basic_machine<W> restore(char const* text) {
    return restore<W>(std::string_view(text));
}

namespace json_codec {

/// How a candidacy of a job began, from its name ("invitation", "proposal",
/// "direct_offer", "other"), or a `json_error` at `where`.
[[nodiscard]] inline first_contact to_first_contact(boost::json::value const& v, std::string_view where) {
    auto const s = to_string_view(v, where);
    for (auto c :
         {first_contact::invitation, first_contact::proposal, first_contact::direct_offer, first_contact::other})
        if (s == to_string(c)) return c;
    throw json_error(std::string(where), "expected \"invitation\", \"proposal\", \"direct_offer\" or \"other\"");
}

/// Throws `json_error` when a candidacy of the canonical lifecycle cannot be
/// in `state` within its job: a candidacy joins a job by an invitation, a
/// proposal or a direct offer, and only the states that first event leads
/// to are possible (docs/domain.md); a closed candidacy belongs to a closed
/// job; a closed job has only hired and finished candidacies.
inline void check_membership(std::string_view state, first_contact origin, bool job_open, std::string_view where) {
    std::string const at_state = path(where, "state");
    std::string const at_origin = path(where, "origin");
    if (state == "prospect") throw json_error(at_state, "a candidacy joins its job with its first accepted event");
    bool const invitation_only = state == "invited" || state == "invite_declined" || state == "invite_withdrawn";
    switch (origin) {
        case first_contact::invitation:
            if (state == "submitted") throw json_error(at_origin, "an invitation never leads to submitted");
            break;
        case first_contact::proposal:
            if (invitation_only) throw json_error(at_origin, "a proposal never leads to " + std::string(state));
            break;
        case first_contact::direct_offer:
            if (invitation_only || state == "submitted")
                throw json_error(at_origin, "a direct offer never leads to " + std::string(state));
            break;
        case first_contact::other:
            throw json_error(at_origin,
                             "a candidacy of the lifecycle begins with an invitation, a proposal or a "
                             "direct offer");
    }
    if (job_open && state == "closed") throw json_error(at_state, "a closed candidacy in an open job");
    bool const settled = state == "contract_pending" || state == "contract_active" || state == "contract_paused" ||
                         state == "contract_ended" || state == "invite_declined" || state == "invite_withdrawn" ||
                         state == "declined" || state == "withdrawn" || state == "offer_declined" || state == "closed";
    if (!job_open && !settled)
        throw json_error(at_state, std::string(state) + " in a closed job: closing the job closes it");
}

}  // namespace json_codec

/// The snapshot of a job: its id, openings, whether it is open and since
/// when it is closed, its policy (which its candidacies share), and each
/// candidacy by freelancer id with how it began, its state and its data.
///
///     hireguard::job j{hireguard::job_id{3}, 2};
///     boost::json::object s = hireguard::snapshot(j);   // {"format":1,"job":3,"openings":2,...}
template <workflow W>
[[nodiscard]] boost::json::object snapshot(basic_job<W> const& j) {
    boost::json::object o;
    o["format"] = snapshot_format;
    o["job"] = j.id().value();
    o["openings"] = j.openings();
    o["open"] = j.is_open();
    o["closed_at"] = json_codec::from_snapshot_timestamp(j.closed_at(), "closed_at");
    o["policy"] = json_codec::from_policy(j.policy());
    boost::json::array candidacies;
    std::size_t i = 0;
    for (auto const& [freelancer, m] : j.candidacies()) {
        std::string const where = "candidacies[" + std::to_string(i++) + "]";
        boost::json::object c;
        c["origin"] = to_string(m.origin);
        c["state"] = m.candidacy.state_name();
        c["data"] = json_codec::from_data(m.candidacy.data(), json_codec::path(where, "data"));
        candidacies.push_back(std::move(c));
    }
    o["candidacies"] = std::move(candidacies);
    return o;
}

/// `snapshot(j)` of a job as compact JSON text.
///
///     std::string text = hireguard::snapshot_text(j);
template <workflow W>
[[nodiscard]] std::string snapshot_text(basic_job<W> const& j) {
    return boost::json::serialize(snapshot(j));
}

/// A job from its snapshot. Checks everything first, as `restore` does for
/// each candidacy, and the job's own rules: every candidacy of this job, one
/// per freelancer; at least one opening; no more hires than openings when the
/// policy caps them; an open job without a closing time or closed
/// candidacies; a closed job with only hired and finished ones, each closed
/// candidacy closed at the job's closing time. Throws `json_error` naming the
/// first field at fault, such as "candidacies[2].data.job".
///
///     hireguard::job j = hireguard::restore_job(hireguard::snapshot(original));
template <workflow W = lifecycle>
[[nodiscard]] basic_job<W> restore_job(boost::json::value const& document) {
    using namespace json_codec;
    auto const& o = as_object(document, "");
    static constexpr std::string_view known[] = {"format",    "job",    "openings",   "open",
                                                 "closed_at", "policy", "candidacies"};
    only_known(o, known, "");
    if (auto const& f = member(o, "format", "");
        !(f.is_int64() || f.is_uint64()) || to_i64(f, "format") != snapshot_format)
        throw json_error("format", "expected 1, the only snapshot format");
    job_id const id{to_u64(member(o, "job", ""), "job")};
    auto const openings = to_u64(member(o, "openings", ""), "openings");
    if (openings == 0) throw json_error("openings", "a job has at least one opening");
    if (openings > std::numeric_limits<std::uint32_t>::max())
        throw json_error("openings", "must be at most 4294967295");
    bool const open = to_bool(member(o, "open", ""), "open");
    (void)member(o, "closed_at", "");
    std::optional<timestamp> const closed_at = to_optional_timestamp(o, "closed_at", "");
    if (open && closed_at) throw json_error("closed_at", "an open job has no closing time");
    policy const p = to_policy(member(o, "policy", ""), "policy");
    auto const* list = member(o, "candidacies", "").if_array();
    if (list == nullptr) throw json_error("candidacies", "expected an array");

    typename basic_job<W>::members members;
    std::uint64_t hires = 0;
    for (std::size_t i = 0; i < list->size(); ++i) {
        std::string const where = "candidacies[" + std::to_string(i) + "]";
        auto const& c = as_object((*list)[i], where);
        static constexpr std::string_view fields[] = {"origin", "state", "data"};
        only_known(c, fields, where);
        first_contact const origin = to_first_contact(member(c, "origin", where), path(where, "origin"));
        auto const state = to_string_view(member(c, "state", where), path(where, "state"));
        if (!hireguard::detail::names_a_state(state, states_t<W>{}))
            throw json_error(path(where, "state"), "\"" + std::string(state) + "\" is not a state of the workflow");
        std::string const data_at = path(where, "data");
        candidacy_data const d = to_data(member(c, "data", where), data_at);
        if (d.job != id)
            throw json_error(path(data_at, "job"), "a candidacy of job " + std::to_string(d.job.value()) + " in job " +
                                                       std::to_string(id.value()));
        if (members.contains(d.freelancer))
            throw json_error(path(data_at, "freelancer"),
                             "a second candidacy of freelancer " + std::to_string(d.freelancer.value()));
        if constexpr (std::is_same_v<W, lifecycle>) {
            check_consistency(state, d, data_at);
            check_membership(state, origin, open, where);
            if (state == "closed" && closed_at && d.last_event_at != closed_at)
                throw json_error(
                    path(data_at, "last_event_at"),
                    "a candidacy closed with its job has the job's closing time, " + to_string(*closed_at));
        }
        auto m = basic_machine<W>::from_parts(state, d, p);
        hires += is_hired(*m) ? 1U : 0U;
        members.emplace(d.freelancer, typename basic_job<W>::member{std::move(*m), origin});
    }
    if (p.cap_hires_at_openings && hires > openings)
        throw json_error("candidacies", std::to_string(hires) + " hires for " + std::to_string(openings) +
                                            " openings, and the policy caps hires at openings");
    try {
        return basic_job<W>::from_parts(id, static_cast<std::uint32_t>(openings), p, open, closed_at,
                                        std::move(members));
    } catch (std::invalid_argument const& e) {
        throw json_error("candidacies", e.what());
    }
}

/// A job from a snapshot's JSON text; malformed JSON is a `json_error` with
/// an empty `field()`.
///
///     hireguard::job j = hireguard::restore_job(std::string_view{text});
template <workflow W = lifecycle>
[[nodiscard]] basic_job<W> restore_job(std::string_view text) {
    boost::json::error_code ec;
    boost::json::value const v = boost::json::parse(boost::json::string_view(text.data(), text.size()), ec);
    if (ec) throw json_error("", "malformed JSON: " + ec.message());
    return restore_job<W>(v);
}

/// `restore_job(std::string_view{text})`, so that a string literal is text.
///
///     hireguard::job j = hireguard::restore_job(R"({"format": 1, "job": 3, ...})");
template <workflow W = lifecycle>
[[nodiscard]] basic_job<W> restore_job(char const* text) {
    return restore_job<W>(std::string_view(text));
}

}  // namespace hireguard

#endif
