#include "cases/turkish_calendar.h"

#include <unicode/calendar.h>
#include <unicode/locid.h>
#include <unicode/timezone.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <utility>

namespace kapi::cases {
namespace {

constexpr int64_t kMillisPerDay = 86'400'000;

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

bool IsLeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeapYear(y) ? 29 : kDays[m - 1];
}

// Monday–Friday days with day number <= d, counted from the Monday 1969-12-29 (day -3). Only
// differences of this function are meaningful.
int64_t WeekdaysUpTo(int64_t d) {
  int64_t m = d + 3;  // days since that Monday
  int64_t weeks = FloorDiv(m, 7);
  int64_t rem = m - weeks * 7;  // 0 = Monday … 6 = Sunday
  return weeks * 5 + std::min<int64_t>(rem + 1, 5);
}

struct FixedHoliday {
  int month;
  int day;
  const char* code;
  const char* name;
  bool half_day;
  int since_year;  // first year the holiday was in force
};

// Law 2429 as amended: 1 Mayıs by Law 5892 (2009), 15 Temmuz by Law 6752 (in force 2017).
constexpr FixedHoliday kFixedHolidays[] = {
    {1, 1, "yilbasi", "Yılbaşı", false, 0},
    {4, 23, "ulusal-egemenlik", "Ulusal Egemenlik ve Çocuk Bayramı", false, 0},
    {5, 1, "emek", "Emek ve Dayanışma Günü", false, 2009},
    {5, 19, "genclik-spor", "Atatürk'ü Anma, Gençlik ve Spor Bayramı", false, 0},
    {7, 15, "demokrasi", "Demokrasi ve Millî Birlik Günü", false, 2017},
    {8, 30, "zafer", "Zafer Bayramı", false, 0},
    {10, 28, "cumhuriyet-arife", "Cumhuriyet Bayramı arifesi (yarım gün)", true, 0},
    {10, 29, "cumhuriyet", "Cumhuriyet Bayramı", false, 0},
};

struct BayramSpec {
  const char* key;    // "ramazan" / "kurban"
  const char* title;  // "Ramazan Bayramı"
  int hijri_month;    // ICU month index (0-based): 9 = Şevval, 11 = Zilhicce
  int hijri_day;
  int length_days;
};
constexpr BayramSpec kRamazan{"ramazan", "Ramazan Bayramı", 9, 1, 3};
constexpr BayramSpec kKurban{"kurban", "Kurban Bayramı", 11, 10, 4};

const char* IcuLocaleFor(IslamicCalendarVariant v) {
  return v == IslamicCalendarVariant::kCivil ? "tr_TR@calendar=islamic-civil"
                                             : "tr_TR@calendar=islamic-umalqura";
}

// First days of a bayram for every Hijri year whose bayram (with its arife) can touch 1990–2100.
Result<std::vector<CivilDate>> ComputeBayramStarts(IslamicCalendarVariant variant,
                                                   const BayramSpec& spec) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Calendar> cal(icu::Calendar::createInstance(
      icu::TimeZone::getGMT()->clone(), icu::Locale(IcuLocaleFor(variant)), status));
  if (U_FAILURE(status) || cal == nullptr) {
    return Internal(std::string("ICU Islamic calendar unavailable: ") + u_errorName(status));
  }
  std::vector<CivilDate> starts;
  // 1409 AH begins in 1988 and 1526 AH ends in 2103: a margin on both sides of 1990–2100.
  for (int hijri_year = 1409; hijri_year <= 1526; ++hijri_year) {
    cal->clear();
    cal->set(UCAL_YEAR, hijri_year);
    cal->set(UCAL_MONTH, spec.hijri_month);
    cal->set(UCAL_DATE, spec.hijri_day);
    UDate millis = cal->getTime(status);
    if (U_FAILURE(status)) {
      return Internal(std::string("ICU date conversion failed: ") + u_errorName(status));
    }
    starts.push_back(
        CivilDate::FromDaysSinceEpoch(FloorDiv(static_cast<int64_t>(millis), kMillisPerDay)));
  }
  return starts;
}

