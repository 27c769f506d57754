#include "text/word_table.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <string>

namespace kapi::text {
namespace {

TEST(WordTableTest, FindsWhatWasInsertedAndNothingElse) {
  WordTable t;
  EXPECT_EQ(t.Find("cok"), nullptr);  // empty table: no filter yet
  t.Insert("cok", "çok");
  t.InsertIfAbsent("sikayet", "şikayet");
  ASSERT_NE(t.Find("cok"), nullptr);
  EXPECT_EQ(*t.Find("cok"), "çok");
  EXPECT_EQ(*t.Find("sikayet"), "şikayet");
  EXPECT_EQ(t.Find("co"), nullptr);
  EXPECT_EQ(t.Find("cokk"), nullptr);
  EXPECT_EQ(t.Find(""), nullptr);
  EXPECT_EQ(t.size(), 2u);
}

TEST(WordTableTest, InsertReplacesInsertIfAbsentKeeps) {
  WordTable t;
  t.InsertIfAbsent("k", "first");
  t.InsertIfAbsent("k", "second");
  EXPECT_EQ(*t.Find("k"), "first");
  t.Insert("k", "third");
  EXPECT_EQ(*t.Find("k"), "third");
  EXPECT_EQ(t.size(), 1u);
}

TEST(WordTableTest, ManyKeysAllFoundAndMissesRejected) {
  WordTable t;
  for (int i = 0; i < 50000; ++i) t.Insert("w" + std::to_string(i), std::to_string(i));
  for (int i = 0; i < 50000; ++i) {
    const std::string* v = t.Find("w" + std::to_string(i));
    ASSERT_NE(v, nullptr) << i;
    EXPECT_EQ(*v, std::to_string(i));
  }
  for (int i = 50000; i < 60000; ++i) EXPECT_EQ(t.Find("w" + std::to_string(i)), nullptr);
}

TEST(WordTableTest, TsvRoundTripIsSortedAndSkipsComments) {
  const std::string path = ::testing::TempDir() + "/word_table_test.tsv";
  WordTable t;
  t.Insert("zeytin", "Z");
  t.Insert("armut", "A");
  ASSERT_TRUE(t.SaveTsv(path, "key\tvalue — test").ok());
  std::ifstream in(path);
  std::string l1, l2, l3;
  std::getline(in, l1);
  std::getline(in, l2);
  std::getline(in, l3);
  EXPECT_EQ(l1, "# key\tvalue — test");
  EXPECT_EQ(l2, "armut\tA");
  EXPECT_EQ(l3, "zeytin\tZ");
  auto loaded = WordTable::LoadTsv(path, "test table");
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  EXPECT_EQ(loaded->size(), 2u);
  EXPECT_EQ(*loaded->Find("armut"), "A");
  std::remove(path.c_str());
}

TEST(WordTableTest, LoadErrorsNameTheTableAndTheLine) {
  auto missing = WordTable::LoadTsv("/nonexistent/x.tsv", "deasciifier table");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("deasciifier table not found"), std::string::npos);
  const std::string path = ::testing::TempDir() + "/word_table_bad.tsv";
  {
    std::ofstream out(path);
    out << "# header\nok\tyes\nnotab\n";
  }
  auto bad = WordTable::LoadTsv(path, "protected terms");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("bad protected terms line"), std::string::npos);
  EXPECT_NE(bad.status().message().find("notab"), std::string::npos);
  std::remove(path.c_str());
}

}  // namespace
}  // namespace kapi::text
