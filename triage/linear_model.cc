#include "triage/linear_model.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <type_traits>

#include "text/word_tokens.h"

namespace kapi::triage {
namespace {

constexpr char kMagic[8] = {'K', 'A', 'P', 'I', 'L', 'I', 'N', '1'};

uint64_t HashBytes(uint64_t h, const void* data, size_t n) {
  const auto* p = static_cast<const unsigned char*>(data);
  for (size_t i = 0; i < n; ++i) {
    h ^= p[i];
    h *= 1099511628211ULL;
  }
  return h;
}

void PutU64(std::string& out, uint64_t v) {
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>(v >> (8 * i)));
}
uint64_t GetU64(const char* p) {
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i)
    v |= static_cast<uint64_t>(static_cast<unsigned char>(p[i])) << (8 * i);
  return v;
}

}  // namespace

std::vector<float> QuantizeIdf(const std::vector<float>& idf, std::vector<uint8_t>* q, float* min,
                               float* step) {
  if (idf.empty()) return {};
  const auto [lo, hi] = std::minmax_element(idf.begin(), idf.end());
  const float mn = *lo;
  const float st = *hi > *lo ? (*hi - *lo) / 255.0f : 0.0f;
  std::vector<float> out(idf.size());
  if (q) q->resize(idf.size());
  for (size_t i = 0; i < idf.size(); ++i) {
    const int k = st > 0 ? static_cast<int>(std::lround((idf[i] - mn) / st)) : 0;
    if (q) (*q)[i] = static_cast<uint8_t>(k);
    out[i] = mn + st * static_cast<float>(k);
  }
  if (min) *min = mn;
  if (step) *step = st;
  return out;
}

std::unique_ptr<LinearModel> LinearModel::Create(Params p, ResourcesPtr deasciifier) {
  std::unique_ptr<LinearModel> m(new LinearModel());
  const size_t k = p.labels.size();
  m->task_ = p.task;
  m->labels_ = p.labels;
  m->temperature_ = p.temperature > 0 ? p.temperature : 1.0f;
  m->abstain_threshold_ = p.abstain_threshold;
  m->info_ = std::move(p.info);
  m->bias_ = p.bias;
  m->bias_.resize(k, 0.0f);
  QuantizeIdf(p.idf, &m->q_idf_, &m->idf_min_, &m->idf_step_);
  m->featurizer_ = std::make_unique<Featurizer>(p.features, std::move(deasciifier), m->q_idf_,
                                                m->idf_min_, m->idf_step_);
  const size_t dim = m->featurizer_->dimension();
  p.weights.resize(dim * k, 0.0f);
  m->scales_.assign(k, 0.0f);
  for (size_t b = 0; b < dim; ++b) {
    for (size_t c = 0; c < k; ++c) {
      m->scales_[c] = std::max(m->scales_[c], std::fabs(p.weights[b * k + c]));
    }
  }
  for (float& s : m->scales_) s = s > 0 ? s / 127.0f : 1.0f;
  m->q_weights_.resize(dim * k);
  for (size_t b = 0; b < dim; ++b) {
    for (size_t c = 0; c < k; ++c) {
      m->q_weights_[b * k + c] =
          static_cast<int8_t>(std::lround(p.weights[b * k + c] / m->scales_[c]));
    }
  }
  uint64_t h = 1469598103934665603ULL;
  h = HashBytes(h, m->q_weights_.data(), m->q_weights_.size());
  h = HashBytes(h, m->q_idf_.data(), m->q_idf_.size());
  h = HashBytes(h, m->scales_.data(), m->scales_.size() * sizeof(float));
  h = HashBytes(h, m->bias_.data(), m->bias_.size() * sizeof(float));
  h = HashBytes(h, &m->temperature_, sizeof(float));
  for (const auto& l : m->labels_) h = HashBytes(h, l.data(), l.size() + 1);
  char buf[17];
  std::snprintf(buf, sizeof buf, "%08x", static_cast<uint32_t>(h ^ (h >> 32)));
  m->version_ = m->task_ + "@lin-" + buf;
  return m;
}

Status LinearModel::Save(const std::string& path) const {
  nlohmann::json header = {
      {"format", "kapi-linear-1"},
      {"task", task_},
      {"version", version_},
      {"labels", labels_},
      {"features", featurizer_->config().ToJson()},
      {"temperature", temperature_},
      {"abstain_threshold", abstain_threshold_},
      {"bias", bias_},
      {"scales", scales_},
      {"idf", {{"present", !q_idf_.empty()}, {"min", idf_min_}, {"step", idf_step_}}},
      {"info", info_}};
  const std::string h = header.dump(1);
  std::string out(kMagic, sizeof kMagic);
  PutU64(out, h.size());
  out += h;
  PutU64(out, q_idf_.size());
  out.append(reinterpret_cast<const char*>(q_idf_.data()), q_idf_.size());
  PutU64(out, q_weights_.size());
  out.append(reinterpret_cast<const char*>(q_weights_.data()), q_weights_.size());
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  if (!f) return Internal("cannot write model file " + path);
  f.write(out.data(), static_cast<std::streamsize>(out.size()));
  return f ? Status::Ok() : Internal("write failed: " + path);
}

