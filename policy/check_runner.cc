#include "policy/check_runner.h"

#include <istream>
#include <ostream>

namespace kapi::policy {

Result<CheckInput> ParseCheckInput(const nlohmann::json& record) {
  if (!record.is_object()) return InvalidArgument("record must be a JSON object");
  CheckInput input;
  if (record.contains("id")) {
    const auto& id = record["id"];
    if (id.is_string())
      input.id = id.get<std::string>();
    else if (id.is_number_integer())
      input.id = std::to_string(id.get<int64_t>());
    else if (!id.is_null())
      return InvalidArgument("id must be a string", "id");
  }
  if (!record.contains("text") || !record["text"].is_string()) {
    return InvalidArgument("text must be a string", "text");
  }
  input.text = record["text"].get<std::string>();
  if (record.contains("ai_assisted") && !record["ai_assisted"].is_null()) {
    if (!record["ai_assisted"].is_boolean()) {
      return InvalidArgument("ai_assisted must be true or false", "ai_assisted");
    }
    input.ai_assisted = record["ai_assisted"].get<bool>();
  }
  if (record.contains("kind") && !record["kind"].is_null()) {
    std::string kind = record["kind"].is_string() ? record["kind"].get<std::string>() : "";
    if (kind == "reply")
      input.kind = TextKind::kReply;
    else if (kind == "post")
      input.kind = TextKind::kPost;
    else
      return InvalidArgument("kind must be \"reply\" or \"post\"", "kind");
  }
  if (record.contains("addressee") && !record["addressee"].is_null()) {
    const auto& a = record["addressee"];
    Addressee addressee;
    if (a.is_string()) {
      addressee.name = a.get<std::string>();
    } else if (a.is_object()) {
      if (a.contains("name") && a["name"].is_string())
        addressee.name = a["name"].get<std::string>();
      if (a.contains("contacts")) {
        if (!a["contacts"].is_array()) {
          return InvalidArgument("addressee.contacts must be an array", "addressee");
        }
        for (const auto& c : a["contacts"]) {
          if (c.is_string()) addressee.contacts.push_back(c.get<std::string>());
        }
      }
      for (const char* key : {"phone", "email", "tckn", "contact"}) {
        if (a.contains(key) && a[key].is_string())
          addressee.contacts.push_back(a[key].get<std::string>());
      }
    } else {
      return InvalidArgument("addressee must be an object or a name", "addressee");
    }
    input.addressee = std::move(addressee);
  }
  return input;
}

nlohmann::ordered_json FindingsToJson(const std::vector<Finding>& findings, bool explain) {
  nlohmann::ordered_json arr = nlohmann::ordered_json::array();
  for (const Finding& f : findings) {
    nlohmann::ordered_json j = {{"rule", RuleName(f.rule)},
                                {"severity", SeverityName(f.severity)},
                                {"article", f.article},
                                {"start", f.start},
                                {"end", f.end}};
    if (explain) {
      j["detail"] = f.detail;
      j["score"] = std::round(f.score * 1000) / 1000;
    }
    arr.push_back(std::move(j));
  }
  return arr;
}

int RunCheck(const Checker& checker, std::istream& in, std::ostream& out, std::ostream& err,
             const RunCheckOptions& options) {
  int rc = 0;
  std::string line;
  size_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    nlohmann::json record = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    nlohmann::ordered_json result;
    if (record.is_discarded()) {
      result = {
          {"id", nullptr},
          {"error", {{"code", "invalid_json"}, {"message", "line is not valid JSON (UTF-8)"}}}};
      err << "kapi check: line " << line_no << ": invalid JSON\n";
      rc = 1;
    } else {
      auto input = ParseCheckInput(record);
      nlohmann::json id =
          record.is_object() && record.contains("id") ? record["id"] : nlohmann::json();
      if (!input.ok()) {
        result = {{"id", id},
                  {"error", {{"code", "invalid_field"}, {"message", input.status().message()}}}};
        err << "kapi check: line " << line_no << ": " << input.status().message() << "\n";
        rc = 1;
      } else {
        result = {{"id", id}, {"findings", FindingsToJson(checker.Check(*input), options.explain)}};
      }
    }
    out << result.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  }
  out.flush();
  return rc;
}

}  // namespace kapi::policy
