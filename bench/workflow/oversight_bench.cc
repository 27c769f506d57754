// AI-oversight report on a year of a busy institution: 100,000 cases with AI suggestions in one
// SQLite store (70% routed by a person, a fifth of those overriding the model). Rows:
//   query    — Store::ListSuggestionOutcomes for the whole period (the baseline: reading alone);
//   summary  — SummarizeOversight over the rows already read (parsing the suggestion JSON and
//              counting);
//   report   — BuildOversightReport as the page calls it (read + scope + summarise);
//   briefing — BuildBriefing over its cap of 20,000 open cases, next to reading those pages alone.
// A page load costs "report"; the difference to "query" is the summary's own cost.
//
// Environment: KAPI_OVERSIGHT_BENCH_CASES (default 100000), KAPI_OVERSIGHT_BENCH_DIR (default
// /tmp/kapi_oversight_bench; the database is built once and reused).

#include <benchmark/benchmark.h>

#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <random>
#include <thread>

#include <nlohmann/json.hpp>

#include "store/store.h"
#include "store/store_test_util.h"
#include "workflow/ai_oversight.h"
#include "workflow/briefing.h"

namespace kapi {
namespace {

namespace fs = std::filesystem;

constexpr int64_t kDayMs = 86'400'000;
constexpr int64_t kStart = 1'767'225'600'000;  // 2026-01-01T00:00:00Z
constexpr int64_t kEnd = kStart + 365 * kDayMs;

int64_t NumCases() {
  const char* v = std::getenv("KAPI_OVERSIGHT_BENCH_CASES");
  return v ? std::strtoll(v, nullptr, 10) : 100000;
}

const std::vector<std::pair<std::string, std::string>> kTopics = {
    {"ulasim", "Ulaşım"},
    {"su", "Su ve Kanalizasyon"},
    {"park", "Park ve Bahçeler"},
    {"zabita", "Zabıta"},
    {"temizlik", "Temizlik İşleri"},
    {"veteriner", "Veteriner İşleri"},
    {"sosyal", "Sosyal Hizmet ve Yardımlar"},
    {"diger", "Diğer"}};

std::unique_ptr<store::Store> OpenBenchStore() {
  const char* d = std::getenv("KAPI_OVERSIGHT_BENCH_DIR");
  const fs::path dir = d ? fs::path(d) : fs::path("/tmp/kapi_oversight_bench");
  const fs::path db = dir / ("kapi-" + std::to_string(NumCases()) + ".db");
  const bool fresh = !fs::exists(db);
  fs::create_directories(dir);
  auto s = store::OpenSqliteStore({.path = db.string()});
  if (!s.ok()) return nullptr;
  if (!fresh) return std::move(*s);
  (void)(*s)->UpsertUnit({"kurum", "Kurum", ""});
  for (const auto& [code, name] : kTopics) {
    (void)(*s)->UpsertUnit({code, name, "kurum"});
    (void)(*s)->UpsertTopic({code, name, code, false, 30, false});
  }
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<size_t> topic(0, kTopics.size() - 1);
  std::uniform_real_distribution<double> unit(0, 1);
  const cases::Channel channels[] = {cases::Channel::kWeb, cases::Channel::kPhone,
                                     cases::Channel::kDesk, cases::Channel::kMuhtar};
  const int64_t n = NumCases();
  struct Planned {
    size_t truth, top;
    bool routed;
    int64_t at;
  };
  std::vector<Planned> plan(static_cast<size_t>(n));
  std::vector<int64_t> ids(static_cast<size_t>(n), 0);
  // Intake: async, many in flight, so group commit batches them as under real load.
  std::mutex mu;
  std::condition_variable cv;
  int64_t in_flight = 0;
  bool failed = false;
  for (int64_t i = 0; i < n; ++i) {
    Planned& p = plan[static_cast<size_t>(i)];
    p.truth = topic(rng);
    p.top = unit(rng) < 0.85 ? p.truth : topic(rng);
    p.routed = unit(rng) < 0.7;
    p.at = kStart + i * (kEnd - kStart) / n;
    const bool right = p.top == p.truth;
    nlohmann::json sj = {{"topic",
                          {{{"label", kTopics[p.top].second}, {"p", right ? 0.9 : 0.6}},
                           {{"label", kTopics[p.truth].second}, {"p", 0.05}},
                           {{"label", "Diğer"}, {"p", 0.01}}}},
                         {"abstain", !right && unit(rng) < 0.5},
                         {"emergency", unit(rng) < 0.01},
                         {"model", "topic@lin-bench"}};
    cases::NewRequest r = store::testing::MakeRequest("metin", p.at);
    r.channel = channels[i % 4];
    r.suggestions_json = sj.dump();
    std::unique_lock lock(mu);
    cv.wait(lock, [&] { return in_flight < 2048; });
    ++in_flight;
    lock.unlock();
    (*s)->SubmitRequest(std::move(r), [&, i](Result<cases::IntakeReceipt> receipt) {
      std::lock_guard l(mu);
      if (receipt.ok()) {
        ids[static_cast<size_t>(i)] = receipt->case_id;
      } else {
        failed = true;
      }
      --in_flight;
      cv.notify_all();
    });
  }
  {
    std::unique_lock lock(mu);
    cv.wait(lock, [&] { return in_flight == 0; });
    if (failed) return nullptr;
  }
  // Human routing: blocking calls from many threads, batched by the store's writer.
  std::vector<std::thread> workers;
  for (int w = 0; w < 64; ++w) {
    workers.emplace_back([&, w] {
      for (int64_t i = w; i < n; i += 64) {
        const Planned& p = plan[static_cast<size_t>(i)];
        if (!p.routed) continue;
        const std::string& code = kTopics[p.truth].first;
        const bool accepted = p.top == p.truth;
        (void)(*s)->SetRouting(
            ids[static_cast<size_t>(i)],
            {code, code, accepted ? "accepted" : "overridden", accepted ? "" : "konu farklı"},
            {"user:triaj", p.at + 3'600'000});
      }
    });
  }
  for (auto& t : workers) t.join();
  return std::move(*s);
}

store::Store* BenchStore() {
  static std::unique_ptr<store::Store> s = OpenBenchStore();
  return s.get();
}

void BM_OversightQuery(benchmark::State& state) {
  store::Store* s = BenchStore();
  if (!s) return state.SkipWithError("could not build the benchmark store");
  size_t rows = 0;
  for (auto _ : state) {
    auto r = s->ListSuggestionOutcomes(kStart, kEnd, workflow::kOversightMaxRows);
    rows = r.ok() ? r->size() : 0;
    benchmark::DoNotOptimize(rows);
  }
  state.counters["cases"] = static_cast<double>(rows);
}
BENCHMARK(BM_OversightQuery)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(5);

void BM_OversightSummary(benchmark::State& state) {
  store::Store* s = BenchStore();
  if (!s) return state.SkipWithError("could not build the benchmark store");
  auto rows = s->ListSuggestionOutcomes(kStart, kEnd, workflow::kOversightMaxRows);
  std::map<std::string, std::string> names(kTopics.begin(), kTopics.end());
  for (auto _ : state) {
    auto report = workflow::SummarizeOversight(*rows, names, kStart, kEnd);
    benchmark::DoNotOptimize(report.cases);
  }
  state.counters["cases"] = static_cast<double>(rows->size());
}
BENCHMARK(BM_OversightSummary)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(5);

void BM_OversightReport(benchmark::State& state) {
  store::Store* s = BenchStore();
  if (!s) return state.SkipWithError("could not build the benchmark store");
  std::vector<cases::Unit> units = {{"kurum", "Kurum", ""}};
  for (const auto& [code, name] : kTopics) units.push_back({code, name, "kurum"});
  workflow::UnitTree tree(units);
  workflow::Principal manager{"m", workflow::Role::kUnitManager, "ulasim", "user:m"};
  workflow::Principal auditor{"a", workflow::Role::kAuditor, "kurum", "user:a"};
  const workflow::Principal& who = state.range(0) ? auditor : manager;
  int64_t cases = 0;
  for (auto _ : state) {
    auto report = workflow::BuildOversightReport(*s, who, tree, kStart, kEnd);
    cases = report.ok() ? report->cases : -1;
    benchmark::DoNotOptimize(cases);
  }
  state.counters["cases_in_scope"] = static_cast<double>(cases);
}
BENCHMARK(BM_OversightReport)
    ->ArgName("whole_institution")
    ->Arg(1)
    ->Arg(0)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(5);

// The unit briefing on the same store: every case is still open (nobody answered in this
// synthetic year), so it reads its cap of 20,000 cases in pages of 500 and summarises them.
// Baseline: the same pages read alone.
void BM_BriefingRead(benchmark::State& state) {
  store::Store* s = BenchStore();
  if (!s) return state.SkipWithError("could not build the benchmark store");
  int64_t read = 0;
  for (auto _ : state) {
    read = 0;
    cases::CaseFilter f;
    f.limit = 500;
    while (read < workflow::kBriefingMaxCases) {
      auto page = s->ListCases(f);
      if (!page.ok() || page->empty()) break;
      read += static_cast<int64_t>(page->size());
      f.before_id = page->back().id;
    }
    benchmark::DoNotOptimize(read);
  }
  state.counters["cases"] = static_cast<double>(read);
}
BENCHMARK(BM_BriefingRead)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(5);

void BM_Briefing(benchmark::State& state) {
  store::Store* s = BenchStore();
  if (!s) return state.SkipWithError("could not build the benchmark store");
  std::vector<cases::Unit> units = {{"kurum", "Kurum", ""}};
  for (const auto& [code, name] : kTopics) units.push_back({code, name, "kurum"});
  workflow::UnitTree tree(units);
  workflow::Principal auditor{"a", workflow::Role::kAuditor, "kurum", "user:a"};
  int64_t open = 0;
  for (auto _ : state) {
    auto b = workflow::BuildBriefing(*s, auditor, tree, nullptr, kEnd);
    open = b.ok() ? b->open : -1;
    benchmark::DoNotOptimize(open);
  }
  state.counters["open_counted"] = static_cast<double>(open);
}
BENCHMARK(BM_Briefing)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(5);

}  // namespace
}  // namespace kapi

BENCHMARK_MAIN();
