#pragma once
// Who may do what, on which cases. Two checks, always both: the role must allow the action, and
// the case must be inside the person's organisation-unit scope — a case officer's own unit, a
// unit manager's unit tree (a unit and everything below it). Staff at the institution root see
// the root's triage queue; a manager at the root sees everything.
//
// Revealing the unmasked original is allowed only to roles whose work needs it (case officers and
// unit managers, in scope) and is always recorded (KVKK; seed 002: phone numbers are personal
// data too).

#include <string>
#include <vector>

#include "base/status.h"
#include "cases/model.h"

namespace kapi::workflow {

enum class Role { kDeskOfficer, kCaseOfficer, kUnitManager, kAdmin, kAuditor };
std::optional<Role> ParseRole(std::string_view name);
std::string_view RoleName(Role role);
// Turkish display name, e.g. "Dosya memuru".
std::string_view RoleLabel(Role role);

struct Principal {
  std::string username;
  Role role = Role::kCaseOfficer;
  std::string unit_code;
  // Opaque id for the audit ledger (no personal data in leaves): "user:<16 hex>".
  std::string actor_ref;
  std::string actor() const { return "user:" + username; }  // for case events (internal)
};

enum class Action {
  kViewCase,        // read the masked case, its notes and history
  kRevealOriginal,  // read the unmasked original text and contact (logged)
  kTriage,          // accept/override topic and unit
  kAssign,          // make someone responsible (officers may only take a case themselves)
  kWork,            // state changes of ordinary work, notes, drafts
  kDecideAnswer,    // approve or return an answer
  kSwitchAi,        // switch AI suggestions on/off for a unit
  kEnterRequest,    // enter a request for a citizen (phone, desk)
  kManageUsers,     // reset passwords, change roles
  kAudit,           // access log, ledger verification
  // Erase a citizen's personal data from a case (KVKK 6698 md. 7, a request under md. 11): the
  // KVKK officer's act, irreversible and recorded.
  kErasePersonalData,
  // Read the AI-oversight report (aggregates, no case contents; 2024/108 Yönetici (4)).
  kViewOversight,
  // Read the unit briefing (counts and masked snippets of the cases in scope).
  kViewBriefing,
};
std::string_view ActionName(Action a);

// The organisation tree, for scope checks. Immutable after construction; thread-safe.
class UnitTree {
 public:
  explicit UnitTree(const std::vector<cases::Unit>& units);
  // True when `unit` is `ancestor` or below it.
  bool IsWithin(const std::string& unit, const std::string& ancestor) const;
  const std::string& root() const { return root_; }
  const cases::Unit* Find(const std::string& code) const;
  const std::vector<cases::Unit>& units() const { return units_; }
  // `ancestor` and every unit below it.
  std::vector<std::string> Subtree(const std::string& ancestor) const;

 private:
  std::vector<cases::Unit> units_;
  std::string root_;
};

// OK, or kPermissionDenied with a Turkish-first message naming what is missing. `c` may be null
// for actions not about one case.
Status Authorize(const Principal& who, Action action, const cases::CaseRecord* c,
                 const UnitTree& tree);

// True when the case is inside the person's unit scope (see the header comment).
bool InScope(const Principal& who, const cases::CaseRecord& c, const UnitTree& tree);

}  // namespace kapi::workflow
