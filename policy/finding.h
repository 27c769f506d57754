#pragma once
// A policy finding: which rule an outgoing text breaks, how hard (block / warn), where (a span in
// Unicode code points of the checked text) and which seed article the rule enforces. Rule names,
// severities and article citations are part of the CLI contract (`kapi check`) and are stable.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace kapi::policy {

enum class Rule {
  kPersonalData,
  kClassified,
  kInsult,
  kProfanity,
  kThreat,
  kHate,
  kDiscrimination,
  kPartisanship,
  kViolence,
  kSexual,
  kAiDisclosure,
  kCourtesy,
};
inline constexpr int kRuleCount = 12;

enum class Severity { kBlock, kWarn };

// "personal_data", "classified", "insult", ... (the CLI's `rule` field).
std::string_view RuleName(Rule rule);
std::optional<Rule> RuleFromName(std::string_view name);
// "block" / "warn".
std::string_view SeverityName(Severity severity);

// The seed article a rule enforces, cited exactly as the seed heads it, e.g.
// "2021/81 Tarafsızlık (3)" or "2024/108 Dürüstlük (2)". See docs/policy.md for the table.
std::string_view ArticleFor(Rule rule);

// Content rules are the ones judged by what the text says (offensive, hateful, partisan, violent,
// sexual); the quality targets (macro-F1, false-alarm rate) are measured over these.
bool IsContentRule(Rule rule);

struct Finding {
  Rule rule = Rule::kInsult;
  Severity severity = Severity::kBlock;
  std::string article;  // ArticleFor(rule) unless a detector cites a more specific article
  size_t start = 0;     // code points, inclusive
  size_t end = 0;       // code points, exclusive; start == end marks a position (e.g. "missing")
  double score = 0.0;   // detector confidence in [0, 1]; 1 for exact rule matches
  std::string
      detail;  // short machine-readable reason, e.g. "lexicon:profanity", "missing_greeting"

  friend bool operator==(const Finding&, const Finding&) = default;
};

// Builds a finding with the rule's default article.
Finding MakeFinding(Rule rule, Severity severity, size_t start, size_t end, double score,
                    std::string detail);

}  // namespace kapi::policy
