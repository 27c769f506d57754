#pragma once
// Near-duplicate grouping of requests: the same complaint sent many times, or by many people in
// nearly the same words (a water cut in one neighbourhood). MinHash over normalized shingles
// (ASCII-folded lower-case words without mask tags and numbers: the word set plus word bigrams),
// LSH banding for candidates, and a cluster id per text: a text joins the cluster of the most
// similar earlier text whose estimated Jaccard similarity is ≥ the threshold, otherwise starts a
// new one.
//
// DuplicateIndex is thread-safe (a mutex guards the index; signatures are computed outside it).
// Memory: about 300 bytes per added text.

#include <array>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace kapi::triage {

constexpr int kMinHashSize = 64;
using MinHashSignature = std::array<uint32_t, kMinHashSize>;

// Signature of a text; texts with no usable words get an all-0xFFFFFFFF signature.
MinHashSignature ComputeMinHash(std::string_view masked_text);
// Fraction of equal positions: an unbiased estimate of the Jaccard similarity of the shingle sets.
double EstimateJaccard(const MinHashSignature& a, const MinHashSignature& b);

struct DuplicateMatch {
  uint64_t cluster = 0;     // cluster number, 1-based, in order of creation
  std::string cluster_id;   // "dup-<cluster>" (or the caller's id of the first member)
  size_t cluster_size = 1;  // members including this text
  double similarity = 0;    // to the closest earlier member; 0 for a new cluster
};

class DuplicateIndex {
 public:
  // `threshold`: minimum estimated Jaccard similarity to join a cluster.
  explicit DuplicateIndex(double threshold = 0.6);

  // Adds a text and returns its cluster. When `id` is given, a new cluster is named after it
  // (so the cluster id is the id of its first request); otherwise "dup-<n>".
  DuplicateMatch Add(std::string_view masked_text, std::string_view id = {});

  size_t size() const;
  size_t clusters() const;

 private:
  static constexpr int kBands = 16;
  static constexpr int kRows = kMinHashSize / kBands;
  struct Entry {
    MinHashSignature sig;
    uint32_t cluster;  // index into cluster_names_/cluster_sizes_
  };

  double threshold_;
  mutable std::mutex mu_;
  std::vector<Entry> entries_;
  std::vector<std::string> cluster_names_;
  std::vector<size_t> cluster_sizes_;
  // Band hash → entry indices. A bucket keeps at most kBucketCap entries: past that its members
  // are near-identical and more would only slow every lookup (a complaint sent 1,000 times).
  static constexpr size_t kBucketCap = 8;
  std::unordered_map<uint64_t, std::vector<uint32_t>> bands_[kBands];
};

}  // namespace kapi::triage
