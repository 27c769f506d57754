#include "policy/segmenter.h"

#include <array>

namespace kapi::policy {
namespace {

// Folded (lower-case, asciified) abbreviations that end with a dot but not a sentence.
constexpr std::array<std::string_view, 24> kAbbreviations = {
    "dr",  "prof", "doc", "yrd", "no",  "vb", "vs",  "bkz", "sn",  "av",  "mah", "cad",
    "sok", "tel",  "st",  "ltd", "sti", "as", "org", "alb", "yzb", "ref", "md",  "mad"};

bool IsWordByte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || static_cast<unsigned char>(c) >= 0x80;
}

bool IsAbbreviationBefore(std::string_view s, size_t dot) {
  size_t b = dot;
  while (b > 0 && IsWordByte(s[b - 1])) --b;
  std::string_view word = s.substr(b, dot - b);
  if (word.empty()) return false;
  bool all_digits = true;
  for (char c : word) all_digits = all_digits && c >= '0' && c <= '9';
  if (all_digits && word.size() <= 3) return true;  // "1. madde", "3. kat"
  if (word.size() == 1) return true;                // initials: "a. yilmaz"
  for (std::string_view a : kAbbreviations) {
    if (word == a) return true;
  }
  return false;
}

void Push(std::vector<Segment>& out, std::string_view s, size_t b, size_t e) {
  while (b < e && (s[b] == ' ' || s[b] == '\n')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\n')) --e;
  if (e > b) out.push_back({b, e});
}

}  // namespace

std::vector<Segment> SplitSentences(std::string_view s) {
  std::vector<Segment> out;
  size_t start = 0;
  size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (c == '\n') {
      Push(out, s, start, i);
      start = ++i;
      continue;
    }
    if (c == '.' || c == '!' || c == '?') {
      size_t j = i;
      while (j < s.size() && (s[j] == '.' || s[j] == '!' || s[j] == '?')) ++j;
      bool at_break = j >= s.size() || s[j] == ' ' || s[j] == '\n';
      bool abbreviation = c == '.' && j == i + 1 && IsAbbreviationBefore(s, i);
      if (at_break && !abbreviation) {
        Push(out, s, start, j);
        start = j;
      }
      i = j;
      continue;
    }
    ++i;
  }
  Push(out, s, start, s.size());
  return out;
}

std::vector<Segment> GroupIntoChunks(const std::vector<Segment>& sentences, size_t max_bytes) {
  std::vector<Segment> chunks;
  for (const Segment& s : sentences) {
    if (!chunks.empty() && s.end - chunks.back().begin <= max_bytes) {
      chunks.back().end = s.end;
    } else {
      chunks.push_back(s);
    }
  }
  return chunks;
}

}  // namespace kapi::policy
