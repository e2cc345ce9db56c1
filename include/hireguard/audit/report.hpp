// The audit's reports: one per rejected event or malformed line, in line
// order, then a summary; as text (the default) or JSON Lines. Text from the
// log is escaped, so a report is always one line (docs/audit.md). Link
// `hireguard::json`.
#ifndef HIREGUARD_AUDIT_REPORT_HPP
#define HIREGUARD_AUDIT_REPORT_HPP

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json.hpp>

#include <hireguard/audit/decode.hpp>
#include <hireguard/audit/replay.hpp>
#include <hireguard/core/rejection.hpp>

namespace hireguard::audit {

/// The exit code of a clean log: every line a well-formed event that the
/// workflow accepts (blank lines allowed).
///
///     return summary.clean() ? hireguard::audit::exit_clean : hireguard::audit::exit_findings;
inline constexpr int exit_clean = 0;
/// The exit code of a log with a rejected event or a malformed line.
///
///     return hireguard::audit::exit_findings;
inline constexpr int exit_findings = 1;
/// The exit code of a log that cannot be audited (`unusable`), or of bad arguments.
///
///     catch (hireguard::audit::unusable const&) { return hireguard::audit::exit_unusable; }
inline constexpr int exit_unusable = 2;

/// Where reports go: a `std::FILE*` or a `std::ostream`, buffered and written
/// in blocks of 1 MiB. A write that fails is remembered, and `finish()` says
/// why.
///
///     hireguard::audit::report_stream out(stdout);
///     out << "line " << std::uint64_t{5} << "\n";
///     if (std::string failure = out.finish(); !failure.empty()) std::cerr << failure << '\n';
class report_stream {
public:
    /// Writes to `f` (with `fwrite`), called `name` in messages; a failure
    /// is `strerror(errno)`.
    explicit report_stream(std::FILE* f, std::string_view name = "stdout")
        : file_(f), name_(name), buffer_(std::make_unique_for_overwrite<char[]>(capacity)) {}
    /// Writes to `os`, called `name` in messages; a failure is "write error".
    explicit report_stream(std::ostream& os, std::string_view name = "the output stream")
        : stream_(&os), name_(name), buffer_(std::make_unique_for_overwrite<char[]>(capacity)) {}
    report_stream(report_stream const&) = delete;
    report_stream& operator=(report_stream const&) = delete;
    ~report_stream() = default;
    /// Appends `s`.
    report_stream& operator<<(std::string_view s) {
        if (s.size() > capacity - size_) [[unlikely]] {
            append_long(s);
            return *this;
        }
        std::memcpy(buffer_.get() + size_, s.data(), s.size());
        size_ += s.size();
        // Rare, and marked so: inlining the flush into every caller used up
        // g++'s inlining budget for the unit before the decoder's parser got
        // its share (1.3% more instructions for the whole audit).
        if (size_ >= block) [[unlikely]]
            flush();
        return *this;
    }
    /// Appends `n` in decimal.
    report_stream& operator<<(std::uint64_t n) {
        char digits[24];
        auto const r = std::to_chars(digits, digits + sizeof digits, n);
        return *this << std::string_view(digits, static_cast<std::size_t>(r.ptr - digits));
    }
    /// Writes what is buffered.
    void flush() {
        write(std::string_view(buffer_.get(), size_));
        size_ = 0;
    }
    /// What it writes to, as messages call it: "stdout".
    [[nodiscard]] std::string_view name() const noexcept { return name_; }
    /// Flushes; the reason the report could not be written, or "".
    [[nodiscard]] std::string finish() {
        flush();
        if (file_ != nullptr && failure_.empty() && std::ferror(file_) != 0) failure_ = "write error";
        return failure_;
    }

private:
    static constexpr std::size_t block = std::size_t{1} << 20;
    static constexpr std::size_t capacity = block * 2;

