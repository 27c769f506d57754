#pragma once
// Versioned schema migrations for the PostgreSQL store: the same versions and descriptions as the
// SQLite list (sqlite_migrations.h), in PostgreSQL's dialect. Append-only: a released migration is
// never edited; a change is a new entry in both lists. docs/formats/postgres-schema.md documents
// the resulting schema.
//
// Several nodes may start at once: ApplyPostgresMigrations holds a cluster-wide advisory lock while
// it reads the version and applies what is missing, each migration in its own transaction.

#include <string_view>
#include <vector>

#include "base/status.h"

namespace kapi::store::pg {

class Connection;

struct PgMigration {
  int version;
  std::string_view description;
  std::string_view sql;
};

const std::vector<PgMigration>& PostgresMigrations();

// Applies every migration above the database's current version. Fails (without touching
// anything) when the database is newer than this program.
Status ApplyPostgresMigrations(Connection& db);

// Advisory-lock key reserved for migrations ("kapimigr" as ASCII).
inline constexpr int64_t kMigrationLockKey = 0x6b6170696d696772;

}  // namespace kapi::store::pg
