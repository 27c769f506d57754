#include "privacy/word_map.h"

#include <unordered_map>

namespace kapi::privacy {

uint64_t WordMap::HashOf(std::string_view key) {
  uint64_t h = 1469598103934665603ull;  // FNV-1a 64
  for (unsigned char c : key) {
    h ^= c;
    h *= 1099511628211ull;
  }
  h ^= h >> 31;
  return h | 1;  // never 0 (0 marks an empty slot)
}

void WordMap::Add(std::string_view key, uint32_t value) {
  entries_.push_back({std::string(key), value});
}

void WordMap::Finish() {
  // Merge duplicates first.
  std::unordered_map<std::string, uint32_t> merged;
  merged.reserve(entries_.size());
  for (auto& e : entries_) merged[e.key] |= e.value;
  entries_.clear();
  for (auto& [k, v] : merged) entries_.push_back({k, v});
  size_t cap = 16;
  while (cap < entries_.size() * 2) cap <<= 1;
  slots_.assign(cap, Slot{});
  mask_ = cap - 1;
  for (size_t i = 0; i < entries_.size(); ++i) {
    const Entry& e = entries_[i];
    uint64_t h = HashOf(e.key);
    size_t p = h & mask_;
    while (slots_[p].hash != 0) p = (p + 1) & mask_;
    Slot& s = slots_[p];
    s.hash = h;
    s.value = e.value;
    if (e.key.size() <= kInline) {
      s.len = static_cast<uint8_t>(e.key.size());
      std::memcpy(s.key, e.key.data(), e.key.size());
    } else {
      // Long key: the slot points at entries_[i] through `key` bytes 0..7 (index).
      s.len = 0xFF;
      uint64_t idx = i;
      std::memcpy(s.key, &idx, sizeof idx);
    }
  }
}

uint32_t WordMap::Find(std::string_view key) const {
  if (slots_.empty()) return 0;
  uint64_t h = HashOf(key);
  size_t p = h & mask_;
  while (true) {
    const Slot& s = slots_[p];
    if (s.hash == 0) return 0;
    if (s.hash == h) {
      if (s.len != 0xFF) {
        if (s.len == key.size() && std::memcmp(s.key, key.data(), key.size()) == 0) return s.value;
      } else {
        uint64_t idx;
        std::memcpy(&idx, s.key, sizeof idx);
        if (entries_[idx].key == key) return s.value;
      }
    }
    p = (p + 1) & mask_;
  }
}

}  // namespace kapi::privacy
