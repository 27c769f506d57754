// Full re-verification of a stored ledger from its rows (ledger_verify_rows.h). Streams the
// tables in key order alongside the leaves.

#include "store/ledger_verify_rows.h"

#include <sodium.h>

#include <algorithm>
#include <map>
#include <unordered_map>
#include <vector>

#include "ledger/crypto_shred.h"
#include "ledger/leaf_frame.h"
#include "ledger/log_verifier.h"

namespace kapi::store::ledger_rows {
namespace {

using ledger::Hash;
using ledger::VerifyProblem;

struct Person {
  std::optional<std::string> wrapped_key;
  std::optional<uint64_t> erased_seq;
  std::optional<std::string> key;  // unwrapped lazily
  bool unwrap_failed = false;
};

// One forward cursor per node level, advanced in lockstep with the appends that create nodes.
class NodeCursors {
 public:
  explicit NodeCursors(LedgerRowSource& rows) : rows_(rows) {}

  // Compares the next stored node of `level` with the recomputed one.
  std::optional<VerifyProblem> Match(const ledger::PerfectNodeRef& n) {
    Cursor& c = At(n.level);
    const std::string where =
        "ledger_nodes level " + std::to_string(n.level) + " idx " + std::to_string(n.index);
    const uint64_t first_seq = n.index << n.level;
    if (!c.row || static_cast<uint64_t>(c.row->idx) != n.index) {
      if (c.row && static_cast<uint64_t>(c.row->idx) < n.index) {
        return VerifyProblem{
            static_cast<uint64_t>(c.row->idx) << n.level,
            "ledger_nodes level " + std::to_string(n.level) + " idx " + std::to_string(c.row->idx),
            "unexpected node row (inserted)"};
      }
      return VerifyProblem{first_seq, where, "node row is missing"};
    }
    if (c.row->hash != ledger::AsBytes(n.hash)) {
      return VerifyProblem{first_seq, where,
                           "stored node hash differs from the one recomputed from the leaves"};
    }
    ++checked_;
    Advance(n.level, c);
    return std::nullopt;
  }

  // After the last leaf: any row left over was inserted.
  std::optional<VerifyProblem> Leftovers() {
    for (size_t level = 1; level < cursors_.size(); ++level) {
      Cursor& c = cursors_[level];
      if (c.started && c.row) {
        return VerifyProblem{
            static_cast<uint64_t>(c.row->idx) << level,
            "ledger_nodes level " + std::to_string(level) + " idx " + std::to_string(c.row->idx),
            "node row beyond the tree (inserted)"};
      }
    }
    auto stray = rows_.StrayNode(static_cast<int>(std::max<size_t>(cursors_.size(), 1)));
    if (!stray.ok() || !*stray) return std::nullopt;
    const auto [level, idx] = **stray;
    return VerifyProblem{
        level >= 1 && level < 64 ? static_cast<uint64_t>(idx) << level : 0,
        "ledger_nodes level " + std::to_string(level) + " idx " + std::to_string(idx),
        "node row beyond the tree (inserted)"};
  }

  uint64_t checked() const { return checked_; }

 private:
  struct Cursor {
    bool started = false;
    std::optional<NodeRow> row;
  };

  Cursor& At(int level) {
    if (cursors_.size() <= static_cast<size_t>(level)) cursors_.resize(level + 1);
    Cursor& c = cursors_[level];
    if (!c.started) {
      c.started = true;
      Advance(level, c);
    }
    return c;
  }

  void Advance(int level, Cursor& c) {
    auto row = rows_.NextNode(level);
    c.row = row.ok() ? std::move(*row) : std::nullopt;
  }

  LedgerRowSource& rows_;
  std::vector<Cursor> cursors_;
  uint64_t checked_ = 0;
};

class Verification {
 public:
  Verification(LedgerRowSource& rows, const VerifyContext& context,
               const LedgerVerifyOptions& options)
      : rows_(rows), context_(context), options_(options), nodes_(rows) {}

  Result<LedgerVerifyReport> Run() {
    KAPI_RETURN_IF_ERROR(LoadPersons());
    KAPI_RETURN_IF_ERROR(LoadCheckpoints());
    KAPI_RETURN_IF_ERROR(StreamLeaves());
    if (!leaf_problem_) Finish();
    // The first problem by sequence number wins; a bad checkpoint row competes with leaf rows.
    report_.problem = leaf_problem_;
    if (checkpoint_problem_ &&
        (!report_.problem || checkpoint_problem_->seq < report_.problem->seq)) {
      report_.problem = checkpoint_problem_;
    }
    report_.leaves = verifier_.size();
    report_.root = verifier_.Root();
    report_.checkpoints_checked = verifier_.roots_checked();
    report_.nodes_checked = nodes_.checked();
    for (auto& [id, person] : persons_) {
      if (person.key) sodium_memzero(person.key->data(), person.key->size());
    }
    return report_;
  }

