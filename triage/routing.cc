#include "triage/routing.h"

#include <cstdio>
#include <fstream>

#include "text/word_tokens.h"

namespace kapi::triage {
namespace {

std::vector<std::string> FoldedWords(std::string_view phrase) {
  std::vector<std::string> out;
  for (const auto& t : text::TokenizeWords(phrase)) {
    if (t.kind == text::WordKind::kWord) out.push_back(text::AsciifyLower(t.text));
  }
  return out;
}

bool StartsWith(std::string_view w, std::string_view p) {
  return w.size() >= p.size() && w.compare(0, p.size(), p) == 0;
}

}  // namespace

Result<RoutingTable> RoutingTable::Parse(const nlohmann::json& j) {
  RoutingTable t;
  if (!j.is_object()) return InvalidArgument("routing rules must be a JSON object");
  try {
    t.default_unit_ = j.value("default_unit", "");
    if (j.contains("topic_units")) {
      for (const auto& [topic, unit] : j.at("topic_units").items()) {
        t.topic_units_[topic] = unit.get<std::string>();
      }
    }
    for (const auto& r : j.value("rules", nlohmann::json::array())) {
      RoutingRule rule;
      rule.id = r.at("id").get<std::string>();
      rule.unit = r.at("unit").get<std::string>();
      rule.if_topic = r.value("if_topic", "");
      rule.min_p = r.value("min_p", 0.0);
      rule.if_emergency = r.value("if_emergency", false);
      for (const auto& w : r.value("if_words", nlohmann::json::array())) {
        auto words = FoldedWords(w.get<std::string>());
        if (!words.empty()) rule.if_words.push_back(std::move(words));
      }
      if (rule.if_words.empty() && rule.if_topic.empty() && !rule.if_emergency) {
        return InvalidArgument("routing rule '" + rule.id + "' has no condition");
      }
      t.rules_.push_back(std::move(rule));
    }
  } catch (const std::exception& e) {
    return InvalidArgument(std::string("bad routing rules: ") + e.what());
  }
  const std::string canon = j.dump();
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : canon) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%08x", static_cast<uint32_t>(h ^ (h >> 32)));
  t.version_ = std::string("routing@") + buf;
  return t;
}

Result<RoutingTable> RoutingTable::Load(const std::string& path) {
  std::ifstream in(path);
  if (!in) return NotFound("routing rules not found: " + path);
  auto j = nlohmann::json::parse(in, nullptr, false);
  if (j.is_discarded()) return InvalidArgument("routing rules are not valid JSON: " + path);
  return Parse(j);
}

RoutingSuggestion RoutingTable::Route(const std::vector<std::string>& words,
                                      const std::string& top_topic, double top_p, bool abstain,
                                      bool emergency) const {
  std::vector<std::string> folded;
  folded.reserve(words.size());
  for (const auto& w : words) folded.push_back(text::AsciifyLower(w));
  return RouteFolded(std::vector<std::string_view>(folded.begin(), folded.end()), top_topic, top_p,
                     abstain, emergency);
}

RoutingSuggestion RoutingTable::RouteFolded(const std::vector<std::string_view>& folded,
                                            const std::string& top_topic, double top_p,
                                            bool abstain, bool emergency) const {
  RoutingSuggestion s;
  if (!abstain && !top_topic.empty()) {
    auto it = topic_units_.find(top_topic);
    s.model_unit = it == topic_units_.end() ? top_topic : it->second;
    s.model_p = top_p;
  }
  auto has_phrase = [&](const std::vector<std::string>& phrase) {
    for (size_t i = 0; i + phrase.size() <= folded.size(); ++i) {
      bool ok = true;
      for (size_t k = 0; k < phrase.size() && ok; ++k) ok = StartsWith(folded[i + k], phrase[k]);
      if (ok) return true;
    }
    return false;
  };
  for (const RoutingRule& r : rules_) {
    if (r.if_emergency && !emergency) continue;
    if (!r.if_topic.empty() && (abstain || r.if_topic != top_topic || top_p < r.min_p)) continue;
    if (!r.if_words.empty() && std::none_of(r.if_words.begin(), r.if_words.end(), has_phrase)) {
      continue;
    }
    s.rule_unit = r.unit;
    s.rule_id = r.id;
    break;
  }
  if (s.rule_id.empty() && !default_unit_.empty()) {
    s.rule_unit = default_unit_;
    s.rule_id = "default";
  }
  s.agree = !s.rule_unit.empty() && s.rule_unit == s.model_unit;
  return s;
}

}  // namespace kapi::triage
