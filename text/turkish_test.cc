#include "text/turkish.h"

#include <gtest/gtest.h>

namespace kapi::text {
namespace {

TEST(Turkish, LowerCasesDottedAndDotlessI) {
  EXPECT_EQ(ToLowerTr("İSTANBUL"), "istanbul");
  EXPECT_EQ(ToLowerTr("IŞIK"), "ışık");
  EXPECT_EQ(ToLowerTr("Iğdır"), "ığdır");
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
