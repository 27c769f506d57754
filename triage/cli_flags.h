#pragma once
// Flags shared by `kapi train` and `kapi eval` (header-only so the cli/ files stay thin). Task
// defaults come from DefaultOptions(task); only the flags the user gave override them.

#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "triage/train_eval.h"

namespace kapi::triage {

class TrainEvalFlags {
 public:
  void Register(CLI::App* sub) {
    sub->add_option("--task", task_, "topic | sentiment | urgency | deasciifier | <own task>")
        ->default_val("topic");
    data_ = sub->add_option("--data", raw_.data, "Labelled CSV/JSONL (default: the shared set)");
    text_field_ = sub->add_option("--text-field", raw_.text_field, "Text column (default text)");
    label_field_ = sub->add_option("--label-field", raw_.label_field, "Label column");
    models_ = sub->add_option("--models", raw_.models_dir, "Model directory (default ./models)");
    shared_ = sub->add_option("--shared", raw_.shared_dir, "Shared data dir (default ../shared)");
    learner_ = sub->add_option("--learner", raw_.learner, "linear | fasttext | ensemble");
    folds_ = sub->add_option("--folds", raw_.linear.folds, "k for k-fold CV (default 5)");
    seed_ = sub->add_option("--seed", raw_.linear.seed, "Seed for folds and solvers (default 1)");
    solver_ = sub->add_option("--solver", raw_.linear.solver, "lr | svm | lr-primal");
    c_ = sub->add_option("--c", raw_.linear.c, "LIBLINEAR cost C");
    char_min_ = sub->add_option("--char-min", raw_.linear.features.char_min, "Shortest n-gram");
    char_max_ = sub->add_option("--char-max", raw_.linear.features.char_max,
                                "Longest n-gram (0: no character n-grams)");
    bits_ = sub->add_option("--hash-bits", raw_.linear.features.hash_bits, "log2 buckets");
    sub->add_flag("--no-bigrams", no_bigrams_, "Leave out word bigrams");
    sub->add_flag("--no-idf", no_idf_, "Plain sublinear TF, no IDF");
    sub->add_flag("--no-deasciify", no_deasciify_, "Do not restore Turkish letters");
    sub->add_flag("--stem", stem_, "Snowball-stem words");
    sub->add_flag("--no-stem", no_stem_, "Do not stem");
    sub->add_flag("--no-neutralize", no_neutralize_,
                  "Keep names, places and group words (no protected-term tags)");
    sub->add_flag("--balanced", balanced_, "Weight classes inversely to frequency");
    offsets_ = sub->add_option("--tune-offsets", raw_.linear.tune_offsets,
                               "Tune per-class bias offsets for macro-F1 (true/false)");
    sub->add_option("--extra", raw_.extra_data,
                    "Extra training data: path[:label_field][=Label | =a>x,b>y] (repeatable)");
    noise_ = sub->add_option("--noise-filter", raw_.noise_filter,
                             "Drop training rows whose out-of-fold p(label) is below this");
    ens_ = sub->add_option("--ensemble-weight", raw_.ensemble_weight, "Linear share (0..1)");
    target_ = sub->add_option("--target-precision", raw_.linear.target_precision,
                              "Precision the abstain threshold must reach (default 0.95)");
    nb_ = sub->add_option("--nb", raw_.linear.nb_alpha,
                          "NB log-count-ratio scaling, smoothing α (0 off)");
    nb_mix_ = sub->add_option("--nb-mix", raw_.linear.nb_mix, "NB ratio interpolation (1 pure)");
    word_w_ =
        sub->add_option("--word-weight", raw_.linear.features.word_weight, "Word namespace weight");
    char_w_ =
        sub->add_option("--char-weight", raw_.linear.features.char_weight, "Char namespace weight");
    min_df_ = sub->add_option("--min-df", raw_.linear.min_df, "Drop buckets in fewer texts");
    sub->add_flag("--char-from-word", char_from_word_, "Character n-grams of words, not stems");
    sub->add_flag("--cues", cues_, "Tone cues: emoticons, emoji, !/?, stretched letters");
    sub->add_flag("--no-cues", no_cues_, "No tone cues");
    sub->add_flag("--negation", negation_, "Negation cues (değil, yok, -me/-ma verbs); needs cues");
    sub->add_flag("--char-from-stem", char_from_stem_, "Character n-grams of stems");
    sub->add_option("--dump-oof", raw_.dump_oof,
                    "eval: write out-of-fold probabilities as JSON lines to this file");
    sub->add_flag("--json", raw_.json, "Print the report as JSON");
    sub->add_flag("--shipped", raw_.shipped, "eval: score the model in --models on --data");
    ft_dim_ = sub->add_option("--ft-dim", raw_.fasttext.dim, "fastText dimension");
    ft_epoch_ = sub->add_option("--ft-epoch", raw_.fasttext.epoch, "fastText epochs");
    ft_lr_ = sub->add_option("--ft-lr", raw_.fasttext.lr, "fastText learning rate");
  }

