#include "cases/sla_clock.h"

#include <gtest/gtest.h>

#include <memory>
#include <thread>
#include <vector>

namespace kapi::cases {
namespace {

constexpr int64_t kHour = 3'600'000;
constexpr int64_t kDay = 24 * kHour;

// Milliseconds of a wall time at a fixed UTC offset (Türkiye: +3 since September 2016).
int64_t At(int y, int mo, int d, int h, int mi, int offset_hours = 3) {
  return CivilDate{y, mo, d}.DaysSinceEpoch() * kDay + h * kHour + mi * 60'000 -
         offset_hours * kHour;
}

std::shared_ptr<const TurkishCalendar> SharedCalendar() {
  static const std::shared_ptr<const TurkishCalendar> cal = [] {
    auto r = TurkishCalendar::Create();
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return std::shared_ptr<const TurkishCalendar>(std::move(r).value());
  }();
  return cal;
}

class SlaClockTest : public ::testing::Test {
 protected:
  SlaClockTest() : clock_(At(2025, 1, 1, 9, 0)) {
    auto r = SlaClock::Create(SharedCalendar(), clock_);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    sla_ = std::move(r).value();
  }

  int64_t Due(int64_t received, SlaPolicy policy) {
    auto r = sla_->DueAt(received, policy);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : 0;
  }
  static SlaPolicy Working(int days) { return {days, DayCounting::kWorkingDays}; }
  static SlaPolicy Calendar(int days) { return {days, DayCounting::kCalendarDays}; }

