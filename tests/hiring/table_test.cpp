#include <string>
#include <tuple>
#include <utility>

#include <gtest/gtest.h>

#include <hireguard/hiring/lifecycle.hpp>

#include "domain.hpp"

namespace {

using namespace hireguard;

template <class State, class... Events>
int check_state(std::tuple<Events...>* /*events*/) {
    int pairs = 0;
    auto one = [&]<class Event>(Event* /*event*/) {
        bool const expected = domain::legal_pairs.count({std::string(State::name), std::string(Event::name)}) == 1;
        EXPECT_EQ((can_fire_v<State, Event>), expected) << State::name << " / " << Event::name;
        ++pairs;
    };
    (one(static_cast<Events*>(nullptr)), ...);
    return pairs;
}

template <class... States>
int check_all(std::tuple<States...>* /*states*/) {
    return (check_state<States>(static_cast<domain::events*>(nullptr)) + ...);
}

TEST(Table, CanFireMatchesDomainForAll360Pairs) {
    EXPECT_EQ(check_all(static_cast<domain::states*>(nullptr)), 360);
    EXPECT_EQ(domain::legal_pairs.size(), 35U);
}

template <class... Rows>
std::vector<domain::row> names_of(type_list<Rows...> /*rows*/) {
    return {domain::row{std::string(Rows::Source::name), std::string(Rows::Evt::name), std::string(Rows::Target::name),
                        detail::is_guarded_v<Rows>}...};
}

TEST(Table, RowsAreDomainRowsInDomainOrder) {
    EXPECT_EQ(names_of(rows_t<lifecycle>{}), domain::rows);
}

TEST(Table, CountsStatesEventsAndRows) {
    EXPECT_EQ(states_t<lifecycle>::size, 15U);
    EXPECT_EQ(events_t<lifecycle>::size, 24U);
    EXPECT_EQ(rows_t<lifecycle>::size, 36U);
}

TEST(Table, AcceptOfferHasTwoGuardedRows) {
    using rows = rows_for_t<state::offered, event::accept_offer>;
    auto names = names_of(rows{});
    ASSERT_EQ(names.size(), 2U);
    EXPECT_EQ(names[0].target, "contract_active");
    EXPECT_EQ(names[1].target, "contract_pending");
    EXPECT_TRUE(names[0].guarded && names[1].guarded);
}

// Compile-time checks next to the run-time ones: cheap and readable.
static_assert(can_fire_v<state::contract_active, event::log_work>);
static_assert(!can_fire_v<state::interviewing, event::log_work>);
static_assert(!can_fire_v<state::contract_paused, event::log_work>);
static_assert(!can_fire_v<state::offered, event::withdraw>);
static_assert(is_terminal_v<state::closed> && !is_terminal_v<state::contract_ended>);
static_assert(is_hired_v<state::contract_pending> && !is_hired_v<state::offered>);

}  // namespace
