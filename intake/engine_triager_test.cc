#include "intake/engine_triager.h"

#include <gtest/gtest.h>

namespace kapi::intake {
namespace {

std::unique_ptr<triage::Engine> Load() {
  auto e = triage::LoadEngine(KAPI_SOURCE_DIR "/models");
  EXPECT_TRUE(e.ok()) << e.status().ToString();
  return e.ok() ? std::move(*e) : nullptr;
}

TEST(EngineTriager, SuggestsTopicAndClustersDuplicates) {
  EngineTriager t(Load(), {});
  const std::string text =
      "Mahallemizde üç gündür su kesintisi var, musluklardan su akmıyor, kanalizasyon taşıyor.";
  Suggestions a = t.Suggest(text);
  ASSERT_TRUE(a.json.is_object());
  EXPECT_EQ(a.json["topic"].size(), 3u);
  EXPECT_TRUE(a.json.contains("model"));
  Suggestions b = t.Suggest(text);
  EXPECT_EQ(a.json["cluster"], b.json["cluster"]);
  Suggestions other = t.Suggest("Parktaki salıncaklar kırık, çocuklar için tehlikeli.");
  EXPECT_NE(a.json["cluster"], other.json["cluster"]);
}

TEST(EngineTriager, SensitiveTopicsGetRoutingHelpOnly) {
  const std::string text =
      "Engelli yakınım için sosyal yardım başvurusu yaptık, gıda kolisi ve nakdi yardım "
      "talebimiz aylardır sonuçlanmadı.";
  EngineTriager plain(Load(), {});
  Suggestions s = plain.Suggest(text);
  ASSERT_FALSE(s.json["topic"].empty());
  const std::string top = s.json["topic"][0]["label"];
  EngineTriager guarded(Load(), {top});
  Suggestions g = guarded.Suggest(text);
  EXPECT_TRUE(g.json.value("sensitive_topic", false));
  EXPECT_FALSE(g.json.contains("urgency"));
  EXPECT_FALSE(g.json.contains("sentiment"));
  EXPECT_TRUE(g.json.contains("topic"));  // routing help stays
}

TEST(EngineTriager, SwitchedOffSuggestsNothing) {
  EngineTriager t(Load(), {});
  t.set_enabled(false);
  EXPECT_TRUE(t.Suggest("Sokak lambası yanmıyor.").json.is_null());
}

}  // namespace
}  // namespace kapi::intake
