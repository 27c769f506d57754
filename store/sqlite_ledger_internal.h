#pragma once
// Pieces of the SQLite ledger store shared by its .cc files; private to store/.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "ledger/checkpoint.h"
#include "ledger/merkle.h"
#include "store/ledger_store.h"
#include "store/ledger_verify_rows.h"
#include "store/sqlite_db.h"

namespace kapi::store::ledger_sqlite {

// ---- schema (sqlite_ledger_schema.cc) ----
inline constexpr int kLedgerSchemaVersion = 2;
// Creates or upgrades the ledger tables, each migration in its own transaction, recorded in
// ledger_schema_version. Independent of the main store's schema_migrations.
Status ApplyLedgerMigrations(sqlite::Connection& db);
// Read-only check that the ledger tables exist at a version this program understands.
Status CheckLedgerSchema(sqlite::Connection& db);

// Perfect subtree hashes from the database: level 0 from ledger_leaves.leaf_hash, higher levels
// from ledger_nodes. Uses the connection's cached statements; one thread at a time.
class DbNodeSource final : public ledger::NodeSource {
 public:
  explicit DbNodeSource(sqlite::Connection& db) : db_(db) {}
  Result<ledger::Hash> PerfectNode(int level, uint64_t index) override;

 private:
  sqlite::Connection& db_;
};

// ---- verification (sqlite_ledger_verify.cc) ----
// Runs inside one read transaction on `db` (a connection of its own).
Result<LedgerVerifyReport> VerifyDatabase(sqlite::Connection& db,
                                          const ledger_rows::VerifyContext& context,
                                          const LedgerVerifyOptions& options);

}  // namespace kapi::store::ledger_sqlite
