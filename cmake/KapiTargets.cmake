# Helpers that give every Kapı target the same warnings, include root and sanitizer flags.

# The shared datasets, seeds and specs (train/eval data, test vectors). Tests and tools read it.
set(KAPI_SHARED_DIR "${PROJECT_SOURCE_DIR}/../shared" CACHE PATH "Path to the shared data folder")

set(KAPI_WARNINGS -Wall -Wextra -Wno-unused-parameter -Wnon-virtual-dtor -Wshadow=local)
if(KAPI_SANITIZE)
  set(KAPI_SANITIZER_FLAGS -fsanitize=address,undefined -fno-omit-frame-pointer
      -fno-sanitize-recover=undefined)
endif()

function(kapi_apply_defaults target)
  target_compile_options(${target} PRIVATE ${KAPI_WARNINGS} ${KAPI_SANITIZER_FLAGS})
  target_link_options(${target} PRIVATE ${KAPI_SANITIZER_FLAGS})
  target_include_directories(${target} PUBLIC ${PROJECT_SOURCE_DIR})
endfunction()

# kapi_library(NAME SOURCES a.cc b.cc DEPS x y)
function(kapi_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  kapi_apply_defaults(${name})
  target_link_libraries(${name} PUBLIC ${ARG_DEPS})
endfunction()

# kapi_test(NAME SOURCES a_test.cc DEPS x LABELS unit|slow|integration)
# Unit tests are labelled "unit" so `ctest -L unit` runs only the fast ones.
function(kapi_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;LABELS" ${ARGN})
  if(NOT KAPI_BUILD_TESTS)
    return()
  endif()
  add_executable(${name} ${ARG_SOURCES})
  kapi_apply_defaults(${name})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gmock GTest::gtest_main)
  target_compile_definitions(${name} PRIVATE
    KAPI_SOURCE_DIR="${PROJECT_SOURCE_DIR}" KAPI_SHARED_DIR="${KAPI_SHARED_DIR}")
  if(NOT ARG_LABELS)
    set(ARG_LABELS unit)
  endif()
  add_test(NAME ${name} COMMAND ${name})
  set_tests_properties(${name} PROPERTIES LABELS "${ARG_LABELS}"
    ENVIRONMENT "KAPI_BINARY_DIR=${PROJECT_BINARY_DIR}")
endfunction()

# kapi_bench(NAME SOURCES a_bench.cc DEPS x)
function(kapi_bench name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  kapi_apply_defaults(${name})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} benchmark::benchmark)
  target_compile_definitions(${name} PRIVATE KAPI_SHARED_DIR="${KAPI_SHARED_DIR}")
endfunction()
