// kapi pii scan|mask|eval — the personal-data engine on JSONL (contract in privacy/pii_jsonl.h,
// docs/formats/pii-jsonl.md). Logic lives in privacy/; this file only maps options.

#include <iostream>

#include "cli/command.h"
#include "privacy/detector.h"
#include "privacy/pii_jsonl.h"

namespace kapi::cli {

void AddPiiCommand(CLI::App& app) {
  struct Options {
    privacy::PiiCommandArgs args;
    std::string data_dir;
    std::string eval_path;
    std::string errors_path;
  };
  auto opts = std::make_shared<Options>();
  opts->args.resources_dir = privacy::DefaultResourcesDir();
  auto* pii =
      app.add_subcommand("pii", "Kişisel veri bul ve maskele (find and mask personal data)");
  pii->require_subcommand(1);
  pii->add_option("--resources", opts->args.resources_dir,
                  "gazetteer folder (default privacy/resources, env KAPI_PRIVACY_RESOURCES)");
  auto* scan = pii->add_subcommand("scan", "JSONL {id,text} → {id,entities}");
  scan->add_option("--types", opts->args.types, "comma-separated entity types (default: all)");
  auto* mask = pii->add_subcommand("mask", "JSONL {id,text} → {id,entities,masked}");
  mask->add_option("--types", opts->args.types, "comma-separated entity types (default: all)");
  mask->add_option("--mode", opts->args.mode, "tag | partial | pseudonym")->capture_default_str();
  AddDataDirOption(mask, &opts->data_dir);
  mask->add_option("--key-file", opts->args.key_file,
                   "pseudonym key (default <data-dir>/keys/pseudonym.key, created when missing)");
  mask->add_option("--scope", opts->args.scope, "pseudonym key scope")->capture_default_str();
  auto* eval = pii->add_subcommand("eval", "per-type precision/recall on a labelled JSONL set");
  eval->add_option("file", opts->eval_path, "labelled JSONL (tools/pii_testset)")->required();
  eval->add_option("--errors", opts->errors_path, "write misses and false hits here");

  scan->callback([opts] {
    std::ios::sync_with_stdio(false);
    SetExitCode(privacy::RunPiiCommand(opts->args, std::cin, std::cout, std::cerr));
  });
  mask->callback([opts] {
    std::ios::sync_with_stdio(false);
    opts->args.mask = true;
    if (opts->args.key_file.empty()) opts->args.key_file = opts->data_dir + "/keys/pseudonym.key";
    SetExitCode(privacy::RunPiiCommand(opts->args, std::cin, std::cout, std::cerr));
  });
  eval->callback([opts] {
    SetExitCode(privacy::RunPiiEvalCommand(opts->args.resources_dir, opts->eval_path,
                                           opts->errors_path, std::cout, std::cerr));
  });
}

}  // namespace kapi::cli
