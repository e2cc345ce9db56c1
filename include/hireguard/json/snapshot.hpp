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

#include <algorithm>
#include <array>
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

#include <hireguard/core/table.hpp>
#include <hireguard/core/workflow.hpp>
#include <hireguard/hiring/consistency.hpp>
#include <hireguard/hiring/data.hpp>
#include <hireguard/hiring/job.hpp>
#include <hireguard/hiring/lifecycle.hpp>
#include <hireguard/hiring/values.hpp>
#include <hireguard/json/codec.hpp>
#include <hireguard/json/values.hpp>

namespace hireguard {

/// The version of the snapshot format that `snapshot` writes and `restore`
/// reads, in the document's `"format"` field.
///
///     assert(hireguard::snapshot(m).at("format") == hireguard::snapshot_format);
inline constexpr std::int64_t snapshot_format = 1;

namespace json_codec {

/// The policy: durations in whole seconds, the minimum milestone in cents,
/// every field required and each within the bounds of `policy_problem`
/// (positive, at most 100 years or $1,000,000).
///
///     {"offer_lifetime_seconds": 2592000, "feedback_window_seconds": 1209600,
///      "minimum_milestone": 500, "cap_hires_at_openings": true}
///
/// A host's policy derived from `policy` and described with
/// BOOST_DESCRIBE_STRUCT(my_policy, (hireguard::policy), (...)) adds its own
/// fields to these.
template <>
struct value_codec<policy> : object_codec<policy, value_codec<policy>> {
    static constexpr std::string_view known[] = {"offer_lifetime_seconds", "feedback_window_seconds",
                                                 "minimum_milestone", "cap_hires_at_openings"};
    static void write_fields(policy const& p, boost::json::object& o, std::string_view /*where*/) {
        o["offer_lifetime_seconds"] = p.offer_lifetime.count();
        o["feedback_window_seconds"] = p.feedback_window.count();
        o["minimum_milestone"] = p.minimum_milestone.cents();
        o["cap_hires_at_openings"] = p.cap_hires_at_openings;
    }
    static void read_fields(boost::json::object const& o, std::string_view where, policy& p) {
        auto duration = [&](std::string_view key) {
            std::string const at = path(where, key);
            auto const s = std::chrono::seconds{to_i64(member(o, key, where), at)};
            if (s <= std::chrono::seconds{0}) throw json_error(at, "must be positive");
            if (s > longest_policy_duration) throw json_error(at, "must be at most 100 years (3155760000 seconds)");
            return s;
        };
        p.offer_lifetime = duration("offer_lifetime_seconds");
        p.feedback_window = duration("feedback_window_seconds");
        std::string const minimum_at = path(where, "minimum_milestone");
        p.minimum_milestone = cents(to_i64(member(o, "minimum_milestone", where), minimum_at));
        if (p.minimum_milestone <= money{}) throw json_error(minimum_at, "must be positive");
        if (p.minimum_milestone > largest_minimum_milestone)
            throw json_error(minimum_at, "must be at most 100000000 cents ($1,000,000)");
        p.cap_hires_at_openings =
            to_bool(member(o, "cap_hires_at_openings", where), path(where, "cap_hires_at_openings"));
    }
    static bool knows(std::string_view key) noexcept {
        for (auto k : known)
            if (k == key) return true;
        return false;
    }
};

/// Throws `json_error` naming the field under `where` when the workflow's
/// `data_problem`, found by argument-dependent lookup (for hiring workflows,
/// <hireguard/hiring/consistency.hpp>), finds data `d` inconsistent with
/// state `state`. Does nothing for a workflow that declares none.
///
///     hireguard::json_codec::check_consistency<hireguard::lifecycle>("interviewing", d, "data");   // throws if
///     d.hired_at is set
template <workflow W>
void check_consistency(std::string_view state, data_t<W> const& d, std::string_view where) {
    if constexpr (requires { data_problem(static_cast<W const*>(nullptr), state, d); }) {
        if (auto problem = data_problem(static_cast<W const*>(nullptr), state, d))
            throw json_error(path(where, problem->field), std::move(problem->reason));
    }
}

}  // namespace json_codec

namespace detail {
template <class... S>
[[nodiscard]] constexpr bool names_a_state(std::string_view name, type_list<S...> /*states*/) noexcept {
    return ((S::name == name) || ...);
}

// The policy of a snapshot, checked whole by `policy_problem` when the
// workflow's policy has one (a host's policy may add checks of its own).
template <workflow W>
[[nodiscard]] policy_t<W> snapshot_policy(boost::json::value const& v, std::string_view where = "policy") {
    auto p = json_codec::decode<policy_t<W>>(v, where);
    if constexpr (requires { policy_problem(p); }) {
        if (auto problem = policy_problem(p)) throw json_error(std::string(where), *problem);
    }
    return p;
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
    o["policy"] = json_codec::encode(m.policy(), "policy");
    o["data"] = json_codec::encode(m.data(), "data");
    return o;
}

/// `snapshot(m)` as compact JSON text.
///
///     std::string text = hireguard::snapshot_text(m);
template <workflow W>
[[nodiscard]] std::string snapshot_text(basic_machine<W> const& m) {
    return boost::json::serialize(snapshot(m));
}

namespace detail {
// The checks every snapshot document starts with: an object of known
// fields, in the one format this version reads.
template <std::size_t N>
[[nodiscard]] boost::json::object const& snapshot_object(boost::json::value const& document,
                                                         std::string_view const (&known)[N]) {
    using namespace json_codec;
    auto const& o = as_object(document, "");
    only_known(o, known, "");
    if (auto const& f = member(o, "format", "");
        !(f.is_int64() || f.is_uint64()) || to_i64(f, "format") != snapshot_format)
        throw json_error("format", "expected 1, the only snapshot format");
    return o;
}
// A snapshot's JSON text parsed; malformed JSON is a json_error without a field.
[[nodiscard]] inline boost::json::value parse_snapshot(std::string_view text) {
    boost::json::error_code ec;
    boost::json::value v = boost::json::parse(boost::json::string_view(text.data(), text.size()), ec);
    if (ec) throw json_error("", "malformed JSON: " + ec.message());
    return v;
}
}  // namespace detail

/// A machine from its snapshot. Checks everything first (docs/persistence.md)
/// and throws `json_error` naming the first field at fault; builds a new
/// machine only from a document that passes.
///
///     hireguard::machine m = hireguard::restore(hireguard::snapshot(original));
///     assert(m == original);
template <workflow W = lifecycle>
[[nodiscard]] basic_machine<W> restore(boost::json::value const& document) {
    using namespace json_codec;
    static constexpr std::string_view known[] = {"format", "state", "policy", "data"};
    auto const& o = hireguard::detail::snapshot_object(document, known);
    auto const state = to_string_view(member(o, "state", ""), "state");
    if (!hireguard::detail::names_a_state(state, states_t<W>{}))
        throw json_error("state", "\"" + std::string(state) + "\" is not a state of the workflow");
    auto const p = hireguard::detail::snapshot_policy<W>(member(o, "policy", ""));
    auto const d = decode<data_t<W>>(member(o, "data", ""), "data");
    check_consistency<W>(state, d, "data");
    return *basic_machine<W>::from_parts(state, d, p);
}

/// A machine from a snapshot's JSON text; malformed JSON is a `json_error`
/// with an empty `field()`.
///
///     hireguard::machine m = hireguard::restore(std::string_view{text});
template <workflow W = lifecycle>
[[nodiscard]] basic_machine<W> restore(std::string_view text) {
    return restore<W>(hireguard::detail::parse_snapshot(text));
}

/// `restore(std::string_view{text})`, so that a string literal is text.
///
///     hireguard::machine m = hireguard::restore(R"({"format": 1, ...})");
template <workflow W = lifecycle>
[[nodiscard]] basic_machine<W> restore(char const* text) {
    return restore<W>(std::string_view(text));
}

namespace detail {

// The rows of a workflow by name: source, event, target.
template <class... Rows>
constexpr auto row_names(type_list<Rows...> /*rows*/) {
    return std::array<std::array<std::string_view, 3>, sizeof...(Rows)>{
        {{Rows::Source::name, Rows::Evt::name, Rows::Target::name}...}};
}

// Whether a candidacy of W can be in `state` when it joined its job by a
// first event that makes first contact `origin`: `state` is reachable from
// the initial state by a path whose first event does (docs/domain.md). Read
// from the table, so that a host's workflow gets the same check.
template <workflow W>
[[nodiscard]] bool reachable_after(first_contact origin, std::string_view state) {
    constexpr auto rows = row_names(rows_t<W>{});
    constexpr auto states = state_names_v<W>;
    constexpr std::string_view initial = W::initial_state::name;
    auto index = [&](std::string_view name) {
        return static_cast<std::size_t>(std::find(states.begin(), states.end(), name) - states.begin());
    };
    std::array<bool, states.size()> seen{};
    std::array<std::size_t, states.size()> queue{};
    std::size_t head = 0;
    std::size_t tail = 0;
    for (auto const& r : rows) {
        if (r[0] != initial || r[1] == event::close_job::name || first_contact_of(r[1]) != origin) continue;
        if (std::size_t const t = index(r[2]); !seen[t]) {
            seen[t] = true;
            queue[tail++] = t;
        }
    }
    while (head < tail) {
        std::string_view const from = states[queue[head++]];
        for (auto const& r : rows) {
            if (r[0] != from) continue;
            if (std::size_t const t = index(r[2]); !seen[t]) {
                seen[t] = true;
                queue[tail++] = t;
            }
        }
    }
    std::size_t const i = index(state);
    return i < states.size() && seen[i];
}

}  // namespace detail

namespace json_codec {

/// Throws `json_error` when a candidacy of workflow `W` cannot be in `state`
/// within its job: a candidacy joins a job with its first accepted event,
/// and only the states that event leads to are possible (for the canonical
/// lifecycle: an invitation never leads to `submitted`, a proposal never to
/// `invited`); a closed candidacy belongs to a closed job; a closed job has
/// only hired and finished candidacies. Read from W's table and its hired
/// and terminal states.
///
///     hireguard::json_codec::check_membership<hireguard::lifecycle>(
///         "submitted", hireguard::first_contact::invitation, true, "candidacies[0]");   // throws
template <workflow W>
void check_membership(std::string_view state, first_contact origin, bool job_open, std::string_view where) {
    std::string const at_state = path(where, "state");
    std::string const at_origin = path(where, "origin");
    if (state == W::initial_state::name)
        throw json_error(at_state, "a candidacy joins its job with its first accepted event");
    if (!hireguard::detail::reachable_after<W>(origin, state)) {
        if (origin == first_contact::other)
            throw json_error(at_origin,
                             "no first event of the workflow but an invitation, a proposal or a direct "
                             "offer leads to " +
                                 std::string(state));
        throw json_error(at_origin, "a first contact by " + std::string(to_string(origin)) + " never leads to " +
                                        std::string(state));
    }
    if (job_open && state == state::closed::name) throw json_error(at_state, "a closed candidacy in an open job");
    bool const settled = hireguard::detail::names_a_state(state, hired_states_t<W>{}) ||
                         hireguard::detail::names_a_state(state, typename W::terminal_states{});
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
    o["closed_at"] = json_codec::encode(j.closed_at(), "closed_at");
    o["policy"] = json_codec::encode(j.policy(), "policy");
    boost::json::array candidacies;
    std::size_t i = 0;
    for (auto const& [freelancer, m] : j.candidacies()) {
        std::string const where = "candidacies[" + std::to_string(i++) + "]";
        boost::json::object c;
        c["origin"] = json_codec::encode(m.origin, json_codec::path(where, "origin"));
        c["state"] = m.machine.state_name();
        c["data"] = json_codec::encode(m.machine.data(), json_codec::path(where, "data"));
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
    static constexpr std::string_view known[] = {"format",    "job",    "openings",   "open",
                                                 "closed_at", "policy", "candidacies"};
    auto const& o = hireguard::detail::snapshot_object(document, known);
    job_id const id{to_u64(member(o, "job", ""), "job")};
    auto const openings = to_u64(member(o, "openings", ""), "openings");
    if (openings == 0) throw json_error("openings", "a job has at least one opening");
    if (openings > std::numeric_limits<std::uint32_t>::max())
        throw json_error("openings", "must be at most 4294967295");
    bool const open = to_bool(member(o, "open", ""), "open");
    (void)member(o, "closed_at", "");
    std::optional<timestamp> const closed_at = to_optional_timestamp(o, "closed_at", "");
    if (open && closed_at) throw json_error("closed_at", "an open job has no closing time");
    auto const p = hireguard::detail::snapshot_policy<W>(member(o, "policy", ""));
    auto const* list = member(o, "candidacies", "").if_array();
    if (list == nullptr) throw json_error("candidacies", "expected an array");

    typename basic_job<W>::members members;
    std::uint64_t hires = 0;
    for (std::size_t i = 0; i < list->size(); ++i) {
        std::string const where = "candidacies[" + std::to_string(i) + "]";
        auto const& c = as_object((*list)[i], where);
        static constexpr std::string_view fields[] = {"origin", "state", "data"};
        only_known(c, fields, where);
        auto const origin = decode<first_contact>(member(c, "origin", where), path(where, "origin"));
        auto const state = to_string_view(member(c, "state", where), path(where, "state"));
        if (!hireguard::detail::names_a_state(state, states_t<W>{}))
            throw json_error(path(where, "state"), "\"" + std::string(state) + "\" is not a state of the workflow");
        std::string const data_at = path(where, "data");
        auto const d = decode<data_t<W>>(member(c, "data", where), data_at);
        if (d.job != id)
            throw json_error(path(data_at, "job"), "a candidacy of job " + std::to_string(d.job.value()) + " in job " +
                                                       std::to_string(id.value()));
        if (members.contains(d.freelancer))
            throw json_error(path(data_at, "freelancer"),
                             "a second candidacy of freelancer " + std::to_string(d.freelancer.value()));
        check_consistency<W>(state, d, data_at);
        check_membership<W>(state, origin, open, where);
        if (state == state::closed::name && closed_at && d.last_event_at != closed_at)
            throw json_error(path(data_at, "last_event_at"),
                             "a candidacy closed with its job has the job's closing time, " + to_string(*closed_at));
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
    return restore_job<W>(hireguard::detail::parse_snapshot(text));
}

/// `restore_job(std::string_view{text})`, so that a string literal is text.
///
///     hireguard::job j = hireguard::restore_job(R"({"format": 1, "job": 3, ...})");
template <workflow W = lifecycle>
[[nodiscard]] basic_job<W> restore_job(char const* text) {
    return restore_job<W>(std::string_view(text));
}

// Linked with hireguard::codecs, compiled once in that library
// (src/json/codecs.cpp) for the canonical lifecycle.
#if defined(HIREGUARD_COMPILED_CODECS)
extern template boost::json::object snapshot<lifecycle>(basic_machine<lifecycle> const&);
extern template std::string snapshot_text<lifecycle>(basic_machine<lifecycle> const&);
extern template basic_machine<lifecycle> restore<lifecycle>(boost::json::value const&);
extern template basic_machine<lifecycle> restore<lifecycle>(std::string_view);
extern template boost::json::object snapshot<lifecycle>(basic_job<lifecycle> const&);
extern template std::string snapshot_text<lifecycle>(basic_job<lifecycle> const&);
extern template basic_job<lifecycle> restore_job<lifecycle>(boost::json::value const&);
extern template basic_job<lifecycle> restore_job<lifecycle>(std::string_view);
#endif

}  // namespace hireguard

#endif
