#include "ledger/log_verifier.h"

namespace kapi::ledger {

void LogVerifier::ExpectRoot(uint64_t size, const Hash& root, std::string label) {
  expected_.emplace(size, std::make_pair(root, std::move(label)));
}

Status LogVerifier::Fail(uint64_t seq, std::string where, std::string what) {
  if (!problem_) problem_ = VerifyProblem{seq, std::move(where), what};
  return Status(StatusCode::kDataLoss, problem_->where + ": " + problem_->what)
      .WithReason("ledger_tampered");
}

Status LogVerifier::CheckRootsAt(uint64_t size) {
  auto [begin, end] = expected_.equal_range(size);
  if (begin == end) return Status::Ok();
  const Hash root = range_.Root();
  for (auto it = begin; it != end; ++it) {
    ++roots_checked_;
    if (it->second.first != root) {
      return Fail(last_matched_size_, it->second.second,
                  "recomputed root for size " + std::to_string(size) +
                      " differs from the signed one: a leaf in seq " +
                      std::to_string(last_matched_size_) + ".." + std::to_string(size - 1) +
                      " was changed, removed or inserted (leaf hashes and nodes rewritten to "
                      "match)");
    }
  }
  last_matched_size_ = size;
  return Status::Ok();
}

Result<LeafFrame> LogVerifier::AddLeaf(int64_t row_seq, std::string_view frame,
                                       std::string_view stored_leaf_hash,
                                       std::vector<PerfectNodeRef>* created) {
  if (problem_) return Status(StatusCode::kDataLoss, problem_->what);
  const uint64_t expect = range_.size();
  if (range_.size() == 0) KAPI_RETURN_IF_ERROR(CheckRootsAt(0));
  const std::string where = "ledger_leaves seq " + std::to_string(row_seq);
  if (row_seq < 0 || static_cast<uint64_t>(row_seq) != expect) {
    if (row_seq >= 0 && static_cast<uint64_t>(row_seq) > expect) {
      return Fail(expect, "ledger_leaves seq " + std::to_string(expect),
                  "row is missing (the next stored row is seq " + std::to_string(row_seq) + ")");
    }
    return Fail(expect, where,
                "unexpected row where seq " + std::to_string(expect) + " should be (inserted row)");
  }
  auto decoded = DecodeFrame(frame);
  if (!decoded.ok()) return Fail(expect, where, decoded.status().message());
  if (decoded->seq != expect) {
    return Fail(expect, where,
                "frame says seq " + std::to_string(decoded->seq) +
                    ": the row was moved here from another place (reordered)");
  }
  const Hash leaf_hash = HashLeaf(frame);
  if (AsBytes(leaf_hash) != stored_leaf_hash) {
    return Fail(expect, where, "frame does not hash to the stored leaf hash (changed row)");
  }
  range_.Append(leaf_hash, created);
  KAPI_RETURN_IF_ERROR(CheckRootsAt(range_.size()));
  return decoded;
}

std::optional<VerifyProblem> LogVerifier::Finish() {
  if (problem_) return problem_;
  if (range_.size() == 0) (void)CheckRootsAt(0);
  if (problem_) return problem_;
  auto it = expected_.upper_bound(range_.size());
  if (it != expected_.end()) {
    (void)Fail(range_.size(), "ledger_leaves seq " + std::to_string(range_.size()),
               "rows are missing: " + it->second.second + " covers " + std::to_string(it->first) +
                   " leaves but only " + std::to_string(range_.size()) + " are stored");
  }
  return problem_;
}

}  // namespace kapi::ledger
