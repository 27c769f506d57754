#include "triage/train_eval.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "triage/engine.h"

namespace kapi::triage {
namespace {

namespace fs = std::filesystem;

// An institution retrains the topic model on its own history with one command from a CSV export.
TEST(TrainEval, RetrainsTopicFromAnInstitutionsCsvExport) {
  const fs::path dir = fs::temp_directory_path() / "kapi_train_eval_test";
  fs::remove_all(dir);
  fs::create_directories(dir);
  {
    std::ofstream csv(dir / "gecmis.csv");
    csv << "id,metin,birim\n";
    const char* rows[][2] = {{"Yol çukur dolu, asfalt bozuk", "Fen İşleri"},
                             {"Kaldırım kırık, yürünmüyor", "Fen İşleri"},
                             {"Asfalt yaması yapılmadı", "Fen İşleri"},
                             {"Yolda büyük çukur var", "Fen İşleri"},
                             {"Nikah salonu randevusu alamadım", "Yazı İşleri"},
                             {"Evrak teslimi için sıra çok uzun", "Yazı İşleri"},
                             {"Dilekçeme cevap verilmedi", "Yazı İşleri"},
                             {"Belge onayı gecikti", "Yazı İşleri"}};
    int i = 0;
    for (const auto& r : rows) csv << ++i << ",\"" << r[0] << "\"," << r[1] << "\n";
  }
  TrainEvalOptions o = DefaultOptions("topic", "");
  o.data = (dir / "gecmis.csv").string();
  o.text_field = "metin";
  o.label_field = "birim";
  o.models_dir = (dir / "models").string();
  o.linear.folds = 2;
  std::ostringstream out, err;
  ASSERT_EQ(RunTrain(o, out, err), 0) << err.str();
  EXPECT_NE(out.str().find("topic@lin-"), std::string::npos);
  auto engine = LoadEngine(o.models_dir);
  ASSERT_TRUE(engine.ok()) << engine.status().message();
  EXPECT_EQ((*engine)->topic_model().labels(),
            (std::vector<std::string>{"Fen İşleri", "Yazı İşleri"}));
  TriageResult r = (*engine)->Triage("asfalt çukur");
  ASSERT_EQ(r.topic.size(), 2u);  // only the institution's own units
  EXPECT_EQ(r.topic[0].label, "Fen İşleri");

  // `kapi eval` on the same export prints the report parts the issue asks for.
  std::ostringstream report;
  ASSERT_EQ(RunEval(o, report, err), 0) << err.str();
  for (const char* part : {"macro-F1", "95% CI", "precision", "recall", "confusion"}) {
    EXPECT_NE(report.str().find(part), std::string::npos) << part;
  }
  fs::remove_all(dir);
}

TEST(TrainEval, ReportsMissingDataAsAnError) {
  TrainEvalOptions o = DefaultOptions("topic", "");
  o.data = "/nonexistent/export.csv";
  std::ostringstream out, err;
  EXPECT_EQ(RunTrain(o, out, err), 2);
  EXPECT_NE(err.str().find("hata"), std::string::npos);
}

}  // namespace
}  // namespace kapi::triage