 private:
  Status LoadPersons() {
    return rows_.ForEachPerson([this](PersonRow row) {
      Person p;
      p.wrapped_key = std::move(row.wrapped_key);
      if (row.erased_seq) {
        p.erased_seq = static_cast<uint64_t>(*row.erased_seq);
        erasures_[*p.erased_seq] = row.person_id;
      }
      persons_.emplace(std::move(row.person_id), std::move(p));
    });
  }

  void CheckpointProblem(uint64_t size, std::string where, std::string what) {
    VerifyProblem p{size > 0 ? size - 1 : 0, std::move(where), std::move(what)};
    if (!checkpoint_problem_ || p.seq < checkpoint_problem_->seq) checkpoint_problem_ = p;
  }

  // Signed roots to compare against: published checkpoints, the head, trusted outside notes.
  void Expect(std::string_view note, int64_t row_size, const std::string& row_root,
              const std::string& where) {
    auto c = ledger::OpenCheckpoint(*context_.verifier, note, context_.origin);
    if (!c.ok()) {
      return CheckpointProblem(static_cast<uint64_t>(std::max<int64_t>(row_size, 0)), where,
                               "signature or format does not verify: " + c.status().message());
    }
    if (row_size >= 0 &&
        (static_cast<uint64_t>(row_size) != c->size || row_root != ledger::AsBytes(c->root))) {
      return CheckpointProblem(c->size, where,
                               "row's tree_size/root columns differ from its signed note");
    }
    verifier_.ExpectRoot(c->size, c->root, where);
  }

  Status LoadCheckpoints() {
    KAPI_RETURN_IF_ERROR(rows_.ForEachCheckpoint([this](CheckpointRow row) {
      Expect(row.note, row.tree_size, row.root,
             "ledger_checkpoints tree_size " + std::to_string(row.tree_size));
    }));
    auto head = rows_.Head();
    if (!head.ok()) return head.status();
    if (*head) {
      head_size_ = static_cast<uint64_t>((*head)->tree_size);
      Expect((*head)->note, (*head)->tree_size, (*head)->root, "ledger_head (signed head)");
    }
    for (size_t i = 0; i < options_.trusted_checkpoints.size(); ++i) {
      Expect(options_.trusted_checkpoints[i], -1, {},
             "trusted checkpoint #" + std::to_string(i + 1));
    }
    return Status::Ok();
  }

  // The payload cursor, which runs alongside the leaves.
  Status NextPayload() {
    auto row = rows_.NextPayload();
    if (!row.ok()) return row.status();
    payload_ = std::move(*row);
    return Status::Ok();
  }

  void LeafProblem(uint64_t seq, std::string where, std::string what) {
    if (!leaf_problem_) leaf_problem_ = VerifyProblem{seq, std::move(where), std::move(what)};
  }

  const std::string* PersonKey(const std::string& id) {
    auto it = persons_.find(id);
    if (it == persons_.end() || !it->second.wrapped_key) return nullptr;
    Person& p = it->second;
    if (!p.key && !p.unwrap_failed) {
      auto k = ledger::UnwrapPersonKey(*context_.payload_key, id, *p.wrapped_key);
      if (k.ok()) {
        p.key = std::move(*k);
      } else {
        p.unwrap_failed = true;
      }
    }
    return p.key ? &*p.key : nullptr;
  }

