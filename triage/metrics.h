#pragma once
// Classification metrics for `kapi eval` and the model cards: accuracy, macro-F1, top-k
// accuracy, per-class precision/recall/F1, the confusion matrix, 95% bootstrap confidence
// intervals (seeded, so the same predictions give the same intervals), and the abstain
// operating point (threshold on the top-1 probability for a target precision).

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace kapi::triage {

struct Interval {
  double value = 0, low = 0, high = 0;
};

struct ClassMetrics {
  std::string label;
  double precision = 0, recall = 0, f1 = 0;
  int support = 0;
};

struct EvalReport {
  std::vector<std::string> labels;
  Interval accuracy, macro_f1, top3;
  std::vector<ClassMetrics> per_class;
  std::vector<std::vector<int>> confusion;  // [gold][predicted]
  // Abstain operating point (only when a threshold was given).
  double abstain_threshold = 0, abstain_share = 0, answered_precision = 0;
  size_t n = 0;

  nlohmann::json ToJson() const;
  std::string ToText() const;  // human-readable table
};

// `probs[i]` holds a probability per label for example i, gold[i] its label index.
EvalReport Evaluate(const std::vector<std::string>& labels, const std::vector<int>& gold,
                    const std::vector<std::vector<float>>& probs, double abstain_threshold = -1,
                    int bootstrap_rounds = 1000, uint64_t seed = 7);

double MacroF1(const std::vector<int>& gold, const std::vector<int>& pred, size_t num_labels);

// Smallest threshold t on the top-1 probability such that, among examples with top-1 p ≥ t, the
// precision is ≥ target and stays ≥ target for every higher threshold. Returns 1.0 when no
// threshold reaches it.
double ChooseAbstainThreshold(const std::vector<int>& gold,
                              const std::vector<std::vector<float>>& probs, double target);

// Temperature T minimizing the negative log-likelihood of softmax(scores / T) (golden-section
// search over log T in [0.05, 20]).
float FitTemperature(const std::vector<int>& gold, const std::vector<std::vector<float>>& scores);

// Additive per-class offsets to the raw scores that maximize macro-F1 of the arg-max decision
// (coordinate ascent over a grid, a few rounds). Used to trade the recall of a hard class (the
// catch-all "Diğer") against the others; the offsets become part of the model's bias.
std::vector<float> TuneClassOffsets(const std::vector<int>& gold,
                                    const std::vector<std::vector<float>>& scores,
                                    size_t num_labels);

// Expected calibration error with 10 equal-width bins over the top-1 probability.
double ExpectedCalibrationError(const std::vector<int>& gold,
                                const std::vector<std::vector<float>>& probs);

}  // namespace kapi::triage