Result<std::unique_ptr<LinearModel>> LinearModel::Load(const std::string& path,
                                                       ResourcesPtr deasciifier) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return NotFound("model file not found: " + path);
  std::string data((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  auto bad = [&](const std::string& why) {
    return Status(StatusCode::kDataLoss, "model file " + path + " is damaged: " + why);
  };
  if (data.size() < 16 || std::memcmp(data.data(), kMagic, sizeof kMagic) != 0) {
    return bad("not a KAPILIN1 file");
  }
  size_t pos = 8;
  auto take = [&](size_t n) -> const char* {
    if (n > data.size() - pos) return nullptr;
    const char* p = data.data() + pos;
    pos += n;
    return p;
  };
  const char* p = take(8);
  const uint64_t hlen = GetU64(p);
  const char* hp = take(hlen);
  if (!hp) return bad("truncated header");
  nlohmann::json header = nlohmann::json::parse(std::string_view(hp, hlen), nullptr, false);
  if (header.is_discarded() || header.value("format", "") != "kapi-linear-1") {
    return bad("unknown header");
  }
  std::unique_ptr<LinearModel> m(new LinearModel());
  try {
    m->task_ = header.at("task").get<std::string>();
    m->version_ = header.at("version").get<std::string>();
    m->labels_ = header.at("labels").get<std::vector<std::string>>();
    m->temperature_ = header.at("temperature").get<float>();
    m->abstain_threshold_ = header.at("abstain_threshold").get<float>();
    m->bias_ = header.at("bias").get<std::vector<float>>();
    m->scales_ = header.at("scales").get<std::vector<float>>();
    m->idf_min_ = header.at("idf").at("min").get<float>();
    m->idf_step_ = header.at("idf").at("step").get<float>();
    m->info_ = header.value("info", nlohmann::json::object());
    FeatureConfig fc = FeatureConfig::FromJson(header.at("features"));
    const size_t k = m->labels_.size();
    if (k < 2 || m->bias_.size() != k || m->scales_.size() != k) return bad("label arrays");
    p = take(8);
    if (!p) return bad("truncated");
    const uint64_t nidf = GetU64(p);
    const char* idf_bytes = take(nidf);
    p = take(8);
    if (!idf_bytes || !p) return bad("truncated idf");
    const uint64_t nw = GetU64(p);
    const char* w_bytes = take(nw);
    if (!w_bytes || nw != (uint64_t{1} << fc.hash_bits) * k) return bad("weights size");
    if (nidf != 0 && nidf != (uint64_t{1} << fc.hash_bits)) return bad("idf size");
    m->q_idf_.assign(idf_bytes, idf_bytes + nidf);
    m->q_weights_.resize(nw);
    std::memcpy(m->q_weights_.data(), w_bytes, nw);
    m->featurizer_ = std::make_unique<Featurizer>(fc, std::move(deasciifier), m->q_idf_,
                                                  m->idf_min_, m->idf_step_);
  } catch (const std::exception& e) {
    return bad(e.what());
  }
  return m;
}

void LinearModel::Scores(const FeatureVector& fv, std::vector<float>* scores,
                         std::vector<int8_t>* rows) const {
  const size_t k = labels_.size();
  scores->assign(k, 0.0f);
  // Accumulate in float per class from int8 weights; the per-class scale is applied at the end.
  std::vector<float>& s = *scores;
  const size_t n = fv.index.size();
  // The rows are random reads: prefetch a few entries ahead.
  constexpr size_t kAhead = 8;
  for (size_t i = 0; i < std::min(n, kAhead); ++i) {
    __builtin_prefetch(&q_weights_[static_cast<size_t>(fv.index[i]) * k]);
  }
  if (rows) rows->resize(n * k);
  // A fixed class count lets the compiler keep the accumulators in registers and vectorize.
  auto accumulate = [&](auto kk) {
    constexpr size_t K = decltype(kk)::value;
    float acc[K] = {};
    for (size_t i = 0; i < n; ++i) {
      if (i + kAhead < n) {
        __builtin_prefetch(&q_weights_[static_cast<size_t>(fv.index[i + kAhead]) * K]);
      }
      const int8_t* w = &q_weights_[static_cast<size_t>(fv.index[i]) * K];
      if (rows) std::memcpy(rows->data() + i * K, w, K);
      const float v = fv.value[i];
      for (size_t c = 0; c < K; ++c) acc[c] += v * static_cast<float>(w[c]);
    }
    for (size_t c = 0; c < K; ++c) s[c] = acc[c];
  };
  if (k == 8) {
    accumulate(std::integral_constant<size_t, 8>());
  } else if (k == 3) {
    accumulate(std::integral_constant<size_t, 3>());
  } else {
    for (size_t i = 0; i < n; ++i) {
      if (i + kAhead < n) {
        __builtin_prefetch(&q_weights_[static_cast<size_t>(fv.index[i + kAhead]) * k]);
      }
      const int8_t* w = &q_weights_[static_cast<size_t>(fv.index[i]) * k];
      if (rows) std::memcpy(rows->data() + i * k, w, k);
      const float v = fv.value[i];
      for (size_t c = 0; c < k; ++c) s[c] += v * static_cast<float>(w[c]);
    }
  }
  for (size_t c = 0; c < k; ++c) s[c] = s[c] * scales_[c] + bias_[c];
}

std::vector<float> LinearModel::Softmax(const std::vector<float>& scores, float temperature) {
  std::vector<float> p(scores.size());
  if (scores.empty()) return p;
  const float mx = *std::max_element(scores.begin(), scores.end());
  double sum = 0;
  for (size_t i = 0; i < scores.size(); ++i) {
    p[i] = std::exp((scores[i] - mx) / temperature);
    sum += p[i];
  }
  for (float& x : p) x = static_cast<float>(x / sum);
  return p;
}

std::vector<float> LinearModel::Probabilities(const FeatureVector& fv) const {
  std::vector<float> s;
  Scores(fv, &s);
  return Softmax(s, temperature_);
}

std::vector<WordContribution> LinearModel::Explain(const FeatureVector& fv, int label, size_t top_n,
                                                   const std::vector<int8_t>* rows) const {
  std::vector<WordContribution> out;
  if (label < 0 || static_cast<size_t>(label) >= labels_.size() || fv.attribution_end.empty()) {
    return out;
  }
  const size_t k = labels_.size();
  // Contribution to the chosen class relative to the mean of the others, so words common to
  // every class do not count as evidence.
  thread_local std::vector<float> per_word;
  per_word.assign(fv.words.size(), 0.0f);
  const float own_scale = scales_[label];
  const bool have_rows = rows && rows->size() == fv.index.size() * k;
  auto margins = [&](auto kk) {
    const size_t K = decltype(kk)::value == 0 ? k : decltype(kk)::value;
    size_t a = 0;
    for (size_t i = 0; i < fv.index.size(); ++i) {
      const int8_t* w =
          have_rows ? rows->data() + i * K : &q_weights_[static_cast<size_t>(fv.index[i]) * K];
      float sum = 0;
      for (size_t c = 0; c < K; ++c) sum += static_cast<float>(w[c]) * scales_[c];
      const float own = static_cast<float>(w[label]) * own_scale;
      const float margin = own - (sum - own) / static_cast<float>(k - 1);
      if (fv.value[i] == 0) {
        a = fv.attribution_end[i];
        continue;
      }
      for (; a < fv.attribution_end[i]; ++a) {
        const auto& [word, share] = fv.attribution[a];
        per_word[word] += margin * share;
      }
    }
  };
  if (k == 8) {
    margins(std::integral_constant<size_t, 8>());
  } else if (k == 3) {
    margins(std::integral_constant<size_t, 3>());
  } else {
    margins(std::integral_constant<size_t, 0>());
  }
  // Merge repeated words: group by a 64-bit hash of the word (integer sort, no string
  // compares), sum each group, then take the best top_n by contribution (ties: word order).
  struct Entry {
    uint64_t hash;
    uint32_t word;
    float v;
  };
  thread_local std::vector<Entry> entries;
  entries.clear();
  // Featurizer word ids (same id, same word) when present; else a hash of the word.
  const bool have_ids = fv.word_ids.size() == fv.words.size();
  for (size_t w = 0; w < fv.words.size(); ++w) {
    const std::string& word = fv.words[w];
    if (word == "#" || text::IsMaskTag(word)) continue;
    uint64_t h = 1469598103934665603ULL;
    if (have_ids) {
      h = fv.word_ids[w];
    } else {
      for (unsigned char ch : word) h = (h ^ ch) * 1099511628211ULL;
    }
    entries.push_back({h, static_cast<uint32_t>(w), per_word[w]});
  }
  std::sort(entries.begin(), entries.end(), [](const Entry& x, const Entry& y) {
    return x.hash != y.hash ? x.hash < y.hash : x.word < y.word;
  });
  size_t n = 0;
  for (size_t i = 0; i < entries.size(); ++i) {
    if (n > 0 && entries[n - 1].hash == entries[i].hash &&
        fv.words[entries[n - 1].word] == fv.words[entries[i].word]) {
      entries[n - 1].v += entries[i].v;
    } else {
      entries[n++] = entries[i];
    }
  }
  entries.resize(n);
  auto better = [&](const Entry& x, const Entry& y) {
    if (x.v != y.v) return x.v > y.v;
    return fv.words[x.word] < fv.words[y.word];
  };
  const size_t take = std::min(top_n, entries.size());
  std::partial_sort(entries.begin(), entries.begin() + static_cast<long>(take), entries.end(),
                    better);
  for (size_t i = 0; i < take; ++i) {
    if (entries[i].v <= 0) break;
    out.push_back({fv.words[entries[i].word], entries[i].v});
  }
  return out;
}

}  // namespace kapi::triage
