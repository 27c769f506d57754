#pragma once
// Intake: turns a validated request into a stored case. It generates the tracking code and
// citizen secret, runs the pipeline (mask → suggest), encrypts the original text and contact
// with the field cipher, and submits to the store. The callback fires once the case is durable.
//
// Thread-safe; holds non-owning pointers to the store and clock, which must outlive it.

#include <functional>
#include <memory>
#include <string>

#include "base/clock.h"
#include "base/random.h"
#include "base/status.h"
#include "cases/sla_clock.h"
#include "intake/intake_request.h"
#include "intake/pipeline.h"
#include "privacy/field_cipher.h"
#include "store/ledger_store.h"
#include "store/store.h"

namespace kapi::intake {

struct IntakeOutcome {
  int64_t case_id = 0;
  std::string tracking_code;
  std::string secret;  // shown to the citizen once; needed to track the request
  std::string status;  // case state name
  bool replayed = false;
};

class IntakeService {
 public:
  IntakeService(store::Store* store, privacy::FieldCipher cipher, std::string secret_key,
                std::shared_ptr<const Pipeline> pipeline, const Clock* clock,
                std::unique_ptr<Random> random);

  // Optional collaborators, set once before the first Submit.
  // The audit ledger: each new case appends a state_change (→ new) and one ai_suggestion event
  // per suggestion; the 2xx waits for the ledger commit too.
  void set_ledger(store::LedgerStore* ledger) { ledger_ = ledger; }
  // Deadlines from the Turkish calendar (Law 3071 petitions by default); without it, 30 days.
  void set_sla(const cases::SlaClock* sla) { sla_ = sla; }
  // The unit whose triage queue receives new cases (the institution root). Suggestions never
  // move a case by themselves.
  void set_intake_unit(std::string unit_code) { intake_unit_ = std::move(unit_code); }

  using Callback = std::function<void(Result<IntakeOutcome>)>;
  // Calls `done` exactly once, possibly on another thread.
  void Submit(IntakeInput input, Callback done);

  // Keyed hash of a citizen secret as stored; compare with ConstantTimeEquals.
  std::string HashSecret(std::string_view secret) const;

  // Tracking codes look like "KP-7K3M-9QXD"; this says whether `s` has that shape.
  static bool LooksLikeTrackingCode(std::string_view s);

  // Institution default deadline for a new request: Law 3071 gives petitions 30 days.
  static constexpr int kDefaultSlaDays = 30;

 private:
  void RecordCreation(IntakeOutcome out, std::vector<ledger::AuditEvent> events, Callback done);

  store::Store* store_;
  privacy::FieldCipher cipher_;
  std::string secret_key_;
  std::shared_ptr<const Pipeline> pipeline_;
  const Clock* clock_;
  std::unique_ptr<Random> random_;
  store::LedgerStore* ledger_ = nullptr;
  const cases::SlaClock* sla_ = nullptr;
  std::string intake_unit_;
};

bool ConstantTimeEquals(std::string_view a, std::string_view b);

// An ASCII slug of a model label for the audit ledger: "Su ve Kanalizasyon" → "su-ve-kanalizasyon".
std::string LedgerSlug(std::string_view label);

}  // namespace kapi::intake
