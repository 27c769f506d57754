#include "policy/fused_scorer.h"

#include <cmath>

namespace kapi::policy {

bool FusedScorer::SameConfig(const std::vector<const LinearModel*>& models) {
  for (const LinearModel* m : models) {
    if (!(m->vectorizer().config() == models.front()->vectorizer().config())) return false;
  }
  return !models.empty();
}

FusedScorer::FusedScorer(const std::vector<const LinearModel*>& models) {
  for (const LinearModel* m : models) {
    layout_.push_back({stride_, m->classes().size()});
    stride_ += 1 + m->classes().size();
    bias_.push_back(m->bias());
  }
  const size_t buckets = size_t{1} << models.front()->vectorizer().config().buckets_log2;
  slot_.assign(buckets, -1);
  for (size_t b = 0; b < buckets; ++b) {
    bool used = false;
    for (const LinearModel* m : models) used = used || m->vectorizer().idf()[b] != 0;
    if (!used) continue;
    slot_[b] = static_cast<int32_t>(rows_.size() / stride_);
    for (const LinearModel* m : models) {
      rows_.push_back(m->vectorizer().idf()[b]);
      const float* w = m->WeightsOf(static_cast<uint32_t>(b));
      for (size_t k = 0; k < m->classes().size(); ++k) rows_.push_back(w ? w[k] : 0.0f);
    }
  }
}

void FusedScorer::Score(const RawFeatures& raw, std::vector<std::vector<float>>& scores) const {
  const size_t n = layout_.size();
  scores.resize(n);
  for (size_t m = 0; m < n; ++m) scores[m].assign(bias_[m].begin(), bias_[m].end());
  thread_local std::vector<double> norms;
  thread_local std::vector<float> dots;
  for (const auto* group : {&raw.word, &raw.chars}) {
    norms.assign(n, 0.0);
    dots.assign(stride_, 0.0f);
    for (const auto& [bucket, count] : *group) {
      int32_t s = slot_[bucket];
      if (s < 0) continue;
      const float* row = &rows_[static_cast<size_t>(s) * stride_];
      const float tf = 1.0f + std::log(count);
      for (size_t m = 0; m < n; ++m) {
        const Layout& l = layout_[m];
        float idf = row[l.offset];
        if (idf == 0) continue;
        float v = tf * idf;
        norms[m] += double{v} * v;
        for (size_t k = 0; k < l.classes; ++k) dots[l.offset + 1 + k] += row[l.offset + 1 + k] * v;
      }
    }
    for (size_t m = 0; m < n; ++m) {
      if (norms[m] <= 0) continue;
      const Layout& l = layout_[m];
      float scale = std::sqrt(0.5f) / static_cast<float>(std::sqrt(norms[m]));
      for (size_t k = 0; k < l.classes; ++k) scores[m][k] += dots[l.offset + 1 + k] * scale;
    }
  }
}

}  // namespace kapi::policy
