// Reading a workflow's Boost.MSM transition table at compile time: rows_t,
// states_t, events_t, can_fire_v, rows_for_t, event_variant_t and friends.
// Their default workflow is the canonical lifecycle, included here.
#ifndef HIREGUARD_TABLE_HPP
#define HIREGUARD_TABLE_HPP

#include <hireguard/detail/table_core.hpp>
#include <hireguard/lifecycle.hpp>

#endif
