# `cmake --install` for hireguard: the headers, a CMake package
# (find_package(hireguard CONFIG) gives hireguard::hireguard, and hireguard::json
# when Boost.JSON is found; COMPONENTS sqlite postgres, the store's adapters),
# its version file, hireguard.pc for pkg-config, and the store's SQL schemas.
# Included from the root CMakeLists.txt when HIREGUARD_INSTALL is on.
#
# The library is header-only, so the package files go under the
# architecture-independent datadir: share/cmake/hireguard, share/pkgconfig.
# The store's adapters are compiled: their libraries go to the libdir.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(HIREGUARD_INSTALL_CMAKEDIR ${CMAKE_INSTALL_DATADIR}/cmake/hireguard
    CACHE STRING "Where hireguard's CMake package files are installed, relative to the prefix")
set(HIREGUARD_INSTALL_PKGCONFIGDIR ${CMAKE_INSTALL_DATADIR}/pkgconfig
    CACHE STRING "Where hireguard.pc is installed, relative to the prefix")
# The Boost release hireguard needs; the package config asks for the same.
set(HIREGUARD_BOOST_MINIMUM 1.81)

install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/hireguard
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
        FILES_MATCHING PATTERN "*.hpp")

install(TARGETS hireguard EXPORT hireguardTargets)
install(EXPORT hireguardTargets NAMESPACE hireguard:: DESTINATION ${HIREGUARD_INSTALL_CMAKEDIR})

# hireguard::json in an export set of its own: the package config loads it
# only when the consumer's Boost has Boost.JSON, so a consumer without it
# still finds hireguard::hireguard.
if(TARGET hireguard_json)
  install(TARGETS hireguard_json EXPORT hireguardJsonTargets)
  install(EXPORT hireguardJsonTargets NAMESPACE hireguard:: DESTINATION ${HIREGUARD_INSTALL_CMAKEDIR})
endif()

# hireguard::codecs, the lifecycle's codecs compiled once (COMPONENTS codecs),
# in an export set of its own, loaded after hireguard::json.
if(TARGET hireguard_codecs)
  install(TARGETS hireguard_codecs EXPORT hireguardCodecsTargets)
  install(EXPORT hireguardCodecsTargets NAMESPACE hireguard:: DESTINATION ${HIREGUARD_INSTALL_CMAKEDIR})
endif()

# hireguard::audit (the audit library, <hireguard/audit/...>: hireguard::json
# and simdjson) likewise, loaded when COMPONENTS audit is asked for.
if(TARGET hireguard_audit)
  install(TARGETS hireguard_audit EXPORT hireguardAuditTargets)
  install(EXPORT hireguardAuditTargets NAMESPACE hireguard:: DESTINATION ${HIREGUARD_INSTALL_CMAKEDIR})
endif()

# The store's adapters, compiled libraries, each in an export set of its own
# that the package config loads when its component is asked for
# (COMPONENTS sqlite postgres), after finding the client library it links.
if(TARGET hireguard_sqlite)
  install(TARGETS hireguard_sqlite EXPORT hireguardSqliteTargets)
  install(EXPORT hireguardSqliteTargets NAMESPACE hireguard:: DESTINATION ${HIREGUARD_INSTALL_CMAKEDIR})
endif()
if(TARGET hireguard_postgres)
  install(TARGETS hireguard_postgres EXPORT hireguardPostgresTargets)
  install(EXPORT hireguardPostgresTargets NAMESPACE hireguard:: DESTINATION ${HIREGUARD_INSTALL_CMAKEDIR})
endif()
# The schemas the adapters create, for a host's own migrations and tools.
install(FILES ${PROJECT_SOURCE_DIR}/sql/sqlite/schema.sql DESTINATION ${CMAKE_INSTALL_DATADIR}/hireguard/sql/sqlite)
install(FILES ${PROJECT_SOURCE_DIR}/sql/postgres/schema.sql DESTINATION ${CMAKE_INSTALL_DATADIR}/hireguard/sql/postgres)

configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/hireguardConfig.cmake.in
                              ${PROJECT_BINARY_DIR}/hireguardConfig.cmake
                              INSTALL_DESTINATION ${HIREGUARD_INSTALL_CMAKEDIR})
# While the major version is 0, a minor release may change the API (Semantic
# Versioning, item 4): a request for 0.1 accepts 0.1.x and nothing else. From
# 1.0 on, SameMajorVersion.
if(PROJECT_VERSION_MAJOR EQUAL 0)
  set(hireguard_compatibility SameMinorVersion)
else()
  set(hireguard_compatibility SameMajorVersion)
endif()
write_basic_package_version_file(${PROJECT_BINARY_DIR}/hireguardConfigVersion.cmake
                                 VERSION ${PROJECT_VERSION}
                                 COMPATIBILITY ${hireguard_compatibility}
                                 ARCH_INDEPENDENT)
install(FILES ${PROJECT_BINARY_DIR}/hireguardConfig.cmake ${PROJECT_BINARY_DIR}/hireguardConfigVersion.cmake
        DESTINATION ${HIREGUARD_INSTALL_CMAKEDIR})

# pkg-config: the include directory, plus Boost's when the compiler does not
# search it already (Debian's Boost ships no .pc file to require).
set(HIREGUARD_PC_CFLAGS "-I\${includedir}")
foreach(dir IN LISTS Boost_INCLUDE_DIRS)
  if(NOT dir IN_LIST CMAKE_CXX_IMPLICIT_INCLUDE_DIRECTORIES AND NOT dir STREQUAL "/usr/include")
    string(APPEND HIREGUARD_PC_CFLAGS " -I${dir}")
  endif()
endforeach()
if(IS_ABSOLUTE ${CMAKE_INSTALL_INCLUDEDIR})
  set(HIREGUARD_PC_INCLUDEDIR ${CMAKE_INSTALL_INCLUDEDIR})
else()
  set(HIREGUARD_PC_INCLUDEDIR "\${prefix}/${CMAKE_INSTALL_INCLUDEDIR}")
endif()
# The prefix relative to the .pc file, so that the installed tree can move.
file(RELATIVE_PATH HIREGUARD_PC_TO_PREFIX /prefix/${HIREGUARD_INSTALL_PKGCONFIGDIR} /prefix)
string(REGEX REPLACE "/$" "" HIREGUARD_PC_TO_PREFIX "${HIREGUARD_PC_TO_PREFIX}")
configure_file(${CMAKE_CURRENT_LIST_DIR}/hireguard.pc.in ${PROJECT_BINARY_DIR}/hireguard.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/hireguard.pc DESTINATION ${HIREGUARD_INSTALL_PKGCONFIGDIR})
