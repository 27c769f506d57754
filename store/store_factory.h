#pragma once
// Chooses the storage backend from configuration. Every command that opens the store (serve,
// init, import, backup) goes through OpenStore, so `--database-url` / KAPI_DATABASE_URL mean the
// same everywhere:
//   empty                         → SQLite in <data_dir>/kapi.db (the embedded default)
//   postgres://… / postgresql://… → PostgreSQL (several nodes may share it)
//   sqlite:PATH                   → SQLite at PATH
// Anything else is kInvalidArgument naming the field "database_url".

#include <memory>
#include <string>
#include <string_view>

#include "base/status.h"
#include "store/store.h"

namespace kapi::store {

enum class Backend { kSqlite, kPostgres };

struct StoreConfig {
  std::string data_dir;      // holds kapi.db when the backend is SQLite
  std::string database_url;  // see above
};

// Which backend `database_url` selects, or kInvalidArgument.
Result<Backend> BackendFor(std::string_view database_url);

// The SQLite file a config uses (only meaningful when BackendFor is kSqlite).
std::string SqlitePathFor(const StoreConfig& config);

Result<std::unique_ptr<Store>> OpenStore(const StoreConfig& config);

// `url` with any password hidden, for logs.
std::string RedactDatabaseUrl(const std::string& url);

}  // namespace kapi::store
