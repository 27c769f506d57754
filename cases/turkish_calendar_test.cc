#include "cases/turkish_calendar.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <numeric>
#include <set>

namespace kapi::cases {
namespace {

CivilDate D(int y, int m, int d) { return {y, m, d}; }

const TurkishCalendar& DefaultCalendar() {
  static const std::unique_ptr<TurkishCalendar> cal = [] {
    auto r = TurkishCalendar::Create();
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return std::move(r).value();
  }();
  return *cal;
}

std::set<std::string> CodesOn(const TurkishCalendar& cal, CivilDate d) {
  std::set<std::string> codes;
  for (const Holiday& h : cal.HolidaysOn(d)) codes.insert(h.code);
  return codes;
}

// First days of the bayrams as published by the Diyanet İşleri Başkanlığı (dini günler takvimi).
struct BayramDates {
  int year;
  CivilDate ramazan;
  CivilDate kurban;
};
const BayramDates kDiyanet2017To2027[] = {
    {2017, D(2017, 6, 25), D(2017, 9, 1)},  {2018, D(2018, 6, 15), D(2018, 8, 21)},
    {2019, D(2019, 6, 4), D(2019, 8, 11)},  {2020, D(2020, 5, 24), D(2020, 7, 31)},
    {2021, D(2021, 5, 13), D(2021, 7, 20)}, {2022, D(2022, 5, 2), D(2022, 7, 9)},
    {2023, D(2023, 4, 21), D(2023, 6, 28)}, {2024, D(2024, 4, 10), D(2024, 6, 16)},
    {2025, D(2025, 3, 30), D(2025, 6, 6)},  {2026, D(2026, 3, 20), D(2026, 5, 27)},
    {2027, D(2027, 3, 9), D(2027, 5, 16)},
};
// Before 2017 Diyanet used the 1978 Istanbul criteria; Umm al-Qura differs on some days.
const BayramDates kDiyanet2007To2016[] = {
    {2007, D(2007, 10, 12), D(2007, 12, 20)}, {2008, D(2008, 9, 30), D(2008, 12, 8)},
    {2009, D(2009, 9, 20), D(2009, 11, 27)},  {2010, D(2010, 9, 9), D(2010, 11, 16)},
    {2011, D(2011, 8, 30), D(2011, 11, 6)},   {2012, D(2012, 8, 19), D(2012, 10, 25)},
    {2013, D(2013, 8, 8), D(2013, 10, 15)},   {2014, D(2014, 7, 28), D(2014, 10, 4)},
    {2015, D(2015, 7, 17), D(2015, 9, 24)},   {2016, D(2016, 7, 5), D(2016, 9, 12)},
};
// The corrections an institution would load to make 2007–2016 match Diyanet (also shown in
// docs/formats/calendar-overrides.md).
constexpr char kCorrections2007To2016[] = R"({
  "format": "kapi.calendar-overrides", "version": 1,
  "entries": [
    {"date": "2007-10-12", "type": "bayram_start", "bayram": "ramazan"},
    {"date": "2008-09-30", "type": "bayram_start", "bayram": "ramazan"},
    {"date": "2010-09-09", "type": "bayram_start", "bayram": "ramazan"},
    {"date": "2012-10-25", "type": "bayram_start", "bayram": "kurban"},
    {"date": "2015-09-24", "type": "bayram_start", "bayram": "kurban"},
    {"date": "2016-07-05", "type": "bayram_start", "bayram": "ramazan"},
    {"date": "2016-09-12", "type": "bayram_start", "bayram": "kurban"}
  ]})";

std::vector<CivilDate> StartsInYear(const TurkishCalendar& cal, const char* bayram, int year) {
  std::vector<CivilDate> out;
  for (CivilDate d : cal.BayramStarts(bayram)) {
    if (d.year == year) out.push_back(d);
  }
  return out;
}

