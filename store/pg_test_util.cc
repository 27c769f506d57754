#include "store/pg_test_util.h"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>

#include "store/pg_conn.h"

namespace kapi::store::testing {

std::optional<std::string> TestDatabaseUrl() {
  const char* url = std::getenv("KAPI_TEST_DATABASE_URL");
  if (!url || !*url) return std::nullopt;
  return std::string(url);
}

bool PostgresRequired() {
  auto set = [](const char* name) {
    const char* v = std::getenv(name);
    return v && *v && std::string(v) != "0" && std::string(v) != "false";
  };
  return set("KAPI_REQUIRE_POSTGRES") || set("CI");
}

Result<std::unique_ptr<PgTestSchema>> PgTestSchema::Create(const std::string& base_url) {
  static std::atomic<int> counter{0};
  const auto now = std::chrono::steady_clock::now().time_since_epoch().count();
  const std::string name = "t_" + std::to_string(getpid()) + "_" +
                           std::to_string(counter.fetch_add(1)) + "_" +
                           std::to_string(static_cast<uint64_t>(now) % 1'000'000);
  auto db = pg::Connection::Open({.url = base_url});
  if (!db.ok()) return db.status();
  KAPI_RETURN_IF_ERROR((*db)->ExecScript("CREATE SCHEMA " + name));
  return std::unique_ptr<PgTestSchema>(
      new PgTestSchema(base_url, name, pg::WithSearchPath(base_url, name)));
}

PgTestSchema::~PgTestSchema() {
  auto db = pg::Connection::Open({.url = base_url_});
  if (db.ok()) (void)(*db)->ExecScript("DROP SCHEMA IF EXISTS " + name_ + " CASCADE");
}

}  // namespace kapi::store::testing
