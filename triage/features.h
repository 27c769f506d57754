#pragma once
// Turns masked text into the hashed sparse features every triage model reads: word unigrams and
// bigrams (the "word" namespace) and character n-grams of each word padded with boundary marks
// (the "char" namespace). Each namespace gets sublinear TF (1 + ln tf) times IDF and is
// L2-normalized on its own, then scaled by its weight; the two are summed into one vector of
// 2^hash_bits buckets. Mask tags ([AD_SOYAD]…) are word features with no character n-grams.
//
// The normalization steps (deasciification, Snowball stemming) are switches so `kapi eval` can
// measure what each adds. A Featurizer is immutable after construction and thread-safe.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "text/deasciifier.h"

namespace kapi::triage {

struct FeatureConfig {
  int hash_bits = 18;
  int char_min = 2;  // code points, including the boundary marks
  int char_max = 5;
  bool word_bigrams = true;
  bool deasciify = true;
  bool stem = false;
  float word_weight = 1.0f;
  float char_weight = 1.0f;

  nlohmann::json ToJson() const;
  static FeatureConfig FromJson(const nlohmann::json& j);
};

// One feature occurrence source: which word (index into `words`) produced it, for explanations.
struct FeatureVector {
  std::vector<uint32_t> index;  // sorted, unique buckets
  std::vector<float> value;
  // The words of the text after normalization, and for each (index, value) entry the share of it
  // owed to each word: pairs (word, weight) in `attribution`, ranges given by `attribution_end`.
  std::vector<std::string> words;
  std::vector<std::pair<uint16_t, float>> attribution;
  std::vector<uint32_t> attribution_end;
};

class Featurizer {
 public:
  // `deasciifier` may be null (then config.deasciify has no effect). `idf` is empty (all 1) or has
  // 2^hash_bits entries.
  Featurizer(FeatureConfig config, std::shared_ptr<const text::Deasciifier> deasciifier,
             std::vector<float> idf = {});

  // Normalized words of `text` (lower-cased, deasciified, stemmed per config), tags verbatim.
  std::vector<std::string> Words(std::string_view text) const;

  // `with_attribution` fills words/attribution for explanations (slower).
  void Featurize(std::string_view text, FeatureVector* out, bool with_attribution = false) const;

  // Document frequencies → smoothed IDF ln((1+n)/(1+df)) + 1 over `texts`.
  static std::vector<float> ComputeIdf(const Featurizer& base,
                                       const std::vector<std::string>& texts);

  const FeatureConfig& config() const { return config_; }
  const std::vector<float>& idf() const { return idf_; }
  uint32_t dimension() const { return 1u << config_.hash_bits; }

 private:
  FeatureConfig config_;
  std::shared_ptr<const text::Deasciifier> deasciifier_;
  std::vector<float> idf_;
};

}  // namespace kapi::triage