    // Writes `bytes` and flushes, unless a write failed before.
    void write(std::string_view bytes) {
        if (file_ != nullptr) {
            if (!bytes.empty() && failure_.empty() && std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size())
                failure_ = std::strerror(errno);
            if (failure_.empty() && std::fflush(file_) != 0) failure_ = std::strerror(errno);
            return;
        }
        if (!bytes.empty() && failure_.empty())
            stream_->write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        if (failure_.empty()) stream_->flush();
        if (failure_.empty() && !*stream_) failure_ = "write error";
    }
    // What does not fit in the buffer: what is buffered first, then `s`.
    void append_long(std::string_view s) {
        flush();
        if (s.size() >= block) {
            write(s);
        } else {
            std::memcpy(buffer_.get(), s.data(), s.size());
            size_ = s.size();
        }
    }

    std::FILE* file_ = nullptr;
    std::ostream* stream_ = nullptr;
    std::string name_;
    std::unique_ptr<char[]> buffer_;
    std::size_t size_ = 0;
    std::string failure_;
};

}  // namespace hireguard::audit

namespace hireguard::detail {

// Printable ASCII but the backslash: written as it is.
[[nodiscard]] constexpr bool is_plain_char(unsigned char c) noexcept {
    return c >= 0x20 && c < 0x7f && c != '\\';
}
[[nodiscard]] inline bool is_plain_field(std::string_view field) noexcept {
    return std::all_of(field.begin(), field.end(),
                       [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '.'; });
}

}  // namespace hireguard::detail

namespace hireguard::audit {

/// Text from the log as the text output prints it: control characters (a
/// newline, an escape sequence, NUL), DEL, the C1 controls, backslashes and
/// bytes that are not UTF-8 are written as escapes (`\n`, `\u001b`, `\\`,
/// `\xff`), so that no line of the log can print a line of its own or drive
/// the terminal.
///
///     assert(hireguard::audit::escaped("a\nb") == "a\\nb");
[[nodiscard]] inline std::string escaped(std::string_view s) {
    auto plain = [](unsigned char c) { return detail::is_plain_char(c); };
    if (std::all_of(s.begin(), s.end(), [&](char c) { return plain(static_cast<unsigned char>(c)); }))
        return std::string(s);
    std::string out;
    auto hex = [&](char const* prefix, unsigned v, int digits) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "%s%0*x", prefix, digits, v);
        out += buf;
    };
    for (std::size_t i = 0; i < s.size();) {
        auto const c = static_cast<unsigned char>(s[i]);
        if (plain(c)) {
            out += static_cast<char>(c);
            ++i;
            continue;
        }
        switch (c) {
            case '\\':
                out += "\\\\";
                ++i;
                continue;
            case '\n':
                out += "\\n";
                ++i;
                continue;
            case '\r':
                out += "\\r";
                ++i;
                continue;
            case '\t':
                out += "\\t";
                ++i;
                continue;
            default:
                break;
        }
        if (c < 0x80) {  // other C0 controls and DEL
            hex("\\u", c, 4);
            ++i;
            continue;
        }
        // A well-formed UTF-8 sequence is kept, unless it is a C1 control.
        std::size_t const n = c >= 0xf0 && c <= 0xf4 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 && c <= 0xdf ? 2 : 0;
        bool ok = n != 0 && c < 0xf5 && i + n <= s.size();
        for (std::size_t j = 1; ok && j < n; ++j) ok = (static_cast<unsigned char>(s[i + j]) & 0xc0) == 0x80;
        if (ok && n == 3) {
            auto const c1 = static_cast<unsigned char>(s[i + 1]);
            ok = !(c == 0xe0 && c1 < 0xa0) && !(c == 0xed && c1 >= 0xa0);  // overlong, surrogates
        }
        if (ok && n == 4) {
            auto const c1 = static_cast<unsigned char>(s[i + 1]);
            ok = !(c == 0xf0 && c1 < 0x90) && !(c == 0xf4 && c1 >= 0x90);
        }
        if (!ok) {
            hex("\\x", c, 2);
            ++i;
            continue;
        }
        if (n == 2 && c == 0xc2 && static_cast<unsigned char>(s[i + 1]) < 0xa0) {  // U+0080 to U+009F
            hex("\\u", static_cast<unsigned char>(s[i + 1]), 4);
            i += 2;
            continue;
        }
        out.append(s.substr(i, n));
        i += n;
    }
    return out;
}

