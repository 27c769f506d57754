// `kapi train`: trains one triage model (or the deasciifier table) reproducibly. Logic lives in
// triage/train_eval.h; this file only registers the subcommand.

#include <iostream>
#include <memory>

#include "cli/command.h"
#include "triage/cli_flags.h"
#include "triage/train_eval.h"

namespace kapi::cli {

void AddTrainCommand(CLI::App& app) {
  auto flags = std::make_shared<triage::TrainEvalFlags>();
  CLI::App* sub = app.add_subcommand(
      "train", "Triage modelini eğitir / train a triage model (topic, sentiment, urgency, ...)");
  flags->Register(sub);
  sub->callback([flags] { SetExitCode(triage::RunTrain(flags->Resolve(), std::cout, std::cerr)); });
}

}  // namespace kapi::cli
