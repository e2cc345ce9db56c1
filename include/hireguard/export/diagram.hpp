// Diagrams of any workflow, generated from its Boost.MSM transition table:
// Graphviz DOT, Mermaid, and JSON. Nothing here is written by hand; the
// canonical lifecycle's pictures in docs/ are this header's output
// (docs/diagrams.md).
//
// Every exporter writes states in the order of `states_t<W>` and rows in table
// order, so the same table always gives the same text, byte for byte.
#ifndef HIREGUARD_EXPORT_DIAGRAM_HPP
#define HIREGUARD_EXPORT_DIAGRAM_HPP

#include <array>
#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <boost/describe/enum.hpp>

#include <hireguard/core/detail/enum_name.hpp>
#include <hireguard/core/detail/type_list.hpp>
#include <hireguard/core/rules.hpp>
#include <hireguard/core/table.hpp>
#include <hireguard/core/workflow.hpp>

namespace hireguard {

/// What a state is in a diagram. A state can be several of these;
/// `diagram_state::kind()` picks one in the order initial, hired, terminal, open.
///
///     static_assert(hireguard::state_kind::hired != hireguard::state_kind::terminal);
enum class state_kind : unsigned char { initial, open, hired, terminal };
BOOST_DESCRIBE_ENUM(state_kind, initial, open, hired, terminal)

/// "initial", "open", "hired" or "terminal", as the JSON export writes it.
///
///     static_assert(hireguard::to_string(hireguard::state_kind::hired) == "hired");
[[nodiscard]] constexpr std::string_view to_string(state_kind k) noexcept {
    return detail::enum_name(k);
}

namespace detail {

// How a guard is built from rules: a single named rule, or all_of / any_of /
// not_ of other guards. A guard type derived from a combinator counts as that
// combinator, found by overload resolution on a pointer to its base.
enum class guard_form : unsigned char { leaf, conjunction, disjunction, negation };

template <class... Rs>
type_list<Rs...> conjunction_operands(all_of<Rs...> const*);
void conjunction_operands(void const*);
template <class... Rs>
type_list<Rs...> disjunction_operands(any_of<Rs...> const*);
void disjunction_operands(void const*);
template <class R>
type_list<R> negation_operand(not_<R> const*);
void negation_operand(void const*);

template <class G>
using conjunction_of = decltype(conjunction_operands(static_cast<G const*>(nullptr)));
template <class G>
using disjunction_of = decltype(disjunction_operands(static_cast<G const*>(nullptr)));
template <class G>
using negation_of = decltype(negation_operand(static_cast<G const*>(nullptr)));

template <class G>
concept named_guard = requires {
    std::string_view{G::id.name};
};

template <class G>
constexpr guard_form form_of();

template <class List>
struct operands;
template <class... Rs>
struct operands<type_list<Rs...>> {
    // A combinator of one rule reads as that rule.
    static constexpr guard_form form(guard_form own) {
        if constexpr (sizeof...(Rs) == 1) {
            return (form_of<Rs>(), ...);
        } else {
            return own;
        }
    }
};

template <class G>
constexpr guard_form form_of() {
    if constexpr (!std::is_void_v<conjunction_of<G>>) {
        return operands<conjunction_of<G>>::form(guard_form::conjunction);
    } else if constexpr (!std::is_void_v<disjunction_of<G>>) {
        return operands<disjunction_of<G>>::form(guard_form::disjunction);
    } else if constexpr (!std::is_void_v<negation_of<G>>) {
        return guard_form::negation;
    } else {
        return guard_form::leaf;
    }
}

template <class G>
void write_guard(std::string& out);

// An operand, in parentheses when its form is `parenthesised`; under a
// negation (`parenthesised` is negation) when it is a conjunction or disjunction.
template <class G>
void write_operand(std::string& out, guard_form parenthesised) {
    guard_form const f = form_of<G>();
    bool const wrap = parenthesised == guard_form::negation
                          ? f == guard_form::conjunction || f == guard_form::disjunction
                          : f == parenthesised;
    if (wrap) out += '(';
    write_guard<G>(out);
    if (wrap) out += ')';
}

// Operands joined by `op`; those of form `parenthesised` in parentheses.
template <class... Rs>
void write_joined(std::string& out, type_list<Rs...> /*operands*/, std::string_view op, std::string_view empty,
                  guard_form parenthesised) {
    if constexpr (sizeof...(Rs) == 0) {
        out += empty;
    } else if constexpr (sizeof...(Rs) == 1) {
        (write_guard<Rs>(out), ...);
    } else {
        bool first = true;
        ((out += first ? std::string_view{} : op, first = false, write_operand<Rs>(out, parenthesised)), ...);
    }
}

template <class G>
void write_guard(std::string& out) {
    if constexpr (!std::is_void_v<conjunction_of<G>>) {
        write_joined(out, conjunction_of<G>{}, " && ", "true", guard_form::disjunction);
    } else if constexpr (!std::is_void_v<disjunction_of<G>>) {
        write_joined(out, disjunction_of<G>{}, " || ", "false", guard_form::conjunction);
    } else if constexpr (!std::is_void_v<negation_of<G>>) {
        out += '!';
        write_operand<typename front<negation_of<G>>::type>(out, guard_form::negation);
    } else if constexpr (named_guard<G>) {
        out += G::id.name;
    } else {
        out += "unnamed_rule";
    }
}

template <class G>
void collect_rules(std::vector<std::string_view>& out);
template <class... Rs>
void collect_each(std::vector<std::string_view>& out, type_list<Rs...> /*operands*/) {
    (collect_rules<Rs>(out), ...);
}
template <class G>
void collect_rules(std::vector<std::string_view>& out) {
    if constexpr (!std::is_void_v<conjunction_of<G>>) {
        collect_each(out, conjunction_of<G>{});
    } else if constexpr (!std::is_void_v<disjunction_of<G>>) {
        collect_each(out, disjunction_of<G>{});
    } else if constexpr (!std::is_void_v<negation_of<G>>) {
        collect_each(out, negation_of<G>{});
    } else if constexpr (named_guard<G>) {
        out.emplace_back(G::id.name);
    } else {
        out.emplace_back("unnamed_rule");
    }
}

}  // namespace detail

/// A row's guard as its rules read: a rule's `name`, `all_of` as `&&`,
/// `any_of` as `||`, `not_` as `!`; empty for `none`. A guard that has no
/// `name` and is no combinator reads "unnamed_rule".
///
///     assert(hireguard::guard_name<hireguard::rules::offer_terms_valid>() == "offer_terms_valid");
///     assert(hireguard::guard_name<hireguard::guards::accept_and_begin>() ==
///            "offer_not_expired && start_date_not_after_acceptance");
template <class Guard>
[[nodiscard]] std::string guard_name() {
    std::string out;
    if constexpr (!std::is_same_v<Guard, none>) detail::write_guard<Guard>(out);
    return out;
}

/// The names of the rules a guard consults, in the order it writes them;
/// empty for `none`.
///
///     auto r = hireguard::guard_rules<hireguard::guards::feedback_allowed>();
///     assert(r.size() == 2 && r[0] == "feedback_window_open");
template <class Guard>
[[nodiscard]] std::vector<std::string_view> guard_rules() {
    std::vector<std::string_view> out;
    if constexpr (!std::is_same_v<Guard, none>) detail::collect_rules<Guard>(out);
    return out;
}

/// A state of a workflow as the exporters see it.
///
///     auto d = hireguard::describe<my_workflow>();
///     assert(d.states[0].initial && d.states[0].kind() == hireguard::state_kind::initial);
struct diagram_state {
    std::string_view name;
    bool initial = false;
    bool hired = false;
    bool terminal = false;
    /// No row takes it to another state (every terminal state is absorbing).
    bool absorbing = true;

