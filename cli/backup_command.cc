// `kapi backup`: an online, checked copy of the SQLite database while the server runs
// (store/sqlite_backup.h). With PostgreSQL (--database-url / KAPI_DATABASE_URL) the database is
// backed up by PostgreSQL's own tools — pg_basebackup plus WAL archiving — and this command says
// so instead of copying anything (docs/deployment.md). Prints one JSON object on success.

#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cli/serve_config.h"
#include "store/sqlite_backup.h"
#include "store/store_factory.h"

namespace kapi::cli {
namespace {

struct BackupOptions {
  std::string data_dir;
  std::string database_url;
  std::string out;
};

int RunBackup(const BackupOptions& o, std::ostream& out, std::ostream& err) {
  auto backend = store::BackendFor(o.database_url);
  if (!backend.ok()) {
    err << "kapi backup: " << backend.status().message() << "\n";
    return 2;
  }
  if (*backend == store::Backend::kPostgres) {
    err << "kapi backup: PostgreSQL veritabanı pg_basebackup ve WAL arşivleme ile yedeklenir "
           "(PostgreSQL is backed up with pg_basebackup and WAL archiving; see "
           "docs/deployment.md)\n";
    return 2;
  }
  const std::string source = store::SqlitePathFor({o.data_dir, o.database_url});
  auto stats = store::BackupSqlite(source, o.out);
  if (!stats.ok()) {
    err << "kapi backup: " << stats.status().ToString() << "\n";
    return 1;
  }
  out << nlohmann::json{{"backup", o.out},
                        {"bytes", stats->bytes},
                        {"pages", stats->pages},
                        {"cases", stats->cases},
                        {"schema_version", stats->schema_version},
                        {"integrity", "ok"}}
             .dump()
      << "\n";
  return 0;
}

}  // namespace

void AddBackupCommand(CLI::App& app) {
  auto o = std::make_shared<BackupOptions>();
  CLI::App* sub = app.add_subcommand(
      "backup", "Veritabanının çevrimiçi yedeği (online, checked backup of the SQLite database)");
  AddDataDirOption(sub, &o->data_dir);
  AddDatabaseUrlOption(sub, &o->database_url);
  sub->add_option("--out", o->out, "Backup file to write (replaced atomically)")->required();
  sub->callback([o] { SetExitCode(RunBackup(*o, std::cout, std::cerr)); });
}

}  // namespace kapi::cli
