#include "ledger/event.h"

#include <array>

#include <nlohmann/json.hpp>

namespace kapi::ledger {
namespace {

constexpr std::array<std::pair<EventType, std::string_view>, 10> kNames = {{
    {EventType::kStateChange, "state_change"},
    {EventType::kPersonalDataRead, "personal_data_read"},
    {EventType::kAiSuggestion, "ai_suggestion"},
    {EventType::kHumanDecision, "human_decision"},
    {EventType::kApproval, "approval"},
    {EventType::kAnswerSent, "answer_sent"},
    {EventType::kErasure, "erasure"},
    {EventType::kLogin, "login"},
    {EventType::kPermissionChange, "permission_change"},
    {EventType::kSettingChange, "setting_change"},
}};

bool IdChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == ':' || c == '@' || c == '/' || c == '+' || c == '=' || c == '-';
}

bool KeyChar(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; }

// The T.C. kimlik number checksum (11 digits, first non-zero, digits 10 and 11 are checks).
bool IsTcKimlik(std::string_view d) {
  if (d.size() != 11 || d[0] == '0') return false;
  int v[11];
  for (int i = 0; i < 11; ++i) v[i] = d[i] - '0';
  const int odd = v[0] + v[2] + v[4] + v[6] + v[8];
  const int even = v[1] + v[3] + v[5] + v[7];
  if (((odd * 7 - even) % 10 + 10) % 10 != v[9]) return false;
  int sum = 0;
  for (int i = 0; i < 10; ++i) sum += v[i];
  return sum % 10 == v[10];
}

// Rejects digit runs that look like identity, card or account numbers.
Status CheckDigitRuns(std::string_view s, std::string_view field) {
  size_t i = 0;
  while (i < s.size()) {
    if (s[i] < '0' || s[i] > '9') {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < s.size() && s[j] >= '0' && s[j] <= '9') ++j;
    std::string_view run = s.substr(i, j - i);
    if (run.size() >= 16) {
      return InvalidArgument(std::string(field) +
                                 " contains a long digit run (card or account "
                                 "number?); use an opaque id",
                             std::string(field));
    }
    for (size_t k = 0; k + 11 <= run.size(); ++k) {
      if (IsTcKimlik(run.substr(k, 11))) {
        return InvalidArgument(std::string(field) +
                                   " contains a T.C. kimlik number; use an "
                                   "opaque id",
                               std::string(field));
      }
    }
    i = j;
  }
  return Status::Ok();
}

}  // namespace

std::string_view EventTypeName(EventType type) {
  for (const auto& [t, name] : kNames) {
    if (t == type) return name;
  }
  return "unknown";
}

std::optional<EventType> EventTypeFromName(std::string_view name) {
  for (const auto& [t, n] : kNames) {
    if (n == name) return t;
  }
  return std::nullopt;
}

bool IsKnownEventType(uint8_t code) { return code >= 1 && code <= kNames.size(); }

Status ValidateOpaqueId(std::string_view id, std::string_view field) {
  if (id.empty() || id.size() > kMaxIdLength) {
    return InvalidArgument(
        std::string(field) + " must be 1-" + std::to_string(kMaxIdLength) + " characters",
        std::string(field));
  }
  for (char c : id) {
    if (!IdChar(c)) {
      return InvalidArgument(std::string(field) +
                                 " may only use A-Z a-z 0-9 . _ : @ / + = - (an opaque id, "
                                 "never a name or free text)",
                             std::string(field));
    }
  }
  return CheckDigitRuns(id, field);
}

Status ValidateEvent(const AuditEvent& e) {
  if (!IsKnownEventType(static_cast<uint8_t>(e.type))) {
    return InvalidArgument("unknown event type", "type");
  }
  KAPI_RETURN_IF_ERROR(ValidateOpaqueId(e.actor, "actor"));
  if (e.subjects.size() > kMaxSubjects) return InvalidArgument("too many subjects", "subjects");
  for (const std::string& s : e.subjects) KAPI_RETURN_IF_ERROR(ValidateOpaqueId(s, "subjects"));
  if (!e.idempotency_key.empty()) {
    KAPI_RETURN_IF_ERROR(ValidateOpaqueId(e.idempotency_key, "idempotency_key"));
  }
  if (e.attributes.size() > kMaxAttributes) {
    return InvalidArgument("too many attributes", "attributes");
  }
  for (const auto& [key, value] : e.attributes) {
    if (key.empty() || key.size() > kMaxKeyLength) {
      return InvalidArgument("attribute keys must be 1-32 characters", "attributes");
    }
    for (char c : key) {
      if (!KeyChar(c)) return InvalidArgument("attribute keys use a-z 0-9 _", "attributes");
    }
    KAPI_RETURN_IF_ERROR(ValidateOpaqueId(value, "attributes." + key));
  }
  if (!e.payload_json.empty() || !e.person_id.empty()) {
    if (e.person_id.empty()) {
      return InvalidArgument("a payload needs the person_id it is about", "person_id");
    }
    KAPI_RETURN_IF_ERROR(ValidateOpaqueId(e.person_id, "person_id"));
    if (e.payload_json.empty()) return InvalidArgument("person_id without a payload", "payload");
  }
  switch (e.type) {
    case EventType::kAiSuggestion:
      if (FindAttribute(e, "model") == nullptr) {
        return InvalidArgument("an AI suggestion must name its model version (attribute model)",
                               "attributes");
      }
      break;
    case EventType::kHumanDecision: {
      const std::string* d = FindAttribute(e, "decision");
      if (d == nullptr || (*d != "accept" && *d != "override")) {
        return InvalidArgument("a human decision needs attribute decision=accept|override",
                               "attributes");
      }
      if (*d == "override") {
        nlohmann::json payload = nlohmann::json::parse(e.payload_json, nullptr, false);
        if (payload.is_discarded() || !payload.is_object() || !payload.contains("reason") ||
            !payload["reason"].is_string() || payload["reason"].get<std::string>().empty()) {
          return InvalidArgument("an override needs a payload with a non-empty \"reason\"",
                                 "payload");
        }
      }
      break;
    }
    case EventType::kStateChange:
      if (FindAttribute(e, "to") == nullptr) {
        return InvalidArgument("a state change needs attribute to=<state>", "attributes");
      }
      break;
    default:
      break;
  }
  return Status::Ok();
}

const std::string* FindAttribute(const AuditEvent& event, std::string_view key) {
  for (const auto& [k, v] : event.attributes) {
    if (k == key) return &v;
  }
  return nullptr;
}

}  // namespace kapi::ledger
