// The audit pipeline, generic over the workflow: a JSON Lines event log read
// in chunks on several threads, decoded, partitioned by candidacy (job x
// freelancer), each candidacy replayed through `basic_machine<W>`, and every
// rejected event and malformed line reported (docs/audit.md, "Auditing your
// own workflow"). A host's audit tool is one line:
//
//     int main(int argc, char** argv) { return hireguard::audit::main<my_workflow>(argc, argv); }
//
// Link `hireguard::json`, Boost::program_options and Threads::Threads.
#ifndef HIREGUARD_AUDIT_AUDIT_HPP
#define HIREGUARD_AUDIT_AUDIT_HPP

#include <hireguard/audit/auditable.hpp>
#include <hireguard/audit/command_line.hpp>
#include <hireguard/audit/decode.hpp>
#include <hireguard/audit/duplicates.hpp>
#include <hireguard/audit/input.hpp>
#include <hireguard/audit/options.hpp>
#include <hireguard/audit/partition.hpp>
#include <hireguard/audit/pipeline.hpp>
#include <hireguard/audit/replay.hpp>
#include <hireguard/audit/report.hpp>
#include <hireguard/audit/threads.hpp>

#endif
