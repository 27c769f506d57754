#pragma once
// Trains LinearModels with LIBLINEAR on hashed word + character n-gram TF-IDF features:
// cross-validated raw scores, temperature calibration and the abstain threshold on those, then
// the final fit on all rows. Deterministic: LIBLINEAR's solvers draw from rand(), which is
// seeded from the options before every fit, and fits run on the calling thread. Not thread-safe
// (rand() is process-global): run one trainer at a time.

#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "triage/dataset.h"
#include "triage/features.h"
#include "triage/linear_model.h"

namespace kapi::triage {

struct LinearTrainOptions {
  FeatureConfig features;
  std::string solver = "lr";  // "lr" (L2 logistic regression, dual) or "svm" (L2-loss SVM, dual)
  double c = 10.0;
  double eps = 0.01;
  bool idf = true;
  bool balanced = false;  // weight classes inversely to their frequency
  uint64_t seed = 1;
  int folds = 5;
  double target_precision = 0.95;  // for the abstain threshold
  bool tune_offsets = false;       // per-class bias offsets for macro-F1, tuned on CV scores
  // NB log-count-ratio scaling, one binary model per class (0: off; else the smoothing α).
  double nb_alpha = 0;
  int min_df = 1;       // buckets in fewer training texts are dropped (IDF 0)
  double nb_mix = 1.0;  // r' = mix · r + (1 − mix): 1 is pure NB scaling, 0 none
};

// Fits on data rows `rows` (all rows when empty); the returned params have weights, bias, idf,
// labels and features filled, temperature 1 and no threshold.
Result<LinearModel::Params> FitLinear(const LabeledSet& data, const std::vector<size_t>& rows,
                                      const LinearTrainOptions& opt, ResourcesPtr deasciifier,
                                      const std::vector<std::string>& extra_texts = {},
                                      const std::vector<int>& extra_y = {});

// Out-of-fold raw scores for every row of `data` (k stratified folds from opt.seed).
Result<std::vector<std::vector<float>>> CrossValScores(const LabeledSet& data,
                                                       const LinearTrainOptions& opt,
                                                       ResourcesPtr deasciifier,
                                                       const std::vector<int>& folds);

// The full recipe used for shipped models: CV scores → temperature → abstain threshold → final
// fit on all rows. `info` is stored in the model file.
Result<std::unique_ptr<LinearModel>> TrainLinearModel(const std::string& task,
                                                      const LabeledSet& data,
                                                      const LinearTrainOptions& opt,
                                                      ResourcesPtr deasciifier,
                                                      nlohmann::json info = {});

// Adds per-class offsets tuned on the other folds to each fold's scores (out-of-sample), as
// TrainLinearModel does with all folds for the shipped model.
std::vector<std::vector<float>> CrossFittedOffsets(const std::vector<int>& gold,
                                                   const std::vector<std::vector<float>>& scores,
                                                   const std::vector<int>& folds,
                                                   size_t num_labels);

// Abstain thresholds cross-fitted per fold (chosen on the other folds' predictions) so that the
// reported abstain share and precision are out-of-sample. Returns the per-example threshold.
std::vector<double> CrossFittedThresholds(const std::vector<int>& gold,
                                          const std::vector<std::vector<float>>& probs,
                                          const std::vector<int>& folds, double target);

}  // namespace kapi::triage
