# Audits the background check's sample log with the host's own audit tool:
# the report must be the one written by hand, and the exit code 1 (findings).
execute_process(COMMAND ${TOOL} --threads 2 --no-progress ${LOG} OUTPUT_VARIABLE out ERROR_VARIABLE err
                RESULT_VARIABLE rc)
file(READ ${EXPECTED} expected)
if(NOT rc EQUAL 1 OR NOT out STREQUAL expected)
  message(FATAL_ERROR "background_check_audit exited with ${rc} and printed:\n${out}${err}\nexpected exit code 1 and:\n${expected}")
endif()
