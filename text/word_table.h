#pragma once
// WordTable: a map from a lower-cased word to a string (its Turkish spelling, its category tag…),
// tuned for the common case of a text's words: most of them are in no table. A two-bit Bloom
// filter over the keys (256 Kbit, fits in L2) answers most misses without touching the hash map.
// Persisted as TSV (`key<TAB>value` per line, `#` comment lines), written sorted so the file is
// deterministic.
//
// Not thread-safe while being filled; Find() is thread-safe once filling is done.

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/status.h"

namespace kapi::text {

class WordTable {
 public:
  // Adds or replaces `key` → `value`.
  void Insert(std::string key, std::string value);
  // Adds `key` → `value` unless `key` is already present.
  void InsertIfAbsent(std::string key, std::string value);

  // The value for `key`, or nullptr.
  const std::string* Find(std::string_view key) const;
  size_t size() const { return table_.size(); }

  // `what` names the table in errors ("deasciifier table", "protected terms").
  static Result<WordTable> LoadTsv(const std::string& path, std::string_view what);
  // `header` is written as the first line after "# ".
  Status SaveTsv(const std::string& path, std::string_view header) const;

 private:
  static constexpr size_t kFilterBits = 1u << 18;
  void AddToFilter(std::string_view key);
  bool MayContain(std::string_view key) const;

  std::vector<uint64_t> filter_;
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, std::string, Hash, std::equal_to<>> table_;
};

}  // namespace kapi::text
