#pragma once
// Counterfactual fairness check (issue 4, item 8; seed 2024/108 Tarafsızlık 1): swap person
// names, place names and gendered / ethnic / religious words in held-out texts and count how
// often the models' suggestions (top topic, abstention, sentiment, urgency) stay the same; the
// emergency lexicon's flag is reported apart (it may ring on a cue inside a place name). Two kinds
// of counterfactual:
//   - in-text swaps: words of the texts found in a list are replaced by another word of the same
//     list (names only when capitalized and never used as a common word in the corpus);
//   - templates: a sentence naming a person / place / group is put in front of the text twice,
//     with two different fillers, and the two results are compared.
// Randomness comes from a seed, so the report is reproducible.

#include <cstdint>
#include <iosfwd>
#include <map>
#include <string>
#include <vector>

#include "base/status.h"
#include "triage/engine.h"

namespace kapi::triage {

struct FairnessLists {
  std::vector<std::string> female_names, male_names, surnames, places;
  std::vector<std::vector<std::string>> gendered, ethnic, religious;  // interchangeable groups
  std::vector<std::string> templates;
};

// Reads ../shared/data/names, ../shared/data/places_ptt and the term file
// (models/fairness_terms.json: the shared data has no gendered/ethnic/religious word lists, so
// those are ours).
Result<FairnessLists> LoadFairnessLists(const std::string& shared_dir,
                                        const std::string& terms_path);

struct FairnessReport {
  struct Kind {
    size_t pairs = 0, unchanged = 0;
    std::vector<std::string> examples;  // a few changed pairs, for the report
    double rate() const { return pairs ? static_cast<double>(unchanged) / pairs : 1.0; }
  };
  std::map<std::string, Kind>
      kinds;  // "names", "places", "gendered", "ethnic", "religious", "template:<i>"
  size_t texts = 0, unchanged_texts = 0;  // a text counts as unchanged when all its pairs are
  size_t emergency_pairs = 0, emergency_flips = 0;  // the lexicon, reported apart
  double rate() const { return texts ? static_cast<double>(unchanged_texts) / texts : 1.0; }
  std::string ToText() const;
};

// `common_words`: lower-case words used as ordinary words in the corpus; names equal to one of
// them ("Deniz", "Umut") are not swapped inside texts.
FairnessReport RunCounterfactuals(const Engine& engine, const std::vector<std::string>& texts,
                                  const FairnessLists& lists,
                                  const std::vector<std::string>& common_words, uint64_t seed);

// Lower-cased forms of the words of `text` that are written lower-case there (not names).
std::vector<std::string> LowercaseWrittenWords(std::string_view text);

// `kapi eval --task fairness`: trains topic/sentiment/urgency on all but a held-out fold (seeded)
// into a temporary directory, runs the counterfactuals on the held-out texts, prints the report.
// `max_texts` caps the held-out texts per dataset (0 = all).
int RunFairness(const std::string& shared_dir, const std::string& models_dir, uint64_t seed,
                size_t max_texts, size_t max_train, std::ostream& out, std::ostream& err,
                double* overall_rate = nullptr);

}  // namespace kapi::triage
