#pragma once
// The AI-oversight report: how the advisory models' suggestions fared against the decisions of
// the humans who routed the cases, over a period, for the people who must watch the AI
// (2024/108 Yönetici (4): regular human oversight of AI use; Hesap verebilirlik (2): AI output is
// checked; Tarafsızlık (1): no unequal treatment, here between channels). Aggregates only: no
// case text, no personal data.
//
// "Agreement" compares the model's top topic label with the name of the topic the human finally
// chose. Shipped models use the unit names of the shared training data as labels; an institution
// that retrains on its own history (`kapi train --data export.csv`) uses its own topic names.
//
// Pure functions over rows the store returns; thread-safe.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "store/store.h"
#include "workflow/authz.h"

namespace kapi::workflow {

// A proportion with its Wilson 95% interval (sound for small n and for 0 or n successes).
struct Rate {
  int64_t k = 0;
  int64_t n = 0;
  double low = 0;
  double high = 0;
  double value() const { return n > 0 ? static_cast<double>(k) / static_cast<double>(n) : 0.0; }
};
Rate MakeRate(int64_t k, int64_t n);

// One slice of the report: a channel, a suggested topic or a week.
struct OversightSlice {
  std::string key;
  int64_t cases = 0;           // cases with suggestions
  int64_t suggested = 0;       // topic slices: cases whose top suggestion was this topic
  int64_t chosen = 0;          // topic slices: routed cases whose final topic is this one
  Rate agreement;              // top suggestion == final topic, among routed cases
  Rate recall;                 // topic slices: chosen cases the model had suggested
  Rate overridden;             // overridden verdicts among decided cases
  double mean_confidence = 0;  // mean top-1 probability
};

struct CalibrationBin {
  double low = 0, high = 0;  // top-1 probability in [low, high)
  int64_t routed = 0;
  double mean_confidence = 0;
  Rate agreement;
};

struct OversightReport {
  int64_t from_ms = 0, to_ms = 0;
  int64_t cases = 0;         // cases with AI suggestions in the period and scope
  int64_t routed = 0;        // of those, routed by a human (final topic known)
  Rate accepted;             // "accepted" verdicts among accepted + overridden
  Rate top1;                 // top suggestion == final topic, among routed
  Rate top3;                 // final topic among the top 3, among routed
  Rate abstained;            // the model abstained (manual queue), among cases
  Rate confident_agreement;  // agreement among routed cases where the model did not abstain
  int64_t emergency_flags = 0;
  std::vector<OversightSlice> by_channel;
  std::vector<OversightSlice> by_topic;
  std::vector<OversightSlice> by_week;  // key: the Monday (Türkiye time) starting the week
  std::vector<CalibrationBin> calibration;
  // Population stability index of the suggested-topic mix: the last 28 days against the rest of
  // the period (< 0.10 stable, 0.10–0.25 watch, > 0.25 shifted). Set when both parts have ≥ 30
  // cases.
  std::optional<double> drift_psi;
  int64_t drift_recent = 0, drift_earlier = 0;
  std::map<std::string, int64_t> models;  // topic model version → cases
  // Turkish-first findings that need a person's attention, each naming its threshold and rule.
  std::vector<std::string> alerts;
  bool truncated = false;  // the period held more cases than were read
};

// Summarises rows already limited to the viewer's scope. `topic_names` maps topic code → name.
OversightReport SummarizeOversight(const std::vector<store::Store::SuggestionOutcome>& rows,
                                   const std::map<std::string, std::string>& topic_names,
                                   int64_t from_ms, int64_t to_ms);

// Reads the period's rows, keeps those in the viewer's scope (a unit manager's unit tree; an
// auditor or admin: the institution), and summarises them. kPermissionDenied for other roles.
inline constexpr int kOversightMaxRows = 200'000;
Result<OversightReport> BuildOversightReport(store::Store& store, const Principal& who,
                                             const UnitTree& units, int64_t from_ms, int64_t to_ms);

nlohmann::json OversightJson(const OversightReport& report);

}  // namespace kapi::workflow
