#pragma once
// Streaming re-verification of a stored log: feed the stored leaf rows in order and the verifier
// recomputes every leaf hash and the tree, compares against the stored hashes and against every
// expected root (signed checkpoints) as soon as the tree reaches that size, and reports the first
// problem with the sequence number where it is. Memory is O(log n); the caller compares the
// perfect nodes each append completes with any node cache it keeps.
//
// Thread-safety: not synchronised; one verification per instance.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/compact_range.h"
#include "ledger/leaf_frame.h"

namespace kapi::ledger {

// The first thing found wrong. `seq` is the first sequence number that is bad, or, when only a
// root disagrees, the first sequence number of the range that root covers beyond the last root
// that matched.
struct VerifyProblem {
  uint64_t seq = 0;
  std::string where;  // e.g. "ledger_leaves seq 17", "checkpoint size 1200"
  std::string what;
};

class LogVerifier {
 public:
  // A root the tree must have at `size` (from a verified checkpoint); `label` names its source.
  void ExpectRoot(uint64_t size, const Hash& root, std::string label);

  // The next stored row. `row_seq` is the row's key; `stored_leaf_hash` the hash stored with it.
  // On success returns the decoded frame and appends the perfect nodes the leaf completes to
  // `created` (when not null); otherwise the problem.
  Result<LeafFrame> AddLeaf(int64_t row_seq, std::string_view frame,
                            std::string_view stored_leaf_hash,
                            std::vector<PerfectNodeRef>* created);
  // After the last row: any expected root beyond the stored size means rows are missing.
  std::optional<VerifyProblem> Finish();

  // The problem AddLeaf reported (nullopt while all is well).
  const std::optional<VerifyProblem>& problem() const { return problem_; }
  uint64_t size() const { return range_.size(); }
  Hash Root() const { return range_.Root(); }
  uint64_t roots_checked() const { return roots_checked_; }

 private:
  Status Fail(uint64_t seq, std::string where, std::string what);
  Status CheckRootsAt(uint64_t size);

  CompactRange range_;
  std::multimap<uint64_t, std::pair<Hash, std::string>> expected_;
  uint64_t last_matched_size_ = 0;
  uint64_t roots_checked_ = 0;
  std::optional<VerifyProblem> problem_;
};

}  // namespace kapi::ledger
