// kapi — the command-line entry point. Every capability is a subcommand; see cli/command.h.

#include <CLI/CLI.hpp>

#include "base/random.h"
#include "cli/command.h"

int main(int argc, char** argv) {
  CLI::App app{"Kapı: vatandaş başvuruları için kurum içi platform (citizen request platform)",
               "kapi"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "kapi 0.1.0");
  if (!kapi::InitCrypto()) {
    std::fputs("kapi: libsodium failed to initialize\n", stderr);
    return 1;
  }
  kapi::cli::AddServeCommand(app);
  kapi::cli::AddInitCommand(app);
  kapi::cli::AddImportCommand(app);
  kapi::cli::AddBackupCommand(app);
  kapi::cli::AddAuditCommand(app);
  kapi::cli::AddPiiCommand(app);
  kapi::cli::AddCheckCommand(app);
  kapi::cli::AddTriageCommand(app);
  kapi::cli::AddTrainCommand(app);
  kapi::cli::AddEvalCommand(app);
  CLI11_PARSE(app, argc, argv);
  return kapi::cli::ExitCode();
}
