// kapi_triage_tool: a development stand-in for the `kapi` binary with only the triage
// subcommands (train, eval, triage), so this part can be run before the main binary links it.
// The real `kapi` registers the same Add*Command functions from cli/.

#include <CLI/CLI.hpp>

#include "cli/command.h"

namespace kapi::cli {
void AddTriageCommand(CLI::App& app);
void AddTrainCommand(CLI::App& app);
void AddEvalCommand(CLI::App& app);
}  // namespace kapi::cli

int main(int argc, char** argv) {
  CLI::App app{"Kapı triage (development tool)", "kapi"};
  app.require_subcommand(1);
  kapi::cli::AddTriageCommand(app);
  kapi::cli::AddTrainCommand(app);
  kapi::cli::AddEvalCommand(app);
  CLI11_PARSE(app, argc, argv);
  return kapi::cli::ExitCode();
}
