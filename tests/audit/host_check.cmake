# A host's audit tool (host_audit.cpp, hireguard::audit::main in one line) on
# a log of its own workflow: the host rule's rejection is reported under the
# rule's own name in text and JSON, a clean log exits 0, a missing one 2.
cmake_minimum_required(VERSION 3.25)
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})

set(at "\"at\":\"2026-01-05T")
file(WRITE ${WORK}/clean.jsonl
     "{\"job\":2,\"freelancer\":7,\"event\":\"submit_proposal\",${at}09:30:00Z\"}\n"
     "{\"job\":2,\"freelancer\":7,\"event\":\"respond\",${at}10:30:00Z\"}\n"
     "{\"job\":2,\"freelancer\":7,\"event\":\"log_work\",${at}11:30:00Z\",\"minutes\":30}\n")
file(READ ${WORK}/clean.jsonl clean)
file(WRITE ${WORK}/log.jsonl "${clean}"
     "{\"job\":2,\"freelancer\":7,\"event\":\"log_work\",${at}12:00:00Z\",\"minutes\":100}\n")

execute_process(COMMAND ${TOOL} --threads 2 ${WORK}/log.jsonl RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
set(expected "line 4: job 2 / freelancer 7: log_work rejected in interviewing: my_rule_name: a trial is paid for 120 minutes at most, this log brings it to 130
summary: 4 lines read
  events accepted: 3
  events rejected: 1
    rule violated: my_rule_name: 1
")
string(REPLACE ";" "," out_plain "${out}")
string(FIND "${out_plain}" "${expected}" found)
if(NOT rc EQUAL 1 OR NOT found EQUAL 0)
  message(FATAL_ERROR "text output: exit code ${rc}, expected 1 and a report that starts with\n${expected}got\n${out}${err}")
endif()

execute_process(COMMAND ${TOOL} --json ${WORK}/log.jsonl RESULT_VARIABLE rc OUTPUT_VARIABLE out)
string(REGEX MATCH "^[^\n]*" first "${out}")
string(JSON rule GET "${first}" rule)
string(JSON kind GET "${first}" kind)
string(JSON line GET "${first}" line)
if(NOT rc EQUAL 1 OR NOT "${line} ${kind} ${rule}" STREQUAL "4 rule_violated my_rule_name")
  message(FATAL_ERROR "JSON output: exit code ${rc}, first report ${first}")
endif()

execute_process(COMMAND ${TOOL} ${WORK}/clean.jsonl RESULT_VARIABLE rc OUTPUT_VARIABLE out)
if(NOT rc EQUAL 0 OR NOT out MATCHES "^summary: 3 lines read\n  events accepted: 3\n  events rejected: 0\n")
  message(FATAL_ERROR "clean log: exit code ${rc}, output\n${out}")
endif()

execute_process(COMMAND ${TOOL} ${WORK}/no-such-log.jsonl RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 2 OR NOT out STREQUAL "" OR NOT err MATCHES "^hireguard_audit_host_tool: cannot open ")
  message(FATAL_ERROR "missing log: exit code ${rc}, stderr ${err}")
endif()
