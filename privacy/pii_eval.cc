#include "privacy/pii_eval.h"

#include <cstdio>
#include <string>

#include <nlohmann/json.hpp>

namespace kapi::privacy {
namespace {

bool Overlap(size_t a0, size_t a1, size_t b0, size_t b1) { return a0 < b1 && b0 < a1; }

bool Matches(EntityType type, size_t g0, size_t g1, size_t p0, size_t p1) {
  if (type == EntityType::kAddress || type == EntityType::kPerson) return Overlap(g0, g1, p0, p1);
  return g0 == p0 && g1 == p1;
}

struct Gold {
  EntityType type;
  size_t start, end;
  bool base = false;     // real personal data of the base text (audit), not planted
  bool neutral = false;  // audited name that is neither right nor wrong to mask
};

void ReadSpans(const nlohmann::json& arr, bool base, std::vector<Gold>* out) {
  if (!arr.is_array()) return;
  for (const auto& e : arr) {
    if (!e.is_object()) continue;
    auto t = ParseEntityType(e.value("type", ""));
    if (!t) continue;
    if (!e.contains("start") || !e["start"].is_number_unsigned() || !e.contains("end") ||
        !e["end"].is_number_unsigned()) {
      continue;
    }
    Gold g{*t, e["start"].get<size_t>(), e["end"].get<size_t>(), base, false};
    if (base && e.contains("label") && e["label"] == "neutral") g.neutral = true;
    out->push_back(g);
  }
}

// Scores one record into `sc` (per type) with gold `gold`; returns whether any prediction that
// is not on a neutral span was made. Writes misses/false hits to `errors` when not null.
// `base_gold`: whether real base spans count as gold (recall) or only excuse predictions.
bool Score(const std::vector<Gold>& gold, const std::vector<Entity>& pred, bool base_gold,
           std::array<TypeScore, kEntityTypeCount>* sc, const nlohmann::json& rec,
           const std::string& text, std::ostream* errors) {
  using nlohmann::json;
  std::vector<bool> pred_ok(pred.size(), false);
  std::vector<bool> pred_neutral(pred.size(), false);
  for (const Gold& g : gold) {
    bool found = false;
    for (size_t i = 0; i < pred.size(); ++i) {
      if (pred[i].type != g.type) continue;
      bool m = g.base || g.neutral ? Overlap(g.start, g.end, pred[i].start, pred[i].end)
                                   : Matches(g.type, g.start, g.end, pred[i].start, pred[i].end);
      if (!m) continue;
      found = true;
      (g.neutral ? pred_neutral : pred_ok)[i] = true;
    }
    if (g.neutral || (g.base && !base_gold)) continue;
    TypeScore& s = (*sc)[static_cast<size_t>(g.type)];
    ++s.gold;
    if (found) {
      ++s.gold_found;
    } else if (errors != nullptr) {
      *errors << json{{"id", rec.value("id", json())},
                      {"kind", g.base ? "miss_base" : "miss"},
                      {"type", EntityTypeName(g.type)},
                      {"start", g.start},
                      {"end", g.end},
                      {"text", text}}
                     .dump(-1, ' ', false, json::error_handler_t::replace)
              << '\n';
    }
  }
  bool altered = false;
  for (size_t i = 0; i < pred.size(); ++i) {
    if (pred_neutral[i] && !pred_ok[i]) continue;
    altered = true;
    TypeScore& s = (*sc)[static_cast<size_t>(pred[i].type)];
    ++s.predicted;
    if (pred_ok[i]) {
      ++s.predicted_true;
    } else if (errors != nullptr) {
      *errors << json{{"id", rec.value("id", json())},
                      {"kind", "false_hit"},
                      {"type", EntityTypeName(pred[i].type)},
                      {"span",
                       text.substr(pred[i].byte_start, pred[i].byte_end - pred[i].byte_start)},
                      {"text", text}}
                     .dump(-1, ' ', false, json::error_handler_t::replace)
              << '\n';
    }
  }
  return altered;
}

}  // namespace

EvalReport Evaluate(const Detector& detector, std::istream& in, std::ostream* errors) {
  using nlohmann::json;
  EvalReport r;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    json rec = json::parse(line, nullptr, false);
    if (rec.is_discarded() || !rec.is_object() || !rec.contains("text") ||
        !rec["text"].is_string()) {
      ++r.bad_lines;
      continue;
    }
    ++r.records;
    const std::string& text = rec["text"].get_ref<const std::string&>();
    std::vector<Gold> gold;
    if (rec.contains("entities")) ReadSpans(rec["entities"], false, &gold);
    std::vector<Entity> pred = detector.Scan(text);
    if (gold.empty()) {
      ++r.clean_records;
      if (!pred.empty()) ++r.clean_altered;
    }
    // Raw figures: planted values only. Adjusted: the same gold, but a prediction on audited
    // real (or neutral) base personal data is not a false hit. Errors are written for the
    // adjusted view, so a real base name is not listed as a false hit.
    Score(gold, pred, false, &r.by_type, rec, text, nullptr);
    size_t planted = gold.size();
    if (rec.contains("base_entities")) ReadSpans(rec["base_entities"], true, &gold);
    Score(gold, pred, false, &r.adjusted, rec, text, errors);
    bool audited = rec.contains("base_audited") && rec["base_audited"].is_boolean() &&
                   rec["base_audited"].get<bool>();
    if (!audited) continue;
    ++r.audited_records;
    bool clean = true;
    for (size_t i = 0; i < gold.size(); ++i) {
      if (gold[i].neutral) continue;
      clean = false;
      if (i >= planted) ++r.audited_base_gold[static_cast<size_t>(gold[i].type)];
    }
    bool altered = Score(gold, pred, true, &r.audited, rec, text, nullptr);
    if (clean) {
      ++r.audited_clean;
      if (altered) ++r.audited_clean_altered;
    }
  }
  return r;
}