/// Text from the log as the text output quotes it: between double quotes,
/// escaped as `escaped` does, a double quote after a backslash.
///
///     assert(hireguard::audit::in_quotes("msg-\"7\"") == "\"msg-\\\"7\\\"\"");
[[nodiscard]] inline std::string in_quotes(std::string_view s) {
    std::string out = "\"";
    for (char const c : escaped(s)) {
        if (c == '"') out += '\\';
        out += c;
    }
    return out + "\"";
}

}  // namespace hireguard::audit

namespace hireguard::detail {

// Writes `s` as `escaped` does, without building a string when no byte
// needs an escape (the common case: the engine's sentences are ASCII).
// Whether every byte of `s` is_plain_char, eight at a time.
[[nodiscard]] inline bool is_plain_text(std::string_view s) noexcept {
    constexpr std::uint64_t ones = 0x0101010101010101ULL;
    constexpr std::uint64_t highs = 0x8080808080808080ULL;
    std::size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
        std::uint64_t w = 0;
        std::memcpy(&w, s.data() + i, 8);
        std::uint64_t const backslash = w ^ (ones * '\\');
        // A byte below 0x20, at or above 0x7f (DEL, and all but ASCII), or a backslash.
        std::uint64_t const below = (w - ones * 0x20) & ~w;
        std::uint64_t const above = (w + ones * 0x01) | w;
        std::uint64_t const escape = (backslash - ones) & ~backslash;
        if (((below | above | escape) & highs) != 0) return false;
    }
    for (; i < s.size(); ++i)
        if (!is_plain_char(static_cast<unsigned char>(s[i]))) return false;
    return true;
}

inline void write_escaped(audit::report_stream& out, std::string_view s) {
    if (is_plain_text(s)) {
        out << s;
    } else {
        out << audit::escaped(s);
    }
}

// Writes the characters of `s` as Boost.JSON's serializer escapes them in a
// string: the quote, the backslash and control characters (\b \t \n \f \r,
// the others as \u00XX); any other byte as it is.
inline void write_json_chars(audit::report_stream& out, std::string_view s) {
    static constexpr char hex[] = "0123456789abcdef";
    std::size_t run = 0;  // where the bytes not yet written begin
    for (std::size_t i = 0; i < s.size(); ++i) {
        auto const c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        out << s.substr(run, i - run);
        run = i + 1;
        switch (c) {
            case '"':
                out << "\\\"";
                break;
            case '\\':
                out << "\\\\";
                break;
            case '\b':
                out << "\\b";
                break;
            case '\t':
                out << "\\t";
                break;
            case '\n':
                out << "\\n";
                break;
            case '\f':
                out << "\\f";
                break;
            case '\r':
                out << "\\r";
                break;
            default: {
                char const u[] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
                out << std::string_view(u, sizeof u);
            }
        }
    }
    out << s.substr(run);
}

// `"key":"value"` (after a comma unless `first`), the value escaped.
inline void write_json_member(audit::report_stream& out, std::string_view key, std::string_view value) {
    out << ",\"" << key << "\":\"";
    write_json_chars(out, value);
    out << "\"";
}
inline void write_json_member(audit::report_stream& out, std::string_view key, std::uint64_t value) {
    out << ",\"" << key << "\":" << value;
}

}  // namespace hireguard::detail

