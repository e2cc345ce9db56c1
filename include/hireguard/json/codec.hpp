// JSON for any type described once with Boost.Describe: the one codec under
// the event codec, the snapshot codec and the audit's decoder. Knows nothing
// of hiring. Link `hireguard::json`.
//
//     struct screened_data : hireguard::candidacy_data { std::uint64_t report_id = 0; };
//     BOOST_DESCRIBE_STRUCT(screened_data, (hireguard::candidacy_data), (report_id))
//     boost::json::value v = hireguard::json_codec::encode(d);          // every field, bases first
//     auto back = hireguard::json_codec::decode<screened_data>(v, "data");
//
// What each type becomes: `bool` true/false; integers numbers, range-checked;
// `std::string` a string; `std::optional<T>` T or null; a duration of an
// integer count its count; an enumeration described with
// BOOST_DESCRIBE_ENUM the name of its value; a class described with
// BOOST_DESCRIBE_STRUCT an object with its bases' fields and then its own,
// each under its member's name. Decoding is strict: every field present
// (null for an empty optional), of its type and in range, no unknown field;
// the first problem throws `json_error` naming the field by its path
// ("data.terms.start_date"). A member left out of a description is a compile
// error for an aggregate without bases (it counts the members), not a field
// silently dropped. Other types are taught by specializing
// `value_codec` (json/values.hpp does it for hiring's value types).
#ifndef HIREGUARD_JSON_CODEC_HPP
#define HIREGUARD_JSON_CODEC_HPP

#include <array>
#include <chrono>
#include <concepts>
#include <cstdint>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include <boost/describe/bases.hpp>
#include <boost/describe/enumerators.hpp>
#include <boost/describe/members.hpp>
#include <boost/describe/modifiers.hpp>
#include <boost/json.hpp>
#include <boost/mp11/algorithm.hpp>