    /// One kind, in the order initial, hired, terminal, open.
    [[nodiscard]] constexpr state_kind kind() const noexcept {
        if (initial) return state_kind::initial;
        if (hired) return state_kind::hired;
        if (terminal) return state_kind::terminal;
        return state_kind::open;
    }
};

/// A row of a workflow as the exporters see it: indices into the states and
/// events of its `diagram`, the guard's label and rules.
///
///     auto const& r = hireguard::describe<my_workflow>().rows[0];
///     assert(r.guard.empty() == r.rules.empty());
struct diagram_row {
    std::size_t from = 0;
    std::size_t event = 0;
    std::size_t to = 0;
    /// `guard_name` of the row's guard; empty when unguarded.
    std::string guard;
    /// `guard_rules` of the row's guard.
    std::vector<std::string_view> rules;
};

/// A workflow's states (in the order of `states_t<W>`), events (of
/// `events_t<W>`) and rows (table order): what every exporter writes.
///
///     hireguard::diagram d = hireguard::describe<hireguard::lifecycle>();
///     assert(d.states.size() == 15 && d.rows.size() == 36);
struct diagram {
    std::vector<diagram_state> states;
    std::vector<std::string_view> events;
    std::vector<diagram_row> rows;
};

namespace detail {

// Each function fills its part from a constant table and one loop, rather
// than one inlined push_back per state or row: a smaller function to compile.
template <class W, class... S>
void describe_states(diagram& d, type_list<S...> /*states*/) {
    static constexpr std::array<diagram_state, sizeof...(S)> states = {
        diagram_state{S::name, std::is_same_v<S, typename W::initial_state>, contains_v<hired_states_t<W>, S>,
                      contains_v<typename W::terminal_states, S>}...};
    d.states.assign(states.begin(), states.end());
}
template <class... E>
void describe_events(diagram& d, type_list<E...> /*events*/) {
    static constexpr std::array<std::string_view, sizeof...(E)> events = {E::name...};
    d.events.assign(events.begin(), events.end());
}
struct row_source {
    std::size_t from;
    std::size_t event;
    std::size_t to;
    std::string (*guard)();
    std::vector<std::string_view> (*rules)();
};
template <class W, class... Rows>
void describe_rows(diagram& d, type_list<Rows...> /*rows*/) {
    using states = states_t<W>;
    using events = events_t<W>;
    static constexpr std::array<row_source, sizeof...(Rows)> rows = {
        row_source{index_of_v<states, typename Rows::Source>, index_of_v<events, typename Rows::Evt>,
                   index_of_v<states, typename Rows::Target>, &guard_name<typename Rows::Guard>,
                   &guard_rules<typename Rows::Guard>}...};
    d.rows.reserve(rows.size());
    for (row_source const& r : rows) d.rows.push_back(diagram_row{r.from, r.event, r.to, r.guard(), r.rules()});
}

inline void append_json_string(std::string& out, std::string_view s) {
    constexpr char hex[] = "0123456789abcdef";
    out += '"';
    for (char const c : s) {
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\b':
                out += "\\b";
                break;
            case '\f':
                out += "\\f";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    out += "\\u00";
                    out += hex[static_cast<unsigned char>(c) >> 4];
                    out += hex[static_cast<unsigned char>(c) & 0xf];
                } else {
                    out += c;
                }
        }
    }
    out += '"';
}

