// kapi_policy_train — trains the offensive-language linear model shipped in models/policy/.
//
//   kapi_policy_train --shared ../shared --out models/policy/offensive.klm [--C 4] [--solver 0]
//                     [--min-df 2] [--char-max 5] [--buckets-log2 21] [--no-teknofest]
//
// Reads both offensive sets (dataset.h), learns idf on the train split, trains one-vs-rest
// LIBLINEAR over classes NOT, OFF, INSULT, PROFANITY, SEXIST, RACIST, tunes the offensive threshold
// (-decision(NOT) > t) for macro-F1 on the OffensEval dev split, reports dev and test numbers,
// and writes the model with the threshold in its metadata. Deterministic for fixed flags.

#include <linear.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include <fmt/core.h>

#include "policy/fold.h"
#include "policy/linear_model.h"
#include "policy/train/dataset.h"
#include "policy/train/metrics.h"
#include "policy/vectorizer.h"

namespace kapi::policy::train {
namespace {

struct Flags {
  std::string shared = KAPI_SHARED_DIR_DEFAULT;
  std::string out;
  double c = 4.0;
  int solver = L2R_LR;
  int min_df = 2;
  VectorizerConfig vec;
  bool teknofest = true;
  bool offenseval = true;
  bool offenseval_negatives = false;  // with --no-offenseval: still train on OffensEval NOT rows
  int news_stride = 0;                // > 0: add every n-th news sentence as a NOT example
  double nb_alpha = 0;      // > 0: scale features by the naive-Bayes log-count ratio (NB-LR)
  std::string dump_scores;  // optional: write dev+test scores (source, id, split, truth, score)
  std::string dump_split;   // optional: write fastText-format train/dev/test files to this prefix
  // Experiment (docs/policy.md, "unsupervised embeddings"): word vectors in fastText .vec text
  // format; the mean (and with --dense-max, the max) of the vectors of a text's words is appended
  // to the sparse row, L2-normalized and scaled by dense_scale. Only the dumped scores and the
  // printed numbers use them: the saved model stays sparse-only.
  std::string dense_vec;
  double dense_scale = 0.5;
  bool dense_max = false;
  // Experiment: cut every letter run to one after folding ("cook" -> "cok"), for a view whose
  // n-grams ignore emphatic lengthening and doubled consonants. Dumped scores only.
  bool squeeze1 = false;
  // Cross-validation over train+dev (test untouched): > 0 makes the rows whose split hash
  // (FNV-1a of the folded text) mod 10 equals dev_bucket the dev split, and the original dev
  // rows (bucket 1) training rows. 1 is the normal split.
  int dev_bucket = 0;
};

struct DenseTable {
  int dim = 0;
  std::unordered_map<std::string, std::vector<float>> vec;
};

DenseTable LoadVec(const std::string& path) {
  DenseTable t;
  std::FILE* f = std::fopen(path.c_str(), "r");
  if (!f) return t;
  char word[4096];
  int n = 0;
  if (std::fscanf(f, "%d %d", &n, &t.dim) != 2) return t;
  for (int i = 0; i < n; ++i) {
    if (std::fscanf(f, "%4095s", word) != 1) break;
    std::vector<float> v(t.dim);
    for (float& x : v) std::fscanf(f, "%f", &x);
    t.vec.emplace(word, std::move(v));
  }
  std::fclose(f);
  return t;
}

// Tokens as in policy/train/embed/build_corpus.py: runs of [a-z0-9@#] and non-ASCII bytes.
std::vector<float> DenseOf(const DenseTable& t, std::string_view s, bool with_max) {
  std::vector<float> mean(t.dim, 0.0f), mx(with_max ? t.dim : 0, -1e9f);
  int found = 0;
  size_t i = 0;
  auto word_byte = [](unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80 || c == '@' || c == '#';
  };
  while (i < s.size()) {
    while (i < s.size() && !word_byte(s[i])) ++i;
    std::string w;
    while (i < s.size() && word_byte(s[i])) {
      char c = s[i++];
      w.push_back(c >= '0' && c <= '9' ? '0' : c);
    }
    if (w.empty()) continue;
    auto it = t.vec.find(w);
    if (it == t.vec.end()) continue;
    ++found;
    for (int d = 0; d < t.dim; ++d) {
      mean[d] += it->second[d];
      if (with_max) mx[d] = std::max(mx[d], it->second[d]);
    }
  }
  auto normalize = [](std::vector<float>& v) {
    double n = 0;
    for (float x : v) n += double{x} * x;
    if (n > 0)
      for (float& x : v) x /= static_cast<float>(std::sqrt(n));
  };
  normalize(mean);
  if (with_max) {
    if (!found) std::fill(mx.begin(), mx.end(), 0.0f);
    normalize(mx);
    mean.insert(mean.end(), mx.begin(), mx.end());
  }
  return mean;
}

const std::vector<std::string> kClasses = {"NOT", "OFF", "INSULT", "PROFANITY", "SEXIST", "RACIST"};

int ClassOf(const std::string& label) {
  for (size_t i = 0; i < kClasses.size(); ++i) {
    if (kClasses[i] == label) return static_cast<int>(i);
  }
  return -1;
}

void Quiet(const char*) {}

int Run(const Flags& flags) {
  auto data = LoadOffensiveData(flags.shared);
  if (!data.ok()) {
    fmt::print(stderr, "error: {}\n", data.status().ToString());
    return 1;
  }
  std::vector<Example>& all = *data;
  if (flags.news_stride > 0) {
    auto news = LoadNewsNegatives(flags.shared, flags.news_stride);
    if (!news.ok()) {
      fmt::print(stderr, "error: {}\n", news.status().ToString());
      return 1;
    }
    fmt::print(stderr, "news negatives {}\n", news->size());
    for (Example& e : *news) all.push_back(std::move(e));
  }
  std::vector<std::string> folded(all.size());
  for (size_t i = 0; i < all.size(); ++i) folded[i] = Fold(all[i].text).text;
  if (flags.dev_bucket > 0) {
    for (size_t i = 0; i < all.size(); ++i) {
      if (all[i].source == "news" || all[i].split == Split::kTest) continue;
      uint64_t h = 1469598103934665603ULL;
      for (unsigned char ch : folded[i]) h = (h ^ ch) * 1099511628211ULL;
      all[i].split = static_cast<int>(h % 10) == flags.dev_bucket ? Split::kDev : Split::kTrain;
    }
  }
  if (flags.squeeze1) {
    for (std::string& t : folded) {
      std::string o;
      for (char ch : t) {
        bool letter = (ch >= 'a' && ch <= 'z');
        if (letter && !o.empty() && o.back() == ch) continue;
        o.push_back(ch);
      }
      t = std::move(o);
    }
  }
  if (!flags.dump_split.empty()) {
    for (const char* part : {"train", "dev", "test"}) {
      std::FILE* f = std::fopen((flags.dump_split + part + ".txt").c_str(), "w");
      for (size_t i = 0; i < all.size(); ++i) {
        if (std::string(SplitName(all[i].split)) != part) continue;
        std::string t = folded[i];
        for (char& ch : t)
          if (ch == '\n') ch = ' ';
        std::fprintf(f, "__label__%s %s\t%s\t%s\n", all[i].label.c_str(), t.c_str(),
                     all[i].source.c_str(), all[i].id.c_str());
      }
      std::fclose(f);
    }
  }
  auto use_for_training = [&](const Example& e) {
    if (e.source == "news") return true;
    if (flags.offenseval_negatives && e.source == "offenseval" && e.label == "NOT") {
      return e.split == Split::kTrain;
    }
    return e.split == Split::kTrain && (flags.teknofest || e.source == "offenseval") &&
           (flags.offenseval || e.source == "teknofest");
  };

  // Document frequencies over the training split.
  const size_t buckets = size_t{1} << flags.vec.buckets_log2;
  std::vector<uint32_t> df(buckets, 0);
  std::vector<uint32_t> df_pos(buckets, 0);
  size_t n_pos = 0;
  size_t n_train = 0;
  RawFeatures raw;
  for (size_t i = 0; i < all.size(); ++i) {
    if (!use_for_training(all[i])) continue;
    ++n_train;
    ExtractRawFeatures(flags.vec, folded[i], raw);
    bool pos = all[i].label != "NOT";
    n_pos += pos;
    for (auto& [b, c] : raw.word) ++df[b], df_pos[b] += pos;
    for (auto& [b, c] : raw.chars) ++df[b], df_pos[b] += pos;
  }
  std::vector<float> idf(buckets, 0.0f);
  size_t kept = 0;
  for (size_t b = 0; b < buckets; ++b) {
    if (df[b] >= static_cast<uint32_t>(flags.min_df)) {
      idf[b] = static_cast<float>(std::log((1.0 + n_train) / (1.0 + df[b])) + 1.0);
      ++kept;
    }
  }
  fmt::print(stderr, "train docs {}, buckets kept {}\n", n_train, kept);
  if (flags.nb_alpha > 0) {
    // r = log((p/|p|) / (q/|q|)) with p, q the smoothed positive / negative document counts.
    double sum_p = 0, sum_q = 0;
    for (size_t b = 0; b < buckets; ++b) {
      if (idf[b] == 0) continue;
      sum_p += df_pos[b] + flags.nb_alpha;
      sum_q += (df[b] - df_pos[b]) + flags.nb_alpha;
    }
    for (size_t b = 0; b < buckets; ++b) {
      if (idf[b] == 0) continue;
      double r = std::log(((df_pos[b] + flags.nb_alpha) / sum_p) /
                          ((df[b] - df_pos[b] + flags.nb_alpha) / sum_q));
      float m = static_cast<float>(idf[b] * std::fabs(r));
      idf[b] = m == 0 ? 1e-6f : m;
    }
  }
  Vectorizer vectorizer(flags.vec, idf);
  DenseTable dense;
  if (!flags.dense_vec.empty()) {
    dense = LoadVec(flags.dense_vec);
    fmt::print(stderr, "dense vectors {} x {}\n", dense.vec.size(), dense.dim);
  }
  const int dense_dims = dense.dim * (flags.dense_max ? 2 : 1);

  // LIBLINEAR problem.
  std::vector<std::vector<feature_node>> nodes;
  std::vector<double> y;
  std::vector<SparseFeature> x;
  for (size_t i = 0; i < all.size(); ++i) {
    if (!use_for_training(all[i])) continue;
    vectorizer.Vectorize(folded[i], x);
    std::sort(x.begin(), x.end(), [](auto& a, auto& b) { return a.bucket < b.bucket; });
    std::vector<feature_node> row;
    row.reserve(x.size() + 2);
    for (const SparseFeature& f : x) row.push_back({static_cast<int>(f.bucket) + 1, f.value});
    row.push_back({static_cast<int>(buckets) + 1, 1.0});  // bias feature
    if (dense.dim) {
      std::vector<float> d = DenseOf(dense, folded[i], flags.dense_max);
      for (size_t j = 0; j < d.size(); ++j)
        row.push_back(
            {static_cast<int>(buckets) + 2 + static_cast<int>(j), flags.dense_scale * d[j]});
    }
    row.push_back({-1, 0.0});
    nodes.push_back(std::move(row));
    y.push_back(ClassOf(all[i].label));
  }
  std::vector<feature_node*> rows(nodes.size());
  for (size_t i = 0; i < nodes.size(); ++i) rows[i] = nodes[i].data();
  problem prob{};
  prob.l = static_cast<int>(rows.size());
  prob.n = static_cast<int>(buckets) + 1 + dense_dims;
  prob.y = y.data();
  prob.x = rows.data();
  prob.bias = -1;
  parameter param{};
  param.solver_type = flags.solver;
  param.C = flags.c;
  param.eps = flags.solver == L2R_LR ? 0.01 : 0.1;
  param.p = 0.1;
  set_print_string_function(&Quiet);
  if (const char* err = check_parameter(&prob, &param)) {
    fmt::print(stderr, "liblinear: {}\n", err);
    return 1;
  }
  ::model* m = ::train(&prob, &param);
  const int nr_class = get_nr_class(m);
  std::vector<int> labels(nr_class);
  get_labels(m, labels.data());
  // Export weights in kClasses order.
  const size_t c = kClasses.size();
  std::vector<float> weights(buckets * c, 0.0f);
  std::vector<float> bias(c, -10.0f);
  for (int li = 0; li < nr_class; ++li) {
    int k = labels[li];
    if (nr_class == 2 && li == 1) break;  // binary: one weight vector for labels[0]
    for (size_t b = 0; b < buckets; ++b) {
      weights[b * c + k] = static_cast<float>(get_decfun_coef(m, static_cast<int>(b) + 1, li));
    }
    bias[k] = static_cast<float>(get_decfun_coef(m, static_cast<int>(buckets) + 1, li));
  }
  if (nr_class == 2) {  // mirror so "NOT" always has its own score
    int k0 = labels[0], k1 = labels[1];
    for (size_t b = 0; b < buckets; ++b) weights[b * c + k1] = -weights[b * c + k0];
    bias[k1] = -bias[k0];
  }
  // Dense weights of the NOT decision (k == 0), for the experiment's scores.
  std::vector<double> dense_not(dense_dims, 0.0);
  for (int li = 0; li < nr_class; ++li) {
    if (nr_class == 2 && li == 1) break;
    int k = labels[li];
    double sign = k == 0 ? 1.0 : (nr_class == 2 ? -1.0 : 0.0);
    if (sign == 0) continue;
    for (int j = 0; j < dense_dims; ++j)
      dense_not[j] = sign * get_decfun_coef(m, static_cast<int>(buckets) + 2 + j, li);
  }
  free_and_destroy_model(&m);
  // Keep only the classes that had training rows (NOT first), so rows carry no dead weights.
  std::vector<std::string> present;
  std::vector<size_t> keep;
  for (size_t k = 0; k < c; ++k) {
    if (std::find(y.begin(), y.end(), static_cast<double>(k)) != y.end()) {
      present.push_back(kClasses[k]);
      keep.push_back(k);
    }
  }
  std::vector<float> kept_weights(buckets * keep.size());
  std::vector<float> kept_bias(keep.size());
  for (size_t j = 0; j < keep.size(); ++j) {
    kept_bias[j] = bias[keep[j]];
    for (size_t b = 0; b < buckets; ++b)
      kept_weights[b * keep.size() + j] = weights[b * c + keep[j]];
  }
  std::vector<float>().swap(weights);
  LinearModel model(flags.vec, present, idf, std::move(kept_weights), kept_bias,
                    nlohmann::json::object());

  auto DenseDecision = [&](size_t i) {
    if (!dense.dim) return 0.0;
    std::vector<float> d = DenseOf(dense, folded[i], flags.dense_max);
    double z = 0;
    for (int j = 0; j < dense_dims; ++j) z += dense_not[j] * flags.dense_scale * d[j];
    return z;
  };
  // Scores: offensive = -decision(NOT).
  auto offensive_score = [&](size_t i) {
    std::vector<float> s;
    model.Scores(folded[i], s);
    return -static_cast<double>(s[0]) - DenseDecision(i);
  };
  std::vector<double> dev_scores;
  std::vector<bool> dev_truth;
  for (size_t i = 0; i < all.size(); ++i) {
    if (all[i].split != Split::kDev ||
        all[i].source != (flags.offenseval ? "offenseval" : "teknofest")) {
      continue;
    }
    dev_scores.push_back(offensive_score(i));
    dev_truth.push_back(all[i].label != "NOT");
  }
  auto [threshold, dev_f1] = BestMacroF1Threshold(dev_scores, dev_truth);
  double score_mean = 0, score_std = 0;
  for (double v : dev_scores) score_mean += v;
  score_mean /= std::max<size_t>(1, dev_scores.size());
  for (double v : dev_scores) score_std += (v - score_mean) * (v - score_mean);
  score_std = std::sqrt(score_std / std::max<size_t>(1, dev_scores.size()));
  std::map<std::string, BinaryCounts> test_counts;
  std::map<std::string, BinaryCounts> test_counts_zero;
  std::FILE* dump =
      flags.dump_scores.empty() ? nullptr : std::fopen(flags.dump_scores.c_str(), "w");
  size_t sub_total = 0, sub_right = 0;
  for (size_t i = 0; i < all.size(); ++i) {
    if (all[i].split == Split::kDev && dump) {
      std::fprintf(dump, "%s\t%s\tdev\t%d\t%.6f\n", all[i].source.c_str(), all[i].id.c_str(),
                   all[i].label != "NOT" ? 1 : 0, offensive_score(i));
    }
    if (all[i].split != Split::kTest) continue;
    std::vector<float> s;
    model.Scores(folded[i], s);
    double score = -static_cast<double>(s[0]) - DenseDecision(i);
    bool truth = all[i].label != "NOT";
    test_counts[all[i].source].Add(truth, score > threshold);
    test_counts_zero[all[i].source].Add(truth, score > 0);
    if (dump)
      std::fprintf(dump, "%s\t%s\ttest\t%d\t%.6f\n", all[i].source.c_str(), all[i].id.c_str(),
                   truth ? 1 : 0, score);
    if (all[i].source == "teknofest" && truth && present.size() > 2) {
      size_t best = 1;
      for (size_t k = 2; k < present.size(); ++k) {
        if (present[k] != "OFF" && s[k] > s[best]) best = k;
      }
      ++sub_total;
      sub_right += present[best] == all[i].label;
    }
  }
  if (dump) std::fclose(dump);
  fmt::print("solver={} C={} min_df={} char={}..{} buckets=2^{} teknofest={}\n", flags.solver,
             flags.c, flags.min_df, flags.vec.char_min, flags.vec.char_max, flags.vec.buckets_log2,
             flags.teknofest);
  fmt::print("dev offenseval macro-F1 {:.4f} at threshold {:.4f}\n", dev_f1, threshold);
  nlohmann::json report;
  for (auto& [source, counts] : test_counts) {
    fmt::print("test {:<10} n={} macro-F1 {:.4f} (P {:.3f} R {:.3f}); at 0: {:.4f}\n", source,
               counts.tp + counts.fp + counts.tn + counts.fn, counts.MacroF1(), counts.Precision(),
               counts.Recall(), test_counts_zero[source].MacroF1());
    report[source] = {{"macro_f1", counts.MacroF1()},
                      {"precision", counts.Precision()},
                      {"recall", counts.Recall()}};
  }
  if (sub_total)
    fmt::print("teknofest subtype accuracy {:.4f} (n={})\n", double(sub_right) / sub_total,
               sub_total);
  if (!flags.out.empty()) {
    // Save the trained model with the tuned threshold.
    model.set_metadata({{"threshold", threshold},
                        {"score_mean", score_mean},
                        {"score_std", score_std},
                        {"nb_alpha", flags.nb_alpha},
                        {"news_stride", flags.news_stride},
                        {"solver", flags.solver},
                        {"C", flags.c},
                        {"min_df", flags.min_df},
                        {"train_docs", n_train},
                        {"dev_offenseval_macro_f1", dev_f1},
                        {"test", report}});
    Status st = model.Save(flags.out);
    if (!st.ok()) {
      fmt::print(stderr, "error: {}\n", st.ToString());
      return 1;
    }
    fmt::print(stderr, "wrote {}\n", flags.out);
  }
  return 0;
}

}  // namespace
}  // namespace kapi::policy::train

