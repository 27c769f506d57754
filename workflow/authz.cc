#include "workflow/authz.h"

#include <algorithm>
#include <map>

namespace kapi::workflow {

std::optional<Role> ParseRole(std::string_view name) {
  for (Role r :
       {Role::kDeskOfficer, Role::kCaseOfficer, Role::kUnitManager, Role::kAdmin, Role::kAuditor}) {
    if (RoleName(r) == name) return r;
  }
  return std::nullopt;
}

std::string_view RoleName(Role role) {
  switch (role) {
    case Role::kDeskOfficer:
      return "desk_officer";
    case Role::kCaseOfficer:
      return "case_officer";
    case Role::kUnitManager:
      return "unit_manager";
    case Role::kAdmin:
      return "admin";
    case Role::kAuditor:
      return "auditor";
  }
  return "case_officer";
}

std::string_view RoleLabel(Role role) {
  switch (role) {
    case Role::kDeskOfficer:
      return "Danışma / çağrı merkezi görevlisi";
    case Role::kCaseOfficer:
      return "Dosya memuru";
    case Role::kUnitManager:
      return "Birim müdürü";
    case Role::kAdmin:
      return "Kurum yöneticisi";
    case Role::kAuditor:
      return "Denetçi / KVKK sorumlusu";
  }
  return "";
}

std::string_view ActionName(Action a) {
  switch (a) {
    case Action::kViewCase:
      return "view_case";
    case Action::kRevealOriginal:
      return "reveal_original";
    case Action::kTriage:
      return "triage";
    case Action::kAssign:
      return "assign";
    case Action::kWork:
      return "work";
    case Action::kDecideAnswer:
      return "decide_answer";
    case Action::kSwitchAi:
      return "switch_ai";
    case Action::kEnterRequest:
      return "enter_request";
    case Action::kManageUsers:
      return "manage_users";
    case Action::kAudit:
      return "audit";
    case Action::kErasePersonalData:
      return "erase_personal_data";
    case Action::kViewOversight:
      return "view_oversight";
    case Action::kViewBriefing:
      return "view_briefing";
  }
  return "";
}

UnitTree::UnitTree(const std::vector<cases::Unit>& units) : units_(units) {
  for (const auto& u : units_) {
    if (u.parent_code.empty()) root_ = u.code;
  }
}

const cases::Unit* UnitTree::Find(const std::string& code) const {
  for (const auto& u : units_) {
    if (u.code == code) return &u;
  }
  return nullptr;
}

bool UnitTree::IsWithin(const std::string& unit, const std::string& ancestor) const {
  std::string cur = unit;
  for (size_t hops = 0; hops <= units_.size() && !cur.empty(); ++hops) {
    if (cur == ancestor) return true;
    const cases::Unit* u = Find(cur);
    if (!u) return false;
    cur = u->parent_code;
  }
  return false;
}

std::vector<std::string> UnitTree::Subtree(const std::string& ancestor) const {
  std::vector<std::string> out;
  for (const auto& u : units_) {
    if (IsWithin(u.code, ancestor)) out.push_back(u.code);
  }
  return out;
}

bool InScope(const Principal& who, const cases::CaseRecord& c, const UnitTree& tree) {
  // A case not yet routed anywhere waits in the root's triage queue.
  const std::string& unit = c.unit_code.empty() ? tree.root() : c.unit_code;
  switch (who.role) {
    case Role::kCaseOfficer:
      return unit == who.unit_code;
    case Role::kUnitManager:
      return tree.IsWithin(unit, who.unit_code);
    case Role::kAuditor:
      return true;  // read-only, masked
    case Role::kDeskOfficer:
    case Role::kAdmin:
      return false;
  }
  return false;
}

namespace {

bool RoleAllows(Role role, Action action) {
  using A = Action;
  switch (role) {
    case Role::kDeskOfficer:
      return action == A::kEnterRequest;
    case Role::kCaseOfficer:
      return action == A::kViewCase || action == A::kRevealOriginal || action == A::kTriage ||
             action == A::kAssign || action == A::kWork || action == A::kEnterRequest;
    case Role::kUnitManager:
      return action == A::kViewCase || action == A::kRevealOriginal || action == A::kTriage ||
             action == A::kAssign || action == A::kWork || action == A::kDecideAnswer ||
             action == A::kSwitchAi || action == A::kViewOversight || action == A::kViewBriefing;
    case Role::kAdmin:
      return action == A::kManageUsers || action == A::kSwitchAi || action == A::kViewOversight;
    case Role::kAuditor:
      return action == A::kViewCase || action == A::kAudit || action == A::kErasePersonalData ||
             action == A::kViewOversight || action == A::kViewBriefing;
  }
  return false;
}

Status Denied(const Principal& who, Action action, std::string_view why) {
  return Status(StatusCode::kPermissionDenied, std::string("bu işlem için yetkiniz yok: ") +
                                                   std::string(why) + " (" +
                                                   std::string(RoleName(who.role)) + " cannot " +
                                                   std::string(ActionName(action)) + ")")
      .WithReason("forbidden");
}

}  // namespace

Status Authorize(const Principal& who, Action action, const cases::CaseRecord* c,
                 const UnitTree& tree) {
  if (!RoleAllows(who.role, action)) return Denied(who, action, RoleLabel(who.role));
  if (c && !InScope(who, *c, tree)) return Denied(who, action, "dosya biriminizin kapsamı dışında");
  return Status::Ok();
}

}  // namespace kapi::workflow