namespace hireguard::audit {

/// A field's path as the text output prints it: as it is when it is made of
/// letters, digits, '_' and '.', as the library's paths are, and otherwise
/// quoted and escaped, so that a key cannot pass for the reason that follows it.
///
///     assert(hireguard::audit::printed_field("terms.kind") == "terms.kind");
///     assert(hireguard::audit::printed_field("a b") == "\"a b\"");
[[nodiscard]] inline std::string printed_field(std::string_view field) {
    if (detail::is_plain_field(field)) return std::string(field);
    return in_quotes(field);
}

/// The JSON output's name of a rejection kind: "illegal_transition",
/// "rule_violated" or "invalid_input".
///
///     assert(hireguard::audit::kind_key(hireguard::rejection_kind::rule_violated) == "rule_violated");
[[nodiscard]] constexpr std::string_view kind_key(rejection_kind k) noexcept {
    switch (k) {
        case rejection_kind::illegal_transition:
            return "illegal_transition";
        case rejection_kind::rule_violated:
            return "rule_violated";
        case rejection_kind::invalid_input:
            return "invalid_input";
    }
    return "unknown";
}

/// Writes the report of a rejected event: as text, "line 5: job 3 /
/// freelancer 42: " and the engine's sentence, which names the rule (a
/// host's under its own name); as JSON, an object with `line`, `job`,
/// `freelancer`, `state`, `event`, `kind`, `rule`, `reason` and `message`.
///
///     hireguard::audit::write_violation(out, v, false);
///     // line 5: job 3 / freelancer 42: log_work rejected in interviewing: illegal transition: work before hire: ...
inline void write_violation(report_stream& out, violation_report const& v, bool json) {
    rejection const& r = v.why;
    if (json) {
        // As boost::json::serialize writes the object, without building it.
        out << "{\"line\":" << v.line;
        detail::write_json_member(out, "job", v.job);
        detail::write_json_member(out, "freelancer", v.freelancer);
        detail::write_json_member(out, "state", r.state);
        detail::write_json_member(out, "event", r.event);
        detail::write_json_member(out, "kind", kind_key(r.kind));
        detail::write_json_member(out, "rule", r.rule.name);
        detail::write_json_member(out, "reason", r.why());
        // rejection::message(), piece by piece.
        out << ",\"message\":\"";
        detail::write_json_chars(out, r.event);
        out << " rejected in ";
        detail::write_json_chars(out, r.state);
        out << ": ";
        detail::write_json_chars(out,
                                 r.kind == rejection_kind::illegal_transition ? "illegal transition" : r.rule.name);
        if (std::string_view const because = r.why(); !because.empty()) {
            out << ": ";
            detail::write_json_chars(out, because);
        }
        out << "\"}\n";
        return;
    }
    // The sentence of rejection::message(), written piece by piece: no
    // string is built for a report whose text needs no escape. Each piece
    // meets an ASCII one, so escaping the pieces is escaping the sentence.
    out << "line " << v.line << ": job " << v.job << " / freelancer " << v.freelancer << ": ";
    detail::write_escaped(out, r.event);
    out << " rejected in ";
    detail::write_escaped(out, r.state);
    out << ": ";
    detail::write_escaped(out, r.kind == rejection_kind::illegal_transition ? "illegal transition" : r.rule.name);
    if (std::string_view const because = r.why(); !because.empty()) {
        out << ": ";
        detail::write_escaped(out, because);
    }
    out << "\n";
}

/// Writes the report of a malformed line: as text, "line 48: malformed:
/// event: unknown event \"hire\""; as JSON, an object with `line`, `kind`
/// ("malformed"), `field` and `reason`.
///
///     hireguard::audit::write_malformed(out, {48, "event", "unknown event \"hire\""}, false);
inline void write_malformed(report_stream& out, malformed_line const& m, bool json) {
    if (json) {
        out << "{\"line\":" << m.line;
        detail::write_json_member(out, "kind", "malformed");
        detail::write_json_member(out, "field", m.field);
        detail::write_json_member(out, "reason", m.reason);
        out << "}\n";
        return;
    }
    out << "line " << m.line << ": malformed: ";
    if (!m.field.empty()) {
        if (detail::is_plain_field(m.field)) {
            out << m.field;
        } else {
            out << in_quotes(m.field);
        }
        out << ": ";
    }
    detail::write_escaped(out, m.reason);
    out << "\n";
}

/// Writes the report of a duplicate delivery (`--list-duplicates`): as text,
/// "line 3: job 1 / freelancer 10: duplicate submit_proposal: id \"a-1\" was
/// applied on line 1", and ", to job 2 / freelancer 20" when the id was
/// applied to another candidacy; as JSON, an object with `line`, `job`,
/// `freelancer`, `event`, `kind` ("duplicate"), `id`, `applied_line`,
/// `applied_job` and `applied_freelancer`.
///
///     hireguard::audit::write_duplicate(out, d, false);
inline void write_duplicate(report_stream& out, duplicate_report const& d, bool json) {
    if (json) {
        out << "{\"line\":" << d.line;
        detail::write_json_member(out, "job", d.job);
        detail::write_json_member(out, "freelancer", d.freelancer);
        detail::write_json_member(out, "event", d.event);
        detail::write_json_member(out, "kind", "duplicate");
        detail::write_json_member(out, "id", d.id);
        detail::write_json_member(out, "applied_line", d.applied_line);
        detail::write_json_member(out, "applied_job", d.applied_job);
        detail::write_json_member(out, "applied_freelancer", d.applied_freelancer);
        out << "}\n";
        return;
    }
    out << "line " << d.line << ": job " << d.job << " / freelancer " << d.freelancer << ": duplicate "
        << escaped(d.event) << ": id " << in_quotes(d.id) << " was applied on line " << d.applied_line;
    if (d.applied_job != d.job || d.applied_freelancer != d.freelancer)
        out << ", to job " << d.applied_job << " / freelancer " << d.applied_freelancer;
    out << "\n";
}

/// What an audit found: lines read = accepted + rejected + duplicates +
/// malformed + blank, and the rejections counted by kind and rule, in the
/// order illegal transition, rule violated, invalid input, then by rule name.
/// Duplicate deliveries are not findings: a log with duplicates and nothing
/// else is clean.
///
///     hireguard::audit::summary s = hireguard::audit::audit_log(opt, std::cout);
///     return s.clean() ? 0 : 1;
struct summary {
    std::uint64_t lines = 0;
    std::uint64_t accepted = 0;
    std::uint64_t rejected = 0;
    std::uint64_t malformed = 0;
    std::uint64_t blank = 0;
    std::vector<reason_count> reasons;
    /// Whether any event carried an id; the summary counts duplicates only then.
    bool ids = false;
    /// Lines whose id was applied before, and were not replayed.
    std::uint64_t duplicates = 0;
    /// Of those, the lines whose id was applied to another candidacy.
    std::uint64_t duplicates_across_candidacies = 0;

