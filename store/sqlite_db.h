#pragma once
// Thin RAII wrappers over the SQLite C API, private to store/. Errors become Status values that
// name the SQL operation; no sqlite3 type leaves store/.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace kapi::store::sqlite {

class Statement;

// One connection. Not thread-safe: each thread uses its own (the writer thread owns one, readers
// borrow from a pool).
class Connection {
 public:
  static Result<std::unique_ptr<Connection>> Open(const std::string& path, bool read_only);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  Status Exec(std::string_view sql);
  // Prepared statements are cached per connection by SQL text.
  Result<Statement*> Prepare(std::string_view sql);
  // Resets every cached statement, ending any read snapshot a half-stepped SELECT holds. Called
  // whenever a connection is handed back (pool) or a write op ends, so no connection keeps an old
  // snapshot: stale reads for readers, SQLITE_BUSY_SNAPSHOT for the writer.
  void ResetAll();
  int64_t LastInsertRowId() const;
  int Changes() const;
  sqlite3* raw() { return db_; }

 private:
  explicit Connection(sqlite3* db);
  Status Error(std::string_view what) const;
  sqlite3* db_;
  struct Cache;
  std::unique_ptr<Cache> cache_;
};

// A cached prepared statement. Reset() happens automatically at the next Bind sequence start.
class Statement {
 public:
  explicit Statement(sqlite3_stmt* stmt, sqlite3* db) : stmt_(stmt), db_(db) {}
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& Reset();
  Statement& Bind(int index, int64_t value);
  Statement& Bind(int index, std::string_view text);
  Statement& BindBlob(int index, std::string_view bytes);
  Statement& BindNull(int index);
  Statement& BindOptional(int index, const std::optional<std::string>& text);
  Statement& BindNullIfEmpty(int index, std::string_view text);

  // Returns true when a row is available, false when done; errors become Status.
  Result<bool> Step();
  // Runs to completion, expecting no rows.
  Status Run();

  int64_t Int(int col) const;
  std::string Text(int col) const;  // empty for NULL
  bool IsNull(int col) const;

 private:
  Status bind_status_;
  sqlite3_stmt* stmt_;
  sqlite3* db_;
};

// Copies every WAL frame of the database at `path` into the main file and truncates the WAL to
// zero bytes, so bytes an erasure removed (with secure_delete on) leave no copy in the WAL.
// Opens its own connection; retries while readers hold old snapshots (busy_timeout 2 s each,
// `attempts` times 50 ms apart). True when the WAL was truncated.
bool TruncateWal(const std::string& path, int attempts = 20);

}  // namespace kapi::store::sqlite
