#pragma once
// Routing: which unit a request goes to, by rules an institution admin edits (a JSON file,
// format in docs/formats/triage_routing.md), shown beside the model's own suggestion. Rules are
// tried in order and the first that matches decides; a rule may require words in the text
// (ASCII-folded, lower-case, word-prefix match, so "iski" matches "İSKİ'ye"), the model's top
// topic (optionally with a minimum probability), or the emergency flag. The model's suggestion
// is its top topic mapped through `topic_units` (identity when a topic is not listed).
//
// Immutable after Load; Route() is thread-safe.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/status.h"

namespace kapi::triage {

struct RoutingRule {
  std::string id;
  std::vector<std::vector<std::string>> if_words;  // any phrase; a phrase is folded words in order
  std::string if_topic;
  double min_p = 0;
  bool if_emergency = false;
  std::string unit;
};

struct RoutingSuggestion {
  std::string rule_unit;   // the rules' decision ("" when no rule matched and no default)
  std::string rule_id;     // which rule decided ("default" for the fallback)
  std::string model_unit;  // the model's suggestion (top topic → unit); "" when it abstained
  double model_p = 0;
  bool agree = false;  // rule and model name the same unit
};

class RoutingTable {
 public:
  static Result<RoutingTable> Parse(const nlohmann::json& j);
  static Result<RoutingTable> Load(const std::string& path);

  // `words` are the text's lower-case words (as Featurizer::Words gives them).
  RoutingSuggestion Route(const std::vector<std::string>& words, const std::string& top_topic,
                          double top_p, bool abstain, bool emergency) const;
  // The same with the words already ASCII-folded (text::AsciifyLower).
  RoutingSuggestion RouteFolded(const std::vector<std::string_view>& folded_words,
                                const std::string& top_topic, double top_p, bool abstain,
                                bool emergency) const;

  const std::string& version() const { return version_; }  // "routing@<hash of the rules>"

 private:
  std::vector<RoutingRule> rules_;
  std::map<std::string, std::string> topic_units_;
  std::string default_unit_;
  std::string version_;
};

}  // namespace kapi::triage
