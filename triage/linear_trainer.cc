#include "triage/linear_trainer.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include <linear.h>

#include "triage/metrics.h"

namespace kapi::triage {
namespace {

void Quiet(const char*) {}

struct SparseRows {
  std::vector<std::vector<feature_node>> rows;
  std::vector<feature_node*> ptrs;
};

// LIBLINEAR rows: 1-based indices, bias feature appended by LIBLINEAR itself (prob.bias = 1).
void AddRow(const FeatureVector& fv, SparseRows* out) {
  std::vector<std::pair<uint32_t, float>> merged;
  SortedMerged(fv, &merged);
  std::vector<feature_node> r;
  r.reserve(merged.size() + 2);
  for (const auto& [index, value] : merged) {
    r.push_back({static_cast<int>(index) + 1, static_cast<double>(value)});
  }
  r.push_back({-1, 0});
  out->rows.push_back(std::move(r));
}

int SolverType(const std::string& name) {
  if (name == "svm") return L2R_L2LOSS_SVC_DUAL;
  if (name == "lr-primal") return L2R_LR;
  return L2R_LR_DUAL;
}

// NB-weighted one-vs-rest (Wang & Manning's NB-SVM idea with logistic loss): for each class c
// the features are scaled by the log-count ratio r_c = log((α + df_c) / |α + df_c|₁ ÷
// (α + df_¬c) / |α + df_¬c|₁) of document frequencies inside and outside the class, a binary
// model is fitted on the scaled rows, and its weights are folded back (w_c ⊙ r_c) so the stored
// model is an ordinary linear model over the unscaled features.
Result<LinearModel::Params> FitNbOneVsRest(const SparseRows& sr, const std::vector<int>& y,
                                           size_t k, const Featurizer& feat,
                                           const std::vector<float>& idf,
                                           const std::vector<std::string>& labels,
                                           const LinearTrainOptions& opt) {
  const size_t dim = feat.dimension();
  const int bias_index = static_cast<int>(dim) + 1;
  std::vector<double> df(dim * k, 0.0);
  std::vector<size_t> count(k, 0);
  for (size_t i = 0; i < sr.rows.size(); ++i) {
    ++count[y[i]];
    for (const auto& f : sr.rows[i]) {
      if (f.index < 0 || f.index == bias_index) continue;
      df[static_cast<size_t>(f.index - 1) * k + y[i]] += 1.0;
    }
  }
  std::vector<double> total(k, 0.0);
  double all = 0;
  for (size_t b = 0; b < dim; ++b) {
    for (size_t c = 0; c < k; ++c) total[c] += df[b * k + c];
  }
  for (double t : total) all += t;
  LinearModel::Params p;
  p.labels = labels;
  p.features = feat.config();
  p.idf = idf;
  p.weights.assign(dim * k, 0.0f);
  p.bias.assign(k, -1e3f);
  set_print_string_function(&Quiet);
  const double a = opt.nb_alpha;
  std::vector<double> r(dim);
  std::vector<std::vector<feature_node>> rows = sr.rows;
  std::vector<feature_node*> ptrs(rows.size());
  std::vector<double> yd(y.size());
  for (size_t c = 0; c < k; ++c) {
    if (count[c] == 0 || count[c] == y.size()) continue;
    const double in_norm = total[c] + a * dim, out_norm = (all - total[c]) + a * dim;
    for (size_t b = 0; b < dim; ++b) {
      const double in = df[b * k + c];
      double rest = 0;
      for (size_t o = 0; o < k; ++o) rest += o == c ? 0 : df[b * k + o];
      r[b] = std::log(((a + in) / in_norm) / ((a + rest) / out_norm));
      r[b] = opt.nb_mix * r[b] + (1.0 - opt.nb_mix);
    }
    for (size_t i = 0; i < rows.size(); ++i) {
      for (size_t j = 0; j < rows[i].size(); ++j) {
        const auto& f = sr.rows[i][j];
        if (f.index < 0 || f.index == bias_index) continue;
        rows[i][j].value = f.value * r[static_cast<size_t>(f.index - 1)];
      }
      ptrs[i] = rows[i].data();
      yd[i] = y[i] == static_cast<int>(c) ? 1.0 : -1.0;
    }
    problem prob{};
    prob.l = static_cast<int>(rows.size());
    prob.n = bias_index;
    prob.y = yd.data();
    prob.x = ptrs.data();
    prob.bias = 1.0;
    int wl[2] = {1, -1};
    double wv[2] = {1.0, 1.0};
    if (opt.balanced) {
      // As LIBLINEAR's own one-vs-rest with class weights: the positives get C·n/(k·n_c).
      wv[0] = static_cast<double>(y.size()) / (static_cast<double>(k) * count[c]);
    }
    parameter param{};
    param.solver_type = SolverType(opt.solver);
    param.eps = opt.eps;
    param.C = opt.c;
    param.nr_weight = 2;
    param.weight_label = wl;
    param.weight = wv;
    param.p = 0.1;
    if (const char* err = check_parameter(&prob, &param)) {
      return InvalidArgument(std::string("LIBLINEAR: ") + err);
    }
    std::srand(static_cast<unsigned>(opt.seed));
    model* m = train(&prob, &param);
    if (m == nullptr) return Internal("LIBLINEAR training failed");
    int present[2];
    get_labels(m, present);
    const double sign = present[0] == 1 ? 1.0 : -1.0;
    for (size_t b = 0; b < dim; ++b) {
      p.weights[b * k + c] = static_cast<float>(sign * m->w[b] * r[b]);
    }
    p.bias[c] = static_cast<float>(sign * m->w[dim]);
    free_and_destroy_model(&m);
  }
  return p;
}

}  // namespace

Result<LinearModel::Params> FitLinear(const LabeledSet& data, const std::vector<size_t>& rows_in,
                                      const LinearTrainOptions& opt, ResourcesPtr deasciifier,
                                      const std::vector<std::string>& extra_texts,
                                      const std::vector<int>& extra_y) {
  std::vector<size_t> rows = rows_in;
  if (rows.empty()) {
    rows.resize(data.texts.size());
    for (size_t i = 0; i < rows.size(); ++i) rows[i] = i;
  }
  const size_t k = data.labels.size();
  if (k < 2) return InvalidArgument("need at least two labels to train");
  std::vector<std::string> texts;
  std::vector<int> y;
  for (size_t r : rows) {
    texts.push_back(data.texts[r]);
    y.push_back(data.y[r]);
  }
  texts.insert(texts.end(), extra_texts.begin(), extra_texts.end());
  y.insert(y.end(), extra_y.begin(), extra_y.end());

  Featurizer base(opt.features, deasciifier);
  std::vector<float> idf;
  if (opt.idf) {
    std::vector<float> raw_idf = Featurizer::ComputeIdf(base, texts);
    if (opt.min_df > 1) {
      // Buckets seen in fewer than min_df training texts get IDF 0: dropped before the norm.
      const double n = static_cast<double>(texts.size());
      const float limit =
          static_cast<float>(std::log((1.0 + n) / (1.0 + opt.min_df)) + 1.0) + 1e-4f;
      for (float& v : raw_idf) {
        if (v > limit) v = 0.0f;
      }
    }
    idf = QuantizeIdf(raw_idf);
  }
  Featurizer feat(opt.features, deasciifier, idf);

  SparseRows sr;
  FeatureVector fv;
  for (const auto& t : texts) {
    feat.Featurize(t, &fv);
    AddRow(fv, &sr);
  }
  for (auto& r : sr.rows) sr.ptrs.push_back(r.data());
  std::vector<double> yd(y.begin(), y.end());
  problem prob{};
  prob.l = static_cast<int>(texts.size());
  prob.n = static_cast<int>(feat.dimension()) + 1;  // + bias
  prob.y = yd.data();
  prob.x = sr.ptrs.data();
  prob.bias = 1.0;
  // LIBLINEAR appends the bias as feature n with the value prob.bias; rows must carry it.
  for (auto& r : sr.rows) {
    r.back() = {prob.n, 1.0};
    r.push_back({-1, 0});
  }
  sr.ptrs.clear();
  for (auto& r : sr.rows) sr.ptrs.push_back(r.data());
  prob.x = sr.ptrs.data();

  std::vector<int> weight_label;
  std::vector<double> weight;
  if (opt.balanced) {
    std::vector<int> count(k, 0);
    for (int v : y) ++count[v];
    for (size_t c = 0; c < k; ++c) {
      if (count[c] == 0) continue;
      weight_label.push_back(static_cast<int>(c));
      weight.push_back(static_cast<double>(y.size()) / (static_cast<double>(k) * count[c]));
    }
  }
  if (opt.nb_alpha > 0) {
    return FitNbOneVsRest(sr, y, k, feat, idf, data.labels, opt);
  }
  parameter param{};
  param.solver_type = SolverType(opt.solver);
  param.eps = opt.eps;
  param.C = opt.c;
  param.nr_weight = static_cast<int>(weight.size());
  param.weight_label = weight_label.empty() ? nullptr : weight_label.data();
  param.weight = weight.empty() ? nullptr : weight.data();
  param.p = 0.1;
  param.init_sol = nullptr;
  if (const char* err = check_parameter(&prob, &param)) {
    return InvalidArgument(std::string("LIBLINEAR: ") + err);
  }
  set_print_string_function(&Quiet);
  std::srand(static_cast<unsigned>(opt.seed));
  model* m = train(&prob, &param);
  if (m == nullptr) return Internal("LIBLINEAR training failed");

  LinearModel::Params p;
  p.labels = data.labels;
  p.features = feat.config();
  p.idf = idf;
  const size_t dim = feat.dimension();
  p.weights.assign(dim * k, 0.0f);
  p.bias.assign(k, 0.0f);
  // Map LIBLINEAR's class order to ours; classes absent from the fit keep a very low bias.
  std::vector<int> present(static_cast<size_t>(get_nr_class(m)));
  get_labels(m, present.data());
  for (size_t c = 0; c < k; ++c) p.bias[c] = -1e3f;
  const int nr_class = get_nr_class(m);
  for (int li = 0; li < nr_class; ++li) {
    const size_t c = static_cast<size_t>(present[li]);
    // Read w directly: get_decfun_coef is O(1) but per call; the layout is w[f * nr_w + li].
    const int nr_w = (nr_class == 2 && param.solver_type != MCSVM_CS) ? 1 : nr_class;
    for (size_t f = 0; f < dim; ++f) {
      double w = nr_w == 1 ? m->w[f] * (li == 0 ? 1 : -1) : m->w[f * nr_w + li];
      p.weights[f * k + c] = static_cast<float>(w);
    }
    double b = nr_w == 1 ? m->w[dim] * (li == 0 ? 1 : -1) : m->w[dim * nr_w + li];
    p.bias[c] = static_cast<float>(b);
  }
  free_and_destroy_model(&m);
  return p;
}

Result<std::vector<std::vector<float>>> CrossValScores(const LabeledSet& data,
                                                       const LinearTrainOptions& opt,
                                                       ResourcesPtr deasciifier,
                                                       const std::vector<int>& folds) {
  const int k = *std::max_element(folds.begin(), folds.end()) + 1;
  std::vector<std::vector<float>> scores(data.texts.size());
  for (int f = 0; f < k; ++f) {
    std::vector<size_t> train_rows, test_rows;
    for (size_t i = 0; i < folds.size(); ++i) (folds[i] == f ? test_rows : train_rows).push_back(i);
    auto params = FitLinear(data, train_rows, opt, deasciifier);
    if (!params.ok()) return params.status();
    LinearModel::Params p = std::move(params).value();
    p.task = "cv";
    auto model = LinearModel::Create(std::move(p), deasciifier);
    FeatureVector fv;
    for (size_t i : test_rows) {
      model->featurizer().Featurize(data.texts[i], &fv);
      model->Scores(fv, &scores[i]);
    }
  }
  return scores;
}

std::vector<double> CrossFittedThresholds(const std::vector<int>& gold,
                                          const std::vector<std::vector<float>>& probs,
                                          const std::vector<int>& folds, double target) {
  const int k = *std::max_element(folds.begin(), folds.end()) + 1;
  std::vector<double> out(gold.size(), 1.0);
  for (int f = 0; f < k; ++f) {
    std::vector<int> g;
    std::vector<std::vector<float>> p;
    for (size_t i = 0; i < gold.size(); ++i) {
      if (folds[i] != f) {
        g.push_back(gold[i]);
        p.push_back(probs[i]);
      }
    }
    const double t = ChooseAbstainThreshold(g, p, target);
    for (size_t i = 0; i < gold.size(); ++i) {
      if (folds[i] == f) out[i] = t;
    }
  }
  return out;
}

std::vector<std::vector<float>> CrossFittedOffsets(const std::vector<int>& gold,
                                                   const std::vector<std::vector<float>>& scores,
                                                   const std::vector<int>& folds,
                                                   size_t num_labels) {
  const int k = *std::max_element(folds.begin(), folds.end()) + 1;
  std::vector<std::vector<float>> out = scores;
  for (int f = 0; f < k; ++f) {
    std::vector<int> g;
    std::vector<std::vector<float>> s;
    for (size_t i = 0; i < gold.size(); ++i) {
      if (folds[i] != f) {
        g.push_back(gold[i]);
        s.push_back(scores[i]);
      }
    }
    const std::vector<float> off = TuneClassOffsets(g, s, num_labels);
    for (size_t i = 0; i < gold.size(); ++i) {
      if (folds[i] != f) continue;
      for (size_t c = 0; c < num_labels; ++c) out[i][c] += off[c];
    }
  }
  return out;
}

Result<std::unique_ptr<LinearModel>> TrainLinearModel(const std::string& task,
                                                      const LabeledSet& data,
                                                      const LinearTrainOptions& opt,
                                                      ResourcesPtr deasciifier,
                                                      nlohmann::json info) {
  const std::vector<int> folds = StratifiedFolds(data.y, opt.folds, opt.seed);
  auto cv = CrossValScores(data, opt, deasciifier, folds);
  if (!cv.ok()) return cv.status();
  std::vector<float> offsets(data.labels.size(), 0.0f);
  if (opt.tune_offsets) {
    offsets = TuneClassOffsets(data.y, *cv, data.labels.size());
    for (auto& s : *cv) {
      for (size_t c = 0; c < s.size(); ++c) s[c] += offsets[c];
    }
  }
  const float t = FitTemperature(data.y, *cv);
  std::vector<std::vector<float>> probs;
  for (const auto& s : *cv) probs.push_back(LinearModel::Softmax(s, t));
  const double threshold = ChooseAbstainThreshold(data.y, probs, opt.target_precision);
  auto fitted = FitLinear(data, {}, opt, deasciifier);
  if (!fitted.ok()) return fitted.status();
  LinearModel::Params p = std::move(fitted).value();
  p.task = task;
  for (size_t c = 0; c < p.bias.size(); ++c) p.bias[c] += offsets[c];
  info["class_offsets"] = offsets;
  p.temperature = t;
  p.abstain_threshold = static_cast<float>(threshold);
  EvalReport report = Evaluate(data.labels, data.y, probs, threshold, 1000, opt.seed);
  info["cv"] = report.ToJson();
  info["cv"]["folds"] = opt.folds;
  info["cv"]["ece"] = ExpectedCalibrationError(data.y, probs);
  info["train"] = {{"solver", opt.solver},     {"c", opt.c},       {"idf", opt.idf},
                   {"balanced", opt.balanced}, {"seed", opt.seed}, {"rows", data.texts.size()}};
  if (opt.nb_alpha > 0) info["train"]["nb"] = {{"alpha", opt.nb_alpha}, {"mix", opt.nb_mix}};
  if (opt.min_df > 1) info["train"]["min_df"] = opt.min_df;
  p.info = std::move(info);
  return LinearModel::Create(std::move(p), deasciifier);
}

}  // namespace kapi::triage
