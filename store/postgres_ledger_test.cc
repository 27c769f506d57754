// The PostgreSQL ledger as several nodes see it, where it differs from SQLite: a node with foreign
// keys refuses to start, `kapi audit` reads the shared ledger through a URL. Sharing one sequence,
// one tree, erasures and person keys between writers is in ledger_shared_test.cc (both
// backends); the rest in ledger_store_test.cc and ledger_tamper_test.cc.

#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "store/ledger_audit.h"
#include "store/ledger_store.h"
#include "store/ledger_test_util.h"
#include "store/pg_conn.h"
#include "store/pg_test_util.h"

namespace kapi::store {
namespace {

using testing::MakeEvent;
using testing::TempDir;

class PostgresLedger : public ::testing::Test {
 protected:
  void SetUp() override {
    KAPI_NEED_TEST_POSTGRES();
    auto schema = testing::PgTestSchema::Create(*testing::TestDatabaseUrl());
    ASSERT_TRUE(schema.ok()) << schema.status().ToString();
    schema_ = std::move(*schema);
  }

  // Node `n`'s options: its own data dir; key files copied from node 0's when `same_keys`.
  LedgerOptions NodeOptions(int n, bool same_keys = true) {
    LedgerOptions o = testing::OptionsFor(dirs_[n].path());
    o.database_url = schema_->url();
    if (n > 0 && same_keys) testing::CopyLedgerKeys(dirs_[0].path(), dirs_[n].path());
    return o;
  }

  std::unique_ptr<LedgerStore> Open(const LedgerOptions& o) {
    auto s = OpenPostgresLedgerStore(o);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? std::move(*s) : nullptr;
  }

  std::unique_ptr<testing::PgTestSchema> schema_;
  TempDir dirs_[2];
};

TEST_F(PostgresLedger, NodeWithAnotherSigningKeyRefusesToStart) {
  auto a = Open(NodeOptions(0));
  ASSERT_TRUE(a);
  ASSERT_TRUE(a->Append(MakeEvent(0)).ok());
  auto b = OpenPostgresLedgerStore(NodeOptions(1, /*same_keys=*/false));
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(b.status().message().find("signing key"), std::string::npos) << b.status().ToString();
  EXPECT_EQ(*a->Size(), 1u);
}

TEST_F(PostgresLedger, NodeWithAnotherPayloadKeyRefusesToStart) {
  auto a = Open(NodeOptions(0));
  ASSERT_TRUE(a);
  LedgerOptions o = NodeOptions(1);
  std::filesystem::remove(o.payload_key_path);  // a fresh one is created: not the shared key
  auto b = OpenPostgresLedgerStore(o);
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(b.status().message().find("payload key"), std::string::npos) << b.status().ToString();
}

TEST_F(PostgresLedger, AuditVerifyWithADatabaseUrlChecksTheSharedLedger) {
  {
    auto a = Open(NodeOptions(0));
    auto b = Open(NodeOptions(1));
    ASSERT_TRUE(a && b);
    for (int i = 0; i < 30; ++i) ASSERT_TRUE((i % 2 ? a : b)->Append(MakeEvent(i)).ok());
  }
  AuditCommandOptions o;
  o.data_dir = dirs_[1].path().string();  // any node's keys
  o.database_url = schema_->url();
  std::ostringstream out, err;
  EXPECT_EQ(RunAuditVerify(o, out, err), 0) << err.str();
  std::ostringstream proof, perr;
  EXPECT_EQ(RunAuditProve(o, "17", 0, proof, perr), 0) << perr.str();
  EXPECT_NE(proof.str().find("kapi-ledger-proof/v1"), std::string::npos);
  // A superuser edits a row by SQL: verify fails (exit 1) naming the seq.
  auto db = pg::Connection::Open({.url = schema_->url()});
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE((*db)->ExecScript("DELETE FROM ledger_leaves WHERE seq = 11").ok());
  std::ostringstream out2, err2;
  EXPECT_EQ(RunAuditVerify(o, out2, err2), 1);
  EXPECT_NE(out2.str().find("(first bad sequence number): 11\n"), std::string::npos) << out2.str();
}

TEST_F(PostgresLedger, ReadOnlyOpenOfAnEmptyDatabaseSaysThereIsNoLedger) {
  LedgerOptions o = NodeOptions(0);
  o.read_only = true;
  auto s = OpenPostgresLedgerStore(o);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace kapi::store
