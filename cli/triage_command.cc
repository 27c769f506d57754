// `kapi triage [--models DIR] < in.jsonl > out.jsonl`: advisory triage of masked texts. Logic
// lives in triage/triage_command.h; this file only registers the subcommand.

#include <iostream>
#include <memory>

#include "cli/command.h"
#include "triage/triage_command.h"

namespace kapi::cli {

void AddTriageCommand(CLI::App& app) {
  auto opts = std::make_shared<triage::TriageCommandOptions>();
  CLI::App* sub = app.add_subcommand(
      "triage", "Maskelenmiş metinler için öneri üretir / advisory triage of masked texts (JSONL)");
  sub->add_option("--models", opts->models_dir, "Model directory (default ./models)");
  sub->callback([opts] { SetExitCode(triage::RunTriage(std::cin, std::cout, std::cerr, *opts)); });
}

}  // namespace kapi::cli
