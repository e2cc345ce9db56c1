# Runs the hiring service twice on a new database: the first run's output
# must be the expected one, written by hand (data/service-output.txt); the
# second run must report every event delivered again with an id as a
# duplicate and deliver no notification again.
file(REMOVE ${DATABASE} ${DATABASE}-wal ${DATABASE}-shm)
execute_process(COMMAND ${SERVICE} ${DATABASE} INPUT_FILE ${INPUT} OUTPUT_VARIABLE first RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "hiring_service exited with ${rc}:\n${first}")
endif()
file(READ ${EXPECTED} expected)
if(NOT first STREQUAL expected)
  message(FATAL_ERROR "hiring_service printed:\n${first}\nexpected:\n${expected}")
endif()
execute_process(COMMAND ${SERVICE} ${DATABASE} INPUT_FILE ${INPUT} OUTPUT_VARIABLE second RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "hiring_service exited with ${rc} on the second run:\n${second}")
endif()
string(REGEX MATCHALL "duplicate of version" duplicates "${second}")
list(LENGTH duplicates n)
if(NOT n EQUAL 9 OR NOT second MATCHES "line 1: job exists\n" OR NOT second MATCHES "\n0 notifications delivered")
  message(FATAL_ERROR "the second run should report 9 duplicates and deliver nothing again:\n${second}")
endif()
