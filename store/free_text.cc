#include "store/free_text.h"

#include <nlohmann/json.hpp>

namespace kapi::store {

std::span<const FreeTextColumn> FreeTextColumns() {
  static constexpr FreeTextColumn kColumns[] = {
      {"notes", "id", "text", "case_id"},
      {"answers", "case_id", "text", "case_id"},
      {"answers", "case_id", "decision_reason", "case_id"},
      {"case_access", "id", "purpose", "case_id"},
      {"cases", "id", "public_answer", "id"},
  };
  return kColumns;
}

namespace {

bool RedactStrings(nlohmann::json& j, const Store::TextRedactor& redact) {
  bool changed = false;
  if (j.is_string()) {
    std::string r = redact(j.get<std::string>());
    if (r != j.get<std::string>()) {
      j = std::move(r);
      changed = true;
    }
  } else if (j.is_object() || j.is_array()) {
    for (auto& v : j) changed |= RedactStrings(v, redact);
  }
  return changed;
}

}  // namespace

std::optional<std::string> RedactEventDetail(const std::string& detail_json,
                                             const Store::TextRedactor& redact) {
  nlohmann::json j = nlohmann::json::parse(detail_json, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !RedactStrings(j, redact)) return std::nullopt;
  return j.dump();
}

}  // namespace kapi::store
