#include "policy/vectorizer.h"

#include <cmath>
#include <utility>

namespace kapi::policy {
namespace {

constexpr uint64_t kFnvOffset = 1469598103934665603ULL;
constexpr uint64_t kFnvPrime = 1099511628211ULL;

inline uint64_t Mix(uint64_t h, unsigned char c) { return (h ^ c) * kFnvPrime; }

inline uint32_t ToBucket(uint64_t h, int log2) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  return static_cast<uint32_t>(h >> (64 - log2));
}

inline unsigned char Canon(char c) {
  if (c >= '0' && c <= '9') return '0';
  if (c == '\n') return ' ';
  return static_cast<unsigned char>(c);
}

inline bool IsWordByte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80 || c == '@' || c == '#';
}

// Counts distinct buckets with an open-addressing table that is reset by a generation stamp, so
// one call costs O(features) and allocates nothing once warm.
class BucketCounter {
 public:
  void Reset(size_t expected) {
    size_t need = 64;
    while (need < expected * 2) need <<= 1;
    if (need > keys_.size()) {
      keys_.assign(need, 0);
      counts_.assign(need, 0.0f);
      stamps_.assign(need, 0);
      generation_ = 0;
    }
    mask_ = keys_.size() - 1;
    ++generation_;
    if (generation_ == 0) {
      std::fill(stamps_.begin(), stamps_.end(), 0);
      generation_ = 1;
    }
    used_.clear();
  }
  void Add(uint32_t key) {
    size_t slot = (key * 2654435761u) & mask_;
    while (true) {
      if (stamps_[slot] != generation_) {
        stamps_[slot] = generation_;
        keys_[slot] = key;
        counts_[slot] = 1.0f;
        used_.push_back(static_cast<uint32_t>(slot));
        return;
      }
      if (keys_[slot] == key) {
        counts_[slot] += 1.0f;
        return;
      }
      slot = (slot + 1) & mask_;
    }
  }
  template <typename F>
  void ForEach(F&& f) const {
    for (uint32_t slot : used_) f(keys_[slot], counts_[slot]);
  }

 private:
  std::vector<uint32_t> keys_;
  std::vector<float> counts_;
  std::vector<uint32_t> stamps_;
  std::vector<uint32_t> used_;
  uint32_t generation_ = 0;
  size_t mask_ = 0;
};

template <typename WordSink, typename CharSink>
void Extract(const VectorizerConfig& config, std::string_view span, WordSink&& word_sink,
             CharSink&& char_sink) {
  const int log2 = config.buckets_log2;
  // Words.
  uint64_t prev_word = 0;
  bool has_prev = false;
  size_t i = 0;
  const size_t n = span.size();
  while (i < n) {
    while (i < n && !IsWordByte(static_cast<unsigned char>(span[i]))) ++i;
    if (i >= n) break;
    size_t b = i;
    uint64_t h = Mix(kFnvOffset, 'w');
    uint64_t prefix = 0;
    while (i < n && IsWordByte(static_cast<unsigned char>(span[i]))) {
      h = Mix(h, Canon(span[i]));
      if (i - b + 1 == 5) prefix = h;
      ++i;
    }
    word_sink(ToBucket(h, log2));
    if (config.word_prefixes && prefix != 0 && i - b > 5) {
      word_sink(ToBucket(Mix(prefix, 'p'), log2));
    }
    if (config.word_bigrams && has_prev) {
      word_sink(ToBucket(Mix(prev_word * 31 + h, 'b'), log2));
    }
    prev_word = h;
    has_prev = true;
  }
  // Characters over " " + span + " ".
  auto at = [&](size_t k) -> unsigned char {
    if (k == 0 || k == n + 1) return ' ';
    return Canon(span[k - 1]);
  };
  const size_t total = n + 2;
  for (size_t start = 0; start < total; ++start) {
    uint64_t h = Mix(kFnvOffset, 'c');
    for (int len = 1; len <= config.char_max && start + len <= total; ++len) {
      h = Mix(h, at(start + len - 1));
      if (len >= config.char_min) char_sink(ToBucket(h, log2));
    }
  }
}

thread_local BucketCounter tl_word_counter;
thread_local BucketCounter tl_char_counter;

}  // namespace

void ExtractRawFeatures(const VectorizerConfig& config, std::string_view span, RawFeatures& out) {
  out.word.clear();
  out.chars.clear();
  BucketCounter& wc = tl_word_counter;
  BucketCounter& cc = tl_char_counter;
  wc.Reset(span.size());
  cc.Reset(span.size() * (config.char_max - config.char_min + 1) + 8);
  Extract(
      config, span, [&](uint32_t b) { wc.Add(b); }, [&](uint32_t b) { cc.Add(b); });
  wc.ForEach([&](uint32_t k, float c) { out.word.emplace_back(k, c); });
  cc.ForEach([&](uint32_t k, float c) { out.chars.emplace_back(k, c); });
}

Vectorizer::Vectorizer(VectorizerConfig config, std::vector<float> idf)
    : config_(config), idf_(std::move(idf)) {
  idf_.resize(size_t{1} << config_.buckets_log2, 0.0f);
}

void Vectorizer::Vectorize(std::string_view span, std::vector<SparseFeature>& out) const {
  out.clear();
  BucketCounter& wc = tl_word_counter;
  BucketCounter& cc = tl_char_counter;
  wc.Reset(span.size());
  cc.Reset(span.size() * (config_.char_max - config_.char_min + 1) + 8);
  Extract(
      config_, span,
      [&](uint32_t b) {
        if (idf_[b] != 0) wc.Add(b);
      },
      [&](uint32_t b) {
        if (idf_[b] != 0) cc.Add(b);
      });
  const float kGroupScale = std::sqrt(0.5f);
  auto emit = [&](const BucketCounter& counter) {
    size_t first = out.size();
    double norm = 0.0;
    counter.ForEach([&](uint32_t k, float c) {
      float v = (1.0f + std::log(c)) * idf_[k];
      out.push_back({k, v});
      norm += double{v} * v;
    });
    if (norm <= 0) return;
    float scale = kGroupScale / static_cast<float>(std::sqrt(norm));
    for (size_t j = first; j < out.size(); ++j) out[j].value *= scale;
  };
  emit(wc);
  emit(cc);
}

}  // namespace kapi::policy
