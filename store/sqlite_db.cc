#include "store/sqlite_db.h"

#include <chrono>
#include <thread>

#include <sqlite3.h>

#include <string>
#include <unordered_map>

namespace kapi::store::sqlite {

struct Connection::Cache {
  std::unordered_map<std::string, std::unique_ptr<Statement>> statements;
};

Connection::Connection(sqlite3* db) : db_(db), cache_(std::make_unique<Cache>()) {}

Result<std::unique_ptr<Connection>> Connection::Open(const std::string& path, bool read_only) {
  sqlite3* db = nullptr;
  int flags = SQLITE_OPEN_NOMUTEX |
              (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close(db);
    return Unavailable("cannot open database " + path + ": " + msg);
  }
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, 5000);
  auto conn = std::unique_ptr<Connection>(new Connection(db));
  return conn;
}

Connection::~Connection() {
  cache_.reset();  // finalize statements before closing
  sqlite3_close(db_);
}

Status Connection::Error(std::string_view what) const {
  return Internal(std::string(what) + ": " + sqlite3_errmsg(db_));
}

Status Connection::Exec(std::string_view sql) {
  char* err = nullptr;
  std::string s(sql);
  int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    return Internal("sql failed: " + msg);
  }
  return Status::Ok();
}

Result<Statement*> Connection::Prepare(std::string_view sql) {
  std::string key(sql);
  auto it = cache_->statements.find(key);
  if (it != cache_->statements.end()) {
    it->second->Reset();
    return it->second.get();
  }
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(db_, key.data(), static_cast<int>(key.size()),
                              SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) return Error("prepare");
  auto owned = std::make_unique<Statement>(stmt, db_);
  Statement* raw = owned.get();
  cache_->statements.emplace(std::move(key), std::move(owned));
  return raw;
}

void Connection::ResetAll() {
  for (auto& [sql, stmt] : cache_->statements) stmt->Reset();
}

int64_t Connection::LastInsertRowId() const { return sqlite3_last_insert_rowid(db_); }
int Connection::Changes() const { return sqlite3_changes(db_); }

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  bind_status_ = Status::Ok();
  return *this;
}

namespace {
Status BindCheck(int rc, sqlite3* db) {
  return rc == SQLITE_OK ? Status::Ok() : Internal(std::string("bind: ") + sqlite3_errmsg(db));
}
}  // namespace

Statement& Statement::Bind(int index, int64_t value) {
  if (bind_status_.ok()) bind_status_ = BindCheck(sqlite3_bind_int64(stmt_, index, value), db_);
  return *this;
}
Statement& Statement::Bind(int index, std::string_view text) {
  if (bind_status_.ok()) {
    bind_status_ = BindCheck(sqlite3_bind_text(stmt_, index, text.data(),
                                               static_cast<int>(text.size()), SQLITE_TRANSIENT),
                             db_);
  }
  return *this;
}
Statement& Statement::BindBlob(int index, std::string_view bytes) {
  if (bind_status_.ok()) {
    bind_status_ = BindCheck(sqlite3_bind_blob(stmt_, index, bytes.data(),
                                               static_cast<int>(bytes.size()), SQLITE_TRANSIENT),
                             db_);
  }
  return *this;
}
Statement& Statement::BindNull(int index) {
  if (bind_status_.ok()) bind_status_ = BindCheck(sqlite3_bind_null(stmt_, index), db_);
  return *this;
}
Statement& Statement::BindOptional(int index, const std::optional<std::string>& text) {
  return text ? Bind(index, *text) : BindNull(index);
}
Statement& Statement::BindNullIfEmpty(int index, std::string_view text) {
  return text.empty() ? BindNull(index) : Bind(index, text);
}

Result<bool> Statement::Step() {
  if (!bind_status_.ok()) return bind_status_;
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  int primary = rc & 0xFF;
  if (primary == SQLITE_CONSTRAINT) {
    return Status(StatusCode::kInvalidArgument,
                  std::string("constraint failed: ") + sqlite3_errmsg(db_));
  }
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED || primary == SQLITE_IOERR ||
      primary == SQLITE_FULL) {
    return Unavailable(std::string("database unavailable: ") + sqlite3_errmsg(db_));
  }
  return Internal(std::string("step: ") + sqlite3_errmsg(db_));
}

Status Statement::Run() {
  while (true) {
    auto r = Step();
    if (!r.ok()) return r.status();
    if (!*r) return Status::Ok();
  }
}

int64_t Statement::Int(int col) const { return sqlite3_column_int64(stmt_, col); }
std::string Statement::Text(int col) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_blob(stmt_, col));
  int n = sqlite3_column_bytes(stmt_, col);
  return p ? std::string(p, static_cast<size_t>(n)) : std::string();
}
bool Statement::IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

bool TruncateWal(const std::string& path, int attempts) {
  auto db = Connection::Open(path, /*read_only=*/false);
  if (!db.ok()) return false;
  (void)(*db)->Exec("PRAGMA busy_timeout = 2000");
  for (int attempt = 0; attempt < attempts; ++attempt) {
    auto st = (*db)->Prepare("PRAGMA wal_checkpoint(TRUNCATE)");
    if (st.ok()) {
      auto row = (*st)->Step();
      const bool done = row.ok() && *row && (*st)->Int(0) == 0;
      (*st)->Reset();
      if (done) return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

}  // namespace kapi::store::sqlite
