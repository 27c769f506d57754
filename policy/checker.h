#pragma once
// The outgoing-text policy checker: every answer to a citizen and every institutional post is
// checked against the ethics rules in the seeds (2021/81 Sosyal Medya Etik İlkeleri, 2024/108
// yapay zekâ ilkeleri, the KVKK notice) before it leaves Kapı. Each finding names its rule, a
// severity (block / warn), a code-point span and the article it enforces (finding.h).
//
// Usage (the answer workflow, the server, `kapi check`):
//   auto checker = policy::LoadChecker("models/policy", {.personal_data = source});
//   std::vector<Finding> findings = (*checker)->Check({.id = "a1", .text = reply});
//
// Thread-safety: a Checker is immutable after LoadChecker; Check is const and may run
// concurrently from any number of threads (scratch space is thread_local).

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "policy/finding.h"
#include "policy/personal_data_source.h"

namespace kapi::policy {

enum class TextKind {
  kReply,  // an answer to a citizen: needs a greeting and a closing (courtesy, warn)
  kPost,   // an institutional social-media post: no greeting / closing expected
};

struct CheckInput {
  std::string id;
  std::string text;  // UTF-8; invalid bytes are checked as U+FFFD
  bool ai_assisted = false;
  TextKind kind = TextKind::kReply;
  std::optional<Addressee> addressee;  // their own personal data is allowed in the text
};

struct CheckerOptions {
  // Personal-data spans come from here; null disables the personal_data rule (and says so in
  // Checker::Describe()).
  std::shared_ptr<const PersonalDataSource> personal_data;
  // Added to the tuned classifier thresholds (positive = fewer, surer findings).
  double offensive_threshold_shift = 0.0;
  // Replace the tuned thresholds (models/policy/checker.json); for the tuning tool.
  std::optional<double> offensive_threshold;
  std::optional<double> subtype_threshold;
  // Greeting / closing checks for replies.
  bool courtesy = true;
};

class Checker {
 public:
  virtual ~Checker() = default;
  // Findings ordered by start, then rule. Never fails: a broken personal-data source yields a
  // personal_data finding with detail "source_error" over the whole text (fail closed).
  virtual std::vector<Finding> Check(const CheckInput& input) const = 0;
  // Model versions and thresholds in use, for the audit ledger ("which model version decided").
  virtual std::string Describe() const = 0;
};

// Loads offensive.klm and subtype.klm from `models_dir` (see models/policy/MODEL_CARD.md).
Result<std::unique_ptr<Checker>> LoadChecker(const std::string& models_dir,
                                             CheckerOptions options = {});

}  // namespace kapi::policy
