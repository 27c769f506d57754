#include "policy/finding.h"

#include <array>

namespace kapi::policy {
namespace {

struct RuleInfo {
  Rule rule;
  std::string_view name;
  std::string_view article;
  bool content;
};

// One row per rule. The article texts are the seed headings verbatim (001: 2021/81 Sosyal Medya
// Etik İlkeleri; 000: 2024/108 yapay zekâ ilkeleri).
constexpr std::array<RuleInfo, kRuleCount> kRules = {{
    {Rule::kPersonalData, "personal_data", "2021/81 İnsan haklarına saygı (3)", false},
    {Rule::kClassified, "classified", "2021/81 Kurumsal sosyal medya hesabının kullanımı (5)",
     false},
    {Rule::kInsult, "insult", "2021/81 İnsan haklarına saygı (1)", true},
    {Rule::kProfanity, "profanity", "2021/81 Kurumsal sosyal medya hesabının kullanımı (4)", true},
    {Rule::kThreat, "threat", "2021/81 İnsan haklarına saygı (1)", true},
    {Rule::kHate, "hate", "2021/81 İnsan haklarına saygı (2)", true},
    {Rule::kDiscrimination, "discrimination", "2021/81 Tarafsızlık (2)", true},
    {Rule::kPartisanship, "partisanship", "2021/81 Tarafsızlık (3)", true},
    {Rule::kViolence, "violence", "2021/81 Paylaşılan bilginin içeriği (2)", true},
    {Rule::kSexual, "sexual", "2021/81 Paylaşılan bilginin içeriği (2)", true},
    {Rule::kAiDisclosure, "ai_disclosure", "2024/108 Dürüstlük (2)", false},
    {Rule::kCourtesy, "courtesy", "2021/81 Kurumsal sosyal medya hesabının kullanımı (4)", false},
}};

const RuleInfo& Info(Rule rule) { return kRules[static_cast<size_t>(rule)]; }

}  // namespace

std::string_view RuleName(Rule rule) { return Info(rule).name; }

std::optional<Rule> RuleFromName(std::string_view name) {
  for (const RuleInfo& info : kRules) {
    if (info.name == name) return info.rule;
  }
  return std::nullopt;
}

std::string_view SeverityName(Severity severity) {
  return severity == Severity::kBlock ? "block" : "warn";
}

std::string_view ArticleFor(Rule rule) { return Info(rule).article; }

bool IsContentRule(Rule rule) { return Info(rule).content; }

Finding MakeFinding(Rule rule, Severity severity, size_t start, size_t end, double score,
                    std::string detail) {
  Finding f;
  f.rule = rule;
  f.severity = severity;
  f.article = std::string(ArticleFor(rule));
  f.start = start;
  f.end = end;
  f.score = score;
  f.detail = std::move(detail);
  return f;
}

}  // namespace kapi::policy
