#include "policy/linear_model.h"

#include <cmath>
#include <cstring>
#include <fstream>

namespace kapi::policy {
namespace {

constexpr char kMagic[8] = {'K', 'A', 'P', 'I', 'L', 'M', '0', '1'};

template <typename T>
void Put(std::ostream& out, const T& v) {
  out.write(reinterpret_cast<const char*>(&v), sizeof(T));
}
template <typename T>
bool Get(std::istream& in, T& v) {
  return static_cast<bool>(in.read(reinterpret_cast<char*>(&v), sizeof(T)));
}

}  // namespace

LinearModel::LinearModel(VectorizerConfig config, std::vector<std::string> classes,
                         std::vector<float> idf, std::vector<float> weights,
                         std::vector<float> bias, nlohmann::json metadata)
    : vectorizer_(config, std::move(idf)),
      classes_(std::move(classes)),
      bias_(std::move(bias)),
      metadata_(std::move(metadata)) {
  const size_t buckets = size_t{1} << config.buckets_log2;
  const size_t c = classes_.size();
  slot_.assign(buckets, -1);
  const std::vector<float>& idf_ref = vectorizer_.idf();
  for (size_t b = 0; b < buckets; ++b) {
    if (idf_ref[b] == 0) continue;
    slot_[b] = static_cast<int32_t>(rows_.size() / c);
    for (size_t k = 0; k < c; ++k) {
      rows_.push_back(b * c + k < weights.size() ? weights[b * c + k] : 0.0f);
    }
  }
  bias_.resize(c, 0.0f);
}

int LinearModel::ClassIndex(std::string_view name) const {
  for (size_t i = 0; i < classes_.size(); ++i) {
    if (classes_[i] == name) return static_cast<int>(i);
  }
  return -1;
}

void LinearModel::ScoresOf(const std::vector<SparseFeature>& x, std::vector<float>& scores) const {
  const size_t c = classes_.size();
  scores.assign(bias_.begin(), bias_.end());
  for (const SparseFeature& f : x) {
    int32_t s = slot_[f.bucket];
    if (s < 0) continue;
    const float* row = &rows_[static_cast<size_t>(s) * c];
    for (size_t k = 0; k < c; ++k) scores[k] += row[k] * f.value;
  }
}

void LinearModel::ScoresOfRaw(const RawFeatures& raw, std::vector<float>& scores) const {
  const size_t c = classes_.size();
  scores.assign(bias_.begin(), bias_.end());
  const std::vector<float>& idf = vectorizer_.idf();
  // Same weighting as Vectorizer::Vectorize: (1 + ln tf) * idf, each group L2-normalized and
  // scaled by sqrt(1/2). Two passes: the norm, then the dot products.
  thread_local std::vector<float> dots;
  for (const auto* group : {&raw.word, &raw.chars}) {
    double norm = 0.0;
    dots.assign(c, 0.0f);
    for (const auto& [bucket, count] : *group) {
      float w = idf[bucket];
      if (w == 0) continue;
      float v = (1.0f + std::log(count)) * w;
      norm += double{v} * v;
      int32_t s = slot_[bucket];
      const float* row = &rows_[static_cast<size_t>(s) * c];
      for (size_t k = 0; k < c; ++k) dots[k] += row[k] * v;
    }
    if (norm <= 0) continue;
    float scale = std::sqrt(0.5f) / static_cast<float>(std::sqrt(norm));
    for (size_t k = 0; k < c; ++k) scores[k] += dots[k] * scale;
  }
}

void LinearModel::Scores(std::string_view folded_span, std::vector<float>& scores) const {
  thread_local std::vector<SparseFeature> x;
  vectorizer_.Vectorize(folded_span, x);
  ScoresOf(x, scores);
}

Status LinearModel::Save(const std::string& path) const {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return Internal("cannot write model file " + path);
  const VectorizerConfig& cfg = vectorizer_.config();
  nlohmann::json header = {
      {"format", "kapi-policy-linear-model"},
      {"version", 1},
      {"buckets_log2", cfg.buckets_log2},
      {"char_min", cfg.char_min},
      {"char_max", cfg.char_max},
      {"word_bigrams", cfg.word_bigrams},
      {"word_prefixes", cfg.word_prefixes},
      {"classes", classes_},
      {"metadata", metadata_},
  };
  std::string h = header.dump();
  out.write(kMagic, sizeof(kMagic));
  Put(out, static_cast<uint32_t>(h.size()));
  out.write(h.data(), static_cast<std::streamsize>(h.size()));
  for (float b : bias_) Put(out, b);
  const size_t c = classes_.size();
  uint32_t rows = 0;
  for (int32_t s : slot_) rows += s >= 0;
  Put(out, rows);
  const std::vector<float>& idf = vectorizer_.idf();
  for (size_t b = 0; b < slot_.size(); ++b) {
    if (slot_[b] < 0) continue;
    Put(out, static_cast<uint32_t>(b));
    Put(out, idf[b]);
    const float* row = &rows_[static_cast<size_t>(slot_[b]) * c];
    out.write(reinterpret_cast<const char*>(row), static_cast<std::streamsize>(c * sizeof(float)));
  }
  if (!out) return Internal("failed writing model file " + path);
  return Status::Ok();
}

Result<std::unique_ptr<LinearModel>> LinearModel::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound("model file not found: " + path);
  char magic[8];
  if (!in.read(magic, 8) || std::memcmp(magic, kMagic, 8) != 0) {
    return Status(StatusCode::kDataLoss, "not a kapi policy linear model: " + path);
  }
  uint32_t hlen = 0;
  if (!Get(in, hlen) || hlen > (1u << 24)) {
    return Status(StatusCode::kDataLoss, "bad model header length: " + path);
  }
  std::string h(hlen, '\0');
  if (!in.read(h.data(), hlen)) return Status(StatusCode::kDataLoss, "truncated model: " + path);
  nlohmann::json header = nlohmann::json::parse(h, nullptr, /*allow_exceptions=*/false);
  if (header.is_discarded() || header.value("version", 0) != 1) {
    return Status(StatusCode::kDataLoss, "unsupported model header: " + path);
  }
  VectorizerConfig cfg;
  cfg.buckets_log2 = header.value("buckets_log2", 21);
  cfg.char_min = header.value("char_min", 2);
  cfg.char_max = header.value("char_max", 5);
  cfg.word_bigrams = header.value("word_bigrams", true);
  cfg.word_prefixes = header.value("word_prefixes", true);
  if (cfg.buckets_log2 < 10 || cfg.buckets_log2 > 24 || cfg.char_min < 1 ||
      cfg.char_max < cfg.char_min || cfg.char_max > 8 || !header.contains("classes") ||
      !header["classes"].is_array()) {
    return Status(StatusCode::kDataLoss, "bad model configuration: " + path);
  }
  std::vector<std::string> classes;
  for (const auto& c : header["classes"]) {
    if (!c.is_string()) return Status(StatusCode::kDataLoss, "bad class name: " + path);
    classes.push_back(c.get<std::string>());
  }
  const size_t c = classes.size();
  if (c == 0 || c > 64) return Status(StatusCode::kDataLoss, "bad class count: " + path);
  std::vector<float> bias(c);
  for (float& b : bias) {
    if (!Get(in, b)) return Status(StatusCode::kDataLoss, "truncated model: " + path);
  }
  uint32_t rows = 0;
  const size_t buckets = size_t{1} << cfg.buckets_log2;
  if (!Get(in, rows) || rows > buckets) {
    return Status(StatusCode::kDataLoss, "bad row count: " + path);
  }
  std::vector<float> idf(buckets, 0.0f);
  std::vector<float> weights(buckets * c, 0.0f);
  for (uint32_t r = 0; r < rows; ++r) {
    uint32_t b = 0;
    float v = 0;
    if (!Get(in, b) || !Get(in, v) || b >= buckets) {
      return Status(StatusCode::kDataLoss, "bad model row: " + path);
    }
    idf[b] = v;
    if (!in.read(reinterpret_cast<char*>(&weights[size_t{b} * c]),
                 static_cast<std::streamsize>(c * sizeof(float)))) {
      return Status(StatusCode::kDataLoss, "truncated model: " + path);
    }
  }
  return std::make_unique<LinearModel>(cfg, std::move(classes), std::move(idf), std::move(weights),
                                       std::move(bias),
                                       header.value("metadata", nlohmann::json::object()));
}

}  // namespace kapi::policy
