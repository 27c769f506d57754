#include "policy/train/dataset.h"

#include <algorithm>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "policy/fold.h"
#include "policy/segmenter.h"

namespace kapi::policy::train {
namespace {

Status ReadJsonl(const std::string& path, const std::string& source, std::vector<Example>& out) {
  std::ifstream in(path);
  if (!in) return NotFound("cannot open " + path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.contains("text") || !j.contains("label")) {
      return InvalidArgument("bad row in " + path);
    }
    Example e;
    e.id = j.value("id", "");
    e.text = j["text"].get<std::string>();
    e.label = j["label"].get<std::string>();
    if (e.label == "OTHER") e.label = "NOT";
    e.source = source;
    e.split = SplitOf(e.text);
    out.push_back(std::move(e));
  }
  return Status::Ok();
}

}  // namespace

Split SplitOf(const std::string& text) {
  std::string folded = Fold(text).text;
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : folded) h = (h ^ c) * 1099511628211ULL;
  switch (h % 10) {
    case 0:
      return Split::kTest;
    case 1:
      return Split::kDev;
    default:
      return Split::kTrain;
  }
}

const char* SplitName(Split split) {
  switch (split) {
    case Split::kTrain:
      return "train";
    case Split::kDev:
      return "dev";
    case Split::kTest:
      return "test";
  }
  return "?";
}

Result<std::vector<Example>> LoadOffensiveData(const std::string& shared_dir) {
  std::vector<Example> out;
  KAPI_RETURN_IF_ERROR(
      ReadJsonl(shared_dir + "/data/offensive_offenseval2020/train.jsonl", "offenseval", out));
  KAPI_RETURN_IF_ERROR(
      ReadJsonl(shared_dir + "/data/offensive_teknofest2023/all.jsonl", "teknofest", out));
  return out;
}

Result<std::vector<Example>> LoadNewsNegatives(const std::string& shared_dir, int stride) {
  std::vector<Example> docs;
  KAPI_RETURN_IF_ERROR(ReadJsonl(shared_dir + "/data/news_ttc3600/all.jsonl", "news", docs));
  std::vector<Example> out;
  size_t k = 0;
  for (const Example& d : docs) {
    FoldedText folded = Fold(d.text);
    for (const Segment& s : SplitSentences(folded.text)) {
      std::string_view sentence(folded.text.data() + s.begin, s.end - s.begin);
      size_t spaces = std::count(sentence.begin(), sentence.end(), ' ');
      if (spaces < 3 || sentence.size() > 400) continue;
      if (k++ % static_cast<size_t>(stride) != 0) continue;
      Example e;
      e.id = d.id + "-" + std::to_string(s.begin);
      e.text = std::string(sentence);  // already folded; folding is idempotent
      e.label = "NOT";
      e.source = "news";
      e.split = Split::kTrain;
      out.push_back(std::move(e));
    }
  }
  return out;
}

Result<std::vector<std::string>> LoadSeedSentences(const std::string& shared_dir, int min_words) {
  std::vector<std::string> out;
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(shared_dir + "/seeds", ec)) {
    std::string name = entry.path().filename().string();
    if (name.rfind("000_", 0) == 0 || name.rfind("001_", 0) == 0 || name.rfind("002_", 0) == 0) {
      files.push_back(entry.path());
    }
  }
  if (ec || files.empty()) return NotFound("no seed documents under " + shared_dir + "/seeds");
  std::sort(files.begin(), files.end());
  for (const auto& path : files) {
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
      std::string clean;
      for (char c : line) {
        if (c != '*' && c != '#') clean.push_back(c);
      }
      // Split the original line at the same sentence boundaries the checker uses.
      FoldedText folded = Fold(clean);
      for (const Segment& s : SplitSentences(folded.text)) {
        size_t b = folded.StartCp(s.begin), e = folded.EndCp(s.end);
        // Code points -> bytes of `clean`.
        std::string sentence;
        size_t cp = 0, i = 0;
        while (i < clean.size()) {
          size_t start = i;
          DecodeUtf8(clean, i);
          if (cp >= b && cp < e) sentence.append(clean, start, i - start);
          ++cp;
        }
        int words = 0;
        bool in_word = false;
        for (char c : sentence) {
          bool w = c != ' ' && c != '\t';
          if (w && !in_word) ++words;
          in_word = w;
        }
        if (words >= min_words) out.push_back(sentence);
      }
    }
  }
  return out;
}

}  // namespace kapi::policy::train