void PrintReport(const EvalReport& r, std::ostream& out) {
  char buf[160];
  std::snprintf(buf, sizeof buf, "%-10s %7s %9s %8s %9s %9s\n", "type", "gold", "predicted",
                "recall", "precision", "adjusted");
  out << buf;
  for (int i = 0; i < kEntityTypeCount; ++i) {
    const TypeScore& s = r.by_type[i];
    if (s.gold == 0 && s.predicted == 0) continue;
    const TypeScore& a = r.adjusted[i];
    std::snprintf(buf, sizeof buf, "%-10s %7zu %9zu %7.2f%% %8.2f%% %8.2f%%\n",
                  std::string(EntityTypeName(static_cast<EntityType>(i))).c_str(), s.gold,
                  s.predicted, 100 * s.Recall(), 100 * s.Precision(), 100 * a.Precision());
    out << buf;
  }
  std::snprintf(buf, sizeof buf, "clean texts altered: %zu / %zu (%.2f%%); records %zu\n",
                r.clean_altered, r.clean_records, 100 * r.CleanAlteredRate(), r.records);
  out << buf;
  if (r.audited_records == 0) return;
  std::snprintf(buf, sizeof buf,
                "\naudited base texts (%zu records; gold = planted + real base personal data)\n"
                "%-10s %7s %5s %9s %8s %9s\n",
                r.audited_records, "type", "gold", "base", "predicted", "recall", "precision");
  out << buf;
  for (int i = 0; i < kEntityTypeCount; ++i) {
    const TypeScore& s = r.audited[i];
    if (s.gold == 0 && s.predicted == 0) continue;
    std::snprintf(buf, sizeof buf, "%-10s %7zu %5zu %9zu %7.2f%% %8.2f%%\n",
                  std::string(EntityTypeName(static_cast<EntityType>(i))).c_str(), s.gold,
                  r.audited_base_gold[i], s.predicted, 100 * s.Recall(), 100 * s.Precision());
    out << buf;
  }
  std::snprintf(buf, sizeof buf, "audited clean texts altered: %zu / %zu (%.2f%%)\n",
                r.audited_clean_altered, r.audited_clean, 100 * r.AuditedCleanAlteredRate());
  out << buf;
}

}  // namespace kapi::privacy
