// Full re-verification of the SQLite ledger from its rows: every leaf, every cached node, every
// payload commitment and erasure, every checkpoint signature and root, and the signed head.
// Streams the tables in key order (O(log n) memory besides the person table).

#include <sodium.h>

#include <map>
#include <unordered_map>

#include "ledger/crypto_shred.h"
#include "ledger/leaf_frame.h"
#include "ledger/log_verifier.h"
#include "store/sqlite_ledger_internal.h"

namespace kapi::store::ledger_sqlite {
namespace {

using ledger::Hash;
using ledger::VerifyProblem;
using sqlite::Connection;
using sqlite::Statement;

struct Person {
  std::optional<std::string> wrapped_key;
  std::optional<uint64_t> erased_seq;
  std::optional<std::string> key;  // unwrapped lazily
  bool unwrap_failed = false;
};

// One forward cursor per node level, advanced in lockstep with the appends that create nodes.
class NodeCursors {
 public:
  explicit NodeCursors(Connection& db) : db_(db) {}

  // Compares the next stored node of `level` with the recomputed one.
  std::optional<VerifyProblem> Match(const ledger::PerfectNodeRef& n) {
    Cursor& c = At(n.level);
    const std::string where =
        "ledger_nodes level " + std::to_string(n.level) + " idx " + std::to_string(n.index);
    const uint64_t first_seq = n.index << n.level;
    if (!c.valid || c.idx != n.index) {
      if (c.valid && c.idx < n.index) {
        return VerifyProblem{
            c.idx << n.level,
            "ledger_nodes level " + std::to_string(n.level) + " idx " + std::to_string(c.idx),
            "unexpected node row (inserted)"};
      }
      return VerifyProblem{first_seq, where, "node row is missing"};
    }
    if (c.hash != ledger::AsBytes(n.hash)) {
      return VerifyProblem{first_seq, where,
                           "stored node hash differs from the one recomputed from the leaves"};
    }
    ++checked_;
    Advance(c);
    return std::nullopt;
  }

  // After the last leaf: any row left over was inserted.
  std::optional<VerifyProblem> Leftovers() {
    for (size_t level = 1; level < cursors_.size(); ++level) {
      Cursor& c = cursors_[level];
      if (c.stmt != nullptr && c.valid) {
        return VerifyProblem{
            c.idx << level,
            "ledger_nodes level " + std::to_string(level) + " idx " + std::to_string(c.idx),
            "node row beyond the tree (inserted)"};
      }
    }
    auto st = db_.Prepare(
        "SELECT level, idx FROM ledger_nodes WHERE level >= ? OR level < 1 "
        "ORDER BY level, idx LIMIT 1");
    if (!st.ok()) return std::nullopt;
    (*st)->Bind(1, static_cast<int64_t>(std::max<size_t>(cursors_.size(), 1)));
    auto row = (*st)->Step();
    std::optional<VerifyProblem> p;
    if (row.ok() && *row) {
      const int64_t level = (*st)->Int(0), idx = (*st)->Int(1);
      p = VerifyProblem{
          level >= 1 && level < 64 ? static_cast<uint64_t>(idx) << level : 0,
          "ledger_nodes level " + std::to_string(level) + " idx " + std::to_string(idx),
          "node row beyond the tree (inserted)"};
    }
    (*st)->Reset();
    return p;
  }

  uint64_t checked() const { return checked_; }

 private:
  struct Cursor {
    Statement* stmt = nullptr;
    bool valid = false;
    uint64_t idx = 0;
    std::string hash;
  };

  Cursor& At(int level) {
    if (cursors_.size() <= static_cast<size_t>(level)) cursors_.resize(level + 1);
    Cursor& c = cursors_[level];
    if (c.stmt == nullptr) {
      // A distinct SQL text per level gives each level its own cached statement.
      auto st =
          db_.Prepare("SELECT idx, hash FROM ledger_nodes WHERE level = " + std::to_string(level) +
                      " ORDER BY idx");
      if (st.ok()) {
        c.stmt = *st;
        Advance(c);
      }
    }
    return c;
  }

  void Advance(Cursor& c) {
    auto row = c.stmt->Step();
    c.valid = row.ok() && *row;
    if (c.valid) {
      c.idx = static_cast<uint64_t>(c.stmt->Int(0));
      c.hash = c.stmt->Text(1);
    }
  }

  Connection& db_;
  std::vector<Cursor> cursors_;
  uint64_t checked_ = 0;
};

class Verification {
 public:
  Verification(Connection& db, const VerifyContext& context, const LedgerVerifyOptions& options)
      : db_(db), context_(context), options_(options), nodes_(db) {}

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
    auto st = db_.Prepare("SELECT person_id, wrapped_key, erased_seq FROM ledger_persons");
    if (!st.ok()) return st.status();
    while (true) {
      auto row = (*st)->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      Person p;
      if (!(*st)->IsNull(1)) p.wrapped_key = (*st)->Text(1);
      if (!(*st)->IsNull(2)) {
        p.erased_seq = static_cast<uint64_t>((*st)->Int(2));
        erasures_[*p.erased_seq] = (*st)->Text(0);
      }
      persons_.emplace((*st)->Text(0), std::move(p));
    }
    return Status::Ok();
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
    head_or_checkpoint_max_ = std::max(head_or_checkpoint_max_, c->size);
  }

