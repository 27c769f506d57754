// The PostgreSQL ledger's schema versions (docs/formats/ledger.md §PostgreSQL tables), its node
// source for proofs and its rows for verification. Append-only migrations: a released one is
// never edited; a change is a new entry.

#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <string_view>
#include <vector>

#include "store/postgres_ledger_internal.h"

namespace kapi::store::ledger_pg {
namespace {

using ledger_rows::CheckpointRow;
using ledger_rows::LeafRow;
using ledger_rows::NodeRow;
using ledger_rows::PayloadRow;
using ledger_rows::PersonRow;
using pg::Connection;
using pg::Param;

struct LedgerMigration {
  int version;
  std::string_view description;
  std::string_view sql;
};

const std::vector<LedgerMigration>& LedgerMigrations() {
  static const std::vector<LedgerMigration> kMigrations = {
      {1,
       "ledger leaves, node cache, erasable payloads, person keys, head with compact range, "
       "checkpoints, sequencer row, pinned keys, idempotency keys",
       R"sql(
CREATE TABLE ledger_sequencer (
  id INTEGER PRIMARY KEY CHECK (id = 1)   -- locked FOR UPDATE by every writing transaction
);
INSERT INTO ledger_sequencer(id) VALUES (1);
CREATE TABLE ledger_keys (
  id                INTEGER PRIMARY KEY CHECK (id = 1),
  verifier_key      TEXT NOT NULL,        -- the one key that signs this log
  payload_key_check BYTEA NOT NULL,       -- BLAKE2b keyed by the payload key, of a constant
  created_ms        BIGINT NOT NULL
);
CREATE TABLE ledger_leaves (
  seq       BIGINT PRIMARY KEY,           -- leaf index, from 0
  frame     BYTEA NOT NULL,               -- the leaf input (ledger/leaf_frame.h)
  leaf_hash BYTEA NOT NULL                -- SHA-256(0x00 || frame)
);
CREATE TABLE ledger_nodes (
  level INTEGER NOT NULL,                 -- >= 1; the subtree has 2^level leaves
  idx   BIGINT NOT NULL,                  -- covers seq [idx << level, (idx + 1) << level)
  hash  BYTEA NOT NULL,
  PRIMARY KEY (level, idx)
);
CREATE TABLE ledger_persons (
  person_id   TEXT PRIMARY KEY,           -- opaque data-subject id
  wrapped_key BYTEA,                      -- person key sealed under the payload key; NULL once erased
  created_seq BIGINT NOT NULL,
  erased_seq  BIGINT                      -- seq of the ERASURE event
);
CREATE TABLE ledger_payloads (
  seq       BIGINT PRIMARY KEY,           -- the leaf whose commitment this opens
  person_id TEXT NOT NULL,
  sealed    BYTEA                         -- salt || canonical payload, sealed; NULL once erased
);
CREATE INDEX ledger_payloads_by_person ON ledger_payloads(person_id, seq);
CREATE TABLE ledger_head (
  id            INTEGER PRIMARY KEY CHECK (id = 1),
  tree_size     BIGINT NOT NULL,
  root          BYTEA NOT NULL,
  compact_range BYTEA NOT NULL,           -- the frontier hashes, largest subtree first, 32 bytes each
  note          TEXT NOT NULL,            -- signed checkpoint of the whole committed tree
  created_ms    BIGINT NOT NULL
);
CREATE TABLE ledger_checkpoints (
  tree_size  BIGINT PRIMARY KEY,
  root       BYTEA NOT NULL,
  note       TEXT NOT NULL,               -- C2SP signed note
  created_ms BIGINT NOT NULL
);
CREATE TABLE ledger_idempotency (
  key TEXT PRIMARY KEY,                   -- AuditEvent.idempotency_key
  seq BIGINT NOT NULL                     -- the leaf appended under it
);
)sql"},
  };
  return kMigrations;
}

Result<int64_t> CurrentVersion(Connection& db) {
  auto rows = db.Exec("SELECT COALESCE(MAX(version), 0) FROM ledger_schema_version");
  if (!rows.ok()) return rows.status();
  return rows->Int(0, 0);
}

Status ApplyLocked(Connection& db) {
  KAPI_RETURN_IF_ERROR(db.ExecScript(
      "CREATE TABLE IF NOT EXISTS ledger_schema_version ("
      " version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)"));
  auto current = CurrentVersion(db);
  if (!current.ok()) return current.status();
  const auto& all = LedgerMigrations();
  if (*current > all.back().version) {
    return FailedPrecondition("ledger schema version " + std::to_string(*current) +
                              " is newer than this program knows (" +
                              std::to_string(all.back().version) + "); upgrade kapi");
  }
  for (const LedgerMigration& m : all) {
    if (m.version <= *current) continue;
    KAPI_RETURN_IF_ERROR(db.ExecScript("BEGIN"));
    Status s = db.ExecScript(m.sql);
    if (s.ok()) {
      s = db.Run(
          "INSERT INTO ledger_schema_version(version, description, applied_at) "
          "VALUES ($1, $2, to_char(now() AT TIME ZONE 'UTC', "
          "'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'))",
          {Param::Int(m.version), Param::Text(m.description)});
    }
    if (!s.ok()) {
      (void)db.ExecScript("ROLLBACK");
      return Internal("ledger migration " + std::to_string(m.version) + " failed: " + s.message());
    }
    KAPI_RETURN_IF_ERROR(db.ExecScript("COMMIT"));
  }
  return Status::Ok();
}

// Keyset-paginated forward cursor: `sql` takes the last key seen as $1 (and `extra` after it)
// and returns at most kPage rows ordered by that key, the key in column 0.
class PagedCursor {
 public:
  static constexpr int kPage = 4096;
  PagedCursor(Connection& db, std::string sql, std::vector<Param> extra = {})
      : db_(db), sql_(std::move(sql)), extra_(std::move(extra)) {}

