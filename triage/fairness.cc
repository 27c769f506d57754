#include "triage/fairness.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include <unistd.h>

#include <fmt/format.h>
#include <unicode/uchar.h>
#include <nlohmann/json.hpp>

#include "base/random.h"
#include "text/turkish.h"
#include "triage/dataset.h"
#include "triage/linear_trainer.h"
#include "triage/train_eval.h"

namespace kapi::triage {
namespace {

namespace fs = std::filesystem;

struct Span {
  size_t start, len;
};

// Runs of letters in the original text (case kept), by code point.
std::vector<Span> LetterRuns(std::string_view s) {
  std::vector<Span> out;
  size_t i = 0, start = std::string_view::npos;
  while (i < s.size()) {
    const size_t at = i;
    UChar32 c;
    U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), i, static_cast<int32_t>(s.size()), c);
    const bool letter = c >= 0 && u_isalpha(c);
    if (letter && start == std::string_view::npos) start = at;
    if (!letter && start != std::string_view::npos) {
      out.push_back({start, at - start});
      start = std::string_view::npos;
    }
  }
  if (start != std::string_view::npos) out.push_back({start, s.size() - start});
  return out;
}

bool StartsUpper(std::string_view w) {
  int32_t i = 0;
  UChar32 c;
  U8_NEXT(reinterpret_cast<const uint8_t*>(w.data()), i, static_cast<int32_t>(w.size()), c);
  return c >= 0 && u_isupper(c);
}

// What the models suggest. The emergency flag is counted apart: the lexicon deliberately
// rings on words inside some place names ("Kurşunlu", "Sel"), a false alarm the policy accepts.
std::string Key(const TriageResult& r) {
  return (r.topic.empty() ? "" : r.topic[0].label) + "|" + (r.abstain ? "A" : "-") + "|" +
         (r.sentiment ? r.sentiment->label : "") + "|" + (r.urgency ? r.urgency->label : "");
}

const std::string& Pick(const std::vector<std::string>& v, Random& rng) {
  return v[rng.Uniform(static_cast<uint32_t>(v.size()))];
}

// A word-to-group index of the interchangeable term lists, by lower-case form.
struct TermIndex {
  std::map<std::string, std::pair<const std::vector<std::string>*, size_t>> by_lower;
  explicit TermIndex(const std::vector<std::vector<std::string>>& groups) {
    for (const auto& g : groups) {
      for (size_t i = 0; i < g.size(); ++i) by_lower[text::ToLowerTr(g[i])] = {&g, i};
    }
  }
};

}  // namespace

std::vector<std::string> LowercaseWrittenWords(std::string_view text) {
  std::vector<std::string> out;
  for (const Span& sp : LetterRuns(text)) {
    std::string_view w = text.substr(sp.start, sp.len);
    if (!StartsUpper(w)) out.push_back(text::ToLowerTr(w));
  }
  return out;
}

Result<FairnessLists> LoadFairnessLists(const std::string& shared_dir,
                                        const std::string& terms_path) {
  FairnessLists l;
  const std::string d = shared_dir + "/data/";
  {
    std::ifstream in(d + "names/first_names.tsv");
    if (!in) return NotFound("names list not found under " + d);
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
      const size_t tab = line.find('\t');
      if (tab == std::string::npos) continue;
      const std::string name = line.substr(0, tab), g = line.substr(tab + 1);
      if (name.size() < 3) continue;
      (g == "K" ? l.female_names : g == "E" ? l.male_names : l.surnames).push_back(name);
    }
  }
  {
    std::ifstream in(d + "names/surnames.txt");
    std::string line;
    while (std::getline(in, line)) {
      if (line.size() >= 3) l.surnames.push_back(line);
    }
  }
  for (const auto& [file, field] : {std::pair{"il.json", "il_name"}, {"ilce.json", "ilce_name"}}) {
    std::ifstream in(d + "places_ptt/" + file);
    auto j = nlohmann::json::parse(in, nullptr, false);
    if (j.is_discarded()) return NotFound(std::string("place list not readable: ") + file);
    for (const auto& e : j) l.places.push_back(e.value(field, ""));
  }
  std::ifstream in(terms_path);
  auto j = nlohmann::json::parse(in, nullptr, false);
  if (j.is_discarded()) return NotFound("fairness terms not readable: " + terms_path);
  l.gendered = j.at("gendered").get<std::vector<std::vector<std::string>>>();
  l.ethnic = j.at("ethnic").get<std::vector<std::vector<std::string>>>();
  l.religious = j.at("religious").get<std::vector<std::vector<std::string>>>();
  l.templates = j.at("templates").get<std::vector<std::string>>();
  if (l.female_names.empty() || l.male_names.empty() || l.places.empty()) {
    return InvalidArgument("fairness lists are empty");
  }
  return l;
}

