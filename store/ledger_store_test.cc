#include "store/ledger_store.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <future>
#include <set>
#include <thread>

#include "ledger/checkpoint.h"
#include "ledger/merkle.h"
#include "store/ledger_test_util.h"
#include "store/pg_conn.h"
#include "store/pg_test_util.h"
#include "store/store.h"
#include "store/store_factory.h"

namespace kapi::store {
namespace {

using testing::MakeEvent;
using testing::OptionsFor;
using testing::TempDir;

std::unique_ptr<LedgerStore> Open(const LedgerOptions& o) {
  auto s = OpenLedgerStore(o);
  EXPECT_TRUE(s.ok()) << s.status().ToString();
  return s.ok() ? std::move(*s) : nullptr;
}

// Checks a proof bundle the way an outside verifier would: only the bundle and the vkey.
void ExpectProofChecksOut(const InclusionProofBundle& b, const std::string& vkey) {
  auto verifier = ledger::NoteVerifier::FromVerifierKey(vkey);
  ASSERT_TRUE(verifier.ok());
  auto cp = ledger::OpenCheckpoint(*verifier, b.checkpoint.note);
  ASSERT_TRUE(cp.ok()) << cp.status().ToString();
  EXPECT_EQ(cp->size, b.tree_size);
  EXPECT_TRUE(
      ledger::VerifyInclusion(b.seq, b.tree_size, ledger::HashLeaf(b.frame), b.path, cp->root)
          .ok());
}

enum class LedgerBackend { kSqlite, kPostgres };

// Every test here runs against both backends: SQLite in a temp dir, and PostgreSQL in a schema of
// its own on the test cluster (keys still in the temp dir).
class LedgerStoreTest : public ::testing::TestWithParam<LedgerBackend> {
 protected:
  void SetUp() override {
    if (GetParam() == LedgerBackend::kPostgres) {
      KAPI_NEED_TEST_POSTGRES();
      auto schema = testing::PgTestSchema::Create(*testing::TestDatabaseUrl());
      ASSERT_TRUE(schema.ok()) << schema.status().ToString();
      schema_ = std::move(*schema);
    }
  }
  bool pg() const { return GetParam() == LedgerBackend::kPostgres; }
  LedgerOptions Options() const {
    LedgerOptions o = OptionsFor(dir_.path());
    if (schema_) o.database_url = schema_->url();
    return o;
  }
  // The first column of the first row, as bytes, read with the backend's own client.
  std::string Query(const std::string& sql) const {
    if (!pg()) return testing::RawQuery(Options().path, sql);
    auto db = pg::Connection::Open({.url = schema_->url()});
    if (!db.ok()) return {};
    auto r = (*db)->Exec(sql);
    return r.ok() && !r->empty() ? r->Bytes(0, 0) : std::string();
  }

  // Every byte the backend keeps for the ledger: SQLite's files, or PostgreSQL's live rows (dead
  // row versions and WAL are not visible to SQL; docs/ledger.md says what that means).
  std::string AllBytes() const {
    if (!pg()) return testing::AllDbBytes(Options().path);
    std::string all;
    for (const char* sql :
         {"SELECT string_agg(frame || leaf_hash, ''::bytea) FROM ledger_leaves",
          "SELECT string_agg(hash, ''::bytea) FROM ledger_nodes",
          "SELECT string_agg(COALESCE(sealed, ''::bytea) || convert_to(person_id, 'UTF8'), "
          "''::bytea) FROM ledger_payloads",
          "SELECT string_agg(COALESCE(wrapped_key, ''::bytea), ''::bytea) FROM ledger_persons",
          "SELECT root || compact_range || convert_to(note, 'UTF8') FROM ledger_head",
          "SELECT string_agg(convert_to(note, 'UTF8'), ''::bytea) FROM ledger_checkpoints",
          "SELECT convert_to(verifier_key, 'UTF8') || payload_key_check FROM ledger_keys"}) {
      all += Query(sql);
    }
    return all;
  }

