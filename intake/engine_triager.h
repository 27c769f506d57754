#pragma once
// The intake pipeline's Triager backed by the triage engine (triage/engine.h). It sees only the
// masked text (pipeline.h guarantees it), adds the near-duplicate cluster, and enforces two rules
// of 2024/108:
//   - Yetkinlik (7): for topics the institution marks sensitive (e.g. social aid) the AI gives
//     routing help only: sentiment and urgency are withheld and the suggestion says so;
//   - Yetkinlik (6): when the intake unit's AI switch is off, nothing is suggested.
// Thread-safe.

#include <atomic>
#include <memory>
#include <set>
#include <string>

#include "intake/pipeline.h"
#include "triage/engine.h"
#include "triage/near_duplicate.h"

namespace kapi::intake {

class EngineTriager final : public Triager {
 public:
  // `sensitive_labels`: topic names (as the model labels them) that are sensitive.
  EngineTriager(std::unique_ptr<triage::Engine> engine, std::set<std::string> sensitive_labels);

  Suggestions Suggest(std::string_view masked_text) const override;

  // The intake unit's AI switch; on by default.
  void set_enabled(bool enabled) { enabled_.store(enabled); }

 private:
  std::unique_ptr<triage::Engine> engine_;
  std::set<std::string> sensitive_labels_;
  mutable triage::DuplicateIndex duplicates_;
  std::atomic<bool> enabled_{true};
};

}  // namespace kapi::intake
