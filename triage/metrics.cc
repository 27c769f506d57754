#include "triage/metrics.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <fmt/format.h>

#include "base/random.h"
#include "triage/linear_model.h"

namespace kapi::triage {
namespace {

int ArgMax(const std::vector<float>& p) {
  return static_cast<int>(std::max_element(p.begin(), p.end()) - p.begin());
}

bool InTopK(const std::vector<float>& p, int gold, int k) {
  int better = 0;
  for (size_t c = 0; c < p.size(); ++c) {
    if (static_cast<int>(c) != gold && p[c] > p[gold]) ++better;
  }
  return better < k;
}

Interval Percentiles(double value, std::vector<double> samples) {
  Interval iv{value, value, value};
  if (samples.empty()) return iv;
  std::sort(samples.begin(), samples.end());
  auto at = [&](double q) {
    return samples[std::min(samples.size() - 1,
                            static_cast<size_t>(q * (samples.size() - 1) + 0.5))];
  };
  iv.low = at(0.025);
  iv.high = at(0.975);
  return iv;
}

}  // namespace

double MacroF1(const std::vector<int>& gold, const std::vector<int>& pred, size_t num_labels) {
  std::vector<int> tp(num_labels), fp(num_labels), fn(num_labels);
  for (size_t i = 0; i < gold.size(); ++i) {
    if (gold[i] == pred[i]) {
      ++tp[gold[i]];
    } else {
      ++fp[pred[i]];
      ++fn[gold[i]];
    }
  }
  double sum = 0;
  int present = 0;
  for (size_t c = 0; c < num_labels; ++c) {
    if (tp[c] + fn[c] == 0 && fp[c] == 0) continue;  // class absent from this sample
    ++present;
    const double denom = 2.0 * tp[c] + fp[c] + fn[c];
    sum += denom > 0 ? 2.0 * tp[c] / denom : 0.0;
  }
  return present ? sum / present : 0.0;
}

EvalReport Evaluate(const std::vector<std::string>& labels, const std::vector<int>& gold,
                    const std::vector<std::vector<float>>& probs, double abstain_threshold,
                    int bootstrap_rounds, uint64_t seed) {
  EvalReport r;
  r.labels = labels;
  r.n = gold.size();
  const size_t k = labels.size();
  std::vector<int> pred(gold.size());
  std::vector<char> top3(gold.size());
  for (size_t i = 0; i < gold.size(); ++i) {
    pred[i] = ArgMax(probs[i]);
    top3[i] = InTopK(probs[i], gold[i], 3);
  }
  r.confusion.assign(k, std::vector<int>(k, 0));
  for (size_t i = 0; i < gold.size(); ++i) ++r.confusion[gold[i]][pred[i]];
  for (size_t c = 0; c < k; ++c) {
    ClassMetrics m;
    m.label = labels[c];
    int tp = r.confusion[c][c], col = 0, row = 0;
    for (size_t j = 0; j < k; ++j) {
      row += r.confusion[c][j];
      col += r.confusion[j][c];
    }
    m.support = row;
    m.precision = col ? static_cast<double>(tp) / col : 0.0;
    m.recall = row ? static_cast<double>(tp) / row : 0.0;
    m.f1 = m.precision + m.recall > 0 ? 2 * m.precision * m.recall / (m.precision + m.recall) : 0;
    r.per_class.push_back(m);
  }
  auto stats = [&](const std::vector<size_t>& idx, double* acc, double* f1, double* t3) {
    std::vector<int> g, p;
    g.reserve(idx.size());
    p.reserve(idx.size());
    size_t correct = 0, in3 = 0;
    for (size_t i : idx) {
      g.push_back(gold[i]);
      p.push_back(pred[i]);
      correct += gold[i] == pred[i];
      in3 += top3[i];
    }
    *acc = idx.empty() ? 0 : static_cast<double>(correct) / idx.size();
    *t3 = idx.empty() ? 0 : static_cast<double>(in3) / idx.size();
    *f1 = MacroF1(g, p, k);
  };
  std::vector<size_t> all(gold.size());
  std::iota(all.begin(), all.end(), 0);
  double acc, f1, t3;
  stats(all, &acc, &f1, &t3);
  std::vector<double> s_acc, s_f1, s_t3;
  auto rng = MakeSeededRandom(seed);
  std::vector<size_t> sample(gold.size());
  for (int b = 0; b < bootstrap_rounds && !gold.empty(); ++b) {
    for (auto& s : sample) s = rng->Uniform(static_cast<uint32_t>(gold.size()));
    double a, f, t;
    stats(sample, &a, &f, &t);
    s_acc.push_back(a);
    s_f1.push_back(f);
    s_t3.push_back(t);
  }
  r.accuracy = Percentiles(acc, s_acc);
  r.macro_f1 = Percentiles(f1, s_f1);
  r.top3 = Percentiles(t3, s_t3);
  if (abstain_threshold >= 0) {
    r.abstain_threshold = abstain_threshold;
    size_t answered = 0, right = 0;
    for (size_t i = 0; i < gold.size(); ++i) {
      if (probs[i][pred[i]] >= abstain_threshold) {
        ++answered;
        right += pred[i] == gold[i];
      }
    }
    r.abstain_share = gold.empty() ? 0 : 1.0 - static_cast<double>(answered) / gold.size();
    r.answered_precision = answered ? static_cast<double>(right) / answered : 1.0;
  }
  return r;
}

double ChooseAbstainThreshold(const std::vector<int>& gold,
                              const std::vector<std::vector<float>>& probs, double target) {
  std::vector<std::pair<float, bool>> top;  // (top-1 p, correct)
  for (size_t i = 0; i < gold.size(); ++i) {
    int p = ArgMax(probs[i]);
    top.emplace_back(probs[i][p], p == gold[i]);
  }
  // Sort by confidence descending; the threshold is the lowest confidence at which everything
  // at or above it is still ≥ target precise.
  std::sort(top.begin(), top.end(), [](auto& a, auto& b) { return a.first > b.first; });
  double best = 1.0;
  size_t right = 0;
  for (size_t i = 0; i < top.size(); ++i) {
    right += top[i].second;
    if (i + 1 < top.size() && top[i + 1].first == top[i].first) continue;  // cut between values
    if (static_cast<double>(right) / (i + 1) >= target) best = top[i].first;
  }
  return best;
}

float FitTemperature(const std::vector<int>& gold, const std::vector<std::vector<float>>& scores) {
  auto nll = [&](double log_t) {
    const float t = static_cast<float>(std::exp(log_t));
    double sum = 0;
    for (size_t i = 0; i < gold.size(); ++i) {
      auto p = LinearModel::Softmax(scores[i], t);
      sum -= std::log(std::max(1e-12, static_cast<double>(p[gold[i]])));
    }
    return sum;
  };
  double a = std::log(0.05), b = std::log(20.0);
  const double g = (std::sqrt(5.0) - 1) / 2;
  double c = b - g * (b - a), d = a + g * (b - a);
  double fc = nll(c), fd = nll(d);
  for (int it = 0; it < 60; ++it) {
    if (fc < fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - g * (b - a);
      fc = nll(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + g * (b - a);
      fd = nll(d);
    }
  }
  return static_cast<float>(std::exp((a + b) / 2));
}

std::vector<float> TuneClassOffsets(const std::vector<int>& gold,
                                    const std::vector<std::vector<float>>& scores,
                                    size_t num_labels) {
  std::vector<float> off(num_labels, 0.0f);
  std::vector<int> pred(gold.size());
  auto f1_with = [&](const std::vector<float>& o) {
    for (size_t i = 0; i < gold.size(); ++i) {
      int best = 0;
      for (size_t c = 1; c < num_labels; ++c) {
        if (scores[i][c] + o[c] > scores[i][best] + o[best]) best = static_cast<int>(c);
      }
      pred[i] = best;
    }
    return MacroF1(gold, pred, num_labels);
  };
  // Scores are spread on the scale of their standard deviation; search offsets in those units.
  double mean = 0, sq = 0;
  size_t n = 0;
  for (const auto& s : scores) {
    for (float v : s) {
      mean += v;
      sq += static_cast<double>(v) * v;
      ++n;
    }
  }
  mean /= std::max<size_t>(n, 1);
  const double sd = std::sqrt(std::max(1e-12, sq / std::max<size_t>(n, 1) - mean * mean));
  double best = f1_with(off);
  for (int round = 0; round < 3; ++round) {
    for (size_t c = 0; c < num_labels; ++c) {
      const float keep = off[c];
      float best_v = keep;
      for (int step = -10; step <= 10; ++step) {
        off[c] = keep + static_cast<float>(step * 0.05 * sd);
        const double f = f1_with(off);
        if (f > best + 1e-9) {
          best = f;
          best_v = off[c];
        }
      }
      off[c] = best_v;
    }
  }
  return off;
}

double ExpectedCalibrationError(const std::vector<int>& gold,
                                const std::vector<std::vector<float>>& probs) {
  double conf[10] = {}, acc[10] = {};
  int count[10] = {};
  for (size_t i = 0; i < gold.size(); ++i) {
    int p = ArgMax(probs[i]);
    int bin = std::min(9, static_cast<int>(probs[i][p] * 10));
    conf[bin] += probs[i][p];
    acc[bin] += p == gold[i];
    ++count[bin];
  }
  double ece = 0;
  for (int b = 0; b < 10; ++b) {
    if (count[b]) ece += std::fabs(acc[b] - conf[b]) / static_cast<double>(gold.size());
  }
  return ece;
}

nlohmann::json EvalReport::ToJson() const {
  auto iv = [](const Interval& i) {
    return nlohmann::json{{"value", i.value}, {"ci95", {i.low, i.high}}};
  };
  nlohmann::json pc = nlohmann::json::array();
  for (const auto& m : per_class) {
    pc.push_back({{"label", m.label},
                  {"precision", m.precision},
                  {"recall", m.recall},
                  {"f1", m.f1},
                  {"support", m.support}});
  }
  nlohmann::json j = {{"n", n},
                      {"accuracy", iv(accuracy)},
                      {"macro_f1", iv(macro_f1)},
                      {"top3_accuracy", iv(top3)},
                      {"per_class", pc},
                      {"labels", labels},
                      {"confusion", confusion}};
  if (abstain_threshold > 0) {
    j["abstain"] = {{"threshold", abstain_threshold},
                    {"share", abstain_share},
                    {"answered_precision", answered_precision}};
  }
  return j;
}

std::string EvalReport::ToText() const {
  std::string s;
  s += fmt::format("n = {}\n", n);
  s += fmt::format("macro-F1      {:.4f}  (95% CI {:.4f}–{:.4f})\n", macro_f1.value, macro_f1.low,
                   macro_f1.high);
  s += fmt::format("accuracy      {:.4f}  (95% CI {:.4f}–{:.4f})\n", accuracy.value, accuracy.low,
                   accuracy.high);
  if (labels.size() > 3) {
    s += fmt::format("top-3 acc.    {:.4f}  (95% CI {:.4f}–{:.4f})\n", top3.value, top3.low,
                     top3.high);
  }
  if (abstain_threshold > 0) {
    s += fmt::format(
        "abstain       threshold {:.3f}: abstains on {:.1f}%, precision of the rest {:.4f}\n",
        abstain_threshold, 100 * abstain_share, answered_precision);
  }
  s += fmt::format("\n{:<28} {:>9} {:>9} {:>9} {:>8}\n", "class", "precision", "recall", "F1",
                   "support");
  for (const auto& m : per_class) {
    s += fmt::format("{:<28} {:>9.4f} {:>9.4f} {:>9.4f} {:>8}\n", m.label, m.precision, m.recall,
                     m.f1, m.support);
  }
  s += "\nconfusion (rows gold, columns predicted, order as above)\n";
  for (size_t g = 0; g < confusion.size(); ++g) {
    s += fmt::format("{:>3} ", g);
    for (int c : confusion[g]) s += fmt::format("{:>6}", c);
    s += "\n";
  }
  return s;
}

}  // namespace kapi::triage
