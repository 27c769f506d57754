#include "workflow/briefing.h"

#include <gtest/gtest.h>

#include "store/store_test_util.h"

namespace kapi::workflow {
namespace {

constexpr int64_t kHour = 3'600'000;
constexpr int64_t kDay = 24 * kHour;
// Wednesday 2026-03-04 09:00 in Türkiye.
constexpr int64_t kNow = 1'772'604'000'000;

std::shared_ptr<const cases::TurkishCalendar> Calendar() {
  static const std::shared_ptr<const cases::TurkishCalendar> cal = [] {
    auto r = cases::TurkishCalendar::Create();
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return std::shared_ptr<const cases::TurkishCalendar>(std::move(r).value());
  }();
  return cal;
}

class BriefingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = store::OpenSqliteStore({.path = (dir_.path() / "kapi.db").string()});
    ASSERT_TRUE(s.ok());
    store_ = std::move(*s);
    for (const auto& u : units_) ASSERT_TRUE(store_->UpsertUnit(u).ok());
    ASSERT_TRUE(store_->UpsertTopic({"ulasim", "Ulaşım", "ulasim", false, 30, false}).ok());
    ASSERT_TRUE(store_->UpsertTopic({"su", "Su ve Kanalizasyon", "su", false, 15, false}).ok());
    ASSERT_TRUE(
        store_->UpsertStaffUser({"memur", "Memur", "case_officer", "su"}, "$argon2id$x").ok());
    auto sla = cases::SlaClock::Create(Calendar(), clock_);
    ASSERT_TRUE(sla.ok());
    sla_ = std::move(*sla);
  }

  // A case in `unit`, received `age` before now, due `due_in` after now (negative: overdue).
  int64_t Case(const std::string& unit, int64_t age, int64_t due_in, const std::string& text,
               const std::string& suggestions = "", cases::Channel channel = cases::Channel::kWeb) {
    cases::NewRequest r = store::testing::MakeRequest(text, kNow - age);
    r.unit_code = unit;
    r.topic_code = unit;
    r.channel = channel;
    r.due_at_ms = kNow + due_in;
    r.suggestions_json = suggestions;
    auto receipt = store_->InsertRequest(r);
    EXPECT_TRUE(receipt.ok()) << receipt.status().ToString();
    return receipt.ok() ? receipt->case_id : 0;
  }

  store::testing::TempDir dir_;
  std::unique_ptr<store::Store> store_;
  std::vector<cases::Unit> units_ = {
      {"kurum", "Kurum", ""}, {"ulasim", "Ulaşım", "kurum"}, {"su", "Su", "kurum"}};
  FakeClock clock_{kNow};
  std::unique_ptr<cases::SlaClock> sla_;
  Principal manager_{"m", Role::kUnitManager, "su", "user:1"};
};

TEST_F(BriefingTest, CountsOpenOverdueAndThisWeekAgainstTheLast) {
  const std::string cut = R"({"cluster":"dup-7","sentiment":{"label":"olumsuz","p":0.9}})";
  for (int i = 0; i < 3; ++i) Case("su", (i + 1) * kHour, 10 * kDay, "Mahallede su yok", cut);
  const int64_t late = Case("su", 20 * kDay, -2 * kDay, "Sayaç okunmadı");
  Case("su", 9 * kDay, 5 * kDay, "Kanal taştı", "", cases::Channel::kPhone);  // the week before
  Case("su", 2 * kDay, 1 * kHour, "Vana bozuk");                              // due within the day
  const int64_t fire = Case("su", 3 * kHour, 10 * kDay, "Bodrumda yangın var",
                            R"({"emergency":true,"sentiment":{"label":"olumsuz"}})");
  Case("ulasim", 1 * kHour, 10 * kDay, "Otobüs gelmedi");  // another unit: not in scope
  ASSERT_TRUE(store_->SetRouting(late, {"su", "su", "", ""}, {"user:mudur", kNow}).ok());
  ASSERT_TRUE(store_->AssignCase(late, "memur", {"user:mudur", kNow}).ok());

  auto b = BuildBriefing(*store_, manager_, UnitTree(units_), sla_.get(), kNow);
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_EQ(b->open, 7);
  EXPECT_EQ(b->unassigned, 6);
  EXPECT_EQ(b->overdue, 1);
  EXPECT_EQ(b->due_soon, 1);
  EXPECT_EQ(b->received.week, 5);
  EXPECT_EQ(b->received.previous, 1);
  ASSERT_FALSE(b->by_channel.empty());
  EXPECT_EQ(b->by_channel[0].key, "web");
  EXPECT_EQ(b->by_channel[0].week, 5);
  EXPECT_EQ(b->by_topic[0].key, "Su ve Kanalizasyon");
  EXPECT_EQ(b->sentiment.at("olumsuz"), 4);

  ASSERT_EQ(b->duplicates.size(), 1u) << "three requests in one near-duplicate cluster";
  EXPECT_EQ(b->duplicates[0].cases, 3);
  EXPECT_EQ(b->duplicates[0].latest.snippet, "Mahallede su yok");
  ASSERT_EQ(b->emergencies.size(), 1u);
  EXPECT_EQ(b->emergencies[0].id, fire);
  ASSERT_EQ(b->most_overdue.size(), 1u);
  EXPECT_EQ(b->most_overdue[0].id, late);
  EXPECT_EQ(b->most_overdue[0].topic, "Su ve Kanalizasyon");
  EXPECT_FALSE(b->truncated);
  EXPECT_NO_THROW(BriefingJson(*b).dump());
}

TEST_F(BriefingTest, AuditorsSeeTheInstitutionOtherRolesAreRefused) {
  Case("su", kHour, 10 * kDay, "Su yok");
  Case("ulasim", kHour, 10 * kDay, "Otobüs yok");
  Principal auditor{"a", Role::kAuditor, "kurum", "user:2"};
  EXPECT_EQ(BuildBriefing(*store_, auditor, UnitTree(units_), sla_.get(), kNow)->open, 2);
  EXPECT_EQ(BuildBriefing(*store_, manager_, UnitTree(units_), sla_.get(), kNow)->open, 1);
  for (Role r : {Role::kCaseOfficer, Role::kDeskOfficer, Role::kAdmin}) {
    Principal p{"x", r, "su", "user:3"};
    EXPECT_EQ(BuildBriefing(*store_, p, UnitTree(units_), sla_.get(), kNow).status().code(),
              StatusCode::kPermissionDenied)
        << RoleName(r);
  }
}

TEST_F(BriefingTest, LongSnippetsAreCutAtACharacterBoundary) {
  std::string text;
  for (int i = 0; i < 60; ++i) text += "çğü";  // two bytes each: a cut could split one
  const std::string three = R"({"cluster":"dup-9"})";
  for (int i = 0; i < 3; ++i) Case("su", kHour, kDay, text, three);
  auto b = BuildBriefing(*store_, manager_, UnitTree(units_), nullptr, kNow);
  ASSERT_TRUE(b.ok());
  ASSERT_EQ(b->duplicates.size(), 1u);
  const std::string& s = b->duplicates[0].latest.snippet;
  EXPECT_LE(s.size(), 160u + std::string("…").size());
  EXPECT_EQ(s.substr(s.size() - 3), "…");
  EXPECT_EQ(b->overdue, 0) << "no SLA clock: no overdue counts";
}

}  // namespace
}  // namespace kapi::workflow
