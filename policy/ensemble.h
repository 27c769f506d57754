#pragma once
// The offensive-content score of a span: the mean of several linear models' offensive scores
// (-decision(NOT)), each standardized with the mean and standard deviation it had on the dev split
// ("score_mean", "score_std" in the model metadata; 0 and 1 when absent, so a single model keeps
// its raw scale). Diverse linear views (NB-SVM, logistic regression) err differently; averaging
// them gained about one macro-F1 point on OffensEval (docs/policy.md). Thread-safe: immutable after
// construction.

#include <memory>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "policy/linear_model.h"

namespace kapi::policy {

class OffensiveEnsemble {
 public:
  // Every model must have a "NOT" class.
  static Result<std::unique_ptr<OffensiveEnsemble>> Create(
      std::vector<std::unique_ptr<LinearModel>> models);

  // Raw counts must come from ExtractRawFeatures with `config()`; valid only when
  // SharesConfig() — otherwise use Score(folded_span).
  double ScoreRaw(const RawFeatures& raw) const;
  double Score(std::string_view folded_span) const;

  // The members, in order, and the ensemble score from their decision values (scores[i] for
  // member i, e.g. from a FusedScorer over models()).
  std::vector<const LinearModel*> models() const;
  double Combine(const std::vector<std::vector<float>>& scores) const;

  // True when every member hashes the same features with `config`.
  bool SharesConfig(const VectorizerConfig& config) const;
  const VectorizerConfig& config() const { return members_.front().model->vectorizer().config(); }
  nlohmann::json Describe() const;

 private:
  struct Member {
    std::unique_ptr<LinearModel> model;
    int not_index;
    double mean;
    double std;
  };
  explicit OffensiveEnsemble(std::vector<Member> members) : members_(std::move(members)) {}
  std::vector<Member> members_;
};

}  // namespace kapi::policy
