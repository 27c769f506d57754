#include "store/batch_writer.h"

#include <atomic>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace kapi::store {
namespace {

// A fake transaction log: records the verbs so batching and isolation can be checked.
struct FakeTx {
  std::mutex mu;
  std::vector<std::string> log;
  bool fail_commit = false;
  void Add(const std::string& s) {
    std::lock_guard l(mu);
    log.push_back(s);
  }
  BatchWriter::Hooks Hooks() {
    return {.begin =
                [this] {
                  Add("begin");
                  return Status::Ok();
                },
            .commit =
                [this] {
                  Add("commit");
                  return fail_commit ? Unavailable("disk full") : Status::Ok();
                },
            .rollback = [this] { Add("rollback"); },
            .savepoint =
                [this] {
                  Add("sp");
                  return Status::Ok();
                },
            .release =
                [this] {
                  Add("release");
                  return Status::Ok();
                },
            .rollback_to = [this] { Add("rollback_to"); }};
  }
};

TEST(BatchWriter, ReportsEachOpsOwnStatus) {
  FakeTx tx;
  BatchWriter w(tx.Hooks(), 16);
  EXPECT_TRUE(w.Run([] { return Status::Ok(); }).ok());
  Status bad = w.Run([] { return InvalidArgument("nope"); });
  EXPECT_EQ(bad.code(), StatusCode::kInvalidArgument);
  std::lock_guard l(tx.mu);
  EXPECT_NE(std::find(tx.log.begin(), tx.log.end(), "rollback_to"), tx.log.end());
}

TEST(BatchWriter, ConcurrentWritersShareTransactions) {
  FakeTx tx;
  BatchWriter w(tx.Hooks(), 512);
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 32; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 50; ++i) {
        if (w.Run([] {
               std::this_thread::sleep_for(std::chrono::microseconds(20));
               return Status::Ok();
             }).ok()) {
          ++ok;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 32 * 50);
  EXPECT_EQ(w.writes(), 32u * 50u);
  EXPECT_LT(w.batches(), w.writes());  // some batching happened
}

TEST(BatchWriter, FailedCommitFailsEveryWriteInTheBatch) {
  FakeTx tx;
  tx.fail_commit = true;
  BatchWriter w(tx.Hooks(), 16);
  Status s = w.Run([] { return Status::Ok(); });
  EXPECT_EQ(s.code(), StatusCode::kUnavailable);
}

TEST(BatchWriter, AfterCloseWritesAreRefused) {
  FakeTx tx;
  BatchWriter w(tx.Hooks(), 16);
  w.Close();
  EXPECT_EQ(w.Run([] { return Status::Ok(); }).code(), StatusCode::kUnavailable);
}

}  // namespace
}  // namespace kapi::store
