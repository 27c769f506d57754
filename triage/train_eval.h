#pragma once
// `kapi train` and `kapi eval` as library functions over streams, so they are testable and the
// CLI files stay thin. Both are reproducible: same data, options and seed → same folds, same
// model bytes (and so the same version string) and the same printed numbers.
//
//   kapi train --task topic [--data FILE] [--out DIR]   trains one task's model into DIR
//   kapi eval  --task topic [--data FILE] [--learner linear|fasttext|ensemble] [ablations]
//   kapi eval  --models DIR --task topic --data HELDOUT  scores a shipped model on labelled data
//
// Tasks: topic (complaints_municipal, field "label"), sentiment and urgency (complaints_telecom,
// fields "sentiment" and "severity"), deasciifier (word table from every shared corpus),
// protected (names/places/group words to neutralize), or any
// other name with --data/--label-field for an institution's own history (CSV or JSONL export).

#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

#include "triage/fasttext_learner.h"
#include "triage/linear_trainer.h"

namespace kapi::triage {

struct TrainEvalOptions {
  std::string task = "topic";
  std::string data;  // default: the shared dataset of the task
  std::string text_field = "text";
  std::string label_field;            // default per task
  std::string models_dir = "models";  // train: output; eval --shipped: input
  std::string shared_dir;             // default KAPI_SHARED_DIR or ../shared
  std::string learner = "linear";     // linear | fasttext | ensemble
  bool shipped = false;               // eval: score the model in models_dir instead of k-fold
  bool json = false;                  // eval: print the JSON report instead of text
  double ensemble_weight = 0.5;       // weight of the linear model in the ensemble
  std::string dump_oof;               // eval: write out-of-fold probabilities (JSONL) here
  double noise_filter = 0.0;          // drop training rows whose OOF p(given label) is below this
  std::vector<std::string>
      extra_data;  // extra labelled files (label field must map to task labels)
  LinearTrainOptions linear;
  FastTextOptions fasttext;
  bool features_overridden = false;
};

// Per-task defaults (data path, label field and order, the tuned learner options).
TrainEvalOptions DefaultOptions(const std::string& task, const std::string& shared_dir);

int RunTrain(const TrainEvalOptions& opt, std::ostream& out, std::ostream& err);
int RunEval(const TrainEvalOptions& opt, std::ostream& out, std::ostream& err);

// The shared corpora the deasciifier table is learned from.
std::vector<std::string> DeasciifierCorpora(const std::string& shared_dir);

// deasciifier.tsv and protected_terms.tsv from `models_dir` (each optional; a warning on `err`).
ResourcesPtr LoadTextResources(const std::string& models_dir, std::ostream& err);

// Where the shared data folder is: $KAPI_SHARED_DIR, else ../shared relative to the working dir.
std::string DefaultSharedDir();

}  // namespace kapi::triage