Status ApplyBayramCorrection(const CalendarOverride& o, std::vector<CivilDate>& starts) {
  int64_t target = o.date.DaysSinceEpoch();
  for (CivilDate& start : starts) {
    int64_t diff = start.DaysSinceEpoch() - target;
    if (diff >= -3 && diff <= 3) {
      start = o.date;
      return Status::Ok();
    }
  }
  return InvalidArgument(
      "no computed " + o.bayram + " bayram starts within 3 days of " + o.date.ToString(), "date");
}

void AddBayram(const BayramSpec& spec, CivilDate start, std::vector<Holiday>& out) {
  out.push_back({start.AddDays(-1), std::string(spec.key) + "-arife",
                 std::string(spec.title) + " arifesi (yarım gün)", true,
                 HolidaySource::kReligious});
  for (int i = 0; i < spec.length_days; ++i) {
    out.push_back({start.AddDays(i), std::string(spec.key) + "-" + std::to_string(i + 1),
                   std::string(spec.title) + " (" + std::to_string(i + 1) + ". gün)", false,
                   HolidaySource::kReligious});
  }
}

Result<CalendarOverride> ParseOverrideEntry(const nlohmann::json& e, size_t index) {
  std::string where = "entries[" + std::to_string(index) + "]";
  if (!e.is_object()) return InvalidArgument(where + " is not an object", where);
  auto str = [&](const char* key) -> std::optional<std::string> {
    auto it = e.find(key);
    if (it == e.end() || !it->is_string()) return std::nullopt;
    return it->get<std::string>();
  };
  CalendarOverride o;
  std::optional<std::string> date = str("date");
  if (!date) return InvalidArgument(where + ".date is missing", where + ".date");
  std::optional<CivilDate> parsed = ParseCivilDate(*date);
  if (!parsed) {
    return InvalidArgument(where + ".date is not a YYYY-MM-DD date: " + *date, where + ".date");
  }
  o.date = *parsed;
  std::optional<std::string> type = str("type");
  if (!type) return InvalidArgument(where + ".type is missing", where + ".type");
  if (*type == "holiday") {
    o.kind = CalendarOverride::Kind::kHoliday;
    o.name = "İdari izin";
  } else if (*type == "half_day") {
    o.kind = CalendarOverride::Kind::kHalfDay;
    o.name = "Yarım gün idari izin";
  } else if (*type == "working_day") {
    o.kind = CalendarOverride::Kind::kWorkingDay;
    o.name = "Çalışma günü";
  } else if (*type == "bayram_start") {
    o.kind = CalendarOverride::Kind::kBayramStart;
    std::optional<std::string> bayram = str("bayram");
    if (!bayram || (*bayram != "ramazan" && *bayram != "kurban")) {
      return InvalidArgument(where + ".bayram must be \"ramazan\" or \"kurban\"",
                             where + ".bayram");
    }
    o.bayram = *bayram;
  } else {
    return InvalidArgument(where + ".type must be holiday, half_day, working_day or bayram_start",
                           where + ".type");
  }
  if (std::optional<std::string> name = str("name"); name && !name->empty()) o.name = *name;
  return o;
}

}  // namespace

int64_t CivilDate::DaysSinceEpoch() const {
  // H. Hinnant, "chrono-Compatible Low-Level Date Algorithms", days_from_civil.
  const int64_t y = static_cast<int64_t>(year) - (month <= 2 ? 1 : 0);
  const int64_t era = FloorDiv(y, 400);
  const int64_t yoe = y - era * 400;
  const int64_t mp = (month + 9) % 12;
  const int64_t doy = (153 * mp + 2) / 5 + day - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

CivilDate CivilDate::FromDaysSinceEpoch(int64_t days) {
  const int64_t z = days + 719468;
  const int64_t era = FloorDiv(z, 146097);
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int64_t y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return {static_cast<int>(y), m, d};
}

int CivilDate::Weekday() const {
  int64_t d = DaysSinceEpoch() + 3;  // 1970-01-01 was a Thursday (ISO 4)
  return static_cast<int>(d - FloorDiv(d, 7) * 7) + 1;
}

std::string CivilDate::ToString() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

std::optional<CivilDate> ParseCivilDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  auto num = [&](size_t pos, size_t len) -> int {
    int v = 0;
    for (size_t i = pos; i < pos + len; ++i) {
      if (s[i] < '0' || s[i] > '9') return -1;
      v = v * 10 + (s[i] - '0');
    }
    return v;
  };
  int y = num(0, 4), m = num(5, 2), d = num(8, 2);
  if (y < 0 || m < 1 || m > 12 || d < 1 || d > DaysInMonth(y, m)) return std::nullopt;
  return CivilDate{y, m, d};
}

