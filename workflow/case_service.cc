#include "workflow/case_service.h"

#include <array>

#include <sodium.h>

#include "base/log.h"
#include "ledger/event_builders.h"
#include "policy/ai_disclosure.h"

namespace kapi::workflow {

using cases::CaseRecord;
using cases::CaseState;

std::string CaseRef(int64_t case_id) { return "case:" + std::to_string(case_id); }
std::string PersonOf(int64_t case_id) { return "person:case-" + std::to_string(case_id); }

CaseService::CaseService(store::Store* store, store::LedgerStore* ledger,
                         const privacy::FieldCipher* cipher, std::string actor_key,
                         const Clock* clock, CaseServiceOptions options)
    : store_(store),
      ledger_(ledger),
      cipher_(cipher),
      actor_key_(std::move(actor_key)),
      clock_(clock),
      options_(options) {
  (void)ReloadUnits();
}

std::string CaseService::ActorRef(const std::string& username) const {
  std::array<unsigned char, 8> out{};
  crypto_generichash(out.data(), out.size(),
                     reinterpret_cast<const unsigned char*>(username.data()), username.size(),
                     reinterpret_cast<const unsigned char*>(actor_key_.data()), actor_key_.size());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string ref = "user:";
  for (unsigned char b : out) {
    ref += kHex[b >> 4];
    ref += kHex[b & 15];
  }
  return ref;
}

Result<Principal> CaseService::PrincipalFor(const cases::StaffUser& user) const {
  auto role = ParseRole(user.role);
  if (!role) return Internal("unknown role for a staff member");
  return Principal{user.username, *role, user.unit_code, ActorRef(user.username)};
}

std::shared_ptr<const UnitTree> CaseService::Units() {
  std::lock_guard l(units_mu_);
  return units_;
}

Status CaseService::ReloadUnits() {
  auto units = store_->ListUnits();
  if (!units.ok()) return units.status();
  auto tree = std::make_shared<const UnitTree>(*units);
  {
    std::lock_guard l(units_mu_);
    units_ = tree;
  }
  if (on_units_changed_) on_units_changed_(*tree);
  return Status::Ok();
}

store::Actor CaseService::ActorOf(const Principal& who) const {
  return {who.actor(), clock_->NowMillis()};
}

Status CaseService::Record(ledger::AuditEvent event) {
  if (!ledger_) return Status::Ok();
  auto r = ledger_->Append(std::move(event));
  if (!r.ok()) {
    log::Error("ledger_append_failed", {{"code", StatusCodeName(r.status().code())}});
    return Unavailable(
        "the action was saved but could not be recorded in the audit ledger; "
        "contact the administrator");
  }
  return Status::Ok();
}

Result<CaseRecord> CaseService::LoadAuthorized(const Principal& who, Action action,
                                               int64_t case_id) {
  auto c = store_->GetCase(case_id);
  if (!c.ok()) return c.status();
  // Out-of-scope cases answer like missing ones for roles that cannot see them at all, so ids
  // cannot be probed; in-scope but forbidden actions say so.
  auto units = Units();
  if (!InScope(who, *c, *units)) return NotFound("no case with id " + std::to_string(case_id));
  KAPI_RETURN_IF_ERROR(Authorize(who, action, &*c, *units));
  return c;
}

Result<CaseView> CaseService::Get(const Principal& who, int64_t case_id) {
  auto c = LoadAuthorized(who, Action::kViewCase, case_id);
  if (!c.ok()) return c.status();
  CaseView view;
  view.record = std::move(*c);
  auto notes = store_->ListNotes(case_id);
  if (!notes.ok()) return notes.status();
  view.notes = std::move(*notes);
  auto events = store_->ListEvents(case_id);
  if (!events.ok()) return events.status();
  view.events = std::move(*events);
  auto answer = store_->GetAnswer(case_id);
  if (answer.ok()) view.answer = std::move(*answer);
  return view;
}

Result<std::vector<CaseRecord>> CaseService::List(const Principal& who, cases::CaseFilter filter) {
  auto units = Units();
  KAPI_RETURN_IF_ERROR(Authorize(who, Action::kViewCase, nullptr, *units));
  std::vector<std::string> scope;
  if (who.role == Role::kCaseOfficer) scope = {who.unit_code};
  if (who.role == Role::kUnitManager) scope = units->Subtree(who.unit_code);
  if (filter.unit_code) {
    bool allowed = who.role == Role::kAuditor ||
                   std::find(scope.begin(), scope.end(), *filter.unit_code) != scope.end();
    if (!allowed) return std::vector<CaseRecord>{};
  } else if (who.role != Role::kAuditor) {
    filter.unit_in = std::move(scope);
  }
  return store_->ListCases(filter);
}

Result<CaseRecord> CaseService::Route(const Principal& who, int64_t case_id,
                                      const store::Store::RoutingDecision& d) {
  auto c = LoadAuthorized(who, Action::kTriage, case_id);
  if (!c.ok()) return c.status();
  auto units = Units();
  if (!units->Find(d.unit_code)) {
    return InvalidArgument("no unit with code " + d.unit_code, "unit").WithReason("unknown_unit");
  }
  store::Store::RoutingDecision decision = d;
  if (sla_ && decision.due_at_ms == 0) {
    auto topics = store_->ListTopics();
    if (topics.ok()) {
      for (const auto& t : *topics) {
        if (t.code != d.topic_code) continue;
        auto due = sla_->DueAtForTopic(c->received_at_ms, t);
        if (due.ok()) decision.due_at_ms = *due;
      }
    }
  }
  auto r = store_->SetRouting(case_id, decision, ActorOf(who));
  if (!r.ok()) return r.status();
  if (!d.ai_decision.empty()) {
    KAPI_RETURN_IF_ERROR(Record(ledger::HumanDecisionEvent(
        who.actor_ref, CaseRef(case_id), "routing", d.ai_decision == "accepted",
        d.topic_code + "/" + d.unit_code, d.reason, PersonOf(case_id))));
  }
  KAPI_RETURN_IF_ERROR(Record(ledger::StateChangeEvent(who.actor_ref, CaseRef(case_id),
                                                       cases::CaseStateName(c->state), "triaged")));
  return r;
}

Result<CaseRecord> CaseService::Assign(const Principal& who, int64_t case_id,
                                       const std::string& assignee) {
  auto c = LoadAuthorized(who, Action::kAssign, case_id);
  if (!c.ok()) return c.status();
  if (who.role == Role::kCaseOfficer && assignee != who.username) {
    return Status(StatusCode::kPermissionDenied,
                  "dosya memurları dosyayı yalnızca kendilerine alabilir; başkasına atamayı "
                  "birim müdürü yapar (officers may only take a case themselves)")
        .WithReason("forbidden");
  }
  // The assignee must work in the case's unit.
  auto target = store_->GetStaffCredentials(assignee);
  if (!target.ok()) {
    return InvalidArgument("no staff member named " + assignee, "assignee")
        .WithReason("unknown_assignee");
  }
  if (target->user.unit_code != c->unit_code) {
    return InvalidArgument("the assignee does not work in the case's unit", "assignee")
        .WithReason("assignee_out_of_unit");
  }
  auto r = store_->AssignCase(case_id, assignee, ActorOf(who));
  if (!r.ok()) return r.status();
  KAPI_RETURN_IF_ERROR(Record(ledger::StateChangeEvent(
      who.actor_ref, CaseRef(case_id), cases::CaseStateName(c->state), "assigned")));
  return r;
}

Result<CaseRecord> CaseService::Transition(const Principal& who, int64_t case_id, CaseState to,
                                           const std::string& reason,
                                           std::optional<int64_t> expected_version) {
  auto c = LoadAuthorized(who, Action::kWork, case_id);
  if (!c.ok()) return c.status();
  if (to == CaseState::kAnswered || to == CaseState::kAwaitingApproval) {
    return FailedPrecondition(
               "yanıt, yanıt düzenleyicisinden gönderilir (answers are sent through the answer "
               "workflow, not a bare transition)")
        .WithReason("use_answer_workflow");
  }
  if ((to == CaseState::kTriaged || to == CaseState::kAssigned) && c->state != to) {
    return FailedPrecondition("use routing or assignment for this step")
        .WithReason("use_routing_or_assign");
  }
  auto r = store_->TransitionCase(case_id, to, reason, ActorOf(who), expected_version);
  if (!r.ok()) return r.status();
  KAPI_RETURN_IF_ERROR(Record(ledger::StateChangeEvent(
      who.actor_ref, CaseRef(case_id), cases::CaseStateName(c->state), cases::CaseStateName(to))));
  return r;
}

Result<CaseRecord> CaseService::Refer(const Principal& who, int64_t case_id,
                                      const std::string& unit_code, const std::string& reason) {
  auto c = LoadAuthorized(who, Action::kWork, case_id);
  if (!c.ok()) return c.status();
  auto units = Units();
  if (!units->Find(unit_code) || unit_code == c->unit_code) {
    return InvalidArgument("choose another existing unit", "unit").WithReason("unknown_unit");
  }
  if (c->topic_code.empty()) {
    return FailedPrecondition("triage the case (choose a topic) before referring it")
        .WithReason("not_triaged");
  }
  auto referred = store_->TransitionCase(case_id, CaseState::kReferred, reason, ActorOf(who), {});
  if (!referred.ok()) return referred.status();
  KAPI_RETURN_IF_ERROR(Record(ledger::StateChangeEvent(
      who.actor_ref, CaseRef(case_id), cases::CaseStateName(c->state), "referred")));
  auto routed = store_->SetRouting(case_id, {c->topic_code, unit_code, "", reason}, ActorOf(who));
  if (!routed.ok()) return routed.status();
  KAPI_RETURN_IF_ERROR(
      Record(ledger::StateChangeEvent(who.actor_ref, CaseRef(case_id), "referred", "triaged")));
  return routed;
}

Result<cases::Note> CaseService::AddNote(const Principal& who, int64_t case_id,
                                         const std::string& text) {
  auto c = LoadAuthorized(who, Action::kWork, case_id);
  if (!c.ok()) return c.status();
  return store_->AddNote(case_id, text, ActorOf(who));
}

Result<CaseService::ErasureOutcome> CaseService::ErasePersonalData(const Principal& who,
                                                                   int64_t case_id,
                                                                   const std::string& reason) {
  if (reason.find_first_not_of(" \t\r\n") == std::string::npos) {
    return InvalidArgument(
               "silme gerekçesi yazılmalı, örneğin başvuru numarası (a reason is required)",
               "reason")
        .WithReason("reason_required");
  }
  auto c = LoadAuthorized(who, Action::kErasePersonalData, case_id);
  if (!c.ok()) return c.status();
  auto erased = store_->ErasePersonalData(case_id, reason, ActorOf(who));
  if (!erased.ok()) return erased.status();
  ErasureOutcome out{erased->erased_at_ms, erased->already_erased, 0, 0};
  if (redactor_) {
    auto redacted = store_->RedactFreeText(case_id, redactor_);
    if (!redacted.ok()) return redacted.status();
    out.texts_redacted = *redacted;
  }
  if (ledger_) {
    auto shred = ledger_->Erase(PersonOf(case_id), who.actor_ref, "kvkk_request");
    if (!shred.ok()) {
      log::Error("ledger_erase_failed", {{"code", StatusCodeName(shred.status().code())}});
      return Unavailable(
          "the case data was erased but the audit ledger could not shred its copies; "
          "run the erasure again");
    }
    out.ledger_payloads_erased = shred->payloads_erased;
  }
  return out;
}

Result<Original> CaseService::RevealOriginal(const Principal& who, int64_t case_id,
                                             const std::string& purpose) {
  if (purpose.find_first_not_of(" \t\r\n") == std::string::npos) {
    return InvalidArgument("kişisel veriyi görmek için amaç yazılmalı (a purpose is required)",
                           "purpose")
        .WithReason("purpose_required");
  }
  auto c = LoadAuthorized(who, Action::kRevealOriginal, case_id);
  if (!c.ok()) return c.status();
  auto sealed = store_->ReadSealedOriginal(case_id, purpose, ActorOf(who));
  if (!sealed.ok()) return sealed.status();
  KAPI_RETURN_IF_ERROR(Record(ledger::PersonalDataReadEvent(
      who.actor_ref, CaseRef(case_id), "text+contact", PersonOf(case_id), purpose)));
  Original out;
  auto text = cipher_->Open(sealed->text_sealed, "text");
  if (!text.ok()) return text.status();
  out.text = std::move(*text);
  if (!sealed->contact_sealed.empty()) {
    auto contact = cipher_->Open(sealed->contact_sealed, "contact");
    if (!contact.ok()) return contact.status();
    out.contact = nlohmann::json::parse(*contact, nullptr, false);
  }
  return out;
}

nlohmann::json FindingsJson(const std::vector<policy::Finding>& findings) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& f : findings) {
    out.push_back({{"rule", policy::RuleName(f.rule)},
                   {"severity", policy::SeverityName(f.severity)},
                   {"article", f.article},
                   {"start", f.start},
                   {"end", f.end}});
  }
  return out;
}

