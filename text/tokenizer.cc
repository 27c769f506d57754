#include "text/tokenizer.h"

namespace kapi::text {

size_t DecodeCodePoint(std::string_view s, size_t i, char32_t* cp) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  unsigned char c = p[i];
  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  size_t len = 0;
  char32_t v = 0;
  if ((c & 0xE0) == 0xC0) {
    len = 2;
    v = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3;
    v = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4;
    v = c & 0x07;
  } else {
    *cp = 0xFFFD;
    return 1;
  }
  if (i + len > n) {
    *cp = 0xFFFD;
    return 1;
  }
  for (size_t k = 1; k < len; ++k) {
    if ((p[i + k] & 0xC0) != 0x80) {
      *cp = 0xFFFD;
      return 1;
    }
    v = (v << 6) | (p[i + k] & 0x3F);
  }
  // Overlong forms, surrogates and values past U+10FFFF are invalid: one replacement per byte,
  // so an overlong "1" can never pass for a digit.
  static constexpr char32_t kMin[5] = {0, 0, 0x80, 0x800, 0x10000};
  if (v < kMin[len] || (v >= 0xD800 && v <= 0xDFFF) || v > 0x10FFFF) {
    *cp = 0xFFFD;
    return 1;
  }
  *cp = v;
  return len;
}

bool IsUpperCodePoint(char32_t cp) {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
  if (cp < 0x100) return cp >= 0xC0 && cp <= 0xDE && cp != 0xD7;
  if (cp < 0x180) {
    if (cp == 0x130 || cp == 0x178) return true;
    if (cp == 0x131 || cp == 0x138 || cp == 0x17F) return false;
    if (cp < 0x138) return cp % 2 == 0;
    if (cp < 0x149) return cp % 2 == 1;
    if (cp < 0x178) return cp % 2 == 0;
    return cp % 2 == 1;
  }
  if (cp >= 0x391 && cp <= 0x3A9) return true;
  if (cp >= 0x400 && cp <= 0x42F) return true;
  return false;
}

bool IsLowerCodePoint(char32_t cp) {
  if (cp < 0x80) return cp >= 'a' && cp <= 'z';
  if (cp < 0x100) return cp >= 0xDF && cp != 0xF7;
  if (cp < 0x180) return !IsUpperCodePoint(cp);
  if (cp >= 0x3B1 && cp <= 0x3C9) return true;
  if (cp >= 0x430 && cp <= 0x45F) return true;
  return false;
}

bool IsLetterCodePoint(char32_t cp) {
  if (cp < 0x80) return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
  if (cp < 0xC0) return false;
  if (cp == 0xD7 || cp == 0xF7) return false;
  if (cp >= 0x2000 && cp <= 0x2BFF) return false;  // punctuation, symbols, arrows, shapes
  if (cp >= 0x3000 && cp <= 0x303F) return false;  // CJK punctuation
  if (cp >= 0xFE00 && cp <= 0xFE6F) return false;
  if (cp >= 0xFF00 && cp <= 0xFF20) return false;
  if (cp >= 0xFFF0 && cp <= 0xFFFF) return false;    // specials, U+FFFD
  if (cp >= 0x1F000 && cp <= 0x1FAFF) return false;  // emoji
  return true;
}

