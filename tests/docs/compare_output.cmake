# Runs PROGRAM and requires its standard output to equal the file EXPECTED.
execute_process(COMMAND ${PROGRAM} RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "${PROGRAM} exited with ${result}:\n${out}${err}")
endif()
file(READ ${EXPECTED} expected)
if(NOT out STREQUAL expected)
  message(FATAL_ERROR "the output of ${PROGRAM} differs from the ```text block after it in the docs.\n"
                      "expected:\n${expected}\ngot:\n${out}")
endif()