TEST(CivilDate, RoundTripsAndKnowsWeekdays) {
  for (int64_t day = -800'000; day <= 800'000; day += 997) {
    EXPECT_EQ(CivilDate::FromDaysSinceEpoch(day).DaysSinceEpoch(), day);
  }
  EXPECT_EQ(D(1970, 1, 1).DaysSinceEpoch(), 0);
  EXPECT_EQ(D(2000, 3, 1).DaysSinceEpoch(), 11017);
  EXPECT_EQ(D(1970, 1, 1).Weekday(), 4);   // Thursday
  EXPECT_EQ(D(2024, 4, 10).Weekday(), 3);  // Wednesday
  EXPECT_EQ(D(2025, 6, 7).Weekday(), 6);   // Saturday
  EXPECT_EQ(D(1969, 12, 28).Weekday(), 7);
  EXPECT_EQ(D(2024, 2, 28).AddDays(1), D(2024, 2, 29));
  EXPECT_EQ(D(2025, 12, 31).AddDays(1), D(2026, 1, 1));
  EXPECT_EQ(D(2026, 3, 5).ToString(), "2026-03-05");
}

TEST(CivilDate, ParsesOnlyRealDates) {
  EXPECT_EQ(ParseCivilDate("2024-02-29"), D(2024, 2, 29));
  EXPECT_FALSE(ParseCivilDate("2025-02-29").has_value());
  EXPECT_FALSE(ParseCivilDate("2025-13-01").has_value());
  EXPECT_FALSE(ParseCivilDate("2025-1-01").has_value());
  EXPECT_FALSE(ParseCivilDate("2025-01-0x").has_value());
  EXPECT_FALSE(ParseCivilDate("").has_value());
}

TEST(TurkishCalendar, FixedHolidaysOf2025) {
  const TurkishCalendar& cal = DefaultCalendar();
  EXPECT_EQ(CodesOn(cal, D(2025, 1, 1)), std::set<std::string>{"yilbasi"});
  EXPECT_EQ(CodesOn(cal, D(2025, 4, 23)), std::set<std::string>{"ulusal-egemenlik"});
  EXPECT_EQ(CodesOn(cal, D(2025, 5, 1)), std::set<std::string>{"emek"});
  EXPECT_EQ(CodesOn(cal, D(2025, 5, 19)), std::set<std::string>{"genclik-spor"});
  EXPECT_EQ(CodesOn(cal, D(2025, 7, 15)), std::set<std::string>{"demokrasi"});
  EXPECT_EQ(CodesOn(cal, D(2025, 8, 30)), std::set<std::string>{"zafer"});
  EXPECT_EQ(CodesOn(cal, D(2025, 10, 28)), std::set<std::string>{"cumhuriyet-arife"});
  EXPECT_EQ(CodesOn(cal, D(2025, 10, 29)), std::set<std::string>{"cumhuriyet"});
  EXPECT_EQ(cal.HolidaysOn(D(2025, 7, 15))[0].name, "Demokrasi ve Millî Birlik Günü");
  EXPECT_EQ(cal.HolidaysOn(D(2025, 1, 1))[0].name, "Yılbaşı");
  EXPECT_EQ(cal.KindOf(D(2025, 5, 19)), DayKind::kHoliday);   // Monday
  EXPECT_EQ(cal.KindOf(D(2025, 10, 28)), DayKind::kHalfDay);  // Tuesday, afternoon off
  EXPECT_EQ(cal.KindOf(D(2025, 8, 30)), DayKind::kHoliday);   // Saturday and a holiday
  EXPECT_EQ(cal.KindOf(D(2025, 10, 27)), DayKind::kWorkingDay);
  EXPECT_TRUE(cal.IsWorkingDay(D(2025, 10, 28)));
}

TEST(TurkishCalendar, HolidaysStartInTheYearsTheLawsTookEffect) {
  const TurkishCalendar& cal = DefaultCalendar();
  EXPECT_TRUE(CodesOn(cal, D(2008, 5, 1)).empty());
  EXPECT_EQ(CodesOn(cal, D(2009, 5, 1)), std::set<std::string>{"emek"});
  EXPECT_TRUE(CodesOn(cal, D(2016, 7, 15)).empty());
  EXPECT_EQ(CodesOn(cal, D(2017, 7, 15)), std::set<std::string>{"demokrasi"});
  EXPECT_EQ(CodesOn(cal, D(1990, 10, 29)), std::set<std::string>{"cumhuriyet"});
  EXPECT_EQ(CodesOn(cal, D(2100, 1, 1)), std::set<std::string>{"yilbasi"});
}

