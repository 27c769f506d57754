#pragma once
// A multi-class linear text classifier over hashed n-gram features (vectorizer.h): one weight
// vector per class (one-vs-rest, trained with LIBLINEAR by policy/train), decision value
// = bias + w · x. The file format is docs/formats/policy-linear-model.md.
// Thread-safe: immutable after Load; Scores may be called from many threads.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "policy/vectorizer.h"

namespace kapi::policy {

class LinearModel {
 public:
  // `rows` maps buckets to per-class weights; `bias` has one entry per class.
  LinearModel(VectorizerConfig config, std::vector<std::string> classes, std::vector<float> idf,
              std::vector<float> weights /* buckets x classes, row-major */,
              std::vector<float> bias, nlohmann::json metadata);

  static Result<std::unique_ptr<LinearModel>> Load(const std::string& path);
  Status Save(const std::string& path) const;

  const std::vector<std::string>& classes() const { return classes_; }
  int ClassIndex(std::string_view name) const;  // -1 when absent
  const Vectorizer& vectorizer() const { return vectorizer_; }
  const std::vector<float>& bias() const { return bias_; }
  // The per-class weights of `bucket` (classes().size() floats), or null when it has none.
  const float* WeightsOf(uint32_t bucket) const {
    int32_t s = bucket < slot_.size() ? slot_[bucket] : -1;
    return s < 0 ? nullptr : &rows_[static_cast<size_t>(s) * classes_.size()];
  }
  // Free-form training facts and tuned thresholds stored with the model ("threshold",
  // "trained_on").
  const nlohmann::json& metadata() const { return metadata_; }
  // For the trainer, before the model is shared; not thread-safe.
  void set_metadata(nlohmann::json metadata) { metadata_ = std::move(metadata); }

  // Decision values, one per class, for a span of folded text.
  void Scores(std::string_view folded_span, std::vector<float>& scores) const;
  // Same, from raw counts extracted once (ExtractRawFeatures with this model's config) and shared
  // by several models over the same span.
  void ScoresOfRaw(const RawFeatures& raw, std::vector<float>& scores) const;
  // Same, for already vectorized features.
  void ScoresOf(const std::vector<SparseFeature>& x, std::vector<float>& scores) const;

 private:
  Vectorizer vectorizer_;
  std::vector<std::string> classes_;
  // Rows only for buckets with idf > 0: slot_[bucket] indexes rows_ (or is -1).
  std::vector<int32_t> slot_;
  std::vector<float> rows_;  // slot * classes + class
  std::vector<float> bias_;
  nlohmann::json metadata_;
};

}  // namespace kapi::policy
