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
#include "triage/protected_terms.h"

namespace kapi::triage {

// Word tables the featurizer applies: deasciification and protected-term neutralization. Either
// may be null. Shared by every model of an engine.
// Set the fields before the first featurization and leave them: featurizers cache what the
// tables make of each word per thread, keyed by `id` (unique per TextResources object).
struct TextResources {
  std::shared_ptr<const text::Deasciifier> deasciifier;
  std::shared_ptr<const ProtectedTerms> protected_terms;
  uint64_t id = NewId();

  static uint64_t NewId();
};
using ResourcesPtr = std::shared_ptr<const TextResources>;

struct FeatureConfig {
  int hash_bits = 18;
  int char_min = 2;  // code points, including the boundary marks
  int char_max = 5;
  bool word_bigrams = true;
  bool deasciify = true;
  bool stem = false;
  bool neutralize = true;       // protected terms → category tags (protected_terms.h)
  bool char_from_word = false;  // character n-grams of the word rather than of its stem
  // Tone cues as extra word features: emoticons and emoji, "!"/"?", letters stretched ("çooook",
  // collapsed to "çok" for the other features).
  bool cues = false;
  // Negation cues: one "[OLUMSUZ]" word feature per negated word ("değil", "yok", "hiç", "asla",
  // verbs negated with -me/-ma: "gelmedi", "çalışmıyor", "olmaz", "yapmayacak").
  bool negation = false;
  float word_weight = 1.0f;
  float char_weight = 1.0f;

  nlohmann::json ToJson() const;
  static FeatureConfig FromJson(const nlohmann::json& j);
};

// The features of one text before weighting: term frequencies per (bucket, namespace) and, for
// explanations, which words produced each. Independent of IDF, so models that share a
// FeatureConfig share one RawFeatures (the engine featurizes once for all its models).
struct RawFeatures {
  struct Term {
    uint32_t bucket;
    uint8_t space;  // 0 word, 1 char
    float tf;
  };
  std::vector<std::string> words;  // lower-cased (deasciified) words; tags verbatim
  // The words before protected-term neutralization, and those ASCII-folded (text::AsciifyLower):
  // views into the featurizer's per-thread word cache, valid until the next Extract on the
  // same thread (by any featurizer: the safe rule; in fact only one with the same config and
  // resources, or a fifth different one, can invalidate them).
  std::vector<std::string_view> plain_words;
  std::vector<std::string_view> folded_words;
  // Per word of `words`: the same id for the same word string (explanations group by it).
  std::vector<uint32_t> word_ids;
  std::vector<Term> terms;  // unique (bucket, space), in first-seen order
  // Occurrence → (term, word, share); filled only with attribution.
  struct Occurrence {
    uint32_t term;
    uint16_t word;
    float share;
  };
  std::vector<Occurrence> occurrences;
};

// Weighted features: sublinear TF × IDF, L2-normalized per namespace. Indices are unique per
// namespace but not sorted and a bucket may appear twice (once per namespace): scoring is linear
// so this is harmless; trainers sort and merge (SortedMerged) for LIBLINEAR.
struct FeatureVector {
  std::vector<uint32_t> index;
  std::vector<float> value;
  // Words of the text, and for each (index, value) entry the share of it owed to each word:
  // pairs (word, weight) in `attribution`, the entry's range ending at `attribution_end[i]`.
  std::vector<std::string> words;
  std::vector<uint32_t> word_ids;  // as RawFeatures::word_ids; empty without attribution
  std::vector<std::pair<uint16_t, float>> attribution;
  std::vector<uint32_t> attribution_end;
};

class Featurizer {
 public:
  // `resources` may be null (then config.deasciify and config.neutralize have no effect). `idf` is
  // empty (all 1) or has 2^hash_bits entries.
  Featurizer(FeatureConfig config, ResourcesPtr resources, std::vector<float> idf = {});
  // IDF as stored in model files: idf[i] = min + step · q[i]. Kept 8-bit in memory (a quarter of
  // the cache footprint of floats; IDF lookups are random accesses).
  Featurizer(FeatureConfig config, ResourcesPtr resources, std::vector<uint8_t> q_idf,
             float idf_min, float idf_step);

  // Normalized words of `text` (lower-cased, deasciified per config), tags verbatim. Stems are
  // used inside features only.
  std::vector<std::string> Words(std::string_view text) const;
  // Words() and, in `plain`, the same words before protected-term neutralization (the emergency
  // lexicon needs "kızım", not "[CİNSİYET]").
  std::vector<std::string> Words(std::string_view text, std::vector<std::string>* plain) const;

  // Tokenizes, normalizes and hashes `text`. What each distinct word becomes (normalized forms,
  // stem, hashed buckets) is cached per thread and per (config, resources), so a word seen before
  // costs one lookup.
  void Extract(std::string_view text, RawFeatures* raw, bool with_attribution) const;
  // Applies this featurizer's IDF and normalization to features extracted with the same config.
  void Weight(const RawFeatures& raw, FeatureVector* out, bool with_attribution) const;

  // Extract + Weight. `with_attribution` fills words/attribution for explanations (slower).
  void Featurize(std::string_view text, FeatureVector* out, bool with_attribution = false) const;

  // Document frequencies → smoothed IDF ln((1+n)/(1+df)) + 1 over `texts`.
  static std::vector<float> ComputeIdf(const Featurizer& base,
                                       const std::vector<std::string>& texts);

  const FeatureConfig& config() const { return config_; }
  bool has_idf() const { return !idf_.empty() || !q_idf_.empty(); }
  // Same config and IDF: Weight() gives identical vectors.
  bool SameWeighting(const Featurizer& o) const;
  uint32_t dimension() const { return 1u << config_.hash_bits; }

 private:
  std::string CacheOwner() const;

  FeatureConfig config_;
  ResourcesPtr resources_;
  std::string cache_owner_;  // identifies this (config, resources) for the per-thread word cache
  std::vector<float> idf_;
  std::vector<uint8_t> q_idf_;
  float idf_min_ = 1, idf_step_ = 0;
};

// `fv` with indices sorted ascending and duplicates summed (attribution dropped).
void SortedMerged(const FeatureVector& fv, std::vector<std::pair<uint32_t, float>>* out);

}  // namespace kapi::triage
