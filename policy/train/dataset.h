#pragma once
// The offensive-language training data (../shared/data/offensive_offenseval2020 and
// offensive_teknofest2023) as one labelled set with a fixed train / dev / test split.
//
// Labels: OffensEval NOT -> "NOT", OFF -> "OFF"; Teknofest OTHER -> "NOT", INSULT, PROFANITY,
// SEXIST, RACIST keep their names. The split is a pure function of the folded text (FNV-1a mod
// 10: 0 -> test, 1 -> dev, else train), so duplicates never straddle splits and every tool (train,
// eval, bench) sees the same held-out rows.

#include <string>
#include <vector>

#include "base/status.h"

namespace kapi::policy::train {

enum class Split { kTrain, kDev, kTest };

struct Example {
  std::string id;
  std::string text;    // as published (NFC)
  std::string label;   // NOT, OFF, INSULT, PROFANITY, SEXIST, RACIST
  std::string source;  // "offenseval" or "teknofest"
  Split split = Split::kTrain;
};

Split SplitOf(const std::string& text);
const char* SplitName(Split split);

// Reads both sets under `shared_dir`/data. Missing files are an error.
Result<std::vector<Example>> LoadOffensiveData(const std::string& shared_dir);

// Sentences (at least four words) of the TTC-3600 news articles (`shared_dir`/data/news_ttc3600),
// every `stride`-th one, labelled "NOT" with source "news": formal Turkish prose as extra negatives
// so the classifiers learn that official register is not offensive. Never used for evaluation.
Result<std::vector<Example>> LoadNewsNegatives(const std::string& shared_dir, int stride);

// Sentences of the seed documents 000-002 (`shared_dir`/seeds), the polite-official-Turkish
// false-alarm set: lines split into sentences, markdown marks stripped, only sentences with at
// least `min_words` words kept (4 by default: drops signature lines like "Üye").
Result<std::vector<std::string>> LoadSeedSentences(const std::string& shared_dir,
                                                   int min_words = 4);

}  // namespace kapi::policy::train
