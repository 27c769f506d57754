#include "text/turkish.h"

#include <gtest/gtest.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

namespace kapi::text {
namespace {

TEST(Turkish, LowerCasesDottedAndDotlessI) {
  EXPECT_EQ(ToLowerTr("İSTANBUL"), "istanbul");
  EXPECT_EQ(ToLowerTr("IŞIK"), "ışık");
  EXPECT_EQ(ToLowerTr("Iğdır"), "ığdır");
  // The ASCII/Latin-1/Turkish fast path and the ICU path agree (the emoji sends the second
  // string through ICU).
  EXPECT_EQ(ToLowerTr("IŞIK İÇİN ÇÖĞÜŞ Âlem ÀÉ×ß ¿? 12"), "ışık için çöğüş âlem àé×ß ¿? 12");
  EXPECT_EQ(ToLowerTr("IŞIK İÇİN ÇÖĞÜŞ Âlem ÀÉ×ß ¿? 12 \xF0\x9F\x98\x80"),
            "ışık için çöğüş âlem àé×ß ¿? 12 \xF0\x9F\x98\x80");
  EXPECT_EQ(ToLowerTr("I\xCC\x87STANBUL"), "istanbul");  // I + combining dot: ICU path
}

// Every code point U+0001–U+024F, alone and between capitals, lower-cased by ToLowerTr (which
// takes a fast path for ASCII, Latin-1 and the Turkish letters) equals ICU's Turkish lower-casing.
TEST(Turkish, LowerCasingMatchesIcuForEveryLatinCodePoint) {
  const icu::Locale tr("tr", "TR");
  for (UChar32 cp = 1; cp <= 0x24F; ++cp) {
    icu::UnicodeString u;
    u.append(cp);
    std::string one;
    u.toUTF8String(one);
    for (const std::string& s : {one, "AI" + one + "İZ"}) {
      icu::UnicodeString expected = icu::UnicodeString::fromUTF8(s);
      expected.toLower(tr);
      std::string want;
      expected.toUTF8String(want);
      EXPECT_EQ(ToLowerTr(s), want) << "U+" << std::hex << cp;
    }
  }
}

TEST(Turkish, UpperCasesDottedAndDotlessI) {
  EXPECT_EQ(ToUpperTr("istanbul"), "İSTANBUL");
  EXPECT_EQ(ToUpperTr("ışık"), "IŞIK");
}

TEST(Turkish, ComposesToNfc) {
  // "ş" as s + combining cedilla becomes one code point.
  EXPECT_EQ(Nfc("s\xCC\xA7"), "ş");
}

TEST(Turkish, SearchFormFoldsCaseAndSpaceButKeepsLetters) {
  EXPECT_EQ(NormalizeForSearch("  İSTANBUL\n\tIşık  "), "istanbul ışık");
  EXPECT_NE(NormalizeForSearch("Işık"), NormalizeForSearch("isik"));
  EXPECT_EQ(NormalizeForSearch("Işık"), NormalizeForSearch("IŞIK"));
}

}  // namespace
}  // namespace kapi::text
