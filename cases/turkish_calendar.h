#pragma once
// Public holidays and working days of Türkiye, computed (never typed in per year) for 1990–2100.
//
// Fixed-date holidays follow Law 2429 (Ulusal Bayram ve Genel Tatiller Hakkında Kanun) with the
// years each one was in force; Ramazan and Kurban Bayramı come from ICU's Islamic calendar
// (Umm al-Qura by default, which matches the dates published by the Diyanet İşleri Başkanlığı for
// every year 2017–2027; see docs/sla.md for the years before 2017 where it differs by a day).
// Institutions correct or extend the computed calendar with a small JSON override list
// (idari izin, make-up working days, a one-day bayram correction); format in
// docs/formats/calendar-overrides.md.
//
// Saturdays and Sundays are not working days. A half day (arife, 28 Ekim) is a holiday from 13:00
// local time; its morning is office time.
//
// Thread-safety: a TurkishCalendar is immutable after Create(); all const methods may be called
// concurrently from any thread.

#include <compare>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace kapi::cases {

// A date in the proleptic Gregorian calendar, without time or zone.
struct CivilDate {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31

  auto operator<=>(const CivilDate&) const = default;

  // Days since 1970-01-01 (negative before). Exact for any valid date.
  int64_t DaysSinceEpoch() const;
  static CivilDate FromDaysSinceEpoch(int64_t days);
  // ISO weekday: 1 = Monday … 7 = Sunday.
  int Weekday() const;
  CivilDate AddDays(int64_t n) const { return FromDaysSinceEpoch(DaysSinceEpoch() + n); }
  // "YYYY-MM-DD".
  std::string ToString() const;
};

// Strict "YYYY-MM-DD" of a real date (no 2025-02-30); nullopt otherwise.
std::optional<CivilDate> ParseCivilDate(std::string_view iso);

// What a day is for office work.
enum class DayKind : uint8_t {
  kWorkingDay,  // a full office day
  kHalfDay,     // office open in the morning; holiday from 13:00 (arife, 28 Ekim)
  kWeekend,     // Saturday or Sunday (and not made a working day by an override)
  kHoliday,     // a public holiday or administrative leave for the whole day
};

std::string_view DayKindName(DayKind kind);  // "working_day", "half_day", "weekend", "holiday"

enum class HolidaySource : uint8_t {
  kFixedDate,  // Law 2429 fixed-date holiday
  kReligious,  // Ramazan / Kurban Bayramı from the Islamic calendar
  kOverride,   // from the institution's override list (e.g. idari izin)
};

struct Holiday {
  CivilDate date;
  std::string code;       // stable id, e.g. "yilbasi", "ramazan-arife", "ramazan-1", "kurban-4"
  std::string name;       // Turkish display name, e.g. "Kurban Bayramı (2. gün)"
  bool half_day = false;  // holiday only from 13:00 local time
  HolidaySource source = HolidaySource::kFixedDate;
};

// Which ICU Islamic calendar computes the religious holidays.
enum class IslamicCalendarVariant {
  kUmmAlQura,  // "islamic-umalqura": matches Diyanet 2017–2027 (default)
  kCivil,      // "islamic-civil": arithmetic; often a day late (e.g. Kurban 2024 on 17 June)
};

// One entry of an institution's override list.
struct CalendarOverride {
  enum class Kind {
    kHoliday,      // whole day off (idari izin, a new holiday)
    kHalfDay,      // afternoon off from 13:00
    kWorkingDay,   // the day is a working day: removes holidays and the weekend on that date
    kBayramStart,  // the named bayram that starts within ±3 days of `date` starts on `date`
  };
  Kind kind = Kind::kHoliday;
  CivilDate date;
  std::string name;    // Turkish; defaults to "İdari izin" / "Yarım gün idari izin"
  std::string bayram;  // "ramazan" or "kurban" for kBayramStart
};

// Parses the override list (docs/formats/calendar-overrides.md): either
// {"format": "kapi.calendar-overrides", "version": 1, "entries": [...]} or a bare array of
// entries. kInvalidArgument naming the bad entry on any error.
Result<std::vector<CalendarOverride>> ParseCalendarOverrides(std::string_view json);
Result<std::vector<CalendarOverride>> LoadCalendarOverridesFile(const std::string& path);

class TurkishCalendar {
 public:
  static constexpr int kFirstYear = 1990;
  static constexpr int kLastYear = 2100;

  struct Options {
    IslamicCalendarVariant variant = IslamicCalendarVariant::kUmmAlQura;
    // Applied in order after the computed calendar; kBayramStart entries first.
    std::vector<CalendarOverride> overrides;
  };

  // Computes the whole 1990–2100 calendar once (a few milliseconds). Fails when ICU cannot
  // build the Islamic calendar or an override is out of range or matches no bayram.
  static Result<std::unique_ptr<TurkishCalendar>> Create(const Options& options);
  static Result<std::unique_ptr<TurkishCalendar>> Create() { return Create(Options{}); }

  static CivilDate FirstDay() { return {kFirstYear, 1, 1}; }
  static CivilDate LastDay() { return {kLastYear, 12, 31}; }
  // True when `date` lies in 1990-01-01 … 2100-12-31, where holidays are known.
  static bool Covers(CivilDate date) { return date >= FirstDay() && date <= LastDay(); }

  // Outside the covered range only weekends are known (every weekday is a working day).
  DayKind KindOf(CivilDate date) const;
  // Working days include half days (their morning is office time).
  bool IsWorkingDay(CivilDate date) const {
    DayKind k = KindOf(date);
    return k == DayKind::kWorkingDay || k == DayKind::kHalfDay;
  }
  // The first working day on or after `date`.
  CivilDate NextWorkingDayFrom(CivilDate date) const;
  // Number of working days d (half days included) with from < d <= to; negative when to < from
  // (then it is minus the count in (to, from]). O(1) inside the covered range.
  int64_t WorkingDaysBetween(CivilDate from_exclusive, CivilDate to_inclusive) const;

  // All holidays on a date, whole-day ones first (two can coincide, e.g. 23 Nisan inside
  // Ramazan Bayramı 2023).
  std::vector<Holiday> HolidaysOn(CivilDate date) const;
  // The holidays of one year in date order; empty outside 1990–2100.
  std::vector<Holiday> HolidaysInYear(int year) const;
  // First days of Ramazan ("ramazan") or Kurban ("kurban") Bayramı inside 1990–2100, in order.
  std::vector<CivilDate> BayramStarts(std::string_view bayram) const;

 private:
  TurkishCalendar() = default;
  int64_t Index(CivilDate date) const;  // -1 when not covered
  // Working days in [FirstDay, date] for any date (weekday arithmetic outside the range).
  int64_t CumulativeWorkingDays(int64_t day_number) const;

  std::vector<Holiday> holidays_;        // by date; whole-day entries before half days
  std::vector<DayKind> kinds_;           // one per covered day
  std::vector<int32_t> working_prefix_;  // working days in [FirstDay, FirstDay + i]
  std::vector<CivilDate> ramazan_starts_;
  std::vector<CivilDate> kurban_starts_;
};

}  // namespace kapi::cases
