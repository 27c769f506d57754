#pragma once
// Several linear models over the same hashed features, laid out together so that one bucket
// lookup reads every model's multiplier and weights from one contiguous row. Scoring a 1 KB text
// with three separate models cost ~280 µs, mostly cache misses on three 8 MB slot tables; fused it
// is one table and one row per feature. Produces exactly LinearModel::ScoresOfRaw's numbers.
// Thread-safe: immutable after construction.

#include <memory>
#include <vector>

#include "policy/linear_model.h"

namespace kapi::policy {

class FusedScorer {
 public:
  // All models must share one VectorizerConfig (check with SameConfig first). The models are
  // only read during construction.
  static bool SameConfig(const std::vector<const LinearModel*>& models);
  explicit FusedScorer(const std::vector<const LinearModel*>& models);

  // scores[m] receives model m's decision values, one per class.
  void Score(const RawFeatures& raw, std::vector<std::vector<float>>& scores) const;

 private:
  struct Layout {
    size_t offset;  // of this model's [multiplier, w_0 .. w_{c-1}] within a row
    size_t classes;
  };
  std::vector<Layout> layout_;
  std::vector<std::vector<float>> bias_;
  size_t stride_ = 0;
  std::vector<int32_t> slot_;  // bucket -> row, -1 when no model uses the bucket
  std::vector<float> rows_;
};

}  // namespace kapi::policy
