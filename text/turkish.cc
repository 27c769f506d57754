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

std::string ToLowerTr(std::string_view s) {
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
