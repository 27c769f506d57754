#pragma once
// Word tokens for the classifiers: the text is Turkish-lower-cased through ICU, split into runs of
// letters and digits, and masking tags written by the personal-data engine (`[AD_SOYAD]`,
// `[TELEFON]`, `[ADRES]`, …: an upper-case ASCII/Turkish name in square brackets) are kept whole,
// verbatim, as single tokens. A suffix after an apostrophe ("İSKİ'nin") is dropped: in Turkish it
// only inflects the proper noun before it. Runs of digits become the token "#".
//
// Thread-safe; no state.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace kapi::text {

enum class WordKind { kWord, kNumber, kTag };

struct WordToken {
  std::string text;  // lower-cased word, "#" for numbers, the tag verbatim for tags
  WordKind kind = WordKind::kWord;
};

// `s` must be valid UTF-8 (invalid bytes are treated as separators).
std::vector<WordToken> TokenizeWords(std::string_view s);

// The same tokens, streamed to `sink` without building strings: the view is valid only during
// the call. TokenizeWords is this with a copy.
void ForEachWordToken(std::string_view s,
                      const std::function<void(std::string_view text, WordKind kind)>& sink);

// True when `s` is exactly a masking tag such as "[AD_SOYAD]".
bool IsMaskTag(std::string_view s);

// Replaces the Turkish letters ç ğ ı ö ş ü (lower-case) with their ASCII look-alikes.
std::string AsciifyLower(std::string_view lower_word);

}  // namespace kapi::text
