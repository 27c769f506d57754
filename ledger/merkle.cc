#include "ledger/merkle.h"

#include <bit>

namespace kapi::ledger {
namespace {

// The largest power of two strictly below n (n > 1).
uint64_t SplitPoint(uint64_t n) { return std::bit_floor(n - 1); }

Status ProofError(std::string msg) {
  return Status(StatusCode::kDataLoss, std::move(msg)).WithReason("proof_invalid");
}

Status PathRec(NodeSource& nodes, uint64_t index, uint64_t begin, uint64_t end,
               std::vector<Hash>& out) {
  if (end - begin == 1) return Status::Ok();
  const uint64_t k = SplitPoint(end - begin);
  Result<Hash> sibling = Status();
  if (index < begin + k) {
    KAPI_RETURN_IF_ERROR(PathRec(nodes, index, begin, begin + k, out));
    sibling = SubtreeRoot(nodes, begin + k, end);
  } else {
    KAPI_RETURN_IF_ERROR(PathRec(nodes, index, begin + k, end, out));
    sibling = SubtreeRoot(nodes, begin, begin + k);
  }
  if (!sibling.ok()) return sibling.status();
  out.push_back(*sibling);
  return Status::Ok();
}

// SUBPROOF(m, D[begin:begin+n], complete).
Status SubProofRec(NodeSource& nodes, uint64_t m, uint64_t begin, uint64_t n, bool complete,
                   std::vector<Hash>& out) {
  if (m == n) {
    if (complete) return Status::Ok();
    auto h = SubtreeRoot(nodes, begin, begin + n);
    if (!h.ok()) return h.status();
    out.push_back(*h);
    return Status::Ok();
  }
  const uint64_t k = SplitPoint(n);
  Result<Hash> sibling = Status();
  if (m <= k) {
    KAPI_RETURN_IF_ERROR(SubProofRec(nodes, m, begin, k, complete, out));
    sibling = SubtreeRoot(nodes, begin + k, begin + n);
  } else {
    KAPI_RETURN_IF_ERROR(SubProofRec(nodes, m - k, begin + k, n - k, false, out));
    sibling = SubtreeRoot(nodes, begin, begin + k);
  }
  if (!sibling.ok()) return sibling.status();
  out.push_back(*sibling);
  return Status::Ok();
}

bool ToHashes(const std::vector<std::string>& in, std::vector<Hash>& out) {
  out.reserve(in.size());
  for (const std::string& s : in) {
    auto h = HashFromBytes(s);
    if (!h) return false;
    out.push_back(*h);
  }
  return true;
}

}  // namespace

Result<Hash> SubtreeRoot(NodeSource& nodes, uint64_t begin, uint64_t end) {
  if (begin >= end) return InvalidArgument("empty subtree range");
  const uint64_t n = end - begin;
  if (std::has_single_bit(n)) {
    const int level = std::countr_zero(n);
    if (begin % n != 0) return InvalidArgument("subtree range is not aligned");
    return nodes.PerfectNode(level, begin >> level);
  }
  const uint64_t k = SplitPoint(n);
  auto left = SubtreeRoot(nodes, begin, begin + k);
  if (!left.ok()) return left.status();
  auto right = SubtreeRoot(nodes, begin + k, end);
  if (!right.ok()) return right.status();
  return HashChildren(*left, *right);
}

Result<Hash> TreeRoot(NodeSource& nodes, uint64_t size) {
  if (size == 0) return EmptyRoot();
  return SubtreeRoot(nodes, 0, size);
}

Result<std::vector<Hash>> InclusionProof(NodeSource& nodes, uint64_t index, uint64_t size) {
  if (index >= size) {
    return InvalidArgument("leaf index " + std::to_string(index) + " is not below tree size " +
                           std::to_string(size));
  }
  std::vector<Hash> out;
  KAPI_RETURN_IF_ERROR(PathRec(nodes, index, 0, size, out));
  return out;
}

Result<std::vector<Hash>> ConsistencyProof(NodeSource& nodes, uint64_t old_size,
                                           uint64_t new_size) {
  if (old_size == 0 || old_size > new_size) {
    return InvalidArgument("consistency proofs need 0 < old size <= new size");
  }
  std::vector<Hash> out;
  KAPI_RETURN_IF_ERROR(SubProofRec(nodes, old_size, 0, new_size, true, out));
  return out;
}

Status VerifyInclusion(uint64_t index, uint64_t size, const Hash& leaf_hash,
                       const std::vector<Hash>& proof, const Hash& root) {
  if (index >= size) return ProofError("leaf index is not below tree size");
  uint64_t fn = index;
  uint64_t sn = size - 1;
  Hash r = leaf_hash;
  for (const Hash& p : proof) {
    if (sn == 0) return ProofError("inclusion proof is too long");
    if ((fn & 1) != 0 || fn == sn) {
      r = HashChildren(p, r);
      if ((fn & 1) == 0) {
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      }
    } else {
      r = HashChildren(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  if (sn != 0) return ProofError("inclusion proof is too short");
  if (r != root) return ProofError("inclusion proof does not lead to the root");
  return Status::Ok();
}

Status VerifyInclusion(uint64_t index, uint64_t size, std::string_view leaf_hash,
                       const std::vector<std::string>& proof, std::string_view root) {
  auto leaf = HashFromBytes(leaf_hash);
  auto r = HashFromBytes(root);
  std::vector<Hash> path;
  if (!leaf || !r || !ToHashes(proof, path)) return ProofError("a hash has the wrong length");
  return VerifyInclusion(index, size, *leaf, path, *r);
}

Status VerifyConsistency(uint64_t old_size, uint64_t new_size, const Hash& old_root,
                         const Hash& new_root, const std::vector<Hash>& proof) {
  if (old_size == 0) return ProofError("consistency with the empty tree is not defined");
  if (old_size > new_size) return ProofError("old size is greater than new size");
  if (old_size == new_size) {
    if (!proof.empty()) return ProofError("equal sizes need an empty proof");
    if (old_root != new_root) return ProofError("equal sizes but different roots");
    return Status::Ok();
  }
  // §2.1.4.2 steps 1-7.
  if (proof.empty()) return ProofError("consistency proof is empty");
  std::vector<Hash> path;
  path.reserve(proof.size() + 1);
  if (std::has_single_bit(old_size)) path.push_back(old_root);
  path.insert(path.end(), proof.begin(), proof.end());
  uint64_t fn = old_size - 1;
  uint64_t sn = new_size - 1;
  while ((fn & 1) != 0) {
    fn >>= 1;
    sn >>= 1;
  }
  Hash fr = path[0];
  Hash sr = path[0];
  for (size_t i = 1; i < path.size(); ++i) {
    const Hash& c = path[i];
    if (sn == 0) return ProofError("consistency proof is too long");
    if ((fn & 1) != 0 || fn == sn) {
      fr = HashChildren(c, fr);
      sr = HashChildren(c, sr);
      if ((fn & 1) == 0) {
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      }
    } else {
      sr = HashChildren(sr, c);
    }
    fn >>= 1;
    sn >>= 1;
  }
  if (sn != 0) return ProofError("consistency proof is too short");
  if (fr != old_root) return ProofError("consistency proof does not lead to the old root");
  if (sr != new_root) return ProofError("consistency proof does not lead to the new root");
  return Status::Ok();
}

Status VerifyConsistency(uint64_t old_size, uint64_t new_size, std::string_view old_root,
                         std::string_view new_root, const std::vector<std::string>& proof) {
  if (old_size == 0) return ProofError("consistency with the empty tree is not defined");
  if (old_size > new_size) return ProofError("old size is greater than new size");
  if (old_size == new_size) {
    // Equal sizes compare the roots as given; no hash arithmetic is involved.
    if (!proof.empty()) return ProofError("equal sizes need an empty proof");
    if (old_root != new_root) return ProofError("equal sizes but different roots");
    return Status::Ok();
  }
  auto a = HashFromBytes(old_root);
  auto b = HashFromBytes(new_root);
  std::vector<Hash> path;
  if (!a || !b || !ToHashes(proof, path)) return ProofError("a hash has the wrong length");
  return VerifyConsistency(old_size, new_size, *a, *b, path);
}

void MemoryTree::AppendLeafHash(const Hash& leaf_hash) {
  if (levels_.empty()) levels_.emplace_back();
  levels_[0].push_back(leaf_hash);
  // Complete every perfect node the new leaf closes.
  size_t level = 0;
  while (levels_[level].size() % 2 == 0) {
    const auto& row = levels_[level];
    Hash parent = HashChildren(row[row.size() - 2], row[row.size() - 1]);
    if (levels_.size() == level + 1) levels_.emplace_back();
    levels_[level + 1].push_back(parent);
    ++level;
  }
}

Hash MemoryTree::Root() {
  auto r = TreeRoot(*this, size());
  return r.ok() ? *r : EmptyRoot();
}

Result<Hash> MemoryTree::PerfectNode(int level, uint64_t index) {
  if (level < 0 || static_cast<size_t>(level) >= levels_.size() || index >= levels_[level].size()) {
    return NotFound("no node at level " + std::to_string(level) + " index " +
                    std::to_string(index));
  }
  return levels_[level][index];
}

}  // namespace kapi::ledger
