#include "text/word_tokens.h"

#include <gtest/gtest.h>

namespace kapi::text {
namespace {

std::vector<std::string> Texts(std::string_view s) {
  std::vector<std::string> out;
  for (const auto& t : TokenizeWords(s)) out.push_back(t.text);
  return out;
}

TEST(WordTokens, LowerCasesTheTurkishWay) {
  EXPECT_EQ(Texts("IŞIK İSTANBUL"), (std::vector<std::string>{"ışık", "istanbul"}));
}

TEST(WordTokens, KeepsMaskTagsWhole) {
  auto toks = TokenizeWords("Ben [AD_SOYAD], tel [TELEFON] adres:[ADRES].");
  ASSERT_EQ(toks.size(), 6u);
  EXPECT_EQ(toks[1].text, "[AD_SOYAD]");
  EXPECT_EQ(toks[1].kind, WordKind::kTag);
  EXPECT_EQ(toks[3].text, "[TELEFON]");
  EXPECT_EQ(toks[5].text, "[ADRES]");
  EXPECT_TRUE(IsMaskTag("[KİMLİK_NO]"));
  EXPECT_FALSE(IsMaskTag("[abc]"));
  EXPECT_FALSE(IsMaskTag("[]"));
}

TEST(WordTokens, DropsSuffixAfterApostropheAndFoldsNumbers) {
  EXPECT_EQ(Texts("İSKİ'nin 580 numaralı 'otobüs'"),
            (std::vector<std::string>{"iski", "#", "numaralı", "otobüs"}));
}

TEST(WordTokens, HandlesEmptyAndPunctuationOnly) {
  EXPECT_TRUE(TokenizeWords("").empty());
  EXPECT_TRUE(TokenizeWords(" ... !!! [").empty());
}

TEST(WordTokens, AsciifiesTurkishLetters) { EXPECT_EQ(AsciifyLower("çığöşü"), "cigosu"); }

}  // namespace
}  // namespace kapi::text
