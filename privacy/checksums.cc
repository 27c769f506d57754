#include "privacy/checksums.h"

#include <array>
#include <cstdint>
#include <utility>

namespace kapi::privacy {
namespace {

struct IbanCountry {
  char code[3];
  int length;
};

// ISO 13616 registry (SWIFT IBAN registry), the countries in use.
constexpr IbanCountry kIbanCountries[] = {
    {"AD", 24}, {"AE", 23}, {"AL", 28}, {"AT", 20}, {"AZ", 28}, {"BA", 20}, {"BE", 16}, {"BG", 22},
    {"BH", 22}, {"BR", 29}, {"BY", 28}, {"CH", 21}, {"CR", 22}, {"CY", 28}, {"CZ", 24}, {"DE", 22},
    {"DK", 18}, {"DO", 28}, {"EE", 20}, {"EG", 29}, {"ES", 24}, {"FI", 18}, {"FO", 18}, {"FR", 27},
    {"GB", 22}, {"GE", 22}, {"GI", 23}, {"GL", 18}, {"GR", 27}, {"GT", 28}, {"HR", 21}, {"HU", 28},
    {"IE", 22}, {"IL", 23}, {"IQ", 23}, {"IS", 26}, {"IT", 27}, {"JO", 30}, {"KW", 30}, {"KZ", 20},
    {"LB", 28}, {"LC", 32}, {"LI", 21}, {"LT", 20}, {"LU", 20}, {"LV", 21}, {"LY", 25}, {"MC", 27},
    {"MD", 24}, {"ME", 22}, {"MK", 19}, {"MR", 27}, {"MT", 31}, {"MU", 30}, {"NL", 18}, {"NO", 15},
    {"PK", 24}, {"PL", 28}, {"PS", 29}, {"PT", 25}, {"QA", 29}, {"RO", 24}, {"RS", 22}, {"SA", 24},
    {"SC", 31}, {"SE", 24}, {"SI", 19}, {"SK", 24}, {"SM", 27}, {"ST", 25}, {"SV", 28}, {"TL", 23},
    {"TN", 24}, {"TR", 26}, {"UA", 29}, {"VA", 22}, {"VG", 24}, {"XK", 20},
};

int Digit(char c) { return c - '0'; }

bool AllDigits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// Remainder mod 97 of the IBAN rearranged (first four characters moved to the end, letters as
// 10..35). Returns -1 on a character that is neither digit nor upper-case letter.
int IbanMod97(std::string_view compact) {
  uint32_t rem = 0;
  auto feed = [&rem](char c) -> bool {
    if (c >= '0' && c <= '9') {
      rem = (rem * 10 + static_cast<uint32_t>(c - '0')) % 97;
    } else if (c >= 'A' && c <= 'Z') {
      uint32_t v = static_cast<uint32_t>(c - 'A' + 10);
      rem = (rem * 100 + v) % 97;
    } else {
      return false;
    }
    return true;
  };
  for (size_t i = 4; i < compact.size(); ++i) {
    if (!feed(compact[i])) return -1;
  }
  for (size_t i = 0; i < 4 && i < compact.size(); ++i) {
    if (!feed(compact[i])) return -1;
  }
  return static_cast<int>(rem);
}

}  // namespace

bool IsValidTckn(std::string_view d) {
  if (d.size() != 11 || !AllDigits(d) || d[0] == '0') return false;
  int odd = Digit(d[0]) + Digit(d[2]) + Digit(d[4]) + Digit(d[6]) + Digit(d[8]);
  int even = Digit(d[1]) + Digit(d[3]) + Digit(d[5]) + Digit(d[7]);
  int d10 = ((odd * 7 - even) % 10 + 10) % 10;
  if (d10 != Digit(d[9])) return false;
  int sum = 0;
  for (int i = 0; i < 10; ++i) sum += Digit(d[i]);
  return sum % 10 == Digit(d[10]);
}

bool IsValidVkn(std::string_view d) {
  if (d.size() != 10 || !AllDigits(d)) return false;
  int total = 0;
  for (int i = 0; i < 9; ++i) {
    int tmp = (Digit(d[i]) + 9 - i) % 10;
    int tmp2 = (tmp * (1 << (9 - i))) % 9;
    if (tmp != 0 && tmp2 == 0) tmp2 = 9;
    total += tmp2;
  }
  return (10 - total % 10) % 10 == Digit(d[9]);
}

bool LuhnValid(std::string_view d) {
  if (d.size() < 2 || !AllDigits(d)) return false;
  int sum = 0;
  bool dbl = false;
  for (size_t i = d.size(); i-- > 0;) {
    int v = Digit(d[i]);
    if (dbl) {
      v *= 2;
      if (v > 9) v -= 9;
    }
    sum += v;
    dbl = !dbl;
  }
  return sum % 10 == 0;
}

int IbanLength(std::string_view country) {
  for (const auto& c : kIbanCountries) {
    if (country == std::string_view(c.code, 2)) return c.length;
  }
  return 0;
}

bool IsValidIban(std::string_view s) {
  if (s.size() < 15 || s.size() > 34) return false;
  if (s[0] < 'A' || s[0] > 'Z' || s[1] < 'A' || s[1] > 'Z') return false;
  if (s[2] < '0' || s[2] > '9' || s[3] < '0' || s[3] > '9') return false;
  int len = IbanLength(s.substr(0, 2));
  if (len == 0 || static_cast<size_t>(len) != s.size()) return false;
  if (s.substr(0, 2) == "TR" && !AllDigits(s.substr(4))) return false;
  return IbanMod97(s) == 1;
}

std::string CompleteTckn(std::string_view nine) {
  std::string d(nine);
  int odd = Digit(d[0]) + Digit(d[2]) + Digit(d[4]) + Digit(d[6]) + Digit(d[8]);
  int even = Digit(d[1]) + Digit(d[3]) + Digit(d[5]) + Digit(d[7]);
  d.push_back(static_cast<char>('0' + ((odd * 7 - even) % 10 + 10) % 10));
  int sum = 0;
  for (int i = 0; i < 10; ++i) sum += Digit(d[i]);
  d.push_back(static_cast<char>('0' + sum % 10));
  return d;
}

std::string CompleteVkn(std::string_view nine) {
  std::string d(nine);
  int total = 0;
  for (int i = 0; i < 9; ++i) {
    int tmp = (Digit(d[i]) + 9 - i) % 10;
    int tmp2 = (tmp * (1 << (9 - i))) % 9;
    if (tmp != 0 && tmp2 == 0) tmp2 = 9;
    total += tmp2;
  }
  d.push_back(static_cast<char>('0' + (10 - total % 10) % 10));
  return d;
}

std::string CompleteLuhn(std::string_view digits) {
  std::string d(digits);
  for (char c = '0'; c <= '9'; ++c) {
    d.push_back(c);
    if (LuhnValid(d)) return d;
    d.pop_back();
  }
  return d;
}

std::string CompleteIban(std::string_view country, std::string_view bban) {
  std::string s(country);
  s += "00";
  s += bban;
  int rem = IbanMod97(s);
  int check = 98 - rem;
  s[2] = static_cast<char>('0' + check / 10);
  s[3] = static_cast<char>('0' + check % 10);
  return s;
}

}  // namespace kapi::privacy