// A DOT quoted string: quotes and backslashes escaped, line breaks as DOT's \n.
inline void append_dot_string(std::string& out, std::string_view s) {
    out += '"';
    for (char const c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (c == '\n') {
            out += "\\n";
        } else if (c != '\r') {
            out += c;
        }
    }
    out += '"';
}

// Mermaid text runs to the end of the line; '#' and ';' are written as
// Mermaid's entity codes, line breaks and other control characters as spaces.
inline void append_mermaid_text(std::string& out, std::string_view s) {
    for (char const c : s) {
        if (c == '#') {
            out += "#35;";
        } else if (c == ';') {
            out += "#59;";
        } else if (static_cast<unsigned char>(c) < 0x20) {
            out += ' ';
        } else {
            out += c;
        }
    }
}

// A guard's label broken into lines of about `width` characters, after its
// `&&` and `||`, for the picture.
[[nodiscard]] inline std::string wrap_guard(std::string_view guard, std::size_t width) {
    std::string out;
    std::size_t line = 0;
    while (!guard.empty()) {
        std::size_t cut = guard.size();
        for (std::string_view op : {std::string_view{" && "}, std::string_view{" || "}}) {
            std::size_t const at = guard.find(op);
            if (at != std::string_view::npos && at + 3 < cut) cut = at + 3;
        }
        std::string_view const piece = guard.substr(0, cut);
        guard.remove_prefix(cut == guard.size() ? cut : cut + 1);
        if (line != 0 && line + 1 + piece.size() > width) {
            out += '\n';
            line = 0;
        } else if (line != 0) {
            out += ' ';
            ++line;
        }
        out += piece;
        line += piece.size();
    }
    return out;
}

