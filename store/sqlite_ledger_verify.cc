// The SQLite ledger's rows for the backend-neutral verification (ledger_verify_rows.h), read
// inside one read transaction with one cached statement per cursor.

#include <map>

#include "store/ledger_verify_rows.h"
#include "store/sqlite_ledger_internal.h"

namespace kapi::store::ledger_sqlite {
namespace {

using ledger_rows::CheckpointRow;
using ledger_rows::LeafRow;
using ledger_rows::NodeRow;
using ledger_rows::PayloadRow;
using ledger_rows::PersonRow;
using sqlite::Connection;
using sqlite::Statement;

class SqliteRows final : public ledger_rows::LedgerRowSource {
 public:
  explicit SqliteRows(Connection& db) : db_(db) {}

  Status ForEachPerson(const std::function<void(PersonRow)>& fn) override {
    auto st = db_.Prepare("SELECT person_id, wrapped_key, erased_seq FROM ledger_persons");
    if (!st.ok()) return st.status();
    while (true) {
      auto row = (*st)->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      PersonRow p;
      p.person_id = (*st)->Text(0);
      if (!(*st)->IsNull(1)) p.wrapped_key = (*st)->Text(1);
      if (!(*st)->IsNull(2)) p.erased_seq = (*st)->Int(2);
      fn(std::move(p));
    }
    return Status::Ok();
  }

  Status ForEachCheckpoint(const std::function<void(CheckpointRow)>& fn) override {
    auto st =
        db_.Prepare("SELECT tree_size, root, note FROM ledger_checkpoints ORDER BY tree_size");
    if (!st.ok()) return st.status();
    while (true) {
      auto row = (*st)->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      fn(CheckpointRow{(*st)->Int(0), (*st)->Text(1), (*st)->Text(2)});
    }
    return Status::Ok();
  }

  Result<std::optional<CheckpointRow>> Head() override {
    auto st = db_.Prepare("SELECT tree_size, root, note FROM ledger_head WHERE id = 1");
    if (!st.ok()) return st.status();
    auto row = (*st)->Step();
    if (!row.ok()) return row.status();
    std::optional<CheckpointRow> out;
    if (*row) out = CheckpointRow{(*st)->Int(0), (*st)->Text(1), (*st)->Text(2)};
    (*st)->Reset();
    return out;
  }

  Result<std::optional<LeafRow>> NextLeaf() override {
    if (!leaves_) {
      auto st = db_.Prepare("SELECT seq, frame, leaf_hash FROM ledger_leaves ORDER BY seq");
      if (!st.ok()) return st.status();
      leaves_ = *st;
    }
    auto row = leaves_->Step();
    if (!row.ok()) return row.status();
    if (!*row) return std::optional<LeafRow>();
    return std::optional<LeafRow>(LeafRow{leaves_->Int(0), leaves_->Text(1), leaves_->Text(2)});
  }

  Result<std::optional<PayloadRow>> NextPayload() override {
    if (!payloads_) {
      auto st = db_.Prepare("SELECT seq, person_id, sealed FROM ledger_payloads ORDER BY seq");
      if (!st.ok()) return st.status();
      payloads_ = *st;
    }
    auto row = payloads_->Step();
    if (!row.ok()) return row.status();
    if (!*row) return std::optional<PayloadRow>();
    PayloadRow p{payloads_->Int(0), payloads_->Text(1), std::nullopt};
    if (!payloads_->IsNull(2)) p.sealed = payloads_->Text(2);
    return std::optional<PayloadRow>(std::move(p));
  }

  Result<std::optional<NodeRow>> NextNode(int level) override {
    Statement*& st = nodes_[level];
    if (st == nullptr) {
      // A distinct SQL text per level gives each level its own cached statement.
      auto p =
          db_.Prepare("SELECT idx, hash FROM ledger_nodes WHERE level = " + std::to_string(level) +
                      " ORDER BY idx");
      if (!p.ok()) return p.status();
      st = *p;
    }
    auto row = st->Step();
    if (!row.ok()) return row.status();
    if (!*row) return std::optional<NodeRow>();
    return std::optional<NodeRow>(NodeRow{st->Int(0), st->Text(1)});
  }

  Result<std::optional<std::pair<int64_t, int64_t>>> StrayNode(int min_level) override {
    auto st = db_.Prepare(
        "SELECT level, idx FROM ledger_nodes WHERE level >= ? OR level < 1 "
        "ORDER BY level, idx LIMIT 1");
    if (!st.ok()) return st.status();
    (*st)->Bind(1, int64_t{min_level});
    auto row = (*st)->Step();
    if (!row.ok()) return row.status();
    std::optional<std::pair<int64_t, int64_t>> out;
    if (*row) out = std::make_pair((*st)->Int(0), (*st)->Int(1));
    (*st)->Reset();
    return out;
  }

  // Leaves cached statements ready for the next verification on this connection.
  void Reset() {
    if (leaves_) leaves_->Reset();
    if (payloads_) payloads_->Reset();
    for (auto& [level, st] : nodes_) st->Reset();
  }

 private:
  Connection& db_;
  Statement* leaves_ = nullptr;
  Statement* payloads_ = nullptr;
  std::map<int, Statement*> nodes_;
};

}  // namespace

Result<LedgerVerifyReport> VerifyDatabase(Connection& db, const ledger_rows::VerifyContext& context,
                                          const LedgerVerifyOptions& options) {
  KAPI_RETURN_IF_ERROR(db.Exec("BEGIN"));
  SqliteRows rows(db);
  auto report = ledger_rows::VerifyLedgerRows(rows, context, options);
  rows.Reset();
  (void)db.Exec("COMMIT");
  return report;
}

}  // namespace kapi::store::ledger_sqlite