TEST(TurkishCalendar, HalfDayOnAWeekendStaysAWeekend) {
  const TurkishCalendar& cal = DefaultCalendar();
  // 28 Ekim 2023 was a Saturday.
  EXPECT_EQ(cal.KindOf(D(2023, 10, 28)), DayKind::kWeekend);
  EXPECT_EQ(CodesOn(cal, D(2023, 10, 28)), std::set<std::string>{"cumhuriyet-arife"});
}

TEST(TurkishCalendar, ReligiousHolidaysMatchDiyanet2017To2027) {
  const TurkishCalendar& cal = DefaultCalendar();
  for (const BayramDates& b : kDiyanet2017To2027) {
    SCOPED_TRACE(b.year);
    EXPECT_EQ(StartsInYear(cal, "ramazan", b.year), std::vector<CivilDate>{b.ramazan});
    EXPECT_EQ(StartsInYear(cal, "kurban", b.year), std::vector<CivilDate>{b.kurban});
    EXPECT_TRUE(CodesOn(cal, b.ramazan.AddDays(-1)).count("ramazan-arife"));
    EXPECT_TRUE(CodesOn(cal, b.ramazan.AddDays(2)).count("ramazan-3"));
    EXPECT_FALSE(CodesOn(cal, b.ramazan.AddDays(3)).count("ramazan-4"));
    EXPECT_TRUE(CodesOn(cal, b.kurban.AddDays(-1)).count("kurban-arife"));
    EXPECT_TRUE(CodesOn(cal, b.kurban.AddDays(3)).count("kurban-4"));
  }
}

TEST(TurkishCalendar, BriefDates2024To2026DayByDay) {
  const TurkishCalendar& cal = DefaultCalendar();
  struct Expect {
    CivilDate date;
    const char* code;
    DayKind kind;
  };
  const Expect cases[] = {
      {D(2024, 4, 9), "ramazan-arife", DayKind::kHalfDay},
      {D(2024, 4, 10), "ramazan-1", DayKind::kHoliday},
      {D(2024, 4, 12), "ramazan-3", DayKind::kHoliday},
      {D(2024, 6, 15), "kurban-arife", DayKind::kWeekend},  // Saturday
      {D(2024, 6, 16), "kurban-1", DayKind::kHoliday},
      {D(2024, 6, 19), "kurban-4", DayKind::kHoliday},
      {D(2025, 3, 29), "ramazan-arife", DayKind::kWeekend},
      {D(2025, 3, 30), "ramazan-1", DayKind::kHoliday},
      {D(2025, 4, 1), "ramazan-3", DayKind::kHoliday},
      {D(2025, 6, 5), "kurban-arife", DayKind::kHalfDay},
      {D(2025, 6, 6), "kurban-1", DayKind::kHoliday},
      {D(2025, 6, 9), "kurban-4", DayKind::kHoliday},
      {D(2026, 3, 19), "ramazan-arife", DayKind::kHalfDay},
      {D(2026, 3, 20), "ramazan-1", DayKind::kHoliday},
      {D(2026, 3, 22), "ramazan-3", DayKind::kHoliday},
      {D(2026, 5, 26), "kurban-arife", DayKind::kHalfDay},
      {D(2026, 5, 27), "kurban-1", DayKind::kHoliday},
      {D(2026, 5, 30), "kurban-4", DayKind::kHoliday},
      {D(2027, 3, 8), "ramazan-arife", DayKind::kHalfDay},
      {D(2027, 3, 11), "ramazan-3", DayKind::kHoliday},
      {D(2027, 5, 15), "kurban-arife", DayKind::kWeekend},
      {D(2027, 5, 19), "kurban-4", DayKind::kHoliday},  // also 19 Mayıs
  };
  for (const Expect& e : cases) {
    SCOPED_TRACE(e.date.ToString());
    EXPECT_TRUE(CodesOn(cal, e.date).count(e.code));
    EXPECT_EQ(cal.KindOf(e.date), e.kind);
  }
  EXPECT_EQ(cal.KindOf(D(2024, 4, 13)), DayKind::kWeekend);
  EXPECT_EQ(cal.KindOf(D(2025, 4, 2)), DayKind::kWorkingDay);
  EXPECT_EQ(cal.KindOf(D(2026, 5, 25)), DayKind::kWorkingDay);
  EXPECT_EQ(cal.HolidaysOn(D(2026, 5, 28))[0].name, "Kurban Bayramı (2. gün)");
  EXPECT_EQ(cal.HolidaysOn(D(2026, 3, 19))[0].name, "Ramazan Bayramı arifesi (yarım gün)");
  EXPECT_TRUE(cal.HolidaysOn(D(2026, 3, 19))[0].half_day);
}