namespace hireguard {

/// A JSON document that hireguard cannot decode: malformed, or a field that is
/// missing, of the wrong type, out of range or inconsistent. `field()` is the
/// path of the offending field ("" for the document itself), `reason()` says
/// what is wrong with it.
///
///     try { auto m = hireguard::restore(text); }
///     catch (hireguard::json_error const& e) { log(e.field(), e.reason()); }
class json_error : public std::runtime_error {
public:
    json_error(std::string field, std::string const& reason)
        : std::runtime_error(field.empty() ? reason : field + ": " + reason),
          field_(std::move(field)),
          reason_(reason) {}
    /// The path of the field at fault, such as "data.minutes_logged".
    [[nodiscard]] std::string const& field() const noexcept { return field_; }
    /// What is wrong with it.
    [[nodiscard]] std::string const& reason() const noexcept { return reason_; }

private:
    std::string field_;
    std::string reason_;
};

namespace json_codec {

/// "parent.key", or "key" at the top.
///
///     assert(hireguard::json_codec::path("data", "terms") == "data.terms");
[[nodiscard]] inline std::string path(std::string_view parent, std::string_view key) {
    std::string p(parent);
    if (!p.empty()) p += '.';
    p += key;
    return p;
}

/// The object at `where`, or a `json_error`.
///
///     auto const& o = hireguard::json_codec::as_object(v, "data");
[[nodiscard]] inline boost::json::object const& as_object(boost::json::value const& v, std::string_view where) {
    if (auto const* o = v.if_object()) return *o;
    throw json_error(std::string(where), "expected an object");
}

/// The member `key` of `o` (at `where`), or a `json_error` when it is missing.
///
///     auto const& state = hireguard::json_codec::member(o, "state", "");
[[nodiscard]] inline boost::json::value const& member(boost::json::object const& o, std::string_view key,
                                                      std::string_view where) {
    if (auto const* v = o.if_contains(key)) return *v;
    throw json_error(path(where, key), "missing");
}

/// Whether `o` has `key` with a value other than null.
///
///     if (hireguard::json_codec::has(o, "at")) ...
[[nodiscard]] inline bool has(boost::json::object const& o, std::string_view key) noexcept {
    auto const* v = o.if_contains(key);
    return v != nullptr && !v->is_null();
}

/// Throws when `o` has a member not in `known`: a misspelt field is an error,
/// not a silently ignored one.
///
///     static constexpr std::string_view known[] = {"format", "state"};
///     hireguard::json_codec::only_known(o, known, "");
template <std::size_t N>
inline void only_known(boost::json::object const& o, std::string_view const (&known)[N], std::string_view where) {
    for (auto const& kv : o) {
        bool found = false;
        for (auto k : known) found = found || k == kv.key();
        if (!found) throw json_error(path(where, kv.key()), "unknown field");
    }
}

/// An unsigned integer, or a `json_error` at `where`. JSON's `-0` is zero.
[[nodiscard]] inline std::uint64_t to_u64(boost::json::value const& v, std::string_view where) {
    if (auto const* u = v.if_uint64()) return *u;
    if (auto const* i = v.if_int64(); i && *i >= 0) return static_cast<std::uint64_t>(*i);
    throw json_error(std::string(where), "expected an unsigned integer");
}

/// A signed 64-bit integer, or a `json_error` at `where`.
[[nodiscard]] inline std::int64_t to_i64(boost::json::value const& v, std::string_view where) {
    if (auto const* i = v.if_int64()) return *i;
    if (auto const* u = v.if_uint64(); u && *u <= static_cast<std::uint64_t>(INT64_MAX))
        return static_cast<std::int64_t>(*u);
    throw json_error(std::string(where), "expected an integer");
}

/// `true` or `false`, or a `json_error` at `where`.
[[nodiscard]] inline bool to_bool(boost::json::value const& v, std::string_view where) {
    if (auto const* b = v.if_bool()) return *b;
    throw json_error(std::string(where), "expected true or false");
}

/// A string, or a `json_error` at `where`.
[[nodiscard]] inline std::string_view to_string_view(boost::json::value const& v, std::string_view where) {
    if (auto const* s = v.if_string()) return std::string_view(*s);
    throw json_error(std::string(where), "expected a string");
}

/// How a type is written and read. A specialization has
///
///     static boost::json::value encode(T const& v, std::string_view where);  // json_error if unwritable
///     static T decode(boost::json::value const& v, std::string_view where);   // json_error if unreadable
///
/// and, for a type written as an object whose fields a derived type's
/// object shares, `write_fields(v, object&, where)`, `read_fields(object
/// const&, where, T&)` and `static bool knows(std::string_view key)`.
/// Specialized here for the types of this header's preamble; json/values.hpp
/// adds hiring's value types.
///
///     template <> struct hireguard::json_codec::value_codec<my_id> { ... };
template <class T, class Enable = void>
struct value_codec;

/// A value of `T` for decoding to overwrite, for a type with no default:
/// specialize it with `static T make()`.
///
///     template <> struct hireguard::json_codec::blank_value<my_data> {
///         static my_data make() { return my_data{my_id{0}}; }
///     };
template <class T>
struct blank_value;

/// Whether `T` has a codec.
///
///     static_assert(hireguard::json_codec::codable<hireguard::candidacy_data>);
template <class T>
concept codable = requires(T const& v, boost::json::value const& j, std::string_view w) {
    { value_codec<T>::encode(v, w) } -> std::convertible_to<boost::json::value>;
    { value_codec<T>::decode(j, w) } -> std::same_as<T>;
};

/// `v` as JSON; `where` names it in a `json_error` when it cannot be written.
///
///     boost::json::value j = hireguard::json_codec::encode(d, "data");
template <class T>
[[nodiscard]] boost::json::value encode(T const& v, std::string_view where = "") {
    return value_codec<T>::encode(v, where);
}

/// A `T` from JSON; throws `json_error` naming the field at fault under `where`.
///
///     auto d = hireguard::json_codec::decode<hireguard::candidacy_data>(j, "data");
template <class T>
[[nodiscard]] T decode(boost::json::value const& v, std::string_view where = "") {
    return value_codec<T>::decode(v, where);
}

template <>
struct value_codec<bool> {
    static boost::json::value encode(bool v, std::string_view /*where*/) { return v; }
    static bool decode(boost::json::value const& v, std::string_view where) { return to_bool(v, where); }
};

template <class T>
struct value_codec<T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>>> {
    static boost::json::value encode(T v, std::string_view /*where*/) {
        if constexpr (std::is_signed_v<T>) {
            return static_cast<std::int64_t>(v);
        } else {
            return static_cast<std::uint64_t>(v);
        }
    }
    static T decode(boost::json::value const& v, std::string_view where) {
        if constexpr (std::is_signed_v<T>) {
            auto const i = to_i64(v, where);
            if (i < std::numeric_limits<T>::min() || i > std::numeric_limits<T>::max())
                throw json_error(std::string(where), "must be from " + std::to_string(std::numeric_limits<T>::min()) +
                                                         " to " + std::to_string(std::numeric_limits<T>::max()));
            return static_cast<T>(i);
        } else {
            auto const u = to_u64(v, where);
            if (u > std::numeric_limits<T>::max())
                throw json_error(std::string(where),
                                 "must be at most " + std::to_string(std::numeric_limits<T>::max()));
            return static_cast<T>(u);
        }
    }
};

template <>
struct value_codec<std::string> {
    static boost::json::value encode(std::string const& v, std::string_view /*where*/) { return boost::json::value(v); }
    static std::string decode(boost::json::value const& v, std::string_view where) {
        return std::string(to_string_view(v, where));
    }
};

template <class T>
struct value_codec<std::optional<T>> {
    static boost::json::value encode(std::optional<T> const& v, std::string_view where) {
        return v ? value_codec<T>::encode(*v, where) : boost::json::value(nullptr);
    }
    static std::optional<T> decode(boost::json::value const& v, std::string_view where) {
        if (v.is_null()) return std::nullopt;
        return value_codec<T>::decode(v, where);
    }
};

template <std::integral Rep, class Period>
struct value_codec<std::chrono::duration<Rep, Period>> {
    using duration = std::chrono::duration<Rep, Period>;
    static boost::json::value encode(duration v, std::string_view where) {
        return value_codec<Rep>::encode(v.count(), where);
    }
    static duration decode(boost::json::value const& v, std::string_view where) {
        return duration{value_codec<Rep>::decode(v, where)};
    }
};

template <class E>
struct value_codec<E, std::enable_if_t<std::is_enum_v<E> && boost::describe::has_describe_enumerators<E>::value>> {
    static boost::json::value encode(E v, std::string_view where) {
        char const* name = nullptr;
        boost::mp11::mp_for_each<boost::describe::describe_enumerators<E>>([&](auto d) {
            if (d.value == v) name = d.name;
        });
        if (name == nullptr) throw json_error(std::string(where), "a value the enumeration does not name");
        return boost::json::value(name);
    }
    static E decode(boost::json::value const& v, std::string_view where) {
        auto const s = to_string_view(v, where);
        std::optional<E> found;
        std::string expected;
        constexpr std::size_t n = boost::mp11::mp_size<boost::describe::describe_enumerators<E>>::value;
        std::size_t i = 0;
        boost::mp11::mp_for_each<boost::describe::describe_enumerators<E>>([&](auto d) {
            if (s == d.name) found = d.value;
            expected += i == 0 ? "" : (i + 1 == n ? " or " : ", ");
            expected += "\"" + std::string(d.name) + "\"";
            ++i;
        });
        if (found) return *found;
        throw json_error(std::string(where), "expected " + expected);
    }
};

}  // namespace json_codec

namespace detail {

template <class T>
using own_members = boost::describe::describe_members<T, boost::describe::mod_public>;
template <class T>
using public_bases = boost::describe::describe_bases<T, boost::describe::mod_public>;

// A value for a described class that decoding then overwrites field by
// field: `T{}`; the codec's or `blank_value`'s for a type with no default
// (data that names its job); for a type derived from one such type, that
// base's blank and the type's own defaults.
template <class T>
T blank() {
    if constexpr (std::default_initializable<T>) {
        return T{};
    } else if constexpr (requires { json_codec::blank_value<T>::make(); }) {
        return json_codec::blank_value<T>::make();
    } else if constexpr (requires { json_codec::value_codec<T>::blank(); }) {
        return json_codec::value_codec<T>::blank();
    } else {
        static_assert(boost::mp11::mp_size<public_bases<T>>::value == 1,
                      "hireguard: decoding builds a described type from its default: give it one, or specialize "
                      "hireguard::json_codec::blank_value");
        using base = typename boost::mp11::mp_front<public_bases<T>>::type;
        return T{blank<base>()};
    }
}

// Whether a description lists every member of an aggregate without bases:
// it cannot be brace-initialized from one value more than the description
// lists. (Boost.PFR's tuple_size answers the same question, but searches up
// to sizeof(T) * CHAR_BIT initializers: 15 s and 1 GB of g++ for
// candidacy_data alone. This asks twice.) `any_member` converts to a
// reference to anything, as PFR's does, so that no constructor of a member
// competes with the conversion.
struct any_member {
    template <class U>
    operator U&() const noexcept;  // NOLINT(google-explicit-constructor): declared only, never called
};

template <class T, std::size_t... I>
constexpr bool brace_initializable(std::index_sequence<I...> /*members*/) {
    return requires {
        T{(void(I), any_member{})...};
    };
}

template <class T>
constexpr bool fully_described() {
    if constexpr (std::is_aggregate_v<T> && boost::mp11::mp_empty<public_bases<T>>::value) {
        constexpr std::size_t n = boost::mp11::mp_size<own_members<T>>::value;
        static_assert(brace_initializable<T>(std::make_index_sequence<n>{}),
                      "hireguard: the described members of this aggregate do not initialize it");
        return !brace_initializable<T>(std::make_index_sequence<n + 1>{});
    } else {
        return true;
    }
}

}  // namespace detail

namespace json_codec {

/// The codec of a type written as an object. Derive from it and define
/// `write_fields`, `read_fields` and `knows` (see `value_codec`); it adds
/// `encode` and `decode`, which refuses a field that `knows` does not know.
template <class T, class Fields>
struct object_codec {
    static boost::json::value encode(T const& v, std::string_view where) {
        boost::json::object o;
        Fields::write_fields(v, o, where);
        return o;
    }
    static T decode(boost::json::value const& v, std::string_view where) {
        auto const& o = as_object(v, where);
        for (auto const& kv : o)
            if (!Fields::knows(kv.key())) throw json_error(path(where, kv.key()), "unknown field");
        T out = hireguard::detail::blank<T>();
        Fields::read_fields(o, where, out);
        return out;
    }
};

/// Whether `T` is a class described with BOOST_DESCRIBE_STRUCT or BOOST_DESCRIBE_CLASS.
template <class T>
concept described_class = std::is_class_v<T> && boost::describe::has_describe_members<T>::value;

template <described_class T>
struct value_codec<T> : object_codec<T, value_codec<T>> {
    static_assert(hireguard::detail::fully_described<T>(),
                  "hireguard: the type's BOOST_DESCRIBE_STRUCT leaves out a member, which no codec would write");

