#pragma once
// `kapi triage [--models DIR] < in.jsonl > out.jsonl` as a library function. Each input line is
// {"id": "...", "text": "..."} (masked text); each output line is the engine's JSON with the id
// and the near-duplicate cluster of the text among the texts of this run. A bad line produces
// {"id": ..., "error": "..."} and the run goes on; the exit code is 0 when every line was
// triaged, 1 when some line was bad, 2 when the models cannot be loaded.

#include <iosfwd>
#include <string>

namespace kapi::triage {

struct TriageCommandOptions {
  std::string models_dir = "models";
  double duplicate_threshold = 0.6;
};

int RunTriage(std::istream& in, std::ostream& out, std::ostream& err,
              const TriageCommandOptions& opts);

}  // namespace kapi::triage
