#pragma once
// The `kapi pii scan|mask` contract as library functions over streams (cli/pii_command.cc is a
// thin wrapper; tests and benchmarks call these directly).
//
//   in:  {"id": "...", "text": "..."}   one JSON object per line; blank lines are skipped
//   scan out: {"id": "...", "entities": [{"type": "TCKN", "start": 12, "end": 23, "text": "..."}]}
//   mask out: the same plus "masked" (the masked text) and, per entity, "masked_start" and
//             "masked_end" (code points in "masked")
//
// A line that is not valid UTF-8 or not a JSON object with a string "text" produces
//   {"id": <id when it could be read, else null>, "line": <1-based>, "error": {"code": ...,
//   "message": ...}}
// on `out` and a message on `err`; the run continues. Codes: invalid_utf8, invalid_json,
// missing_text. Offsets are Unicode code points. Docs: docs/formats/pii-jsonl.md.

#include <istream>
#include <ostream>
#include <string>

#include "privacy/detector.h"
#include "privacy/masker.h"

namespace kapi::privacy {

struct PiiRunOptions {
  bool mask = false;  // mask as well as scan
  MaskMode mode = MaskMode::kTag;
  const PseudonymKey* key = nullptr;  // required for MaskMode::kPseudonym
  TypeSet types = kAllTypes;
};

struct PiiRunStats {
  size_t lines = 0;   // records processed (blank lines excluded)
  size_t errors = 0;  // records answered with an error object
  size_t entities = 0;
};

// Processes every line of `in`. Returns 0 when the input was read to its end (bad records are
// reported per line and do not change the exit code), 2 on a usage error (pseudonym without key).
int RunPii(const Detector& detector, std::istream& in, std::ostream& out, std::ostream& err,
           const PiiRunOptions& options, PiiRunStats* stats = nullptr);

// Everything a command line needs: loads the detector from `resources_dir`, parses `types`
// (comma-separated, empty = all) and `mode`, loads or creates the pseudonym key file (mode 0600)
// for pseudonym masking, then runs RunPii. Exit codes: 0 done, 1 setup failure (resources, key),
// 2 usage error. Used by `kapi pii` (cli/pii_command.cc) and the standalone kapi_pii.
struct PiiCommandArgs {
  std::string resources_dir;
  std::string types;
  bool mask = false;
  std::string mode = "tag";
  std::string key_file;  // pseudonym key, e.g. <data-dir>/keys/pseudonym.key
  std::string scope = "default";
};
int RunPiiCommand(const PiiCommandArgs& args, std::istream& in, std::ostream& out,
                  std::ostream& err);

// `eval`: prints per-type precision/recall of the labelled set at `path` (pii_eval.h); misses
// and false hits go to `errors_path` when not empty. 0 on success, 1 when a file is unreadable.
int RunPiiEvalCommand(const std::string& resources_dir, const std::string& path,
                      const std::string& errors_path, std::ostream& out, std::ostream& err);

}  // namespace kapi::privacy
