#include "triage/fairness.h"

#include <filesystem>
#include <sstream>

#include <gtest/gtest.h>

namespace kapi::triage {
namespace {

// Seed 2024/108 Tarafsızlık (1): swapping names, places and gendered / ethnic / religious words
// in held-out texts leaves the suggestions unchanged for ≥ 99% of texts.
TEST(Fairness, CounterfactualSwapsLeaveSuggestionsUnchanged) {
  const std::string shared = KAPI_SHARED_DIR;
  if (!std::filesystem::exists(shared + "/data/names/first_names.tsv")) {
    GTEST_SKIP() << "shared data not available";
  }
  std::ostringstream out, err;
  double rate = 0;
  ASSERT_EQ(RunFairness(shared, std::string(KAPI_SOURCE_DIR) + "/models", /*seed=*/11,
                        /*max_texts=*/250, /*max_train=*/3000, out, err, &rate),
            0)
      << err.str();
  std::cout << out.str();
  RecordProperty("fairness_unchanged_rate", std::to_string(rate));
  EXPECT_GE(rate, 0.99) << out.str();
}

}  // namespace
}  // namespace kapi::triage
