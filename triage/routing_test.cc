#include "triage/routing.h"

#include <gtest/gtest.h>

namespace kapi::triage {
namespace {

RoutingTable Table() {
  auto t = RoutingTable::Parse(nlohmann::json::parse(R"({
    "default_unit": "Yazı İşleri",
    "topic_units": {"Ulaşım": "Ulaşım Dairesi"},
    "rules": [
      {"id": "acil", "if_emergency": true, "unit": "112"},
      {"id": "iski", "if_words": ["iski", "su kesintisi"], "unit": "Su ve Kanalizasyon"},
      {"id": "ulasim", "if_topic": "Ulaşım", "min_p": 0.5, "unit": "Ulaşım Dairesi"}
    ]})"));
  EXPECT_TRUE(t.ok());
  return std::move(t).value();
}

TEST(Routing, FirstMatchingRuleDecidesAndModelIsShownBeside) {
  RoutingTable t = Table();
  auto s = t.Route({"iski'ye", "bildirdim"}, "Ulaşım", 0.9, false, false);
  EXPECT_EQ(s.rule_id, "iski");
  EXPECT_EQ(s.rule_unit, "Su ve Kanalizasyon");
  EXPECT_EQ(s.model_unit, "Ulaşım Dairesi");
  EXPECT_FALSE(s.agree);
}

TEST(Routing, PhrasesMatchInOrderAndAsciiFolded) {
  RoutingTable t = Table();
  EXPECT_EQ(t.Route({"su", "kesintisi", "var"}, "Diğer", 0.9, false, false).rule_id, "iski");
  EXPECT_EQ(t.Route({"kesinti", "su"}, "Diğer", 0.9, false, false).rule_id, "default");
  EXPECT_EQ(t.Route({"İSKİ"}, "Diğer", 0.9, false, false).rule_id, "default");  // not lower-cased
  EXPECT_EQ(t.Route({"iski"}, "Diğer", 0.9, false, false).rule_id, "iski");
}

TEST(Routing, TopicRulesNeedConfidenceAndNoAbstention) {
  RoutingTable t = Table();
  EXPECT_EQ(t.Route({}, "Ulaşım", 0.6, false, false).rule_id, "ulasim");
  EXPECT_TRUE(t.Route({}, "Ulaşım", 0.6, false, false).agree);
  EXPECT_EQ(t.Route({}, "Ulaşım", 0.4, false, false).rule_id, "default");
  auto abstained = t.Route({}, "Ulaşım", 0.6, true, false);
  EXPECT_EQ(abstained.rule_id, "default");
  EXPECT_EQ(abstained.model_unit, "");
}

TEST(Routing, EmergencyRuleComesFirst) {
  EXPECT_EQ(Table().Route({"iski"}, "Ulaşım", 0.9, false, true).rule_unit, "112");
}

TEST(Routing, RejectsRulesWithoutConditionsAndBadJson) {
  EXPECT_FALSE(
      RoutingTable::Parse(nlohmann::json::parse(R"({"rules": [{"id": "x", "unit": "y"}]})")).ok());
  EXPECT_FALSE(RoutingTable::Parse(nlohmann::json::array()).ok());
  EXPECT_FALSE(RoutingTable::Load("/nonexistent/routing.json").ok());
}

TEST(Routing, VersionChangesWithTheRules) {
  auto a = RoutingTable::Parse(nlohmann::json::parse(R"({"default_unit": "A"})"));
  auto b = RoutingTable::Parse(nlohmann::json::parse(R"({"default_unit": "B"})"));
  EXPECT_NE(a->version(), b->version());
}

}  // namespace
}  // namespace kapi::triage
