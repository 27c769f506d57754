#pragma once
// `kapi check` as a library function over streams, so the CLI glue stays thin and the contract is
// tested here. JSONL in, JSONL out, one output line per input line, in order:
//
//   in:  {"id": "...", "text": "...", "ai_assisted": false,
//         "kind": "reply" | "post",                        (optional, default "reply")
//         "addressee": {"name": "...", "contacts": ["..."]}} (optional; a bare string is a name)
//   out: {"id": "...", "findings": [{"rule": "insult", "severity": "block",
//                                    "article": "...", "start": 5, "end": 12}]}
//   bad line: {"id": <id or null>, "error": {"code": "invalid_json" | "invalid_field", "message":
//   ...}}
//
// start/end are Unicode code points of "text". With `explain`, each finding also carries "detail"
// and "score". Returns 0 when every line was checked, 1 when some line was rejected.

#include <iosfwd>
#include <string>

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "policy/checker.h"

namespace kapi::policy {

struct RunCheckOptions {
  bool explain = false;
};

int RunCheck(const Checker& checker, std::istream& in, std::ostream& out, std::ostream& err,
             const RunCheckOptions& options = {});

// One input record -> CheckInput (the JSONL contract above).
Result<CheckInput> ParseCheckInput(const nlohmann::json& record);
// Findings -> the "findings" array of the contract (fields in contract order).
nlohmann::ordered_json FindingsToJson(const std::vector<Finding>& findings, bool explain = false);

}  // namespace kapi::policy
