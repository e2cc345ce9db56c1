// Everything hireguard offers, except the reference executor on the Boost.MSM
// back-end (<hireguard/hiring/msm_machine.hpp>), which is costly to compile,
// and the JSON codecs (<hireguard/json/...>), which link Boost.JSON. Include
// the smaller headers to pay only for what you use.
#ifndef HIREGUARD_HIREGUARD_HPP
#define HIREGUARD_HIREGUARD_HPP

#include <hireguard/core/candidacy.hpp>
#include <hireguard/core/history.hpp>
#include <hireguard/core/machine.hpp>
#include <hireguard/core/rejection.hpp>
#include <hireguard/core/rules.hpp>
#include <hireguard/core/table.hpp>
#include <hireguard/core/test_paths.hpp>
#include <hireguard/core/verdict.hpp>
#include <hireguard/core/verify.hpp>
#include <hireguard/core/workflow.hpp>
#include <hireguard/export/diagram.hpp>
#include <hireguard/hiring/candidacy.hpp>
#include <hireguard/hiring/data.hpp>
#include <hireguard/hiring/events.hpp>
#include <hireguard/hiring/job.hpp>
#include <hireguard/hiring/lifecycle.hpp>
#include <hireguard/hiring/machine.hpp>
#include <hireguard/hiring/notifications.hpp>
#include <hireguard/hiring/rules.hpp>
#include <hireguard/hiring/states.hpp>
#include <hireguard/hiring/values.hpp>
#include <hireguard/hiring/workflow.hpp>

#endif
