// Several writers on one ledger database share one log with one sequence and one tree, see each
// other's person keys, idempotency keys and erasures: PostgreSQL nodes on one database, and
// processes on one SQLite file (`kapi import` beside a running `kapi serve`). Each writer here is
// its own LedgerStore with its own connections, as a separate process or node would be.

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <set>
#include <thread>

#include "store/ledger_store.h"
#include "store/ledger_test_util.h"
#include "store/pg_test_util.h"

namespace kapi::store {
namespace {

using testing::MakeEvent;
using testing::TempDir;

enum class Backend { kSqlite, kPostgres };

class SharedLedger : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::kPostgres) {
      KAPI_NEED_TEST_POSTGRES();
      auto schema = testing::PgTestSchema::Create(*testing::TestDatabaseUrl());
      ASSERT_TRUE(schema.ok()) << schema.status().ToString();
      schema_ = std::move(*schema);
    }
  }

  // Writer `n`'s options: its own key directory holding copies of writer 0's keys, and the one
  // shared database (writer 0's SQLite file, or the PostgreSQL schema).
  LedgerOptions NodeOptions(int n) {
    LedgerOptions o = testing::OptionsFor(dirs_[n].path());
    if (schema_) {
      o.database_url = schema_->url();
    } else {
      o.path = testing::OptionsFor(dirs_[0].path()).path;
    }
    if (n > 0) testing::CopyLedgerKeys(dirs_[0].path(), dirs_[n].path());
    return o;
  }

  std::unique_ptr<LedgerStore> Open(const LedgerOptions& o) {
    auto s = OpenLedgerStore(o);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? std::move(*s) : nullptr;
  }

  std::unique_ptr<testing::PgTestSchema> schema_;
  TempDir dirs_[2];
};

INSTANTIATE_TEST_SUITE_P(Backends, SharedLedger,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& param) {
                           return param.param == Backend::kSqlite ? "Sqlite" : "Postgres";
                         });

TEST_P(SharedLedger, TwoNodesAppendingConcurrentlyShareOneSequenceAndOneTree) {
  auto a = Open(NodeOptions(0));
  ASSERT_TRUE(a);
  auto b = Open(NodeOptions(1));
  ASSERT_TRUE(b);
  constexpr int kThreadsPerNode = 3, kPerThread = 60;
  std::mutex mu;
  std::multiset<uint64_t> seqs;
  std::vector<std::thread> threads;
  for (int node = 0; node < 2; ++node) {
    for (int t = 0; t < kThreadsPerNode; ++t) {
      LedgerStore* store = node == 0 ? a.get() : b.get();
      threads.emplace_back([&, store, node, t] {
        for (int i = 0; i < kPerThread; ++i) {
          auto seq = store->Append(MakeEvent((node * kThreadsPerNode + t) * kPerThread + i));
          ASSERT_TRUE(seq.ok()) << seq.status().ToString();
          std::lock_guard lock(mu);
          seqs.insert(*seq);
        }
      });
    }
  }
  for (auto& th : threads) th.join();
  constexpr uint64_t kTotal = 2 * kThreadsPerNode * kPerThread;
  ASSERT_EQ(seqs.size(), kTotal);
  uint64_t expect = 0;
  for (uint64_t s : seqs) EXPECT_EQ(s, expect++) << "every seq exactly once";
  EXPECT_EQ(*a->Size(), kTotal);
  EXPECT_EQ(*b->Size(), kTotal);
  // Both nodes sign checkpoints of the one tree; either verifies it all.
  auto cp_a = a->Checkpoint();
  ASSERT_TRUE(cp_a.ok()) << cp_a.status().ToString();
  auto cp_b = b->Checkpoint();
  ASSERT_TRUE(cp_b.ok()) << cp_b.status().ToString();
  EXPECT_EQ(cp_a->tree_size, kTotal);
  EXPECT_EQ(cp_b->note, cp_a->note) << "no new checkpoint when the tree has not grown";
  for (LedgerStore* s : {a.get(), b.get()}) {
    auto report = s->Verify({});
    ASSERT_TRUE(report.ok()) << report.status().ToString();
    EXPECT_TRUE(report->ok()) << report->problem->where << ": " << report->problem->what;
    EXPECT_EQ(report->leaves, kTotal);
    EXPECT_EQ(report->root, cp_a->root);
  }
  // A proof from one node checks out against the other's view.
  auto proof = b->Prove(7);
  ASSERT_TRUE(proof.ok()) << proof.status().ToString();
  EXPECT_EQ(proof->tree_size, kTotal);
}