std::string_view DayKindName(DayKind kind) {
  switch (kind) {
    case DayKind::kWorkingDay:
      return "working_day";
    case DayKind::kHalfDay:
      return "half_day";
    case DayKind::kWeekend:
      return "weekend";
    case DayKind::kHoliday:
      return "holiday";
  }
  return "unknown";
}

Result<std::vector<CalendarOverride>> ParseCalendarOverrides(std::string_view json) {
  nlohmann::json doc = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return InvalidArgument("calendar overrides are not valid JSON");
  const nlohmann::json* entries = &doc;
  if (doc.is_object()) {
    auto format = doc.find("format");
    if (format != doc.end() &&
        !(format->is_string() && format->get<std::string>() == "kapi.calendar-overrides")) {
      return InvalidArgument("calendar overrides: format must be \"kapi.calendar-overrides\"",
                             "format");
    }
    auto version = doc.find("version");
    if (version != doc.end() && !(version->is_number_integer() && version->get<int64_t>() == 1)) {
      return InvalidArgument("calendar overrides: only version 1 is known", "version");
    }
    auto it = doc.find("entries");
    if (it == doc.end()) return InvalidArgument("calendar overrides: entries missing", "entries");
    entries = &*it;
  }
  if (!entries->is_array()) {
    return InvalidArgument("calendar overrides: entries must be an array", "entries");
  }
  std::vector<CalendarOverride> out;
  for (size_t i = 0; i < entries->size(); ++i) {
    Result<CalendarOverride> o = ParseOverrideEntry((*entries)[i], i);
    if (!o.ok()) return o.status();
    out.push_back(std::move(*o));
  }
  return out;
}

Result<std::vector<CalendarOverride>> LoadCalendarOverridesFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound("cannot open calendar overrides file " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return ParseCalendarOverrides(text.str());
}

Result<std::unique_ptr<TurkishCalendar>> TurkishCalendar::Create(const Options& options) {
  std::unique_ptr<TurkishCalendar> cal(new TurkishCalendar());  // private constructor
  for (const CalendarOverride& o : options.overrides) {
    if (!Covers(o.date)) {
      return InvalidArgument("calendar override outside 1990–2100: " + o.date.ToString(), "date");
    }
  }

  Result<std::vector<CivilDate>> ramazan = ComputeBayramStarts(options.variant, kRamazan);
  if (!ramazan.ok()) return ramazan.status();
  Result<std::vector<CivilDate>> kurban = ComputeBayramStarts(options.variant, kKurban);
  if (!kurban.ok()) return kurban.status();
  for (const CalendarOverride& o : options.overrides) {
    if (o.kind != CalendarOverride::Kind::kBayramStart) continue;
    KAPI_RETURN_IF_ERROR(ApplyBayramCorrection(o, o.bayram == "ramazan" ? *ramazan : *kurban));
  }

  std::vector<Holiday> all;
  for (int y = kFirstYear; y <= kLastYear; ++y) {
    for (const FixedHoliday& f : kFixedHolidays) {
      if (y < f.since_year) continue;
      all.push_back({{y, f.month, f.day}, f.code, f.name, f.half_day, HolidaySource::kFixedDate});
    }
  }
  for (CivilDate s : *ramazan) AddBayram(kRamazan, s, all);
  for (CivilDate s : *kurban) AddBayram(kKurban, s, all);
  std::erase_if(all, [](const Holiday& h) { return !Covers(h.date); });
  for (CivilDate s : *ramazan) {
    if (Covers(s)) cal->ramazan_starts_.push_back(s);
  }
  for (CivilDate s : *kurban) {
    if (Covers(s)) cal->kurban_starts_.push_back(s);
  }

  // Day-level overrides, in list order: a later entry wins over an earlier one.
  std::vector<int64_t> forced_working;
  for (const CalendarOverride& o : options.overrides) {
    int64_t day = o.date.DaysSinceEpoch();
    switch (o.kind) {
      case CalendarOverride::Kind::kBayramStart:
        break;
      case CalendarOverride::Kind::kWorkingDay:
        std::erase_if(all, [&](const Holiday& h) { return h.date == o.date; });
        forced_working.push_back(day);
        break;
      case CalendarOverride::Kind::kHoliday:
      case CalendarOverride::Kind::kHalfDay:
        std::erase(forced_working, day);
        all.push_back(
            {o.date, o.kind == CalendarOverride::Kind::kHoliday ? "idari-izin" : "idari-izin-yarim",
             o.name, o.kind == CalendarOverride::Kind::kHalfDay, HolidaySource::kOverride});
        break;
    }
  }
  std::stable_sort(all.begin(), all.end(), [](const Holiday& a, const Holiday& b) {
    return a.date < b.date || (a.date == b.date && a.half_day < b.half_day);
  });
  cal->holidays_ = std::move(all);

  const int64_t first = FirstDay().DaysSinceEpoch();
  const int64_t count = LastDay().DaysSinceEpoch() - first + 1;
  cal->kinds_.resize(count, DayKind::kWorkingDay);
  for (int64_t i = 0; i < count; ++i) {
    if (CivilDate::FromDaysSinceEpoch(first + i).Weekday() >= 6) cal->kinds_[i] = DayKind::kWeekend;
  }
  for (const Holiday& h : cal->holidays_) {
    DayKind& k = cal->kinds_[h.date.DaysSinceEpoch() - first];
    if (!h.half_day) {
      k = DayKind::kHoliday;
    } else if (k == DayKind::kWorkingDay) {
      k = DayKind::kHalfDay;
    }
  }
  for (int64_t day : forced_working) cal->kinds_[day - first] = DayKind::kWorkingDay;

  cal->working_prefix_.resize(count);
  int32_t running = 0;
  for (int64_t i = 0; i < count; ++i) {
    DayKind k = cal->kinds_[i];
    if (k == DayKind::kWorkingDay || k == DayKind::kHalfDay) ++running;
    cal->working_prefix_[i] = running;
  }
  return cal;
}

