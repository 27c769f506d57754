#include "triage/emergency.h"

#include <algorithm>

#include "text/word_tokens.h"

namespace kapi::triage {
namespace {

bool IsAscii(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// Alternatives are at least two bytes ("su"); a one-byte word gets its byte and 0.
uint16_t PrefixKey(std::string_view s) {
  if (s.empty()) return 0;
  const auto a = static_cast<unsigned char>(s[0]);
  const auto b = s.size() > 1 ? static_cast<unsigned char>(s[1]) : 0;
  return static_cast<uint16_t>(a << 8 | b);
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
    if (c.terms.empty()) continue;
    const auto index = static_cast<uint16_t>(rules_.size());
    for (const Alt& a : c.terms[0]) {
      const uint16_t key = PrefixKey(a.text);
      prefix_bits_[key >> 6] |= uint64_t{1} << (key & 63);
      auto& list = by_prefix_[key];
      if (list.empty() || list.back() != index) list.push_back(index);
    }
    rules_.push_back(std::move(c));
  }
}

const EmergencyDetector& EmergencyDetector::Default() {
  static const EmergencyDetector kDetector(DefaultEmergencyRules());
  return kDetector;
}

EmergencyResult EmergencyDetector::Detect(std::string_view masked_text) const {
  std::vector<std::string> words;
  for (auto& t : text::TokenizeWords(masked_text)) words.push_back(std::move(t.text));
  return DetectWords(words);
}

EmergencyResult EmergencyDetector::DetectWords(const std::vector<std::string>& lower_words) const {
  std::vector<std::string> folded;
  folded.reserve(lower_words.size());
  for (const auto& w : lower_words) folded.push_back(text::AsciifyLower(w));
  return DetectWords(std::vector<std::string_view>(lower_words.begin(), lower_words.end()),
                     std::vector<std::string_view>(folded.begin(), folded.end()));
}

EmergencyResult EmergencyDetector::DetectWords(const std::vector<std::string_view>& words,
                                               const std::vector<std::string_view>& folded) const {
  EmergencyResult result;
  auto skip = [&](size_t i) {  // tags and numbers never match a term
    return i >= folded.size() || words[i].empty() || words[i][0] == '[' || words[i] == "#";
  };
  const int n = static_cast<int>(std::min(words.size(), folded.size()));
  thread_local std::vector<char> done;
  done.assign(rules_.size(), 0);
  auto try_rule = [&](uint16_t ri, int start) {
    if (done[ri]) return;
    const Compiled& rule = rules_[ri];
    if (!Matches(rule.terms[0], folded[start], words[start])) return;
    // (start is never a skipped word: the caller checks.)
    // Context exclusions around the first cue word.
    for (int j = std::max(0, start - 3); j <= std::min(n - 1, start + 3); ++j) {
      if (j == start) continue;
      if (skip(j)) continue;
      for (const Term& u : rule.unless) {
        if (Matches(u, folded[j], words[j])) return;
      }
    }
    std::string matched(words[start]);
    int pos = start;
    for (size_t t = 1; t < rule.terms.size(); ++t) {
      int found = -1;
      for (int j = pos + 1; j <= std::min(n - 1, pos + rule.window); ++j) {
        if (!skip(j) && Matches(rule.terms[t], folded[j], words[j])) {
          found = j;
          break;
        }
      }
      if (found < 0) return;
      matched += " … ";
      matched += words[found];
      pos = found;
    }
    done[ri] = 1;
    result.emergency = true;
    const bool seen =
        std::any_of(result.cues.begin(), result.cues.end(),
                    [&](const EmergencyCue& c) { return c.category == rule.category; });
    if (!seen) result.cues.push_back({rule.category, matched});
  };
  for (int start = 0; start < n; ++start) {
    if (skip(start)) continue;
    const uint16_t kf = PrefixKey(folded[start]);
    const uint16_t kw = PrefixKey(words[start]);
    if (!HasPrefix(kf) && (kw == kf || !HasPrefix(kw))) continue;
    if (auto it = by_prefix_.find(kf); it != by_prefix_.end()) {
      for (uint16_t ri : it->second) try_rule(ri, start);
    }
    if (kw != kf) {
      if (auto it = by_prefix_.find(kw); it != by_prefix_.end()) {
        for (uint16_t ri : it->second) try_rule(ri, start);
      }
    }
  }
  return result;
}

}  // namespace kapi::triage
