#pragma once
// Hashed word + character n-gram features of folded text (fold.h), the input of the linear text
// classifier. The same code computes features at training and at check time, so the two never
// drift apart.
//
// Features of a span of folded text:
//   group "word": word unigrams, word bigrams and 5-byte word prefixes (a cheap stand-in for the
//                 stem of an agglutinative Turkish word), tokens split at non-letters, digits -> 0;
//   group "char": byte n-grams of length [char_min, char_max] over " " + span + " " (digits -> 0,
//                 line breaks -> ' ').
// Each feature is hashed (FNV-1a, per-group seed) into 2^buckets_log2 buckets. Counts become
// (1 + ln tf) * idf[bucket]; each group is L2-normalized and scaled by sqrt(1/2). Buckets whose
// idf is 0 (unseen or rarer than min_df in training) are dropped.
// Thread-safe: a Vectorizer is immutable after construction; scratch space is thread_local.

#include <cstdint>
#include <string_view>
#include <vector>

namespace kapi::policy {

struct VectorizerConfig {
  int buckets_log2 = 21;
  int char_min = 2;
  int char_max = 5;
  bool word_bigrams = true;
  bool word_prefixes = true;
  friend bool operator==(const VectorizerConfig&, const VectorizerConfig&) = default;
};

struct SparseFeature {
  uint32_t bucket;
  float value;
};

// Raw (bucket, count) pairs of one span, before weighting; used to count document frequencies.
struct RawFeatures {
  std::vector<std::pair<uint32_t, float>> word;
  std::vector<std::pair<uint32_t, float>> chars;
};

void ExtractRawFeatures(const VectorizerConfig& config, std::string_view span, RawFeatures& out);

class Vectorizer {
 public:
  // `idf` has 2^buckets_log2 entries (0 = drop the bucket).
  Vectorizer(VectorizerConfig config, std::vector<float> idf);

  const VectorizerConfig& config() const { return config_; }
  const std::vector<float>& idf() const { return idf_; }

  // Replaces `out` with the weighted, normalized features of `span`.
  void Vectorize(std::string_view span, std::vector<SparseFeature>& out) const;

 private:
  VectorizerConfig config_;
  std::vector<float> idf_;
};

}  // namespace kapi::policy