    static void write_fields(T const& v, boost::json::object& o, std::string_view where) {
        boost::mp11::mp_for_each<hireguard::detail::public_bases<T>>([&](auto b) {
            using base = typename decltype(b)::type;
            value_codec<base>::write_fields(static_cast<base const&>(v), o, where);
        });
        boost::mp11::mp_for_each<hireguard::detail::own_members<T>>(
            [&](auto d) { o[d.name] = json_codec::encode(v.*d.pointer, path(where, d.name)); });
    }
    static void read_fields(boost::json::object const& o, std::string_view where, T& v) {
        boost::mp11::mp_for_each<hireguard::detail::public_bases<T>>([&](auto b) {
            using base = typename decltype(b)::type;
            value_codec<base>::read_fields(o, where, static_cast<base&>(v));
        });
        boost::mp11::mp_for_each<hireguard::detail::own_members<T>>([&](auto d) {
            using member_type = std::remove_cvref_t<decltype(v.*d.pointer)>;
            v.*d.pointer = json_codec::decode<member_type>(member(o, d.name, where), path(where, d.name));
        });
    }
    static bool knows(std::string_view key) {
        bool known = false;
        boost::mp11::mp_for_each<hireguard::detail::public_bases<T>>(
            [&](auto b) { known = known || value_codec<typename decltype(b)::type>::knows(key); });
        boost::mp11::mp_for_each<hireguard::detail::own_members<T>>([&](auto d) { known = known || key == d.name; });
        return known;
    }
};

}  // namespace json_codec
}  // namespace hireguard

#endif
