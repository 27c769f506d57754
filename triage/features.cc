#include "triage/features.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "text/stemmer.h"
#include "text/word_tokens.h"

namespace kapi::triage {
namespace {

constexpr uint64_t kFnvOffset = 1469598103934665603ULL;
constexpr uint64_t kFnvPrime = 1099511628211ULL;

inline uint64_t Fnv(uint64_t h, std::string_view s) {
  for (unsigned char c : s) {
    h ^= c;
    h *= kFnvPrime;
  }
  return h;
}

inline uint32_t Mix(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  return static_cast<uint32_t>(h);
}

// Namespaces: kept apart in the hash so "ab" the word and "ab" the n-gram differ.
constexpr uint64_t kWordSeed = kFnvOffset;
constexpr uint64_t kBigramSeed = kFnvOffset ^ 0x9e3779b97f4a7c15ULL;
constexpr uint64_t kCharSeed = kFnvOffset ^ 0xc2b2ae3d27d4eb4fULL;

struct Occurrence {
  uint32_t bucket;
  uint16_t word;
  uint8_t space;  // 0 word, 1 char
  float share;    // 1 for one word, 0.5 per word of a bigram
};

}  // namespace

nlohmann::json FeatureConfig::ToJson() const {
  return {{"hash_bits", hash_bits},       {"char_min", char_min},      {"char_max", char_max},
          {"word_bigrams", word_bigrams}, {"deasciify", deasciify},    {"stem", stem},
          {"word_weight", word_weight},   {"char_weight", char_weight}};
}

FeatureConfig FeatureConfig::FromJson(const nlohmann::json& j) {
  FeatureConfig c;
  c.hash_bits = j.value("hash_bits", c.hash_bits);
  c.char_min = j.value("char_min", c.char_min);
  c.char_max = j.value("char_max", c.char_max);
  c.word_bigrams = j.value("word_bigrams", c.word_bigrams);
  c.deasciify = j.value("deasciify", c.deasciify);
  c.stem = j.value("stem", c.stem);
  c.word_weight = j.value("word_weight", c.word_weight);
  c.char_weight = j.value("char_weight", c.char_weight);
  return c;
}

Featurizer::Featurizer(FeatureConfig config, std::shared_ptr<const text::Deasciifier> deasciifier,
                       std::vector<float> idf)
    : config_(config), deasciifier_(std::move(deasciifier)), idf_(std::move(idf)) {
  config_.hash_bits = std::clamp(config_.hash_bits, 10, 24);
  config_.char_min = std::max(1, config_.char_min);
  config_.char_max = std::max(config_.char_min - 1, config_.char_max);
  if (!idf_.empty() && idf_.size() != dimension()) idf_.clear();
}

std::vector<std::string> Featurizer::Words(std::string_view text) const {
  std::vector<std::string> out;
  for (auto& t : text::TokenizeWords(text)) {
    if (t.kind == text::WordKind::kWord && config_.deasciify && deasciifier_) {
      std::string_view fixed = deasciifier_->Fix(t.text);
      if (fixed.data() != t.text.data()) t.text = std::string(fixed);
    }
    out.push_back(std::move(t.text));
  }
  return out;
}

namespace {

// Snowball stems are cached per thread: stemming is the slowest step of featurization and the
// vocabulary of complaints is small. The cache is bounded; when full it is cleared.
const std::string& CachedStem(const std::string& word) {
  thread_local std::unordered_map<std::string, std::string> cache;
  auto it = cache.find(word);
  if (it != cache.end()) return it->second;
  if (cache.size() > 200000) cache.clear();
  return cache.emplace(word, text::StemTr(word)).first->second;
}

}  // namespace

void Featurizer::Featurize(std::string_view text, FeatureVector* out, bool with_attribution) const {
  out->index.clear();
  out->value.clear();
  out->attribution.clear();
  out->attribution_end.clear();
  out->words = Words(text);
  const auto& words = out->words;
  const uint32_t mask = dimension() - 1;
  // Features use the stem when stemming is on; `words` (for explanations) keep the word.
  thread_local std::vector<std::string> stems;
  stems.clear();
  for (const auto& w : words) {
    stems.push_back(config_.stem && !text::IsMaskTag(w) && w != "#" ? CachedStem(w) : w);
  }

  thread_local std::vector<Occurrence> occ;
  occ.clear();
  std::vector<size_t> cp;  // code point starts of the padded word
  std::string padded;
  for (size_t w = 0; w < words.size(); ++w) {
    const std::string& word = words[w];
    const auto wi = static_cast<uint16_t>(std::min<size_t>(w, UINT16_MAX));
    const std::string& key = stems[w];
    occ.push_back({Mix(Fnv(kWordSeed, key)) & mask, wi, 0, 1.0f});
    if (config_.word_bigrams && w + 1 < words.size()) {
      uint64_t h = Fnv(Fnv(kBigramSeed, key), " ");
      h = Fnv(h, stems[w + 1]);
      occ.push_back({Mix(h) & mask, wi, 0, 0.5f});
      occ.push_back(
          {Mix(h) & mask, static_cast<uint16_t>(std::min<size_t>(w + 1, UINT16_MAX)), 0, 0.5f});
    }
    if (config_.char_max < 1 || text::IsMaskTag(word) || word == "#") continue;
    padded.assign("<");
    padded.append(key);
    padded.push_back('>');
    cp.clear();
    for (size_t i = 0; i < padded.size(); ++i) {
      if ((static_cast<unsigned char>(padded[i]) & 0xC0) != 0x80) cp.push_back(i);
    }
    cp.push_back(padded.size());
    const size_t n_cp = cp.size() - 1;
    for (int n = config_.char_min; n <= config_.char_max; ++n) {
      if (static_cast<size_t>(n) > n_cp) break;
      for (size_t s = 0; s + n <= n_cp; ++s) {
        std::string_view gram(padded.data() + cp[s], cp[s + n] - cp[s]);
        occ.push_back({Mix(Fnv(kCharSeed, gram)) & mask, wi, 1, 1.0f});
      }
    }
  }
  if (occ.empty()) return;

  std::sort(occ.begin(), occ.end(), [](const Occurrence& a, const Occurrence& b) {
    return a.bucket != b.bucket ? a.bucket < b.bucket : a.space < b.space;
  });
  // Aggregate term frequency per (bucket, space); norms per space.
  struct Entry {
    uint32_t bucket;
    uint8_t space;
    float tf;
    size_t first, last;  // occurrence range
  };
  thread_local std::vector<Entry> entries;
  entries.clear();
  for (size_t i = 0; i < occ.size();) {
    size_t j = i;
    float tf = 0;
    while (j < occ.size() && occ[j].bucket == occ[i].bucket && occ[j].space == occ[i].space) {
      tf += occ[j].share;
      ++j;
    }
    entries.push_back({occ[i].bucket, occ[i].space, tf, i, j});
    i = j;
  }
  double norm2[2] = {0, 0};
  thread_local std::vector<float> raw;
  raw.resize(entries.size());
  for (size_t e = 0; e < entries.size(); ++e) {
    float v = 1.0f + std::log(std::max(entries[e].tf, 1.0f));
    if (!idf_.empty()) v *= idf_[entries[e].bucket];
    raw[e] = v;
    norm2[entries[e].space] += static_cast<double>(v) * v;
  }
  const float scale[2] = {
      norm2[0] > 0 ? config_.word_weight / static_cast<float>(std::sqrt(norm2[0])) : 0.0f,
      norm2[1] > 0 ? config_.char_weight / static_cast<float>(std::sqrt(norm2[1])) : 0.0f};
  for (size_t e = 0; e < entries.size(); ++e) {
    const float v = raw[e] * scale[entries[e].space];
    if (!out->index.empty() && out->index.back() == entries[e].bucket) {
      out->value.back() += v;  // same bucket in both namespaces: sum
    } else {
      out->index.push_back(entries[e].bucket);
      out->value.push_back(v);
    }
    if (with_attribution) {
      for (size_t k = entries[e].first; k < entries[e].last; ++k) {
        out->attribution.emplace_back(occ[k].word, v * occ[k].share / entries[e].tf);
      }
      out->attribution_end.resize(out->index.size());
      out->attribution_end.back() = static_cast<uint32_t>(out->attribution.size());
    }
  }
}

std::vector<float> Featurizer::ComputeIdf(const Featurizer& base,
                                          const std::vector<std::string>& texts) {
  std::vector<uint32_t> df(base.dimension(), 0);
  FeatureVector fv;
  for (const std::string& t : texts) {
    base.Featurize(t, &fv);
    for (uint32_t b : fv.index) ++df[b];
  }
  std::vector<float> idf(base.dimension());
  const double n = static_cast<double>(texts.size());
  for (size_t i = 0; i < idf.size(); ++i) {
    idf[i] = static_cast<float>(std::log((1.0 + n) / (1.0 + df[i])) + 1.0);
  }
  return idf;
}

}  // namespace kapi::triage
