#pragma once
// Composition root shared by `serve`, `import` and `init`: opens the store and the audit ledger
// in the data directory, loads or creates the keys, loads the engines (privacy, policy; triage
// when its models are present) and builds the intake, case and sign-in services. Everything that
// reaches requests goes through the same pipeline, whatever the channel.

#include <memory>
#include <string>

#include "base/clock.h"
#include "base/status.h"
#include "cases/sla_clock.h"
#include "intake/intake_service.h"
#include "policy/checker.h"
#include "privacy/detector.h"
#include "privacy/pii_masker.h"
#include "store/ledger_store.h"
#include "store/store.h"
#include "workflow/auth_service.h"
#include "workflow/case_service.h"

namespace kapi::cli {

struct AppOptions {
  // Load the engines (privacy detector ~0.3 s, policy models ~0.5 s). Off for commands that only
  // touch the database.
  bool engines = true;
  // Empty: SQLite in the data directory; else a postgresql:// URL (store/store_factory.h).
  std::string database_url;
};

// Owns every long-lived service. Members are declared in dependency order, so destruction runs
// in reverse: services first, then the ledger and the store.
struct AppServices {
  std::unique_ptr<Clock> clock;
  std::unique_ptr<store::Store> store;
  std::unique_ptr<store::LedgerStore> ledger;
  std::unique_ptr<privacy::FieldCipher> cipher;
  std::shared_ptr<const privacy::Detector> detector;
  // Masks staff-written text at a KVKK erasure (CaseService::set_redactor); null without engines.
  std::shared_ptr<const privacy::PiiMasker> redactor;
  std::shared_ptr<const cases::TurkishCalendar> calendar;
  std::unique_ptr<cases::SlaClock> sla;
  std::unique_ptr<policy::Checker> checker;
  std::shared_ptr<const intake::Pipeline> pipeline;
  std::unique_ptr<intake::IntakeService> intake;
  std::unique_ptr<workflow::CaseService> cases;
  std::unique_ptr<workflow::AuthService> auth;

  // Finishes queued writes and closes the ledger and the store. Idempotent.
  void Close();
};

// Creates `data_dir` (mode 0700) when missing. Layout in docs/configuration.md. With PostgreSQL
// (options.database_url, store/store_factory.h) the data directory still holds the keys, which
// must be the same on every node.
Result<AppServices> OpenAppServices(const std::string& data_dir, const AppOptions& options = {});

std::string DatabasePath(const std::string& data_dir);
std::string KeyPath(const std::string& data_dir, const std::string& name);

}  // namespace kapi::cli
