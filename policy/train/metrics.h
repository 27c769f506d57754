#pragma once
// Binary classification metrics for the policy evaluations. Header-only; pure functions.

#include <algorithm>
#include <cstddef>
#include <utility>
#include <vector>

namespace kapi::policy::train {

struct BinaryCounts {
  size_t tp = 0, fp = 0, tn = 0, fn = 0;
  void Add(bool truth, bool predicted) {
    if (truth && predicted)
      ++tp;
    else if (!truth && predicted)
      ++fp;
    else if (!truth && !predicted)
      ++tn;
    else
      ++fn;
  }
  static double F1(size_t tp, size_t fp, size_t fn) {
    return tp == 0 ? 0.0 : 2.0 * tp / (2.0 * tp + fp + fn);
  }
  double F1Positive() const { return F1(tp, fp, fn); }
  double F1Negative() const { return F1(tn, fn, fp); }
  double MacroF1() const { return (F1Positive() + F1Negative()) / 2; }
  double Precision() const { return tp + fp == 0 ? 0.0 : double(tp) / (tp + fp); }
  double Recall() const { return tp + fn == 0 ? 0.0 : double(tp) / (tp + fn); }
};

// The threshold on `scores` (predict positive when score > threshold) that maximizes macro-F1.
inline std::pair<double, double> BestMacroF1Threshold(const std::vector<double>& scores,
                                                      const std::vector<bool>& truth) {
  std::vector<size_t> order(scores.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return scores[a] > scores[b]; });
  size_t pos = 0;
  for (bool t : truth) pos += t;
  const size_t neg = truth.size() - pos;
  size_t tp = 0, fp = 0;
  double best_f1 = -1, best_t = 0;
  for (size_t k = 0; k < order.size(); ++k) {
    (truth[order[k]] ? tp : fp) += 1;
    if (k + 1 < order.size() && scores[order[k + 1]] == scores[order[k]]) continue;
    size_t fn = pos - tp, tn = neg - fp;
    double f1 = (BinaryCounts::F1(tp, fp, fn) + BinaryCounts::F1(tn, fn, fp)) / 2;
    if (f1 > best_f1) {
      best_f1 = f1;
      best_t = k + 1 < order.size() ? (scores[order[k]] + scores[order[k + 1]]) / 2
                                    : scores[order[k]] - 1e-6;
    }
  }
  return {best_t, best_f1};
}

}  // namespace kapi::policy::train
