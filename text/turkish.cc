#include "text/turkish.h"

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

namespace kapi::text {
namespace {

const icu::Locale& TurkishLocale() {
  static const icu::Locale kTr("tr", "TR");
  return kTr;
}

icu::UnicodeString ToNfc(std::string_view s) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), s.size()));
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(err);
  if (U_FAILURE(err)) return u;
  icu::UnicodeString out = nfc->normalize(u, err);
  return U_FAILURE(err) ? u : out;
}

std::string ToUtf8(const icu::UnicodeString& u) {
  std::string out;
  u.toUTF8String(out);
  return out;
}

}  // namespace

std::string Nfc(std::string_view s) { return ToUtf8(ToNfc(s)); }

namespace {

// Turkish lower-casing without ICU for text made only of ASCII, Latin-1 (U+0080–U+00FF) and
// Ğ ğ İ ı Ş ş — nearly all Turkish text. Those are NFC already (no combining marks can occur),
// so the result equals ICU's. False (and `out` unspecified) for anything else.
bool FastLowerTr(std::string_view s, std::string* out) {
  out->clear();
  out->reserve(s.size() + 4);
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (c == 'I') {
        out->append("\xC4\xB1");  // ı
      } else {
        out->push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 0x20) : static_cast<char>(c));
      }
      continue;
    }
    if (i + 1 >= s.size()) return false;
    const auto d = static_cast<unsigned char>(s[i + 1]);
    if ((d & 0xC0) != 0x80) return false;
    if (c == 0xC2) {  // U+0080–U+00BF: no case
      out->push_back(static_cast<char>(c));
      out->push_back(static_cast<char>(d));
    } else if (c == 0xC3) {  // U+00C0–U+00FF: capitals U+00C0–U+00DE (not ×) are +0x20
      out->push_back(static_cast<char>(c));
      out->push_back(static_cast<char>(d <= 0x9E && d != 0x97 ? d + 0x20 : d));
    } else if (c == 0xC4 && (d == 0x9E || d == 0x9F)) {  // Ğ ğ
      out->append("\xC4\x9F");
    } else if (c == 0xC4 && d == 0xB0) {  // İ → i
      out->push_back('i');
    } else if (c == 0xC4 && d == 0xB1) {  // ı
      out->append("\xC4\xB1");
    } else if (c == 0xC5 && (d == 0x9E || d == 0x9F)) {  // Ş ş
      out->append("\xC5\x9F");
    } else {
      return false;
    }
    ++i;
  }
  return true;
}

}  // namespace

std::string ToLowerTr(std::string_view s) {
  std::string fast;
  if (FastLowerTr(s, &fast)) return fast;
  icu::UnicodeString u = ToNfc(s);
  u.toLower(TurkishLocale());
  return ToUtf8(u);
}

std::string ToUpperTr(std::string_view s) {
  icu::UnicodeString u = ToNfc(s);
  u.toUpper(TurkishLocale());
  return ToUtf8(u);
}

std::string NormalizeForSearch(std::string_view s) {
  icu::UnicodeString u = ToNfc(s);
  u.toLower(TurkishLocale());
  icu::UnicodeString folded;
  bool pending_space = false;
  for (int32_t i = 0; i < u.length();) {
    UChar32 c = u.char32At(i);
    i += U16_LENGTH(c);
    if (u_isUWhiteSpace(c)) {
      pending_space = !folded.isEmpty();
      continue;
    }
    if (pending_space) folded.append(static_cast<UChar>(' '));
    pending_space = false;
    folded.append(c);
  }
  return ToUtf8(folded);
}

}  // namespace kapi::text
