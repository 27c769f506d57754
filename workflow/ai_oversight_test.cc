#include "workflow/ai_oversight.h"

#include <gtest/gtest.h>

#include "store/store_test_util.h"

namespace kapi::workflow {
namespace {

using Row = store::Store::SuggestionOutcome;

constexpr int64_t kDay = 86'400'000;
constexpr int64_t kFrom = 1'767'225'600'000;  // 2026-01-01T00:00:00Z, a Thursday
constexpr int64_t kTo = kFrom + 90 * kDay;

const std::map<std::string, std::string> kTopics = {
    {"ulasim", "Ulaşım"}, {"su", "Su ve Kanalizasyon"}, {"park", "Park ve Bahçeler"}};

// A row whose model suggested `top` (then two other labels) with probability `p`.
Row MakeRow(int64_t at, const std::string& top, double p, const std::string& final_code,
            const std::string& verdict, cases::Channel channel = cases::Channel::kWeb,
            bool abstain = false) {
  nlohmann::json topics = nlohmann::json::array();
  topics.push_back({{"label", top}, {"p", p}});
  for (const char* other : {"Ulaşım", "Su ve Kanalizasyon", "Park ve Bahçeler"}) {
    if (other != top && topics.size() < 3) topics.push_back({{"label", other}, {"p", 0.01}});
  }
  Row r;
  r.received_at_ms = at;
  r.channel = channel;
  r.topic_code = final_code;
  r.ai_decision = verdict;
  r.suggestions_json = nlohmann::json{
      {"topic", topics},
      {"abstain", abstain},
      {"emergency", false},
      {"model",
       "topic@lin-test"}}.dump();
  return r;
}

TEST(Rate, WilsonIntervalIsSoundAtTheEdges) {
  Rate none = MakeRate(0, 0);
  EXPECT_EQ(none.value(), 0.0);
  Rate all = MakeRate(10, 10);
  EXPECT_DOUBLE_EQ(all.value(), 1.0);
  EXPECT_NEAR(all.low, 0.722, 0.001);  // not a degenerate [1, 1]
  EXPECT_DOUBLE_EQ(all.high, 1.0);
  Rate half = MakeRate(50, 100);
  EXPECT_NEAR(half.low, 0.404, 0.001);
  EXPECT_NEAR(half.high, 0.596, 0.001);
}

TEST(Oversight, CountsAgreementOverridesAndAbstentionsAgainstHumanDecisions) {
  std::vector<Row> rows = {
      MakeRow(kFrom + kDay, "Ulaşım", 0.95, "ulasim", "accepted"),
      MakeRow(kFrom + kDay, "Ulaşım", 0.90, "ulasim", "accepted"),
      MakeRow(kFrom + kDay, "Ulaşım", 0.60, "su", "overridden"),  // final in the top 3
      MakeRow(kFrom + kDay, "Park ve Bahçeler", 0.40, "su", "overridden", cases::Channel::kPhone,
              /*abstain=*/true),
      MakeRow(kFrom + kDay, "Su ve Kanalizasyon", 0.80, "", ""),  // not routed yet
  };
  OversightReport r = SummarizeOversight(rows, kTopics, kFrom, kTo);
  EXPECT_EQ(r.cases, 5);
  EXPECT_EQ(r.routed, 4);
  EXPECT_EQ(r.accepted.k, 2);
  EXPECT_EQ(r.accepted.n, 4);
  EXPECT_EQ(r.top1.k, 2);
  EXPECT_EQ(r.top1.n, 4);
  EXPECT_EQ(r.top3.k, 4);
  EXPECT_EQ(r.abstained.k, 1);
  EXPECT_EQ(r.abstained.n, 5);
  EXPECT_EQ(r.confident_agreement.k, 2);
  EXPECT_EQ(r.confident_agreement.n, 3);
  EXPECT_EQ(r.models.at("topic@lin-test"), 5);

  ASSERT_EQ(r.by_channel.size(), 2u);
  EXPECT_EQ(r.by_channel[0].key, "phone");
  EXPECT_EQ(r.by_channel[0].overridden.k, 1);
  EXPECT_EQ(r.by_channel[1].key, "web");
  EXPECT_EQ(r.by_channel[1].agreement.k, 2);
  EXPECT_EQ(r.by_channel[1].agreement.n, 3);

  // Topic slices: precision of each suggestion, recall of each human choice.
  std::map<std::string, OversightSlice> topics;
  for (const auto& s : r.by_topic) topics[s.key] = s;
  EXPECT_EQ(topics["Ulaşım"].suggested, 3);
  EXPECT_EQ(topics["Ulaşım"].agreement.k, 2);
  EXPECT_EQ(topics["Ulaşım"].agreement.n, 3);
  EXPECT_EQ(topics["Su ve Kanalizasyon"].chosen, 2);
  EXPECT_EQ(topics["Su ve Kanalizasyon"].recall.k, 0);

  // Calibration: the 0.9–1.0 bin holds two routed cases, both right.
  ASSERT_EQ(r.calibration.size(), 4u);
  EXPECT_EQ(r.calibration[3].routed, 2);
  EXPECT_EQ(r.calibration[3].agreement.k, 2);
  EXPECT_NEAR(r.calibration[3].mean_confidence, 0.925, 1e-9);
  EXPECT_TRUE(r.alerts.empty()) << "too few cases for any alert";
  EXPECT_FALSE(r.drift_psi.has_value());
}

TEST(Oversight, WeeksStartOnMondayInTurkeyTime) {
  // 2026-01-04 is a Sunday; 21:30 UTC is already Monday 00:30 in Türkiye.
  const int64_t sunday_2130_utc = kFrom + 3 * kDay + 21 * 3'600'000 + 30 * 60'000;
  OversightReport r = SummarizeOversight(
      {MakeRow(kFrom, "Ulaşım", 0.9, "", ""), MakeRow(sunday_2130_utc, "Ulaşım", 0.9, "", "")},
      kTopics, kFrom, kTo);
  ASSERT_EQ(r.by_week.size(), 2u);
  EXPECT_EQ(r.by_week[0].key, "2025-12-29");
  EXPECT_EQ(r.by_week[1].key, "2026-01-05");
}

TEST(Oversight, RaisesAlertsWhenHumansDisagreeOrChannelsDiffer) {
  std::vector<Row> rows;
  for (int i = 0; i < 40; ++i) {  // web: 36/40 right; phone: 16/40 right, the rest overridden
    rows.push_back(MakeRow(kFrom + kDay, "Ulaşım", 0.9, i < 36 ? "ulasim" : "su",
                           i < 36 ? "accepted" : "overridden"));
    rows.push_back(MakeRow(kFrom + kDay, "Ulaşım", 0.9, i < 16 ? "ulasim" : "su",
                           i < 16 ? "accepted" : "overridden", cases::Channel::kPhone));
  }
  OversightReport r = SummarizeOversight(rows, kTopics, kFrom, kTo);
  EXPECT_EQ(r.top1.k, 52);
  std::string all;
  for (const auto& a : r.alerts) all += a + "\n";
  EXPECT_NE(all.find("değiştirme oranı %35 (eşik %30)"), std::string::npos) << all;
  EXPECT_NE(all.find("%65 oranında örtüşüyor"), std::string::npos) << all;
  EXPECT_NE(all.find("\"phone\" kanalında %40, \"web\" kanalında %90"), std::string::npos) << all;
  EXPECT_NE(all.find("Tarafsızlık (1)"), std::string::npos) << all;
  EXPECT_NE(all.find("isabet oranı %65"), std::string::npos) << "0.9 confidence, 65% right\n"
                                                             << all;
}

TEST(Oversight, DriftComparesTheLastFourWeeksWithTheRestOfThePeriod) {
  std::vector<Row> stable, shifted;
  for (int i = 0; i < 60; ++i) {
    const int64_t early = kFrom + 10 * kDay, late = kTo - 5 * kDay;
    const char* label = i % 2 ? "Ulaşım" : "Su ve Kanalizasyon";
    stable.push_back(MakeRow(early, label, 0.9, "", ""));
    stable.push_back(MakeRow(late, label, 0.9, "", ""));
    shifted.push_back(MakeRow(early, label, 0.9, "", ""));
    shifted.push_back(MakeRow(late, i < 50 ? "Park ve Bahçeler" : label, 0.9, "", ""));
  }
  OversightReport a = SummarizeOversight(stable, kTopics, kFrom, kTo);
  ASSERT_TRUE(a.drift_psi.has_value());
  EXPECT_NEAR(*a.drift_psi, 0.0, 1e-9);
  EXPECT_EQ(a.drift_recent, 60);
  OversightReport b = SummarizeOversight(shifted, kTopics, kFrom, kTo);
  ASSERT_TRUE(b.drift_psi.has_value());
  EXPECT_GT(*b.drift_psi, 0.25);
  ASSERT_FALSE(b.alerts.empty());
  EXPECT_NE(b.alerts.back().find("PSI"), std::string::npos);
}

TEST(Oversight, UnreadableSuggestionsCountButDoNotBreakTheReport) {
  Row broken;
  broken.received_at_ms = kFrom;
  broken.suggestions_json = "{not json";
  broken.topic_code = "ulasim";
  OversightReport r = SummarizeOversight({broken}, kTopics, kFrom, kTo);
  EXPECT_EQ(r.cases, 1);
  EXPECT_EQ(r.top1.k, 0);
  EXPECT_EQ(r.top1.n, 1);
  EXPECT_NO_THROW(OversightJson(r).dump());
}

TEST(Oversight, OnlyManagersAuditorsAndAdminsMayReadItAndManagersSeeTheirTree) {
  store::testing::TempDir dir;
  auto s = store::OpenSqliteStore({.path = (dir.path() / "kapi.db").string()});
  ASSERT_TRUE(s.ok());
  std::vector<cases::Unit> units = {
      {"kurum", "Kurum", ""}, {"ulasim", "Ulaşım", "kurum"}, {"su", "Su", "kurum"}};
  for (const auto& u : units) ASSERT_TRUE((*s)->UpsertUnit(u).ok());
  ASSERT_TRUE((*s)->UpsertTopic({"ulasim", "Ulaşım", "ulasim", false, 30, false}).ok());
  for (const char* unit : {"ulasim", "su", "su"}) {
    cases::NewRequest req = store::testing::MakeRequest("metin", kFrom + kDay);
    req.unit_code = unit;
    req.suggestions_json = R"({"topic":[{"label":"Ulaşım","p":0.9}]})";
    ASSERT_TRUE((*s)->InsertRequest(req).ok());
  }
  UnitTree tree(units);
  Principal manager{"m", Role::kUnitManager, "su", "user:1"};
  Principal auditor{"a", Role::kAuditor, "kurum", "user:2"};
  Principal officer{"o", Role::kCaseOfficer, "su", "user:3"};
  EXPECT_EQ(BuildOversightReport(**s, manager, tree, kFrom, kTo)->cases, 2);
  EXPECT_EQ(BuildOversightReport(**s, auditor, tree, kFrom, kTo)->cases, 3);
  EXPECT_EQ(BuildOversightReport(**s, officer, tree, kFrom, kTo).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(BuildOversightReport(**s, auditor, tree, kTo, kFrom).status().code(),
            StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace kapi::workflow