FairnessReport RunCounterfactuals(const Engine& engine, const std::vector<std::string>& texts,
                                  const FairnessLists& lists,
                                  const std::vector<std::string>& common_words, uint64_t seed) {
  FairnessReport report;
  auto rng = MakeSeededRandom(seed);
  const std::unordered_set<std::string> common(common_words.begin(), common_words.end());
  std::unordered_set<std::string> first_names, surnames, places;
  for (const auto* v : {&lists.female_names, &lists.male_names})
    first_names.insert(v->begin(), v->end());
  surnames.insert(lists.surnames.begin(), lists.surnames.end());
  places.insert(lists.places.begin(), lists.places.end());
  const TermIndex gendered(lists.gendered), ethnic(lists.ethnic), religious(lists.religious);
  // Replacements are unambiguous names and places only: swapping a word for "Umut" or "Merkez"
  // (also ordinary words) would change what the text says, not who or where.
  auto unambiguous = [&](const std::vector<std::string>& v) {
    std::vector<std::string> out;
    for (const auto& w : v) {
      if (w.find(' ') == std::string::npos && !common.count(text::ToLowerTr(w))) out.push_back(w);
    }
    return out;
  };
  const std::vector<std::string> female = unambiguous(lists.female_names),
                                 male = unambiguous(lists.male_names),
                                 surname_pool = unambiguous(lists.surnames),
                                 place_pool = unambiguous(lists.places);
  std::vector<std::string> all_names = female;
  all_names.insert(all_names.end(), male.begin(), male.end());

  auto note = [&](const std::string& kind, bool same, const std::string& a, const std::string& b,
                  bool* text_ok) {
    auto& k = report.kinds[kind];
    ++k.pairs;
    if (same) {
      ++k.unchanged;
    } else {
      *text_ok = false;
      if (k.examples.size() < 3)
        k.examples.push_back(a.substr(0, 160) + "  ⇄  " + b.substr(0, 160));
    }
  };

  for (const std::string& text : texts) {
    const TriageResult base = engine.Triage(text);
    const std::string base_key = Key(base);
    bool text_ok = true;
    // In-text swaps, one variant per kind.
    std::map<std::string, std::string> variants;
    std::map<std::string, bool> changed;
    for (const char* kind : {"names", "places", "gendered", "ethnic", "religious"}) {
      variants[kind] = std::string();
      changed[kind] = false;
    }
    size_t last = 0;
    for (const Span& sp : LetterRuns(text)) {
      const std::string word = text.substr(sp.start, sp.len);
      const std::string lower = text::ToLowerTr(word);
      const std::string gap = text.substr(last, sp.start - last);
      for (auto& [kind, v] : variants) v += gap;
      last = sp.start + sp.len;
      for (auto& [kind, v] : variants) {
        std::string repl = word;
        if (kind == "names" && StartsUpper(word) && !common.count(lower)) {
          if (first_names.count(word))
            repl = Pick(all_names, *rng);
          else if (surnames.count(word))
            repl = Pick(surname_pool, *rng);
        } else if (kind == "places" && StartsUpper(word) && places.count(word) &&
                   !common.count(lower)) {
          repl = Pick(place_pool, *rng);
        } else if (kind == "gendered" || kind == "ethnic" || kind == "religious") {
          const TermIndex& idx = kind == "gendered" ? gendered
                                 : kind == "ethnic" ? ethnic
                                                    : religious;
          auto it = idx.by_lower.find(lower);
          if (it != idx.by_lower.end()) {
            const auto& group = *it->second.first;
            size_t other = rng->Uniform(static_cast<uint32_t>(group.size() - 1));
            if (other >= it->second.second) ++other;
            repl = group[other];
          }
        }
        if (repl != word) changed[kind] = true;
        v += repl;
      }
    }
    for (auto& [kind, v] : variants) {
      if (!changed[kind]) continue;
      v += text.substr(last);
      const TriageResult cf = engine.Triage(v);
      note(kind, Key(cf) == base_key, text, v, &text_ok);
      ++report.emergency_pairs;
      report.emergency_flips += cf.emergency != base.emergency;
    }
    // Templates: the same text behind two differently filled sentences.
    for (size_t t = 0; t < lists.templates.size(); ++t) {
      std::string a = lists.templates[t], b = lists.templates[t];
      auto fill = [&](const std::string& slot, const std::string& va, const std::string& vb) {
        const std::string tag = "{" + slot + "}";
        for (size_t p; (p = a.find(tag)) != std::string::npos;) a.replace(p, tag.size(), va);
        for (size_t p; (p = b.find(tag)) != std::string::npos;) b.replace(p, tag.size(), vb);
      };
      fill("name", Pick(female, *rng) + " " + Pick(surname_pool, *rng),
           Pick(male, *rng) + " " + Pick(surname_pool, *rng));
      fill("place", Pick(place_pool, *rng), Pick(place_pool, *rng));
      const auto& gpair =
          lists.gendered[rng->Uniform(static_cast<uint32_t>(lists.gendered.size()))];
      fill("gendered", gpair[0], gpair[1]);
      const auto& eg = lists.ethnic[0];
      fill("ethnic", Pick(eg, *rng), Pick(eg, *rng));
      const auto& rg = lists.religious[0];
      fill("religious", Pick(rg, *rng), Pick(rg, *rng));
      const TriageResult ra = engine.Triage(a + text), rb = engine.Triage(b + text);
      note("template:" + std::to_string(t), Key(ra) == Key(rb), a + text, b + text, &text_ok);
      ++report.emergency_pairs;
      report.emergency_flips += ra.emergency != rb.emergency;
    }
    ++report.texts;
    report.unchanged_texts += text_ok;
  }
  return report;
}

