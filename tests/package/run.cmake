# One step of the package test (tests/package/CMakeLists.txt):
#   STEP=install           configure hireguard's source alone (no tests, examples or
#                          tools) and install it into WORK/prefix
#   STEP=find_package      build and run the consumer through find_package(hireguard CONFIG)
#   STEP=pkg_config        pkg-config --cflags hireguard against WORK/prefix, and compile
#                          and run the consumer's main.cpp with those flags
#   STEP=source_tree       compile and run the consumer with -I<source>/include (and
#                          -lboost_json for the JSON one), without CMake or an install
#   STEP=add_subdirectory  build and run the consumer with add_subdirectory(<source>)
#   STEP=fetchcontent      build and run the consumer with FetchContent (SOURCE_DIR, no network)
# Other variables: SOURCE (hireguard's source tree), WORK (scratch directory),
# CXX (the compiler of the build), JSON (ON to use hireguard::json too), SQLITE and
# POSTGRES (ON to build, install and use hireguard::sqlite, hireguard::postgres),
# GENERATOR (CMake generator), PKG_CONFIG.
cmake_minimum_required(VERSION 3.25)

set(prefix ${WORK}/prefix)
set(consumer ${SOURCE}/tests/package/consumer)

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    string(REPLACE ";" " " command "${ARGN}")
    message(FATAL_ERROR "failed (${rc}): ${command}\n${out}\n${err}")
  endif()
  message(STATUS "${out}")
endfunction()

# Configure, build and run the consumer in WORK/<step>.
function(consumer_run step)
  set(build ${WORK}/${step})
  file(REMOVE_RECURSE ${build})
  run(${CMAKE_COMMAND} -S ${consumer} -B ${build} -G ${GENERATOR} -DCMAKE_CXX_COMPILER=${CXX}
      -DHIREGUARD_CONSUMER_MODE=${step} -DHIREGUARD_CONSUMER_JSON=${JSON} -DHIREGUARD_CONSUMER_AUDIT=${AUDIT}
      -DHIREGUARD_CONSUMER_SQLITE=${SQLITE}
      -DHIREGUARD_CONSUMER_POSTGRES=${POSTGRES} ${ARGN})
  run(${CMAKE_COMMAND} --build ${build})
  run(${build}/consumer)
  if(JSON)
    run(${build}/json_consumer)
    run(${build}/codecs_consumer)
  endif()
  if(AUDIT)
    run(${build}/audit_consumer)
  endif()
  if(SQLITE)
    run(${build}/sqlite_consumer)
  endif()
  if(POSTGRES)
    run(${build}/postgres_consumer)
  endif()
endfunction()

if(STEP STREQUAL "install")
  file(REMOVE_RECURSE ${WORK}/hireguard-build ${prefix})
  run(${CMAKE_COMMAND} -S ${SOURCE} -B ${WORK}/hireguard-build -G ${GENERATOR} -DCMAKE_CXX_COMPILER=${CXX}
      -DCMAKE_INSTALL_PREFIX=${prefix} -DHIREGUARD_BUILD_TESTS=OFF -DHIREGUARD_BUILD_EXAMPLES=OFF
      -DHIREGUARD_BUILD_TOOLS=OFF -DHIREGUARD_BUILD_SQLITE=${SQLITE} -DHIREGUARD_BUILD_POSTGRES=${POSTGRES})
  run(${CMAKE_COMMAND} --build ${WORK}/hireguard-build)
  run(${CMAKE_COMMAND} --install ${WORK}/hireguard-build)
  foreach(file IN ITEMS include/hireguard/hireguard.hpp include/hireguard/export/diagram.hpp
                        include/hireguard/core/machine.hpp include/hireguard/hiring/lifecycle.hpp
                        share/cmake/hireguard/hireguardConfig.cmake share/cmake/hireguard/hireguardConfigVersion.cmake
                        share/cmake/hireguard/hireguardTargets.cmake share/pkgconfig/hireguard.pc
                        share/hireguard/sql/sqlite/schema.sql share/hireguard/sql/postgres/schema.sql)
    if(NOT EXISTS ${prefix}/${file})
      message(FATAL_ERROR "not installed: ${file}")
    endif()
  endforeach()
  if(JSON AND NOT EXISTS ${prefix}/share/cmake/hireguard/hireguardCodecsTargets.cmake)
    message(FATAL_ERROR "not installed: hireguard::codecs's export set")
  endif()
  if(AUDIT AND NOT EXISTS ${prefix}/share/cmake/hireguard/hireguardAuditTargets.cmake)
    message(FATAL_ERROR "not installed: hireguard::audit's export set")
  endif()
  if(SQLITE AND NOT EXISTS ${prefix}/share/cmake/hireguard/hireguardSqliteTargets.cmake)
    message(FATAL_ERROR "not installed: hireguard::sqlite's export set")
  endif()
  if(POSTGRES AND NOT EXISTS ${prefix}/share/cmake/hireguard/hireguardPostgresTargets.cmake)
    message(FATAL_ERROR "not installed: hireguard::postgres's export set")
  endif()
