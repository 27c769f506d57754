#include "triage/train_eval.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <unordered_map>

#include <fmt/format.h>

#include "triage/fairness.h"
#include "triage/metrics.h"

namespace kapi::triage {
namespace {

namespace fs = std::filesystem;

const std::vector<std::string> kTopicLabels = {
    "Su ve Kanalizasyon", "Ulaşım",           "Park ve Bahçeler",           "Zabıta",
    "Temizlik İşleri",    "Veteriner İşleri", "Sosyal Hizmet ve Yardımlar", "Diğer"};
const std::vector<std::string> kSentimentLabels = {"olumsuz", "nötr", "olumlu"};
const std::vector<std::string> kUrgencyLabels = {"0", "1", "2"};

}  // namespace

ResourcesPtr LoadTextResources(const std::string& models_dir, std::ostream& err) {
  auto r = std::make_shared<TextResources>();
  auto d = text::Deasciifier::LoadTsv(models_dir + "/deasciifier.tsv");
  if (d.ok()) {
    r->deasciifier = std::make_shared<const text::Deasciifier>(std::move(d).value());
  } else {
    err << "uyarı / warning: " << d.status().message() << " (deasciification off)\n";
  }
  auto p = ProtectedTerms::LoadTsv(models_dir + "/protected_terms.tsv");
  if (p.ok()) {
    r->protected_terms = std::make_shared<const ProtectedTerms>(std::move(p).value());
  } else {
    err << "uyarı / warning: " << p.status().message() << " (neutralization off)\n";
  }
  return r;
}

namespace {

int TrainProtectedTerms(const TrainEvalOptions& opt, std::ostream& out, std::ostream& err) {
  auto lists = LoadFairnessLists(opt.shared_dir, opt.models_dir + "/fairness_terms.json");
  if (!lists.ok()) {
    err << "hata / error: " << lists.status().message() << "\n";
    return 2;
  }
  std::unordered_map<std::string, int> lowercase_counts;
  for (const auto& path : DeasciifierCorpora(opt.shared_dir)) {
    auto loaded = LoadExamples(path, "text", "text");
    if (!loaded.ok()) {
      err << "hata / error: " << loaded.status().message() << "\n";
      return 1;
    }
    for (const auto& e : loaded->examples) {
      for (const auto& w : LowercaseWrittenWords(e.text)) ++lowercase_counts[w];
    }
  }
  ProtectedTerms t = ProtectedTerms::Build(*lists, lowercase_counts);
  Status s = t.SaveTsv(opt.models_dir + "/protected_terms.tsv");
  if (!s.ok()) {
    err << "hata / error: " << s.message() << "\n";
    return 1;
  }
  out << fmt::format("protected terms: {} words → {}/protected_terms.tsv\n", t.size(),
                     opt.models_dir);
  return 0;
}

Result<LabeledSet> LoadSet(const TrainEvalOptions& opt) {
  auto loaded = LoadExamples(opt.data, opt.text_field, opt.label_field);
  if (!loaded.ok()) return loaded.status();
  // The shared sets get their canonical label order; an institution's own export keeps just the
  // labels it has.
  std::vector<std::string> order;
  const bool shared_set = opt.data == DefaultOptions(opt.task, opt.shared_dir).data;
  if (shared_set && opt.task == "topic") order = kTopicLabels;
  if (shared_set && opt.task == "sentiment") order = kSentimentLabels;
  if (shared_set && opt.task == "urgency") order = kUrgencyLabels;
  LabeledSet set = ToLabeledSet(loaded->examples, order);
  if (set.texts.size() < static_cast<size_t>(2 * opt.linear.folds)) {
    return InvalidArgument("too few labelled rows in " + opt.data);
  }
  return set;
}

int TrainDeasciifier(const TrainEvalOptions& opt, std::ostream& out, std::ostream& err) {
  text::Deasciifier::Builder b;
  size_t n = 0;
  for (const auto& path : DeasciifierCorpora(opt.shared_dir)) {
    auto loaded = LoadExamples(path, "text", "text");
    if (!loaded.ok()) {
      err << "hata / error: " << loaded.status().message() << "\n";
      return 1;
    }
    for (const auto& e : loaded->examples) b.Add(e.text);
    n += loaded->examples.size();
  }
  text::Deasciifier d = b.Build();
  fs::create_directories(opt.models_dir);
  Status s = d.SaveTsv(opt.models_dir + "/deasciifier.tsv");
  if (!s.ok()) {
    err << "hata / error: " << s.message() << "\n";
    return 1;
  }
  out << fmt::format("deasciifier: {} texts → {} ascii→turkish entries → {}/deasciifier.tsv\n", n,
                     d.size(), opt.models_dir);
  return 0;
}

// Adds extra labelled rows (e.g. TTC-3600 mapped to a topic) to the training side only.
Status LoadExtra(const TrainEvalOptions& opt, const LabeledSet& set,
                 std::vector<std::string>* texts, std::vector<int>* y) {
  for (const auto& spec : opt.extra_data) {
    // Format: path[:label_field][=MappedLabel]. When a mapped label is given every row gets it.
    std::string path = spec, mapped;
    if (auto eq = spec.find('='); eq != std::string::npos) {
      path = spec.substr(0, eq);
      mapped = spec.substr(eq + 1);
    }
    std::string field = opt.label_field;
    if (auto colon = path.find(':'); colon != std::string::npos) {
      field = path.substr(colon + 1);
      path = path.substr(0, colon);
    }
    auto loaded = LoadExamples(path, opt.text_field, field);
    // Other corpora's CSV headers are capitalized ("Text,Sentiment").
    if (!loaded.ok()) loaded = LoadExamples(path, "Text", field);
    if (!loaded.ok()) return loaded.status();
    // "=a>x,b>y" maps labels a→x and b→y (rows with other labels are dropped); "=X" gives
    // every row the label X.
    std::map<std::string, std::string> mapping;
    if (mapped.find('>') != std::string::npos) {
      size_t pos = 0;
      while (pos <= mapped.size()) {
        const size_t comma = std::min(mapped.find(',', pos), mapped.size());
        const std::string pair = mapped.substr(pos, comma - pos);
        if (const size_t gt = pair.find('>'); gt != std::string::npos) {
          mapping[pair.substr(0, gt)] = pair.substr(gt + 1);
        }
        pos = comma + 1;
      }
    }
    for (const auto& e : loaded->examples) {
      std::string label = mapped.empty() ? e.label : mapped;
      if (!mapping.empty()) {
        auto m = mapping.find(e.label);
        if (m == mapping.end()) continue;
        label = m->second;
      }
      auto it = std::find(set.labels.begin(), set.labels.end(), label);
      if (it == set.labels.end()) continue;
      texts->push_back(e.text);
      y->push_back(static_cast<int>(it - set.labels.begin()));
    }
  }
  return Status::Ok();
}

// Out-of-fold raw scores of the linear learner, with extra data and noise filtering applied to
// the training side of each fold only.
Result<std::vector<std::vector<float>>> LinearOof(const TrainEvalOptions& opt,
                                                  const LabeledSet& set,
                                                  const std::vector<int>& folds,
                                                  ResourcesPtr deasc) {
  std::vector<std::string> extra_texts;
  std::vector<int> extra_y;
  KAPI_RETURN_IF_ERROR(LoadExtra(opt, set, &extra_texts, &extra_y));
  if (extra_texts.empty() && opt.noise_filter <= 0) {
    return CrossValScores(set, opt.linear, deasc, folds);
  }
  const int k = *std::max_element(folds.begin(), folds.end()) + 1;
  std::vector<std::vector<float>> scores(set.texts.size());
  for (int f = 0; f < k; ++f) {
    std::vector<size_t> train_rows;
    for (size_t i = 0; i < folds.size(); ++i) {
      if (folds[i] != f) train_rows.push_back(i);
    }
    if (opt.noise_filter > 0) {
      // Inner CV on the training side; drop rows whose own label looks implausible.
      LabeledSet inner;
      inner.labels = set.labels;
      for (size_t r : train_rows) {
        inner.texts.push_back(set.texts[r]);
        inner.y.push_back(set.y[r]);
      }
      auto inner_scores =
          CrossValScores(inner, opt.linear, deasc, StratifiedFolds(inner.y, 3, opt.linear.seed));
      if (!inner_scores.ok()) return inner_scores.status();
      std::vector<size_t> kept;
      for (size_t j = 0; j < train_rows.size(); ++j) {
        auto p = LinearModel::Softmax((*inner_scores)[j], 1.0f);
        if (p[inner.y[j]] >= opt.noise_filter) kept.push_back(train_rows[j]);
      }
      train_rows = std::move(kept);
    }
    auto params = FitLinear(set, train_rows, opt.linear, deasc, extra_texts, extra_y);
    if (!params.ok()) return params.status();
    LinearModel::Params p = std::move(params).value();
    auto model = LinearModel::Create(std::move(p), deasc);
    FeatureVector fv;
    for (size_t i = 0; i < folds.size(); ++i) {
      if (folds[i] != f) continue;
      model->featurizer().Featurize(set.texts[i], &fv);
      model->Scores(fv, &scores[i]);
    }
  }
  return scores;
}

void PrintReport(const TrainEvalOptions& opt, const std::string& title, const EvalReport& r,
                 double ece, std::ostream& out) {
  if (opt.json) {
    nlohmann::json j = r.ToJson();
    j["title"] = title;
    j["ece"] = ece;
    out << j.dump() << "\n";
    return;
  }
  out << "== " << title << " ==\n" << r.ToText() << fmt::format("ECE (10 bins) {:.4f}\n\n", ece);
}

}  // namespace

std::string DefaultSharedDir() {
  if (const char* env = std::getenv("KAPI_SHARED_DIR")) return env;
  for (const char* c : {"../shared", "/work/shared"}) {
    if (fs::exists(fs::path(c) / "data")) return c;
  }
  return "../shared";
}

std::vector<std::string> DeasciifierCorpora(const std::string& shared_dir) {
  const std::string d = shared_dir + "/data/";
  return {d + "complaints_municipal/train.jsonl",
          d + "complaints_telecom/train.jsonl",
          d + "news_ttc3600/all.jsonl",
          d + "offensive_offenseval2020/train.jsonl",
          d + "offensive_teknofest2023/all.jsonl",
          d + "sentiment_movies_demirtas/all.jsonl"};
}

TrainEvalOptions DefaultOptions(const std::string& task, const std::string& shared_dir) {
  TrainEvalOptions o;
  o.task = task;
  o.shared_dir = shared_dir.empty() ? DefaultSharedDir() : shared_dir;
  const std::string d = o.shared_dir + "/data/";
  // One feature config for the three shipped tasks, so the engine extracts features once per
  // text (stemming costs sentiment ~0.005 macro-F1 and gains topic ~0.01).
  o.linear.features = FeatureConfig{};
  // 2^16 buckets: the same CV scores as 2^17 (topic 0.843 / 0.838, sentiment 0.755 / 0.755,
  // urgency 0.751 / 0.748) with half the weight and IDF tables (fewer cache misses per call).
  o.linear.features.hash_bits = 16;
  o.linear.features.stem = true;
  // Character 4-grams only: the same CV scores as 3–4 (topic 0.838 / 0.838, sentiment 0.747 /
  // 0.746, urgency 0.754 / 0.755) and 2–5 at half / a quarter of the n-grams (latency).
  o.linear.features.char_min = 4;
  o.linear.features.char_max = 4;
  // Character n-grams of the word as written (negation and tense suffixes such as "-mıyor" are
  // cut by the stemmer) and tone cues (emoticons, emoji, "!"/"?", stretched letters): sentiment
  // +0.9 points (seeds 1 and 2), topic unchanged (0.838 / 0.838, top-3 +0.3), urgency −0.7 to
  // −0.9 (inside its CI); one shared extraction keeps the latency.
  o.linear.features.char_from_word = true;
  o.linear.features.cues = true;
  if (task == "topic") {
    o.data = d + "complaints_municipal/train.jsonl";
    o.label_field = "label";
    o.linear.solver = "lr";
    // NB log-count-ratio scaling half-way (r' = 0.5·r + 0.5), one-vs-rest: +0.3 / +1.5 points of
    // macro-F1 and +1.3 of top-3 on 5-fold CV with seeds 1 / 2 (docs/triage.md).
    o.linear.c = 3;
    o.linear.nb_alpha = 1;
    o.linear.nb_mix = 0.5;
    o.linear.balanced = true;
  } else if (task == "sentiment") {
    o.data = d + "complaints_telecom/train.jsonl";
    o.label_field = "sentiment";
    o.linear.solver = "lr";
    o.linear.c = 3;
    o.linear.balanced = true;
  } else if (task == "urgency") {
    o.data = d + "complaints_telecom/train.jsonl";
    o.label_field = "severity";
    o.linear.solver = "lr";
    o.linear.c = 2;
    o.linear.balanced = true;
  } else {
    o.label_field = "label";
  }
  return o;
}

int RunEval(const TrainEvalOptions& opt, std::ostream& out, std::ostream& err) {
  if (opt.task == "fairness") {
    return RunFairness(opt.shared_dir, opt.models_dir, opt.linear.seed, 0, 0, out, err);
  }
  auto deasc = LoadTextResources(opt.models_dir, err);
  auto set = LoadSet(opt);
  if (!set.ok()) {
    err << "hata / error: " << set.status().message() << "\n";
    return 2;
  }
  if (opt.shipped) {
    auto model = LinearModel::Load(opt.models_dir + "/" + opt.task + ".kapimodel", deasc);
    if (!model.ok()) {
      err << "hata / error: " << model.status().message() << "\n";
      return 2;
    }
    std::vector<std::vector<float>> probs;
    std::vector<int> gold;
    FeatureVector fv;
    for (size_t i = 0; i < set->texts.size(); ++i) {
      auto it =
          std::find((*model)->labels().begin(), (*model)->labels().end(), set->labels[set->y[i]]);
      if (it == (*model)->labels().end()) continue;
      gold.push_back(static_cast<int>(it - (*model)->labels().begin()));
      (*model)->featurizer().Featurize(set->texts[i], &fv);
      probs.push_back((*model)->Probabilities(fv));
    }
    EvalReport r = Evaluate((*model)->labels(), gold, probs, (*model)->abstain_threshold(), 1000,
                            opt.linear.seed);
    PrintReport(opt, (*model)->version() + " on " + opt.data, r,
                ExpectedCalibrationError(gold, probs), out);
    return 0;
  }

  const std::vector<int> folds = StratifiedFolds(set->y, opt.linear.folds, opt.linear.seed);
  std::vector<std::vector<float>> lin_probs, ft_probs, probs;
  if (opt.learner == "linear" || opt.learner == "ensemble") {
    auto scores = LinearOof(opt, *set, folds, deasc);
    if (!scores.ok()) {
      err << "hata / error: " << scores.status().message() << "\n";
      return 1;
    }
    std::vector<std::vector<float>> adjusted =
        opt.linear.tune_offsets ? CrossFittedOffsets(set->y, *scores, folds, set->labels.size())
                                : std::move(scores).value();
    const float t = FitTemperature(set->y, adjusted);
    for (const auto& s : adjusted) lin_probs.push_back(LinearModel::Softmax(s, t));
  }
  if (opt.learner == "fasttext" || opt.learner == "ensemble") {
    Featurizer normalizer(opt.linear.features, deasc);
    const std::string tmp = (fs::temp_directory_path() / "kapi_fasttext_cv").string();
    auto p = FastTextCrossVal(*set, opt.fasttext, normalizer, folds, tmp);
    if (!p.ok()) {
      err << "hata / error: " << p.status().message() << "\n";
      return 1;
    }
    ft_probs = std::move(p).value();
  }
  if (opt.learner == "linear") {
    probs = lin_probs;
  } else if (opt.learner == "fasttext") {
    probs = ft_probs;
  } else {
    for (size_t i = 0; i < lin_probs.size(); ++i) {
      std::vector<float> p(lin_probs[i].size());
      for (size_t c = 0; c < p.size(); ++c) {
        p[c] = static_cast<float>(opt.ensemble_weight * lin_probs[i][c] +
                                  (1 - opt.ensemble_weight) * ft_probs[i][c]);
      }
      probs.push_back(std::move(p));
    }
  }
  if (!opt.dump_oof.empty()) {
    // Out-of-fold probabilities, one JSON line per row (gold, fold, p), for decision-rule studies.
    std::ofstream f(opt.dump_oof);
    for (size_t i = 0; i < probs.size(); ++i) {
      f << nlohmann::json{{"y", set->y[i]}, {"fold", folds[i]}, {"p", probs[i]}}.dump() << "\n";
    }
  }
  const std::vector<double> thresholds =
      CrossFittedThresholds(set->y, probs, folds, opt.linear.target_precision);
  // Abstain figures from the cross-fitted thresholds (out of sample).
  EvalReport r = Evaluate(set->labels, set->y, probs, -1, 1000, opt.linear.seed);
  size_t answered = 0, right = 0;
  double mean_t = 0;
  for (size_t i = 0; i < probs.size(); ++i) {
    const int top =
        static_cast<int>(std::max_element(probs[i].begin(), probs[i].end()) - probs[i].begin());
    mean_t += thresholds[i] / probs.size();
    if (probs[i][top] >= thresholds[i]) {
      ++answered;
      right += top == set->y[i];
    }
  }
  r.abstain_threshold = mean_t;
  r.abstain_share = 1.0 - static_cast<double>(answered) / probs.size();
  r.answered_precision = answered ? static_cast<double>(right) / answered : 1.0;
  const std::string title =
      fmt::format("{} / {} / {}-fold CV / seed {} / features {} / {} C={}", opt.task, opt.learner,
                  opt.linear.folds, opt.linear.seed, opt.linear.features.ToJson().dump(),
                  opt.linear.solver, opt.linear.c);
  PrintReport(opt, title, r, ExpectedCalibrationError(set->y, probs), out);
  return 0;
}

int RunTrain(const TrainEvalOptions& opt, std::ostream& out, std::ostream& err) {
  if (opt.task == "deasciifier") return TrainDeasciifier(opt, out, err);
  if (opt.task == "protected") return TrainProtectedTerms(opt, out, err);
  auto deasc = LoadTextResources(opt.models_dir, err);
  auto set = LoadSet(opt);
  if (!set.ok()) {
    err << "hata / error: " << set.status().message() << "\n";
    return 2;
  }
  LabeledSet train_set = *set;
  nlohmann::json info = {{"data", fs::path(opt.data).filename().string()},
                         {"data_rows", set->texts.size()},
                         {"label_field", opt.label_field}};
  if (opt.noise_filter > 0) {
    // Confident-learning style cleaning: rows whose given label gets p < noise_filter from a
    // model that never saw them are dropped from the final fit (not from evaluation).
    auto scores = CrossValScores(*set, opt.linear, deasc,
                                 StratifiedFolds(set->y, opt.linear.folds, opt.linear.seed));
    if (!scores.ok()) {
      err << "hata / error: " << scores.status().message() << "\n";
      return 1;
    }
    LabeledSet kept;
    kept.labels = set->labels;
    for (size_t i = 0; i < set->texts.size(); ++i) {
      auto p = LinearModel::Softmax((*scores)[i], 1.0f);
      if (p[set->y[i]] >= opt.noise_filter) {
        kept.texts.push_back(set->texts[i]);
        kept.y.push_back(set->y[i]);
        kept.ids.push_back(set->ids[i]);
      }
    }
    info["noise_filter"] = {{"min_p", opt.noise_filter},
                            {"dropped", set->texts.size() - kept.texts.size()}};
    train_set = std::move(kept);
  }
  auto model = TrainLinearModel(opt.task, train_set, opt.linear, deasc, info);
  if (!model.ok()) {
    err << "hata / error: " << model.status().message() << "\n";
    return 1;
  }
  fs::create_directories(opt.models_dir);
  const std::string path = opt.models_dir + "/" + opt.task + ".kapimodel";
  Status s = (*model)->Save(path);
  if (!s.ok()) {
    err << "hata / error: " << s.message() << "\n";
    return 1;
  }
  const auto& cv = (*model)->info().at("cv");
  out << fmt::format("{} → {} ({} rows, {}-fold CV macro-F1 {:.4f}, abstain threshold {:.3f})\n",
                     (*model)->version(), path, train_set.texts.size(), opt.linear.folds,
                     cv.at("macro_f1").at("value").get<double>(), (*model)->abstain_threshold());
  return 0;
}

}  // namespace kapi::triage
