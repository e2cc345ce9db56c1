// expect: deleted|private|protected|inaccessible
// expect: contract_active
#include "reach.hpp"
int main() {
#ifdef HIREGUARD_COMPILE_FAIL
    hireguard::candidacy<hireguard::state::contract_active> hired;
#else
    hireguard::candidacy<hireguard::state::contract_active> hired = reach::active();
#endif
    return hired.state_name().empty();
}
