#include "triage/metrics.h"

#include <gtest/gtest.h>

namespace kapi::triage {
namespace {

TEST(Metrics, MacroF1AndConfusionOnAKnownCase) {
  // gold: 0 0 1 1; predicted: 0 1 1 1
  std::vector<std::vector<float>> probs = {{0.9f, 0.1f}, {0.4f, 0.6f}, {0.2f, 0.8f}, {0.3f, 0.7f}};
  EvalReport r = Evaluate({"a", "b"}, {0, 0, 1, 1}, probs, -1, 200, 1);
  EXPECT_DOUBLE_EQ(r.accuracy.value, 0.75);
  // F1(a) = 2·1/(2+0+1) = 2/3; F1(b) = 2·2/(4+1+0) = 4/5.
  EXPECT_NEAR(r.macro_f1.value, (2.0 / 3 + 0.8) / 2, 1e-12);
  EXPECT_EQ(r.confusion[0][1], 1);
  EXPECT_DOUBLE_EQ(r.per_class[0].precision, 1.0);
  EXPECT_DOUBLE_EQ(r.per_class[0].recall, 0.5);
  EXPECT_LE(r.macro_f1.low, r.macro_f1.value);
  EXPECT_GE(r.macro_f1.high, r.macro_f1.value);
  EXPECT_DOUBLE_EQ(r.top3.value, 1.0);
}

TEST(Metrics, BootstrapIsReproducible) {
  std::vector<std::vector<float>> probs;
  std::vector<int> gold;
  for (int i = 0; i < 50; ++i) {
    gold.push_back(i % 3);
    probs.push_back({i % 2 ? 0.6f : 0.2f, 0.3f, 0.1f});
  }
  auto a = Evaluate({"x", "y", "z"}, gold, probs, -1, 300, 9);
  auto b = Evaluate({"x", "y", "z"}, gold, probs, -1, 300, 9);
  EXPECT_EQ(a.ToJson(), b.ToJson());
}

TEST(Metrics, AbstainThresholdReachesTargetPrecision) {
  // Confident answers are right, unconfident ones wrong.
  std::vector<std::vector<float>> probs;
  std::vector<int> gold;
  for (int i = 0; i < 100; ++i) {
    const float conf = 0.4f + 0.005f * i;
    probs.push_back({conf, 1 - conf});
    gold.push_back(i >= 40 ? 0 : 1);
  }
  const double t = ChooseAbstainThreshold(gold, probs, 0.95);
  size_t answered = 0, right = 0;
  for (size_t i = 0; i < gold.size(); ++i) {
    const int top = probs[i][0] >= probs[i][1] ? 0 : 1;
    if (probs[i][top] >= t) {
      ++answered;
      right += top == gold[i];
    }
  }
  EXPECT_GE(static_cast<double>(right) / answered, 0.95);
  EXPECT_GT(answered, 50u);
}

TEST(Metrics, TemperatureSoftensOverconfidentScores) {
  // Scores say "certain" but half are wrong: the fitted temperature must be > 1.
  std::vector<std::vector<float>> scores;
  std::vector<int> gold;
  for (int i = 0; i < 100; ++i) {
    scores.push_back({10.0f, 0.0f});
    gold.push_back(i % 2);
  }
  EXPECT_GT(FitTemperature(gold, scores), 5.0f);
}

}  // namespace
}  // namespace kapi::triage
