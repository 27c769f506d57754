#include "policy/fold.h"

#include <unicode/uchar.h>

namespace kapi::policy {

uint32_t DecodeUtf8(std::string_view s, size_t& i) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  unsigned char c = p[i];
  if (c < 0x80) {
    ++i;
    return c;
  }
  size_t len = 0;
  uint32_t cp = 0;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
    cp = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    cp = c & 0x0F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    cp = c & 0x07;
  } else {
    ++i;
    return 0xFFFD;
  }
  if (i + len > n) {
    ++i;
    return 0xFFFD;
  }
  for (size_t k = 1; k < len; ++k) {
    if ((p[i + k] & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (p[i + k] & 0x3F);
  }
  if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
      (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++i;
    return 0xFFFD;
  }
  i += len;
  return cp;
}

void AppendUtf8(uint32_t cp, std::string& out) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

uint32_t FoldedText::EndCp(size_t e) const {
  if (e == 0) return 0;
  if (e > text.size()) e = text.size();
  return cp_of_byte[e - 1] + 1;
}

namespace {

// Lower-cases (Turkish rules) and asciifies one code point; 0 means "drop".
uint32_t FoldCodePoint(uint32_t c) {
  if (c < 0x80) {
    if (c >= 'A' && c <= 'Z') return c + 32;  // 'I' -> 'ı' -> 'i'
    return c;
  }
  if (c == 0x130) return 'i';  // İ
  uint32_t l = static_cast<uint32_t>(u_tolower(static_cast<UChar32>(c)));
  switch (l) {
    case 0x131:
    case 0xEE:
    case 0xEF:
    case 0xED:
    case 0xEC:
      return 'i';
    case 0x15F:
    case 0x219:
      return 's';
    case 0x11F:
      return 'g';
    case 0xFC:
    case 0xFB:
    case 0xFA:
    case 0xF9:
      return 'u';
    case 0xF6:
    case 0xF4:
    case 0xF3:
    case 0xF2:
      return 'o';
    case 0xE7:
      return 'c';
    case 0xE2:
    case 0xE1:
    case 0xE0:
    case 0xE4:
    case 0xE3:
      return 'a';
    case 0xE9:
    case 0xE8:
    case 0xEA:
    case 0xEB:
      return 'e';
    case 0xF1:
      return 'n';
    case 0x2019:
    case 0x2018:
    case 0x2032:
    case 0xB4:
      return '\'';
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0xAB:
    case 0xBB:
      return '"';
    case 0x2013:
    case 0x2014:
    case 0x2212:
      return '-';
    case 0x2026:
      return '.';
    default:
      break;
  }
  if (u_isUWhiteSpace(static_cast<UChar32>(l))) return ' ';
  int8_t type = u_charType(static_cast<UChar32>(l));
  if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_FORMAT_CHAR) return 0;
  return l;
}

bool IsSpace(uint32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

}  // namespace

FoldedText Fold(std::string_view utf8) {
  FoldedText out;
  out.text.reserve(utf8.size());
  out.cp_of_byte.reserve(utf8.size() + 1);
  uint32_t cp_index = 0;
  uint32_t prev = 0;
  int run = 0;
  // A whitespace run is emitted lazily, as one '\n' when it held a line break, else one ' '.
  bool pending_space = false;
  bool pending_newline = false;
  uint32_t pending_cp = 0;
  size_t i = 0;
  while (i < utf8.size()) {
    uint32_t c = DecodeUtf8(utf8, i);
    uint32_t this_cp = cp_index++;
    uint32_t f = IsSpace(c) ? c : FoldCodePoint(c);
    if (f == 0) continue;
    if (IsSpace(f) || f == ' ') {
      if (!pending_space) pending_cp = this_cp;
      pending_space = true;
      pending_newline = pending_newline || f == '\n' || f == '\r';
      continue;
    }
    if (pending_space) {
      if (!out.text.empty()) {
        out.text.push_back(pending_newline ? '\n' : ' ');
        out.cp_of_byte.push_back(pending_cp);
      }
      pending_space = pending_newline = false;
      prev = ' ';
      run = 0;
    }
    if (f == prev) {
      if (++run > 2 && !(f >= '0' && f <= '9')) continue;
    } else {
      run = 1;
    }
    prev = f;
    size_t before = out.text.size();
    AppendUtf8(f, out.text);
    out.cp_of_byte.insert(out.cp_of_byte.end(), out.text.size() - before, this_cp);
  }
  out.cp_of_byte.push_back(cp_index);
  return out;
}

}  // namespace kapi::policy
