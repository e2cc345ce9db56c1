# Runs hireguard-audit on the sample log for the demo and prints what it finds.
# The sample has known violations, so the audit must exit with 1; anything
# else fails the demo.
#   cmake -DAUDIT=path/to/hireguard-audit -DLOG=examples/data/hiring-log.jsonl -P run_audit_demo.cmake
cmake_policy(SET CMP0007 NEW)
message("\n$ hireguard-audit ${LOG}")
execute_process(COMMAND ${AUDIT} ${LOG} RESULT_VARIABLE code)
message("(exit code ${code}: 0 = clean, 1 = violations found, 2 = unusable input)")
if(NOT code EQUAL 1)
  message(FATAL_ERROR "hireguard-audit should have found the sample's violations (exit code 1), got ${code}")
endif()
