// `kapi eval`: k-fold evaluation of a learner on a labelled set, or of a shipped model on held-out
// data (--shipped). Logic lives in triage/train_eval.h.

#include <iostream>
#include <memory>

#include "cli/command.h"
#include "triage/cli_flags.h"
#include "triage/train_eval.h"

namespace kapi::cli {

void AddEvalCommand(CLI::App& app) {
  auto flags = std::make_shared<triage::TrainEvalFlags>();
  CLI::App* sub = app.add_subcommand(
      "eval", "Triage modelini ölçer / evaluate: macro-F1, per-class P/R, confusion, 95% CI");
  flags->Register(sub);
  sub->callback([flags] { SetExitCode(triage::RunEval(flags->Resolve(), std::cout, std::cerr)); });
}

}  // namespace kapi::cli
