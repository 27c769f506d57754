#include "triage/dataset.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "base/random.h"

namespace kapi::triage {
namespace {

bool EndsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string FieldAsString(const nlohmann::json& j) {
  if (j.is_string()) return j.get<std::string>();
  if (j.is_number_integer()) return std::to_string(j.get<int64_t>());
  if (j.is_null()) return {};
  return j.dump();
}

// Parses RFC 4180 CSV into rows of fields.
std::vector<std::vector<std::string>> ParseCsv(const std::string& data) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false;
  for (size_t i = 0; i < data.size(); ++i) {
    const char c = data[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < data.size() && data[i + 1] == '"') {
          field.push_back('"');
          ++i;
        } else {
          quoted = false;
        }
      } else {
        field.push_back(c);
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < data.size() && data[i + 1] == '\n') ++i;
      row.push_back(std::move(field));
      field.clear();
      if (!(row.size() == 1 && row[0].empty())) rows.push_back(std::move(row));
      row.clear();
    } else {
      field.push_back(c);
    }
  }
  if (!field.empty() || !row.empty()) {
    row.push_back(std::move(field));
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace

Result<LoadedExamples> LoadExamples(const std::string& path, const std::string& text_field,
                                    const std::string& label_field) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound("cannot open " + path);
  LoadedExamples out;
  if (EndsWith(path, ".csv")) {
    std::stringstream ss;
    ss << in.rdbuf();
    auto rows = ParseCsv(ss.str());
    if (rows.empty()) return InvalidArgument("empty CSV: " + path);
    const auto& head = rows[0];
    auto col = [&](const std::string& name) -> int {
      auto it = std::find(head.begin(), head.end(), name);
      return it == head.end() ? -1 : static_cast<int>(it - head.begin());
    };
    const int ti = col(text_field), li = col(label_field), ii = col("id");
    if (ti < 0 || li < 0) {
      return InvalidArgument("CSV needs columns '" + text_field + "' and '" + label_field + "'");
    }
    for (size_t r = 1; r < rows.size(); ++r) {
      const auto& row = rows[r];
      Example e;
      if (static_cast<int>(row.size()) > ti) e.text = row[ti];
      if (static_cast<int>(row.size()) > li) e.label = row[li];
      e.id = ii >= 0 && static_cast<int>(row.size()) > ii ? row[ii] : "row-" + std::to_string(r);
      if (e.text.empty() || e.label.empty()) {
        ++out.skipped;
        continue;
      }
      out.examples.push_back(std::move(e));
    }
    return out;
  }
  std::string line;
  size_t n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty()) continue;
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
      return InvalidArgument(path + ":" + std::to_string(n) + ": not a JSON object");
    }
    Example e;
    e.text = j.contains(text_field) ? FieldAsString(j[text_field]) : "";
    e.label = j.contains(label_field) ? FieldAsString(j[label_field]) : "";
    e.id = j.contains("id") ? FieldAsString(j["id"]) : "line-" + std::to_string(n);
    if (e.text.empty() || e.label.empty()) {
      ++out.skipped;
      continue;
    }
    out.examples.push_back(std::move(e));
  }
  return out;
}

LabeledSet ToLabeledSet(const std::vector<Example>& examples,
                        const std::vector<std::string>& order) {
  LabeledSet s;
  s.labels = order;
  std::vector<std::string> seen;
  for (const auto& e : examples) {
    if (std::find(s.labels.begin(), s.labels.end(), e.label) == s.labels.end() &&
        std::find(seen.begin(), seen.end(), e.label) == seen.end()) {
      seen.push_back(e.label);
    }
  }
  std::sort(seen.begin(), seen.end());
  s.labels.insert(s.labels.end(), seen.begin(), seen.end());
  for (const auto& e : examples) {
    s.texts.push_back(e.text);
    s.ids.push_back(e.id);
    s.y.push_back(
        static_cast<int>(std::find(s.labels.begin(), s.labels.end(), e.label) - s.labels.begin()));
  }
  return s;
}

std::vector<int> StratifiedFolds(const std::vector<int>& y, int k, uint64_t seed) {
  std::map<int, std::vector<size_t>> by_class;
  for (size_t i = 0; i < y.size(); ++i) by_class[y[i]].push_back(i);
  auto rng = MakeSeededRandom(seed);
  std::vector<int> fold(y.size(), 0);
  int next = 0;
  for (auto& [label, idx] : by_class) {
    for (size_t i = idx.size(); i > 1; --i) {  // Fisher–Yates
      std::swap(idx[i - 1], idx[rng->Uniform(static_cast<uint32_t>(i))]);
    }
    for (size_t i : idx) fold[i] = (next++) % k;
  }
  return fold;
}

}  // namespace kapi::triage
