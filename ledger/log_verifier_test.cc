#include "ledger/log_verifier.h"

#include <gtest/gtest.h>

namespace kapi::ledger {
namespace {

struct Row {
  int64_t seq;
  std::string frame;
  std::string hash;
};

std::vector<Row> MakeRows(int n) {
  std::vector<Row> rows;
  for (int i = 0; i < n; ++i) {
    LeafFrame f;
    f.seq = i;
    f.time_ms = 1000 + i;
    f.type = EventType::kLogin;
    f.actor = "user:" + std::to_string(i % 3);
    f.attributes = {{"result", "ok"}};
    std::string frame = EncodeFrame(f);
    rows.push_back({i, frame, std::string(AsBytes(HashLeaf(frame)))});
  }
  return rows;
}

std::optional<VerifyProblem> RunVerifier(const std::vector<Row>& rows, uint64_t ck_size,
                                         Hash ck_root) {
  LogVerifier v;
  v.ExpectRoot(ck_size, ck_root, "checkpoint size " + std::to_string(ck_size));
  for (const Row& r : rows) {
    if (!v.AddLeaf(r.seq, r.frame, r.hash, nullptr).ok()) break;
  }
  return v.Finish();
}

Hash RootOf(const std::vector<Row>& rows, size_t n) {
  CompactRange r;
  for (size_t i = 0; i < n; ++i) r.Append(*HashFromBytes(rows[i].hash));
  return r.Root();
}

TEST(LogVerifier, IntactLogPasses) {
  auto rows = MakeRows(10);
  EXPECT_FALSE(RunVerifier(rows, 10, RootOf(rows, 10)).has_value());
  EXPECT_FALSE(RunVerifier(rows, 4, RootOf(rows, 4)).has_value());
}

TEST(LogVerifier, NamesTheFirstBadSeq) {
  auto rows = MakeRows(10);
  const Hash root = RootOf(rows, 10);

  auto changed = rows;
  changed[6].frame[12] ^= 1;
  auto p = RunVerifier(changed, 10, root);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->seq, 6u);

  auto deleted = rows;
  deleted.erase(deleted.begin() + 3);
  p = RunVerifier(deleted, 10, root);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->seq, 3u);

  auto reordered = rows;
  std::swap(reordered[4].frame, reordered[5].frame);
  std::swap(reordered[4].hash, reordered[5].hash);
  p = RunVerifier(reordered, 10, root);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->seq, 4u);

  auto truncated = rows;
  truncated.pop_back();
  p = RunVerifier(truncated, 10, root);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->seq, 9u);
}

TEST(LogVerifier, RewrittenHashesAreCaughtByTheSignedRoot) {
  auto rows = MakeRows(10);
  const Hash root8 = RootOf(rows, 8);
  LeafFrame f = *DecodeFrame(rows[5].frame);
  f.actor = "user:99";
  rows[5].frame = EncodeFrame(f);
  rows[5].hash = std::string(AsBytes(HashLeaf(rows[5].frame)));
  LogVerifier v;
  v.ExpectRoot(4, RootOf(rows, 4), "checkpoint size 4");
  v.ExpectRoot(8, root8, "checkpoint size 8");
  for (const Row& r : rows) {
    if (!v.AddLeaf(r.seq, r.frame, r.hash, nullptr).ok()) break;
  }
  auto p = v.Finish();
  ASSERT_TRUE(p);
  EXPECT_EQ(p->seq, 4u);  // somewhere in 4..7, after the last root that matched
  EXPECT_EQ(p->where, "checkpoint size 8");
}

}  // namespace
}  // namespace kapi::ledger
