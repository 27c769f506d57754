// Tamper tests: an attacker edits the database directly (change, delete, reorder, insert rows in
// every ledger table): the SQLite file, or the PostgreSQL tables with SQL as a database superuser
// would. Verify must fail and name the first bad sequence number and the place. Every test runs
// against both backends.

#include <gtest/gtest.h>

#include <regex>

#include "ledger/leaf_frame.h"
#include "ledger/merkle.h"
#include "store/ledger_store.h"
#include "store/ledger_test_util.h"
#include "store/pg_conn.h"
#include "store/pg_test_util.h"

namespace kapi::store {
namespace {

std::string Hex(std::string_view bytes) { return "X'" + ledger::ToHex(bytes) + "'"; }

enum class Backend { kSqlite, kPostgres };

class LedgerTamper : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    options_ = testing::OptionsFor(dir_.path());
    if (GetParam() == Backend::kPostgres) {
      KAPI_NEED_TEST_POSTGRES();
      auto schema = testing::PgTestSchema::Create(*testing::TestDatabaseUrl());
      ASSERT_TRUE(schema.ok()) << schema.status().ToString();
      schema_ = std::move(*schema);
      options_.database_url = schema_->url();
    }
    auto store = OpenLedgerStore(options_);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    for (int i = 0; i < 20; ++i) ASSERT_TRUE((*store)->Append(testing::MakeEvent(i)).ok());
    auto cp = (*store)->Checkpoint();
    ASSERT_TRUE(cp.ok());
    first_checkpoint_ = cp->note;
    for (int i = 20; i < 40; ++i) ASSERT_TRUE((*store)->Append(testing::MakeEvent(i)).ok());
    ASSERT_TRUE((*store)->Checkpoint().ok());
    auto report = (*store)->Verify({});
    ASSERT_TRUE(report.ok() && report->ok());
    (*store)->Close();
  }

  // Verifies read-only, as `kapi audit verify` does.
  LedgerVerifyReport Verify(const LedgerVerifyOptions& verify = {}) {
    LedgerOptions ro = options_;
    ro.read_only = true;
    auto store = OpenLedgerStore(ro);
    EXPECT_TRUE(store.ok()) << store.status().ToString();
    if (!store.ok()) return {};
    auto report = (*store)->Verify(verify);
    EXPECT_TRUE(report.ok()) << report.status().ToString();
    return report.ok() ? *report : LedgerVerifyReport{};
  }

  void ExpectFirstBad(uint64_t seq, std::string_view where_part) {
    LedgerVerifyReport r = Verify();
    ASSERT_FALSE(r.ok()) << "tampering went unnoticed";
    EXPECT_EQ(r.problem->seq, seq) << r.problem->where << ": " << r.problem->what;
    EXPECT_NE(r.problem->where.find(where_part), std::string::npos)
        << r.problem->where << ": " << r.problem->what;
  }

  std::string Frame(int seq) {
    return RawQuery("SELECT frame FROM ledger_leaves WHERE seq = " + std::to_string(seq));
  }

  // SQL written for SQLite; on PostgreSQL its blob literals are translated.
  void RawSql(const std::string& sql) {
    if (!schema_) return testing::RawSql(options_.path, sql);
    std::string pg_sql = std::regex_replace(sql, std::regex("X'([0-9a-f]*)'"), "'\\x$1'::bytea");
    pg_sql = std::regex_replace(pg_sql, std::regex("zeroblob\\(32\\)"),
                                "decode(repeat('00', 32), 'hex')");
    auto db = pg::Connection::Open({.url = schema_->url()});
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    Status s = (*db)->ExecScript(pg_sql);
    ASSERT_TRUE(s.ok()) << s.ToString() << " in: " << pg_sql;
  }

  std::string RawQuery(const std::string& sql) {
    if (!schema_) return testing::RawQuery(options_.path, sql);
    auto db = pg::Connection::Open({.url = schema_->url()});
    if (!db.ok()) return {};
    auto r = (*db)->Exec(sql);
    return r.ok() && !r->empty() ? r->Bytes(0, 0) : std::string();
  }

  void ExpectAppendsRefused() {
    auto store = OpenLedgerStore(options_);
    ASSERT_TRUE(store.ok());
    EXPECT_EQ((*store)->Append(testing::MakeEvent(1)).status().code(), StatusCode::kDataLoss);
  }

  testing::TempDir dir_;
  std::unique_ptr<testing::PgTestSchema> schema_;
  LedgerOptions options_;
  std::string first_checkpoint_;
};

TEST_P(LedgerTamper, IntactLedgerVerifies) { EXPECT_TRUE(Verify().ok()); }

TEST_P(LedgerTamper, ChangedFrameIsNamed) {
  std::string frame = Frame(13);
  frame[10] ^= 0x01;  // the event time
  RawSql("UPDATE ledger_leaves SET frame = " + Hex(frame) + " WHERE seq = 13");
  ExpectFirstBad(13, "ledger_leaves seq 13");
}

