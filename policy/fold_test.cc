#include "policy/fold.h"

#include <gtest/gtest.h>

#include "policy/segmenter.h"

namespace kapi::policy {
namespace {

TEST(Fold, TurkishCapitalsFoldLikeIcuTrLocaleThenAsciify) {
  EXPECT_EQ(Fold("GİZLİ").text, "gizli");
  EXPECT_EQ(Fold("GIZLI").text, "gizli");
  EXPECT_EQ(Fold("gızlı").text, "gizli");
  EXPECT_EQ(Fold("ÇOK GİZLİ").text, "cok gizli");
  EXPECT_EQ(Fold("Şikâyet Öğrenci Ünlü").text, "sikayet ogrenci unlu");
}

TEST(Fold, CollapsesWhitespaceAndLongLetterRuns) {
  EXPECT_EQ(Fold("  çoooook   güzel \t").text, "cook guzel");
  EXPECT_EQ(Fold("a\n\n b").text, "a\nb");
  EXPECT_EQ(Fold("1000000").text, "1000000");  // digits are never cut
}

TEST(Fold, MapsFoldedBytesBackToCodePoints) {
  // "İ" is one code point (two bytes); combining dot above is dropped.
  FoldedText f = Fold("Xİ ab");
  ASSERT_EQ(f.text, "xi ab");
  EXPECT_EQ(f.StartCp(3), 3u);  // 'a'
  EXPECT_EQ(f.EndCp(5), 5u);
  FoldedText g = Fold("  ab");
  EXPECT_EQ(g.StartCp(0), 2u);
  EXPECT_EQ(g.EndCp(2), 4u);
}

TEST(Fold, InvalidUtf8BecomesReplacementCharacter) {
  FoldedText f =
      Fold(std::string("a\xff"
                       "b"));
  EXPECT_EQ(f.text,
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(f.cp_of_byte.back(), 3u);
}

TEST(Segmenter, SplitsSentencesButNotAbbreviationsOrOrdinals) {
  std::string t = Fold("Sayın Dr. Yılmaz, 3. kat onarıldı! Bilgilerinize.\nSaygılarımızla").text;
  auto s = SplitSentences(t);
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(t.substr(s[0].begin, s[0].end - s[0].begin), "sayin dr. yilmaz, 3. kat onarildi!");
  EXPECT_EQ(t.substr(s[2].begin, s[2].end - s[2].begin), "saygilarimizla");
}

TEST(Segmenter, ChunksRespectTheByteBudget) {
  std::vector<Segment> sentences = {{0, 10}, {11, 20}, {21, 40}, {41, 90}};
  auto chunks = GroupIntoChunks(sentences, 40);
  ASSERT_EQ(chunks.size(), 2u);
  EXPECT_EQ(chunks[0].end, 40u);
  EXPECT_EQ(chunks[1].begin, 41u);
}

}  // namespace
}  // namespace kapi::policy
