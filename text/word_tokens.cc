#include "text/word_tokens.h"

#include <unicode/uchar.h>

#include "text/turkish.h"

namespace kapi::text {
namespace {

// Decodes one code point at `i`; returns U+FFFD and advances one byte on malformed input.
char32_t DecodeAt(std::string_view s, size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  int len = (b0 >> 5) == 0x6 ? 2 : (b0 >> 4) == 0xE ? 3 : (b0 >> 3) == 0x1E ? 4 : 0;
  if (len == 0 || i + len > s.size()) {
    ++i;
    return 0xFFFD;
  }
  char32_t cp = b0 & (0x7F >> len);
  for (int k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  i += len;
  return cp;
}

bool IsWordChar(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  if (c == 0xFFFD) return false;
  return u_isalnum(static_cast<UChar32>(c)) || u_getCombiningClass(static_cast<UChar32>(c)) != 0;
}

bool IsApostrophe(char32_t c) { return c == '\'' || c == 0x2019 || c == 0x2018 || c == 0x60; }

bool IsTagChar(char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'; }

// Length of a mask tag starting at s[i] == '[', or 0.
size_t TagLength(std::string_view s, size_t i) {
  if (s[i] != '[') return 0;
  size_t j = i + 1;
  while (j < s.size() && j - i <= 40) {
    if (s[j] == ']') return j > i + 1 && s[i + 1] != '_' ? j - i + 1 : 0;
    // Turkish capitals as two-byte UTF-8 (Ç Ğ İ Ö Ş Ü) are allowed in tag names.
    if (IsTagChar(s[j])) {
      ++j;
    } else if (j + 1 < s.size() && (static_cast<unsigned char>(s[j]) == 0xC3 ||
                                    static_cast<unsigned char>(s[j]) == 0xC4 ||
                                    static_cast<unsigned char>(s[j]) == 0xC5)) {
      j += 2;
    } else {
      return 0;
    }
  }
  return 0;
}

using Sink = std::function<void(std::string_view, WordKind)>;

void SplitWords(std::string_view lower, const Sink& out) {
  size_t i = 0;
  size_t last_word_end = std::string_view::npos;
  bool after_apostrophe = false;
  while (i < lower.size()) {
    size_t start = i;
    char32_t c = DecodeAt(lower, i);
    if (!IsWordChar(c)) {
      after_apostrophe = IsApostrophe(c) && last_word_end == start;
      continue;
    }
    size_t end = i;
    bool digits_only = c < 0x80 && c >= '0' && c <= '9';
    while (i < lower.size()) {
      size_t before = i;
      char32_t d = DecodeAt(lower, i);
      if (!IsWordChar(d)) {
        i = before;
        break;
      }
      digits_only = digits_only && d >= '0' && d <= '9';
      end = i;
    }
    last_word_end = end;
    if (after_apostrophe) {  // "iski'nin": the suffix carries no topic
      after_apostrophe = false;
      continue;
    }
    if (digits_only) {
      out("#", WordKind::kNumber);
    } else {
      out(lower.substr(start, end - start), WordKind::kWord);
    }
  }
}

}  // namespace

bool IsMaskTag(std::string_view s) { return !s.empty() && TagLength(s, 0) == s.size(); }

std::vector<WordToken> TokenizeWords(std::string_view s) {
  std::vector<WordToken> out;
  out.reserve(s.size() / 6 + 4);
  ForEachWordToken(s, [&](std::string_view text, WordKind kind) {
    out.push_back({std::string(text), kind});
  });
  return out;
}

void ForEachWordToken(std::string_view s, const Sink& out) {
  size_t segment_start = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '[') continue;
    size_t len = TagLength(s, i);
    if (len == 0) continue;
    if (i > segment_start) SplitWords(ToLowerTr(s.substr(segment_start, i - segment_start)), out);
    out(s.substr(i, len), WordKind::kTag);
    i += len - 1;
    segment_start = i + 1;
  }
  if (segment_start < s.size()) SplitWords(ToLowerTr(s.substr(segment_start)), out);
}

std::string AsciifyLower(std::string_view w) {
  std::string out;
  out.reserve(w.size());
  for (size_t i = 0; i < w.size();) {
    size_t start = i;
    char32_t c = DecodeAt(w, i);
    switch (c) {
      case U'ç':
        out.push_back('c');
        break;
      case U'ğ':
        out.push_back('g');
        break;
      case U'ı':
        out.push_back('i');
        break;
      case U'ö':
        out.push_back('o');
        break;
      case U'ş':
        out.push_back('s');
        break;
      case U'ü':
        out.push_back('u');
        break;
      default:
        out.append(w.substr(start, i - start));
    }
  }
  return out;
}

}  // namespace kapi::text
