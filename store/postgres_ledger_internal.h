#pragma once
// Pieces of the PostgreSQL ledger store shared by its .cc files; private to store/.

#include <string>

#include "base/status.h"
#include "ledger/merkle.h"
#include "store/ledger_store.h"
#include "store/ledger_verify_rows.h"
#include "store/pg_conn.h"

namespace kapi::store::ledger_pg {

// ---- schema (postgres_ledger_schema.cc) ----
inline constexpr int kLedgerSchemaVersion = 1;
// Advisory-lock key held while the ledger tables are migrated ("kapiledg" as ASCII). Appends do
// not use it: they lock the ledger_sequencer row, which is scoped to the schema.
inline constexpr int64_t kLedgerMigrationLockKey = 0x6b6170696c656467;
// Creates or upgrades the ledger tables under the advisory lock, each migration in its own
// transaction, recorded in ledger_schema_version (independent of the store's schema_migrations).
Status ApplyLedgerMigrations(pg::Connection& db);
// Read-only check that the ledger tables exist at a version this program understands.
Status CheckLedgerSchema(pg::Connection& db);

// Perfect subtree hashes from the database (level 0 from ledger_leaves). One query per node.
class DbNodeSource final : public ledger::NodeSource {
 public:
  explicit DbNodeSource(pg::Connection& db) : db_(db) {}
  Result<ledger::Hash> PerfectNode(int level, uint64_t index) override;

 private:
  pg::Connection& db_;
};

// Runs inside one REPEATABLE READ, READ ONLY transaction on `db` (a connection of its own), so
// the rows come from one snapshot even while other nodes append.
Result<LedgerVerifyReport> VerifyDatabase(pg::Connection& db,
                                          const ledger_rows::VerifyContext& context,
                                          const LedgerVerifyOptions& options);

}  // namespace kapi::store::ledger_pg
