#include "text/tokenizer.h"

#include <gtest/gtest.h>

namespace kapi::text {
namespace {

TEST(FoldKey, MapsTurkishLettersAndCaseToAscii) {
  EXPECT_EQ(FoldKey("Şükrü"), "sukru");
  EXPECT_EQ(FoldKey("ŞÜKRÜ"), "sukru");
  EXPECT_EQ(FoldKey("IŞIK"), "isik");
  EXPECT_EQ(FoldKey("İstanbul"), "istanbul");
  EXPECT_EQ(FoldKey("Çağrı Öğüt"), "cagri ogut");
  EXPECT_EQ(FoldKey("Âlem"), "alem");
}

TEST(FoldKey, KeepsOtherBytes) { EXPECT_EQ(FoldKey("Ñandú-1"), "Ñandú-1"); }

TEST(CodePointClasses, KnowTurkishCase) {
  EXPECT_TRUE(IsUpperCodePoint(U'İ'));
  EXPECT_TRUE(IsLowerCodePoint(U'ı'));
  EXPECT_TRUE(IsUpperCodePoint(U'Ş'));
  EXPECT_TRUE(IsLowerCodePoint(U'ğ'));
  EXPECT_TRUE(IsUpperCodePoint(U'Д'));
  EXPECT_TRUE(IsLetterCodePoint(U'ж'));
  EXPECT_FALSE(IsLetterCodePoint(U'’'));
  EXPECT_FALSE(IsLetterCodePoint(U'😀'));
}

TEST(Tokenize, SplitsWordsNumbersAndPunctuationWithByteOffsets) {
  std::string s = "Ahmet'in telefonu:0532 123.";
  std::vector<Token> t;
  Tokenize(s, &t);
  ASSERT_EQ(t.size(), 6u);
  EXPECT_EQ(t[0].Text(s), "Ahmet'in");
  EXPECT_EQ(t[0].Base(s), "Ahmet");
  EXPECT_TRUE(t[0].flags & kTokHasSuffix);
  EXPECT_TRUE(t[0].flags & kTokCapitalized);
  EXPECT_EQ(t[1].Text(s), "telefonu");
  EXPECT_TRUE(t[1].space_before);
  EXPECT_EQ(t[2].kind, TokenKind::kPunct);
  EXPECT_EQ(t[3].Text(s), "0532");
  EXPECT_EQ(t[3].kind, TokenKind::kNumber);
  EXPECT_FALSE(t[3].space_before);
  EXPECT_EQ(t[4].Text(s), "123");
  EXPECT_EQ(t[5].Text(s), ".");
}

TEST(Tokenize, MarksAllCapsAndNewlines) {
  std::string s = "SAYIN İLGİLİ\nçağrı";
  std::vector<Token> t;
  Tokenize(s, &t);
  ASSERT_EQ(t.size(), 4u);
  EXPECT_TRUE(t[1].flags & kTokAllUpper);
  EXPECT_EQ(t[2].kind, TokenKind::kNewline);
  EXPECT_EQ(t[3].Text(s), "çağrı");
  EXPECT_FALSE(t[3].flags & kTokCapitalized);
}

TEST(Tokenize, OverlongDigitIsNotANumber) {
  // Found by the fuzzer: C0 B1 is an overlong "1"; it must not start a (zero-length) number.
  std::string s = "Y\xC0\xB1lt 05950";
  std::vector<Token> t;
  Tokenize(s, &t);
  ASSERT_LT(t.size(), 10u);
  for (const auto& tok : t) EXPECT_LT(tok.begin, tok.end);
  char32_t cp;
  EXPECT_EQ(DecodeCodePoint(s, 1, &cp), 1u);
  EXPECT_EQ(cp, 0xFFFDu);
}

TEST(Tokenize, SurvivesInvalidUtf8) {
  std::string s = "a\xC3";
  s += "\xFF\xE2\x82";
  std::vector<Token> t;
  Tokenize(s, &t);
  for (const auto& tok : t) {
    EXPECT_LE(tok.end, s.size());
    EXPECT_LE(tok.begin, tok.end);
  }
}

}  // namespace
}  // namespace kapi::text