std::vector<policy::Finding> CaseService::CheckAnswerText(const std::string& text,
                                                          bool ai_assisted) const {
  if (!checker_) return {};
  policy::CheckInput in;
  in.id = "answer";
  in.text = text;
  in.ai_assisted = ai_assisted;
  return checker_->Check(in);
}

Result<cases::Answer> CaseService::SaveDraft(const Principal& who, int64_t case_id,
                                             const std::string& text,
                                             cases::Provenance provenance) {
  auto c = LoadAuthorized(who, Action::kWork, case_id);
  if (!c.ok()) return c.status();
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    return InvalidArgument("yanıt metni boş olamaz (the answer is empty)", "text")
        .WithReason("empty_text");
  }
  const bool ai = provenance != cases::Provenance::kHuman;
  std::string final_text = text;
  if (ai && !policy::ContainsAiDisclosure(final_text)) {
    final_text = policy::AppendAiDisclosure(final_text);
  }
  const std::string findings = FindingsJson(CheckAnswerText(final_text, ai)).dump();
  return store_->SaveAnswerDraft(case_id, final_text, provenance, findings, ActorOf(who));
}

Result<CaseRecord> CaseService::SubmitAnswer(const Principal& who, int64_t case_id,
                                             const std::string& override_reason) {
  auto c = LoadAuthorized(who, Action::kWork, case_id);
  if (!c.ok()) return c.status();
  auto answer = store_->GetAnswer(case_id);
  if (!answer.ok()) return answer.status();
  // Check again at the moment of sending: the rules or models may have changed since the draft.
  auto findings = CheckAnswerText(answer->text, answer->ai_assisted());
  size_t blocks = 0;
  for (const auto& f : findings) blocks += f.severity == policy::Severity::kBlock;
  if (blocks > 0) {
    const bool may_override = who.role == Role::kUnitManager;
    if (!may_override || override_reason.find_first_not_of(" \t\r\n") == std::string::npos) {
      return FailedPrecondition("yanıt etik denetimden geçmedi: " + std::to_string(blocks) +
                                " engelleyici bulgu var; metni düzeltin" +
                                (may_override ? " ya da gerekçe yazarak onaylayın" : "") +
                                " (the answer has blocking policy findings)")
          .WithReason("policy_block");
    }
    KAPI_RETURN_IF_ERROR(store_
                             ->AddNote(case_id,
                                       "Etik denetim bulguları yönetici tarafından geçersiz "
                                       "kılındı. Gerekçe: " +
                                           override_reason,
                                       ActorOf(who))
                             .status());
    KAPI_RETURN_IF_ERROR(
        Record(ledger::HumanDecisionEvent(who.actor_ref, CaseRef(case_id), "policy_override", false,
                                          "send", override_reason, PersonOf(case_id))));
  }
  auto r = store_->SubmitAnswer(case_id, options_.approval_for_all_answers, ActorOf(who));
  if (!r.ok()) return r.status();
  KAPI_RETURN_IF_ERROR(Record(ledger::StateChangeEvent(who.actor_ref, CaseRef(case_id),
                                                       cases::CaseStateName(c->state),
                                                       cases::CaseStateName(r->state))));
  if (r->state == CaseState::kAnswered) {
    KAPI_RETURN_IF_ERROR(Record(ledger::AnswerSentEvent(who.actor_ref, CaseRef(case_id),
                                                        "answer:" + std::to_string(case_id),
                                                        "tracking", answer->ai_assisted())));
  }
  return r;
}