TEST(TurkishCalendar, CoincidingHolidaysAreAllListed) {
  const TurkishCalendar& cal = DefaultCalendar();
  // Ramazan Bayramı 2023 ran 21–23 April: its third day is also 23 Nisan.
  EXPECT_EQ(CodesOn(cal, D(2023, 4, 23)), (std::set<std::string>{"ramazan-3", "ulusal-egemenlik"}));
  // Kurban Bayramı 2027's fourth day is 19 Mayıs.
  EXPECT_EQ(CodesOn(cal, D(2027, 5, 19)), (std::set<std::string>{"genclik-spor", "kurban-4"}));
}

TEST(TurkishCalendar, YearBoundariesAndTwoBayramsInOneYear) {
  const TurkishCalendar& cal = DefaultCalendar();
  // Ramazan Bayramı fell twice in 2000 (8 January and 27 December).
  EXPECT_EQ(StartsInYear(cal, "ramazan", 2000).size(), 2u);
  EXPECT_EQ(StartsInYear(cal, "ramazan", 2000)[1], D(2000, 12, 27));
  // Kurban Bayramı 2006 began on 31 December: its days 2–4 belong to 2007.
  EXPECT_EQ(StartsInYear(cal, "kurban", 2006).back(), D(2006, 12, 31));
  EXPECT_TRUE(CodesOn(cal, D(2006, 12, 30)).count("kurban-arife"));
  EXPECT_EQ(CodesOn(cal, D(2007, 1, 1)), (std::set<std::string>{"kurban-2", "yilbasi"}));
  EXPECT_TRUE(CodesOn(cal, D(2007, 1, 3)).count("kurban-4"));
  int holidays_2007_from_2006 = 0;
  for (const Holiday& h : cal.HolidaysInYear(2007)) {
    if (h.code.rfind("kurban", 0) == 0 && h.date.month == 1) ++holidays_2007_from_2006;
  }
  EXPECT_EQ(holidays_2007_from_2006, 3);
}

TEST(TurkishCalendar, EveryYearHasItsBayramsWithFullLength) {
  const TurkishCalendar& cal = DefaultCalendar();
  for (int y = TurkishCalendar::kFirstYear; y <= TurkishCalendar::kLastYear; ++y) {
    SCOPED_TRACE(y);
    auto r = StartsInYear(cal, "ramazan", y);
    auto k = StartsInYear(cal, "kurban", y);
    EXPECT_GE(r.size(), 1u);
    EXPECT_LE(r.size(), 2u);
    EXPECT_GE(k.size(), 1u);
    EXPECT_LE(k.size(), 2u);
    int ramazan_days = 0, kurban_days = 0;
    for (const Holiday& h : cal.HolidaysInYear(y)) {
      if (h.source != HolidaySource::kReligious || h.half_day) continue;
      (h.code.rfind("ramazan", 0) == 0 ? ramazan_days : kurban_days)++;
    }
    // A bayram across New Year splits its days between two years; whole years hold 3 or 4 each.
    if (y > 1990 && y < 2100 && r.size() == 1 && r[0].month > 1 && r[0].month < 12) {
      EXPECT_EQ(ramazan_days, 3);
    }
    if (y > 1990 && y < 2100 && k.size() == 1 && k[0].month > 1 && k[0].month < 12) {
      EXPECT_EQ(kurban_days, 4);
    }
  }
}

