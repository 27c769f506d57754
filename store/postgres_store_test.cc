// PostgreSQL-specific behaviour beyond the conformance suite: losing connections.

#include "store/postgres_store.h"

#include <thread>

#include <gtest/gtest.h>

#include "store/pg_conn.h"
#include "store/pg_test_util.h"
#include "store/store_test_util.h"

namespace kapi::store {
namespace {

using testing::MakeRequest;

// Kills every server process serving kapi connections in `schema`'s database except our own.
void TerminateKapiConnections(const std::string& url) {
  auto admin = pg::Connection::Open({.url = url, .application_name = "test-admin"});
  ASSERT_TRUE(admin.ok()) << admin.status().ToString();
  auto r = (*admin)->Exec(
      "SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity "
      "WHERE application_name LIKE 'kapi-%' AND datname = current_database() "
      "AND pid <> pg_backend_pid()");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_GE(r->Int(0, 0), 2);
}

TEST(PostgresStore, ReconnectsAfterItsConnectionsAreKilled) {
  KAPI_NEED_TEST_POSTGRES();
  auto schema = testing::PgTestSchema::Create(*testing::TestDatabaseUrl());
  ASSERT_TRUE(schema.ok()) << schema.status().ToString();
  auto store = OpenPostgresStore({.url = (*schema)->url(), .read_connections = 1});
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  ASSERT_TRUE((*store)->InsertRequest(MakeRequest("önce")).ok());
  TerminateKapiConnections((*schema)->url());
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  // The dead connections are noticed before use, so the next calls succeed or, at worst, fail
  // cleanly as unavailable; within a second everything works again.
  bool wrote = false;
  for (int i = 0; i < 20 && !wrote; ++i) {
    auto r = (*store)->InsertRequest(MakeRequest("sonra"));
    if (!r.ok()) {
      EXPECT_EQ(r.status().code(), StatusCode::kUnavailable) << r.status().ToString();
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    wrote = r.ok();
  }
  EXPECT_TRUE(wrote);
  EXPECT_TRUE((*store)->Ping().ok());
  auto count = (*store)->CountCases();
  ASSERT_TRUE(count.ok()) << count.status().ToString();
  EXPECT_EQ(*count, 2);
  (*store)->Close();
}

TEST(PostgresStore, UnreachableDatabaseFailsAsUnavailable) {
  auto store = OpenPostgresStore({.url = "postgresql://kapi@127.0.0.1:1/kapi"});
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kUnavailable);
  EXPECT_EQ(store.status().reason(), "database_unavailable");
}

TEST(PostgresStore, NewerSchemaIsRefused) {
  KAPI_NEED_TEST_POSTGRES();
  auto schema = testing::PgTestSchema::Create(*testing::TestDatabaseUrl());
  ASSERT_TRUE(schema.ok());
  {
    auto store = OpenPostgresStore({.url = (*schema)->url()});
    ASSERT_TRUE(store.ok());
    (*store)->Close();
  }
  auto db = pg::Connection::Open({.url = (*schema)->url()});
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE((*db)->ExecScript("INSERT INTO schema_migrations VALUES (999, 'future', 'x')").ok());
  auto store = OpenPostgresStore({.url = (*schema)->url()});
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace kapi::store