Result<CaseRecord> CaseService::DecideAnswer(const Principal& who, int64_t case_id, bool approve,
                                             const std::string& reason) {
  auto c = LoadAuthorized(who, Action::kDecideAnswer, case_id);
  if (!c.ok()) return c.status();
  auto answer = store_->GetAnswer(case_id);
  auto r = store_->DecideAnswer(case_id, approve, reason, ActorOf(who));
  if (!r.ok()) return r.status();
  const std::string answer_ref = "answer:" + std::to_string(case_id);
  KAPI_RETURN_IF_ERROR(
      Record(ledger::ApprovalEvent(who.actor_ref, CaseRef(case_id), answer_ref, approve)));
  if (approve) {
    KAPI_RETURN_IF_ERROR(
        Record(ledger::AnswerSentEvent(who.actor_ref, CaseRef(case_id), answer_ref, "tracking",
                                       answer.ok() && answer->ai_assisted())));
  }
  return r;
}

Result<std::vector<CaseRecord>> CaseService::ApprovalQueue(const Principal& who) {
  auto units = Units();
  KAPI_RETURN_IF_ERROR(Authorize(who, Action::kDecideAnswer, nullptr, *units));
  cases::CaseFilter f;
  f.state = CaseState::kAwaitingApproval;
  f.unit_in = units->Subtree(who.unit_code);
  f.limit = 500;
  return store_->ListCases(f);
}

Status CaseService::SwitchAi(const Principal& who, const std::string& unit_code, bool enabled) {
  auto units = Units();
  KAPI_RETURN_IF_ERROR(Authorize(who, Action::kSwitchAi, nullptr, *units));
  if (who.role == Role::kUnitManager && !units->IsWithin(unit_code, who.unit_code)) {
    return Status(StatusCode::kPermissionDenied, "bu birim sizin biriminizin altında değil")
        .WithReason("forbidden");
  }
  KAPI_RETURN_IF_ERROR(store_->SetUnitAiEnabled(unit_code, enabled, ActorOf(who)));
  KAPI_RETURN_IF_ERROR(ReloadUnits());
  return Record(ledger::SettingChangeEvent(who.actor_ref, "ai_enabled", enabled ? "true" : "false",
                                           "unit:" + unit_code));
}

}  // namespace kapi::workflow
