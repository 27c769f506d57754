// Quality guards over the shipped models and the shared data (labelled "slow"): the numbers in
// docs/policy.md must not silently regress.

#include <gtest/gtest.h>

#include <cstdio>

#include "policy/checker.h"
#include "policy/train/dataset.h"
#include "policy/train/metrics.h"

namespace kapi::policy::train {
namespace {

const std::string kModels = std::string(KAPI_SOURCE_DIR) + "/models/policy";

bool AnyContent(const std::vector<Finding>& findings) {
  for (const Finding& f : findings) {
    if (IsContentRule(f.rule)) return true;
  }
  return false;
}

TEST(PolicyQuality, SeedSentencesRarelyGetContentFindings) {
  auto checker = LoadChecker(kModels);
  ASSERT_TRUE(checker.ok()) << checker.status().ToString();
  auto seeds = LoadSeedSentences(KAPI_SHARED_DIR, /*min_words=*/1);
  ASSERT_TRUE(seeds.ok()) << seeds.status().ToString();
  ASSERT_GT(seeds->size(), 200u);
  size_t alarms = 0;
  for (const std::string& s : *seeds) {
    CheckInput in;
    in.text = s;
    in.kind = TextKind::kPost;
    bool alarm = AnyContent((*checker)->Check(in));
    alarms += alarm;
    if (alarm) std::printf("content finding on seed sentence: %s\n", s.c_str());
  }
  EXPECT_LE(static_cast<double>(alarms) / seeds->size(), 0.02);
}

TEST(PolicyQuality, HeldOutOffensEvalMacroF1DoesNotRegress) {
  auto checker = LoadChecker(kModels);
  ASSERT_TRUE(checker.ok());
  auto data = LoadOffensiveData(KAPI_SHARED_DIR);
  ASSERT_TRUE(data.ok()) << data.status().ToString();
  BinaryCounts offenseval, teknofest;
  for (const Example& e : *data) {
    if (e.split != Split::kTest) continue;
    CheckInput in;
    in.text = e.text;
    in.kind = TextKind::kPost;
    bool predicted = AnyContent((*checker)->Check(in));
    (e.source == "offenseval" ? offenseval : teknofest).Add(e.label != "NOT", predicted);
  }
  EXPECT_GE(offenseval.MacroF1(), 0.77);
  EXPECT_GE(teknofest.MacroF1(), 0.86);
}

}  // namespace
}  // namespace kapi::policy::train
