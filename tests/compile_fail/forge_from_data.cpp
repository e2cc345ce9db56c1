// expect: private|inaccessible|no matching|no viable|candidacy_data
// expect: contract_active
#include "reach.hpp"
int main() {
    hireguard::candidacy_data data{hireguard::job_id{7}, hireguard::freelancer_id{42}};
#ifdef HIREGUARD_COMPILE_FAIL
    hireguard::candidacy<hireguard::state::contract_active> hired(data, hireguard::policy{});
#else
    hireguard::candidacy<hireguard::state::contract_active> hired = reach::active();
#endif
    return hired.data() == data;
}