  // The next row (index into rows()), or -1 at the end.
  Result<int> Next() {
    if (row_ + 1 < rows_.size()) return ++row_;
    if (done_) return -1;
    std::vector<Param> params{Param::Int(last_key_)};
    params.insert(params.end(), extra_.begin(), extra_.end());
    auto r = db_.Exec(sql_, params);
    if (!r.ok()) return r.status();
    rows_ = std::move(*r);
    row_ = 0;
    if (rows_.size() < kPage) done_ = true;
    if (rows_.empty()) return -1;
    last_key_ = rows_.Int(rows_.size() - 1, 0);
    return 0;
  }
  const pg::Rows& rows() const { return rows_; }

 private:
  Connection& db_;
  std::string sql_;
  std::vector<Param> extra_;
  pg::Rows rows_;
  int row_ = 0;
  int64_t last_key_ = -1;  // keys are >= 0 for well-formed rows; see LeafRows for the rest
  bool done_ = false;
};

class PgRows final : public ledger_rows::LedgerRowSource {
 public:
  explicit PgRows(Connection& db)
      : db_(db),
        leaves_(db,
                "SELECT seq, frame, leaf_hash FROM ledger_leaves WHERE seq > $1 ORDER BY seq "
                "LIMIT 4096"),
        payloads_(db,
                  "SELECT seq, person_id, sealed FROM ledger_payloads WHERE seq > $1 "
                  "ORDER BY seq LIMIT 4096") {}

  Status ForEachPerson(const std::function<void(PersonRow)>& fn) override {
    auto r = db_.Exec("SELECT person_id, wrapped_key, erased_seq FROM ledger_persons");
    if (!r.ok()) return r.status();
    for (int i = 0; i < r->size(); ++i) {
      PersonRow p;
      p.person_id = r->Text(i, 0);
      if (!r->IsNull(i, 1)) p.wrapped_key = r->Bytes(i, 1);
      if (!r->IsNull(i, 2)) p.erased_seq = r->Int(i, 2);
      fn(std::move(p));
    }
    return Status::Ok();
  }

  Status ForEachCheckpoint(const std::function<void(CheckpointRow)>& fn) override {
    auto r = db_.Exec("SELECT tree_size, root, note FROM ledger_checkpoints ORDER BY tree_size");
    if (!r.ok()) return r.status();
    for (int i = 0; i < r->size(); ++i) {
      fn(CheckpointRow{r->Int(i, 0), r->Bytes(i, 1), r->Text(i, 2)});
    }
    return Status::Ok();
  }

  Result<std::optional<CheckpointRow>> Head() override {
    auto r = db_.Exec("SELECT tree_size, root, note FROM ledger_head WHERE id = 1");
    if (!r.ok()) return r.status();
    std::optional<CheckpointRow> out;
    if (!r->empty()) out = CheckpointRow{r->Int(0, 0), r->Bytes(0, 1), r->Text(0, 2)};
    return out;
  }

  // Rows with a negative seq (inserted by hand) come first, as in key order.
  Result<std::optional<LeafRow>> NextLeaf() override {
    KAPI_RETURN_IF_ERROR(LoadNegativeLeaves());
    if (!negative_leaves_.empty()) {
      LeafRow row = std::move(negative_leaves_.front());
      negative_leaves_.pop_front();
      return std::optional<LeafRow>(std::move(row));
    }
    auto i = leaves_.Next();
    if (!i.ok()) return i.status();
    if (*i < 0) return std::optional<LeafRow>();
    const pg::Rows& r = leaves_.rows();
    return std::optional<LeafRow>(LeafRow{r.Int(*i, 0), r.Bytes(*i, 1), r.Bytes(*i, 2)});
  }

  Result<std::optional<PayloadRow>> NextPayload() override {
    if (!payloads_started_) {
      payloads_started_ = true;
      auto r =
          db_.Exec("SELECT seq, person_id, sealed FROM ledger_payloads WHERE seq < 0 ORDER BY seq");
      if (!r.ok()) return r.status();
      for (int i = 0; i < r->size(); ++i) negative_payloads_.push_back(ToPayload(*r, i));
    }
    if (!negative_payloads_.empty()) {
      PayloadRow row = std::move(negative_payloads_.front());
      negative_payloads_.pop_front();
      return std::optional<PayloadRow>(std::move(row));
    }
    auto i = payloads_.Next();
    if (!i.ok()) return i.status();
    if (*i < 0) return std::optional<PayloadRow>();
    return std::optional<PayloadRow>(ToPayload(payloads_.rows(), *i));
  }

