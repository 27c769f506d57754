#include "ledger/compact_range.h"

#include <bit>

namespace kapi::ledger {

Result<CompactRange> CompactRange::FromHashes(uint64_t size, std::vector<Hash> hashes) {
  if (static_cast<size_t>(std::popcount(size)) != hashes.size()) {
    return InvalidArgument("compact range of size " + std::to_string(size) + " needs " +
                           std::to_string(std::popcount(size)) + " hashes, got " +
                           std::to_string(hashes.size()));
  }
  CompactRange r;
  r.size_ = size;
  r.hashes_ = std::move(hashes);
  return r;
}

void CompactRange::Append(const Hash& leaf_hash, std::vector<PerfectNodeRef>* created) {
  Hash h = leaf_hash;
  uint64_t index = size_;  // index of `h` at the current level
  int level = 0;
  // Each trailing one bit of size_ is a perfect subtree of that level waiting for a right sibling.
  for (uint64_t s = size_; (s & 1) != 0; s >>= 1) {
    h = HashChildren(hashes_.back(), h);
    hashes_.pop_back();
    ++level;
    index >>= 1;
    if (created != nullptr) created->push_back({level, index, h});
  }
  hashes_.push_back(h);
  ++size_;
}

Hash CompactRange::Root() const {
  if (hashes_.empty()) return EmptyRoot();
  Hash r = hashes_.back();
  for (size_t i = hashes_.size() - 1; i-- > 0;) r = HashChildren(hashes_[i], r);
  return r;
}

std::vector<std::pair<int, uint64_t>> CompactRange::Decompose(uint64_t size) {
  std::vector<std::pair<int, uint64_t>> out;
  uint64_t begin = 0;
  for (int level = 63; level >= 0; --level) {
    const uint64_t bit = uint64_t{1} << level;
    if ((size & bit) == 0) continue;
    out.emplace_back(level, begin >> level);
    begin += bit;
  }
  return out;
}

}  // namespace kapi::ledger
