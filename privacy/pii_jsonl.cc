#include "privacy/pii_jsonl.h"

#include <fstream>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "privacy/pii_eval.h"
#include "text/utf8.h"

namespace kapi::privacy {
namespace {

using nlohmann::json;

void WriteError(std::ostream& out, std::ostream& err, const json& id, size_t line,
                std::string_view code, const std::string& message) {
  json e = {{"id", id}, {"line", line}, {"error", {{"code", code}, {"message", message}}}};
  out << e.dump(-1, ' ', false, json::error_handler_t::replace) << '\n';
  err << "kapi pii: line " << line << ": " << message << '\n';
}

// Replaces invalid UTF-8 bytes with '?', so the id of a damaged record can still be read.
std::string Sanitize(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  while (!s.empty()) {
    auto bad = text::FindInvalidUtf8(s);
    if (!bad) {
      out.append(s);
      break;
    }
    out.append(s.substr(0, *bad));
    out.push_back('?');
    s.remove_prefix(*bad + 1);
  }
  return out;
}

json IdOf(const json& j) {
  if (j.is_object()) {
    auto it = j.find("id");
    if (it != j.end()) return *it;
  }
  return nullptr;
}

}  // namespace

int RunPii(const Detector& detector, std::istream& in, std::ostream& out, std::ostream& err,
           const PiiRunOptions& options, PiiRunStats* stats) {
  if (options.mask && options.mode == MaskMode::kPseudonym && options.key == nullptr) {
    err << "kapi pii: pseudonym masking needs a key\n";
    return 2;
  }
  PiiRunStats local;
  PiiRunStats& st = stats != nullptr ? *stats : local;
  std::string line;
  size_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    ++st.lines;
    if (!text::IsValidUtf8(line)) {
      json probe = json::parse(Sanitize(line), nullptr, false);
      WriteError(out, err, IdOf(probe), line_no, "invalid_utf8",
                 "satır geçerli UTF-8 değil (line is not valid UTF-8)");
      ++st.errors;
      continue;
    }
    json rec = json::parse(line, nullptr, false);
    if (rec.is_discarded() || !rec.is_object()) {
      WriteError(out, err, nullptr, line_no, "invalid_json",
                 "satır geçerli bir JSON nesnesi değil (line is not a JSON object)");
      ++st.errors;
      continue;
    }
    json id = IdOf(rec);
    auto text_it = rec.find("text");
    if (text_it == rec.end() || !text_it->is_string()) {
      WriteError(out, err, id, line_no, "missing_text",
                 "\"text\" alanı eksik ya da metin değil (\"text\" is missing or not a string)");
      ++st.errors;
      continue;
    }
    const std::string& text = text_it->get_ref<const std::string&>();
    std::vector<Entity> found = detector.Scan(text, options.types);
    st.entities += found.size();
    json ents = json::array();
    json result = {{"id", id}};
    if (options.mask) {
      auto masked = Mask(text, found, options.mode, options.key);
      if (!masked.ok()) {
        WriteError(out, err, id, line_no, "internal", masked.status().message());
        ++st.errors;
        continue;
      }
      for (const MaskedEntity& m : masked->entities) {
        const Entity& e = m.entity;
        ents.push_back({{"type", EntityTypeName(e.type)},
                        {"start", e.start},
                        {"end", e.end},
                        {"text", text.substr(e.byte_start, e.byte_end - e.byte_start)},
                        {"masked_start", m.masked_start},
                        {"masked_end", m.masked_end}});
      }
      result["entities"] = std::move(ents);
      result["masked"] = std::move(masked->masked);
    } else {
      for (const Entity& e : found) {
        ents.push_back({{"type", EntityTypeName(e.type)},
                        {"start", e.start},
                        {"end", e.end},
                        {"text", text.substr(e.byte_start, e.byte_end - e.byte_start)}});
      }
      result["entities"] = std::move(ents);
    }
    out << result.dump(-1, ' ', false, json::error_handler_t::replace) << '\n';
  }
  return 0;
}

int RunPiiCommand(const PiiCommandArgs& args, std::istream& in, std::ostream& out,
                  std::ostream& err) {
  auto types = ParseTypeSet(args.types);
  if (!types.ok()) {
    err << "kapi pii: " << types.status().message() << '\n';
    return 2;
  }
  PiiRunOptions opts;
  opts.types = *types;
  opts.mask = args.mask;
  std::optional<PseudonymKey> key;
  if (args.mask) {
    auto mode = ParseMaskMode(args.mode);
    if (!mode) {
      err << "kapi pii: --mode must be tag, partial or pseudonym\n";
      return 2;
    }
    opts.mode = *mode;
    if (*mode == MaskMode::kPseudonym) {
      auto k = PseudonymKey::FromKeyFile(args.key_file, args.scope);
      if (!k.ok()) {
        err << "kapi pii: " << k.status().ToString() << '\n';
        return 1;
      }
      key.emplace(std::move(*k));
      opts.key = &*key;
    }
  }
  auto detector = LoadDetector(args.resources_dir);
  if (!detector.ok()) {
    err << "kapi pii: " << detector.status().ToString() << '\n';
    return 1;
  }
  return RunPii(**detector, in, out, err, opts);
}

int RunPiiEvalCommand(const std::string& resources_dir, const std::string& path,
                      const std::string& errors_path, std::ostream& out, std::ostream& err) {
  auto detector = LoadDetector(resources_dir);
  if (!detector.ok()) {
    err << "kapi pii: " << detector.status().ToString() << '\n';
    return 1;
  }
  std::ifstream in(path);
  if (!in) {
    err << "kapi pii: cannot read " << path << '\n';
    return 1;
  }
  std::ofstream errors;
  if (!errors_path.empty()) errors.open(errors_path);
  EvalReport report = Evaluate(**detector, in, errors_path.empty() ? nullptr : &errors);
  PrintReport(report, out);
  return 0;
}

}  // namespace kapi::privacy
