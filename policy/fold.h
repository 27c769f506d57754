#pragma once
// The folded form of a text that every policy detector (lexicons, classifiers) reads, with a map
// back to code-point offsets of the original so findings can cite exact spans.
//
// Folding, per code point of the (NFC or not) input:
//   - Turkish lower case: 'I' -> 'ı', 'İ' -> 'i' (what ICU's "tr" locale does), everything else
//     through ICU's u_tolower;
//   - asciification of Turkish and common Latin letters: ı->i ş->s ğ->g ü->u ö->o ç->c â->a
//     î->i û->u (so "GİZLİ", "GIZLI", "gizli" and "gızlı" all fold to "gizli", and texts written
//     without Turkish letters match the same lexicon entries);
//   - combining marks dropped; a whitespace run becomes one '\n' if it held a line break, else one
//     ' ' (none at the start or end); runs of more than two identical letters are cut to two
//     ("çoooook" -> "cook").
// Invalid UTF-8 bytes fold to U+FFFD. Pure function; thread-safe.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kapi::policy {

struct FoldedText {
  std::string text;  // folded UTF-8 (ASCII for Turkish prose)
  // cp_of_byte[b] is the code point index, in the original, of the character that produced
  // folded byte b; cp_of_byte[text.size()] is the original's code point count.
  std::vector<uint32_t> cp_of_byte;
  // Original code point [start, end) covering folded bytes [b, e).
  uint32_t StartCp(size_t b) const { return cp_of_byte[b]; }
  uint32_t EndCp(size_t e) const;
};

FoldedText Fold(std::string_view utf8);

// Decodes one code point at `i` (advancing it); invalid sequences yield U+FFFD and advance one
// byte.
uint32_t DecodeUtf8(std::string_view s, size_t& i);
void AppendUtf8(uint32_t cp, std::string& out);

}  // namespace kapi::policy