int64_t TurkishCalendar::Index(CivilDate date) const {
  if (!Covers(date)) return -1;
  return date.DaysSinceEpoch() - FirstDay().DaysSinceEpoch();
}

DayKind TurkishCalendar::KindOf(CivilDate date) const {
  int64_t i = Index(date);
  if (i >= 0) return kinds_[i];
  return date.Weekday() >= 6 ? DayKind::kWeekend : DayKind::kWorkingDay;
}

CivilDate TurkishCalendar::NextWorkingDayFrom(CivilDate date) const {
  // At most ~10 consecutive non-working days occur (a bayram bridged by idari izin and two
  // weekends); the loop is bounded by the override list in the worst case.
  while (!IsWorkingDay(date)) date = date.AddDays(1);
  return date;
}

int64_t TurkishCalendar::CumulativeWorkingDays(int64_t day) const {
  const int64_t first = FirstDay().DaysSinceEpoch();
  const int64_t last = LastDay().DaysSinceEpoch();
  if (day < first) return WeekdaysUpTo(day) - WeekdaysUpTo(first - 1);
  if (day > last) return working_prefix_.back() + WeekdaysUpTo(day) - WeekdaysUpTo(last);
  return working_prefix_[day - first];
}

int64_t TurkishCalendar::WorkingDaysBetween(CivilDate from_exclusive,
                                            CivilDate to_inclusive) const {
  return CumulativeWorkingDays(to_inclusive.DaysSinceEpoch()) -
         CumulativeWorkingDays(from_exclusive.DaysSinceEpoch());
}

std::vector<Holiday> TurkishCalendar::HolidaysOn(CivilDate date) const {
  auto lo = std::lower_bound(holidays_.begin(), holidays_.end(), date,
                             [](const Holiday& h, CivilDate d) { return h.date < d; });
  std::vector<Holiday> out;
  for (auto it = lo; it != holidays_.end() && it->date == date; ++it) out.push_back(*it);
  return out;
}

std::vector<Holiday> TurkishCalendar::HolidaysInYear(int year) const {
  std::vector<Holiday> out;
  for (const Holiday& h : holidays_) {
    if (h.date.year == year) out.push_back(h);
  }
  return out;
}

std::vector<CivilDate> TurkishCalendar::BayramStarts(std::string_view bayram) const {
  if (bayram == "ramazan") return ramazan_starts_;
  if (bayram == "kurban") return kurban_starts_;
  return {};
}

}  // namespace kapi::cases
