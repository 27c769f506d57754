#include "cli/app_services.h"

#include <sys/stat.h>

#include <filesystem>

#include "base/random.h"
#include "privacy/field_cipher.h"
#include "privacy/key_file.h"

namespace kapi::cli {

std::string DatabasePath(const std::string& data_dir) {
  return (std::filesystem::path(data_dir) / "kapi.db").string();
}

std::string KeyPath(const std::string& data_dir, const std::string& name) {
  return (std::filesystem::path(data_dir) / "keys" / name).string();
}

Result<AppServices> OpenAppServices(const std::string& data_dir) {
  std::error_code ec;
  std::filesystem::create_directories(data_dir, ec);
  if (ec) return Unavailable("cannot create data directory " + data_dir + ": " + ec.message());
  chmod(data_dir.c_str(), 0700);

  AppServices app;
  app.clock = std::make_unique<SystemClock>();
  auto store = store::OpenSqliteStore({.path = DatabasePath(data_dir)});
  if (!store.ok()) return store.status();
  app.store = std::move(*store);

  auto cipher = privacy::FieldCipher::FromKeyFile(KeyPath(data_dir, "field.key"));
  if (!cipher.ok()) return cipher.status();
  auto secret_key = privacy::LoadOrCreateKey(KeyPath(data_dir, "tracking.key"), 32);
  if (!secret_key.ok()) return secret_key.status();

  app.pipeline = std::make_shared<intake::Pipeline>(std::make_shared<intake::PassThroughMasker>(),
                                                    std::make_shared<intake::NoSuggestions>());
  app.intake = std::make_unique<intake::IntakeService>(app.store.get(), std::move(*cipher),
                                                       std::move(*secret_key), app.pipeline,
                                                       app.clock.get(), MakeSecureRandom());
  return app;
}

}  // namespace kapi::cli