    /// No rejected event and no malformed line.
    [[nodiscard]] bool clean() const noexcept { return rejected + malformed == 0; }
    /// `exit_clean` for a clean log, `exit_findings` otherwise.
    [[nodiscard]] int exit_code() const noexcept { return clean() ? exit_clean : exit_findings; }
};

/// Writes the summary: as text, "summary: 60 lines read" and the counts, one
/// a line; as JSON, an object with `kind` ("summary"), `lines`, `accepted`,
/// `rejected`, `malformed`, `blank` and `rejected_by_reason`. When events
/// carry ids (`summary::ids`), the duplicates too: "duplicate deliveries: 3"
/// and, when there are some, "id applied to another candidacy: 1"; in JSON,
/// `duplicates` and `duplicates_across_candidacies`.
///
///     hireguard::audit::write_summary(out, s, false);
inline void write_summary(report_stream& out, summary const& s, bool json) {
    if (json) {
        boost::json::object o;
        o["kind"] = "summary";
        o["lines"] = s.lines;
        o["accepted"] = s.accepted;
        o["rejected"] = s.rejected;
        if (s.ids) {
            o["duplicates"] = s.duplicates;
            o["duplicates_across_candidacies"] = s.duplicates_across_candidacies;
        }
        o["malformed"] = s.malformed;
        o["blank"] = s.blank;
        boost::json::array reasons;
        for (auto const& r : s.reasons)
            reasons.push_back(boost::json::object{{"kind", kind_key(r.kind)}, {"rule", r.rule}, {"count", r.count}});
        o["rejected_by_reason"] = std::move(reasons);
        out << boost::json::serialize(o) << "\n";
        return;
    }
    out << "summary: " << s.lines << " lines read\n";
    out << "  events accepted: " << s.accepted << "\n";
    out << "  events rejected: " << s.rejected << "\n";
    for (auto const& r : s.reasons) {
        out << "    " << to_string(r.kind);
        if (r.kind != rejection_kind::illegal_transition) out << ": " << r.rule;
        out << ": " << r.count << "\n";
    }
    if (s.ids) {
        out << "  duplicate deliveries: " << s.duplicates << "\n";
        if (s.duplicates_across_candidacies != 0)
            out << "    id applied to another candidacy: " << s.duplicates_across_candidacies << "\n";
    }
    out << "  malformed lines: " << s.malformed << "\n";
    out << "  blank lines: " << s.blank << "\n";
}

}  // namespace hireguard::audit

#endif