// Property: the Islamic year is ~354.37 days, so each bayram comes ~11 days earlier in the
// Gregorian year than the year before, and Kurban follows Ramazan by 67–69 days.
TEST(TurkishCalendar, ReligiousHolidaysDriftAboutElevenDaysEarlierEachYear) {
  const TurkishCalendar& cal = DefaultCalendar();
  for (const char* bayram : {"ramazan", "kurban"}) {
    SCOPED_TRACE(bayram);
    std::vector<CivilDate> starts = cal.BayramStarts(bayram);
    ASSERT_GT(starts.size(), 100u);
    int64_t total_shift = 0;
    for (size_t i = 1; i < starts.size(); ++i) {
      CivilDate prev = starts[i - 1];
      CivilDate same_day_next_year{prev.year + 1, prev.month,
                                   prev.month == 2 && prev.day == 29 ? 28 : prev.day};
      int64_t shift = starts[i].DaysSinceEpoch() - same_day_next_year.DaysSinceEpoch();
      EXPECT_GE(shift, -12) << starts[i].ToString();
      EXPECT_LE(shift, -10) << starts[i].ToString();
      total_shift += shift;
    }
    double mean = static_cast<double>(total_shift) / static_cast<double>(starts.size() - 1);
    EXPECT_NEAR(mean, -10.88, 0.1);
  }
  auto ramazan = cal.BayramStarts("ramazan");
  auto kurban = cal.BayramStarts("kurban");
  for (CivilDate r : ramazan) {
    auto k = std::lower_bound(kurban.begin(), kurban.end(), r);
    if (k == kurban.end()) continue;
    int64_t gap = k->DaysSinceEpoch() - r.DaysSinceEpoch();
    EXPECT_GE(gap, 67) << r.ToString();
    EXPECT_LE(gap, 69) << r.ToString();
  }
}

TEST(TurkishCalendar, UmmAlQuraDiffersFromDiyanetBefore2017AndOverridesFixIt) {
  const TurkishCalendar& plain = DefaultCalendar();
  int mismatches = 0;
  for (const BayramDates& b : kDiyanet2007To2016) {
    mismatches += StartsInYear(plain, "ramazan", b.year) != std::vector<CivilDate>{b.ramazan};
    mismatches += StartsInYear(plain, "kurban", b.year) != std::vector<CivilDate>{b.kurban};
  }
  EXPECT_EQ(mismatches, 7);  // documented in docs/sla.md

  auto overrides = ParseCalendarOverrides(kCorrections2007To2016);
  ASSERT_TRUE(overrides.ok()) << overrides.status().ToString();
  auto corrected = TurkishCalendar::Create({.overrides = *overrides});
  ASSERT_TRUE(corrected.ok()) << corrected.status().ToString();
  for (const BayramDates& b : kDiyanet2007To2016) {
    SCOPED_TRACE(b.year);
    EXPECT_EQ(StartsInYear(**corrected, "ramazan", b.year), std::vector<CivilDate>{b.ramazan});
    EXPECT_EQ(StartsInYear(**corrected, "kurban", b.year), std::vector<CivilDate>{b.kurban});
  }
  // The whole bayram moves: arife and the last day too.
  EXPECT_TRUE(CodesOn(**corrected, D(2016, 7, 4)).count("ramazan-arife"));
  EXPECT_TRUE(CodesOn(**corrected, D(2016, 7, 7)).count("ramazan-3"));
  EXPECT_TRUE(CodesOn(**corrected, D(2016, 7, 8)).empty());
  EXPECT_EQ((*corrected)->KindOf(D(2016, 7, 8)), DayKind::kWorkingDay);
}

