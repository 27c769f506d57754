// The ledger's own schema versions (docs/formats/ledger.md §Database tables). Append-only: a
// released migration is never edited; a change is a new entry.

#include <string>
#include <vector>

#include "store/sqlite_ledger_internal.h"

namespace kapi::store::ledger_sqlite {
namespace {

struct LedgerMigration {
  int version;
  std::string_view description;
  std::string_view sql;
};

const std::vector<LedgerMigration>& LedgerMigrations() {
  static const std::vector<LedgerMigration> kMigrations = {
      {1, "ledger leaves, node cache, erasable payloads, person keys, head, checkpoints", R"sql(
CREATE TABLE ledger_leaves (
  seq       INTEGER PRIMARY KEY,   -- leaf index, from 0
  frame     BLOB NOT NULL,         -- the leaf input (ledger/leaf_frame.h)
  leaf_hash BLOB NOT NULL          -- SHA-256(0x00 || frame)
);
CREATE TABLE ledger_nodes (
  level INTEGER NOT NULL,          -- >= 1; the subtree has 2^level leaves
  idx   INTEGER NOT NULL,          -- covers seq [idx << level, (idx + 1) << level)
  hash  BLOB NOT NULL,
  PRIMARY KEY (level, idx)
) WITHOUT ROWID;
CREATE TABLE ledger_persons (
  person_id   TEXT PRIMARY KEY,    -- opaque data-subject id
  wrapped_key BLOB,                -- person key sealed under the payload key; NULL once erased
  created_seq INTEGER NOT NULL,
  erased_seq  INTEGER              -- seq of the ERASURE event
);
CREATE TABLE ledger_payloads (
  seq       INTEGER PRIMARY KEY,   -- the leaf whose commitment this opens
  person_id TEXT NOT NULL,
  sealed    BLOB                   -- salt || canonical payload, sealed; NULL once erased
);
CREATE INDEX ledger_payloads_by_person ON ledger_payloads(person_id, seq);
CREATE TABLE ledger_head (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  tree_size  INTEGER NOT NULL,
  root       BLOB NOT NULL,
  note       TEXT NOT NULL,        -- signed checkpoint of the whole committed tree
  created_ms INTEGER NOT NULL
);
CREATE TABLE ledger_checkpoints (
  tree_size  INTEGER PRIMARY KEY,
  root       BLOB NOT NULL,
  note       TEXT NOT NULL,        -- C2SP signed note
  created_ms INTEGER NOT NULL
);
)sql"},
      {2, "idempotency keys: an event appended at most once per key", R"sql(
CREATE TABLE ledger_idempotency (
  key TEXT PRIMARY KEY,            -- AuditEvent.idempotency_key
  seq INTEGER NOT NULL             -- the leaf appended under it
) WITHOUT ROWID;
)sql"},
  };
  return kMigrations;
}

Result<int64_t> CurrentVersion(sqlite::Connection& db) {
  auto st = db.Prepare("SELECT COALESCE(MAX(version), 0) FROM ledger_schema_version");
  if (!st.ok()) return st.status();
  auto row = (*st)->Step();
  if (!row.ok()) return row.status();
  const int64_t v = (*st)->Int(0);
  (*st)->Reset();
  return v;
}

}  // namespace

Status ApplyLedgerMigrations(sqlite::Connection& db) {
  KAPI_RETURN_IF_ERROR(db.Exec(
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
    KAPI_RETURN_IF_ERROR(db.Exec("BEGIN IMMEDIATE"));
    // Re-read under the write lock: another process may have migrated meanwhile.
    auto again = CurrentVersion(db);
    if (again.ok() && *again >= m.version) {
      KAPI_RETURN_IF_ERROR(db.Exec("COMMIT"));
      continue;
    }
    Status s = db.Exec(m.sql);
    if (s.ok()) {
      auto ins = db.Prepare(
          "INSERT INTO ledger_schema_version(version, description, applied_at) "
          "VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%fZ','now'))");
      s = ins.ok() ? (*ins)->Bind(1, int64_t{m.version}).Bind(2, m.description).Run()
                   : ins.status();
    }
    if (!s.ok()) {
      (void)db.Exec("ROLLBACK");
      return Internal("ledger migration " + std::to_string(m.version) + " failed: " + s.message());
    }
    KAPI_RETURN_IF_ERROR(db.Exec("COMMIT"));
  }
  return Status::Ok();
}

Status CheckLedgerSchema(sqlite::Connection& db) {
  auto current = CurrentVersion(db);
  if (!current.ok()) return NotFound("the database has no ledger tables");
  // Read-only tools also read older versions: verification needs only the version 1 tables.
  if (*current < 1 || *current > kLedgerSchemaVersion) {
    return FailedPrecondition("ledger schema version " + std::to_string(*current) +
                              ", this program reads version " +
                              std::to_string(kLedgerSchemaVersion));
  }
  return Status::Ok();
}

Result<ledger::Hash> DbNodeSource::PerfectNode(int level, uint64_t index) {
  auto st = level == 0 ? db_.Prepare("SELECT leaf_hash FROM ledger_leaves WHERE seq = ?")
                       : db_.Prepare("SELECT hash FROM ledger_nodes WHERE level = ? AND idx = ?");
  if (!st.ok()) return st.status();
  if (level == 0) {
    (*st)->Bind(1, static_cast<int64_t>(index));
  } else {
    (*st)->Bind(1, int64_t{level}).Bind(2, static_cast<int64_t>(index));
  }
  auto row = (*st)->Step();
  if (!row.ok()) return row.status();
  std::optional<ledger::Hash> h;
  if (*row) h = ledger::HashFromBytes((*st)->Text(0));
  (*st)->Reset();
  if (!h) {
    return Status(StatusCode::kDataLoss, "ledger node level " + std::to_string(level) + " index " +
                                             std::to_string(index) + " is missing or malformed");
  }
  return *h;
}

}  // namespace kapi::store::ledger_sqlite
