#pragma once
// Protected terms: words that name a person, a place, a gender, an ethnic group or a religion.
// The featurizer replaces them with a category tag ([ÖZEL_AD] for person and place names,
// [CİNSİYET], [ETNİK], [DİN])
// before any model sees them, so a suggestion cannot depend on which name, place or group a text
// mentions (seed 2024/108 Tarafsızlık 1; DESIGN.md: "names, places and gendered words are masked
// before models"). It backs up the privacy engine, which masks names and addresses it detects.
//
// The table is built from ../shared/data (names/, places_ptt/) and models/fairness_terms.json;
// person and place names that are also ordinary words ("deniz", "umut", "merkez") are left out
// (a word counts as ordinary when the corpora use it lower-case at least `min_common` times;
// tweets write names lower-case too, so the bar is not 1).
// Immutable after construction; Tag() is thread-safe.

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/status.h"
#include "text/word_table.h"

namespace kapi::triage {

struct FairnessLists;

class ProtectedTerms {
 public:
  ProtectedTerms() = default;

  // `lowercase_counts`: how often each lower-case word occurs written lower-case in the corpora.
  static ProtectedTerms Build(const FairnessLists& lists,
                              const std::unordered_map<std::string, int>& lowercase_counts,
                              int min_common = 20);
  static Result<ProtectedTerms> LoadTsv(const std::string& path);
  Status SaveTsv(const std::string& path) const;

  // The category tag for a lower-cased word, or "" when it is not protected.
  std::string_view Tag(std::string_view lower_word) const;

  void Insert(std::string lower_word, std::string tag) {
    table_.Insert(std::move(lower_word), std::move(tag));
  }
  size_t size() const { return table_.size(); }

 private:
  text::WordTable table_;
};

}  // namespace kapi::triage
