#include "store/sqlite_backup.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <thread>

namespace kapi::store {
namespace {

// Closes a sqlite3 handle on scope exit.
struct Db {
  sqlite3* db = nullptr;
  ~Db() {
    if (db) sqlite3_close_v2(db);
  }
};

Status SqlError(sqlite3* db, const std::string& what) {
  return Unavailable(what + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
}

Result<int64_t> QueryInt(sqlite3* db, const char* sql) {
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) != SQLITE_OK) {
    return SqlError(db, std::string("checking the backup (") + sql + ")");
  }
  int64_t v = 0;
  int rc = sqlite3_step(st);
  if (rc == SQLITE_ROW) v = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  if (rc != SQLITE_ROW) return SqlError(db, std::string("checking the backup (") + sql + ")");
  return v;
}

Status FsyncPath(const std::string& path, bool directory) {
  int fd = open(path.c_str(), (directory ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
  if (fd < 0) return Unavailable("cannot open " + path + " to sync it");
  int rc = fsync(fd);
  close(fd);
  return rc == 0 ? Status::Ok() : Unavailable("fsync of " + path + " failed");
}

}  // namespace

Result<SqliteBackupStats> BackupSqlite(const std::string& source_path,
                                       const std::string& dest_path) {
  if (!std::filesystem::exists(source_path)) {
    return NotFound("no database at " + source_path);
  }
  const std::string tmp = dest_path + ".partial";
  std::error_code ec;
  std::filesystem::remove(tmp, ec);
  SqliteBackupStats stats;
  {
    Db src, dst;
    if (sqlite3_open_v2(source_path.c_str(), &src.db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
      return SqlError(src.db, "opening " + source_path);
    }
    sqlite3_busy_timeout(src.db, 5000);
    // Create the file owner-only before SQLite opens it: a backup holds personal data.
    int fd = open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) return Unavailable("cannot create " + tmp);
    close(fd);
    if (sqlite3_open_v2(tmp.c_str(), &dst.db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
      return SqlError(dst.db, "opening " + tmp);
    }
    sqlite3_backup* b = sqlite3_backup_init(dst.db, "main", src.db, "main");
    if (!b) return SqlError(dst.db, "starting the backup");
    int rc;
    // Small steps let the live writer go on between them; a write to the source restarts the
    // copy, so a busy server still gets a consistent snapshot.
    while ((rc = sqlite3_backup_step(b, 1024)) == SQLITE_OK || rc == SQLITE_BUSY ||
           rc == SQLITE_LOCKED) {
      if (rc != SQLITE_OK) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    stats.pages = sqlite3_backup_pagecount(b);
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE) {
      std::filesystem::remove(tmp, ec);
      return SqlError(dst.db, "backup");
    }
    // The copy is a plain rollback-journal database: it needs no -wal file beside it.
    sqlite3_exec(dst.db, "PRAGMA journal_mode = DELETE", nullptr, nullptr, nullptr);
    sqlite3_stmt* st = nullptr;
    std::string integrity;
    if (sqlite3_prepare_v2(dst.db, "PRAGMA integrity_check", -1, &st, nullptr) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW) {
      integrity = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    }
    sqlite3_finalize(st);
    if (integrity != "ok") {
      std::filesystem::remove(tmp, ec);
      return Status(StatusCode::kDataLoss, "the backup failed its integrity check: " + integrity);
    }
    auto version = QueryInt(dst.db, "SELECT COALESCE(MAX(version),0) FROM schema_migrations");
    if (!version.ok()) return version.status();
    auto cases = QueryInt(dst.db, "SELECT COUNT(*) FROM cases");
    if (!cases.ok()) return cases.status();
    stats.schema_version = *version;
    stats.cases = *cases;
  }
  KAPI_RETURN_IF_ERROR(FsyncPath(tmp, false));
  std::filesystem::rename(tmp, dest_path, ec);
  if (ec) return Unavailable("cannot move the backup into place: " + ec.message());
  auto parent = std::filesystem::absolute(dest_path).parent_path();
  KAPI_RETURN_IF_ERROR(FsyncPath(parent.string(), true));
  stats.bytes = static_cast<int64_t>(std::filesystem::file_size(dest_path, ec));
  return stats;
}

}  // namespace kapi::store
