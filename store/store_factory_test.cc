#include "store/store_factory.h"

#include <gtest/gtest.h>

#include "store/store_test_util.h"

namespace kapi::store {
namespace {

TEST(StoreFactory, UrlChoosesTheBackend) {
  EXPECT_EQ(*BackendFor(""), Backend::kSqlite);
  EXPECT_EQ(*BackendFor("sqlite:/tmp/x.db"), Backend::kSqlite);
  EXPECT_EQ(*BackendFor("postgresql://kapi@127.0.0.1:5432/kapi"), Backend::kPostgres);
  EXPECT_EQ(*BackendFor("postgres://kapi@db/kapi"), Backend::kPostgres);
  auto bad = BackendFor("mysql://x");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().field(), "database_url");
}

TEST(StoreFactory, EmptyUrlOpensSqliteInTheDataDirectory) {
  testing::TempDir dir;
  auto store = OpenStore({.data_dir = dir.path().string(), .database_url = ""});
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  EXPECT_TRUE((*store)->Ping().ok());
  (*store)->Close();
  EXPECT_TRUE(std::filesystem::exists(dir.path() / "kapi.db"));
}

TEST(StoreFactory, UnreachablePostgresIsUnavailable) {
  // Port 1 on loopback refuses at once.
  auto store = OpenStore({.data_dir = "", .database_url = "postgresql://kapi@127.0.0.1:1/kapi"});
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kUnavailable);
}

TEST(StoreFactory, RedactsPasswords) {
  EXPECT_EQ(RedactDatabaseUrl("postgresql://kapi:s3cret@db:5432/kapi"),
            "postgresql://kapi:***@db:5432/kapi");
  EXPECT_EQ(RedactDatabaseUrl("postgresql://kapi@db/kapi"), "postgresql://kapi@db/kapi");
  EXPECT_EQ(RedactDatabaseUrl("host=db password=x user=k"), "host=db password=*** user=k");
}

}  // namespace
}  // namespace kapi::store
