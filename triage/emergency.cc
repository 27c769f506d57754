#include "triage/emergency.h"

#include <algorithm>

#include "text/word_tokens.h"

namespace kapi::triage {
namespace {

bool IsAscii(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

}  // namespace

EmergencyDetector::Term EmergencyDetector::CompileTerm(std::string_view term) {
  Term out;
  while (!term.empty()) {
    const size_t bar = term.find('|');
    std::string_view alt = term.substr(0, bar);
    Alt a;
    a.prefix = !alt.empty() && alt.back() == '*';
    if (a.prefix) alt.remove_suffix(1);
    a.text = std::string(alt);
    a.ascii = IsAscii(alt);
    if (!a.text.empty()) out.push_back(std::move(a));
    if (bar == std::string_view::npos) break;
    term.remove_prefix(bar + 1);
  }
  return out;
}

bool EmergencyDetector::Matches(const Term& term, std::string_view folded, std::string_view word) {
  for (const Alt& a : term) {
    std::string_view w = a.ascii ? folded : word;
    if (w.empty() || w[0] != a.text[0]) continue;
    if (a.prefix ? (w.size() >= a.text.size() && w.compare(0, a.text.size(), a.text) == 0)
                 : w == a.text) {
      return true;
    }
  }
  return false;
}

EmergencyDetector::EmergencyDetector(std::vector<EmergencyRule> rules) {
  for (const auto& r : rules) {
    Compiled c;
    c.category = r.category;
    c.window = r.window;
    for (const auto& t : r.terms) c.terms.push_back(CompileTerm(t));
    for (const auto& t : r.unless) c.unless.push_back(CompileTerm(t));
    if (!c.terms.empty()) rules_.push_back(std::move(c));
  }
}

const EmergencyDetector& EmergencyDetector::Default() {
  static const EmergencyDetector kDetector(DefaultEmergencyRules());
  return kDetector;
}

EmergencyResult EmergencyDetector::Detect(std::string_view masked_text) const {
  EmergencyResult result;
  std::vector<std::string> words, folded;
  for (auto& t : text::TokenizeWords(masked_text)) {
    if (t.kind != text::WordKind::kWord) {
      words.emplace_back();  // keeps positions; never matches a term
      folded.emplace_back();
      continue;
    }
    folded.push_back(text::AsciifyLower(t.text));
    words.push_back(std::move(t.text));
  }
  const int n = static_cast<int>(folded.size());
  for (const Compiled& rule : rules_) {
    for (int start = 0; start < n; ++start) {
      if (!Matches(rule.terms[0], folded[start], words[start])) continue;
      // Context exclusions around the first cue word.
      bool excluded = false;
      for (int j = std::max(0, start - 3); j <= std::min(n - 1, start + 3) && !excluded; ++j) {
        if (j == start) continue;
        for (const Term& u : rule.unless) {
          if (Matches(u, folded[j], words[j])) excluded = true;
        }
      }
      if (excluded) continue;
      std::string matched = words[start];
      int pos = start;
      bool ok = true;
      for (size_t t = 1; t < rule.terms.size() && ok; ++t) {
        int found = -1;
        for (int j = pos + 1; j <= std::min(n - 1, pos + rule.window); ++j) {
          if (Matches(rule.terms[t], folded[j], words[j])) {
            found = j;
            break;
          }
        }
        if (found < 0) {
          ok = false;
        } else {
          matched += " … " + words[found];
          pos = found;
        }
      }
      if (!ok) continue;
      result.emergency = true;
      const bool seen =
          std::any_of(result.cues.begin(), result.cues.end(),
                      [&](const EmergencyCue& c) { return c.category == rule.category; });
      if (!seen) result.cues.push_back({rule.category, matched});
      break;
    }
  }
  return result;
}

}  // namespace kapi::triage
