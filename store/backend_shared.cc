#include "store/backend_shared.h"

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

std::string AiDecisionOfRoutingEvent(const std::string& detail_json) {
  if (detail_json.empty()) return {};
  nlohmann::json j = nlohmann::json::parse(detail_json, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return {};
  auto it = j.find("ai_decision");
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

Status ErasedOriginal(int64_t case_id) {
  return Status(StatusCode::kFailedPrecondition,
                "bu başvurudaki kişisel veriler silindi (the personal data of case " +
                    std::to_string(case_id) + " was erased)")
      .WithReason("personal_data_erased");
}

}  // namespace kapi::store