TEST_P(SharedLedger, AsyncAppendsFromTwoNodesInterleaveWithoutGaps) {
  auto a = Open(NodeOptions(0));
  auto b = Open(NodeOptions(1));
  ASSERT_TRUE(a && b);
  constexpr int kPerNode = 300;
  std::mutex mu;
  std::condition_variable cv;
  std::set<uint64_t> seqs;
  int pending = 2 * kPerNode;
  for (int i = 0; i < kPerNode; ++i) {
    for (LedgerStore* s : {a.get(), b.get()}) {
      s->AppendAsync(MakeEvent(i), [&](Result<uint64_t> r) {
        std::lock_guard lock(mu);
        EXPECT_TRUE(r.ok()) << r.status().ToString();
        if (r.ok()) {
          EXPECT_TRUE(seqs.insert(*r).second) << "seq " << *r << " given twice";
        }
        if (--pending == 0) cv.notify_all();
      });
    }
  }
  std::unique_lock lock(mu);
  cv.wait(lock, [&] { return pending == 0; });
  ASSERT_EQ(seqs.size(), 2u * kPerNode);
  EXPECT_EQ(*seqs.rbegin(), 2u * kPerNode - 1);
  auto report = a->Verify({});
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok()) << report->problem->where << ": " << report->problem->what;
}

TEST_P(SharedLedger, ErasureOnOneNodeStopsPersonalDataOnTheOther) {
  auto a = Open(NodeOptions(0));
  auto b = Open(NodeOptions(1));
  ASSERT_TRUE(a && b);
  ledger::AuditEvent e = MakeEvent(0);  // carries a payload about person:p0
  auto first = a->Append(e);
  ASSERT_TRUE(first.ok()) << first.status().ToString();  // node a now caches p0's key
  auto erased = b->Erase("person:p0", "user:kvkk1", "kvkk_request");
  ASSERT_TRUE(erased.ok()) << erased.status().ToString();
  EXPECT_EQ(erased->payloads_erased, 1u);
  EXPECT_EQ(erased->erasure_seq, 1u);
  EXPECT_TRUE(erased->scrubbed) << "VACUUM (PostgreSQL) or WAL truncation (SQLite) ran";
  EXPECT_EQ(a->Append(e).status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(a->ReadPayload(*first).status().code(), StatusCode::kNotFound);
  auto report = a->Verify({});
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok()) << report->problem->where << ": " << report->problem->what;
  EXPECT_EQ(report->payloads_erased, 1u);
}

// A person first recorded by node a, then by node b (which has no cached key): b unwraps the
// stored key, so both payloads open on either node; the idempotency key holds across nodes.
TEST_P(SharedLedger, PersonKeyAndIdempotencyAreSharedBetweenNodes) {
  auto a = Open(NodeOptions(0));
  auto b = Open(NodeOptions(1));
  ASSERT_TRUE(a && b);
  ledger::AuditEvent e0 = MakeEvent(0);    // person:p0
  ledger::AuditEvent e15 = MakeEvent(15);  // person:p0 again (15 % 5 == 0), another payload
  ASSERT_EQ(e15.person_id, e0.person_id);
  auto first = a->Append(e0);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  e15.idempotency_key = "intake:req-1";
  auto second = b->Append(e15);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(*second, *first + 1);
  auto again = a->Append(e15);  // same key on the other node: the same event, not a new one
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(*again, *second);
  for (LedgerStore* node : {a.get(), b.get()}) {
    auto p0 = node->ReadPayload(*first);
    auto p1 = node->ReadPayload(*second);
    ASSERT_TRUE(p0.ok() && p1.ok());
    EXPECT_NE(p0->find("Deneme Kişi 0"), std::string::npos);
    EXPECT_NE(p1->find("Deneme Kişi 15"), std::string::npos);
  }
  auto report = b->Verify({});
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok());
  EXPECT_EQ(report->leaves, 2u);
}

// A writer that opens while another appends (`kapi import` started beside a busy server) reads
// the leaves and the signed head in one snapshot: it must never mistake the other's progress for
// tampering and refuse appends.
TEST_P(SharedLedger, OpeningWhileAnotherWriterAppendsSeesAConsistentLedger) {
  auto a = Open(NodeOptions(0));
  ASSERT_TRUE(a);
  ASSERT_TRUE(a->Append(MakeEvent(0)).ok());
  std::atomic<bool> stop{false};
  std::thread busy([&] {
    for (int i = 1; !stop; ++i) ASSERT_TRUE(a->Append(MakeEvent(i)).ok());
  });
  const LedgerOptions b_options = NodeOptions(1);
  for (int round = 0; round < 25; ++round) {
    auto b = Open(b_options);
    ASSERT_TRUE(b);
    auto seq = b->Append(MakeEvent(1000 + round));
    EXPECT_TRUE(seq.ok()) << "round " << round << ": " << seq.status().ToString();
  }
  stop = true;
  busy.join();
  auto report = a->Verify({});
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok());
}

}  // namespace
}  // namespace kapi::store
