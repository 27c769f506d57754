#pragma once
// Versioned schema migrations for the SQLite store. The list is append-only: a released
// migration is never edited; a change is a new entry. docs/formats/sqlite-schema.md documents the
// resulting schema.

#include <string_view>
#include <vector>

#include "base/status.h"

namespace kapi::store::sqlite {

class Connection;

struct Migration {
  int version;
  std::string_view description;
  std::string_view sql;
};

const std::vector<Migration>& SqliteMigrations();

// Applies every migration above the database's current version, each in its own transaction.
// Fails (without touching anything) when the database is newer than this program.
Status ApplyMigrations(Connection& db);

}  // namespace kapi::store::sqlite
