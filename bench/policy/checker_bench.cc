// Throughput of policy::Checker::Check on 1 KB replies, one thread, with baselines measured in the
// same run: folding alone (the cheapest pass every check makes) and ICU Turkish lower-casing of
// the same text (text::ToLowerTr). Run from the repository root:
//   build/release/bench/policy/kapi_policy_bench --benchmark_min_time=2

#include <benchmark/benchmark.h>

#include <string>

#include "policy/checker.h"
#include "policy/fold.h"
#include "text/turkish.h"

namespace {

using kapi::policy::Checker;
using kapi::policy::CheckInput;

// ~1 KB of polite official Turkish: a typical answer to a citizen.
std::string PoliteReply1K() {
  std::string s =
      "Sayın Ayşe Hanım,\n"
      "Belediyemize iletmiş olduğunuz başvurunuz ilgili müdürlüğümüzce incelenmiştir. "
      "Mahallenizdeki yol çalışmasının altyapı işlerinin tamamlanmasının ardından önümüzdeki hafta "
      "içinde asfalt serimi ile sonuçlandırılması planlanmaktadır. Çalışma süresince trafik "
      "akışının aksamaması için gerekli yönlendirme levhaları yerleştirilecek ve zabıta "
      "ekiplerimiz bölgede görev yapacaktır. Su kesintisi yaşanması durumunda vatandaşlarımız kısa "
      "mesaj ile önceden bilgilendirilecektir. Çalışmalar sırasında yaşanabilecek geçici "
      "aksaklıklar için anlayışınıza teşekkür ederiz. Başvurunuzun takibini kurumumuzun internet "
      "sitesinde yer alan başvuru takip ekranından yapabilirsiniz. Ek bilgi talepleriniz için "
      "mesai saatleri içinde Fen İşleri Müdürlüğümüze başvurabilirsiniz. Ayrıca park ve bahçe "
      "düzenlemesine ilişkin önerileriniz de değerlendirmeye alınmıştır.\n"
      "Bilgilerinize sunarız.\nSaygılarımızla";
  while (s.size() < 1024) s += " Gereği için bilgilerinize sunarız.";
  return s;
}

std::string OffensiveReply1K() {
  std::string s = PoliteReply1K();
  s.insert(s.find("Ayrıca"), "Siz tam bir gerizekalısınız, bir daha yazmayın. ");
  return s;
}

const Checker& GetChecker() {
  static const std::unique_ptr<Checker> checker = [] {
    auto c = kapi::policy::LoadChecker("models/policy");
    if (!c.ok()) {
      std::fprintf(stderr, "%s (run from the repository root)\n", c.status().ToString().c_str());
      std::exit(1);
    }
    return std::move(*c);
  }();
  return *checker;
}

void BM_Baseline_Fold1K(benchmark::State& state) {
  std::string text = PoliteReply1K();
  for (auto _ : state) benchmark::DoNotOptimize(kapi::policy::Fold(text));
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * text.size());
}
BENCHMARK(BM_Baseline_Fold1K);

void BM_Baseline_IcuToLowerTr1K(benchmark::State& state) {
  std::string text = PoliteReply1K();
  for (auto _ : state) benchmark::DoNotOptimize(kapi::text::ToLowerTr(text));
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * text.size());
}
BENCHMARK(BM_Baseline_IcuToLowerTr1K);

void RunCheck(benchmark::State& state, const std::string& text, bool ai_assisted) {
  const Checker& checker = GetChecker();
  CheckInput in;
  in.id = "bench";
  in.text = text;
  in.ai_assisted = ai_assisted;
  for (auto _ : state) benchmark::DoNotOptimize(checker.Check(in));
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * text.size());
}

void BM_Check_PoliteReply1K(benchmark::State& state) { RunCheck(state, PoliteReply1K(), false); }
BENCHMARK(BM_Check_PoliteReply1K);

void BM_Check_PoliteReply1K_AiAssisted(benchmark::State& state) {
  RunCheck(state, PoliteReply1K(), true);
}
BENCHMARK(BM_Check_PoliteReply1K_AiAssisted);

void BM_Check_OffensiveReply1K(benchmark::State& state) {
  RunCheck(state, OffensiveReply1K(), false);
}
BENCHMARK(BM_Check_OffensiveReply1K);

}  // namespace

BENCHMARK_MAIN();
