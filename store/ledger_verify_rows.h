#pragma once
// Backend-neutral full verification of a stored ledger, private to store/. A backend supplies its
// rows through LedgerRowSource (forward cursors in key order, all read from one consistent
// snapshot); VerifyLedgerRows recomputes every leaf, cached node, payload commitment, erasure,
// checkpoint signature and root, and the signed head, and names the first bad sequence number.
// Memory: O(log n) besides the person table.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "base/status.h"
#include "ledger/checkpoint.h"
#include "store/ledger_store.h"

namespace kapi::store::ledger_rows {

struct LeafRow {
  int64_t seq = 0;
  std::string frame;
  std::string leaf_hash;
};
struct PayloadRow {
  int64_t seq = 0;
  std::string person_id;
  std::optional<std::string> sealed;  // nullopt once erased
};
struct NodeRow {
  int64_t idx = 0;
  std::string hash;
};
struct PersonRow {
  std::string person_id;
  std::optional<std::string> wrapped_key;
  std::optional<int64_t> erased_seq;
};
struct CheckpointRow {
  int64_t tree_size = 0;
  std::string root;
  std::string note;
};

// Rows of one ledger, read inside one snapshot. Not thread-safe. Table names in messages are the
// same on every backend (docs/formats/ledger.md §Database tables).
class LedgerRowSource {
 public:
  virtual ~LedgerRowSource() = default;
  virtual Status ForEachPerson(const std::function<void(PersonRow)>& fn) = 0;
  // Published checkpoints by tree_size.
  virtual Status ForEachCheckpoint(const std::function<void(CheckpointRow)>& fn) = 0;
  virtual Result<std::optional<CheckpointRow>> Head() = 0;
  // Forward cursors; nullopt at the end.
  virtual Result<std::optional<LeafRow>> NextLeaf() = 0;
  virtual Result<std::optional<PayloadRow>> NextPayload() = 0;
  virtual Result<std::optional<NodeRow>> NextNode(int level) = 0;  // by idx, level >= 1
  // The first node row (level, idx) with level >= min_level or level < 1, if any.
  virtual Result<std::optional<std::pair<int64_t, int64_t>>> StrayNode(int min_level) = 0;
};

struct VerifyContext {
  const ledger::NoteVerifier* verifier = nullptr;
  std::string origin;
  std::optional<std::string> payload_key;  // absent: payloads are counted, not opened
};

Result<LedgerVerifyReport> VerifyLedgerRows(LedgerRowSource& rows, const VerifyContext& context,
                                            const LedgerVerifyOptions& options);

}  // namespace kapi::store::ledger_rows
