#pragma once
// Thin RAII wrapper over libpq, private to store/. No libpq type leaves store/; errors become
// Status values: a lost or refused connection (SQLSTATE class 08, 57P0x, 53300) and a deadlock or
// serialization failure are kUnavailable (retrying may help), unique violations kAlreadyExists,
// foreign-key and check violations kInvalidArgument, anything else kInternal.
//
// Statements are prepared once per connection and cached by SQL text. Transaction-control
// statements (BEGIN, SAVEPOINT, RELEASE, ROLLBACK TO) can be *deferred*: they are sent in one
// libpq pipeline together with the next real statement, so a group-commit batch costs about one
// network round trip per write plus one for COMMIT. A failed deferred statement fails the statement
// it was sent with, so no error is lost.
//
// Not thread-safe: one thread uses a connection at a time (the writer thread owns one, readers
// borrow from a pool).

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

struct pg_conn;
struct pg_result;

namespace kapi::store::pg {

// A statement parameter: SQL NULL, text (sent in text format) or bytes (sent binary, for BYTEA).
class Param {
 public:
  static Param Null() { return Param(Kind::kNull, {}); }
  static Param Text(std::string_view s) { return Param(Kind::kText, std::string(s)); }
  static Param Int(int64_t v) { return Param(Kind::kText, std::to_string(v)); }
  static Param Bool(bool v) { return Param(Kind::kText, v ? "true" : "false"); }
  static Param Bytes(std::string_view s) { return Param(Kind::kBinary, std::string(s)); }
  static Param TextOrNull(std::string_view s) { return s.empty() ? Null() : Text(s); }
  static Param BytesOrNull(std::string_view s) { return s.empty() ? Null() : Bytes(s); }
  static Param Optional(const std::optional<std::string>& s) { return s ? Text(*s) : Null(); }

  bool is_null() const { return kind_ == Kind::kNull; }
  bool is_binary() const { return kind_ == Kind::kBinary; }
  const std::string& value() const { return value_; }

 private:
  enum class Kind { kNull, kText, kBinary };
  Param(Kind kind, std::string value) : kind_(kind), value_(std::move(value)) {}
  Kind kind_;
  std::string value_;
};

// A query result (text format). Owns the libpq result.
class Rows {
 public:
  Rows() = default;
  explicit Rows(pg_result* res);
  ~Rows();
  Rows(Rows&& other) noexcept;
  Rows& operator=(Rows&& other) noexcept;
  Rows(const Rows&) = delete;
  Rows& operator=(const Rows&) = delete;

  int size() const;
  bool empty() const { return size() == 0; }
  bool IsNull(int row, int col) const;
  std::string Text(int row, int col) const;  // "" for NULL
  int64_t Int(int row, int col) const;       // 0 for NULL
  bool Bool(int row, int col) const;
  std::string Bytes(int row, int col) const;  // decodes a BYTEA column
  std::string CommandTag() const;             // e.g. "COMMIT", "INSERT 0 1"

 private:
  pg_result* res_ = nullptr;
};

struct ConnectOptions {
  std::string url;  // postgresql://user@host:port/db?... (libpq URI or key=value string)
  std::string application_name = "kapi";
  int connect_timeout_s = 5;
  // Fewest milliseconds after a failed connect before the next attempt, so a database that is
  // down is not hammered and callers fail fast meanwhile.
  int reconnect_interval_ms = 200;
};

class Connection {
 public:
  static Result<std::unique_ptr<Connection>> Open(const ConnectOptions& options);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs one statement (with the deferred statements before it, in one pipeline).
  Result<Rows> Exec(std::string_view sql, const std::vector<Param>& params = {});
  // Exec for statements whose rows are not needed.
  Status Run(std::string_view sql, const std::vector<Param>& params = {});
  // Runs a parameterless script (several statements allowed) with the simple protocol; for DDL.
  // Deferred statements must be empty.
  Status ExecScript(std::string_view sql);
  // Queues a parameterless transaction-control statement for the next Exec. "SAVEPOINT x"
  // directly followed by "RELEASE x" or "ROLLBACK TO x" cancels out without a round trip.
  void Defer(std::string sql);
  // Forgets deferred statements (after a rollback, they no longer apply).
  void DropDeferred() { deferred_.clear(); }

  // True when the connection is lost; Reconnect() (rate-limited) then tries to get it back.
  bool Broken() const;
  Status Reconnect();
  // Notices a connection the server has closed (without blocking), then reconnects when broken.
  Status EnsureConnected();

 private:
  Connection(ConnectOptions options, pg_conn* conn);
  Status Connect();
  Result<std::string> PreparedName(std::string_view sql);
  Result<Rows> ExecPipelined(const std::string& name, const std::vector<Param>& params);
  Status Error(std::string_view what, pg_result* res) const;

  ConnectOptions options_;
  pg_conn* conn_;
  std::map<std::string, std::string, std::less<>> prepared_;  // SQL text → statement name
  std::vector<std::string> deferred_;
  std::chrono::steady_clock::time_point last_failure_{};  // of the last failed connect
};

// libpq quoting of a single value for a key=value conninfo string or URI building is not needed by
// callers; this appends `-c search_path=<schema>` to a URL's options (used by tests and tools).
std::string WithSearchPath(const std::string& url, const std::string& schema);

// The URL with any password replaced by "***", for logs and messages.
std::string RedactUrl(const std::string& url);

}  // namespace kapi::store::pg