TEST(TurkishCalendar, CivilVariantIsADayLateIn2024) {
  auto civil =
      TurkishCalendar::Create({.variant = IslamicCalendarVariant::kCivil, .overrides = {}});
  ASSERT_TRUE(civil.ok());
  EXPECT_EQ(StartsInYear(**civil, "kurban", 2024), std::vector<CivilDate>{D(2024, 6, 17)});
  EXPECT_EQ(StartsInYear(**civil, "ramazan", 2025), std::vector<CivilDate>{D(2025, 3, 31)});
}

TEST(TurkishCalendar, IdariIzinAndMakeUpDaysFromOverrides) {
  auto overrides = ParseCalendarOverrides(R"([
    {"date": "2025-06-05", "type": "holiday", "name": "Kurban Bayramı idari izni"},
    {"date": "2025-06-04", "type": "half_day"},
    {"date": "2025-06-14", "type": "working_day", "name": "Telafi çalışması"},
    {"date": "2025-05-19", "type": "working_day"}
  ])");
  ASSERT_TRUE(overrides.ok()) << overrides.status().ToString();
  auto cal = TurkishCalendar::Create({.overrides = *overrides});
  ASSERT_TRUE(cal.ok()) << cal.status().ToString();
  const TurkishCalendar& c = **cal;
  EXPECT_EQ(c.KindOf(D(2025, 6, 5)), DayKind::kHoliday);  // arife made a whole day off
  EXPECT_EQ(CodesOn(c, D(2025, 6, 5)), (std::set<std::string>{"idari-izin", "kurban-arife"}));
  EXPECT_EQ(c.HolidaysOn(D(2025, 6, 5))[0].name, "Kurban Bayramı idari izni");
  EXPECT_EQ(c.KindOf(D(2025, 6, 4)), DayKind::kHalfDay);
  EXPECT_EQ(c.HolidaysOn(D(2025, 6, 4))[0].name, "Yarım gün idari izin");
  EXPECT_EQ(c.KindOf(D(2025, 6, 14)), DayKind::kWorkingDay);  // a Saturday
  EXPECT_EQ(c.KindOf(D(2025, 5, 19)), DayKind::kWorkingDay);
  EXPECT_TRUE(c.HolidaysOn(D(2025, 5, 19)).empty());
  // The default calendar is untouched.
  EXPECT_EQ(DefaultCalendar().KindOf(D(2025, 6, 5)), DayKind::kHalfDay);
}

TEST(TurkishCalendar, LaterOverrideWins) {
  auto overrides = ParseCalendarOverrides(R"([
    {"date": "2025-03-03", "type": "working_day"},
    {"date": "2025-03-03", "type": "holiday"}
  ])");
  ASSERT_TRUE(overrides.ok());
  auto cal = TurkishCalendar::Create({.overrides = *overrides});
  ASSERT_TRUE(cal.ok());
  EXPECT_EQ((*cal)->KindOf(D(2025, 3, 3)), DayKind::kHoliday);
}

TEST(TurkishCalendar, BadOverridesAreRefusedWithTheEntryNamed) {
  auto bad = [](std::string_view json) {
    auto r = ParseCalendarOverrides(json);
    EXPECT_FALSE(r.ok()) << json;
    return r.ok() ? std::string() : r.status().message();
  };
  EXPECT_NE(bad("not json").find("not valid JSON"), std::string::npos);
  EXPECT_NE(bad(R"([{"date": "2025-02-30", "type": "holiday"}])").find("entries[0].date"),
            std::string::npos);
  EXPECT_NE(bad(R"([{"date": "2025-02-03", "type": "holiday"}, {"date": "2025-02-04"}])")
                .find("entries[1].type"),
            std::string::npos);
  EXPECT_NE(bad(R"([{"date": "2025-02-03", "type": "tatil"}])").find("type must be"),
            std::string::npos);
  EXPECT_NE(
      bad(R"([{"date": "2025-02-03", "type": "bayram_start", "bayram": "seker"}])").find("bayram"),
      std::string::npos);
  bad(R"({"format": "other", "entries": []})");
  bad(R"({"version": 2, "entries": []})");
  bad(R"({"entries": {}})");
  bad(R"([42])");
  EXPECT_TRUE(ParseCalendarOverrides(R"({"version": 1, "entries": []})").ok());

  CalendarOverride far_away{CalendarOverride::Kind::kBayramStart, D(2025, 1, 15), "", "ramazan"};
  auto no_match = TurkishCalendar::Create({.overrides = {far_away}});
  ASSERT_FALSE(no_match.ok());
  EXPECT_EQ(no_match.status().code(), StatusCode::kInvalidArgument);
  CalendarOverride out_of_range{CalendarOverride::Kind::kHoliday, D(2101, 1, 2), "x", ""};
  EXPECT_FALSE(TurkishCalendar::Create({.overrides = {out_of_range}}).ok());
}

