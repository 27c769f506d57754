#pragma once
// Internal: a tokenized text with each word's lexicon classes, shared by the word-level finders
// (person_finder, address_finder). Built once per Scan.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "privacy/lexicon.h"
#include "privacy/span.h"
#include "text/tokenizer.h"

namespace kapi::privacy {

// How the text uses capitals: names are capitalised in kMixed; kCaps and kLower texts carry no
// case signal and lean on gazetteers and context words.
enum class CaseMode : uint8_t { kMixed, kCaps, kLower };

// Lookups are lazy where they can be: in mixed-case text a lower-case word gets only its
// built-in keyword classes up front and its gazetteer classes the first time a finder asks, which
// keeps the big hash table out of the hot loop for most words. Not thread-safe (one per scan).
struct TokenView {
  std::string_view s;
  const Lexicon* lex = nullptr;
  std::vector<text::Token> tokens;
  std::vector<uint8_t> blocked;  // 1: inside a structured span, not a word-level candidate
  CaseMode mode = CaseMode::kMixed;

  // Fills everything from `s` and the structured spans already found.
  void Build(std::string_view text, const Lexicon& lex, const std::vector<Span>& structured);

  bool IsWord(size_t k) const {
    return k < tokens.size() && tokens[k].kind == text::TokenKind::kWord && !blocked[k];
  }
  bool IsPunct(size_t k, char c) const {
    return k < tokens.size() && tokens[k].kind == text::TokenKind::kPunct &&
           tokens[k].end - tokens[k].begin == 1 && s[tokens[k].begin] == c;
  }
  bool IsNewline(size_t k) const {
    return k < tokens.size() && tokens[k].kind == text::TokenKind::kNewline;
  }
  // Lexicon classes of word k's base (0 for non-words).
  uint32_t Classes(size_t k) const {
    if (!resolved_[k]) Resolve(k);
    return classes_[k];
  }
  bool Has(size_t k, uint32_t cls) const {
    if (k >= tokens.size()) return false;
    if ((cls & ~kBuiltinClasses) != 0 && !resolved_[k]) Resolve(k);
    return (classes_[k] & cls) != 0;
  }
  // Lexicon::NameScore of word k's base, cached.
  float NameScore(size_t k) const;
  bool Capitalized(size_t k) const { return (tokens[k].flags & text::kTokCapitalized) != 0; }
  bool AllUpper(size_t k) const { return (tokens[k].flags & text::kTokAllUpper) != 0; }
  // First token of the text or after . ! ? : newline, an opening quote or an @handle.
  bool SentenceInitial(size_t k) const;

 private:
  void Resolve(size_t k) const;

  mutable std::vector<uint32_t> classes_;
  mutable std::vector<uint8_t> resolved_;
  mutable std::vector<float> scores_;  // NaN until computed
};

}  // namespace kapi::privacy
