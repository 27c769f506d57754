#pragma once
// The compact range [0, size) of a Merkle tree: the roots of the perfect subtrees that the binary
// decomposition of `size` gives, largest first ("frontier"). Appending a leaf merges equal-sized
// neighbours, so the state stays at most 64 hashes and the tree root is O(log n) hashing away.
//
// The ledger keeps one in memory to append in O(1) amortised time and to recompute the tree
// during verification without holding every leaf.
//
// Thread-safety: a value type; not synchronised.

#include <cstdint>
#include <vector>

#include "base/status.h"
#include "ledger/hash.h"

namespace kapi::ledger {

// A perfect subtree hash created by an append: covers leaves [index << level, (index+1) << level).
struct PerfectNodeRef {
  int level = 0;
  uint64_t index = 0;
  Hash hash{};
};

class CompactRange {
 public:
  CompactRange() = default;
  // Rebuilds a range from its hashes (largest subtree first); fails when the count does not
  // match the number of one bits in `size`.
  static Result<CompactRange> FromHashes(uint64_t size, std::vector<Hash> hashes);

  // Appends a leaf hash. When `created` is not null, every perfect node of level >= 1 that the
  // append completes is added to it, lowest level first.
  void Append(const Hash& leaf_hash, std::vector<PerfectNodeRef>* created = nullptr);

  uint64_t size() const { return size_; }
  const std::vector<Hash>& hashes() const { return hashes_; }
  // MTH(D[0:size]); EmptyRoot() for size 0.
  Hash Root() const;

  // The (level, index) of each hash in hashes(), largest subtree first.
  static std::vector<std::pair<int, uint64_t>> Decompose(uint64_t size);

 private:
  uint64_t size_ = 0;
  std::vector<Hash> hashes_;
};

}  // namespace kapi::ledger