  TrainEvalOptions Resolve() const {
    TrainEvalOptions o = DefaultOptions(task_, shared_->count() ? raw_.shared_dir : "");
    if (data_->count()) o.data = raw_.data;
    if (text_field_->count()) o.text_field = raw_.text_field;
    if (label_field_->count()) o.label_field = raw_.label_field;
    if (models_->count()) o.models_dir = raw_.models_dir;
    if (learner_->count()) o.learner = raw_.learner;
    if (folds_->count()) o.linear.folds = raw_.linear.folds;
    if (seed_->count()) o.linear.seed = raw_.linear.seed;
    if (solver_->count()) o.linear.solver = raw_.linear.solver;
    if (c_->count()) o.linear.c = raw_.linear.c;
    if (char_min_->count()) o.linear.features.char_min = raw_.linear.features.char_min;
    if (char_max_->count()) o.linear.features.char_max = raw_.linear.features.char_max;
    if (bits_->count()) o.linear.features.hash_bits = raw_.linear.features.hash_bits;
    if (no_bigrams_) o.linear.features.word_bigrams = false;
    if (no_idf_) o.linear.idf = false;
    if (no_deasciify_) o.linear.features.deasciify = false;
    if (stem_) o.linear.features.stem = true;
    if (no_stem_) o.linear.features.stem = false;
    if (no_neutralize_) o.linear.features.neutralize = false;
    if (balanced_) o.linear.balanced = true;
    if (offsets_->count()) o.linear.tune_offsets = raw_.linear.tune_offsets;
    if (!raw_.extra_data.empty()) o.extra_data = raw_.extra_data;
    if (noise_->count()) o.noise_filter = raw_.noise_filter;
    if (ens_->count()) o.ensemble_weight = raw_.ensemble_weight;
    if (target_->count()) o.linear.target_precision = raw_.linear.target_precision;
    if (ft_dim_->count()) o.fasttext.dim = raw_.fasttext.dim;
    if (ft_epoch_->count()) o.fasttext.epoch = raw_.fasttext.epoch;
    if (ft_lr_->count()) o.fasttext.lr = raw_.fasttext.lr;
    if (nb_->count()) o.linear.nb_alpha = raw_.linear.nb_alpha;
    if (nb_mix_->count()) o.linear.nb_mix = raw_.linear.nb_mix;
    if (word_w_->count()) o.linear.features.word_weight = raw_.linear.features.word_weight;
    if (char_w_->count()) o.linear.features.char_weight = raw_.linear.features.char_weight;
    if (min_df_->count()) o.linear.min_df = raw_.linear.min_df;
    if (char_from_word_) o.linear.features.char_from_word = true;
    if (cues_) o.linear.features.cues = true;
    if (no_cues_) o.linear.features.cues = false;
    if (negation_) o.linear.features.negation = true;
    if (char_from_stem_) o.linear.features.char_from_word = false;
    o.dump_oof = raw_.dump_oof;
    o.json = raw_.json;
    o.shipped = raw_.shipped;
    return o;
  }

 private:
  std::string task_;
  TrainEvalOptions raw_;
  CLI::Option *data_, *text_field_, *label_field_, *models_, *shared_, *learner_, *folds_, *seed_,
      *solver_, *c_, *char_min_, *char_max_, *bits_, *noise_, *ens_, *target_, *ft_dim_, *ft_epoch_,
      *ft_lr_, *offsets_, *nb_, *nb_mix_, *word_w_, *char_w_, *min_df_;
  bool no_bigrams_ = false, no_idf_ = false, no_deasciify_ = false, stem_ = false, no_stem_ = false,
       no_neutralize_ = false, balanced_ = false, char_from_word_ = false, cues_ = false,
       no_cues_ = false, char_from_stem_ = false, negation_ = false;
};

}  // namespace kapi::triage
