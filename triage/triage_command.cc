#include "triage/triage_command.h"

#include <iostream>
#include <string>

#include <nlohmann/json.hpp>

#include "text/utf8.h"
#include "triage/engine.h"
#include "triage/near_duplicate.h"

namespace kapi::triage {

int RunTriage(std::istream& in, std::ostream& out, std::ostream& err,
              const TriageCommandOptions& opts) {
  auto engine = LoadEngine(opts.models_dir);
  if (!engine.ok()) {
    err << "hata / error: modeller yüklenemedi / cannot load models: " << engine.status().message()
        << "\n";
    return 2;
  }
  DuplicateIndex duplicates(opts.duplicate_threshold);
  std::string line;
  size_t n = 0;
  int code = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty()) continue;
    auto j = nlohmann::json::parse(line, nullptr, false);
    nlohmann::json id = nullptr;
    std::string problem;
    if (j.is_discarded() || !j.is_object()) {
      problem = "not a JSON object";
    } else {
      id = j.value("id", nlohmann::json(nullptr));
      if (!j.contains("text") || !j["text"].is_string()) {
        problem = "missing string field \"text\"";
      } else if (!text::IsValidUtf8(j["text"].get_ref<const std::string&>())) {
        problem = "text is not valid UTF-8";
      }
    }
    if (!problem.empty()) {
      err << "satır / line " << n << ": " << problem << "\n";
      out << nlohmann::json{{"id", id}, {"error", problem}}.dump() << "\n";
      code = 1;
      continue;
    }
    const std::string& text = j["text"].get_ref<const std::string&>();
    TriageResult r = (*engine)->Triage(text);
    const std::string id_str = id.is_string() ? id.get<std::string>() : std::string();
    r.cluster = duplicates.Add(text, id_str).cluster_id;
    nlohmann::json o = {{"id", id}};
    o.update(ToJson(r));
    out << o.dump() << "\n";
  }
  return code;
}

}  // namespace kapi::triage