[[nodiscard]] constexpr bool is_mermaid_id(std::string_view s) noexcept {
    constexpr std::string_view reserved[] = {"end", "state", "note", "class", "classDef", "direction", "as", "click"};
    if (s.empty()) return false;
    for (std::string_view r : reserved)
        if (s == r) return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        char const c = s[i];
        bool const letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        bool const digit = c >= '0' && c <= '9';
        if (!letter && !(digit && i > 0)) return false;
    }
    return true;
}

}  // namespace detail

/// Reads a workflow's table into a `diagram`: its states, events and rows,
/// with each state's kind and each row's guard.
///
///     hireguard::diagram d = hireguard::describe<hireguard::lifecycle>();
///     assert(d.states[d.rows[2].to].name == "offered");
template <workflow W>
[[nodiscard]] diagram describe() {
    diagram d;
    detail::describe_states<W>(d, states_t<W>{});
    detail::describe_events(d, events_t<W>{});
    detail::describe_rows<W>(d, rows_t<W>{});
    for (diagram_row const& r : d.rows)
        if (r.from != r.to) d.states[r.from].absorbing = false;
    return d;
}

/// The workflow as a Graphviz digraph, top to bottom: one node per state (the
/// initial one bold, entered from a point; hired states filled green; terminal
/// states grey with a double border), and edges labelled with each row's event
/// and, for a guarded row, its guard below it: `send_offer\n[offer_terms_valid]`.
/// Rows with the same source and target share one edge, their labels one
/// under the other; a long guard is broken after `&&` or `||`.
///
///     std::string dot = hireguard::to_dot(hireguard::describe<my_workflow>(), "mine");
///     assert(dot.starts_with("digraph \"mine\" {\n"));   // for dot -Tsvg
[[nodiscard]] inline std::string to_dot(diagram const& d, std::string_view graph_name = "workflow") {
    std::string start = "__start";
    for (bool clash = true; clash;) {
        clash = false;
        for (diagram_state const& s : d.states) clash = clash || s.name == start;
        if (clash) start += '_';
    }
    std::string out = "digraph ";
    detail::append_dot_string(out, graph_name);
    out +=
        " {\n"
        "    rankdir=TB;\n"
        "    node [shape=box, style=rounded, fontname=\"Helvetica\", fontsize=11];\n"
        "    edge [fontname=\"Helvetica\", fontsize=9];\n";
    out += "    ";
    detail::append_dot_string(out, start);
    out += " [shape=point, width=0.12, label=\"\"];\n";
    for (diagram_state const& s : d.states) {
        out += "    ";
        detail::append_dot_string(out, s.name);
        std::vector<std::string_view> attrs;
        if (s.hired) {
            attrs.insert(attrs.end(), {"style=\"rounded,filled\"", "fillcolor=\"#c8e6c9\"", "color=\"#2e7d32\""});
        } else if (s.terminal) {
            attrs.insert(attrs.end(), {"style=\"rounded,filled\"", "fillcolor=\"#eeeeee\"", "color=\"#757575\"",
                                       "fontcolor=\"#616161\""});
        }
        if (s.terminal) attrs.emplace_back("peripheries=2");
        if (s.initial) attrs.emplace_back("penwidth=2");
        for (std::size_t i = 0; i < attrs.size(); ++i) {
            out += i == 0 ? " [" : ", ";
            out += attrs[i];
        }
        out += attrs.empty() ? ";\n" : "];\n";
    }
    for (diagram_state const& s : d.states) {
        if (!s.initial) continue;
        out += "    ";
        detail::append_dot_string(out, start);
        out += " -> ";
        detail::append_dot_string(out, s.name);
        out += ";\n";
    }
    // Rows with the same source and target share one edge, a line (or a few)
    // per row: Graphviz piles the labels of parallel edges on top of each other.
    for (std::size_t i = 0; i < d.rows.size(); ++i) {
        diagram_row const& r = d.rows[i];
        bool drawn = false;
        for (std::size_t k = 0; k < i && !drawn; ++k) drawn = d.rows[k].from == r.from && d.rows[k].to == r.to;
        if (drawn) continue;
        std::string label;
        for (std::size_t k = i; k < d.rows.size(); ++k) {
            diagram_row const& same = d.rows[k];
            if (same.from != r.from || same.to != r.to) continue;
            if (!label.empty()) label += '\n';
            label += d.events[same.event];
            if (!same.guard.empty()) label.append("\n[").append(detail::wrap_guard(same.guard, 32)).append("]");
        }
        out += "    ";
        detail::append_dot_string(out, d.states[r.from].name);
        out += " -> ";
        detail::append_dot_string(out, d.states[r.to].name);
        out += " [label=";
        detail::append_dot_string(out, label);
        out += "];\n";
    }
    out += "}\n";
    return out;
}

