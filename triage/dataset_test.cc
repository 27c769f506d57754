#include "triage/dataset.h"

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

namespace kapi::triage {
namespace {

namespace fs = std::filesystem;

TEST(Dataset, ReadsCsvWithQuotedMultilineFields) {
  const fs::path p = fs::temp_directory_path() / "kapi_dataset_test.csv";
  std::ofstream(p) << "id,text,birim\n1,\"çöp, alınmadı\",Temizlik\n2,\"satır\niki "
                      "\"\"tırnak\"\"\",Ulaşım\n3,,Boş\n";
  auto r = LoadExamples(p.string(), "text", "birim");
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(r->examples.size(), 2u);
  EXPECT_EQ(r->examples[0].text, "çöp, alınmadı");
  EXPECT_EQ(r->examples[1].text, "satır\niki \"tırnak\"");
  EXPECT_EQ(r->examples[1].label, "Ulaşım");
  EXPECT_EQ(r->skipped, 1u);
  fs::remove(p);
}

TEST(Dataset, ReadsJsonlAndReportsBadLines) {
  const fs::path p = fs::temp_directory_path() / "kapi_dataset_test.jsonl";
  std::ofstream(p) << R"({"id": "a", "text": "metin", "severity": 2})"
                   << "\n";
  auto r = LoadExamples(p.string(), "text", "severity");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->examples[0].label, "2");
  std::ofstream(p, std::ios::app) << "not json\n";
  EXPECT_FALSE(LoadExamples(p.string(), "text", "severity").ok());
  fs::remove(p);
  EXPECT_EQ(LoadExamples(p.string()).status().code(), StatusCode::kNotFound);
}

TEST(Dataset, LabelOrderAndStratifiedFolds) {
  std::vector<Example> ex = {{"1", "a", "y"}, {"2", "b", "x"}, {"3", "c", "z"}, {"4", "d", "x"}};
  LabeledSet s = ToLabeledSet(ex, {"z"});
  EXPECT_EQ(s.labels, (std::vector<std::string>{"z", "x", "y"}));
  EXPECT_EQ(s.y, (std::vector<int>{2, 1, 0, 1}));
  std::vector<int> y(100);
  for (int i = 0; i < 100; ++i) y[i] = i % 4;
  auto f1 = StratifiedFolds(y, 5, 3);
  EXPECT_EQ(f1, StratifiedFolds(y, 5, 3));
  std::vector<int> per_fold_class0(5, 0);
  for (int i = 0; i < 100; ++i) {
    if (y[i] == 0) ++per_fold_class0[f1[i]];
  }
  for (int c : per_fold_class0) EXPECT_EQ(c, 5);
}

}  // namespace
}  // namespace kapi::triage
