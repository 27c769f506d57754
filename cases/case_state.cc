#include "cases/case_state.h"

#include <algorithm>
#include <map>
#include <string>

namespace kapi::cases {

std::string_view CaseStateName(CaseState s) {
  switch (s) {
    case CaseState::kNew:
      return "new";
    case CaseState::kTriaged:
      return "triaged";
    case CaseState::kAssigned:
      return "assigned";
    case CaseState::kInProgress:
      return "in_progress";
    case CaseState::kAwaitingApproval:
      return "awaiting_approval";
    case CaseState::kAnswered:
      return "answered";
    case CaseState::kClosed:
      return "closed";
    case CaseState::kReopened:
      return "reopened";
    case CaseState::kReferred:
      return "referred";
    case CaseState::kReturned:
      return "returned";
  }
  return "new";
}

const std::vector<CaseState>& AllCaseStates() {
  static const std::vector<CaseState> kAll = {
      CaseState::kNew,        CaseState::kTriaged,          CaseState::kAssigned,
      CaseState::kInProgress, CaseState::kAwaitingApproval, CaseState::kAnswered,
      CaseState::kClosed,     CaseState::kReopened,         CaseState::kReferred,
      CaseState::kReturned};
  return kAll;
}

std::optional<CaseState> ParseCaseState(std::string_view name) {
  for (CaseState s : AllCaseStates()) {
    if (CaseStateName(s) == name) return s;
  }
  return std::nullopt;
}

bool IsOpen(CaseState s) { return s != CaseState::kAnswered && s != CaseState::kClosed; }

const std::vector<CaseState>& AllowedNext(CaseState from) {
  using S = CaseState;
  static const std::map<S, std::vector<S>> kNext = {
      {S::kNew, {S::kTriaged, S::kClosed}},
      {S::kTriaged, {S::kAssigned, S::kReferred, S::kClosed}},
      {S::kAssigned, {S::kInProgress, S::kAssigned, S::kReferred}},
      {S::kInProgress, {S::kAwaitingApproval, S::kAnswered, S::kReferred, S::kAssigned}},
      {S::kAwaitingApproval, {S::kAnswered, S::kInProgress}},
      {S::kAnswered, {S::kClosed, S::kReopened}},
      {S::kClosed, {S::kReopened}},
      {S::kReopened, {S::kAssigned, S::kInProgress}},
      {S::kReferred, {S::kTriaged, S::kReturned}},
      {S::kReturned, {S::kTriaged, S::kClosed}},
  };
  return kNext.at(from);
}

Status CheckTransition(CaseState from, CaseState to) {
  const auto& next = AllowedNext(from);
  if (std::find(next.begin(), next.end(), to) != next.end()) return Status::Ok();
  std::string allowed;
  for (CaseState s : next) {
    if (!allowed.empty()) allowed += ", ";
    allowed += CaseStateName(s);
  }
  return FailedPrecondition("invalid transition " + std::string(CaseStateName(from)) + " → " +
                            std::string(CaseStateName(to)) + "; from " +
                            std::string(CaseStateName(from)) + " a case may go to: " + allowed);
}

bool TransitionNeedsReason(CaseState from, CaseState to) {
  using S = CaseState;
  if (to == S::kReferred || to == S::kReturned || to == S::kReopened) return true;
  if (to == S::kClosed && from != S::kAnswered) return true;
  if (from == S::kAwaitingApproval && to == S::kInProgress) return true;
  return false;
}

}  // namespace kapi::cases