/// The workflow as a Mermaid `stateDiagram-v2`: `[*] -->` the initial state,
/// one transition per row labelled `event [guard]`, hired states in class
/// `hired` (green), terminal states in class `terminal` (grey) and leading to
/// `[*]`. A state whose name is not a plain identifier is declared as
/// `state "name" as s<index>`.
///
///     std::string mmd = hireguard::to_mermaid(hireguard::describe<my_workflow>());
///     assert(mmd.starts_with("stateDiagram-v2\n"));
[[nodiscard]] inline std::string to_mermaid(diagram const& d) {
    std::vector<std::string> ids;
    std::string out =
        "stateDiagram-v2\n"
        "    classDef hired fill:#c8e6c9,stroke:#2e7d32,color:#1b5e20\n"
        "    classDef terminal fill:#eeeeee,stroke:#757575,stroke-width:3px,color:#616161\n";
    for (std::size_t i = 0; i < d.states.size(); ++i) {
        std::string_view const name = d.states[i].name;
        if (detail::is_mermaid_id(name) &&
            !(name.size() > 1 && name[0] == 's' && name.find_first_not_of("0123456789", 1) == std::string_view::npos)) {
            ids.emplace_back(name);
        } else {
            ids.push_back("s" + std::to_string(i));
            std::string shown;
            for (char const c : name) shown += c == '"' ? '\'' : c;
            out += "    state \"";
            detail::append_mermaid_text(out, shown);
            out += "\" as " + ids.back() + "\n";
        }
    }
    for (std::size_t i = 0; i < d.states.size(); ++i)
        if (d.states[i].initial) out += "    [*] --> " + ids[i] + "\n";
    for (diagram_row const& r : d.rows) {
        out += "    " + ids[r.from] + " --> " + ids[r.to] + " : ";
        detail::append_mermaid_text(out, d.events[r.event]);
        if (!r.guard.empty()) {
            out += " [";
            detail::append_mermaid_text(out, r.guard);
            out += ']';
        }
        out += '\n';
    }
    for (std::size_t i = 0; i < d.states.size(); ++i)
        if (d.states[i].terminal) out += "    " + ids[i] + " --> [*]\n";
    auto apply_class = [&](std::string_view cls, bool diagram_state::*member) {
        std::string members;
        for (std::size_t i = 0; i < d.states.size(); ++i)
            if (d.states[i].*member) members += (members.empty() ? "" : ",") + ids[i];
        if (!members.empty()) out.append("    class ").append(members).append(" ").append(cls).append("\n");
    };
    apply_class("hired", &diagram_state::hired);
    apply_class("terminal", &diagram_state::terminal);
    return out;
}

