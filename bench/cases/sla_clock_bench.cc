// SLA clock costs: building the 1990–2100 calendar once, computing a deadline at intake, and the
// status the inbox computes per row. Baseline: the fixed "received + 30 × 24 h" deadline intake
// used before the calendar existed.

#include <benchmark/benchmark.h>

#include <memory>

#include "base/clock.h"
#include "cases/sla_clock.h"
#include "cases/turkish_calendar.h"

namespace kapi::cases {
namespace {

constexpr int64_t kDay = 86'400'000;
// 2025-03-24 10:00 Türkiye time; stepping by 7 h 13 min walks through days, weekends and bayrams.
constexpr int64_t kStart = 1'742'799'600'000;
constexpr int64_t kStep = 26'000'000;

std::shared_ptr<const TurkishCalendar> Calendar() {
  static const std::shared_ptr<const TurkishCalendar> cal =
      std::shared_ptr<const TurkishCalendar>(std::move(TurkishCalendar::Create()).value());
  return cal;
}

const SlaClock& Sla() {
  static const FakeClock clock(kStart);
  static const std::unique_ptr<SlaClock> sla =
      std::move(SlaClock::Create(Calendar(), clock)).value();
  return *sla;
}

void BM_BaselineFixed30Days(benchmark::State& state) {
  int64_t t = kStart;
  for (auto _ : state) {
    benchmark::DoNotOptimize(t + 30 * kDay);
    t = t + kStep > kStart + 3650 * kDay ? kStart : t + kStep;
  }
}
BENCHMARK(BM_BaselineFixed30Days);

void BM_CalendarCreate(benchmark::State& state) {
  for (auto _ : state) {
    auto cal = TurkishCalendar::Create();
    benchmark::DoNotOptimize(cal.ok());
  }
}
BENCHMARK(BM_CalendarCreate)->Unit(benchmark::kMillisecond);

void BM_DueAt(benchmark::State& state, SlaPolicy policy) {
  const SlaClock& sla = Sla();
  int64_t t = kStart;
  for (auto _ : state) {
    benchmark::DoNotOptimize(sla.DueAt(t, policy).ok());
    t = t + kStep > kStart + 3650 * kDay ? kStart : t + kStep;
  }
}
BENCHMARK_CAPTURE(BM_DueAt, petition_30_calendar, kPetitionLaw3071);
BENCHMARK_CAPTURE(BM_DueAt, info_15_working, kInformationRequestLaw4982);

void BM_StatusAt(benchmark::State& state) {
  const SlaClock& sla = Sla();
  const int64_t due = std::move(sla.DueAt(kStart, kInformationRequestLaw4982)).value();
  int64_t now = kStart;
  for (auto _ : state) {
    benchmark::DoNotOptimize(sla.StatusAt(due, now).remaining_working_days);
    now = now + 3'600'000 > due + 10 * kDay ? kStart : now + 3'600'000;
  }
}
BENCHMARK(BM_StatusAt);

}  // namespace
}  // namespace kapi::cases

BENCHMARK_MAIN();