void AppendFoldKey(std::string_view s, std::string* out) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  // Folding never lengthens the text: write into place, then trim.
  size_t base = out->size();
  out->resize(base + n);
  char* w = out->data() + base;
  for (size_t i = 0; i < n; ++i) {
    unsigned char c = p[i];
    if (c < 0x80) {
      *w++ = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
      continue;
    }
    if (i + 1 < n) {
      unsigned char d = p[i + 1];
      char mapped = 0;
      if (c == 0xC3) {
        switch (d) {
          case 0x87:
          case 0xA7:
            mapped = 'c';
            break;  // Ç ç
          case 0x96:
          case 0xB6:
            mapped = 'o';
            break;  // Ö ö
          case 0x9C:
          case 0xBC:
            mapped = 'u';
            break;  // Ü ü
          case 0x82:
          case 0xA2:
            mapped = 'a';
            break;  // Â â
          case 0x8E:
          case 0xAE:
            mapped = 'i';
            break;  // Î î
          case 0x9B:
          case 0xBB:
            mapped = 'u';
            break;  // Û û
          default:
            break;
        }
      } else if (c == 0xC4) {
        switch (d) {
          case 0xB0:
          case 0xB1:
            mapped = 'i';
            break;  // İ ı
          case 0x9E:
          case 0x9F:
            mapped = 'g';
            break;  // Ğ ğ
          default:
            break;
        }
      } else if (c == 0xC5) {
        if (d == 0x9E || d == 0x9F) mapped = 's';  // Ş ş
      }
      if (mapped != 0) {
        *w++ = mapped;
        ++i;
        continue;
      }
    }
    *w++ = static_cast<char>(c);
  }
  out->resize(static_cast<size_t>(w - out->data()));
}

namespace {

bool IsSpaceCodePoint(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\f' || cp == '\v' || cp == 0xA0 ||
         (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0x205F || cp == 0x3000 ||
         cp == 0xFEFF;
}

bool IsApostrophe(char32_t cp) { return cp == '\'' || cp == 0x2019 || cp == 0x2018; }

}  // namespace

void Tokenize(std::string_view s, std::vector<Token>* out) {
  const size_t n = s.size();
  size_t i = 0;
  bool space = false;
  while (i < n) {
    char32_t cp;
    size_t len = DecodeCodePoint(s, i, &cp);
    if (IsSpaceCodePoint(cp)) {
      space = true;
      i += len;
      continue;
    }
    Token t;
    t.begin = static_cast<uint32_t>(i);
    t.space_before = space;
    space = false;
    if (cp == '\n') {
      t.kind = TokenKind::kNewline;
      i += len;
    } else if (cp >= '0' && cp <= '9') {  // ASCII only: DecodeCodePoint rejects overlongs
      t.kind = TokenKind::kNumber;
      while (i < n && s[i] >= '0' && s[i] <= '9') ++i;
    } else if (IsLetterCodePoint(cp)) {
      t.kind = TokenKind::kWord;
      int letters = 0;
      int uppers = 0;
      bool first_upper = IsUpperCodePoint(cp);
      while (i < n) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {  // ASCII fast path
          unsigned char lower = c | 0x20;
          if (lower < 'a' || lower > 'z') break;
          ++letters;
          uppers += c <= 'Z';
          ++i;
          continue;
        }
        size_t l = DecodeCodePoint(s, i, &cp);
        if (!IsLetterCodePoint(cp)) break;
        ++letters;
        if (IsUpperCodePoint(cp)) ++uppers;
        i += l;
      }
      t.base_end = static_cast<uint32_t>(i);
      // Apostrophe suffix: "Ahmet'in", "İstanbul’da".
      if (i < n) {
        size_t l = DecodeCodePoint(s, i, &cp);
        if (IsApostrophe(cp) && i + l < n) {
          char32_t next;
          DecodeCodePoint(s, i + l, &next);
          if (IsLetterCodePoint(next)) {
            i += l;
            while (i < n) {
              size_t l2 = DecodeCodePoint(s, i, &cp);
              if (!IsLetterCodePoint(cp)) break;
              i += l2;
            }
            t.flags |= kTokHasSuffix;
          }
        }
      }
      if (first_upper) t.flags |= kTokCapitalized;
      if (letters >= 2 && uppers == letters) t.flags |= kTokAllUpper;
      t.end = static_cast<uint32_t>(i);
      out->push_back(t);
      continue;
    } else {
      t.kind = TokenKind::kPunct;
      i += len;
    }
    t.end = static_cast<uint32_t>(i);
    t.base_end = t.end;
    out->push_back(t);
  }
}

}  // namespace kapi::text