/// The workflow as JSON text, one state, event or row a line:
///
///     {
///       "initial": "prospect",
///       "states": [
///         {"name": "prospect", "kind": "initial", "hired": false, "terminal": false, "absorbing": false},
///         ...],
///       "events": ["invite", ...],
///       "rows": [
///         {"from": "prospect", "event": "send_offer", "to": "offered", "guard": "offer_terms_valid",
///          "rules": ["offer_terms_valid"]},
///         ...]
///     }
///
/// `kind` is initial, hired, terminal or open (`state_kind`); `guard` is null
/// for an unguarded row. Strings are escaped as JSON requires.
///
///     std::string json = hireguard::to_json(hireguard::describe<my_workflow>());
[[nodiscard]] inline std::string to_json(diagram const& d) {
    using detail::append_json_string;
    std::string out = "{\n  \"initial\": ";
    for (diagram_state const& s : d.states)
        if (s.initial) append_json_string(out, s.name);
    out += ",\n  \"states\": [";
    for (std::size_t i = 0; i < d.states.size(); ++i) {
        diagram_state const& s = d.states[i];
        out += i == 0 ? "\n    {\"name\": " : ",\n    {\"name\": ";
        append_json_string(out, s.name);
        out += ", \"kind\": ";
        append_json_string(out, to_string(s.kind()));
        out += s.hired ? ", \"hired\": true" : ", \"hired\": false";
        out += s.terminal ? ", \"terminal\": true" : ", \"terminal\": false";
        out += s.absorbing ? ", \"absorbing\": true}" : ", \"absorbing\": false}";
    }
    out += "\n  ],\n  \"events\": [";
    for (std::size_t i = 0; i < d.events.size(); ++i) {
        out += i == 0 ? "\n    " : ",\n    ";
        append_json_string(out, d.events[i]);
    }
    out += "\n  ],\n  \"rows\": [";
    for (std::size_t i = 0; i < d.rows.size(); ++i) {
        diagram_row const& r = d.rows[i];
        out += i == 0 ? "\n    {\"from\": " : ",\n    {\"from\": ";
        append_json_string(out, d.states[r.from].name);
        out += ", \"event\": ";
        append_json_string(out, d.events[r.event]);
        out += ", \"to\": ";
        append_json_string(out, d.states[r.to].name);
        out += ", \"guard\": ";
        if (r.guard.empty()) {
            out += "null";
        } else {
            append_json_string(out, r.guard);
        }
        out += ", \"rules\": [";
        for (std::size_t k = 0; k < r.rules.size(); ++k) {
            if (k != 0) out += ", ";
            append_json_string(out, r.rules[k]);
        }
        out += "]}";
    }
    out += "\n  ]\n}\n";
    return out;
}

/// `to_dot` of the workflow `W`'s table.
///
///     std::string dot = hireguard::to_dot<hireguard::lifecycle>("lifecycle");
template <workflow W>
[[nodiscard]] std::string to_dot(std::string_view graph_name = "workflow") {
    return to_dot(describe<W>(), graph_name);
}

/// `to_mermaid` of the workflow `W`'s table.
///
///     std::string mmd = hireguard::to_mermaid<hireguard::lifecycle>();
template <workflow W>
[[nodiscard]] std::string to_mermaid() {
    return to_mermaid(describe<W>());
}

/// `to_json` of the workflow `W`'s table.
///
///     std::string json = hireguard::to_json<hireguard::lifecycle>();
template <workflow W>
[[nodiscard]] std::string to_json() {
    return to_json(describe<W>());
}

}  // namespace hireguard

#endif
