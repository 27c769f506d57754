#pragma once
// Quality evaluation against a labelled JSONL set (tools/pii_testset writes one):
//   {"id": "...", "text": "...", "entities": [{"type": "PHONE", "start": 5, "end": 19}, ...]}
// Offsets are code points. Structured types must match exactly (type, start, end); ADDRESS and
// PERSON count as found when a span of the same type overlaps (the "overlap" rule).
// Records with no gold entity measure how often clean text is altered.
//
// Base-text audit (tools/pii_testset/README.md): a record may carry "base_audited": true and
// "base_entities": [{"type", "start", "end", "label": "real"|"neutral"}], the hand-labelled
// personal data that the real base text already held. The raw figures ignore them (only planted
// values are gold). The audited figures use only audited records: gold is planted + "real" base
// spans (a base span counts as found when a prediction of its type overlaps it), a prediction
// overlapping a "neutral" span (a fictional or long-dead person's name) is not counted either way,
// and a clean record is one with neither planted nor real base personal data. The adjusted
// precision uses every record: gold is planted values only (recall is the raw one), but a
// prediction overlapping audited base personal data (from a full or a hit-only audit, "real" or
// "neutral") is not a false hit.

#include <array>
#include <istream>
#include <ostream>

#include "privacy/detector.h"

namespace kapi::privacy {

struct TypeScore {
  size_t gold = 0;
  size_t predicted = 0;
  size_t gold_found = 0;      // gold spans matched by a prediction
  size_t predicted_true = 0;  // predictions matching a gold span
  double Recall() const { return gold == 0 ? 1.0 : static_cast<double>(gold_found) / gold; }
  double Precision() const {
    return predicted == 0 ? 1.0 : static_cast<double>(predicted_true) / predicted;
  }
};

struct EvalReport {
  std::array<TypeScore, kEntityTypeCount> by_type{};         // raw: planted values only
  std::array<TypeScore, kEntityTypeCount> adjusted{};        // planted gold; hits on audited base
                                                             // personal data are not false
  std::array<TypeScore, kEntityTypeCount> audited{};         // audited records, planted + real base
  std::array<size_t, kEntityTypeCount> audited_base_gold{};  // real base spans among audited gold
  size_t audited_records = 0;
  size_t audited_clean = 0;
  size_t audited_clean_altered = 0;
  size_t records = 0;
  size_t clean_records = 0;  // records without gold entities
  size_t clean_altered = 0;  // ... where the detector found something
  size_t bad_lines = 0;
  double CleanAlteredRate() const {
    return clean_records == 0 ? 0.0 : static_cast<double>(clean_altered) / clean_records;
  }
  double AuditedCleanAlteredRate() const {
    return audited_clean == 0 ? 0.0 : static_cast<double>(audited_clean_altered) / audited_clean;
  }
};

// Reads the labelled set from `in`, scans every text, scores. When `errors` is not null, each
// miss and false hit is written there as one JSON line (for error analysis; contains the
// generated test text).
EvalReport Evaluate(const Detector& detector, std::istream& in, std::ostream* errors = nullptr);

// Prints a table: type, gold, predicted, recall, precision, and the clean-text rate; then the
// same for the audited records when there are any.
void PrintReport(const EvalReport& report, std::ostream& out);

}  // namespace kapi::privacy
