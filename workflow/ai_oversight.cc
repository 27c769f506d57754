#include "workflow/ai_oversight.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>

#include "base/clock.h"

namespace kapi::workflow {
namespace {

constexpr int64_t kDayMs = 86'400'000;
constexpr int64_t kTurkeyOffsetMs = 3 * 3'600'000;  // UTC+3 all year since 2016
constexpr int64_t kDriftRecentMs = 28 * kDayMs;
constexpr int64_t kMinDriftCases = 30;

// What one row says, parsed once.
struct Parsed {
  std::vector<std::string> top;  // up to three labels, best first
  double p1 = 0;
  bool abstain = false;
  bool emergency = false;
  std::string model;
  std::string final_name;  // "" until routed
  bool routed = false;
};

Parsed Parse(const store::Store::SuggestionOutcome& row,
             const std::map<std::string, std::string>& topic_names) {
  Parsed p;
  nlohmann::json j = nlohmann::json::parse(row.suggestions_json, nullptr, false);
  if (j.is_object()) try {
      if (auto t = j.find("topic"); t != j.end() && t->is_array()) {
        for (const auto& e : *t) {
          if (!e.is_object() || p.top.size() == 3) continue;
          p.top.push_back(e.value("label", ""));
          if (p.top.size() == 1) p.p1 = e.value("p", 0.0);
        }
      }
      p.abstain = j.value("abstain", false);
      p.emergency = j.value("emergency", false);
      p.model = j.value("model", "");
    } catch (const nlohmann::json::exception&) {
      p = Parsed{};  // a field of the wrong type: counted as a case with no usable suggestion
    }
  if (!row.topic_code.empty()) {
    p.routed = true;
    auto it = topic_names.find(row.topic_code);
    p.final_name = it != topic_names.end() ? it->second : row.topic_code;
  }
  return p;
}

// Monday 00:00 Türkiye time of the week holding `ms`, as YYYY-MM-DD.
std::string WeekKey(int64_t ms) {
  const int64_t local_days = (ms + kTurkeyOffsetMs) / kDayMs;  // days since 1970-01-01 (Thursday)
  const int64_t monday = local_days - ((local_days + 3) % 7);
  std::time_t t = static_cast<std::time_t>(monday * 86'400);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
  return buf;
}

// Counters behind one slice.
struct Tally {
  int64_t cases = 0, suggested = 0, chosen = 0, chosen_hit = 0;
  int64_t routed = 0, agree = 0, decided = 0, overridden = 0;
  double confidence_sum = 0;
  void Add(const Parsed& p, const std::string& verdict) {
    ++cases;
    confidence_sum += p.p1;
    if (p.routed) {
      ++routed;
      if (!p.top.empty() && p.top[0] == p.final_name) ++agree;
    }
    if (verdict == "accepted" || verdict == "overridden") {
      ++decided;
      if (verdict == "overridden") ++overridden;
    }
  }
  OversightSlice Slice(std::string key) const {
    OversightSlice s;
    s.key = std::move(key);
    s.cases = cases;
    s.suggested = suggested;
    s.chosen = chosen;
    s.agreement = MakeRate(agree, routed);
    s.recall = MakeRate(chosen_hit, chosen);
    s.overridden = MakeRate(overridden, decided);
    s.mean_confidence = cases > 0 ? confidence_sum / static_cast<double>(cases) : 0.0;
    return s;
  }
};

std::string Percent(double v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%%%.0f", v * 100.0);  // Turkish writes the sign first: %30
  return buf;
}

void AddAlerts(OversightReport& r) {
  if (r.accepted.n >= 20 && 1.0 - r.accepted.value() > 0.30) {
    r.alerts.push_back("Öneriler sık değiştiriliyor: değiştirme oranı " +
                       Percent(1.0 - r.accepted.value()) +
                       " (eşik %30). Modeli gözden geçirin, gerekirse birimde kapatın. "
                       "(Overrides above 30%; 2024/108 Yönetici (4).)");
  }
  if (r.top1.n >= 30 && r.top1.value() < 0.80) {
    r.alerts.push_back("Önerilen konu, insanların seçtiği konuyla ancak " +
                       Percent(r.top1.value()) +
                       " oranında örtüşüyor (eşik %80). (Agreement with human decisions below "
                       "80%; 2024/108 Hesap verebilirlik (2).)");
  }
  const OversightSlice* best = nullptr;
  const OversightSlice* worst = nullptr;
  for (const auto& s : r.by_channel) {
    if (s.agreement.n < 20) continue;
    if (!best || s.agreement.value() > best->agreement.value()) best = &s;
    if (!worst || s.agreement.value() < worst->agreement.value()) worst = &s;
  }
  if (best && worst && best->agreement.value() - worst->agreement.value() > 0.10) {
    r.alerts.push_back("Kanallar arasında fark: öneriler \"" + worst->key + "\" kanalında " +
                       Percent(worst->agreement.value()) + ", \"" + best->key + "\" kanalında " +
                       Percent(best->agreement.value()) +
                       " isabetli (eşik 10 puan). (Accuracy differs between channels; 2024/108 "
                       "Tarafsızlık (1).)");
  }
  if (r.drift_psi && *r.drift_psi > 0.25) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", *r.drift_psi);
    r.alerts.push_back(std::string("Son 28 günde önerilen konu dağılımı değişti (PSI ") + buf +
                       ", eşik 0,25): yeni bir konu ya da model sorunu olabilir. (Suggestion "
                       "drift; 2024/108 Yönetici (4).)");
  }
  for (const auto& b : r.calibration) {
    if (b.routed >= 20 && std::abs(b.mean_confidence - b.agreement.value()) > 0.15) {
      r.alerts.push_back("Güven değerleri gerçeği yansıtmıyor: " + Percent(b.low) + "–" +
                         Percent(b.high) + " güvenli önerilerde isabet oranı " +
                         Percent(b.agreement.value()) +
                         " (fark 15 puandan büyük). (Confidence is miscalibrated.)");
      break;
    }
  }
}

nlohmann::json RateJson(const Rate& r) {
  return {{"k", r.k}, {"n", r.n}, {"value", r.value()}, {"ci95", {r.low, r.high}}};
}

nlohmann::json SliceJson(const OversightSlice& s) {
  nlohmann::json j = {{"key", s.key},
                      {"cases", s.cases},
                      {"agreement", RateJson(s.agreement)},
                      {"overridden", RateJson(s.overridden)},
                      {"mean_confidence", s.mean_confidence}};
  if (s.suggested || s.chosen) {
    j["suggested"] = s.suggested;
    j["chosen"] = s.chosen;
    j["recall"] = RateJson(s.recall);
  }
  return j;
}

}  // namespace

Rate MakeRate(int64_t k, int64_t n) {
  Rate r{k, n, 0, 0};
  if (n <= 0) return r;
  const double z = 1.959964, nn = static_cast<double>(n), p = static_cast<double>(k) / nn;
  const double denom = 1 + z * z / nn;
  const double centre = (p + z * z / (2 * nn)) / denom;
  const double half = z * std::sqrt(p * (1 - p) / nn + z * z / (4 * nn * nn)) / denom;
  r.low = std::max(0.0, centre - half);
  r.high = std::min(1.0, centre + half);
  return r;
}

OversightReport SummarizeOversight(const std::vector<store::Store::SuggestionOutcome>& rows,
                                   const std::map<std::string, std::string>& topic_names,
                                   int64_t from_ms, int64_t to_ms) {
  OversightReport r;
  r.from_ms = from_ms;
  r.to_ms = to_ms;
  Tally all;
  std::map<std::string, Tally> channels, topics, weeks;
  int64_t top3_hits = 0, confident_routed = 0, confident_agree = 0, abstained = 0;
  struct Bin {
    double low, high;
    int64_t routed = 0, agree = 0;
    double confidence_sum = 0;
  };
  std::vector<Bin> bins = {{0.0, 0.5}, {0.5, 0.7}, {0.7, 0.9}, {0.9, 1.0001}};
  std::map<std::string, int64_t> recent_mix, earlier_mix;

  for (const auto& row : rows) {
    Parsed p = Parse(row, topic_names);
    const std::string& verdict = row.ai_decision;
    all.Add(p, verdict);
    channels[std::string(cases::ChannelName(row.channel))].Add(p, verdict);
    weeks[WeekKey(row.received_at_ms)].Add(p, verdict);
    const std::string suggested = p.top.empty() ? "" : p.top[0];
    if (!suggested.empty()) {
      Tally& t = topics[suggested];
      t.Add(p, verdict);
      ++t.suggested;
      (row.received_at_ms >= to_ms - kDriftRecentMs ? recent_mix : earlier_mix)[suggested]++;
    }
    if (p.routed) {
      Tally& chosen = topics[p.final_name];
      ++chosen.chosen;
      if (suggested == p.final_name) ++chosen.chosen_hit;
      if (std::find(p.top.begin(), p.top.end(), p.final_name) != p.top.end()) ++top3_hits;
      if (!p.abstain) {
        ++confident_routed;
        if (suggested == p.final_name) ++confident_agree;
      }
      for (Bin& b : bins) {
        if (p.p1 >= b.low && p.p1 < b.high) {
          ++b.routed;
          b.confidence_sum += p.p1;
          if (suggested == p.final_name) ++b.agree;
        }
      }
    }
    if (p.abstain) ++abstained;
    if (p.emergency) ++r.emergency_flags;
    if (!p.model.empty()) ++r.models[p.model];
  }

  r.cases = all.cases;
  r.routed = all.routed;
  r.accepted = MakeRate(all.decided - all.overridden, all.decided);
  r.top1 = MakeRate(all.agree, all.routed);
  r.top3 = MakeRate(top3_hits, all.routed);
  r.abstained = MakeRate(abstained, all.cases);
  r.confident_agreement = MakeRate(confident_agree, confident_routed);
  for (const auto& [k, t] : channels) r.by_channel.push_back(t.Slice(k));
  for (const auto& [k, t] : topics) r.by_topic.push_back(t.Slice(k));
  for (const auto& [k, t] : weeks) r.by_week.push_back(t.Slice(k));
  std::sort(r.by_topic.begin(), r.by_topic.end(), [](const auto& a, const auto& b) {
    return std::max(a.suggested, a.chosen) > std::max(b.suggested, b.chosen);
  });
  for (const Bin& b : bins) {
    CalibrationBin c;
    c.low = b.low;
    c.high = std::min(b.high, 1.0);
    c.routed = b.routed;
    c.mean_confidence = b.routed > 0 ? b.confidence_sum / static_cast<double>(b.routed) : 0.0;
    c.agreement = MakeRate(b.agree, b.routed);
    r.calibration.push_back(c);
  }

  for (const auto& [k, n] : recent_mix) r.drift_recent += n;
  for (const auto& [k, n] : earlier_mix) r.drift_earlier += n;
  if (r.drift_recent >= kMinDriftCases && r.drift_earlier >= kMinDriftCases) {
    std::map<std::string, int64_t> labels = recent_mix;
    for (const auto& [k, n] : earlier_mix) labels[k] += 0;
    double psi = 0;
    const double eps = 1e-4;
    for (const auto& [k, unused] : labels) {
      const double a = std::max(eps, static_cast<double>(recent_mix[k]) / r.drift_recent);
      const double e = std::max(eps, static_cast<double>(earlier_mix[k]) / r.drift_earlier);
      psi += (a - e) * std::log(a / e);
    }
    r.drift_psi = psi;
  }
  AddAlerts(r);
  return r;
}

Result<OversightReport> BuildOversightReport(store::Store& store, const Principal& who,
                                             const UnitTree& units, int64_t from_ms,
                                             int64_t to_ms) {
  KAPI_RETURN_IF_ERROR(Authorize(who, Action::kViewOversight, nullptr, units));
  if (to_ms <= from_ms) {
    return InvalidArgument("dönem boş: başlangıç bitişten önce olmalı (empty period)", "from");
  }
  auto rows = store.ListSuggestionOutcomes(from_ms, to_ms, kOversightMaxRows + 1);
  if (!rows.ok()) return rows.status();
  const bool truncated = rows->size() > static_cast<size_t>(kOversightMaxRows);
  if (truncated) rows->resize(kOversightMaxRows);
  if (who.role == Role::kUnitManager) {
    std::erase_if(*rows, [&](const store::Store::SuggestionOutcome& row) {
      const std::string& unit = row.unit_code.empty() ? units.root() : row.unit_code;
      return !units.IsWithin(unit, who.unit_code);
    });
  }
  auto topics = store.ListTopics();
  if (!topics.ok()) return topics.status();
  std::map<std::string, std::string> names;
  for (const auto& t : *topics) names[t.code] = t.name;
  OversightReport report = SummarizeOversight(*rows, names, from_ms, to_ms);
  report.truncated = truncated;
  return report;
}

nlohmann::json OversightJson(const OversightReport& r) {
  nlohmann::json j = {{"from", FormatRfc3339(r.from_ms)},
                      {"to", FormatRfc3339(r.to_ms)},
                      {"cases", r.cases},
                      {"routed", r.routed},
                      {"accepted", RateJson(r.accepted)},
                      {"top1_agreement", RateJson(r.top1)},
                      {"top3_agreement", RateJson(r.top3)},
                      {"abstained", RateJson(r.abstained)},
                      {"confident_agreement", RateJson(r.confident_agreement)},
                      {"emergency_flags", r.emergency_flags},
                      {"models", r.models},
                      {"alerts", r.alerts},
                      {"truncated", r.truncated}};
  for (const auto& [name, slices] : {std::pair{"by_channel", &r.by_channel},
                                     {"by_topic", &r.by_topic},
                                     {"by_week", &r.by_week}}) {
    nlohmann::json a = nlohmann::json::array();
    for (const auto& s : *slices) a.push_back(SliceJson(s));
    j[name] = std::move(a);
  }
  nlohmann::json cal = nlohmann::json::array();
  for (const auto& b : r.calibration) {
    cal.push_back({{"low", b.low},
                   {"high", b.high},
                   {"routed", b.routed},
                   {"mean_confidence", b.mean_confidence},
                   {"agreement", RateJson(b.agreement)}});
  }
  j["calibration"] = std::move(cal);
  j["drift"] = {{"psi", r.drift_psi ? nlohmann::json(*r.drift_psi) : nlohmann::json()},
                {"recent_cases", r.drift_recent},
                {"earlier_cases", r.drift_earlier}};
  return j;
}

}  // namespace kapi::workflow