  // Checks the payload row (if any) for leaf `seq` against its frame.
  void CheckPayload(uint64_t seq, const ledger::LeafFrame& frame) {
    const std::string where = "ledger_payloads seq " + std::to_string(seq);
    if (payload_ && payload_->seq < static_cast<int64_t>(seq)) {
      // Rows for earlier seqs were not consumed by a leaf: inserted or moved.
      return LeafProblem(static_cast<uint64_t>(std::max<int64_t>(payload_->seq, 0)),
                         "ledger_payloads seq " + std::to_string(payload_->seq),
                         "payload row without a matching leaf commitment (inserted or moved)");
    }
    const bool has_row = payload_ && payload_->seq == static_cast<int64_t>(seq);
    if (!frame.commitment) {
      if (has_row)
        LeafProblem(seq, where, "payload row for a leaf without a commitment (inserted)");
      return;
    }
    if (!has_row) return LeafProblem(seq, where, "payload row is missing (deleted)");
    auto pit = persons_.find(payload_->person_id);
    if (!payload_->sealed) {
      if (pit == persons_.end() || !pit->second.erased_seq || *pit->second.erased_seq <= seq) {
        return LeafProblem(seq, where,
                           "payload was removed without an erasure of its person (deleted)");
      }
      ++report_.payloads_erased;
    } else if (pit != persons_.end() && pit->second.erased_seq) {
      return LeafProblem(seq, where, "payload survives the erasure of its person");
    } else if (!context_.payload_key) {
      ++report_.payloads_unchecked;
    } else {
      const std::string* key = PersonKey(payload_->person_id);
      if (key == nullptr) return LeafProblem(seq, where, "the person's key is missing or altered");
      auto opened = ledger::OpenPayload(*key, seq, *payload_->sealed);
      if (!opened.ok()) return LeafProblem(seq, where, opened.status().message());
      if (ledger::PayloadCommitment(opened->salt, opened->canonical_payload) != *frame.commitment) {
        return LeafProblem(seq, where, "payload does not match the leaf's commitment");
      }
      sodium_memzero(opened->canonical_payload.data(), opened->canonical_payload.size());
      ++report_.payloads_checked;
    }
    Status s = NextPayload();
    if (!s.ok()) LeafProblem(seq, where, s.message());
  }

  // An ERASURE event must be where a person's erased_seq points, naming that person.
  void CheckErasure(uint64_t seq, const ledger::LeafFrame& frame) {
    auto it = erasures_.find(seq);
    if (it == erasures_.end()) return;
    const bool names =
        std::find(frame.subjects.begin(), frame.subjects.end(), it->second) != frame.subjects.end();
    if (frame.type != ledger::EventType::kErasure || !names) {
      LeafProblem(seq, "ledger_persons " + it->second,
                  "erased_seq points at seq " + std::to_string(seq) +
                      ", which is not the erasure of this person");
    }
  }

  Status StreamLeaves() {
    KAPI_RETURN_IF_ERROR(NextPayload());
    std::vector<ledger::PerfectNodeRef> created;
    while (!leaf_problem_) {
      auto row = rows_.NextLeaf();
      if (!row.ok()) return row.status();
      if (!*row) break;
      const int64_t seq = (*row)->seq;
      created.clear();
      auto frame = verifier_.AddLeaf(seq, (*row)->frame, (*row)->leaf_hash, &created);
      if (!frame.ok()) {
        leaf_problem_ = verifier_.problem();
        break;
      }
      for (const auto& n : created) {
        if (auto p = nodes_.Match(n)) {
          LeafProblem(p->seq, p->where, p->what);
          break;
        }
      }
      CheckPayload(static_cast<uint64_t>(seq), *frame);
      CheckErasure(static_cast<uint64_t>(seq), *frame);
    }
    return Status::Ok();
  }

  void Finish() {
    const uint64_t size = verifier_.size();
    if (auto p = verifier_.Finish()) return LeafProblem(p->seq, p->where, p->what);
    if (size > head_size_) {
      return LeafProblem(head_size_, "ledger_leaves seq " + std::to_string(head_size_),
                         "rows beyond the signed head (size " + std::to_string(head_size_) +
                             ") were added outside the ledger (inserted)");
    }
    if (auto p = nodes_.Leftovers()) return LeafProblem(p->seq, p->where, p->what);
    if (payload_) {
      return LeafProblem(static_cast<uint64_t>(std::max<int64_t>(payload_->seq, 0)),
                         "ledger_payloads seq " + std::to_string(payload_->seq),
                         "payload row beyond the last leaf (inserted)");
    }
    for (const auto& [seq, person] : erasures_) {
      if (seq >= size) {
        return LeafProblem(seq, "ledger_persons " + person,
                           "erased_seq points beyond the last leaf");
      }
    }
  }

  LedgerRowSource& rows_;
  const VerifyContext& context_;
  const LedgerVerifyOptions& options_;
  ledger::LogVerifier verifier_;
  NodeCursors nodes_;
  LedgerVerifyReport report_;
  std::unordered_map<std::string, Person> persons_;
  std::map<uint64_t, std::string> erasures_;
  uint64_t head_size_ = 0;
  std::optional<VerifyProblem> leaf_problem_;
  std::optional<VerifyProblem> checkpoint_problem_;
  std::optional<PayloadRow> payload_;
};

}  // namespace

Result<LedgerVerifyReport> VerifyLedgerRows(LedgerRowSource& rows, const VerifyContext& context,
                                            const LedgerVerifyOptions& options) {
  Verification v(rows, context, options);
  return v.Run();
}

}  // namespace kapi::store::ledger_rows
