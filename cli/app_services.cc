#include "cli/app_services.h"

#include <sys/stat.h>

#include <filesystem>
#include <set>

#include "base/random.h"
#include "intake/engine_triager.h"
#include "intake/privacy_masker.h"
#include "policy/privacy_source.h"
#include "privacy/field_cipher.h"
#include "privacy/key_file.h"
#include "privacy/pii_masker.h"
#include "store/store_factory.h"

namespace kapi::cli {

std::string DatabasePath(const std::string& data_dir) {
  return (std::filesystem::path(data_dir) / "kapi.db").string();
}

std::string KeyPath(const std::string& data_dir, const std::string& name) {
  return (std::filesystem::path(data_dir) / "keys" / name).string();
}

void AppServices::Close() {
  if (ledger) ledger->Close();
  if (store) store->Close();
}

namespace {

std::string ModelsDir() {
  if (const char* env = std::getenv("KAPI_MODELS")) return env;
  return KAPI_SOURCE_MODELS_DIR;
}

std::string PolicyModelsDir() {
  if (const char* env = std::getenv("KAPI_POLICY_MODELS")) return env;
  return ModelsDir() + "/policy";
}

}  // namespace

Result<AppServices> OpenAppServices(const std::string& data_dir, const AppOptions& options) {
  std::error_code ec;
  std::filesystem::create_directories(data_dir, ec);
  if (ec) return Unavailable("cannot create data directory " + data_dir + ": " + ec.message());
  chmod(data_dir.c_str(), 0700);

  AppServices app;
  app.clock = std::make_unique<SystemClock>();
  auto store = store::OpenStore({.data_dir = data_dir, .database_url = options.database_url});
  if (!store.ok()) return store.status();
  app.store = std::move(*store);
  // The ledger goes with the store: with PostgreSQL every node appends to one shared log, and its
  // key files (<data_dir>/keys/ledger-*.key) must be copies of the first node's.
  store::LedgerOptions ledger_options = store::LedgerOptionsForDataDir(data_dir);
  if (auto backend = store::BackendFor(options.database_url);
      backend.ok() && *backend == store::Backend::kPostgres) {
    ledger_options.database_url = options.database_url;
  }
  auto ledger = store::OpenLedgerStore(ledger_options);
  if (!ledger.ok()) return ledger.status();
  app.ledger = std::move(*ledger);

  auto cipher = privacy::FieldCipher::FromKeyFile(KeyPath(data_dir, "field.key"));
  if (!cipher.ok()) return cipher.status();
  app.cipher = std::make_unique<privacy::FieldCipher>(std::move(*cipher));
  auto secret_key = privacy::LoadOrCreateKey(KeyPath(data_dir, "tracking.key"), 32);
  if (!secret_key.ok()) return secret_key.status();
  auto actor_key = privacy::LoadOrCreateKey(KeyPath(data_dir, "actor.key"), 32);
  if (!actor_key.ok()) return actor_key.status();

  auto calendar = cases::TurkishCalendar::Create();
  if (!calendar.ok()) return calendar.status();
  app.calendar = std::move(*calendar);
  auto sla = cases::SlaClock::Create(app.calendar, *app.clock);
  if (!sla.ok()) return sla.status();
  app.sla = std::move(*sla);

  std::shared_ptr<const intake::TextMasker> masker = std::make_shared<intake::PassThroughMasker>();
  if (options.engines) {
    auto detector = privacy::LoadDetector(privacy::DefaultResourcesDir());
    if (!detector.ok()) return detector.status();
    app.detector = std::move(*detector);
    auto engine = privacy::PiiMasker::Create(app.detector, privacy::MaskMode::kTag, std::nullopt);
    if (!engine.ok()) return engine.status();
    masker = std::make_shared<intake::PrivacyMasker>(std::move(*engine));
    auto redactor = privacy::PiiMasker::Create(app.detector, privacy::MaskMode::kTag, std::nullopt);
    if (!redactor.ok()) return redactor.status();
    app.redactor = std::shared_ptr<const privacy::PiiMasker>(std::move(*redactor));
    policy::CheckerOptions checker_options;
    checker_options.personal_data = policy::MakePrivacySource(app.detector);
    auto checker = policy::LoadChecker(PolicyModelsDir(), checker_options);
    if (!checker.ok()) return checker.status();
    app.checker = std::move(*checker);
  }
  std::shared_ptr<const intake::Triager> triager = std::make_shared<intake::NoSuggestions>();
  std::shared_ptr<intake::EngineTriager> engine_triager;
  if (options.engines) {
    auto engine = triage::LoadEngine(ModelsDir());
    if (!engine.ok()) return engine.status();
    std::set<std::string> sensitive;
    auto topics = app.store->ListTopics();
    if (topics.ok()) {
      for (const auto& t : *topics) {
        if (t.sensitive) sensitive.insert(t.name);
      }
    }
    engine_triager = std::make_shared<intake::EngineTriager>(std::move(*engine), sensitive);
    triager = engine_triager;
  }
  app.pipeline = std::make_shared<intake::Pipeline>(std::move(masker), std::move(triager));
  app.intake =
      std::make_unique<intake::IntakeService>(app.store.get(), *app.cipher, std::move(*secret_key),
                                              app.pipeline, app.clock.get(), MakeSecureRandom());
  app.intake->set_ledger(app.ledger.get());
  app.intake->set_sla(app.sla.get());
  app.cases = std::make_unique<workflow::CaseService>(
      app.store.get(), app.ledger.get(), app.cipher.get(), std::move(*actor_key), app.clock.get());
  // New cases wait in the root's triage queue; the root's AI switch governs intake suggestions.
  auto follow_units = [intake = app.intake.get(), engine_triager](const workflow::UnitTree& tree) {
    if (tree.root().empty()) return;
    intake->set_intake_unit(tree.root());
    if (engine_triager) engine_triager->set_enabled(tree.Find(tree.root())->ai_enabled);
  };
  if (auto units = app.cases->Units()) follow_units(*units);
  app.cases->set_on_units_changed(follow_units);
  app.cases->set_checker(app.checker.get());
  if (app.redactor) {
    app.cases->set_redactor([redactor = app.redactor](const std::string& text) {
      auto r = redactor->Run(text);
      return r.ok() ? r->masked : text;  // stored text is valid UTF-8; keep it if not
    });
  }
  app.cases->set_sla(app.sla.get());
  app.auth = std::make_unique<workflow::AuthService>(
      app.store.get(), app.ledger.get(), app.cipher.get(), app.cases.get(), app.clock.get());
  return app;
}

}  // namespace kapi::cli
