#pragma once
// RFC 9162 §2.1 Merkle tree: tree hashes, inclusion and consistency proofs, and their
// verification exactly as §2.1.3.2 and §2.1.4.2 describe.
//
// Proof generation reads hashes of *perfect* subtrees (2^level leaves starting at a multiple of
// 2^level) from a NodeSource, so a store that keeps those nodes answers a proof with O(log n)
// reads; MemoryTree is the in-memory source for tests, tools and benchmarks.
//
// Thread-safety: the free functions are pure; a NodeSource is used by one thread at a time.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "ledger/hash.h"

namespace kapi::ledger {

// Supplies the hash of the perfect subtree at (level, index), covering leaves
// [index << level, (index + 1) << level). Level 0 is the leaf hashes.
class NodeSource {
 public:
  virtual ~NodeSource() = default;
  virtual Result<Hash> PerfectNode(int level, uint64_t index) = 0;
};

// MTH(D[begin:end]) for a range that is a subtree in the RFC's recursion (begin is a multiple of
// the largest power of two not above end - begin), e.g. [0, n). begin < end.
Result<Hash> SubtreeRoot(NodeSource& nodes, uint64_t begin, uint64_t end);
// MTH of the first `size` leaves; EmptyRoot() for size 0.
Result<Hash> TreeRoot(NodeSource& nodes, uint64_t size);

// PATH(index, D[0:size]) (RFC 9162 §2.1.3.1). index < size.
Result<std::vector<Hash>> InclusionProof(NodeSource& nodes, uint64_t index, uint64_t size);
// PROOF(old_size, D[0:new_size]) (RFC 9162 §2.1.4.1). 0 < old_size <= new_size.
Result<std::vector<Hash>> ConsistencyProof(NodeSource& nodes, uint64_t old_size, uint64_t new_size);

// Verifies an inclusion proof (RFC 9162 §2.1.3.2). Inputs are raw bytes so malformed proofs
// (wrong lengths) are rejected rather than assumed away. OK only when the proof is valid.
Status VerifyInclusion(uint64_t index, uint64_t size, std::string_view leaf_hash,
                       const std::vector<std::string>& proof, std::string_view root);
Status VerifyInclusion(uint64_t index, uint64_t size, const Hash& leaf_hash,
                       const std::vector<Hash>& proof, const Hash& root);

// Verifies a consistency proof (RFC 9162 §2.1.4.2). Defined for 0 < old_size <= new_size; equal
// sizes need an empty proof and equal roots.
Status VerifyConsistency(uint64_t old_size, uint64_t new_size, std::string_view old_root,
                         std::string_view new_root, const std::vector<std::string>& proof);
Status VerifyConsistency(uint64_t old_size, uint64_t new_size, const Hash& old_root,
                         const Hash& new_root, const std::vector<Hash>& proof);

// An in-memory tree over leaf hashes, keeping every perfect node. Append is amortised O(1).
class MemoryTree final : public NodeSource {
 public:
  void AppendLeafHash(const Hash& leaf_hash);
  void AppendLeaf(std::string_view leaf_input) { AppendLeafHash(HashLeaf(leaf_input)); }
  uint64_t size() const { return levels_.empty() ? 0 : levels_[0].size(); }
  Hash Root();
  Result<Hash> PerfectNode(int level, uint64_t index) override;

 private:
  std::vector<std::vector<Hash>> levels_;
};

}  // namespace kapi::ledger
