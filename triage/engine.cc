#include "triage/engine.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <numeric>

#include "text/word_tokens.h"

namespace kapi::triage {
namespace {

namespace fs = std::filesystem;

constexpr size_t kExplainWords = 5;

Result<std::unique_ptr<LinearModel>> LoadOptional(const std::string& path, ResourcesPtr d) {
  if (!fs::exists(path)) return std::unique_ptr<LinearModel>();
  return LinearModel::Load(path, std::move(d));
}

LabelScore Top(const LinearModel& m, const std::vector<float>& p) {
  const size_t best = std::max_element(p.begin(), p.end()) - p.begin();
  return {m.labels()[best], p[best]};
}

float Round3(float p) { return std::round(p * 1000.0f) / 1000.0f; }

}  // namespace

Result<std::unique_ptr<Engine>> Engine::Load(const std::string& models_dir) {
  std::unique_ptr<Engine> e(new Engine());
  auto resources = std::make_shared<TextResources>();
  const std::string deasc_path = models_dir + "/deasciifier.tsv";
  if (fs::exists(deasc_path)) {
    auto d = text::Deasciifier::LoadTsv(deasc_path);
    if (!d.ok()) return d.status();
    resources->deasciifier = std::make_shared<const text::Deasciifier>(std::move(d).value());
  }
  const std::string protected_path = models_dir + "/protected_terms.tsv";
  if (fs::exists(protected_path)) {
    auto p = ProtectedTerms::LoadTsv(protected_path);
    if (!p.ok()) return p.status();
    resources->protected_terms = std::make_shared<const ProtectedTerms>(std::move(p).value());
  }
  e->deasciifier_ = resources;
  auto topic = LinearModel::Load(models_dir + "/topic.kapimodel", e->deasciifier_);
  if (!topic.ok()) return topic.status();
  e->topic_ = std::move(topic).value();
  auto sentiment = LoadOptional(models_dir + "/sentiment.kapimodel", e->deasciifier_);
  if (!sentiment.ok()) return sentiment.status();
  e->sentiment_ = std::move(sentiment).value();
  auto urgency = LoadOptional(models_dir + "/urgency.kapimodel", e->deasciifier_);
  if (!urgency.ok()) return urgency.status();
  e->urgency_ = std::move(urgency).value();
  auto shares = [&](const std::unique_ptr<LinearModel>& m) {
    return m && m->featurizer().config().ToJson() == e->topic_->featurizer().config().ToJson();
  };
  e->sentiment_shares_ = shares(e->sentiment_);
  e->urgency_shares_ = shares(e->urgency_);
  e->urgency_reuses_sentiment_ =
      e->sentiment_ && e->urgency_ && e->sentiment_shares_ && e->urgency_shares_ &&
      e->urgency_->featurizer().SameWeighting(e->sentiment_->featurizer());
  if (e->urgency_reuses_sentiment_ && e->sentiment_->labels().size() == 3 &&
      e->urgency_->labels().size() == 3) {
    const auto& sw = e->sentiment_->q_weights();
    const auto& uw = e->urgency_->q_weights();
    const size_t buckets = e->sentiment_->featurizer().dimension();
    e->fused_sentiment_urgency_.assign(buckets * 8, 0);
    for (size_t b = 0; b < buckets; ++b) {
      for (size_t c = 0; c < 3; ++c) {
        e->fused_sentiment_urgency_[b * 8 + c] = sw[b * 3 + c];
        e->fused_sentiment_urgency_[b * 8 + 3 + c] = uw[b * 3 + c];
      }
    }
  }
  const std::string routing_path = models_dir + "/routing.json";
  if (fs::exists(routing_path)) {
    auto r = RoutingTable::Load(routing_path);
    if (!r.ok()) return r.status();
    e->routing_ = std::move(r).value();
  } else {
    e->routing_ = RoutingTable::Parse(nlohmann::json::object()).value();
  }
  return e;
}

TriageResult Engine::Triage(std::string_view masked_text) const {
  TriageResult r;
  thread_local RawFeatures raw;
  thread_local FeatureVector fv, other;
  topic_->featurizer().Extract(masked_text, &raw, /*with_attribution=*/true);
  topic_->featurizer().Weight(raw, &fv, /*with_attribution=*/true);
  thread_local std::vector<int8_t> rows;
  thread_local std::vector<float> scores;
  topic_->Scores(fv, &scores, &rows);
  const std::vector<float> p = LinearModel::Softmax(scores, topic_->temperature());
  std::vector<size_t> order(p.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return p[a] > p[b]; });
  for (size_t i = 0; i < std::min<size_t>(3, order.size()); ++i) {
    r.topic.push_back({topic_->labels()[order[i]], Round3(p[order[i]])});
  }
  r.abstain = fv.index.empty() || p[order[0]] < topic_->abstain_threshold();
  for (auto& w : topic_->Explain(fv, static_cast<int>(order[0]), kExplainWords, &rows)) {
    r.explain.push_back(std::move(w.word));
  }
  // Emergency and routing read raw's plain/folded words, views into the word cache: before any
  // other model may featurize the text itself.
  const std::vector<std::string_view>& folded = raw.folded_words;
  EmergencyResult em = emergency_->DetectWords(raw.plain_words, folded);
  r.emergency = em.emergency;
  r.emergency_cues = std::move(em.cues);
  r.routing = routing_.RouteFolded(folded, r.topic.empty() ? "" : r.topic[0].label,
                                   r.topic.empty() ? 0.0 : r.topic[0].p, r.abstain, r.emergency);
  // Sentiment and urgency reuse the extracted features when their configs match the topic's
  // (only IDF and weights differ).
  auto score = [&](const LinearModel& m, bool shares, bool reuse) {
    if (reuse) {
      // `other` already holds these exact weighted features.
    } else if (shares) {
      m.featurizer().Weight(raw, &other, false);
    } else {
      m.featurizer().Featurize(masked_text, &other);
    }
    return Top(m, m.Probabilities(other));
  };
  if (!fused_sentiment_urgency_.empty()) {
    sentiment_->featurizer().Weight(raw, &other, false);
    thread_local std::vector<float> s, u;
    ScoreSentimentUrgency(other, &s, &u);
    r.sentiment = Top(*sentiment_, LinearModel::Softmax(s, sentiment_->temperature()));
    r.sentiment->p = Round3(r.sentiment->p);
    r.urgency = Top(*urgency_, LinearModel::Softmax(u, urgency_->temperature()));
    r.urgency->p = Round3(r.urgency->p);
  } else {
    if (sentiment_) {
      r.sentiment = score(*sentiment_, sentiment_shares_, false);
      r.sentiment->p = Round3(r.sentiment->p);
    }
    if (urgency_) {
      r.urgency = score(*urgency_, urgency_shares_, urgency_reuses_sentiment_);
      r.urgency->p = Round3(r.urgency->p);
    }
  }
  r.model = topic_->version();
  r.versions.emplace_back("topic", topic_->version());
  if (sentiment_) r.versions.emplace_back("sentiment", sentiment_->version());
  if (urgency_) r.versions.emplace_back("urgency", urgency_->version());
  r.versions.emplace_back("emergency", std::string(kEmergencyLexiconVersion));
  if (!routing_.version().empty()) r.versions.emplace_back("routing", routing_.version());
  return r;
}

