// kapi_pii — the personal-data engine alone, with the same `scan` / `mask` contract as `kapi pii`
// (privacy/pii_jsonl.h) plus `eval` over a labelled set. For benchmarks, the test-set tools and
// CI, where the server binary is not needed.

#include <iostream>

#include <CLI/CLI.hpp>

#include "base/random.h"
#include "privacy/pii_jsonl.h"

int main(int argc, char** argv) {
  using namespace kapi::privacy;
  CLI::App app{"Kapı kişisel veri motoru (personal-data engine)", "kapi_pii"};
  app.require_subcommand(1);
  if (!kapi::InitCrypto()) {
    std::cerr << "kapi pii: libsodium failed to initialize\n";
    return 1;
  }
  PiiCommandArgs args;
  args.resources_dir = DefaultResourcesDir();
  std::string data_dir = "./var";
  std::string eval_path;
  std::string errors_path;
  int rc = 0;
  app.add_option("--resources", args.resources_dir, "gazetteer folder (privacy/resources)");
  auto* scan = app.add_subcommand("scan", "JSONL {id,text} → {id,entities}");
  scan->add_option("--types", args.types, "comma-separated entity types (default: all)");
  auto* mask = app.add_subcommand("mask", "JSONL {id,text} → {id,entities,masked}");
  mask->add_option("--types", args.types, "comma-separated entity types (default: all)");
  mask->add_option("--mode", args.mode, "tag | partial | pseudonym")->capture_default_str();
  mask->add_option("--data-dir", data_dir, "data folder holding keys/pseudonym.key");
  mask->add_option("--key-file", args.key_file, "pseudonym key file (created when missing)");
  mask->add_option("--scope", args.scope, "pseudonym key scope")->capture_default_str();
  auto* eval = app.add_subcommand("eval", "per-type precision/recall on a labelled JSONL set");
  eval->add_option("file", eval_path, "labelled JSONL")->required();
  eval->add_option("--errors", errors_path, "write misses and false hits here");
  std::ios::sync_with_stdio(false);
  scan->callback([&] { rc = RunPiiCommand(args, std::cin, std::cout, std::cerr); });
  mask->callback([&] {
    args.mask = true;
    if (args.key_file.empty()) args.key_file = data_dir + "/keys/pseudonym.key";
    rc = RunPiiCommand(args, std::cin, std::cout, std::cerr);
  });
  eval->callback([&] {
    rc = RunPiiEvalCommand(args.resources_dir, eval_path, errors_path, std::cout, std::cerr);
  });
  CLI11_PARSE(app, argc, argv);
  return rc;
}