  TempDir dir_;
  std::unique_ptr<testing::PgTestSchema> schema_;
};

INSTANTIATE_TEST_SUITE_P(Backends, LedgerStoreTest,
                         ::testing::Values(LedgerBackend::kSqlite, LedgerBackend::kPostgres),
                         [](const auto& param) {
                           return param.param == LedgerBackend::kSqlite ? "Sqlite" : "Postgres";
                         });

TEST_P(LedgerStoreTest, AppendsGetConsecutiveSeqsAndVerify) {
  auto store = Open(Options());
  ASSERT_TRUE(store);
  for (int i = 0; i < 50; ++i) {
    auto seq = store->Append(MakeEvent(i));
    ASSERT_TRUE(seq.ok()) << seq.status().ToString();
    EXPECT_EQ(*seq, static_cast<uint64_t>(i));
  }
  EXPECT_EQ(*store->Size(), 50u);
  auto cp = store->Checkpoint();
  ASSERT_TRUE(cp.ok()) << cp.status().ToString();
  EXPECT_EQ(cp->tree_size, 50u);
  auto report = store->Verify({});
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_TRUE(report->ok()) << report->problem->where << ": " << report->problem->what;
  EXPECT_EQ(report->leaves, 50u);
  EXPECT_EQ(report->payloads_checked, 17u);
  EXPECT_GE(report->checkpoints_checked, 2u);  // published + head
  EXPECT_EQ(report->root, cp->root);
}

TEST_P(LedgerStoreTest, ProofsCheckOutAgainstSignedCheckpoints) {
  auto store = Open(Options());
  for (int i = 0; i < 37; ++i) ASSERT_TRUE(store->Append(MakeEvent(i)).ok());
  ASSERT_TRUE(store->Checkpoint().ok());
  for (int i = 37; i < 45; ++i) ASSERT_TRUE(store->Append(MakeEvent(i)).ok());
  const std::string vkey = store->VerifierKey();
  for (uint64_t seq : {0u, 1u, 17u, 36u}) {
    auto b = store->Prove(seq);
    ASSERT_TRUE(b.ok()) << b.status().ToString();
    EXPECT_EQ(b->tree_size, 37u);  // the newest published checkpoint covering it
    ExpectProofChecksOut(*b, vkey);
  }
  auto tail = store->Prove(40);  // not yet in a published checkpoint: proved against the head
  ASSERT_TRUE(tail.ok()) << tail.status().ToString();
  EXPECT_EQ(tail->tree_size, 45u);
  ExpectProofChecksOut(*tail, vkey);
  EXPECT_EQ(store->Prove(45).status().code(), StatusCode::kNotFound);
  EXPECT_NE(tail->ToJson().find("\"format\": \"kapi-ledger-proof/v1\""), std::string::npos);

  auto cons = store->ProveConsistency(37, 45);
  ASSERT_TRUE(cons.ok());
  EXPECT_TRUE(ledger::VerifyConsistency(37, 45, cons->old_root, cons->new_root, cons->path).ok());
}

TEST_P(LedgerStoreTest, ReopenContinuesTheSameTree) {
  ledger::Hash root{};
  {
    auto store = Open(Options());
    for (int i = 0; i < 21; ++i) ASSERT_TRUE(store->Append(MakeEvent(i)).ok());
    root = store->Checkpoint()->root;
  }
  auto store = Open(Options());
  EXPECT_EQ(*store->Size(), 21u);
  EXPECT_EQ(*store->Append(MakeEvent(21)), 21u);
  auto report = store->Verify({});
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok());
  auto cons = store->ProveConsistency(21, 22);
  ASSERT_TRUE(cons.ok());
  EXPECT_EQ(cons->old_root, root);
}

TEST_P(LedgerStoreTest, ConcurrentAsyncAppendsAreBatchedAndComplete) {
  auto store = Open(Options());
  constexpr int kThreads = 4, kPerThread = 250;
  std::vector<std::thread> threads;
  std::mutex mu;
  std::set<uint64_t> seqs;
  std::atomic<int> pending{kThreads * kPerThread};
  std::promise<void> all_done;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        store->AppendAsync(MakeEvent(t * kPerThread + i), [&](Result<uint64_t> r) {
          EXPECT_TRUE(r.ok());
          if (r.ok()) {
            std::lock_guard lock(mu);
            seqs.insert(*r);
          }
          if (--pending == 0) all_done.set_value();
        });
      }
    });
  }
  for (auto& th : threads) th.join();
  all_done.get_future().wait();
  ASSERT_EQ(seqs.size(), static_cast<size_t>(kThreads * kPerThread));
  EXPECT_EQ(*seqs.rbegin(), static_cast<uint64_t>(kThreads * kPerThread - 1));
  auto report = store->Verify({});
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok()) << report->problem->what;
}

