#include "store/sqlite_backup.h"

#include <sys/stat.h>

#include <atomic>
#include <thread>

#include <gtest/gtest.h>

#include "store/store.h"
#include "store/store_test_util.h"

namespace kapi::store {
namespace {

using testing::MakeRequest;
using testing::TempDir;

TEST(SqliteBackup, CopyTakenDuringWritesOpensWithEveryEarlierRequest) {
  TempDir dir;
  const std::string db = (dir.path() / "kapi.db").string();
  const std::string backup = (dir.path() / "backup.db").string();
  auto store = OpenSqliteStore({.path = db});
  ASSERT_TRUE(store.ok());
  std::vector<std::string> before;
  for (int i = 0; i < 200; ++i) {
    auto r = (*store)->InsertRequest(MakeRequest("yedek öncesi " + std::to_string(i)));
    ASSERT_TRUE(r.ok());
    before.push_back(r->tracking_code);
  }
  std::atomic<bool> stop{false};
  std::thread writer([&] {
    while (!stop) (void)(*store)->InsertRequest(MakeRequest("yedek sırasında"));
  });
  auto stats = BackupSqlite(db, backup);
  stop = true;
  writer.join();
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_GE(stats->cases, 200);
  EXPECT_GE(stats->schema_version, 1);
  struct stat st {};
  ASSERT_EQ(stat(backup.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_FALSE(std::filesystem::exists(backup + ".partial"));
  (*store)->Close();

  // Restore: the backup opened as a store has every request stored before it started.
  TempDir restored;
  std::filesystem::copy_file(backup, restored.path() / "kapi.db");
  auto again = OpenSqliteStore({.path = (restored.path() / "kapi.db").string()});
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  for (const auto& code : before) EXPECT_TRUE((*again)->FindByTrackingCode(code).ok()) << code;
  EXPECT_EQ(*(*again)->CountCases(), stats->cases);
}

TEST(SqliteBackup, MissingSourceIsNotFound) {
  TempDir dir;
  auto r = BackupSqlite((dir.path() / "none.db").string(), (dir.path() / "b.db").string());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace kapi::store
