// `kapi check`: the outgoing-text policy check over JSONL (contract in policy/check_runner.h).
//   kapi check [--models DIR] [--explain] < in.jsonl > out.jsonl
// The models directory is --models, else $KAPI_POLICY_MODELS, else the first of
// <data-dir>/models/policy, ./models/policy and the source tree's models/policy that exists.

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "cli/command.h"
#include "policy/check_runner.h"
#include "policy/checker.h"
#include "policy/privacy_source.h"
#include "privacy/detector.h"

namespace kapi::cli {
namespace {

std::string FindModelsDir(const std::string& flag, const std::string& data_dir) {
  if (!flag.empty()) return flag;
  if (const char* env = std::getenv("KAPI_POLICY_MODELS"); env && *env) return env;
  std::error_code ec;
  for (const std::string& candidate : {data_dir + "/models/policy", std::string("models/policy"),
                                       std::string(KAPI_POLICY_MODELS_DEFAULT)}) {
    if (std::filesystem::exists(candidate + "/offensive.klm", ec)) return candidate;
  }
  return KAPI_POLICY_MODELS_DEFAULT;
}

}  // namespace

void AddCheckCommand(CLI::App& app) {
  struct Options {
    std::string data_dir;
    std::string models;
    bool explain = false;
  };
  auto options = std::make_shared<Options>();
  CLI::App* sub = app.add_subcommand(
      "check", "Giden metni etik ilkelere göre denetler (policy check of outgoing text, JSONL)");
  AddDataDirOption(sub, &options->data_dir);
  sub->add_option("--models", options->models, "policy models directory (models/policy)");
  sub->add_flag("--explain", options->explain, "add detail and score to each finding");
  sub->callback([options] {
    std::string dir = FindModelsDir(options->models, options->data_dir);
    auto detector = privacy::LoadDetector(privacy::DefaultResourcesDir());
    if (!detector.ok()) {
      std::cerr << "kapi check: " << detector.status().ToString() << "\n";
      SetExitCode(1);
      return;
    }
    policy::CheckerOptions checker_options;
    checker_options.personal_data = policy::MakePrivacySource(std::move(*detector));
    auto checker = policy::LoadChecker(dir, checker_options);
    if (!checker.ok()) {
      std::cerr << "kapi check: " << checker.status().ToString() << "\n";
      SetExitCode(1);
      return;
    }
    std::ios::sync_with_stdio(false);
    policy::RunCheckOptions run_options;
    run_options.explain = options->explain;
    SetExitCode(policy::RunCheck(**checker, std::cin, std::cout, std::cerr, run_options));
  });
}

}  // namespace kapi::cli
