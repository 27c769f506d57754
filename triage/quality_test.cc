// Quality floors and reproducibility on the shared data (slow: trains real models). The floors
// are regression guards a little under the measured k-fold numbers in docs/triage.md.

#include <filesystem>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "triage/train_eval.h"

namespace kapi::triage {
namespace {

bool HaveSharedData() {
  return std::filesystem::exists(std::string(KAPI_SHARED_DIR) +
                                 "/data/complaints_municipal/train.jsonl");
}

TEST(Quality, TopicKFoldMeetsFloorsAndIsReproducible) {
  if (!HaveSharedData()) GTEST_SKIP() << "shared data not available";
  TrainEvalOptions o = DefaultOptions("topic", KAPI_SHARED_DIR);
  o.models_dir = std::string(KAPI_SOURCE_DIR) + "/models";
  o.json = true;
  std::ostringstream out1, out2, err;
  ASSERT_EQ(RunEval(o, out1, err), 0) << err.str();
  ASSERT_EQ(RunEval(o, out2, err), 0) << err.str();
  EXPECT_EQ(out1.str(), out2.str());  // same data + seed → same numbers
  auto j = nlohmann::json::parse(out1.str());
  EXPECT_GE(j["macro_f1"]["value"].get<double>(), 0.82);
  EXPECT_GE(j["top3_accuracy"]["value"].get<double>(), 0.975);
  EXPECT_GE(j["abstain"]["answered_precision"].get<double>(), 0.94);
}

TEST(Quality, TrainingTwiceGivesTheSameModelVersion) {
  if (!HaveSharedData()) GTEST_SKIP() << "shared data not available";
  const auto dir = std::filesystem::temp_directory_path() / "kapi_quality_train";
  std::filesystem::remove_all(dir);
  TrainEvalOptions o = DefaultOptions("topic", KAPI_SHARED_DIR);
  o.models_dir = dir.string();
  std::ostringstream a, b, err;
  ASSERT_EQ(RunTrain(o, a, err), 0) << err.str();
  ASSERT_EQ(RunTrain(o, b, err), 0) << err.str();
  EXPECT_EQ(a.str(), b.str());
  EXPECT_NE(a.str().find("topic@lin-"), std::string::npos);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace kapi::triage
