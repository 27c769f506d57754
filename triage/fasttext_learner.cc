#include "triage/fasttext_learner.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <fasttext/fasttext.h>

namespace kapi::triage {
namespace {

std::string LabelToken(const std::string& label) {
  std::string t = "__label__";
  for (char c : label) t.push_back(c == ' ' ? '_' : c);
  return t;
}

std::string JoinWords(const Featurizer& normalizer, std::string_view text) {
  std::string out;
  for (const auto& w : normalizer.Words(text)) {
    if (!out.empty()) out.push_back(' ');
    out += w;
  }
  return out;
}

}  // namespace

FastTextModel::~FastTextModel() = default;

Result<std::unique_ptr<FastTextModel>> FastTextModel::Train(const LabeledSet& data,
                                                            const std::vector<size_t>& rows_in,
                                                            const FastTextOptions& opt,
                                                            const Featurizer& normalizer,
                                                            const std::string& tmp_dir) {
  std::vector<size_t> rows = rows_in;
  if (rows.empty()) {
    for (size_t i = 0; i < data.texts.size(); ++i) rows.push_back(i);
  }
  std::error_code ec;
  std::filesystem::create_directories(tmp_dir, ec);
  const std::string path = tmp_dir + "/fasttext_train.txt";
  {
    std::ofstream out(path, std::ios::trunc);
    if (!out) return Internal("cannot write " + path);
    for (size_t r : rows) {
      out << LabelToken(data.labels[data.y[r]]) << ' ' << JoinWords(normalizer, data.texts[r])
          << '\n';
    }
  }
  fasttext::Args args;
  args.input = path;
  args.output = tmp_dir + "/fasttext_model";
  args.model = fasttext::model_name::sup;
  args.loss = fasttext::loss_name::softmax;
  args.dim = opt.dim;
  args.epoch = opt.epoch;
  args.lr = opt.lr;
  args.wordNgrams = opt.word_ngrams;
  args.minn = opt.minn;
  args.maxn = opt.maxn;
  args.bucket = opt.bucket;
  args.minCount = 1;
  args.thread = 1;  // determinism
  args.seed = opt.seed;
  args.verbose = 0;
  std::unique_ptr<FastTextModel> m(new FastTextModel());
  m->ft_ = std::make_unique<fasttext::FastText>();
  m->labels_ = data.labels;
  m->normalizer_ = &normalizer;
  try {
    m->ft_->train(args);
    if (opt.quantize) {
      fasttext::Args q = args;
      q.qnorm = true;
      q.cutoff = 50000;
      q.retrain = false;
      q.dsub = 2;
      m->ft_->quantize(q);
    }
  } catch (const std::exception& e) {
    return Internal(std::string("fastText training failed: ") + e.what());
  }
  std::filesystem::remove(path, ec);
  return m;
}

Result<std::unique_ptr<FastTextModel>> FastTextModel::Load(const std::string& path,
                                                           const std::vector<std::string>& labels,
                                                           const Featurizer& normalizer) {
  if (!std::filesystem::exists(path)) return NotFound("fastText model not found: " + path);
  std::unique_ptr<FastTextModel> m(new FastTextModel());
  m->ft_ = std::make_unique<fasttext::FastText>();
  m->labels_ = labels;
  m->normalizer_ = &normalizer;
  try {
    m->ft_->loadModel(path);
  } catch (const std::exception& e) {
    return Status(StatusCode::kDataLoss, "cannot load fastText model " + path + ": " + e.what());
  }
  return m;
}

Status FastTextModel::Save(const std::string& path) const {
  try {
    ft_->saveModel(path);
  } catch (const std::exception& e) {
    return Internal(std::string("cannot save fastText model: ") + e.what());
  }
  return Status::Ok();
}

std::vector<float> FastTextModel::Predict(std::string_view text) const {
  std::vector<float> probs(labels_.size(), 0.0f);
  std::istringstream in(JoinWords(*normalizer_, text) + "\n");
  std::vector<std::pair<fasttext::real, std::string>> preds;
  ft_->predictLine(in, preds, static_cast<int32_t>(labels_.size()), 0.0);
  for (const auto& [p, name] : preds) {
    for (size_t c = 0; c < labels_.size(); ++c) {
      if (LabelToken(labels_[c]) == name) probs[c] = p;
    }
  }
  return probs;
}

Result<std::vector<std::vector<float>>> FastTextCrossVal(const LabeledSet& data,
                                                         const FastTextOptions& opt,
                                                         const Featurizer& normalizer,
                                                         const std::vector<int>& folds,
                                                         const std::string& tmp_dir) {
  const int k = *std::max_element(folds.begin(), folds.end()) + 1;
  std::vector<std::vector<float>> probs(data.texts.size());
  FastTextOptions o = opt;
  o.quantize = false;
  for (int f = 0; f < k; ++f) {
    std::vector<size_t> train_rows;
    for (size_t i = 0; i < folds.size(); ++i) {
      if (folds[i] != f) train_rows.push_back(i);
    }
    auto m = FastTextModel::Train(data, train_rows, o, normalizer, tmp_dir);
    if (!m.ok()) return m.status();
    for (size_t i = 0; i < folds.size(); ++i) {
      if (folds[i] == f) probs[i] = (*m)->Predict(data.texts[i]);
    }
  }
  return probs;
}

}  // namespace kapi::triage
