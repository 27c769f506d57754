#pragma once
// fastText (libfasttext 0.9.2) as a learner for comparison and ensembling with the linear
// model. Training goes through a temporary file (fastText's API reads one), single-threaded and
// seeded so that it is reproducible. Input text is normalized by the same Featurizer::Words as
// the linear model so that the two see the same tokens.
//
// A trained FastTextModel is immutable; Predict() is thread-safe (fastText's predict is const).

#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "triage/dataset.h"
#include "triage/features.h"

namespace fasttext {
class FastText;
}

namespace kapi::triage {

struct FastTextOptions {
  int dim = 50;
  int epoch = 25;
  double lr = 0.5;
  int word_ngrams = 2;
  int minn = 2, maxn = 5;
  int bucket = 200000;
  int seed = 1;
  bool quantize = true;  // product-quantize the shipped model (.ftz)
};

class FastTextModel {
 public:
  ~FastTextModel();
  // `labels` fixes the class order of Predict(); `rows` selects training rows (all when empty).
  static Result<std::unique_ptr<FastTextModel>> Train(const LabeledSet& data,
                                                      const std::vector<size_t>& rows,
                                                      const FastTextOptions& opt,
                                                      const Featurizer& normalizer,
                                                      const std::string& tmp_dir);
  static Result<std::unique_ptr<FastTextModel>> Load(const std::string& path,
                                                     const std::vector<std::string>& labels,
                                                     const Featurizer& normalizer);
  Status Save(const std::string& path) const;

  // Probabilities in the order of the labels given at Train/Load.
  std::vector<float> Predict(std::string_view text) const;

 private:
  FastTextModel() = default;
  std::unique_ptr<fasttext::FastText> ft_;
  std::vector<std::string> labels_;
  const Featurizer* normalizer_ = nullptr;  // not owned; outlives the model
};

// Out-of-fold fastText probabilities for comparison in `kapi eval`.
Result<std::vector<std::vector<float>>> FastTextCrossVal(const LabeledSet& data,
                                                         const FastTextOptions& opt,
                                                         const Featurizer& normalizer,
                                                         const std::vector<int>& folds,
                                                         const std::string& tmp_dir);

}  // namespace kapi::triage
