#include "privacy/pii_eval.h"

#include <cstdio>
#include <string>

#include <nlohmann/json.hpp>

namespace kapi::privacy {
namespace {

struct Gold {
  EntityType type;
  size_t start, end;
};

bool Overlap(size_t a0, size_t a1, size_t b0, size_t b1) { return a0 < b1 && b0 < a1; }

bool Matches(EntityType type, size_t g0, size_t g1, size_t p0, size_t p1) {
  if (type == EntityType::kAddress || type == EntityType::kPerson) return Overlap(g0, g1, p0, p1);
  return g0 == p0 && g1 == p1;
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
    if (rec.contains("entities") && rec["entities"].is_array()) {
      for (const auto& e : rec["entities"]) {
        auto t = ParseEntityType(e.value("type", ""));
        if (!t) continue;
        gold.push_back({*t, e.value("start", size_t{0}), e.value("end", size_t{0})});
      }
    }
    std::vector<Entity> pred = detector.Scan(text);
    if (gold.empty()) {
      ++r.clean_records;
      if (!pred.empty()) ++r.clean_altered;
    }
    std::vector<bool> pred_ok(pred.size(), false);
    for (const Gold& g : gold) {
      TypeScore& sc = r.by_type[static_cast<size_t>(g.type)];
      ++sc.gold;
      bool found = false;
      for (size_t i = 0; i < pred.size(); ++i) {
        if (pred[i].type == g.type && Matches(g.type, g.start, g.end, pred[i].start, pred[i].end)) {
          found = true;
          pred_ok[i] = true;
        }
      }
      if (found) {
        ++sc.gold_found;
      } else if (errors != nullptr) {
        *errors << json{{"id", rec.value("id", json())},
                        {"kind", "miss"},
                        {"type", EntityTypeName(g.type)},
                        {"start", g.start},
                        {"end", g.end},
                        {"text", text}}
                       .dump(-1, ' ', false, json::error_handler_t::replace)
                << '\n';
      }
    }
    for (size_t i = 0; i < pred.size(); ++i) {
      TypeScore& sc = r.by_type[static_cast<size_t>(pred[i].type)];
      ++sc.predicted;
      if (pred_ok[i]) {
        ++sc.predicted_true;
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
  }
  return r;
}

void PrintReport(const EvalReport& r, std::ostream& out) {
  char buf[160];
  std::snprintf(buf, sizeof buf, "%-10s %7s %9s %8s %9s\n", "type", "gold", "predicted", "recall",
                "precision");
  out << buf;
  for (int i = 0; i < kEntityTypeCount; ++i) {
    const TypeScore& s = r.by_type[i];
    if (s.gold == 0 && s.predicted == 0) continue;
    std::snprintf(buf, sizeof buf, "%-10s %7zu %9zu %7.2f%% %8.2f%%\n",
                  std::string(EntityTypeName(static_cast<EntityType>(i))).c_str(), s.gold,
                  s.predicted, 100 * s.Recall(), 100 * s.Precision());
    out << buf;
  }
  std::snprintf(buf, sizeof buf, "clean texts altered: %zu / %zu (%.2f%%); records %zu\n",
                r.clean_altered, r.clean_records, 100 * r.CleanAlteredRate(), r.records);
  out << buf;
}

}  // namespace kapi::privacy