  FakeClock clock_;
  std::unique_ptr<SlaClock> sla_;
};

TEST_F(SlaClockTest, LegalDefaultsAreNamed) {
  EXPECT_EQ(kPetitionLaw3071, (SlaPolicy{30, DayCounting::kCalendarDays}));
  EXPECT_EQ(kInformationRequestLaw4982, (SlaPolicy{15, DayCounting::kWorkingDays}));
  EXPECT_EQ(kInformationRequestLaw4982Extended, (SlaPolicy{30, DayCounting::kWorkingDays}));
  EXPECT_EQ(sla_->options().institution_default, (SlaPolicy{7, DayCounting::kWorkingDays}));
  Topic topic;
  topic.sla_days = 15;
  topic.sla_working_days = true;
  EXPECT_EQ(PolicyForTopic(topic), kInformationRequestLaw4982);
  EXPECT_EQ(PolicyForTopic(Topic{}), kPetitionLaw3071);
}

TEST_F(SlaClockTest, PetitionEndingOnSundayMovesToMonday) {
  // 10 Jan 2025 + 30 days = Sunday 9 Feb → Monday 10 Feb, end of office hours.
  EXPECT_EQ(Due(At(2025, 1, 10, 10, 0), kPetitionLaw3071), At(2025, 2, 10, 17, 30));
  // A petition whose 30th day is a working day ends that day.
  EXPECT_EQ(Due(At(2025, 1, 13, 10, 0), kPetitionLaw3071), At(2025, 2, 12, 17, 30));
}

TEST_F(SlaClockTest, PetitionEndingInsideABayramMovesPastIt) {
  // 8 May 2025 + 30 = Saturday 7 June, inside Kurban Bayramı (6–9 June) → Tuesday 10 June.
  EXPECT_EQ(Due(At(2025, 5, 8, 11, 0), kPetitionLaw3071), At(2025, 6, 10, 17, 30));
  // 20 Feb 2026 + 30 = Sunday 22 March, last day of Ramazan Bayramı → Monday 23 March.
  EXPECT_EQ(Due(At(2026, 2, 20, 11, 0), kPetitionLaw3071), At(2026, 3, 23, 17, 30));
}

TEST_F(SlaClockTest, DeadlineOnArifeEndsAtOnePm) {
  // 6 May 2025 + 30 = Thursday 5 June, Kurban arife: the holiday starts at 13:00.
  EXPECT_EQ(Due(At(2025, 5, 6, 11, 0), kPetitionLaw3071), At(2025, 6, 5, 13, 0));
  // 28 Ekim 2025 (Tuesday) is a half day too.
  EXPECT_EQ(Due(At(2025, 10, 27, 9, 0), Working(1)), At(2025, 10, 28, 13, 0));
}

TEST_F(SlaClockTest, ArifeCountsAsAWorkingDay) {
  // Kurban 2026: arife Tue 26 May, bayram Wed 27 – Sat 30 May.
  // From Fri 22 May: Mon 25 (1), Tue 26 arife (2), Mon 1 June (3).
  EXPECT_EQ(Due(At(2026, 5, 22, 14, 0), Working(2)), At(2026, 5, 26, 13, 0));
  EXPECT_EQ(Due(At(2026, 5, 22, 14, 0), Working(3)), At(2026, 6, 1, 17, 30));
}

TEST_F(SlaClockTest, InformationRequestOverRamazanBayrami2025) {
  // Received Mon 24 March 2025. Working days: 25–28 March (4); 29 Sat arife, 30 Mar – 1 Apr
  // bayram; 2–4 Apr (7), 7–11 Apr (12), 14–16 Apr (15).
  EXPECT_EQ(Due(At(2025, 3, 24, 10, 0), kInformationRequestLaw4982), At(2025, 4, 16, 17, 30));
}

TEST_F(SlaClockTest, BayramSpanningAWeekend) {
  // Ramazan 2026: arife Thu 19 March, bayram Fri 20 – Sun 22 March.
  EXPECT_EQ(Due(At(2026, 3, 18, 10, 0), Working(2)), At(2026, 3, 23, 17, 30));
  // Kurban 2027: arife Sat 15 May, bayram Sun 16 – Wed 19 May (19 Mayıs too).
  EXPECT_EQ(Due(At(2027, 5, 14, 10, 0), Working(1)), At(2027, 5, 20, 17, 30));
}

TEST_F(SlaClockTest, Ramazan2027) {
  // Arife Mon 8 March 2027 (1), bayram 9–11 March, Fri 12 (2), Mon 15 (3).
  EXPECT_EQ(Due(At(2027, 3, 5, 16, 0), Working(3)), At(2027, 3, 15, 17, 30));
  EXPECT_EQ(Due(At(2027, 3, 5, 16, 0), Working(1)), At(2027, 3, 8, 13, 0));
}

TEST_F(SlaClockTest, YearBoundary) {
  // Wed 24 Dec 2025, 7 working days: 25, 26, 29, 30, 31 Dec, (1 Jan holiday), 2, 5 Jan.
  EXPECT_EQ(Due(At(2025, 12, 24, 10, 0), kDefaultInstitutionPolicy), At(2026, 1, 5, 17, 30));
  // 2 Dec 2026 + 30 = Friday 1 Jan 2027 (Yılbaşı) → Monday 4 Jan 2027.
  EXPECT_EQ(Due(At(2026, 12, 2, 10, 0), kPetitionLaw3071), At(2027, 1, 4, 17, 30));
}

TEST_F(SlaClockTest, ReceiptDateIsTheLocalDate) {
  // 21:30 UTC on Sunday 9 March 2025 is 00:30 on Monday 10 March in Türkiye: counting starts
  // on Tuesday, so one working day ends Tuesday 11 March.
  EXPECT_EQ(Due(At(2025, 3, 9, 21, 30, /*offset_hours=*/0), Working(1)), At(2025, 3, 11, 17, 30));
  // Received on a Saturday: the first working day is Monday.
  EXPECT_EQ(Due(At(2025, 3, 8, 23, 0), Working(1)), At(2025, 3, 10, 17, 30));
  // Received on a working day after hours: the day of receipt still does not count.
  EXPECT_EQ(Due(At(2025, 3, 10, 22, 0), Working(1)), At(2025, 3, 11, 17, 30));
}

TEST_F(SlaClockTest, UsesTheHistoricalOffsetBefore2016) {
  // In winter 2015 Türkiye was UTC+2, in summer UTC+3.
  EXPECT_EQ(Due(At(2015, 1, 5, 10, 0, 2), Working(1)), At(2015, 1, 6, 17, 30, 2));
  EXPECT_EQ(Due(At(2015, 6, 1, 10, 0, 3), Working(1)), At(2015, 6, 2, 17, 30, 3));
  EXPECT_EQ(sla_->LocalDate(At(2015, 1, 5, 23, 30, 2)), (CivilDate{2015, 1, 5}));
}

TEST_F(SlaClockTest, RefusesBadInput) {
  EXPECT_EQ(sla_->DueAt(At(2025, 1, 1, 9, 0), Working(0)).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_FALSE(sla_->DueAt(At(2025, 1, 1, 9, 0), Calendar(-5)).ok());
  EXPECT_FALSE(sla_->DueAt(At(2025, 1, 1, 9, 0), Calendar(3651)).ok());
  EXPECT_FALSE(sla_->DueAt(At(1989, 12, 30, 9, 0), Calendar(30)).ok());
  EXPECT_FALSE(sla_->DueAt(At(2100, 12, 20, 9, 0), Working(15)).ok());
  EXPECT_TRUE(sla_->DueAt(At(2100, 11, 20, 9, 0), Working(15)).ok());

  SlaClock::Options bad_zone;
  bad_zone.time_zone = "Mars/Olympus";
  EXPECT_FALSE(SlaClock::Create(SharedCalendar(), clock_, bad_zone).ok());
  SlaClock::Options bad_soon;
  bad_soon.due_soon_working_days = -1;
  EXPECT_FALSE(SlaClock::Create(SharedCalendar(), clock_, bad_soon).ok());
  EXPECT_FALSE(SlaClock::Create(nullptr, clock_).ok());
}

TEST_F(SlaClockTest, StatusMovesFromOnTimeToDueSoonToOverdue) {
  // Received Mon 1 Dec 2025, 7 working days → Wed 10 Dec 17:30.
  const int64_t due = Due(At(2025, 12, 1, 9, 0), kDefaultInstitutionPolicy);
  ASSERT_EQ(due, At(2025, 12, 10, 17, 30));

  clock_.Set(At(2025, 12, 2, 9, 0));
  SlaStatus s = sla_->StatusNow(due);
  EXPECT_EQ(s.state, SlaState::kOnTime);
  EXPECT_EQ(s.remaining_working_days, 6);  // 3, 4, 5, 8, 9, 10 Dec
  EXPECT_EQ(s.due_at_ms, due);

  clock_.Set(At(2025, 12, 8, 9, 0));  // Monday: 9 and 10 Dec left
  s = sla_->StatusNow(due);
  EXPECT_EQ(s.state, SlaState::kDueSoon);
  EXPECT_EQ(s.remaining_working_days, 2);

  clock_.Set(At(2025, 12, 10, 17, 0));  // due today, half an hour left
  s = sla_->StatusNow(due);
  EXPECT_EQ(s.state, SlaState::kDueSoon);
  EXPECT_EQ(s.remaining_working_days, 0);
  EXPECT_EQ(s.remaining_ms, 30 * 60'000);

  clock_.Advance(31 * 60'000);  // 17:31
  s = sla_->StatusNow(due);
  EXPECT_EQ(s.state, SlaState::kOverdue);
  EXPECT_EQ(s.remaining_working_days, 0);
  EXPECT_EQ(s.remaining_ms, -60'000);

  clock_.Set(At(2025, 12, 15, 9, 0));  // Monday after: 11, 12, 15 Dec have passed
  s = sla_->StatusNow(due);
  EXPECT_EQ(s.state, SlaState::kOverdue);
  EXPECT_EQ(s.remaining_working_days, -3);
  EXPECT_STREQ(SlaStateName(s.state).data(), "overdue");
}

TEST_F(SlaClockTest, DueSoonCountsOnlyWorkingDays) {
  // Due Tue 10 June 2025 (after Kurban Bayramı). On Thursday 5 June (arife) the days left are
  // only Tuesday 10 June: the bayram and the weekend do not count.
  const int64_t due = At(2025, 6, 10, 17, 30);
  SlaStatus s = sla_->StatusAt(due, At(2025, 6, 5, 10, 0));
  EXPECT_EQ(s.remaining_working_days, 1);
  EXPECT_EQ(s.state, SlaState::kDueSoon);
  EXPECT_GT(s.remaining_ms, 5 * kDay);
}

TEST_F(SlaClockTest, DueSoonThresholdIsConfigurable) {
  SlaClock::Options options;
  options.due_soon_working_days = 5;
  auto strict = SlaClock::Create(SharedCalendar(), clock_, options);
  ASSERT_TRUE(strict.ok());
  const int64_t due = At(2025, 12, 10, 17, 30);
  EXPECT_EQ((*strict)->StatusAt(due, At(2025, 12, 3, 9, 0)).state, SlaState::kDueSoon);
  EXPECT_EQ(sla_->StatusAt(due, At(2025, 12, 3, 9, 0)).state, SlaState::kOnTime);
}

TEST_F(SlaClockTest, InstitutionDefaultAndOfficeHoursAreConfigurable) {
  SlaClock::Options options;
  options.institution_default = {10, DayCounting::kWorkingDays};
  options.office_close_minute = 17 * 60;
  auto custom = SlaClock::Create(SharedCalendar(), clock_, options);
  ASSERT_TRUE(custom.ok());
  // Mon 1 Dec 2025 + 10 working days = Mon 15 Dec, 17:00.
  auto due = (*custom)->DueAtDefault(At(2025, 12, 1, 9, 0));
  ASSERT_TRUE(due.ok());
  EXPECT_EQ(*due, At(2025, 12, 15, 17, 0));
  Topic topic;
  topic.sla_days = 15;
  topic.sla_working_days = true;
  EXPECT_EQ(*sla_->DueAtForTopic(At(2025, 3, 24, 10, 0), topic), At(2025, 4, 16, 17, 30));
}

TEST_F(SlaClockTest, IdariIzinPushesTheDeadline) {
  auto overrides = ParseCalendarOverrides(
      R"([{"date": "2025-12-31", "type": "holiday", "name": "Yılbaşı idari izni"}])");
  ASSERT_TRUE(overrides.ok());
  auto cal = TurkishCalendar::Create({.overrides = *overrides});
  ASSERT_TRUE(cal.ok());
  auto sla = SlaClock::Create(std::shared_ptr<const TurkishCalendar>(std::move(*cal)), clock_);
  ASSERT_TRUE(sla.ok());
  // Without the leave: 5 Jan 2026 (YearBoundary). With 31 Dec off: 6 Jan.
  EXPECT_EQ(*(*sla)->DueAt(At(2025, 12, 24, 10, 0), kDefaultInstitutionPolicy),
            At(2026, 1, 6, 17, 30));
}

TEST_F(SlaClockTest, DeadlinesAreAlwaysOnWorkingDaysAcrossYears) {
  // Every day of 2016–2030 as receipt date, both counting modes: the deadline lies on a working
  // day, after the receipt, at 17:30 or (on a half day) 13:00, and working-day deadlines have
  // exactly N working days after the receipt date.
  const TurkishCalendar& cal = sla_->calendar();
  for (int64_t day = CivilDate{2016, 10, 1}.DaysSinceEpoch();
       day <= CivilDate{2030, 12, 31}.DaysSinceEpoch(); day += 1) {
    CivilDate received = CivilDate::FromDaysSinceEpoch(day);
    const int64_t received_ms = At(received.year, received.month, received.day, 12, 0);
    for (SlaPolicy policy : {kPetitionLaw3071, kInformationRequestLaw4982, Working(1)}) {
      int64_t due = Due(received_ms, policy);
      CivilDate due_date = sla_->LocalDate(due);
      ASSERT_TRUE(cal.IsWorkingDay(due_date)) << received.ToString();
      ASSERT_GT(due_date, received);
      const bool half = cal.KindOf(due_date) == DayKind::kHalfDay;
      ASSERT_EQ(due,
                At(due_date.year, due_date.month, due_date.day, half ? 13 : 17, half ? 0 : 30));
      if (policy.counting == DayCounting::kWorkingDays) {
        ASSERT_EQ(cal.WorkingDaysBetween(received, due_date), policy.days) << received.ToString();
      } else {
        ASSERT_GE(due_date, received.AddDays(policy.days));
        ASSERT_EQ(cal.WorkingDaysBetween(received.AddDays(policy.days - 1), due_date.AddDays(-1)),
                  0);
      }
    }
  }
}

TEST_F(SlaClockTest, ConcurrentCallersGetTheSameAnswers) {
  const int64_t received = At(2026, 5, 22, 14, 0);
  const int64_t expected = Due(received, kInformationRequestLaw4982);
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 2000; ++i) {
        auto due = sla_->DueAt(received, kInformationRequestLaw4982);
        if (!due.ok() || *due != expected) ++mismatches[t];
        if (sla_->StatusAt(expected, received + i * kHour).due_at_ms != expected) ++mismatches[t];
      }
    });
  }
  for (std::thread& th : threads) th.join();
  for (int m : mismatches) EXPECT_EQ(m, 0);
}

}  // namespace
}  // namespace kapi::cases
