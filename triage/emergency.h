#pragma once
// Emergency flag: does a (masked) text describe something that needs 112 now — fire, gas smell,
// flood, violence, a medical emergency, risk of suicide, a child in danger, a collapse or a
// serious accident? There is no labelled data, so this is a lexicon with Turkish morphology
// (stems matched as word prefixes, so "yangın/yangında/yangını", "bayıldı/bayılıyor") and context
// rules (multi-word cues within a small window, and exclusions for known false friends such as
// "sokak lambası yanıyor" or "yangın merdiveni"). Matching is on lower-cased words with Turkish
// letters folded to ASCII, so text typed without Turkish letters matches too.
//
// Policy: a missed emergency is worse than a false alarm, so cues are broad and exclusions narrow;
// the officer sees "yönlendir: 112" and decides. Immutable; Detect() is thread-safe.

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace kapi::triage {

struct EmergencyCue {
  std::string category;  // yangın, gaz, sel, şiddet, sağlık, intihar, çocuk, yapı, kaza
  std::string matched;   // the words that matched, as written (lower-cased)
};

struct EmergencyResult {
  bool emergency = false;
  std::vector<EmergencyCue> cues;
};

// One lexicon rule: every term must match a word, in order, each within `window` words of the
// previous one. A term is alternatives "a|b*|c": "yangin*" matches words starting with "yangin",
// "sel" only the word "sel". ASCII alternatives match the ASCII-folded word ("yangin" matches
// "yangın" and "yangin"); alternatives with Turkish letters match the word as written ("öldü"
// must not match "oldu"). A rule is cancelled when a word within 3 of its first match matches
// one of the `unless` terms.
struct EmergencyRule {
  std::string category;
  std::vector<std::string> terms;
  int window = 3;
  std::vector<std::string> unless;
};

class EmergencyDetector {
 public:
  explicit EmergencyDetector(std::vector<EmergencyRule> rules);
  // The built-in Turkish lexicon (emergency_lexicon.cc).
  static const EmergencyDetector& Default();

  EmergencyResult Detect(std::string_view masked_text) const;
  // The same on words already lower-cased by text::TokenizeWords (mask tags are skipped).
  EmergencyResult DetectWords(const std::vector<std::string>& lower_words) const;
  // The same with the ASCII-folded words (text::AsciifyLower of each) already computed.
  EmergencyResult DetectWords(const std::vector<std::string_view>& lower_words,
                              const std::vector<std::string_view>& folded_words) const;

  // The action text shown to the officer for a flagged text.
  static constexpr std::string_view kAction = "yönlendir: 112";

 private:
  struct Alt {
    std::string text;
    bool prefix = false;  // ends with '*'
    bool ascii = true;    // matched against the folded word
  };
  using Term = std::vector<Alt>;
  struct Compiled {
    std::string category;
    std::vector<Term> terms;
    int window;
    std::vector<Term> unless;
  };
  static Term CompileTerm(std::string_view term);
  static bool Matches(const Term& term, std::string_view folded, std::string_view word);

  std::vector<Compiled> rules_;
  // First two bytes of every first-term alternative → rules, so a word is only checked against
  // the few rules that can start on it.
  std::unordered_map<uint16_t, std::vector<uint16_t>> by_prefix_;
  // Bit per prefix key present in by_prefix_: most words start no rule, and this answers that
  // from 8 KiB without a hash lookup.
  std::vector<uint64_t> prefix_bits_ = std::vector<uint64_t>(65536 / 64, 0);
  bool HasPrefix(uint16_t key) const { return (prefix_bits_[key >> 6] >> (key & 63)) & 1; }
};

std::vector<EmergencyRule> DefaultEmergencyRules();

}  // namespace kapi::triage
