#pragma once
// Labelled examples for training and evaluation, read from an institution's export of past
// cases: JSONL (one object per line) or CSV with a header row (RFC 4180 quoting, multi-line
// fields allowed). The text and label fields are named by the caller ("text", "label" by default).
// Rows with an empty text or label are skipped and counted.

#include <string>
#include <vector>

#include "base/status.h"

namespace kapi::triage {

struct Example {
  std::string id;
  std::string text;
  std::string label;
};

struct LoadedExamples {
  std::vector<Example> examples;
  size_t skipped = 0;
};

Result<LoadedExamples> LoadExamples(const std::string& path, const std::string& text_field = "text",
                                    const std::string& label_field = "label");

// A dataset with labels turned into indices; `labels` sorted by first appearance in `order`
// when given, otherwise alphabetically.
struct LabeledSet {
  std::vector<std::string> texts;
  std::vector<int> y;
  std::vector<std::string> labels;
  std::vector<std::string> ids;
};

LabeledSet ToLabeledSet(const std::vector<Example>& examples,
                        const std::vector<std::string>& order = {});

// Stratified fold assignment: fold[i] in [0, k); the same seed gives the same folds.
std::vector<int> StratifiedFolds(const std::vector<int>& y, int k, uint64_t seed);

}  // namespace kapi::triage
