// Backups are only as good as their restore (issue 8, item 6). Both procedures of
// docs/deployment.md, run for real:
// - SQLite: `kapi backup` while the server takes requests, then restore into a fresh data
//   directory (backup file as kapi.db + the keys) and serve from it.
// - PostgreSQL: pg_basebackup of the running cluster (scripts/pg-test-cluster basebackup), the copy
//   started as a new cluster, and a node serving from it.
// In both, every request acknowledged before the backup started is there with its tracking code.

#include <signal.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <thread>

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include "store/pg_conn.h"
#include "store/pg_test_util.h"
#include "tests/server_process.h"

namespace kapi::testing {
namespace {

using nlohmann::json;

std::string BodyFor(const std::string& key) {
  return json{{"text", "Yedekleme sınaması " + key + " çöp toplanmadı"},
              {"channel", "web"},
              {"idempotency_key", key}}
      .dump();
}

std::map<std::string, std::string> PostMany(int port, const std::string& prefix, int n) {
  std::map<std::string, std::string> acked;
  HttpConnection conn(port);
  for (int i = 0; i < n; ++i) {
    std::string key = prefix + std::to_string(i);
    auto r =
        conn.Send("POST", "/api/v1/requests", BodyFor(key), {{"Content-Type", "application/json"}});
    EXPECT_EQ(r.status, 201) << r.body;
    if (r.status == 201) acked[key] = json::parse(r.body)["tracking_code"];
  }
  return acked;
}

void ExpectAllPresent(int port, const std::map<std::string, std::string>& acked) {
  HttpConnection conn(port);
  for (const auto& [key, code] : acked) {
    auto r =
        conn.Send("POST", "/api/v1/requests", BodyFor(key), {{"Content-Type", "application/json"}});
    ASSERT_EQ(r.status, 200) << "request " << key << " is missing after the restore: " << r.body;
    EXPECT_EQ(json::parse(r.body)["tracking_code"], code);
  }
}

void CopyKeys(const std::string& from_dir, const std::string& to_dir) {
  std::filesystem::create_directories(to_dir);
  std::filesystem::copy(from_dir + "/keys", to_dir + "/keys",
                        std::filesystem::copy_options::recursive);
}

TEST(BackupRestore, SqliteOnlineBackupRestoresIntoAFreshDataDirectory) {
  TempDataDir live, restored, out;
  std::map<std::string, std::string> before;
  {
    ServerProcess server(live.path(), {"--access-log", "false"});
    ASSERT_TRUE(server.started());
    before = PostMany(server.port(), "sq-before-", 150);
    // Writes keep coming while the backup runs.
    std::thread more([&] { PostMany(server.port(), "sq-during-", 150); });
    const std::string backup = out.path() + "/kapi-backup.db";
    const std::string summary = out.path() + "/summary.json";
    EXPECT_EQ(RunKapi({"backup", "--data-dir", live.path(), "--out", backup}, "", summary), 0);
    more.join();
    std::ifstream in(summary);
    json s = json::parse(in, nullptr, false);
    ASSERT_FALSE(s.is_discarded());
    EXPECT_EQ(s["integrity"], "ok");
    EXPECT_GE(s["cases"].get<int64_t>(), 150);
    server.StopWith(SIGTERM);
    CopyKeys(live.path(), restored.path());
    std::filesystem::copy_file(backup, restored.path() + "/kapi.db");
  }
  ServerProcess again(restored.path(), {"--access-log", "false"});
  ASSERT_TRUE(again.started());
  ExpectAllPresent(again.port(), before);
}

TEST(BackupRestore, BackupCommandPointsPostgresUsersToPgBasebackup) {
  TempDataDir dir;
  const std::string err = dir.path() + "/err.txt";
  EXPECT_EQ(RunKapi({"backup", "--data-dir", dir.path(), "--database-url",
                     "postgresql://kapi@127.0.0.1:1/kapi", "--out", dir.path() + "/x.db"},
                    "", "/dev/null", err),
            2);
  std::ifstream in(err);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("pg_basebackup"), std::string::npos) << text;
}

TEST(BackupRestore, PostgresBaseBackupRestoresIntoANewCluster) {
  KAPI_NEED_TEST_POSTGRES();
  const char* pg_dir = std::getenv("KAPI_TEST_PG_DIR");
  ASSERT_TRUE(pg_dir && *pg_dir) << "KAPI_TEST_PG_DIR is not set";
  auto schema = store::testing::PgTestSchema::Create(*store::testing::TestDatabaseUrl());
  ASSERT_TRUE(schema.ok()) << schema.status().ToString();
  TempDataDir node_dir, restored_dir;
  // Not inside a TempDataDir (mode 0700, ours): the cluster's unprivileged owner must reach it.
  const std::string backup_dir =
      (std::filesystem::temp_directory_path() / ("kapi-pgbb-" + (*schema)->name())).string();
  std::map<std::string, std::string> before;
  std::string restored_url;
  {
    ServerProcess node(node_dir.path(),
                       {"--database-url", (*schema)->url(), "--access-log", "false"});
    ASSERT_TRUE(node.started());
    before = PostMany(node.port(), "pg-before-", 150);
    std::thread more([&] { PostMany(node.port(), "pg-during-", 100); });
    const std::string cmd = std::string(KAPI_SOURCE_DIR) + "/scripts/pg-test-cluster basebackup " +
                            pg_dir + " " + backup_dir;
    FILE* p = popen(cmd.c_str(), "r");
    ASSERT_NE(p, nullptr);
    char line[512] = {};
    if (fgets(line, sizeof line, p)) restored_url = line;
    EXPECT_EQ(pclose(p), 0);
    more.join();
    node.StopWith(SIGTERM);
  }
  while (!restored_url.empty() && restored_url.back() == '\n') restored_url.pop_back();
  ASSERT_EQ(restored_url.rfind("postgresql://", 0), 0u) << restored_url;
  CopyKeys(node_dir.path(), restored_dir.path());
  {
    ServerProcess restored(
        restored_dir.path(),
        {"--database-url", store::pg::WithSearchPath(restored_url, (*schema)->name()),
         "--access-log", "false"});
    EXPECT_TRUE(restored.started());
    if (restored.started()) ExpectAllPresent(restored.port(), before);
  }
  std::system((std::string(KAPI_SOURCE_DIR) + "/scripts/pg-test-cluster stop " + backup_dir +
               " >/dev/null 2>&1")
                  .c_str());
}

}  // namespace
}  // namespace kapi::testing