std::string FairnessReport::ToText() const {
  std::string s = fmt::format(
      "texts {}; model suggestions (topic, abstain, sentiment, urgency) unchanged on every "
      "counterfactual: {:.4f}\nemergency lexicon flag changed in {} of {} pairs (cues inside "
      "names, e.g. \"Kurşunlu\"; accepted false alarms)\n",
      texts, rate(), emergency_flips, emergency_pairs);
  s += fmt::format("{:<14} {:>7} {:>10} {:>8}\n", "kind", "pairs", "unchanged", "rate");
  for (const auto& [kind, k] : kinds) {
    s += fmt::format("{:<14} {:>7} {:>10} {:>8.4f}\n", kind, k.pairs, k.unchanged, k.rate());
  }
  for (const auto& [kind, k] : kinds) {
    for (const auto& e : k.examples) s += fmt::format("  changed [{}]: {}\n", kind, e);
  }
  return s;
}

int RunFairness(const std::string& shared_dir, const std::string& models_dir, uint64_t seed,
                size_t max_texts, size_t max_train, std::ostream& out, std::ostream& err,
                double* overall_rate) {
  const std::string d = shared_dir + "/data/";
  auto lists = LoadFairnessLists(shared_dir, models_dir + "/fairness_terms.json");
  if (!lists.ok()) {
    err << "hata / error: " << lists.status().message() << "\n";
    return 2;
  }
  // Per process: two runs at once (parallel test sessions) must not delete each other's models.
  const fs::path tmp =
      fs::temp_directory_path() / fmt::format("kapi_fairness_{}_{}", seed, ::getpid());
  fs::remove_all(tmp);
  fs::create_directories(tmp);
  ResourcesPtr deasc = LoadTextResources(models_dir, err);
  for (const char* f : {"deasciifier.tsv", "protected_terms.tsv"}) {
    if (fs::exists(models_dir + "/" + f)) fs::copy_file(models_dir + "/" + f, tmp / f);
  }
  std::vector<std::string> held_out, common_words;
  // "Ordinary word" has one definition for the neutralizer and this harness: written lower-case
  // at least 20 times in the shared corpora.
  std::unordered_map<std::string, int> lowercase_counts;
  for (const auto& path : DeasciifierCorpora(shared_dir)) {
    auto loaded = LoadExamples(path, "text", "text");
    if (!loaded.ok()) continue;
    for (const auto& e : loaded->examples) {
      for (const auto& w : LowercaseWrittenWords(e.text)) ++lowercase_counts[w];
    }
  }
  for (const auto& [w, n] : lowercase_counts) {
    if (n >= 20) common_words.push_back(w);
  }
  for (const char* task : {"topic", "sentiment", "urgency"}) {
    TrainEvalOptions opt = DefaultOptions(task, shared_dir);
    auto loaded = LoadExamples(opt.data, opt.text_field, opt.label_field);
    if (!loaded.ok()) {
      err << "hata / error: " << loaded.status().message() << "\n";
      return 2;
    }
    LabeledSet set = ToLabeledSet(loaded->examples);
    const std::vector<int> folds = StratifiedFolds(set.y, 5, seed);
    std::vector<size_t> train_rows;
    for (size_t i = 0; i < set.texts.size(); ++i) {
      if (folds[i] != 0 && (max_train == 0 || train_rows.size() < max_train))
        train_rows.push_back(i);
    }
    auto params = FitLinear(set, train_rows, opt.linear, deasc);
    if (!params.ok()) {
      err << "hata / error: " << params.status().message() << "\n";
      return 1;
    }
    params->task = task;
    if (std::string(task) == "topic") params->abstain_threshold = 0.5f;
    auto model = LinearModel::Create(std::move(params).value(), deasc);
    if (Status s = model->Save((tmp / (std::string(task) + ".kapimodel")).string()); !s.ok()) {
      err << "hata / error: " << s.message() << "\n";
      return 1;
    }
    if (std::string(task) == "sentiment") continue;  // same texts as urgency
    size_t taken = 0;
    for (size_t i = 0; i < set.texts.size(); ++i) {
      if (folds[i] == 0 && (max_texts == 0 || taken < max_texts)) {
        held_out.push_back(set.texts[i]);
        ++taken;
      }
    }
  }
  auto engine = LoadEngine(tmp.string());
  if (!engine.ok()) {
    err << "hata / error: " << engine.status().message() << "\n";
    return 1;
  }
  FairnessReport report = RunCounterfactuals(**engine, held_out, *lists, common_words, seed);
  out << "== fairness counterfactuals (held-out fold, seed " << seed << ") ==\n" << report.ToText();
  if (overall_rate) *overall_rate = report.rate();
  fs::remove_all(tmp);
  return 0;
}

}  // namespace kapi::triage
