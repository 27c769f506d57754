// kapi_policy_eval — measures the whole checker (models + lexicons) against the quality targets
// of issue 7, and optionally tunes the two classifier thresholds.
//
//   kapi_policy_eval --models models/policy [--shared ../shared] [--split test|dev] [--verbose]
//                    [--tune]   (grid-search thresholds on the dev split, write checker.json)
//
// Reports: OffensEval macro-F1 of "any content finding" vs OFF; the same on Teknofest (binary)
// with sub-rule accuracy; and the false-alarm rate on the sentences of seeds 000-002.

#include <cstdio>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "policy/checker.h"
#include "policy/train/dataset.h"
#include "policy/train/metrics.h"

namespace kapi::policy::train {
namespace {

struct Flags {
  std::string shared = KAPI_SHARED_DIR_DEFAULT;
  std::string models = "models/policy";
  std::string split = "test";
  bool verbose = false;
  bool tune = false;
  double max_false_alarm = 0.01;
  int seed_min_words = 4;
  double short_text_margin = 1.0;
  std::string
      offensive_models;  // --tune: comma-separated ensemble, e.g. "offensive.klm,offensive_lr.klm"
  double off_min = -0.8, off_max = 0.0, off_step = 0.05;
};

bool AnyContent(const std::vector<Finding>& findings, Rule* first = nullptr) {
  for (const Finding& f : findings) {
    if (IsContentRule(f.rule)) {
      if (first) *first = f.rule;
      return true;
    }
  }
  return false;
}

struct Report {
  BinaryCounts offenseval, teknofest;
  size_t sub_total = 0, sub_right = 0;
  size_t seed_sentences = 0, seed_alarms = 0;
  double FalseAlarmRate() const {
    return seed_sentences ? double(seed_alarms) / seed_sentences : 0;
  }
};

std::string ExpectedRule(const std::string& label) {
  if (label == "INSULT") return "insult";
  if (label == "PROFANITY") return "profanity";
  if (label == "SEXIST") return "discrimination";
  if (label == "RACIST") return "hate";
  return "";
}

Report Evaluate(const Checker& checker, const std::vector<Example>& data, Split split,
                const std::vector<std::string>& seeds, bool verbose) {
  Report r;
  for (const Example& e : data) {
    if (e.split != split) continue;
    CheckInput in;
    in.id = e.id;
    in.text = e.text;
    in.kind = TextKind::kPost;
    Rule rule{};
    bool predicted = AnyContent(checker.Check(in), &rule);
    bool truth = e.label != "NOT";
    (e.source == "offenseval" ? r.offenseval : r.teknofest).Add(truth, predicted);
    if (e.source == "teknofest" && truth && predicted) {
      ++r.sub_total;
      r.sub_right += RuleName(rule) == ExpectedRule(e.label);
    }
  }
  for (const std::string& s : seeds) {
    CheckInput in;
    in.text = s;
    in.kind = TextKind::kPost;
    auto findings = checker.Check(in);
    ++r.seed_sentences;
    Rule rule{};
    if (AnyContent(findings, &rule)) {
      ++r.seed_alarms;
      if (verbose) fmt::print("  false alarm [{}]: {}\n", RuleName(rule), s);
    }
  }
  return r;
}

void Print(const char* split, const Report& r) {
  fmt::print("[{}] offenseval macro-F1 {:.4f} (P {:.3f} R {:.3f}, n={})\n", split,
             r.offenseval.MacroF1(), r.offenseval.Precision(), r.offenseval.Recall(),
             r.offenseval.tp + r.offenseval.fp + r.offenseval.tn + r.offenseval.fn);
  fmt::print("[{}] teknofest  macro-F1 {:.4f} (P {:.3f} R {:.3f}); sub-rule accuracy {:.4f}\n",
             split, r.teknofest.MacroF1(), r.teknofest.Precision(), r.teknofest.Recall(),
             r.sub_total ? double(r.sub_right) / r.sub_total : 0.0);
  fmt::print("[seeds] false alarms {}/{} sentences = {:.2f}%\n", r.seed_alarms, r.seed_sentences,
             100 * r.FalseAlarmRate());
}

int Run(const Flags& flags) {
  auto data = LoadOffensiveData(flags.shared);
  auto seeds = LoadSeedSentences(flags.shared, flags.seed_min_words);
  if (!data.ok() || !seeds.ok()) {
    fmt::print(stderr, "error: {}\n", (!data.ok() ? data.status() : seeds.status()).ToString());
    return 1;
  }
  if (flags.tune) {
    nlohmann::json models = nlohmann::json::array();
    std::string list = flags.offensive_models.empty() ? "offensive.klm" : flags.offensive_models;
    for (size_t b = 0; b <= list.size();) {
      size_t e = list.find(',', b);
      if (e == std::string::npos) e = list.size();
      if (e > b) models.push_back(list.substr(b, e - b));
      b = e + 1;
    }
    std::ofstream(flags.models + "/checker.json")
        << nlohmann::json{{"offensive_models", models}}.dump(2);
    double best = -1, best_off = 0, best_sub = 0;
    for (double off = flags.off_min; off <= flags.off_max + 1e-9; off += flags.off_step) {
      for (double sub : {-0.25, 0.0, 0.5, 1.0, 100.0}) {
        CheckerOptions o;
        o.offensive_threshold = off;
        o.subtype_threshold = sub;
        auto checker = LoadChecker(flags.models, o);
        if (!checker.ok()) {
          fmt::print(stderr, "error: {}\n", checker.status().ToString());
          return 1;
        }
        Report r = Evaluate(**checker, *data, Split::kDev, *seeds, false);
        // Objective: OffensEval macro-F1, with Teknofest macro-F1 as a tie-breaker weight, subject
        // to the false-alarm budget.
        double objective = r.offenseval.MacroF1() + 0.25 * r.teknofest.MacroF1();
        fmt::print("off={:+.2f} sub={:.1f}: oe {:.4f} tk {:.4f} fa {:.2f}%\n", off, sub,
                   r.offenseval.MacroF1(), r.teknofest.MacroF1(), 100 * r.FalseAlarmRate());
        if (r.FalseAlarmRate() <= flags.max_false_alarm && objective > best) {
          best = objective;
          best_off = off;
          best_sub = sub;
        }
      }
    }
    nlohmann::json j = {
        {"offensive_models", models},
        {"short_text_margin", flags.short_text_margin},
        {"offensive_threshold", best_off},
        {"subtype_threshold", best_sub},
        {"tuned_by", fmt::format("kapi_policy_eval --tune (dev split, seed sentences of >= {} "
                                 "words with false alarms <= {})",
                                 flags.seed_min_words, flags.max_false_alarm)}};
    std::ofstream(flags.models + "/checker.json") << j.dump(2) << "\n";
    fmt::print("chose offensive_threshold={:.2f} subtype_threshold={:.1f}\n", best_off, best_sub);
  }
  auto checker = LoadChecker(flags.models);
  if (!checker.ok()) {
    fmt::print(stderr, "error: {}\n", checker.status().ToString());
    return 1;
  }
  Split split = flags.split == "dev" ? Split::kDev : Split::kTest;
  Report r = Evaluate(**checker, *data, split, *seeds, flags.verbose);
  Print(SplitName(split), r);
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
    else if (a == "--models")
      flags.models = next();
    else if (a == "--split")
      flags.split = next();
    else if (a == "--verbose")
      flags.verbose = true;
    else if (a == "--tune")
      flags.tune = true;
    else if (a == "--offensive-models")
      flags.offensive_models = next();
    else if (a == "--off-min")
      flags.off_min = std::atof(next().c_str());
    else if (a == "--off-max")
      flags.off_max = std::atof(next().c_str());
    else if (a == "--off-step")
      flags.off_step = std::atof(next().c_str());
    else if (a == "--short-text-margin")
      flags.short_text_margin = std::atof(next().c_str());
    else if (a == "--seed-min-words")
      flags.seed_min_words = std::atoi(next().c_str());
    else if (a == "--max-false-alarm")
      flags.max_false_alarm = std::atof(next().c_str());
    else {
      std::fprintf(stderr, "unknown flag %s\n", a.c_str());
      return 2;
    }
  }
  return kapi::policy::train::Run(flags);
}