TEST_P(LedgerStoreTest, AnIdempotencyKeyAppendsItsEventOnce) {
  auto store = Open(Options());
  ledger::AuditEvent e = MakeEvent(1);
  e.idempotency_key = "intake:case:7";
  ASSERT_TRUE(store->Append(MakeEvent(0)).ok());
  auto first = store->Append(e);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(*first, 1u);
  e.time_ms += 5000;  // a retry later, maybe from another node
  EXPECT_EQ(*store->Append(e), 1u);
  // Concurrent retries in one group-commit batch still give one leaf.
  std::atomic<int> left{8};
  std::promise<void> done;
  for (int i = 0; i < 8; ++i) {
    ledger::AuditEvent again = MakeEvent(1);
    again.idempotency_key = "intake:case:8";
    store->AppendAsync(again, [&](Result<uint64_t> r) {
      EXPECT_TRUE(r.ok());
      if (r.ok()) {
        EXPECT_EQ(*r, 2u);
      }
      if (--left == 0) done.set_value();
    });
  }
  done.get_future().wait();
  EXPECT_EQ(*store->Size(), 3u);
  e.idempotency_key = "Deneme Kişi";
  EXPECT_EQ(store->Append(e).status().code(), StatusCode::kInvalidArgument);
  auto report = store->Verify({});
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok());
}

TEST_P(LedgerStoreTest, RefusesPersonalDataInThePublicFrame) {
  auto store = Open(Options());
  ledger::AuditEvent e = MakeEvent(1);
  e.subjects = {"tckn:" + testing::FakeTcKimlik(3)};
  EXPECT_EQ(store->Append(e).status().code(), StatusCode::kInvalidArgument);
  e = MakeEvent(1);
  e.actor = "Deneme Kişi";
  EXPECT_EQ(store->Append(e).status().code(), StatusCode::kInvalidArgument);
  e = MakeEvent(0);
  e.payload_json = "not json";
  EXPECT_EQ(store->Append(e).status().code(), StatusCode::kInvalidArgument);
  e = MakeEvent(0);
  e.type = ledger::EventType::kErasure;
  EXPECT_FALSE(store->Append(e).ok());
  EXPECT_EQ(*store->Size(), 0u);
}

TEST_P(LedgerStoreTest, KeysLiveOutsideTheDatabaseWithPrivateModes) {
  LedgerOptions o = Options();
  auto store = Open(o);
  ASSERT_TRUE(store->Append(MakeEvent(0)).ok());
  store->Close();
  for (const std::string& path : {o.signing_key_path, o.payload_key_path}) {
    struct stat st {};
    ASSERT_EQ(stat(path.c_str(), &st), 0) << path;
    EXPECT_EQ(st.st_mode & 0777, 0600u) << path;
    const std::string key = testing::FileBytes(path);
    EXPECT_EQ(AllBytes().find(key), std::string::npos) << path;
  }
}

TEST_P(LedgerStoreTest, ErasureLeavesNoPersonalDataButOldProofsStillVerify) {
  LedgerOptions o = Options();
  auto store = Open(o);
  const std::string name = "Zeynep Sınamaoğlu";
  const std::string tckn = testing::FakeTcKimlik(42);
  ledger::AuditEvent e;
  e.type = ledger::EventType::kHumanDecision;
  e.actor = "user:3";
  e.subjects = {"case:9"};
  e.attributes = {{"decision", "override"}};
  e.person_id = "person:zs1";
  e.payload_json = R"({"reason":"Başvuru sahibi )" + name + R"( aradı","tckn":")" + tckn + "\"}";
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(store->Append(MakeEvent(i)).ok());
  auto seq = store->Append(e);
  ASSERT_TRUE(seq.ok()) << seq.status().ToString();
  ASSERT_TRUE(store->Append(e).ok());  // a second payload of the same person
  for (int i = 10; i < 20; ++i) ASSERT_TRUE(store->Append(MakeEvent(i)).ok());
  ASSERT_TRUE(store->Checkpoint().ok());
  auto payload = store->ReadPayload(*seq);
  ASSERT_TRUE(payload.ok()) << payload.status().ToString();
  EXPECT_NE(payload->find(name), std::string::npos);
  auto proof_before = store->Prove(*seq);
  ASSERT_TRUE(proof_before.ok());

  const std::string sealed =
      Query("SELECT sealed FROM ledger_payloads WHERE seq = " + std::to_string(*seq));
  const std::string wrapped =
      Query("SELECT wrapped_key FROM ledger_persons WHERE person_id = 'person:zs1'");
  ASSERT_GT(sealed.size(), 40u);
  ASSERT_GT(wrapped.size(), 40u);
  std::string bytes = AllBytes();
  EXPECT_EQ(bytes.find(name), std::string::npos) << "plaintext must never reach the file";
  EXPECT_EQ(bytes.find(tckn), std::string::npos);
  EXPECT_NE(bytes.find(sealed), std::string::npos);

  auto erased = store->Erase("person:zs1", "user:kvkk1", "kvkk_request");
  ASSERT_TRUE(erased.ok()) << erased.status().ToString();
  EXPECT_EQ(erased->payloads_erased, 2u);
  EXPECT_TRUE(erased->scrubbed);
  EXPECT_EQ(store->ReadPayload(*seq).status().code(), StatusCode::kNotFound);

  bytes = AllBytes();
  EXPECT_EQ(bytes.find(name), std::string::npos);
  EXPECT_EQ(bytes.find(tckn), std::string::npos);
  EXPECT_EQ(bytes.find(sealed), std::string::npos) << "ciphertext must be gone";
  EXPECT_EQ(bytes.find(wrapped), std::string::npos) << "person key must be gone";
  EXPECT_EQ(bytes.find(sealed.substr(1 + 24, 16)), std::string::npos);

  // Old proofs still verify; the whole ledger still verifies, erasures accounted for.
  ExpectProofChecksOut(*proof_before, store->VerifierKey());
  auto proof_after = store->Prove(*seq);
  ASSERT_TRUE(proof_after.ok());
  ExpectProofChecksOut(*proof_after, store->VerifierKey());
  auto report = store->Verify({});
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok()) << report->problem->where << ": " << report->problem->what;
  EXPECT_EQ(report->payloads_erased, 2u);

  // Idempotent, and the person cannot be given new personal data under the same id.
  auto again = store->Erase("person:zs1", "user:kvkk1", "kvkk_request");
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->already_erased);
  EXPECT_EQ(again->erasure_seq, erased->erasure_seq);
  EXPECT_EQ(store->Append(e).status().code(), StatusCode::kFailedPrecondition);
}