TEST(TurkishCalendar, LoadsOverridesFromAFile) {
  auto dir =
      std::filesystem::temp_directory_path() /
      ("kapi_calendar_test_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()));
  std::filesystem::create_directories(dir);
  auto path = (dir / "overrides.json").string();
  {
    std::ofstream out(path);
    out << R"({"format": "kapi.calendar-overrides", "version": 1,
              "entries": [{"date": "2026-01-02", "type": "holiday"}]})";
  }
  auto loaded = LoadCalendarOverridesFile(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  ASSERT_EQ(loaded->size(), 1u);
  EXPECT_EQ((*loaded)[0].date, D(2026, 1, 2));
  EXPECT_EQ((*loaded)[0].name, "İdari izin");
  EXPECT_EQ(LoadCalendarOverridesFile((dir / "missing.json").string()).status().code(),
            StatusCode::kNotFound);
  std::filesystem::remove_all(dir);
}

TEST(TurkishCalendar, CountsWorkingDaysInsideAndOutsideTheRange) {
  const TurkishCalendar& cal = DefaultCalendar();
  // Week of Kurban Bayramı 2025: Mon 2 – Sun 8 June; 5 Thursday arife (half), 6 Friday bayram.
  EXPECT_EQ(cal.WorkingDaysBetween(D(2025, 6, 1), D(2025, 6, 8)), 4);
  EXPECT_EQ(cal.WorkingDaysBetween(D(2025, 6, 8), D(2025, 6, 1)), -4);
  EXPECT_EQ(cal.WorkingDaysBetween(D(2025, 6, 8), D(2025, 6, 8)), 0);
  // Outside 1990–2100 only weekends are known: a week has 5 working days.
  EXPECT_EQ(cal.WorkingDaysBetween(D(1989, 12, 3), D(1989, 12, 10)), 5);
  EXPECT_EQ(cal.WorkingDaysBetween(D(2101, 1, 2), D(2101, 1, 9)), 5);
  // Across the range edge: 29–31 Dec 1989 (Fri–Sun) then 1 Jan 1990 (holiday), 2 Jan (Tue).
  EXPECT_EQ(cal.WorkingDaysBetween(D(1989, 12, 28), D(1990, 1, 2)), 2);
  EXPECT_EQ(cal.NextWorkingDayFrom(D(2025, 6, 6)), D(2025, 6, 10));
  EXPECT_EQ(cal.NextWorkingDayFrom(D(2025, 6, 5)), D(2025, 6, 5));
}

TEST(TurkishCalendar, YearListingIsSortedAndComplete) {
  std::vector<Holiday> y2024 = DefaultCalendar().HolidaysInYear(2024);
  // 8 fixed entries (incl. 28 Ekim half day) + 2 arife + 3 + 4 bayram days.
  EXPECT_EQ(y2024.size(), 8u + 2u + 3u + 4u);
  EXPECT_TRUE(std::is_sorted(y2024.begin(), y2024.end(),
                             [](const Holiday& a, const Holiday& b) { return a.date < b.date; }));
  EXPECT_TRUE(DefaultCalendar().HolidaysInYear(1989).empty());
  EXPECT_TRUE(DefaultCalendar().HolidaysInYear(2101).empty());
}

}  // namespace
}  // namespace kapi::cases
