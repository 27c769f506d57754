#pragma once
// Restores Turkish letters in words typed without them ("cok" → "çok", "sikayet" → "şikayet").
// Word-level and data-driven: a table maps the ASCII spelling of a word to the Turkish spelling
// that real Turkish text uses far more often. The table is built from a corpus (BuildFromCorpus)
// and shipped as a TSV (`ascii<TAB>turkish` per line). Words whose ASCII spelling is itself a
// common word ("sus"/"süs" when both are frequent) are left alone: the table only holds forms
// whose Turkish spelling dominates.
//
// Immutable after construction: Fix() is thread-safe.

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/status.h"

namespace kapi::text {

class Deasciifier {
 public:
  Deasciifier() = default;

  // Counts lower-cased words of `texts` and keeps ascii→turkish when the Turkish spelling occurs
  // at least `min_count` times and at least `dominance` times as often as the ASCII one.
  class Builder {
   public:
    void Add(std::string_view text);
    Deasciifier Build(int min_count = 3, double dominance = 4.0) const;

   private:
    std::unordered_map<std::string, int64_t> counts_;
  };

  static Result<Deasciifier> LoadTsv(const std::string& path);
  Status SaveTsv(const std::string& path) const;

  // `lower_word` is a lower-cased word token. Returns the Turkish spelling, or `lower_word`
  // itself when it already has Turkish letters or is not in the table.
  std::string_view Fix(std::string_view lower_word) const;

  size_t size() const { return table_.size(); }
  void Insert(std::string ascii, std::string turkish) {
    AddToFilter(ascii);
    table_.insert_or_assign(std::move(ascii), std::move(turkish));
  }

 private:
  // A two-bit Bloom filter over the keys (fits in L1): most words are in no table, and a miss in
  // the hash map costs a cache miss or two. Rebuilt whenever the table changes.
  static constexpr size_t kFilterBits = 1u << 18;
  static uint64_t KeyHash(std::string_view s) {
    uint64_t h = 1469598103934665603ULL;
    for (unsigned char c : s) {
      h ^= c;
      h *= 1099511628211ULL;
    }
    return h;
  }
  void AddToFilter(std::string_view key) {
    if (filter_.empty()) filter_.assign(kFilterBits / 64, 0);
    const uint64_t h = KeyHash(key);
    for (uint64_t b : {h & (kFilterBits - 1), (h >> 32) & (kFilterBits - 1)}) {
      filter_[b >> 6] |= uint64_t{1} << (b & 63);
    }
  }
  bool MayContain(std::string_view key) const {
    if (filter_.empty()) return false;
    const uint64_t h = KeyHash(key);
    for (uint64_t b : {h & (kFilterBits - 1), (h >> 32) & (kFilterBits - 1)}) {
      if (!((filter_[b >> 6] >> (b & 63)) & 1)) return false;
    }
    return true;
  }
  std::vector<uint64_t> filter_;

  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, std::string, Hash, std::equal_to<>> table_;
};

}  // namespace kapi::text
