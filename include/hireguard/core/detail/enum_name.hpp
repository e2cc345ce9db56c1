// The name of a value of an enumeration described with BOOST_DESCRIBE_ENUM:
// the one list of its names, for to_string and the JSON codecs alike.
#ifndef HIREGUARD_CORE_DETAIL_ENUM_NAME_HPP
#define HIREGUARD_CORE_DETAIL_ENUM_NAME_HPP

#include <string_view>

#include <boost/describe/enumerators.hpp>
#include <boost/mp11/algorithm.hpp>

namespace hireguard::detail {

template <class E>
[[nodiscard]] constexpr std::string_view enum_name(E e) noexcept {
    std::string_view name = "unknown";
    boost::mp11::mp_for_each<boost::describe::describe_enumerators<E>>([&](auto d) {
        if (d.value == e) name = d.name;
    });
    return name;
}

}  // namespace hireguard::detail

#endif
