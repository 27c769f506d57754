// Triage engine speed: full Engine::Triage of ~500-character masked complaints (target ≤ 100 µs
// p99 on one core), its parts, and DuplicateIndex throughput (target ≥ 10,000 texts/s).
// Baseline in the same run: ICU normalization of the same text (NormalizeForSearch), the floor
// cost of touching the text once.
//
// Run: build/release/bench/triage/kapi_triage_bench --models=models (from the repo root).

#include <algorithm>
#include <chrono>
#include <ctime>
#include <fstream>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>
#include <nlohmann/json.hpp>

#include "text/turkish.h"
#include "triage/emergency.h"
#include "triage/engine.h"
#include "triage/near_duplicate.h"

namespace {

using kapi::triage::Engine;

std::string g_models = "models";

// Real complaints cut or joined to about 500 characters, with masking tags as the privacy
// engine would leave them.
const std::vector<std::string>& Texts() {
  static const std::vector<std::string> texts = [] {
    std::vector<std::string> out;
    std::ifstream in(std::string(KAPI_SHARED_DIR) + "/data/complaints_municipal/train.jsonl");
    std::string line, acc;
    while (std::getline(in, line) && out.size() < 1000) {
      acc += nlohmann::json::parse(line)["text"].get<std::string>();
      acc += " [AD_SOYAD] ";
      if (acc.size() >= 500) {
        size_t cut = 500;
        while (cut < acc.size() && (static_cast<unsigned char>(acc[cut]) & 0xC0) == 0x80) ++cut;
        out.push_back(acc.substr(0, cut));
        acc.clear();
      }
    }
    if (out.empty()) out.push_back(std::string(500, 'a'));
    return out;
  }();
  return texts;
}

// Per-iteration CPU time of this thread: the machine is shared, so wall-clock percentiles would
// measure the scheduler; "≤ 100 µs p99 on one core" is about the work of one core.
double ThreadCpuMicros() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e6 + static_cast<double>(ts.tv_nsec) / 1e3;
}

const Engine& TheEngine() {
  static auto engine = kapi::triage::LoadEngine(g_models);
  if (!engine.ok()) {
    std::fprintf(stderr, "cannot load models from %s: %s\n", g_models.c_str(),
                 engine.status().message().c_str());
    std::exit(2);
  }
  return **engine;
}

void ReportPercentiles(benchmark::State& state, std::vector<double>& us) {
  if (us.empty()) return;
  std::sort(us.begin(), us.end());
  state.counters["cpu_p50_us"] = us[us.size() / 2];
  state.counters["cpu_p99_us"] = us[std::min(us.size() - 1, us.size() * 99 / 100)];
  state.counters["cpu_max_us"] = us.back();
}

void BM_Baseline_NormalizeForSearch(benchmark::State& state) {
  const auto& texts = Texts();
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(kapi::text::NormalizeForSearch(texts[i++ % texts.size()]));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Baseline_NormalizeForSearch);

void BM_Triage_Full(benchmark::State& state) {
  const Engine& engine = TheEngine();
  const auto& texts = Texts();
  std::vector<double> us;
  us.reserve(1 << 16);
  size_t i = 0;
  for (auto _ : state) {
    const double t0 = ThreadCpuMicros();
    auto r = engine.Triage(texts[i++ % texts.size()]);
    benchmark::DoNotOptimize(r);
    if (us.size() < (1 << 16)) us.push_back(ThreadCpuMicros() - t0);
  }
  state.SetItemsProcessed(state.iterations());
  ReportPercentiles(state, us);
}
BENCHMARK(BM_Triage_Full);

// The same text every call: what is left of the tail when the input does not vary (timer
// interrupts, cache and TLB misses, the VM) — compare its p99 with BM_Triage_Full's.
void BM_Triage_FullOneText(benchmark::State& state) {
  const Engine& engine = TheEngine();
  const std::string& text = Texts()[0];
  std::vector<double> us;
  us.reserve(1 << 16);
  for (auto _ : state) {
    const double t0 = ThreadCpuMicros();
    auto r = engine.Triage(text);
    benchmark::DoNotOptimize(r);
    if (us.size() < (1 << 16)) us.push_back(ThreadCpuMicros() - t0);
  }
  state.SetItemsProcessed(state.iterations());
  ReportPercentiles(state, us);
}
BENCHMARK(BM_Triage_FullOneText);

void BM_Triage_FullWithDuplicates(benchmark::State& state) {
  const Engine& engine = TheEngine();
  const auto& texts = Texts();
  kapi::triage::DuplicateIndex index;
  std::vector<double> us;
  us.reserve(1 << 16);
  size_t i = 0;
  for (auto _ : state) {
    const double t0 = ThreadCpuMicros();
    const std::string& t = texts[i++ % texts.size()];
    auto r = engine.Triage(t);
    r.cluster = index.Add(t).cluster_id;
    benchmark::DoNotOptimize(r);
    if (us.size() < (1 << 16)) us.push_back(ThreadCpuMicros() - t0);
  }
  state.SetItemsProcessed(state.iterations());
  ReportPercentiles(state, us);
}
BENCHMARK(BM_Triage_FullWithDuplicates);

void BM_Emergency(benchmark::State& state) {
  const auto& d = kapi::triage::EmergencyDetector::Default();
  const auto& texts = Texts();
  size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(d.Detect(texts[i++ % texts.size()]));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Emergency);

void BM_TopicFeaturize(benchmark::State& state) {
  const Engine& engine = TheEngine();
  const auto& texts = Texts();
  kapi::triage::FeatureVector fv;
  size_t i = 0;
  for (auto _ : state) {
    engine.topic_model().featurizer().Featurize(texts[i++ % texts.size()], &fv);
    benchmark::DoNotOptimize(fv);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_TopicFeaturize);

// Throughput of DuplicateIndex::Add over a growing index (items_per_second is texts/s).
void BM_DuplicateIndexAdd(benchmark::State& state) {
  const auto& texts = Texts();
  kapi::triage::DuplicateIndex index;
  size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(index.Add(texts[i++ % texts.size()]));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DuplicateIndexAdd);

}  // namespace

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a.rfind("--models=", 0) == 0) g_models = a.substr(9);
  }
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