TEST_P(LedgerStoreTest, SharesTheMainDatabaseFile) {
  auto main =
      OpenStore({.data_dir = dir_.path().string(), .database_url = pg() ? schema_->url() : ""});
  ASSERT_TRUE(main.ok()) << main.status().ToString();
  auto ledger = Open(Options());
  ASSERT_TRUE(ledger);
  cases::Unit unit;
  unit.code = "U1";
  unit.name = "Birim";
  for (int i = 0; i < 20; ++i) {
    ASSERT_TRUE(ledger->Append(MakeEvent(i)).ok());
    ASSERT_TRUE((*main)->UpsertUnit(unit).ok());
  }
  ASSERT_TRUE(ledger->Erase("person:p0", "system", "retention").ok());
  auto report = ledger->Verify({});
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok());
  EXPECT_EQ((*main)->ListUnits()->size(), 1u);
}

TEST_P(LedgerStoreTest, ScheduledCheckpointsAppearWhenTheTreeGrows) {
  LedgerOptions o = Options();
  o.checkpoint_interval_ms = 20;
  auto store = Open(o);
  ASSERT_TRUE(store->Append(MakeEvent(0)).ok());
  ASSERT_TRUE(store->Append(MakeEvent(1)).ok());
  for (int i = 0; i < 200; ++i) {
    auto cp = store->LatestCheckpoint();
    if (cp.ok() && cp->tree_size == 2) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  auto cp = store->LatestCheckpoint();
  ASSERT_TRUE(cp.ok());
  EXPECT_EQ(cp->tree_size, 2u);
}

TEST_P(LedgerStoreTest, ReadOnlyAuditorNeedsOnlyTheVerifierKey) {
  LedgerOptions o = Options();
  std::string vkey;
  {
    auto store = Open(o);
    for (int i = 0; i < 12; ++i) ASSERT_TRUE(store->Append(MakeEvent(i)).ok());
    vkey = store->VerifierKey();
  }
  std::filesystem::remove_all(dir_.path() / "keys");
  LedgerOptions ro;
  ro.path = o.path;
  ro.database_url = o.database_url;
  ro.read_only = true;
  ro.origin.clear();
  ro.verifier_key = vkey;
  ro.signing_key_path = (dir_.path() / "keys" / "none").string();
  ro.payload_key_path = (dir_.path() / "keys" / "none2").string();
  auto store = Open(ro);
  ASSERT_TRUE(store);
  auto report = store->Verify({});
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_TRUE(report->ok());
  EXPECT_EQ(report->payloads_unchecked, 4u);
  EXPECT_FALSE(std::filesystem::exists(dir_.path() / "keys" / "none"));
  auto proof = store->Prove(5);
  ASSERT_TRUE(proof.ok()) << proof.status().ToString();
  ExpectProofChecksOut(*proof, vkey);
  EXPECT_FALSE(store->Append(MakeEvent(99)).ok());
}

}  // namespace
}  // namespace kapi::store
