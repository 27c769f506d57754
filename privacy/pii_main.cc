// kapi_pii — the personal-data engine alone: the same `scan` / `mask` contract as `kapi pii`
// (privacy/pii_jsonl.h) plus `eval` over a labelled set. Useful where the server binary is not
// built (benchmarks, the test-set tools, CI).

#include <fstream>
#include <iostream>

#include <CLI/CLI.hpp>

#include "base/random.h"
#include "privacy/detector.h"
#include "privacy/pii_eval.h"
#include "privacy/pii_jsonl.h"

namespace {

using namespace kapi::privacy;

int RunWith(const std::string& resources, const std::string& types_csv, bool mask,
            const std::string& mode_name, const std::string& key_file, const std::string& scope) {
  auto detector = LoadDetector(resources);
  if (!detector.ok()) {
    std::cerr << "kapi pii: " << detector.status().ToString() << '\n';
    return 1;
  }
  auto types = ParseTypeSet(types_csv);
  if (!types.ok()) {
    std::cerr << "kapi pii: " << types.status().message() << '\n';
    return 2;
  }
  PiiRunOptions opts;
  opts.types = *types;
  opts.mask = mask;
  std::optional<PseudonymKey> key;
  if (mask) {
    auto mode = ParseMaskMode(mode_name);
    if (!mode) {
      std::cerr << "kapi pii: --mode must be tag, partial or pseudonym\n";
      return 2;
    }
    opts.mode = *mode;
    if (*mode == MaskMode::kPseudonym) {
      auto k = PseudonymKey::FromKeyFile(key_file, scope);
      if (!k.ok()) {
        std::cerr << "kapi pii: " << k.status().ToString() << '\n';
        return 1;
      }
      key.emplace(std::move(*k));
      opts.key = &*key;
    }
  }
  std::ios::sync_with_stdio(false);
  return RunPii(**detector, std::cin, std::cout, std::cerr, opts);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Kapı kişisel veri motoru (personal-data engine)", "kapi_pii"};
  app.require_subcommand(1);
  if (!kapi::InitCrypto()) {
    std::cerr << "kapi pii: libsodium failed to initialize\n";
    return 1;
  }
  std::string resources = DefaultResourcesDir();
  std::string types;
  std::string mode = "tag";
  std::string data_dir = "./var";
  std::string key_file;
  std::string scope = "default";
  std::string errors_path;
  std::string eval_path;
  int rc = 0;
  app.add_option("--resources", resources, "gazetteer folder (privacy/resources)");
  auto* scan = app.add_subcommand("scan", "JSONL {id,text} → {id,entities}");
  scan->add_option("--types", types, "comma-separated entity types (default: all)");
  auto* mask = app.add_subcommand("mask", "JSONL {id,text} → {id,entities,masked}");
  mask->add_option("--types", types, "comma-separated entity types (default: all)");
  mask->add_option("--mode", mode, "tag | partial | pseudonym")->capture_default_str();
  mask->add_option("--data-dir", data_dir, "data folder holding keys/pseudonym.key");
  mask->add_option("--key-file", key_file, "pseudonym key file (created when missing)");
  mask->add_option("--scope", scope, "pseudonym key scope")->capture_default_str();
  auto* eval = app.add_subcommand("eval", "per-type precision/recall on a labelled JSONL set");
  eval->add_option("file", eval_path, "labelled JSONL")->required();
  eval->add_option("--errors", errors_path, "write misses and false hits here");
  scan->callback([&] { rc = RunWith(resources, types, false, mode, key_file, scope); });
  mask->callback([&] {
    if (key_file.empty()) key_file = data_dir + "/keys/pseudonym.key";
    rc = RunWith(resources, types, true, mode, key_file, scope);
  });
  eval->callback([&] {
    auto detector = LoadDetector(resources);
    if (!detector.ok()) {
      std::cerr << "kapi pii: " << detector.status().ToString() << '\n';
      rc = 1;
      return;
    }
    std::ifstream in(eval_path);
    if (!in) {
      std::cerr << "kapi pii: cannot read " << eval_path << '\n';
      rc = 1;
      return;
    }
    std::ofstream errors;
    if (!errors_path.empty()) errors.open(errors_path);
    EvalReport report = Evaluate(**detector, in, errors_path.empty() ? nullptr : &errors);
    PrintReport(report, std::cout);
  });
  CLI11_PARSE(app, argc, argv);
  return rc;
}
