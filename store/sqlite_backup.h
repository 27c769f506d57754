#pragma once
// Online backup of the SQLite store (`kapi backup`): a consistent copy of a live database, taken
// with SQLite's online backup API while `kapi serve` keeps writing. The copy is written to a
// temporary file beside the destination, checked (PRAGMA integrity_check, schema version readable),
// fsync'd and only then renamed into place, so the destination is either the old file or a whole,
// checked backup. Keys are not part of it: they are backed up separately (docs/deployment.md).
//
// Restore: stop the server, put the backup in place as <data-dir>/kapi.db (removing any
// kapi.db-wal and kapi.db-shm), start it; migrations bring an older backup up to date.

#include <cstdint>
#include <string>

#include "base/status.h"

namespace kapi::store {

struct SqliteBackupStats {
  int64_t pages = 0;
  int64_t bytes = 0;
  int64_t cases = 0;
  int64_t schema_version = 0;
};

// Thread-compatible; safe to run while another process writes the source.
Result<SqliteBackupStats> BackupSqlite(const std::string& source_path,
                                       const std::string& dest_path);

}  // namespace kapi::store
