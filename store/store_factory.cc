#include "store/store_factory.h"

#include <filesystem>

#include "store/pg_conn.h"
#include "store/postgres_store.h"

namespace kapi::store {

Result<Backend> BackendFor(std::string_view url) {
  if (url.empty() || url.rfind("sqlite:", 0) == 0) return Backend::kSqlite;
  if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) {
    return Backend::kPostgres;
  }
  return InvalidArgument(
      "database_url must start with postgresql:// (or be empty for SQLite in the data directory)",
      "database_url");
}

std::string SqlitePathFor(const StoreConfig& config) {
  if (config.database_url.rfind("sqlite:", 0) == 0) return config.database_url.substr(7);
  return (std::filesystem::path(config.data_dir) / "kapi.db").string();
}

Result<std::unique_ptr<Store>> OpenStore(const StoreConfig& config) {
  auto backend = BackendFor(config.database_url);
  if (!backend.ok()) return backend.status();
  if (*backend == Backend::kPostgres) return OpenPostgresStore({.url = config.database_url});
  return OpenSqliteStore({.path = SqlitePathFor(config)});
}

std::string RedactDatabaseUrl(const std::string& url) { return pg::RedactUrl(url); }

}  // namespace kapi::store
