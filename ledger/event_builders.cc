#include "ledger/event_builders.h"

#include <nlohmann/json.hpp>

namespace kapi::ledger {
namespace {

AuditEvent Make(EventType type, std::string actor, std::vector<std::string> subjects) {
  AuditEvent e;
  e.type = type;
  e.actor = std::move(actor);
  for (std::string& s : subjects) {
    if (!s.empty()) e.subjects.push_back(std::move(s));
  }
  return e;
}

void Attr(AuditEvent& e, std::string key, std::string_view value) {
  if (!value.empty()) e.attributes.emplace_back(std::move(key), std::string(value));
}

}  // namespace

AuditEvent StateChangeEvent(std::string actor, std::string case_ref, std::string_view from,
                            std::string_view to) {
  AuditEvent e = Make(EventType::kStateChange, std::move(actor), {std::move(case_ref)});
  Attr(e, "from", from);
  Attr(e, "to", to);
  return e;
}

AuditEvent PersonalDataReadEvent(std::string actor, std::string case_ref, std::string_view field,
                                 std::string person_id, std::string_view purpose) {
  AuditEvent e = Make(EventType::kPersonalDataRead, std::move(actor), {std::move(case_ref)});
  Attr(e, "field", field);
  if (!purpose.empty()) {
    e.person_id = std::move(person_id);
    e.payload_json = nlohmann::json{{"purpose", purpose}}.dump();
  }
  return e;
}

AuditEvent AiSuggestionEvent(std::string model_ref, std::string case_ref, std::string_view kind,
                             std::string_view value, std::string_view confidence) {
  std::string actor = "model:" + model_ref;
  AuditEvent e = Make(EventType::kAiSuggestion, std::move(actor), {std::move(case_ref)});
  Attr(e, "model", model_ref);
  Attr(e, "kind", kind);
  Attr(e, "value", value);
  Attr(e, "confidence", confidence);
  return e;
}

AuditEvent HumanDecisionEvent(std::string actor, std::string case_ref, std::string_view kind,
                              bool accepted, std::string_view chosen_value, std::string_view reason,
                              std::string person_id) {
  AuditEvent e = Make(EventType::kHumanDecision, std::move(actor), {std::move(case_ref)});
  Attr(e, "kind", kind);
  Attr(e, "decision", accepted ? "accept" : "override");
  Attr(e, "value", chosen_value);
  if (!reason.empty()) {
    e.person_id = std::move(person_id);
    e.payload_json = nlohmann::json{{"reason", reason}}.dump();
  }
  return e;
}

AuditEvent ApprovalEvent(std::string actor, std::string case_ref, std::string answer_ref,
                         bool approved) {
  AuditEvent e =
      Make(EventType::kApproval, std::move(actor), {std::move(case_ref), std::move(answer_ref)});
  Attr(e, "result", approved ? "approved" : "returned");
  return e;
}

AuditEvent AnswerSentEvent(std::string actor, std::string case_ref, std::string answer_ref,
                           std::string_view channel, bool ai_assisted) {
  AuditEvent e =
      Make(EventType::kAnswerSent, std::move(actor), {std::move(case_ref), std::move(answer_ref)});
  Attr(e, "channel", channel);
  Attr(e, "ai_assisted", ai_assisted ? "yes" : "no");
  return e;
}

AuditEvent LoginEvent(std::string actor, bool ok, std::string_view method) {
  AuditEvent e = Make(EventType::kLogin, std::move(actor), {});
  Attr(e, "result", ok ? "ok" : "failed");
  Attr(e, "method", method);
  return e;
}

AuditEvent PermissionChangeEvent(std::string actor, std::string target_user_ref,
                                 std::string_view role, bool granted, std::string unit_ref) {
  AuditEvent e = Make(EventType::kPermissionChange, std::move(actor),
                      {std::move(target_user_ref), std::move(unit_ref)});
  Attr(e, "role", role);
  Attr(e, "change", granted ? "granted" : "revoked");
  return e;
}

AuditEvent SettingChangeEvent(std::string actor, std::string_view setting, std::string_view value,
                              std::string scope_ref) {
  AuditEvent e = Make(EventType::kSettingChange, std::move(actor), {std::move(scope_ref)});
  Attr(e, "setting", setting);
  Attr(e, "value", value);
  return e;
}

}  // namespace kapi::ledger
