#pragma once
// SLA deadlines and SLA status on the Turkish calendar. Pure computation: no storage, no HTTP.
//
// Rules (basis and examples in docs/sla.md):
//  * Times are milliseconds since the epoch, UTC. Local dates come from the IANA zone
//    "Europe/Istanbul" via ICU (UTC+3 all year since September 2016; UTC+2/+3 before).
//  * The day of receipt is not counted; counting starts the next day (as İYUK art. 8 and
//    HMK art. 92 count time limits given in days).
//  * Calendar days (Law 3071 petitions): the last day is receipt date + N. If it is not a working
//    day (weekend, holiday) the deadline moves to the next working day (İYUK art. 8, HMK art. 93:
//    a time limit whose last day is an official holiday runs to the end of the next working day).
//  * Working days (Law 4982 information requests, institution defaults): the last day is the Nth
//    working day after the receipt date.
//  * Half days (arife, 28 Ekim) — rule "working morning": a half day is a working day for
//    counting, and a deadline whose last day is a half day ends when the holiday starts, 13:00.
//  * The deadline is the end of office hours (default 17:30 local) on the last day.
//
// Thread-safety: SlaClock is immutable after Create(); every const method may be called
// concurrently. The Clock and the TurkishCalendar must outlive it (the calendar is shared).

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "base/status.h"
#include "cases/model.h"
#include "cases/turkish_calendar.h"

namespace kapi::cases {

enum class DayCounting {
  kCalendarDays,  // every day counts; only the last day moves off a non-working day
  kWorkingDays,   // only working days (half days included) count
};

struct SlaPolicy {
  int days = 30;
  DayCounting counting = DayCounting::kCalendarDays;
  bool operator==(const SlaPolicy&) const = default;
};

// Law 3071 (Dilekçe Hakkının Kullanılmasına Dair Kanun) art. 7: petitions are answered within
// 30 days.
inline constexpr SlaPolicy kPetitionLaw3071{30, DayCounting::kCalendarDays};
// Law 4982 (Bilgi Edinme Hakkı Kanunu) art. 11: access to information within 15 working days…
inline constexpr SlaPolicy kInformationRequestLaw4982{15, DayCounting::kWorkingDays};
// …or 30 working days when another unit or institution must be consulted (art. 11(2)); the
// applicant must be told of the extension and its reason within the first 15 working days.
inline constexpr SlaPolicy kInformationRequestLaw4982Extended{30, DayCounting::kWorkingDays};
// An institution's own service standard when a topic sets none (configurable in Options).
inline constexpr SlaPolicy kDefaultInstitutionPolicy{7, DayCounting::kWorkingDays};

// The policy a topic declares (Topic::sla_days, Topic::sla_working_days).
SlaPolicy PolicyForTopic(const Topic& topic);

enum class SlaState {
  kOnTime,   // more than `due_soon_working_days` working days left
  kDueSoon,  // not yet due; at most `due_soon_working_days` working days left (0 = due today)
  kOverdue,  // now is after the deadline
};

std::string_view SlaStateName(SlaState state);  // "on_time", "due_soon", "overdue"

struct SlaStatus {
  SlaState state = SlaState::kOnTime;
  int64_t due_at_ms = 0;
  // Not overdue: working days d with today < d <= due date (0 = due today, later today).
  // Overdue: minus the working days d with due date < d <= today (0 = overdue since earlier
  // today). "Today" is the local date of now.
  int64_t remaining_working_days = 0;
  int64_t remaining_ms = 0;  // due_at_ms - now; negative when overdue
};

class SlaClock {
 public:
  struct Options {
    // Used by DueAtDefault for requests whose topic is not yet known.
    SlaPolicy institution_default = kDefaultInstitutionPolicy;
    // Status becomes kDueSoon when at most this many working days remain.
    int due_soon_working_days = 2;
    // End of office hours, minutes after local midnight: 17:30 (08:30–17:30 working hours).
    int office_close_minute = 17 * 60 + 30;
    // When a half-day holiday starts (Law 2429: arife "saat 13.00'ten itibaren").
    int half_day_close_minute = 13 * 60;
    // IANA zone for local dates.
    std::string time_zone = "Europe/Istanbul";
  };

  // kInvalidArgument for an unknown zone or out-of-range options.
  static Result<std::unique_ptr<SlaClock>> Create(std::shared_ptr<const TurkishCalendar> calendar,
                                                  const Clock& clock, const Options& options);
  static Result<std::unique_ptr<SlaClock>> Create(std::shared_ptr<const TurkishCalendar> calendar,
                                                  const Clock& clock) {
    return Create(std::move(calendar), clock, Options{});
  }
  ~SlaClock();

  // The deadline (ms since epoch, UTC) for a request received at `received_at_ms`.
  // kInvalidArgument when days is outside 1..3650 or the receipt or deadline date falls outside
  // the calendar's 1990–2100.
  Result<int64_t> DueAt(int64_t received_at_ms, SlaPolicy policy) const;
  Result<int64_t> DueAtForTopic(int64_t received_at_ms, const Topic& topic) const {
    return DueAt(received_at_ms, PolicyForTopic(topic));
  }
  Result<int64_t> DueAtDefault(int64_t received_at_ms) const {
    return DueAt(received_at_ms, options_.institution_default);
  }

  // Status of a deadline at `now_ms`, or at the injected clock's now. `due_at_ms` is a value
  // from DueAt (any instant works).
  SlaStatus StatusAt(int64_t due_at_ms, int64_t now_ms) const;
  SlaStatus StatusNow(int64_t due_at_ms) const { return StatusAt(due_at_ms, clock_.NowMillis()); }

  // Local calendar date of an instant, and the instant of a local wall time.
  CivilDate LocalDate(int64_t millis) const;
  int64_t LocalTimeToMillis(CivilDate date, int minute_of_day) const;

  const TurkishCalendar& calendar() const { return *calendar_; }
  const Options& options() const { return options_; }

 private:
  struct Zone;
  SlaClock(std::shared_ptr<const TurkishCalendar> calendar, const Clock& clock, Options options,
           std::unique_ptr<Zone> zone);

  std::shared_ptr<const TurkishCalendar> calendar_;
  const Clock& clock_;
  Options options_;
  std::unique_ptr<Zone> zone_;
};

}  // namespace kapi::cases