  Status LoadCheckpoints() {
    auto st =
        db_.Prepare("SELECT tree_size, root, note FROM ledger_checkpoints ORDER BY tree_size");
    if (!st.ok()) return st.status();
    while (true) {
      auto row = (*st)->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      const int64_t size = (*st)->Int(0);
      Expect((*st)->Text(2), size, (*st)->Text(1),
             "ledger_checkpoints tree_size " + std::to_string(size));
    }
    auto head = db_.Prepare("SELECT tree_size, root, note FROM ledger_head WHERE id = 1");
    if (!head.ok()) return head.status();
    auto row = (*head)->Step();
    if (!row.ok()) return row.status();
    if (*row) {
      head_size_ = static_cast<uint64_t>((*head)->Int(0));
      Expect((*head)->Text(2), (*head)->Int(0), (*head)->Text(1), "ledger_head (signed head)");
    }
    (*head)->Reset();
    for (size_t i = 0; i < options_.trusted_checkpoints.size(); ++i) {
      Expect(options_.trusted_checkpoints[i], -1, {},
             "trusted checkpoint #" + std::to_string(i + 1));
    }
    return Status::Ok();
  }

  // The payload cursor, which runs alongside the leaves.
  Status NextPayload() {
    auto row = payload_stmt_->Step();
    if (!row.ok()) return row.status();
    payload_valid_ = *row;
    if (payload_valid_) {
      payload_seq_ = payload_stmt_->Int(0);
      payload_person_ = payload_stmt_->Text(1);
      payload_erased_ = payload_stmt_->IsNull(2);
      payload_sealed_ = payload_stmt_->Text(2);
    }
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
    if (payload_valid_ && payload_seq_ < static_cast<int64_t>(seq)) {
      // Rows for earlier seqs were not consumed by a leaf: inserted or moved.
      return LeafProblem(static_cast<uint64_t>(std::max<int64_t>(payload_seq_, 0)),
                         "ledger_payloads seq " + std::to_string(payload_seq_),
                         "payload row without a matching leaf commitment (inserted or moved)");
    }
    const bool has_row = payload_valid_ && payload_seq_ == static_cast<int64_t>(seq);
    if (!frame.commitment) {
      if (has_row)
        LeafProblem(seq, where, "payload row for a leaf without a commitment (inserted)");
      return;
    }
    if (!has_row) return LeafProblem(seq, where, "payload row is missing (deleted)");
    auto pit = persons_.find(payload_person_);
    if (payload_erased_) {
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
      const std::string* key = PersonKey(payload_person_);
      if (key == nullptr) return LeafProblem(seq, where, "the person's key is missing or altered");
      auto opened = ledger::OpenPayload(*key, seq, payload_sealed_);
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
    auto ps = db_.Prepare("SELECT seq, person_id, sealed FROM ledger_payloads ORDER BY seq");
    if (!ps.ok()) return ps.status();
    payload_stmt_ = *ps;
    KAPI_RETURN_IF_ERROR(NextPayload());
    auto st = db_.Prepare("SELECT seq, frame, leaf_hash FROM ledger_leaves ORDER BY seq");
    if (!st.ok()) return st.status();
    std::vector<ledger::PerfectNodeRef> created;
    while (!leaf_problem_) {
      auto row = (*st)->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      const int64_t seq = (*st)->Int(0);
      created.clear();
      auto frame = verifier_.AddLeaf(seq, (*st)->Text(1), (*st)->Text(2), &created);
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
    (*st)->Reset();
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
    if (payload_valid_) {
      return LeafProblem(static_cast<uint64_t>(std::max<int64_t>(payload_seq_, 0)),
                         "ledger_payloads seq " + std::to_string(payload_seq_),
                         "payload row beyond the last leaf (inserted)");
    }
    for (const auto& [seq, person] : erasures_) {
      if (seq >= size) {
        return LeafProblem(seq, "ledger_persons " + person,
                           "erased_seq points beyond the last leaf");
      }
    }
  }

  Connection& db_;
  const VerifyContext& context_;
  const LedgerVerifyOptions& options_;
  ledger::LogVerifier verifier_;
  NodeCursors nodes_;
  LedgerVerifyReport report_;
  std::unordered_map<std::string, Person> persons_;
  std::map<uint64_t, std::string> erasures_;
  uint64_t head_size_ = 0;
  uint64_t head_or_checkpoint_max_ = 0;
  std::optional<VerifyProblem> leaf_problem_;
  std::optional<VerifyProblem> checkpoint_problem_;

  Statement* payload_stmt_ = nullptr;
  bool payload_valid_ = false;
  int64_t payload_seq_ = 0;
  std::string payload_person_;
  bool payload_erased_ = false;
  std::string payload_sealed_;
};

}  // namespace

Result<LedgerVerifyReport> VerifyDatabase(Connection& db, const VerifyContext& context,
                                          const LedgerVerifyOptions& options) {
  KAPI_RETURN_IF_ERROR(db.Exec("BEGIN"));
  Verification v(db, context, options);
  auto report = v.Run();
  (void)db.Exec("COMMIT");
  return report;
}

}  // namespace kapi::store::ledger_sqlite
