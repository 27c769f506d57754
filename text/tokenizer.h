#pragma once
// Fast, allocation-light Turkish tokenization for detectors that must run at tens of MB/s: UTF-8
// decoding without validation cost, letter-case classes for the scripts Turkish texts mix in
// (Latin-1, Latin Extended-A, Greek, Cyrillic), the detector "fold key" (Turkish lower case with
// Turkish letters mapped to ASCII) and a word/number/punctuation tokenizer that keeps byte
// offsets and splits an apostrophe suffix ("Ahmet'in" → base "Ahmet").
//
// None of these need ICU: they are approximations tuned for matching, not for display. Use
// text/turkish.h for user-visible case mapping. All functions are pure and thread-safe. Inputs
// should be valid UTF-8; invalid bytes decode as U+FFFD one byte at a time and never read past
// the end.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kapi::text {

// Decodes the code point at `s[i]` (i < s.size()); returns its length in bytes (1–4).
size_t DecodeCodePoint(std::string_view s, size_t i, char32_t* cp);

bool IsUpperCodePoint(char32_t cp);
bool IsLowerCodePoint(char32_t cp);
// Letters of any script, approximately: ASCII letters and every code point ≥ U+00C0 that is not in
// a punctuation, symbol, space or digit block.
bool IsLetterCodePoint(char32_t cp);

// Appends the fold key of `s` to `out`: ASCII upper → lower, I/İ/ı → i, Ç→c, Ğ→g, Ö→o, Ş→s, Ü→u,
// Â→a, Î→i, Û→u (either case); other bytes are copied unchanged. FoldKey("IŞIK") == "isik",
// FoldKey("Şükrü") == FoldKey("SUKRU") == "sukru". Must match tools/pii_resources.
void AppendFoldKey(std::string_view s, std::string* out);
inline std::string FoldKey(std::string_view s) {
  std::string out;
  AppendFoldKey(s, &out);
  return out;
}

enum class TokenKind : uint8_t { kWord, kNumber, kPunct, kNewline };

// Word shape flags.
inline constexpr uint8_t kTokCapitalized = 1;  // first letter is upper case
inline constexpr uint8_t kTokAllUpper = 2;     // ≥ 2 letters, all upper case
inline constexpr uint8_t kTokHasSuffix = 4;    // base_end < end: an apostrophe suffix follows

struct Token {
  uint32_t begin = 0;     // byte offset
  uint32_t end = 0;       // byte offset, one past the token (suffix included)
  uint32_t base_end = 0;  // byte offset where an apostrophe suffix starts (== end if none)
  TokenKind kind = TokenKind::kPunct;
  uint8_t flags = 0;
  bool space_before = false;  // whitespace separates it from the previous token

  std::string_view Text(std::string_view s) const { return s.substr(begin, end - begin); }
  std::string_view Base(std::string_view s) const { return s.substr(begin, base_end - begin); }
};

// Splits `s` into words (letter runs, with an apostrophe suffix kept in the same token), numbers
// (digit runs), single-character punctuation tokens and newline tokens; other whitespace only
// sets space_before. Appends to `out`. Offsets fit in 32 bits: callers must not pass ≥ 4 GiB.
void Tokenize(std::string_view s, std::vector<Token>* out);

}  // namespace kapi::text
