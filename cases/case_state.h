#pragma once
// The case state machine. Every state change goes through CheckTransition; an invalid one is
// refused with an error that names both states. The full diagram and the reasons for each state
// are in docs/cases.md.

#include <optional>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace kapi::cases {

enum class CaseState {
  kNew,               // received, suggestions attached, no human has looked yet
  kTriaged,           // a human accepted or overrode topic and unit
  kAssigned,          // an officer is responsible
  kInProgress,        // the officer is working it
  kAwaitingApproval,  // an answer is drafted and waits for the unit manager
  kAnswered,          // the answer was sent to the citizen
  kClosed,            // finished (after the answer, or closed without one with a reason)
  kReopened,          // the citizen or a manager asked for another look
  kReferred,          // sent to another unit; waits for that unit to take it
  kReturned,          // the other unit sent it back; the origin re-triages
};

std::string_view CaseStateName(CaseState s);
std::optional<CaseState> ParseCaseState(std::string_view name);
const std::vector<CaseState>& AllCaseStates();

// True for states in which work is still owed to the citizen (SLA clocks run).
bool IsOpen(CaseState s);

// The states reachable from `from` in one step.
const std::vector<CaseState>& AllowedNext(CaseState from);

// OK when from → to is a valid step; kFailedPrecondition naming both states otherwise.
Status CheckTransition(CaseState from, CaseState to);

// Whether a transition must carry a human-written reason (closing without answer, referral,
// return, reopen, sending back from approval).
bool TransitionNeedsReason(CaseState from, CaseState to);

}  // namespace kapi::cases
