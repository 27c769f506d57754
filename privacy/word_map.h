#pragma once
// Internal: an open-addressing hash map from short strings (folded words) to 32-bit class sets,
// tuned for the detector's hot loop: one 32-byte slot per entry holds the 64-bit hash and, for
// keys up to 19 bytes (nearly every word), the key itself, so a lookup touches one cache line.
// Build with Add, then Finish; Find is const and thread-safe after Finish.

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace kapi::privacy {

class WordMap {
 public:
  // ORs `value` into the entry for `key`. Only before Finish.
  void Add(std::string_view key, uint32_t value);
  // Builds the probe table. Call once after the last Add.
  void Finish();
  uint32_t Find(std::string_view key) const;
  size_t size() const { return entries_.size(); }

  static uint64_t HashOf(std::string_view key);

 private:
  static constexpr size_t kInline = 19;
  struct Slot {
    uint64_t hash = 0;  // 0: empty
    uint32_t value = 0;
    uint8_t len = 0;
    char key[kInline] = {};
  };
  struct Entry {
    std::string key;
    uint32_t value;
  };
  std::vector<Entry> entries_;  // every entry; long keys are compared here
  std::vector<Slot> slots_;
  size_t mask_ = 0;
};

}  // namespace kapi::privacy
