#include "triage/near_duplicate.h"

#include <algorithm>

#include "text/word_tokens.h"

namespace kapi::triage {
namespace {

inline uint64_t Fnv(std::string_view s, uint64_t h = 1469598103934665603ULL) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

inline uint64_t Mix64(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

struct Seeds {
  std::array<uint64_t, kMinHashSize> a;
  Seeds() {
    for (int i = 0; i < kMinHashSize; ++i) a[i] = Mix64(0x5eed0000ULL + i) | 1;
  }
};

const Seeds& HashSeeds() {
  static const Seeds kSeeds;
  return kSeeds;
}

}  // namespace

MinHashSignature ComputeMinHash(std::string_view masked_text) {
  MinHashSignature sig;
  sig.fill(UINT32_MAX);
  std::vector<uint64_t> shingles;
  std::string prev;
  for (const auto& t : text::TokenizeWords(masked_text)) {
    if (t.kind != text::WordKind::kWord) continue;
    std::string w = text::AsciifyLower(t.text);
    const uint64_t hw = Fnv(w);
    shingles.push_back(hw);
    if (!prev.empty()) shingles.push_back(Fnv(w, Fnv(" ", Fnv(prev))));
    prev = std::move(w);
  }
  std::sort(shingles.begin(), shingles.end());
  shingles.erase(std::unique(shingles.begin(), shingles.end()), shingles.end());
  const Seeds& seeds = HashSeeds();
  for (uint64_t s : shingles) {
    const uint64_t base = Mix64(s);
    for (int i = 0; i < kMinHashSize; ++i) {
      // Multiply-shift family: a different odd multiplier per position.
      const auto h = static_cast<uint32_t>((base * seeds.a[i]) >> 32);
      sig[i] = std::min(sig[i], h);
    }
  }
  return sig;
}

double EstimateJaccard(const MinHashSignature& a, const MinHashSignature& b) {
  int same = 0;
  for (int i = 0; i < kMinHashSize; ++i) same += a[i] == b[i];
  return static_cast<double>(same) / kMinHashSize;
}

DuplicateIndex::DuplicateIndex(double threshold) : threshold_(threshold) {}

DuplicateMatch DuplicateIndex::Add(std::string_view masked_text, std::string_view id) {
  const MinHashSignature sig = ComputeMinHash(masked_text);
  const bool empty = sig[0] == UINT32_MAX && std::all_of(sig.begin(), sig.end(), [](uint32_t v) {
                       return v == UINT32_MAX;
                     });
  uint64_t band_keys[kBands];
  for (int b = 0; b < kBands; ++b) {
    uint64_t h = 1469598103934665603ULL ^ static_cast<uint64_t>(b);
    for (int r = 0; r < kRows; ++r) h = Mix64(h ^ sig[b * kRows + r]);
    band_keys[b] = h;
  }
  std::lock_guard lock(mu_);
  int best = -1;
  double best_sim = 0;
  if (!empty) {
    for (int b = 0; b < kBands; ++b) {
      auto it = bands_[b].find(band_keys[b]);
      if (it == bands_[b].end()) continue;
      for (uint32_t e : it->second) {
        const double sim = EstimateJaccard(sig, entries_[e].sig);
        if (sim > best_sim || (sim == best_sim && static_cast<int>(e) < best)) {
          best_sim = sim;
          best = static_cast<int>(e);
        }
      }
    }
  }
  DuplicateMatch m;
  uint32_t cluster;
  if (best >= 0 && best_sim >= threshold_) {
    cluster = entries_[best].cluster;
    m.similarity = best_sim;
  } else {
    cluster = static_cast<uint32_t>(cluster_names_.size());
    cluster_names_.push_back(id.empty() ? "dup-" + std::to_string(cluster + 1) : std::string(id));
    cluster_sizes_.push_back(0);
  }
  const auto index = static_cast<uint32_t>(entries_.size());
  entries_.push_back({sig, cluster});
  if (!empty) {
    for (int b = 0; b < kBands; ++b) {
      auto& bucket = bands_[b][band_keys[b]];
      if (bucket.size() < kBucketCap) bucket.push_back(index);
    }
  }
  m.cluster = cluster + 1;
  m.cluster_id = cluster_names_[cluster];
  m.cluster_size = ++cluster_sizes_[cluster];
  return m;
}

size_t DuplicateIndex::size() const {
  std::lock_guard lock(mu_);
  return entries_.size();
}

size_t DuplicateIndex::clusters() const {
  std::lock_guard lock(mu_);
  return cluster_names_.size();
}

}  // namespace kapi::triage