TEST_P(LedgerTamper, ChangedFrameWithRecomputedLeafHashIsCaughtByTheNodes) {
  auto f = *ledger::DecodeFrame(Frame(13));
  f.actor = "user:999";
  std::string frame = ledger::EncodeFrame(f);
  RawSql("UPDATE ledger_leaves SET frame = " + Hex(frame) +
         ", leaf_hash = " + Hex(ledger::AsBytes(ledger::HashLeaf(frame))) + " WHERE seq = 13");
  ExpectFirstBad(12, "ledger_nodes level 1 idx 6");  // the node over seq 12..13
}

TEST_P(LedgerTamper, ConsistentRewriteOfEverythingButTheSignaturesIsCaughtByCheckpoints) {
  // Rewrite seq 13 and recompute every leaf hash and node, as an attacker without the key can.
  ledger::MemoryTree tree;
  std::string sql = "BEGIN; DELETE FROM ledger_nodes;";
  for (int seq = 0; seq < 40; ++seq) {
    std::string frame = Frame(seq);
    if (seq == 13) {
      auto f = *ledger::DecodeFrame(frame);
      f.actor = "user:999";
      frame = ledger::EncodeFrame(f);
    }
    tree.AppendLeaf(frame);
    sql += "UPDATE ledger_leaves SET frame = " + Hex(frame) +
           ", leaf_hash = " + Hex(ledger::AsBytes(ledger::HashLeaf(frame))) +
           " WHERE seq = " + std::to_string(seq) + ";";
  }
  for (int level = 1; level < 6; ++level) {
    for (uint64_t idx = 0; idx < (40u >> level); ++idx) {
      sql += "INSERT INTO ledger_nodes VALUES (" + std::to_string(level) + "," +
             std::to_string(idx) + "," + Hex(ledger::AsBytes(*tree.PerfectNode(level, idx))) + ");";
    }
  }
  RawSql(sql + "COMMIT;");
  LedgerVerifyReport r = Verify();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.problem->seq, 0u);  // no earlier signed root matched: somewhere in 0..19
  EXPECT_NE(r.problem->what.find("0..19"), std::string::npos) << r.problem->what;
  EXPECT_NE(r.problem->where.find("tree_size 20"), std::string::npos) << r.problem->where;
  ExpectAppendsRefused();
}

TEST_P(LedgerTamper, DeletedRowIsNamed) {
  RawSql("DELETE FROM ledger_leaves WHERE seq = 7");
  ExpectFirstBad(7, "ledger_leaves seq 7");
  ExpectAppendsRefused();
}

TEST_P(LedgerTamper, DeletedLastRowIsNamed) {
  RawSql("DELETE FROM ledger_leaves WHERE seq = 39");
  ExpectFirstBad(39, "ledger_leaves seq 39");
}

TEST_P(LedgerTamper, ReorderedRowsAreNamed) {
  RawSql(
      "UPDATE ledger_leaves SET seq = -1 WHERE seq = 5;"
      "UPDATE ledger_leaves SET seq = 5 WHERE seq = 9;"
      "UPDATE ledger_leaves SET seq = 9 WHERE seq = -1;");
  ExpectFirstBad(5, "ledger_leaves seq 5");
}

TEST_P(LedgerTamper, RowInsertedAtTheEndIsNamed) {
  ledger::LeafFrame f = *ledger::DecodeFrame(Frame(39));
  f.seq = 40;
  f.commitment.reset();
  std::string frame = ledger::EncodeFrame(f);
  RawSql("INSERT INTO ledger_leaves VALUES (40, " + Hex(frame) + ", " +
         Hex(ledger::AsBytes(ledger::HashLeaf(frame))) + ")");
  ExpectFirstBad(40, "ledger_leaves seq 40");
  ExpectAppendsRefused();
}

TEST_P(LedgerTamper, RowInsertedBeforeTheStartIsNamed) {
  RawSql(
      "INSERT INTO ledger_leaves SELECT -3, frame, leaf_hash FROM "
      "ledger_leaves WHERE seq = 2");
  ExpectFirstBad(0, "ledger_leaves seq -3");
}

TEST_P(LedgerTamper, RowInsertedInTheMiddleIsNamed) {
  // Shift the tail up by one and slip a well-formed leaf in at seq 10.
  ledger::LeafFrame f = *ledger::DecodeFrame(Frame(10));
  f.actor = "user:intruder";
  f.commitment.reset();
  std::string frame = ledger::EncodeFrame(f);
  RawSql(
      "UPDATE ledger_leaves SET seq = seq + 1000 WHERE seq >= 10;"
      "UPDATE ledger_leaves SET seq = seq - 999 WHERE seq >= 1000;"
      "INSERT INTO ledger_leaves VALUES (10, " +
      Hex(frame) + ", " + Hex(ledger::AsBytes(ledger::HashLeaf(frame))) + ");");
  LedgerVerifyReport r = Verify();
  ASSERT_FALSE(r.ok());
  EXPECT_GE(r.problem->seq, 10u);
  EXPECT_LE(r.problem->seq, 11u);
}