elseif(STEP STREQUAL "find_package")
  # Only the temporary prefix: nothing installed elsewhere on the machine.
  consumer_run(find_package -DCMAKE_PREFIX_PATH=${prefix} -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF)
elseif(STEP STREQUAL "pkg_config")
  if(NOT PKG_CONFIG)
    message(FATAL_ERROR "pkg-config was not found: install pkg-config")
  endif()
  set(ENV{PKG_CONFIG_PATH} ${prefix}/share/pkgconfig)
  execute_process(COMMAND ${PKG_CONFIG} --cflags hireguard RESULT_VARIABLE rc OUTPUT_VARIABLE cflags
                  OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "pkg-config --cflags hireguard failed")
  endif()
  message(STATUS "pkg-config --cflags hireguard: ${cflags}")
  execute_process(COMMAND ${PKG_CONFIG} --modversion hireguard OUTPUT_VARIABLE version
                  OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(NOT version STREQUAL "0.1.0")
    message(FATAL_ERROR "pkg-config --modversion hireguard: '${version}', expected 0.1.0")
  endif()
  separate_arguments(flags UNIX_COMMAND "${cflags}")
  list(GET flags 0 first)
  string(REGEX REPLACE "^-I" "" include_dir "${first}")
  file(REAL_PATH ${include_dir} include_dir)
  file(REAL_PATH ${prefix}/include expected)
  if(NOT include_dir STREQUAL expected)
    message(FATAL_ERROR "pkg-config gives ${include_dir}, expected ${expected}")
  endif()
  # The commands of the README, after an install.
  file(MAKE_DIRECTORY ${WORK}/pkg_config)
  run(${CXX} -std=c++20 ${flags} ${consumer}/main.cpp -o ${WORK}/pkg_config/consumer)
  run(${WORK}/pkg_config/consumer)
  if(JSON)
    run(${CXX} -std=c++20 ${flags} ${consumer}/json_main.cpp -o ${WORK}/pkg_config/json_consumer -lboost_json)
    run(${WORK}/pkg_config/json_consumer)
  endif()
elseif(STEP STREQUAL "source_tree")
  # The commands of the README, from a source tree without installing.
  file(REMOVE_RECURSE ${WORK}/source_tree)
  file(MAKE_DIRECTORY ${WORK}/source_tree)
  run(${CXX} -std=c++20 -I${SOURCE}/include ${consumer}/main.cpp -o ${WORK}/source_tree/consumer)
  run(${WORK}/source_tree/consumer)
  if(JSON)
    run(${CXX} -std=c++20 -I${SOURCE}/include ${consumer}/json_main.cpp -o ${WORK}/source_tree/json_consumer
        -lboost_json)
    run(${WORK}/source_tree/json_consumer)
  endif()
elseif(STEP STREQUAL "add_subdirectory" OR STEP STREQUAL "fetchcontent")
  consumer_run(${STEP} -DHIREGUARD_SOURCE_DIR=${SOURCE})
else()
  message(FATAL_ERROR "unknown STEP: ${STEP}")
endif()
