#pragma once
// Test support for PostgreSQL-backed tests: the throw-away cluster started by
// scripts/pg-test-cluster (its URL in KAPI_TEST_DATABASE_URL) and a fresh schema per test.
//
// Without KAPI_TEST_DATABASE_URL a test fails when PostgreSQL is required (scripts/test and CI set
// KAPI_REQUIRE_POSTGRES=1, or CI is set) and is skipped with a message otherwise.

#include <memory>
#include <optional>
#include <string>

#include "base/status.h"

namespace kapi::store::testing {

std::optional<std::string> TestDatabaseUrl();
bool PostgresRequired();
inline constexpr const char* kNoPostgresMessage =
    "KAPI_TEST_DATABASE_URL is not set: start a cluster with `scripts/pg-test-cluster start` "
    "(scripts/test does this) to run the PostgreSQL tests";

// A schema created in the test database and dropped (with everything in it) on destruction.
// url() is the test URL with search_path set to it, so a store opened on it sees only this test.
class PgTestSchema {
 public:
  static Result<std::unique_ptr<PgTestSchema>> Create(const std::string& base_url);
  ~PgTestSchema();
  const std::string& url() const { return url_; }
  const std::string& name() const { return name_; }

 private:
  PgTestSchema(std::string base_url, std::string name, std::string url)
      : base_url_(std::move(base_url)), name_(std::move(name)), url_(std::move(url)) {}
  std::string base_url_;
  std::string name_;
  std::string url_;
};

}  // namespace kapi::store::testing

// In a TEST body or SetUp: fails or skips (see above) when there is no test cluster.
#define KAPI_NEED_TEST_POSTGRES()                                 \
  do {                                                            \
    if (!::kapi::store::testing::TestDatabaseUrl()) {             \
      if (::kapi::store::testing::PostgresRequired()) {           \
        FAIL() << ::kapi::store::testing::kNoPostgresMessage;     \
      }                                                           \
      GTEST_SKIP() << ::kapi::store::testing::kNoPostgresMessage; \
    }                                                             \
  } while (0)
