#include "text/word_table.h"

#include <algorithm>
#include <fstream>
#include <utility>

namespace kapi::text {
namespace {

// FNV-1a: cheap, and the two bit positions come from its two halves.
uint64_t KeyHash(std::string_view s) {
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

}  // namespace

void WordTable::AddToFilter(std::string_view key) {
  if (filter_.empty()) filter_.assign(kFilterBits / 64, 0);
  const uint64_t h = KeyHash(key);
  for (uint64_t b : {h & (kFilterBits - 1), (h >> 32) & (kFilterBits - 1)}) {
    filter_[b >> 6] |= uint64_t{1} << (b & 63);
  }
}

bool WordTable::MayContain(std::string_view key) const {
  if (filter_.empty()) return false;
  const uint64_t h = KeyHash(key);
  for (uint64_t b : {h & (kFilterBits - 1), (h >> 32) & (kFilterBits - 1)}) {
    if (!((filter_[b >> 6] >> (b & 63)) & 1)) return false;
  }
  return true;
}

void WordTable::Insert(std::string key, std::string value) {
  AddToFilter(key);
  table_.insert_or_assign(std::move(key), std::move(value));
}

void WordTable::InsertIfAbsent(std::string key, std::string value) {
  AddToFilter(key);
  table_.emplace(std::move(key), std::move(value));
}

const std::string* WordTable::Find(std::string_view key) const {
  if (!MayContain(key)) return nullptr;
  auto it = table_.find(key);
  return it == table_.end() ? nullptr : &it->second;
}

Result<WordTable> WordTable::LoadTsv(const std::string& path, std::string_view what) {
  std::ifstream in(path);
  if (!in) return NotFound(std::string(what) + " not found: " + path);
  WordTable t;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const size_t tab = line.find('\t');
    if (tab == std::string::npos) {
      return InvalidArgument("bad " + std::string(what) + " line (no tab): " + line);
    }
    t.InsertIfAbsent(line.substr(0, tab), line.substr(tab + 1));
  }
  return t;
}

Status WordTable::SaveTsv(const std::string& path, std::string_view header) const {
  std::vector<std::pair<std::string, std::string>> rows(table_.begin(), table_.end());
  std::sort(rows.begin(), rows.end());  // deterministic file
  std::ofstream out(path, std::ios::trunc);
  if (!out) return Internal("cannot write " + path);
  out << "# " << header << '\n';
  for (const auto& [k, v] : rows) out << k << '\t' << v << '\n';
  return out ? Status::Ok() : Internal("write failed: " + path);
}

}  // namespace kapi::text
