#pragma once
// The unit briefing: what a unit manager needs to know at the start of a day about the cases in
// their unit tree (an auditor: the institution) — how many are open, overdue, due soon or waiting
// for approval, what came in this week against the week before (by channel and topic), the same
// complaint arriving many times (near-duplicate clusters), open cases flagged as emergencies
// ("yönlendir: 112") and the most overdue ones. Seed 004 names such a briefing module
// (e-İçişleri); DESIGN.md gives it to the unit manager.
//
// Case snippets are the masked text only. Pure reads; thread-safe.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "cases/sla_clock.h"
#include "store/store.h"
#include "workflow/authz.h"

namespace kapi::workflow {

struct BriefingCase {
  int64_t id = 0;
  std::string tracking_code;
  std::string snippet;  // the masked text, cut at a character boundary
  std::string topic;    // the topic's name, or "" while unrouted
  int64_t received_at_ms = 0;
  int64_t due_at_ms = 0;
};

// A count for this week and the week before (the last 7 days and the 7 before them).
struct WeekCount {
  std::string key;
  int64_t week = 0;
  int64_t previous = 0;
};

// Requests the near-duplicate index put in one cluster within the last 7 days.
struct DuplicateGroup {
  std::string cluster;
  int64_t cases = 0;
  std::string topic;
  BriefingCase latest;
};

struct Briefing {
  int64_t now_ms = 0;
  int64_t open = 0;
  int64_t overdue = 0;
  int64_t due_soon = 0;
  int64_t awaiting_approval = 0;
  int64_t unassigned = 0;  // open and nobody responsible yet
  WeekCount received{"received"};
  WeekCount answered{"answered"};  // answered or closed, by last change
  std::vector<WeekCount> by_channel;
  std::vector<WeekCount> by_topic;
  std::map<std::string, int64_t> sentiment;  // AI sentiment of this week's requests
  std::vector<DuplicateGroup> duplicates;    // ≥ 3 requests, largest first, at most 10
  std::vector<BriefingCase> emergencies;     // open and flagged, newest first
  std::vector<BriefingCase> most_overdue;    // at most 5, the longest overdue first
  bool truncated = false;                    // more cases than were read
};

inline constexpr int kBriefingMaxCases = 20'000;
inline constexpr int kMinDuplicateGroup = 3;

// kPermissionDenied unless the principal is a unit manager (their unit tree) or an auditor (the
// institution). `sla` may be null (no overdue / due-soon counts then).
Result<Briefing> BuildBriefing(store::Store& store, const Principal& who, const UnitTree& units,
                               const cases::SlaClock* sla, int64_t now_ms);

nlohmann::json BriefingJson(const Briefing& b);

}  // namespace kapi::workflow
