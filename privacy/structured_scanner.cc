#include "privacy/structured_scanner.h"

#include <arpa/inet.h>

#include <array>
#include <cstring>
#include <initializer_list>
#include <string>

#include "privacy/checksums.h"
#include "text/tokenizer.h"

namespace kapi::privacy {
namespace {

constexpr bool IsD(char c) { return c >= '0' && c <= '9'; }
constexpr bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
inline bool IsLowerA(char c) { return c >= 'a' && c <= 'z'; }
inline bool IsAlpha(char c) { return IsUpper(c) || IsLowerA(c); }
inline bool IsAlnum(char c) { return IsD(c) || IsAlpha(c); }
inline bool IsHex(char c) { return IsD(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
inline char Up(char c) { return IsLowerA(c) ? static_cast<char>(c - 32) : c; }

// Trigger bytes: where a structured value can start.
constexpr std::array<bool, 256> MakeTriggers() {
  std::array<bool, 256> t{};
  for (int c = '0'; c <= '9'; ++c) t[c] = true;
  t['+'] = t['('] = t[':'] = true;
  return t;
}
constexpr std::array<bool, 256> kTrigger = MakeTriggers();

// Turkish geographic area codes (0 + three digits), 850 excluded (corporate numbers).
constexpr int kAreaCodes[] = {212, 216, 222, 224, 226, 228, 232, 236, 242, 246, 248, 252, 256, 258,
                              262, 264, 266, 272, 274, 276, 282, 284, 286, 288, 312, 318, 322, 324,
                              326, 328, 332, 338, 342, 344, 346, 348, 352, 354, 356, 358, 362, 364,
                              366, 368, 370, 372, 374, 376, 378, 380, 382, 384, 386, 388, 412, 414,
                              416, 422, 424, 426, 428, 432, 434, 436, 438, 442, 446, 452, 454, 456,
                              458, 462, 464, 466, 472, 474, 476, 478, 482, 484, 486, 488};

constexpr std::array<uint8_t, 1000> MakeCodeTable() {
  std::array<uint8_t, 1000> t{};
  for (int c : kAreaCodes) t[c] = 2;
  // Mobile: 50x, 51x, 53x, 54x, 55x, 56x.
  for (int c = 500; c < 570; ++c) {
    if (c / 10 != 52) t[c] = 1;
  }
  return t;
}
constexpr std::array<uint8_t, 1000> kPhoneCodes = MakeCodeTable();

// True when the fold of s[from, to) contains one of `keys`. `from` moves to a code-point start.
bool ContextHas(std::string_view s, size_t from, size_t to,
                std::initializer_list<const char*> keys) {
  if (to > s.size()) to = s.size();
  while (from < to && (static_cast<unsigned char>(s[from]) & 0xC0) == 0x80) ++from;
  if (from >= to) return false;
  std::string folded;
  folded.reserve(to - from);
  text::AppendFoldKey(s.substr(from, to - from), &folded);
  for (const char* k : keys) {
    if (folded.find(k) != std::string::npos) return true;
  }
  return false;
}

size_t Back(size_t i, size_t n) { return i > n ? i - n : 0; }

struct Candidate {
  EntityType type;
  size_t begin = 0;
  size_t end = 0;  // 0: no match
};

struct Group {
  uint32_t b, e;
};

// Digit groups for phone numbers: groups of digits, each optionally opened by '(' and closed by
// ')', separated by up to 3 characters of spaces with at most one of "-./".
int ParsePhoneGroups(std::string_view s, size_t p, Group* g, int max) {
  const size_t n = s.size();
  int k = 0;
  while (k < max) {
    size_t q = p;
    if (q < n && s[q] == '(') ++q;
    if (q >= n || !IsD(s[q])) break;
    size_t b = q;
    while (q < n && IsD(s[q])) ++q;
    g[k++] = {static_cast<uint32_t>(b), static_cast<uint32_t>(q)};
    if (q - b > 13) break;
    size_t r = q;
    if (r < n && s[r] == ')') ++r;
    int nonspace = 0;
    while (r < n && r - q < 4) {
      char c = s[r];
      if (c == ' ') {
        ++r;
      } else if ((c == '-' || c == '.' || c == '/') && nonspace == 0) {
        ++nonspace;
        ++r;
      } else {
        break;
      }
    }
    if (r == q || r >= n || !(IsD(s[r]) || s[r] == '(')) break;
    p = r;
  }
  return k;
}

Candidate MatchPhone(std::string_view s, size_t i) {
  Candidate c{EntityType::kPhone};
  size_t p = i;
  bool plus = false;
  if (s[p] == '+') {
    plus = true;
    ++p;
    if (p < s.size() && s[p] == ' ') ++p;
  }
  if (p >= s.size()) return c;
  Group g[8];
  int k = ParsePhoneGroups(s, p, g, 8);
  if (k == 0) return c;
  char digits[32];
  int cum[8];
  int nd = 0;
  int used = 0;
  for (int j = 0; j < k; ++j) {
    for (uint32_t q = g[j].b; q < g[j].e && nd < 31; ++q) digits[nd++] = s[q];
    cum[j] = nd;
    used = j + 1;
    if (nd > 16) break;
  }
  int prefix = 0;
  bool cc = false;
  bool trunk = false;
  auto starts = [&](const char* lit) {
    int len = static_cast<int>(std::strlen(lit));
    return nd >= len && std::memcmp(digits, lit, len) == 0;
  };
  if (plus) {
    if (!starts("90")) return c;
    prefix = 2;
    cc = true;
  } else if (starts("0090")) {
    prefix = 4;
    cc = true;
  } else if (starts("90") && (cum[0] == 2 || cum[0] == 12)) {
    prefix = 2;
    cc = true;
  }
  if (prefix < nd && digits[prefix] == '0') {
    ++prefix;
    trunk = true;
  }
  int last = -1;
  for (int j = 0; j < used; ++j) {
    if (cum[j] == prefix + 10) {
      last = j;
      break;
    }
    if (cum[j] > prefix + 10) return c;
  }
  if (last < 0) return c;
  for (int j = 0; j < last; ++j) {
    int off = cum[j] - prefix;
    if (off <= 0) continue;
    if (off != 3 && off != 5 && off != 6 && off != 7 && off != 8) return c;
  }
  int code =
      (digits[prefix] - '0') * 100 + (digits[prefix + 1] - '0') * 10 + (digits[prefix + 2] - '0');
  uint8_t kind = kPhoneCodes[code];
  if (kind == 0) return c;
  if (!cc && !trunk) {
    bool grouped = last > 0 || s[i] == '(';
    if (kind == 2 && !grouped) return c;
  }
  c.begin = i;
  c.end = g[last].e;
  return c;
}

// 13–19 digit card numbers, contiguous or in groups split by one consistent ' ' or '-'.
Candidate MatchCard(std::string_view s, size_t i) {
  Candidate c{EntityType::kCard};
  const size_t n = s.size();
  Group g[6];
  int k = 0;
  char sep = 0;
  size_t p = i;
  while (k < 6) {
    size_t b = p;
    while (p < n && IsD(s[p])) ++p;
    g[k++] = {static_cast<uint32_t>(b), static_cast<uint32_t>(p)};
    if (p - b > 19) return c;
    if (p + 1 < n && (s[p] == ' ' || s[p] == '-') && IsD(s[p + 1]) && (sep == 0 || sep == s[p])) {
      sep = s[p];
      ++p;
    } else {
      break;
    }
  }
  char digits[40];
  int nd = 0;
  size_t best_end = 0;
  for (int j = 0; j < k; ++j) {
    int len = static_cast<int>(g[j].e - g[j].b);
    if (nd + len > 19) break;
    std::memcpy(digits + nd, s.data() + g[j].b, len);
    nd += len;
    if (nd < 13) continue;
    // Group shapes: one run; 4-4-4-4(-3); 4-4-4-1..4; 4-6-4/5.
    bool shape = j == 0 && nd >= 15;  // one run: 13–14 digit runs are mostly order numbers
    if (j > 0) {
      bool fours = true;
      for (int q = 0; q < j; ++q) fours &= (g[q].e - g[q].b) == 4;
      bool amex = j == 2 && g[0].e - g[0].b == 4 && g[1].e - g[1].b == 6;
      // After 4-4-4-4 only a 3-digit group makes a 19-digit card; "… 9891 26 senedir" is not.
      if (fours && j == 4 && len != 3) fours = false;
      shape = fours || amex;
    }
    if (!shape) continue;
    std::string_view d(digits, nd);
    bool iin = (d[0] >= '3' && d[0] <= '6') || d.starts_with("9792") ||
               (d[0] == '2' && d.substr(0, 4) >= "2221" && d.substr(0, 4) <= "2720");
    if (iin && LuhnValid(d)) best_end = g[j].e;
  }
  if (best_end) {
    c.begin = i;
    c.end = best_end;
  }
  return c;
}

// A run of exactly `len` digits at i (i is a run start).
bool RunOf(std::string_view s, size_t i, size_t len) {
  if (i + len > s.size()) return false;
  for (size_t q = i; q < i + len; ++q) {
    if (!IsD(s[q])) return false;
  }
  return i + len == s.size() || !IsD(s[i + len]);
}

Candidate MatchTckn(std::string_view s, size_t i) {
  Candidate c{EntityType::kTckn};
  if (!RunOf(s, i, 11) || !IsValidTckn(s.substr(i, 11))) return c;
  if (s[i] == '9' && s[i + 1] == '9') c.type = EntityType::kYkn;
  c.begin = i;
  c.end = i + 11;
  return c;
}

Candidate MatchVkn(std::string_view s, size_t i) {
  Candidate c{EntityType::kVkn};
  if (!RunOf(s, i, 10) || !IsValidVkn(s.substr(i, 10))) return c;
  if (!ContextHas(s, Back(i, 48), i, {"vergi", "vkn", "v.k.n", "vd:", "v.d.", "vd.", "v.d:"}) &&
      !ContextHas(s, i + 10, i + 32, {"vergi", "vkn"})) {
    return c;
  }
  c.begin = i;
  c.end = i + 10;
  return c;
}

// IBAN whose check digits start at i; the country code is at i-2 (or i-3 with a space).
Candidate MatchIban(std::string_view s, size_t i) {
  Candidate c{EntityType::kIban};
  const size_t n = s.size();
  size_t b;
  if (i >= 2 && IsAlpha(s[i - 1]) && IsAlpha(s[i - 2])) {
    b = i - 2;
  } else if (i >= 3 && s[i - 1] == ' ' && IsAlpha(s[i - 2]) && IsAlpha(s[i - 3])) {
    b = i - 3;
  } else {
    return c;
  }
  char country[2] = {Up(s[b]), Up(s[b + 1])};
  int len = IbanLength(std::string_view(country, 2));
  if (len == 0) return c;
  char compact[40];
  compact[0] = country[0];
  compact[1] = country[1];
  int nc = 2;
  size_t p = i;
  size_t end = 0;
  while (p < n && nc < len) {
    if (IsAlnum(s[p])) {
      compact[nc++] = Up(s[p]);
      end = ++p;
    } else if (s[p] == ' ' && nc >= 4 && p + 1 < n && IsAlnum(s[p + 1])) {
      ++p;
    } else {
      break;
    }
  }
  if (nc != len) return c;
  if (end < n && IsAlnum(s[end])) return c;
  if (!IsValidIban(std::string_view(compact, nc))) return c;
  c.begin = b;
  c.end = end;
  return c;
}

// Value of the digits s[b, e); saturates at 10^9 so long digit runs cannot overflow.
int ParseInt(std::string_view s, size_t b, size_t e) {
  int v = 0;
  for (size_t q = b; q < e; ++q) {
    if (v >= 100000000) return 1000000000;
    v = v * 10 + (s[q] - '0');
  }
  return v;
}

size_t DigitsAt(std::string_view s, size_t p) {
  size_t q = p;
  while (q < s.size() && IsD(s[q])) ++q;
  return q - p;
}

// IPv4 a.b.c.d (no leading zeros, each ≤ 255), not part of a longer dotted number.
Candidate MatchIpv4(std::string_view s, size_t i) {
  Candidate c{EntityType::kIp};
  const size_t n = s.size();
  size_t p = i;
  for (int part = 0; part < 4; ++part) {
    size_t len = DigitsAt(s, p);
    if (len == 0 || len > 3) return c;
    if (len > 1 && s[p] == '0') return c;
    if (ParseInt(s, p, p + len) > 255) return c;
    p += len;
    if (part < 3) {
      if (p >= n || s[p] != '.') return c;
      ++p;
    }
  }
  if (p + 1 < n && s[p] == '.' && IsD(s[p + 1])) return c;
  if (p < n && IsAlpha(s[p])) return c;
  c.begin = i;
  c.end = p;
  return c;
}

// Whether the dotted digits in [b, e) are grouped 3-3-2-2, like "312.444.55.66".
bool PhoneLayout(std::string_view s, size_t b, size_t e) {
  static constexpr size_t kGroups[] = {3, 3, 2, 2};
  size_t g = 0;
  size_t p = b;
  while (p < e && g < 4) {
    size_t len = DigitsAt(s, p);
    if (len != kGroups[g]) return false;
    p += len + 1;
    ++g;
  }
  return g == 4;
}

Candidate MatchIpv6(std::string_view s, size_t b) {
  Candidate c{EntityType::kIp};
  const size_t n = s.size();
  if (b > 0 && (IsAlnum(s[b - 1]) || s[b - 1] == ':')) return c;
  size_t p = b;
  int colons = 0;
  while (p < n && p - b < 45 && (IsHex(s[p]) || s[p] == ':' || s[p] == '.')) {
    if (s[p] == ':') ++colons;
    ++p;
  }
  while (p > b && (s[p - 1] == '.' || (s[p - 1] == ':' && !(p - b >= 2 && s[p - 2] == ':')))) {
    --p;
  }
  if (colons < 2 || p - b < 3) return c;
  if (p < n && IsAlnum(s[p])) return c;
  char buf[48];
  std::memcpy(buf, s.data() + b, p - b);
  buf[p - b] = 0;
  unsigned char out[16];
  if (inet_pton(AF_INET6, buf, out) != 1) return c;
  c.begin = b;
  c.end = p;
  return c;
}

bool ValidDate(int d, int m, int y) {
  return d >= 1 && d <= 31 && m >= 1 && m <= 12 && y >= 1900 && y <= 2035;
}

// Numeric (12.03.1985, 12/3/1985, 1985-03-12, 12.03.85) or with a month name (12 Mart 1985).
Candidate MatchDate(std::string_view s, size_t i, const Lexicon* lex) {
  Candidate c{EntityType::kBirthdate};
  const size_t n = s.size();
  size_t l1 = DigitsAt(s, i);
  size_t p = i + l1;
  if (p >= n) return c;
  if (l1 == 4) {
    char sep = s[p];
    if (sep != '-' && sep != '.' && sep != '/') return c;
    size_t l2 = DigitsAt(s, p + 1);
    if (l2 < 1 || l2 > 2) return c;
    size_t q = p + 1 + l2;
    if (q >= n || s[q] != sep) return c;
    size_t l3 = DigitsAt(s, q + 1);
    if (l3 < 1 || l3 > 2) return c;
    if (!ValidDate(ParseInt(s, q + 1, q + 1 + l3), ParseInt(s, p + 1, p + 1 + l2),
                   ParseInt(s, i, i + 4))) {
      return c;
    }
    c.begin = i;
    c.end = q + 1 + l3;
    return c;
  }
  if (l1 < 1 || l1 > 2) return c;
  int day = ParseInt(s, i, p);
  char sep = s[p];
  if (sep == '.' || sep == '/' || sep == '-') {
    size_t l2 = DigitsAt(s, p + 1);
    if (l2 < 1 || l2 > 2) return c;
    size_t q = p + 1 + l2;
    if (q >= n || s[q] != sep) return c;
    size_t l3 = DigitsAt(s, q + 1);
    int year = ParseInt(s, q + 1, q + 1 + l3);
    if (l3 == 2) {
      year += 1900;
      if (year < 1925) year += 100;
    } else if (l3 != 4) {
      return c;
    }
    if (!ValidDate(day, ParseInt(s, p + 1, p + 1 + l2), year)) return c;
    c.begin = i;
    c.end = q + 1 + l3;
    return c;
  }
  if (sep != ' ') return c;
  size_t w = p;
  while (w < n && s[w] == ' ') ++w;
  size_t we = w;
  while (we < n && (IsAlpha(s[we]) || (static_cast<unsigned char>(s[we]) >= 0x80 &&
                                       static_cast<unsigned char>(s[we]) != 0xE2))) {
    ++we;
  }
  if (we == w || we - w > 16) return c;
  std::string key = text::FoldKey(s.substr(w, we - w));
  bool month = lex != nullptr ? (lex->Lookup(key) & kWcMonth) != 0 : false;
  if (!month) return c;
  size_t q = we;
  if (q < n && s[q] == '.') ++q;
  while (q < n && s[q] == ' ') ++q;
  size_t l3 = DigitsAt(s, q);
  if (l3 != 4 || (q + 4 < n && IsD(s[q + 4]))) return c;
  if (day < 1 || day > 31) return c;
  int year = ParseInt(s, q, q + 4);
  if (year < 1900 || year > 2035) return c;
  c.begin = i;
  c.end = q + 4;
  return c;
}

bool BirthContext(std::string_view s, size_t from, size_t b, size_t e) {
  if (ContextHas(s, from, b,
                 {"dogum", "d.t", "d. t.", "dt:", "dt.", "dt ", "dogdu", "d.tar", "dog.tar",
                  "dog. tar", "birth", "dob"})) {
    return true;
  }
  return ContextHas(s, e, e + 40, {"dogumlu", "dogdu", "dogum", "tarihinde dunyaya"});
}

constexpr bool PlateLetter(char c) { return IsUpper(c) && c != 'Q' && c != 'W' && c != 'X'; }

bool IsDotlessI(std::string_view s, size_t p) {
  return p + 1 < s.size() && static_cast<unsigned char>(s[p]) == 0xC4 &&
         static_cast<unsigned char>(s[p + 1]) == 0xB1;
}

Candidate MatchPlate(std::string_view s, size_t i, const Lexicon* lex) {
  Candidate c{EntityType::kPlate};
  const size_t n = s.size();
  if (!RunOf(s, i, 2)) return c;
  int province = ParseInt(s, i, i + 2);
  if (province < 1 || province > 81) return c;
  size_t p = i + 2;
  if (p < n && (s[p] == ' ' || s[p] == '-')) ++p;
  bool lower = false;
  bool upper = false;
  size_t nl = 0;
  char letters[4];  // the letters in upper case, for the word check below
  while (p < n && nl < 4) {
    if (IsAlpha(s[p])) {
      lower |= IsLowerA(s[p]);
      upper |= IsUpper(s[p]);
      if (!PlateLetter(Up(s[p]))) return c;
      letters[nl] = Up(s[p]);
      ++p;
    } else if (IsDotlessI(s, p)) {
      lower = true;  // "ı" is the lower case of the plate letter I in Turkish text ("34 ıb 61")
      letters[nl] = 'I';
      p += 2;
    } else {
      break;
    }
    ++nl;
  }
  if (nl < 1 || nl > 3) return c;
  if (p < n && static_cast<unsigned char>(s[p]) >= 0x80) return c;  // a Turkish letter follows
  if (lower && upper) return c;  // mixed case is a word or a code, not a plate
  if (p < n && (s[p] == ' ' || s[p] == '-')) ++p;
  size_t nd = DigitsAt(s, p);
  size_t de = p + nd;
  bool ok = (nl == 1 && (nd == 4 || nd == 5)) || (nl == 2 && (nd == 3 || nd == 4)) ||
            (nl == 3 && (nd == 2 || nd == 3));
  if (!ok) return c;
  if (de < n && (IsAlpha(s[de]) || static_cast<unsigned char>(s[de]) >= 0xC0)) return c;
  if (de + 1 < n && (s[de] == '.' || s[de] == ',') && IsD(s[de + 1])) return c;
  bool wordlike = false;
  if (nl >= 2) {
    std::string key = text::FoldKey(std::string_view(letters, nl));
    static constexpr const char* kUnits[] = {"tl",  "km",  "kg",  "gb",  "mb",   "cm", "mm", "ml",
                                             "ytl", "usd", "eur", "try", "adet", "kb", "tb"};
    for (const char* u : kUnits) wordlike |= key == u;
    if (lex != nullptr && (lex->Lookup(key) & kWcCommon) != 0) wordlike = true;
  }
  if (lower || wordlike) {
    if (!ContextHas(s, Back(i, 40), i, {"plaka", "arac", "otomobil"}) &&
        !ContextHas(s, de, de + 24, {"plaka"})) {
      return c;
    }
  }
  c.begin = i;
  c.end = de;
  return c;
}

// Passport: 1–2 upper-case letters glued before the digits (U12345678) or digits alone, with
// "pasaport" near.
Candidate MatchPassport(std::string_view s, size_t i) {
  Candidate c{EntityType::kPassport};
  size_t b = i;
  while (b > 0 && i - b < 2 && IsAlpha(s[b - 1])) --b;
  if (b > 0 && IsAlpha(s[b - 1])) return c;
  size_t nd = DigitsAt(s, i);
  if (b < i ? (nd < 6 || nd > 9) : (nd < 7 || nd > 9)) return c;
  size_t e = i + nd;
  if (e < s.size() && IsAlpha(s[e])) return c;
  if (!ContextHas(s, Back(b, 48), b, {"pasaport", "passport"})) return c;
  c.begin = b;
  c.end = e;
  return c;
}

// Length of the letter code point starting at s[i] when it is a non-ASCII letter (İ, ş, …), else 0.
size_t UnicodeLetterAt(std::string_view s, size_t i) {
  if (static_cast<unsigned char>(s[i]) < 0xC0) return 0;
  char32_t cp;
  size_t len = text::DecodeCodePoint(s, i, &cp);
  return len > 1 && text::IsLetterCodePoint(cp) ? len : 0;
}

// Length of the non-ASCII letter code point ending just before s[i], else 0.
size_t UnicodeLetterBefore(std::string_view s, size_t i) {
  size_t b = i;
  while (b > 0 && i - b < 4 && (static_cast<unsigned char>(s[b - 1]) & 0xC0) == 0x80) --b;
  if (b == 0 || b == i) return 0;
  --b;
  size_t len = UnicodeLetterAt(s, b);
  return b + len == i ? len : 0;
}

void FindEmails(std::string_view s, std::vector<Span>* out) {
  const size_t n = s.size();
  auto local = [](char ch) {
    return IsAlnum(ch) || ch == '.' || ch == '_' || ch == '%' || ch == '+' || ch == '-';
  };
  auto domain = [](char ch) { return IsAlnum(ch) || ch == '.' || ch == '-'; };
  size_t pos = 0;
  size_t last_end = 0;
  while (pos < n) {
    const void* hit = std::memchr(s.data() + pos, '@', n - pos);
    if (hit == nullptr) break;
    size_t at = static_cast<const char*>(hit) - s.data();
    pos = at + 1;
    size_t b = at;
    while (b > last_end && at - b < 64) {
      if (local(s[b - 1])) {
        --b;
      } else if (size_t l = UnicodeLetterBefore(s, b); l != 0 && b - l >= last_end) {
        b -= l;
      } else {
        break;
      }
    }
    while (b < at && (s[b] == '.' || s[b] == '-' || s[b] == '+')) ++b;
    if (b == at) continue;
    size_t e = at + 1;
    while (e < n && e - at < 255) {
      if (domain(s[e])) {
        ++e;
      } else if (size_t l = UnicodeLetterAt(s, e); l != 0) {
        e += l;
      } else {
        break;
      }
    }
    while (e > at + 1 && (s[e - 1] == '.' || s[e - 1] == '-')) --e;
    size_t dot = s.rfind('.', e - 1);
    if (dot == std::string_view::npos || dot <= at + 1 || e - dot - 1 < 2) continue;
    bool tld_alpha = true;
    for (size_t q = dot + 1; q < e; ++q) {
      tld_alpha &= IsAlpha(s[q]) || static_cast<unsigned char>(s[q]) >= 0x80;
    }
    if (!tld_alpha || s[at + 1] == '.' || s[at + 1] == '-') continue;
    out->push_back({EntityType::kEmail, static_cast<uint32_t>(b), static_cast<uint32_t>(e),
                    static_cast<uint32_t>(e)});
    last_end = e;
    pos = e;
  }
}

}  // namespace

void StructuredScanner::Scan(std::string_view s, std::vector<Span>* out) const {
  const size_t n = s.size();
  std::vector<Span> emails;
  FindEmails(s, &emails);
  size_t next_email = 0;
  size_t last_end = 0;       // end of the last emitted span
  size_t last_date_end = 0;  // end of the last date-shaped text (birth context stops there)
  auto emit = [&](EntityType t, size_t b, size_t e) {
    while (next_email < emails.size() && emails[next_email].begin < e) {
      out->push_back(emails[next_email++]);
    }
    out->push_back(
        {t, static_cast<uint32_t>(b), static_cast<uint32_t>(e), static_cast<uint32_t>(e)});
    last_end = e;
  };
  const auto* u = reinterpret_cast<const unsigned char*>(s.data());
  size_t i = 0;
  while (i < n) {
    if (!kTrigger[u[i]]) {
      ++i;
      continue;
    }
    if (next_email < emails.size() && i >= emails[next_email].begin) {
      const Span& em = emails[next_email++];
      out->push_back(em);
      last_end = em.end;
      i = em.end;
      continue;
    }
    char ch = s[i];
    if (ch == '+' || ch == '(') {
      Candidate c = MatchPhone(s, i);
      if (c.end != 0 && (next_email >= emails.size() || c.end <= emails[next_email].begin)) {
        emit(c.type, c.begin, c.end);
        i = c.end;
      } else {
        ++i;
      }
      continue;
    }
    if (ch == ':') {
      if (i > 0 && IsHex(s[i - 1])) {
        size_t b = i;
        while (b > last_end && IsHex(s[b - 1])) --b;
        if (i - b <= 4 && (b == 0 || !IsAlnum(s[b - 1]))) {
          Candidate c = MatchIpv6(s, b);
          if (c.end != 0) {
            emit(c.type, c.begin, c.end);
            i = c.end;
            continue;
          }
        }
      }
      ++i;
      continue;
    }
    // A digit. Only run starts are tried.
    size_t run_end = i;
    while (run_end < n && IsD(s[run_end])) ++run_end;
    if (i > 0 && IsD(s[i - 1])) {
      i = run_end;
      continue;
    }
    // A group continuing a number that was not an entity ("1.250.000", "12-34-56") is skipped.
    if (i >= 2 && (s[i - 1] == '.' || s[i - 1] == '-' || s[i - 1] == ',' || s[i - 1] == '/') &&
        IsD(s[i - 2]) && i - 1 > last_end) {
      i = run_end;
      continue;
    }
    // Digits glued to an upper-case code ("MNG5511193292", "SP1234…") are a reference number;
    // only "TC12345678901" is a known identity prefix.
    size_t code_len = 0;
    while (code_len < i && code_len < 5 && IsUpper(s[i - 1 - code_len])) ++code_len;
    bool code_prefix = code_len >= 2 && code_len <= 4 &&
                       (code_len == i || !IsAlpha(s[i - 1 - code_len])) &&
                       !(code_len == 2 && s[i - 2] == 'T' && s[i - 1] == 'C');
    Candidate best{EntityType::kTckn};
    auto consider = [&](const Candidate& c) {
      if (c.end == 0 || c.begin < last_end) return;
      if (code_prefix && c.begin == i && c.type != EntityType::kPlate) return;
      if (next_email < emails.size() && c.end > emails[next_email].begin) return;
      if (best.end == 0 || c.end - c.begin > best.end - best.begin) best = c;
    };
    // Order is the tie-break: earlier wins between equal lengths.
    consider(MatchIban(s, i));
    consider(MatchTckn(s, i));
    consider(MatchVkn(s, i));
    consider(MatchCard(s, i));
    Candidate phone = MatchPhone(s, i);
    Candidate ipv4 = MatchIpv4(s, i);
    // "212.67.151.42" reads as a grouped landline too: a dotted quad is an IP address unless
    // its groups are laid out like a phone number (3-3-2-2).
    if (ipv4.end != 0 && phone.begin == ipv4.begin && phone.end == ipv4.end &&
        !PhoneLayout(s, ipv4.begin, ipv4.end)) {
      phone.end = 0;
    }
    consider(phone);
    consider(ipv4);
    consider(MatchIpv6(s, i));
    Candidate date = MatchDate(s, i, lexicon_);
    if (date.end != 0) {
      size_t from = std::max(Back(i, 64), last_date_end);
      bool birth = BirthContext(s, from, date.begin, date.end);
      last_date_end = date.end;
      if (birth) consider(date);
    }
    consider(MatchPlate(s, i, lexicon_));
    consider(MatchPassport(s, i));
    if (best.end != 0) {
      emit(best.type, best.begin, best.end);
      i = best.end;
    } else {
      i = run_end;
    }
  }
  while (next_email < emails.size()) out->push_back(emails[next_email++]);
}

}  // namespace kapi::privacy
