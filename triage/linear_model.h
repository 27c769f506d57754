#pragma once
// A trained hashed linear classifier: the Featurizer it was trained with, IDF per bucket, one
// weight per (bucket, class) stored as int8 with a per-class scale, a bias per class, and the
// softmax temperature fitted on cross-validated scores so that probabilities are calibrated.
// File format: docs/formats/triage_model.md ("KAPILIN1"). Small: 2^18 buckets × 8 classes is
// 2 MiB of weights.
//
// Immutable after Load/Create; every const method is thread-safe.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "triage/features.h"

namespace kapi::triage {

struct WordContribution {
  std::string word;
  float weight = 0;  // contribution to the class score (positive pushes towards it)
};

class LinearModel {
 public:
  struct Params {
    std::string task;  // "topic", "sentiment", "urgency", or an institution's own
    std::vector<std::string> labels;
    FeatureConfig features;
    std::vector<float> idf;      // empty or 2^hash_bits entries (already quantized)
    std::vector<float> weights;  // [bucket * labels.size() + class]
    std::vector<float> bias;     // [class]
    float temperature = 1.0f;
    float abstain_threshold = 0.0f;  // top-1 probability below which the model abstains
    nlohmann::json info;             // training data, seed, metrics: goes into the file
  };

  // Quantizes weights to int8 and fixes the version string (a hash of the content, so the same
  // data and seed give the same version).
  static std::unique_ptr<LinearModel> Create(Params params, ResourcesPtr deasciifier);
  static Result<std::unique_ptr<LinearModel>> Load(const std::string& path,
                                                   ResourcesPtr deasciifier);
  Status Save(const std::string& path) const;

  // Raw class scores (before temperature) and calibrated probabilities. With `rows`, also the
  // int8 weight row of every entry of fv, in order (labels().size() each), for Explain.
  void Scores(const FeatureVector& fv, std::vector<float>* scores,
              std::vector<int8_t>* rows = nullptr) const;
  std::vector<float> Probabilities(const FeatureVector& fv) const;
  static std::vector<float> Softmax(const std::vector<float>& scores, float temperature);

  // Words whose features pushed `label` most (needs fv featurized with attribution), best first,
  // only positive contributions, mask tags and numbers left out.
  // `rows` from Scores() on the same fv saves reading the weight table a second time.
  std::vector<WordContribution> Explain(const FeatureVector& fv, int label, size_t top_n,
                                        const std::vector<int8_t>* rows = nullptr) const;

  const Featurizer& featurizer() const { return *featurizer_; }
  const std::string& task() const { return task_; }
  const std::string& version() const { return version_; }  // e.g. "topic@lin-3f2a91c0"
  const std::vector<std::string>& labels() const { return labels_; }
  float temperature() const { return temperature_; }
  float abstain_threshold() const { return abstain_threshold_; }
  const nlohmann::json& info() const { return info_; }
  // The quantized weights ([bucket * labels().size() + class], int8), per-class scales and
  // biases: Scores() is bias[c] + scales[c] · Σ value · weight.
  const std::vector<int8_t>& q_weights() const { return q_weights_; }
  const std::vector<float>& scales() const { return scales_; }
  const std::vector<float>& bias() const { return bias_; }

 private:
  LinearModel() = default;
  float Weight(uint32_t bucket, size_t c) const {
    return static_cast<float>(q_weights_[bucket * labels_.size() + c]) * scales_[c];
  }

  std::string task_, version_;
  std::vector<std::string> labels_;
  std::unique_ptr<Featurizer> featurizer_;
  std::vector<int8_t> q_weights_;
  std::vector<float> scales_, bias_;
  std::vector<uint8_t> q_idf_;
  float idf_min_ = 1, idf_step_ = 0;
  float temperature_ = 1, abstain_threshold_ = 0;
  nlohmann::json info_;
};

// Quantizes IDF values to 8 bits the way the model file stores them; trainers use it so the
// weights are fitted on exactly the features inference will see.
std::vector<float> QuantizeIdf(const std::vector<float>& idf, std::vector<uint8_t>* q = nullptr,
                               float* min = nullptr, float* step = nullptr);

}  // namespace kapi::triage