TEST_P(LedgerTamper, ChangedPayloadIsNamed) {
  std::string sealed = RawQuery("SELECT sealed FROM ledger_payloads WHERE seq = 9");
  sealed[sealed.size() / 2] ^= 0x20;
  RawSql("UPDATE ledger_payloads SET sealed = " + Hex(sealed) + " WHERE seq = 9");
  ExpectFirstBad(9, "ledger_payloads seq 9");
}

TEST_P(LedgerTamper, PayloadMovedToAnotherLeafIsNamed) {
  RawSql(
      "UPDATE ledger_payloads SET sealed = (SELECT sealed FROM ledger_payloads WHERE seq = 3) "
      "WHERE seq = 18");
  ExpectFirstBad(18, "ledger_payloads seq 18");
}

TEST_P(LedgerTamper, DeletedOrSilentlyNulledPayloadIsNamed) {
  RawSql("UPDATE ledger_payloads SET sealed = NULL WHERE seq = 9");
  ExpectFirstBad(9, "ledger_payloads seq 9");
  RawSql("DELETE FROM ledger_payloads WHERE seq = 6");
  ExpectFirstBad(6, "ledger_payloads seq 6");
}

TEST_P(LedgerTamper, InsertedPayloadIsNamed) {
  RawSql(
      "INSERT INTO ledger_payloads SELECT 13, person_id, sealed FROM ledger_payloads "
      "WHERE seq = 12");
  ExpectFirstBad(13, "ledger_payloads seq 13");
}

TEST_P(LedgerTamper, ChangedPersonKeyIsNamed) {
  RawSql(
      "UPDATE ledger_persons SET wrapped_key = (SELECT wrapped_key FROM ledger_persons WHERE "
      "person_id = 'person:p1') WHERE person_id = 'person:p3'");
  ExpectFirstBad(3, "ledger_payloads seq 3");  // p3's first payload
}

TEST_P(LedgerTamper, ChangedNodeIsNamed) {
  RawSql("UPDATE ledger_nodes SET hash = zeroblob(32) WHERE level = 2 AND idx = 1");
  ExpectFirstBad(4, "ledger_nodes level 2 idx 1");
}

TEST_P(LedgerTamper, InsertedNodeIsNamed) {
  RawSql("INSERT INTO ledger_nodes VALUES (3, 7, zeroblob(32))");
  ExpectFirstBad(56, "ledger_nodes level 3 idx 7");
}

TEST_P(LedgerTamper, ChangedCheckpointIsNamed) {
  RawSql(
      "UPDATE ledger_checkpoints SET note = replace(note, '\n20\n', '\n21\n') "
      "WHERE tree_size = 20");
  ExpectFirstBad(19, "ledger_checkpoints tree_size 20");
}

TEST_P(LedgerTamper, DeletedHeadIsNamed) {
  RawSql("DELETE FROM ledger_head");
  ExpectFirstBad(0, "ledger_leaves seq 0");
}

TEST_P(LedgerTamper, TruncationIsCaughtByATrustedCheckpointKeptOutside) {
  // A superuser deletes the tail and every record of it; only a checkpoint held outside
  // the database shows that leaves 20..39 existed.
  LedgerOptions ro = options_;
  ro.read_only = true;
  std::string outside;
  {
    auto store = OpenLedgerStore(ro);
    ASSERT_TRUE(store.ok());
    outside = (*store)->LatestCheckpoint()->note;
  }
  std::string head = first_checkpoint_;
  RawSql(
      "DELETE FROM ledger_leaves WHERE seq >= 20; DELETE FROM ledger_payloads WHERE seq >= 20;"
      "DELETE FROM ledger_nodes WHERE (idx + 1) << level > 20;"
      "DELETE FROM ledger_checkpoints WHERE tree_size > 20;"
      "UPDATE ledger_head SET tree_size = 20, root = (SELECT root FROM ledger_checkpoints "
      "WHERE tree_size = 20), note = (SELECT note FROM ledger_checkpoints WHERE tree_size = "
      "20);");
  EXPECT_TRUE(Verify().ok()) << "without an outside checkpoint a rollback is undetectable";
  LedgerVerifyReport r = Verify({.trusted_checkpoints = {outside}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.problem->seq, 20u);
  EXPECT_NE(r.problem->what.find("trusted checkpoint"), std::string::npos) << r.problem->what;
}

INSTANTIATE_TEST_SUITE_P(Backends, LedgerTamper,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& param) {
                           return param.param == Backend::kSqlite ? "Sqlite" : "Postgres";
                         });

}  // namespace
}  // namespace kapi::store
