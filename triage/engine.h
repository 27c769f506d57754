#pragma once
// The triage engine the intake pipeline and `kapi triage` call: on one MASKED text it suggests
// the topic (top 3 with calibrated probabilities, or an abstention for the manual queue),
// sentiment, urgency, the emergency flag ("yönlendir: 112"), the words that pushed the topic
// most, and the routing rules' unit beside the model's. Everything it returns is advice for a
// human (seed 000, 2024/108): it never changes a case by itself.
//
// Duplicate clustering needs state across texts and lives in DuplicateIndex (near_duplicate.h);
// the caller fills TriageResult::cluster from it.
//
// An Engine is loaded once (LoadEngine) and is immutable: Triage() is const and thread-safe.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "triage/emergency.h"
#include "triage/linear_model.h"
#include "triage/routing.h"

namespace kapi::triage {

struct LabelScore {
  std::string label;
  float p = 0;
};

struct TriageResult {
  std::vector<LabelScore> topic;  // best first, up to 3
  bool abstain = true;            // top-1 below the model's threshold → manual queue
  std::optional<LabelScore> sentiment;
  std::optional<LabelScore> urgency;
  bool emergency = false;
  std::vector<EmergencyCue> emergency_cues;
  std::vector<std::string> explain;  // words that pushed the top topic most, best first
  RoutingSuggestion routing;
  std::string cluster;  // from DuplicateIndex; empty when the caller keeps none
  // Version strings: "model" is the topic model's, as the CLI contract shows; `versions` has
  // every component (topic, sentiment, urgency, emergency lexicon, routing rules).
  std::string model;
  std::vector<std::pair<std::string, std::string>> versions;
};

class Engine {
 public:
  // Files in `models_dir`: topic.kapimodel (required), sentiment.kapimodel, urgency.kapimodel,
  // deasciifier.tsv, protected_terms.tsv, routing.json (each optional; a missing one leaves its
  // field empty or its step off).
  static Result<std::unique_ptr<Engine>> Load(const std::string& models_dir);

  TriageResult Triage(std::string_view masked_text) const;

  const RoutingTable& routing() const { return routing_; }
  const LinearModel& topic_model() const { return *topic_; }

 private:
  Engine() = default;
  ResourcesPtr deasciifier_;
  std::unique_ptr<LinearModel> topic_, sentiment_, urgency_;
  RoutingTable routing_;
  const EmergencyDetector* emergency_ = &EmergencyDetector::Default();
  // Whether sentiment/urgency extract features like topic (then one extraction serves all).
  bool sentiment_shares_ = false, urgency_shares_ = false;
  // Urgency weighs features exactly like sentiment (same data → same IDF): reuse that vector.
  bool urgency_reuses_sentiment_ = false;
  // When urgency reuses sentiment's features and both have 3 classes: their int8 weight rows
  // side by side, 8 bytes per bucket (s0 s1 s2 u0 u1 u2 0 0), so scoring both reads one cache
  // line per feature instead of two. Same arithmetic as LinearModel::Scores.
  std::vector<int8_t> fused_sentiment_urgency_;
  void ScoreSentimentUrgency(const FeatureVector& fv, std::vector<float>* s,
                             std::vector<float>* u) const;
};

inline Result<std::unique_ptr<Engine>> LoadEngine(const std::string& models_dir) {
  return Engine::Load(models_dir);
}

// The CLI/API JSON of a result (docs/formats/triage_output.md): id not included.
nlohmann::json ToJson(const TriageResult& r);

// The version string of the built-in emergency lexicon.
inline constexpr std::string_view kEmergencyLexiconVersion = "emergency@lexicon-1";

}  // namespace kapi::triage
