#pragma once
// Composition root shared by `serve` and `import`: opens the store in the data directory, loads or
// creates the keys, and assembles the intake pipeline (privacy masking → triage) and service.
// Everything that reaches requests goes through the same pipeline, whatever the channel.

#include <memory>
#include <string>

#include "base/clock.h"
#include "base/status.h"
#include "intake/intake_service.h"
#include "store/store.h"

namespace kapi::cli {

struct AppServices {
  std::unique_ptr<Clock> clock;
  std::unique_ptr<store::Store> store;
  std::shared_ptr<const intake::Pipeline> pipeline;
  std::unique_ptr<intake::IntakeService> intake;
};

// Creates `data_dir` (mode 0700) when missing. Layout: kapi.db (+ -wal, -shm), keys/ (0700).
Result<AppServices> OpenAppServices(const std::string& data_dir);

// Path helpers for the data directory layout (docs/operations.md).
std::string DatabasePath(const std::string& data_dir);
std::string KeyPath(const std::string& data_dir, const std::string& name);

}  // namespace kapi::cli
