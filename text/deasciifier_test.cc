#include "text/deasciifier.h"

#include <filesystem>

#include <gtest/gtest.h>

#include "text/stemmer.h"

namespace kapi::text {
namespace {

TEST(Deasciifier, LearnsDominantTurkishSpelling) {
  Deasciifier::Builder b;
  for (int i = 0; i < 5; ++i) b.Add("Çok güzel şikayet");
  b.Add("cok guzel");
  Deasciifier d = b.Build(/*min_count=*/3, /*dominance=*/4.0);
  EXPECT_EQ(d.Fix("cok"), "çok");
  EXPECT_EQ(d.Fix("sikayet"), "şikayet");
  EXPECT_EQ(d.Fix("şikayet"), "şikayet");
  EXPECT_EQ(d.Fix("bilinmeyen"), "bilinmeyen");
}

TEST(Deasciifier, LeavesAsciiWordsThatAreCommonThemselves) {
  Deasciifier::Builder b;
  for (int i = 0; i < 5; ++i) b.Add("süs sus sus");
  Deasciifier d = b.Build(3, 4.0);
  EXPECT_EQ(d.Fix("sus"), "sus");
}

TEST(Deasciifier, RoundTripsThroughTsv) {
  Deasciifier d;
  d.Insert("cok", "çok");
  auto path = std::filesystem::temp_directory_path() / "kapi_deasc_test.tsv";
  ASSERT_TRUE(d.SaveTsv(path.string()).ok());
  auto loaded = Deasciifier::LoadTsv(path.string());
  ASSERT_TRUE(loaded.ok());
  EXPECT_EQ(loaded->Fix("cok"), "çok");
  std::filesystem::remove(path);
  EXPECT_FALSE(Deasciifier::LoadTsv(path.string()).ok());
}

TEST(Stemmer, StripsTurkishInflection) {
  EXPECT_EQ(StemTr("otobüsler"), "otobüs");
  EXPECT_EQ(StemTr(""), "");
}

}  // namespace
}  // namespace kapi::text