void Engine::ScoreSentimentUrgency(const FeatureVector& fv, std::vector<float>* s,
                                   std::vector<float>* u) const {
  float acc[6] = {};
  const size_t n = fv.index.size();
  const int8_t* table = fused_sentiment_urgency_.data();
  constexpr size_t kAhead = 8;
  for (size_t i = 0; i < std::min(n, kAhead); ++i) {
    __builtin_prefetch(table + static_cast<size_t>(fv.index[i]) * 8);
  }
  for (size_t i = 0; i < n; ++i) {
    if (i + kAhead < n) __builtin_prefetch(table + static_cast<size_t>(fv.index[i + kAhead]) * 8);
    const int8_t* w = table + static_cast<size_t>(fv.index[i]) * 8;
    const float v = fv.value[i];
    for (size_t c = 0; c < 6; ++c) acc[c] += v * static_cast<float>(w[c]);
  }
  s->resize(3);
  u->resize(3);
  for (size_t c = 0; c < 3; ++c) {
    (*s)[c] = acc[c] * sentiment_->scales()[c] + sentiment_->bias()[c];
    (*u)[c] = acc[3 + c] * urgency_->scales()[c] + urgency_->bias()[c];
  }
}

namespace {
// Probabilities go out with 3 decimals (as doubles, so JSON shows 0.685, not 0.6850000023841858).
double P3(double p) { return std::round(p * 1000.0) / 1000.0; }
}  // namespace

nlohmann::json ToJson(const TriageResult& r) {
  nlohmann::json j;
  nlohmann::json topic = nlohmann::json::array();
  for (const auto& t : r.topic) topic.push_back({{"label", t.label}, {"p", P3(t.p)}});
  j["topic"] = std::move(topic);
  j["abstain"] = r.abstain;
  j["sentiment"] = r.sentiment
                       ? nlohmann::json{{"label", r.sentiment->label}, {"p", P3(r.sentiment->p)}}
                       : nlohmann::json(nullptr);
  j["urgency"] = r.urgency ? nlohmann::json{{"label", r.urgency->label}, {"p", P3(r.urgency->p)}}
                           : nlohmann::json(nullptr);
  j["emergency"] = r.emergency;
  if (r.emergency) {
    nlohmann::json cues = nlohmann::json::array();
    for (const auto& c : r.emergency_cues)
      cues.push_back({{"category", c.category}, {"matched", c.matched}});
    j["emergency_action"] = std::string(EmergencyDetector::kAction);
    j["emergency_cues"] = std::move(cues);
  }
  j["cluster"] = r.cluster;
  j["explain"] = r.explain;
  j["routing"] = {{"rule", {{"unit", r.routing.rule_unit}, {"id", r.routing.rule_id}}},
                  {"model", {{"unit", r.routing.model_unit}, {"p", P3(r.routing.model_p)}}},
                  {"agree", r.routing.agree}};
  j["model"] = r.model;
  nlohmann::json versions = nlohmann::json::object();
  for (const auto& [k, v] : r.versions) versions[k] = v;
  j["models"] = std::move(versions);
  j["ai_suggestion"] = true;  // advisory only: a human decides (seed 000, 2024/108)
  return j;
}

}  // namespace kapi::triage
