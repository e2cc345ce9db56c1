// Everything hireguard offers, except the reference executor on the Boost.MSM
// back-end (<hireguard/msm_machine.hpp>), which is costly to compile, and the
// JSON codecs (<hireguard/json/...>), which link Boost.JSON. Include the
// smaller headers to pay only for what you use.
#ifndef HIREGUARD_HIREGUARD_HPP
#define HIREGUARD_HIREGUARD_HPP

#include <hireguard/candidacy.hpp>
#include <hireguard/data.hpp>
#include <hireguard/diagram.hpp>
#include <hireguard/events.hpp>
#include <hireguard/history.hpp>
#include <hireguard/job.hpp>
#include <hireguard/lifecycle.hpp>
#include <hireguard/machine.hpp>
#include <hireguard/observer.hpp>
#include <hireguard/rejection.hpp>
#include <hireguard/rules.hpp>
#include <hireguard/states.hpp>
#include <hireguard/table.hpp>
#include <hireguard/test_paths.hpp>
#include <hireguard/values.hpp>
#include <hireguard/verdict.hpp>
#include <hireguard/verify.hpp>
#include <hireguard/workflow.hpp>

#endif
