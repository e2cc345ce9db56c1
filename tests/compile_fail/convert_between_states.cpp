// expect: conversion|no viable|no matching|cannot convert
// expect: offered
#include "reach.hpp"
int main() {
    auto o = reach::offered();
#ifdef HIREGUARD_COMPILE_FAIL
    hireguard::candidacy<hireguard::state::contract_active> hired = std::move(o);
#else
    hireguard::candidacy<hireguard::state::contract_active> hired =
        std::move(o).on(hireguard::event::accept_offer{.at = reach::t0 + std::chrono::hours{5}})
            .get<hireguard::state::contract_active>();
#endif
    return hired.state_name().empty();
}
