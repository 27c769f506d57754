#include "cases/sla_clock.h"

#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <utility>

namespace kapi::cases {
namespace {

constexpr int64_t kMillisPerDay = 86'400'000;
constexpr int64_t kMillisPerMinute = 60'000;
constexpr int kMaxSlaDays = 3650;

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

}  // namespace

// ICU's TimeZone, kept out of the header. getOffset() is const and safe to call concurrently.
struct SlaClock::Zone {
  std::unique_ptr<icu::TimeZone> tz;
};

SlaPolicy PolicyForTopic(const Topic& topic) {
  return {topic.sla_days,
          topic.sla_working_days ? DayCounting::kWorkingDays : DayCounting::kCalendarDays};
}

std::string_view SlaStateName(SlaState state) {
  switch (state) {
    case SlaState::kOnTime:
      return "on_time";
    case SlaState::kDueSoon:
      return "due_soon";
    case SlaState::kOverdue:
      return "overdue";
  }
  return "unknown";
}

Result<std::unique_ptr<SlaClock>> SlaClock::Create(std::shared_ptr<const TurkishCalendar> calendar,
                                                   const Clock& clock, const Options& options) {
  if (calendar == nullptr) return InvalidArgument("SLA clock needs a calendar", "calendar");
  if (options.due_soon_working_days < 0 || options.due_soon_working_days > 365) {
    return InvalidArgument("due_soon_working_days must be in 0..365", "due_soon_working_days");
  }
  if (options.office_close_minute <= 0 || options.office_close_minute >= 24 * 60 ||
      options.half_day_close_minute <= 0 || options.half_day_close_minute >= 24 * 60) {
    return InvalidArgument("office closing minutes must be within the day", "office_close_minute");
  }
  if (options.institution_default.days < 1 || options.institution_default.days > kMaxSlaDays) {
    return InvalidArgument("institution default SLA must be 1..3650 days", "institution_default");
  }
  auto zone = std::make_unique<Zone>();
  zone->tz.reset(
      icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(options.time_zone.c_str())));
  icu::UnicodeString id;
  if (zone->tz == nullptr || zone->tz->getID(id) == icu::UnicodeString(u"Etc/Unknown")) {
    return InvalidArgument("unknown time zone: " + options.time_zone, "time_zone");
  }
  return std::unique_ptr<SlaClock>(
      new SlaClock(std::move(calendar), clock, options, std::move(zone)));
}

SlaClock::SlaClock(std::shared_ptr<const TurkishCalendar> calendar, const Clock& clock,
                   Options options, std::unique_ptr<Zone> zone)
    : calendar_(std::move(calendar)),
      clock_(clock),
      options_(std::move(options)),
      zone_(std::move(zone)) {}

SlaClock::~SlaClock() = default;

CivilDate SlaClock::LocalDate(int64_t millis) const {
  int32_t raw = 0, dst = 0;
  UErrorCode status = U_ZERO_ERROR;
  zone_->tz->getOffset(static_cast<UDate>(millis), /*local=*/false, raw, dst, status);
  if (U_FAILURE(status)) raw = dst = 0;  // cannot happen for a valid zone; stay defined
  return CivilDate::FromDaysSinceEpoch(FloorDiv(millis + raw + dst, kMillisPerDay));
}

int64_t SlaClock::LocalTimeToMillis(CivilDate date, int minute_of_day) const {
  const int64_t local = date.DaysSinceEpoch() * kMillisPerDay + minute_of_day * kMillisPerMinute;
  int32_t raw = 0, dst = 0;
  UErrorCode status = U_ZERO_ERROR;
  zone_->tz->getOffset(static_cast<UDate>(local), /*local=*/true, raw, dst, status);
  if (U_FAILURE(status)) raw = dst = 0;
  return local - raw - dst;
}

Result<int64_t> SlaClock::DueAt(int64_t received_at_ms, SlaPolicy policy) const {
  if (policy.days < 1 || policy.days > kMaxSlaDays) {
    return InvalidArgument("SLA days must be 1..3650, got " + std::to_string(policy.days), "days");
  }
  const CivilDate received = LocalDate(received_at_ms);
  if (!TurkishCalendar::Covers(received)) {
    return InvalidArgument("received date outside 1990–2100: " + received.ToString(),
                           "received_at");
  }
  const TurkishCalendar& cal = *calendar_;
  CivilDate last = received;
  if (policy.counting == DayCounting::kCalendarDays) {
    last = cal.NextWorkingDayFrom(received.AddDays(policy.days));
  } else {
    for (int counted = 0; counted < policy.days;) {
      last = last.AddDays(1);
      if (cal.IsWorkingDay(last)) ++counted;
    }
  }
  if (!TurkishCalendar::Covers(last)) {
    return InvalidArgument("deadline falls after 2100: " + last.ToString(), "received_at");
  }
  const int close = cal.KindOf(last) == DayKind::kHalfDay ? options_.half_day_close_minute
                                                          : options_.office_close_minute;
  return LocalTimeToMillis(last, close);
}

SlaStatus SlaClock::StatusAt(int64_t due_at_ms, int64_t now_ms) const {
  SlaStatus s;
  s.due_at_ms = due_at_ms;
  s.remaining_ms = due_at_ms - now_ms;
  const CivilDate today = LocalDate(now_ms);
  const CivilDate due_date = LocalDate(due_at_ms);
  if (now_ms > due_at_ms) {
    s.state = SlaState::kOverdue;
    s.remaining_working_days = -calendar_->WorkingDaysBetween(due_date, today);
    if (s.remaining_working_days > 0) s.remaining_working_days = 0;
    return s;
  }
  s.remaining_working_days = calendar_->WorkingDaysBetween(today, due_date);
  if (s.remaining_working_days < 0) s.remaining_working_days = 0;
  s.state = s.remaining_working_days <= options_.due_soon_working_days ? SlaState::kDueSoon
                                                                       : SlaState::kOnTime;
  return s;
}

}  // namespace kapi::cases