  Result<std::optional<NodeRow>> NextNode(int level) override {
    auto it = nodes_.find(level);
    if (it == nodes_.end()) {
      it = nodes_
               .emplace(level, std::make_unique<PagedCursor>(
                                   db_,
                                   "SELECT idx, hash FROM ledger_nodes WHERE idx > $1 AND "
                                   "level = $2 ORDER BY idx LIMIT 4096",
                                   std::vector<Param>{Param::Int(level)}))
               .first;
    }
    auto i = it->second->Next();
    if (!i.ok()) return i.status();
    if (*i < 0) return std::optional<NodeRow>();
    const pg::Rows& r = it->second->rows();
    return std::optional<NodeRow>(NodeRow{r.Int(*i, 0), r.Bytes(*i, 1)});
  }

  Result<std::optional<std::pair<int64_t, int64_t>>> StrayNode(int min_level) override {
    auto r = db_.Exec(
        "SELECT level, idx FROM ledger_nodes WHERE level >= $1 OR level < 1 OR idx < 0 "
        "ORDER BY level, idx LIMIT 1",
        {Param::Int(min_level)});
    if (!r.ok()) return r.status();
    std::optional<std::pair<int64_t, int64_t>> out;
    if (!r->empty()) out = std::make_pair(r->Int(0, 0), r->Int(0, 1));
    return out;
  }

 private:
  static PayloadRow ToPayload(const pg::Rows& r, int i) {
    PayloadRow p{r.Int(i, 0), r.Text(i, 1), std::nullopt};
    if (!r.IsNull(i, 2)) p.sealed = r.Bytes(i, 2);
    return p;
  }

  Status LoadNegativeLeaves() {
    if (negative_loaded_) return Status::Ok();
    negative_loaded_ = true;
    auto r = db_.Exec("SELECT seq, frame, leaf_hash FROM ledger_leaves WHERE seq < 0 ORDER BY seq");
    if (!r.ok()) return r.status();
    for (int i = 0; i < r->size(); ++i) {
      negative_leaves_.push_back(LeafRow{r->Int(i, 0), r->Bytes(i, 1), r->Bytes(i, 2)});
    }
    return Status::Ok();
  }

  Connection& db_;
  PagedCursor leaves_;
  PagedCursor payloads_;
  std::map<int, std::unique_ptr<PagedCursor>> nodes_;
  bool negative_loaded_ = false;
  std::deque<LeafRow> negative_leaves_;
  bool payloads_started_ = false;
  std::deque<PayloadRow> negative_payloads_;
};

}  // namespace

Status ApplyLedgerMigrations(Connection& db) {
  KAPI_RETURN_IF_ERROR(
      db.Run("SELECT pg_advisory_lock($1)", {Param::Int(kLedgerMigrationLockKey)}));
  Status s = ApplyLocked(db);
  Status unlock = db.Run("SELECT pg_advisory_unlock($1)", {Param::Int(kLedgerMigrationLockKey)});
  if (!s.ok()) return s;
  return unlock;
}

Status CheckLedgerSchema(Connection& db) {
  auto exists = db.Exec("SELECT to_regclass('ledger_schema_version') IS NOT NULL");
  if (!exists.ok()) return exists.status();
  if (!exists->Bool(0, 0)) return NotFound("the database has no ledger tables");
  auto current = CurrentVersion(db);
  if (!current.ok()) return current.status();
  if (*current != kLedgerSchemaVersion) {
    return FailedPrecondition("ledger schema version " + std::to_string(*current) +
                              ", this program reads version " +
                              std::to_string(kLedgerSchemaVersion));
  }
  return Status::Ok();
}

Result<ledger::Hash> DbNodeSource::PerfectNode(int level, uint64_t index) {
  auto r = level == 0 ? db_.Exec("SELECT leaf_hash FROM ledger_leaves WHERE seq = $1",
                                 {Param::Int(static_cast<int64_t>(index))})
                      : db_.Exec("SELECT hash FROM ledger_nodes WHERE level = $1 AND idx = $2",
                                 {Param::Int(level), Param::Int(static_cast<int64_t>(index))});
  if (!r.ok()) return r.status();
  std::optional<ledger::Hash> h;
  if (!r->empty()) h = ledger::HashFromBytes(r->Bytes(0, 0));
  if (!h) {
    return Status(StatusCode::kDataLoss, "ledger node level " + std::to_string(level) + " index " +
                                             std::to_string(index) + " is missing or malformed");
  }
  return *h;
}

Result<LedgerVerifyReport> VerifyDatabase(Connection& db, const ledger_rows::VerifyContext& context,
                                          const LedgerVerifyOptions& options) {
  KAPI_RETURN_IF_ERROR(db.ExecScript("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"));
  PgRows rows(db);
  auto report = ledger_rows::VerifyLedgerRows(rows, context, options);
  (void)db.ExecScript("COMMIT");
  return report;
}

}  // namespace kapi::store::ledger_pg
