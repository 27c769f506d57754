#include "triage/engine.h"

#include <sstream>
#include <thread>

#include <gtest/gtest.h>

#include "triage/test_util.h"
#include "triage/triage_command.h"

namespace kapi::triage {
namespace {

TEST(Engine, TriagesMaskedTextIntoTheContractShape) {
  const std::string dir = testing::WriteTinyModels("engine");
  ASSERT_FALSE(dir.empty());
  auto engine = LoadEngine(dir);
  ASSERT_TRUE(engine.ok()) << engine.status().message();
  TriageResult r = (*engine)->Triage("[AD_SOYAD] otobüs durağa yine gelmedi [TELEFON]");
  ASSERT_EQ(r.topic.size(), 3u);
  EXPECT_EQ(r.topic[0].label, "Ulaşım");
  EXPECT_GE(r.topic[0].p, r.topic[1].p);
  EXPECT_FALSE(r.emergency);
  EXPECT_FALSE(r.explain.empty());
  EXPECT_EQ(r.model, (*engine)->topic_model().version());
  nlohmann::json j = ToJson(r);
  for (const char* key :
       {"topic", "abstain", "sentiment", "urgency", "emergency", "cluster", "explain", "model"}) {
    EXPECT_TRUE(j.contains(key)) << key;
  }
  EXPECT_TRUE(j["model"].get<std::string>().starts_with("topic@"));
  EXPECT_EQ(j["routing"]["model"]["unit"], r.abstain ? "" : "Ulaşım");
}

// A sentiment model with features of its own featurizes the text again after the topic model;
// the topic's words (views into the per-thread word cache) must stay valid for the emergency
// lexicon and routing (ASan in the debug preset would catch a dangling view).
TEST(Engine, SentimentModelWithItsOwnFeaturesKeepsTopicWordsValid) {
  const std::string dir = testing::WriteTinyModels("engine_own_features");
  ASSERT_FALSE(dir.empty());
  LinearTrainOptions opt;
  opt.features.hash_bits = 13;
  opt.features.char_max = 3;
  opt.folds = 3;
  opt.c = 10;
  auto m = TrainLinearModel("sentiment", testing::TinyTopicSet(), opt, nullptr);
  ASSERT_TRUE(m.ok());
  ASSERT_TRUE((*m)->Save(dir + "/sentiment.kapimodel").ok());
  auto engine = LoadEngine(dir);
  ASSERT_TRUE(engine.ok()) << engine.status().message();
  for (int i = 0; i < 3; ++i) {
    TriageResult r = (*engine)->Triage("Binada yangın çıktı, merdivenler duman dolu");
    EXPECT_TRUE(r.emergency);
    EXPECT_EQ(r.routing.rule_id, "acil");
    EXPECT_TRUE(r.sentiment.has_value());
  }
}

TEST(Engine, FlagsEmergencyAndRoutesIt) {
  auto engine = LoadEngine(testing::WriteTinyModels("engine_emergency"));
  ASSERT_TRUE(engine.ok());
  TriageResult r = (*engine)->Triage("Binada yangın çıktı, merdivenler duman dolu");
  EXPECT_TRUE(r.emergency);
  EXPECT_EQ(r.routing.rule_id, "acil");
  EXPECT_EQ(ToJson(r)["emergency_action"], "yönlendir: 112");
}

TEST(Engine, MissingModelsAreAnErrorNotACrash) {
  auto engine = LoadEngine("/nonexistent/models");
  ASSERT_FALSE(engine.ok());
  EXPECT_EQ(engine.status().code(), StatusCode::kNotFound);
}

TEST(Engine, IsThreadSafe) {
  auto engine = LoadEngine(testing::WriteTinyModels("engine_threads"));
  ASSERT_TRUE(engine.ok());
  const std::string expected = ToJson((*engine)->Triage("su kesintisi iki gündür sürüyor")).dump();
  std::vector<std::thread> threads;
  std::atomic<int> mismatches{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 50; ++i) {
        if (ToJson((*engine)->Triage("su kesintisi iki gündür sürüyor")).dump() != expected) {
          ++mismatches;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(mismatches.load(), 0);
}

TEST(TriageCommand, ReadsJsonlWritesOneLinePerInputAndClustersDuplicates) {
  TriageCommandOptions opts;
  opts.models_dir = testing::WriteTinyModels("command");
  std::istringstream in(
      R"({"id": "r1", "text": "Mahallede iki gündür su kesintisi var, kimse ilgilenmiyor"})"
      "\n"
      R"({"id": "r2", "text": "MAHALLEDE İKİ GÜNDÜR SU KESİNTİSİ VAR, KİMSE İLGİLENMİYOR"})"
      "\n"
      "not json\n"
      R"({"id": "r4", "text": "otobüs gelmedi"})"
      "\n");
  std::ostringstream out, err;
  EXPECT_EQ(RunTriage(in, out, err, opts), 1);  // one bad line
  std::istringstream lines(out.str());
  std::vector<nlohmann::json> rows;
  std::string line;
  while (std::getline(lines, line)) rows.push_back(nlohmann::json::parse(line));
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0]["id"], "r1");
  EXPECT_EQ(rows[0]["cluster"], "r1");
  EXPECT_EQ(rows[1]["cluster"], "r1");
  EXPECT_TRUE(rows[2].contains("error"));
  EXPECT_EQ(rows[3]["cluster"], "r4");
  EXPECT_EQ(rows[3]["topic"].size(), 3u);
  EXPECT_EQ(rows[3]["topic"][0]["label"], "Ulaşım");
}

TEST(TriageCommand, ExitsTwoWhenModelsAreMissing) {
  TriageCommandOptions opts;
  opts.models_dir = "/nonexistent";
  std::istringstream in("");
  std::ostringstream out, err;
  EXPECT_EQ(RunTriage(in, out, err, opts), 2);
  EXPECT_NE(err.str().find("hata"), std::string::npos);
}

}  // namespace
}  // namespace kapi::triage
