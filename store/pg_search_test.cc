#include "store/pg_search.h"

#include <gtest/gtest.h>

namespace kapi::store::pg {
namespace {

TEST(PgSearch, TokensAreUnicodeLettersAndDigits) {
  EXPECT_EQ(SearchTokens("otobüs durağı, 3. cadde—köşe!"),
            (std::vector<std::string>{"otobüs", "durağı", "3", "cadde", "köşe"}));
  EXPECT_EQ(SearchTokens("e-posta_adresi «tırnak» ok…"),
            (std::vector<std::string>{"e", "posta", "adresi", "tırnak", "ok"}));
  EXPECT_TRUE(SearchTokens(" ,;!? ").empty());
}

TEST(PgSearch, LexemesAreNormalizedAndUnique) {
  EXPECT_EQ(SearchLexemes("IŞIK ışık İSTANBUL"), "istanbul ışık");
  EXPECT_EQ(SearchLexemes(""), "");
}

TEST(PgSearch, QueryIsQuotedPrefixAnd) {
  EXPECT_EQ(BuildTsQuery("Otobüs  DURAĞI"), "'otobüs':* & 'durağı':*");
  EXPECT_EQ(BuildTsQuery("ışık ışık"), "'ışık':*");
  EXPECT_EQ(BuildTsQuery("\"'\\ & | ! :*"), "");
}

TEST(PgSearch, LongTokensAreCutAtACharacterBoundary) {
  std::string word;
  for (int i = 0; i < 1500; ++i) word += "ş";  // 2 bytes each
  auto tokens = SearchTokens(word);
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_EQ(tokens[0].size(), 2000u);
}

}  // namespace
}  // namespace kapi::store::pg