int main(int argc, char** argv) {
  kapi::policy::train::Flags flags;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--shared")
      flags.shared = next();
    else if (a == "--out")
      flags.out = next();
    else if (a == "--C")
      flags.c = std::atof(next().c_str());
    else if (a == "--solver")
      flags.solver = std::atoi(next().c_str());
    else if (a == "--min-df")
      flags.min_df = std::atoi(next().c_str());
    else if (a == "--char-min")
      flags.vec.char_min = std::atoi(next().c_str());
    else if (a == "--char-max")
      flags.vec.char_max = std::atoi(next().c_str());
    else if (a == "--buckets-log2")
      flags.vec.buckets_log2 = std::atoi(next().c_str());
    else if (a == "--no-bigrams")
      flags.vec.word_bigrams = false;
    else if (a == "--no-prefixes")
      flags.vec.word_prefixes = false;
    else if (a == "--no-teknofest")
      flags.teknofest = false;
    else if (a == "--no-offenseval")
      flags.offenseval = false;
    else if (a == "--offenseval-negatives")
      flags.offenseval_negatives = true;
    else if (a == "--news-stride")
      flags.news_stride = std::atoi(next().c_str());
    else if (a == "--nb")
      flags.nb_alpha = std::atof(next().c_str());
    else if (a == "--dump-scores")
      flags.dump_scores = next();
    else if (a == "--dense-vec")
      flags.dense_vec = next();
    else if (a == "--dense-scale")
      flags.dense_scale = std::atof(next().c_str());
    else if (a == "--dev-bucket")
      flags.dev_bucket = std::atoi(next().c_str());
    else if (a == "--squeeze1")
      flags.squeeze1 = true;
    else if (a == "--dense-max")
      flags.dense_max = true;
    else if (a == "--dump-split")
      flags.dump_split = next();
    else {
      std::fprintf(stderr, "unknown flag %s\n", a.c_str());
      return 2;
    }
  }
  return kapi::policy::train::Run(flags);
}
