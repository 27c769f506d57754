#include "intake/engine_triager.h"

namespace kapi::intake {

EngineTriager::EngineTriager(std::unique_ptr<triage::Engine> engine,
                             std::set<std::string> sensitive_labels)
    : engine_(std::move(engine)), sensitive_labels_(std::move(sensitive_labels)) {}

Suggestions EngineTriager::Suggest(std::string_view masked_text) const {
  if (!enabled_.load()) return {};
  triage::TriageResult r = engine_->Triage(masked_text);
  r.cluster = duplicates_.Add(masked_text).cluster_id;
  Suggestions out;
  out.json = triage::ToJson(r);
  const bool sensitive = !r.topic.empty() && sensitive_labels_.count(r.topic[0].label) > 0;
  if (sensitive) {
    out.json.erase("sentiment");
    out.json.erase("urgency");
    out.json["sensitive_topic"] = true;
    out.json["note"] = "Hassas konu: YZ yalnızca yönlendirme yardımı verir (2024/108 Yetkinlik 7)";
  }
  if (!r.abstain && !r.topic.empty()) out.topic_code = r.topic[0].label;
  out.unit_code = r.routing.rule_unit;
  return out;
}

}  // namespace kapi::intake
