#pragma once
// Working a case: every operation authorizes the principal (role + unit scope, authz.h), changes
// the case through the store (one transaction, state machine checked inside it), and records the
// action in the audit ledger with opaque ids only. The JSON API and the pages both call this.
//
// Ledger ordering: the store commits first, then the ledger append; a 2xx is returned only when
// both are durable. If the ledger append fails after the store committed, the call returns
// kUnavailable and logs the gap (the case event table still has the action); see
// docs/ledger.md §Workflow.
//
// Thread-safe. Holds non-owning pointers; store, ledger, clock must outlive it.

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/clock.h"
#include "cases/model.h"
#include "cases/sla_clock.h"
#include "policy/checker.h"
#include "privacy/field_cipher.h"
#include "store/ledger_store.h"
#include "store/store.h"
#include "workflow/authz.h"

namespace kapi::workflow {

struct CaseView {
  cases::CaseRecord record;
  std::vector<cases::Note> notes;
  std::vector<cases::CaseEvent> events;
  std::optional<cases::Answer> answer;
};

struct Original {
  std::string text;
  nlohmann::json contact;  // null when none
};

struct CaseServiceOptions {
  // Every answer goes to the unit manager, not only AI-assisted ones.
  bool approval_for_all_answers = false;
};

// Findings of the policy checker as JSON: [{"rule","severity","article","start","end"}].
nlohmann::json FindingsJson(const std::vector<policy::Finding>& findings);

class CaseService {
 public:
  CaseService(store::Store* store, store::LedgerStore* ledger, const privacy::FieldCipher* cipher,
              std::string actor_key, const Clock* clock, CaseServiceOptions options = {});

  // Builds the principal for a staff member (role, unit, opaque ledger id).
  Result<Principal> PrincipalFor(const cases::StaffUser& user) const;
  // Opaque ledger id for a username: "user:" + 16 hex of a keyed BLAKE2b.
  std::string ActorRef(const std::string& username) const;

  Result<CaseView> Get(const Principal& who, int64_t case_id);
  // Lists cases inside the principal's scope (the filter's unit is intersected with it).
  Result<std::vector<cases::CaseRecord>> List(const Principal& who, cases::CaseFilter filter);

  Result<cases::CaseRecord> Route(const Principal& who, int64_t case_id,
                                  const store::Store::RoutingDecision& decision);
  Result<cases::CaseRecord> Assign(const Principal& who, int64_t case_id,
                                   const std::string& assignee);
  // Ordinary steps only; answering goes through SubmitAnswer/DecideAnswer.
  Result<cases::CaseRecord> Transition(const Principal& who, int64_t case_id, cases::CaseState to,
                                       const std::string& reason,
                                       std::optional<int64_t> expected_version);
  // Refers the case to another unit: referred (with the reason) and then routed into the target
  // unit's queue as triaged, keeping the topic. Two recorded steps.
  Result<cases::CaseRecord> Refer(const Principal& who, int64_t case_id,
                                  const std::string& unit_code, const std::string& reason);
  Result<cases::Note> AddNote(const Principal& who, int64_t case_id, const std::string& text);
  Result<Original> RevealOriginal(const Principal& who, int64_t case_id,
                                  const std::string& purpose);

  // Erases the citizen's personal data from a case at their request (KVKK 6698 md. 7 and 11):
  // the store destroys the sealed original, contact and location (Store::ErasePersonalData) and
  // the ledger crypto-shreds the payloads kept for the case's person (reasons, purposes typed by
  // staff), appending an ERASURE event; with a redactor set, staff-written text is masked too. The
  // KVKK officer (auditor role) only; a reason is required (e.g. the application number).
  // Idempotent: calling again after a partial failure finishes the ledger part.
  struct ErasureOutcome {
    int64_t erased_at_ms = 0;
    bool already_erased = false;
    int64_t texts_redacted = 0;  // staff-written texts the redactor changed (see set_redactor)
    uint64_t ledger_payloads_erased = 0;
  };
  Result<ErasureOutcome> ErasePersonalData(const Principal& who, int64_t case_id,
                                           const std::string& reason);

  // Deadlines from the Turkish calendar, set once before use: routing to a topic applies that
  // topic's SLA (e.g. 15 working days for an information request under Law 4982).
  void set_sla(const cases::SlaClock* sla) { sla_ = sla; }
  // The personal-data engine's masking, set once before use: an erasure also passes the free text
  // staff wrote about the case through it (Store::RedactFreeText). Without it that text stays.
  void set_redactor(store::Store::TextRedactor redact) { redactor_ = std::move(redact); }
  // The outgoing-text check (policy/), set once before use; without it answers go unchecked.
  void set_checker(const policy::Checker* checker) { checker_ = checker; }
  // Checks an outgoing text; empty when no checker is configured.
  std::vector<policy::Finding> CheckAnswerText(const std::string& text, bool ai_assisted) const;

  // Saves the draft. An AI-assisted draft gets the disclosure sentence appended when it lacks one
  // (2024/108 Dürüstlük (2)); the policy findings are stored beside the draft so the officer
  // sees each rule with its article.
  Result<cases::Answer> SaveDraft(const Principal& who, int64_t case_id, const std::string& text,
                                  cases::Provenance provenance);
  // Sends the draft (or queues it for approval). A block finding stops it unless a unit manager
  // overrides with a reason, which is recorded in the case history and the ledger.
  // kFailedPrecondition with reason "policy_block" otherwise.
  Result<cases::CaseRecord> SubmitAnswer(const Principal& who, int64_t case_id,
                                         const std::string& override_reason = {});
  Result<cases::CaseRecord> DecideAnswer(const Principal& who, int64_t case_id, bool approve,
                                         const std::string& reason);
  // Pending approvals in the manager's unit tree.
  Result<std::vector<cases::CaseRecord>> ApprovalQueue(const Principal& who);

  Status SwitchAi(const Principal& who, const std::string& unit_code, bool enabled);

  // Called after every reload of the organisation tree (e.g. an AI switch changed), so other
  // services can follow. Set once before use.
  void set_on_units_changed(std::function<void(const UnitTree&)> fn) {
    on_units_changed_ = std::move(fn);
  }
  // The current organisation tree (reloaded after changes).
  std::shared_ptr<const UnitTree> Units();
  Status ReloadUnits();

 private:
  Status Record(ledger::AuditEvent event);
  store::Actor ActorOf(const Principal& who) const;
  Result<cases::CaseRecord> LoadAuthorized(const Principal& who, Action action, int64_t case_id);

  store::Store* store_;
  store::LedgerStore* ledger_;
  const privacy::FieldCipher* cipher_;
  std::string actor_key_;
  const Clock* clock_;
  CaseServiceOptions options_;
  const policy::Checker* checker_ = nullptr;
  store::Store::TextRedactor redactor_;
  const cases::SlaClock* sla_ = nullptr;
  std::function<void(const UnitTree&)> on_units_changed_;
  std::mutex units_mu_;
  std::shared_ptr<const UnitTree> units_;
};

// "case:<id>": the opaque ledger reference of a case.
std::string CaseRef(int64_t case_id);
// The opaque id of the citizen behind a case, for erasable payloads.
std::string PersonOf(int64_t case_id);

}  // namespace kapi::workflow
