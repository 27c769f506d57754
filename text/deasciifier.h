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

#include "base/status.h"
#include "text/word_table.h"

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
    table_.Insert(std::move(ascii), std::move(turkish));
  }

 private:
  WordTable table_;
};

}  // namespace kapi::text
