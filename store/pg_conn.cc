#include "store/pg_conn.h"

#include <libpq-fe.h>

#include <cstdlib>
#include <cstring>

namespace kapi::store::pg {
namespace {

void IgnoreNotice(void*, const char*) {}

StatusCode CodeForSqlState(std::string_view state) {
  if (state.size() != 5) return StatusCode::kUnavailable;           // no SQLSTATE: the link failed
  if (state.substr(0, 2) == "08") return StatusCode::kUnavailable;  // connection exception
  if (state == "57P01" || state == "57P02" || state == "57P03" || state == "53300" ||
      state == "40001" || state == "40P01" || state == "25P03") {
    return StatusCode::kUnavailable;
  }
  if (state == "23505") return StatusCode::kAlreadyExists;
  if (state == "23503" || state == "23514" || state == "23502" || state.substr(0, 2) == "22") {
    return StatusCode::kInvalidArgument;
  }
  return StatusCode::kInternal;
}

}  // namespace

// ---- Rows ----

Rows::Rows(pg_result* res) : res_(res) {}
Rows::~Rows() {
  if (res_) PQclear(res_);
}
Rows::Rows(Rows&& other) noexcept : res_(other.res_) { other.res_ = nullptr; }
Rows& Rows::operator=(Rows&& other) noexcept {
  if (this != &other) {
    if (res_) PQclear(res_);
    res_ = other.res_;
    other.res_ = nullptr;
  }
  return *this;
}
int Rows::size() const { return res_ ? PQntuples(res_) : 0; }
bool Rows::IsNull(int row, int col) const { return PQgetisnull(res_, row, col) != 0; }
std::string Rows::Text(int row, int col) const {
  if (IsNull(row, col)) return {};
  return std::string(PQgetvalue(res_, row, col), PQgetlength(res_, row, col));
}
int64_t Rows::Int(int row, int col) const {
  if (IsNull(row, col)) return 0;
  return std::strtoll(PQgetvalue(res_, row, col), nullptr, 10);
}
bool Rows::Bool(int row, int col) const {
  return !IsNull(row, col) && PQgetvalue(res_, row, col)[0] == 't';
}
std::string Rows::Bytes(int row, int col) const {
  if (IsNull(row, col)) return {};
  size_t n = 0;
  unsigned char* raw =
      PQunescapeBytea(reinterpret_cast<const unsigned char*>(PQgetvalue(res_, row, col)), &n);
  if (!raw) return {};
  std::string out(reinterpret_cast<const char*>(raw), n);
  PQfreemem(raw);
  return out;
}

std::string Rows::CommandTag() const { return res_ ? PQcmdStatus(res_) : ""; }

// ---- Connection ----

Connection::Connection(ConnectOptions options, pg_conn* conn)
    : options_(std::move(options)), conn_(conn) {}

Connection::~Connection() {
  if (conn_) PQfinish(conn_);
}

Result<std::unique_ptr<Connection>> Connection::Open(const ConnectOptions& options) {
  std::unique_ptr<Connection> c(new Connection(options, nullptr));
  Status s = c->Connect();
  if (!s.ok()) return s;
  return c;
}

Status Connection::Connect() {
  if (conn_) {
    PQfinish(conn_);
    conn_ = nullptr;
  }
  prepared_.clear();
  deferred_.clear();
  const std::string timeout = std::to_string(options_.connect_timeout_s);
  // Our defaults come first; the URL (expanded from "dbname") overrides any it names.
  const char* keys[] = {"application_name",
                        "connect_timeout",
                        "keepalives",
                        "keepalives_idle",
                        "keepalives_interval",
                        "keepalives_count",
                        "client_encoding",
                        "dbname",
                        nullptr};
  const char* values[] = {options_.application_name.c_str(),
                          timeout.c_str(),
                          "1",
                          "10",
                          "5",
                          "3",
                          "UTF8",
                          options_.url.c_str(),
                          nullptr};
  conn_ = PQconnectdbParams(keys, values, /*expand_dbname=*/1);
  if (!conn_) return Unavailable("out of memory opening a PostgreSQL connection");
  PQsetNoticeProcessor(conn_, IgnoreNotice, nullptr);
  if (PQstatus(conn_) != CONNECTION_OK) {
    last_failure_ = std::chrono::steady_clock::now();
    std::string msg = PQerrorMessage(conn_);
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    return Status(StatusCode::kUnavailable,
                  "cannot connect to PostgreSQL at " + RedactUrl(options_.url) + ": " + msg)
        .WithReason("database_unavailable");
  }
  return Status::Ok();
}

bool Connection::Broken() const { return !conn_ || PQstatus(conn_) != CONNECTION_OK; }

Status Connection::Reconnect() {
  auto now = std::chrono::steady_clock::now();
  if (now - last_failure_ < std::chrono::milliseconds(options_.reconnect_interval_ms)) {
    return Status(StatusCode::kUnavailable, "the database is unavailable; reconnecting")
        .WithReason("database_unavailable");
  }
  return Connect();
}

Status Connection::EnsureConnected() {
  // A server that shut down or restarted has sent a FATAL message and closed the socket; reading
  // what is there (PQconsumeInput never blocks) marks the connection broken before we use it.
  if (!Broken()) (void)PQconsumeInput(conn_);
  return Broken() ? Reconnect() : Status::Ok();
}

void Connection::Defer(std::string sql) {
  if (!deferred_.empty() && deferred_.back().rfind("SAVEPOINT ", 0) == 0) {
    const std::string name = deferred_.back().substr(10);
    if (sql == "RELEASE " + name || sql == "ROLLBACK TO " + name) {
      // Nothing ran inside the savepoint: releasing or undoing it is a no-op.
      if (sql[0] == 'R' && sql[1] == 'E') deferred_.pop_back();
      return;
    }
  }
  deferred_.push_back(std::move(sql));
}

Status Connection::Error(std::string_view what, pg_result* res) const {
  std::string state;
  std::string msg;
  if (res) {
    if (const char* s = PQresultErrorField(res, PG_DIAG_SQLSTATE)) state = s;
    if (const char* m = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY)) msg = m;
  }
  if (msg.empty() && conn_) msg = PQerrorMessage(conn_);
  while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
  StatusCode code = Broken() ? StatusCode::kUnavailable : CodeForSqlState(state);
  Status s(code, std::string(what) + ": " + msg + (state.empty() ? "" : " [" + state + "]"));
  if (code == StatusCode::kUnavailable) return std::move(s).WithReason("database_unavailable");
  return s;
}

Result<std::string> Connection::PreparedName(std::string_view sql) {
  if (auto it = prepared_.find(sql); it != prepared_.end()) return it->second;
  std::string name = "k";
  name += std::to_string(prepared_.size() + 1);
  std::string text(sql);
  pg_result* res = PQprepare(conn_, name.c_str(), text.c_str(), 0, nullptr);
  if (!res || PQresultStatus(res) != PGRES_COMMAND_OK) {
    Status s = Error("prepare", res);
    if (res) PQclear(res);
    return s;
  }
  PQclear(res);
  prepared_.emplace(std::move(text), name);
  return name;
}

Result<Rows> Connection::Exec(std::string_view sql, const std::vector<Param>& params) {
  if (Broken()) {
    deferred_.clear();
    return Status(StatusCode::kUnavailable, "the database connection is lost")
        .WithReason("database_unavailable");
  }
  auto name = PreparedName(sql);
  if (!name.ok()) {
    deferred_.clear();
    return name.status();
  }
  return ExecPipelined(*name, params);
}

Status Connection::ExecScript(std::string_view sql) {
  if (Broken()) {
    return Status(StatusCode::kUnavailable, "the database connection is lost")
        .WithReason("database_unavailable");
  }
  std::string text(sql);
  pg_result* res = PQexec(conn_, text.c_str());
  ExecStatusType st = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
  Status s = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK ? Status::Ok() : Error("script", res);
  if (res) PQclear(res);
  return s;
}

Status Connection::Run(std::string_view sql, const std::vector<Param>& params) {
  auto r = Exec(sql, params);
  return r.ok() ? Status::Ok() : r.status();
}

Result<Rows> Connection::ExecPipelined(const std::string& name, const std::vector<Param>& params) {
  std::vector<const char*> values(params.size());
  std::vector<int> lengths(params.size());
  std::vector<int> formats(params.size());
  for (size_t i = 0; i < params.size(); ++i) {
    values[i] = params[i].is_null() ? nullptr : params[i].value().data();
    lengths[i] = static_cast<int>(params[i].value().size());
    formats[i] = params[i].is_binary() ? 1 : 0;
  }
  const int n = static_cast<int>(params.size());
  if (deferred_.empty()) {
    pg_result* res =
        PQexecPrepared(conn_, name.c_str(), n, values.data(), lengths.data(), formats.data(), 0);
    ExecStatusType st = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
    if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) {
      Status s = Error("query", res);
      if (res) PQclear(res);
      return s;
    }
    return Rows(res);
  }

  // Deferred control statements + this statement, one round trip.
  std::vector<std::string> deferred;
  deferred.swap(deferred_);
  if (PQenterPipelineMode(conn_) != 1) return Error("pipeline", nullptr);
  bool sent_ok = true;
  for (const std::string& d : deferred) {
    sent_ok = sent_ok &&
              PQsendQueryParams(conn_, d.c_str(), 0, nullptr, nullptr, nullptr, nullptr, 0) == 1;
  }
  sent_ok = sent_ok && PQsendQueryPrepared(conn_, name.c_str(), n, values.data(), lengths.data(),
                                           formats.data(), 0) == 1;
  sent_ok = sent_ok && PQpipelineSync(conn_) == 1;
  if (!sent_ok) {
    Status s = Error("pipeline send", nullptr);
    (void)PQexitPipelineMode(conn_);
    return s;
  }
  Status first_error;
  Rows last;
  const size_t queries = deferred.size() + 1;
  for (size_t i = 0; i < queries; ++i) {
    while (pg_result* res = PQgetResult(conn_)) {
      ExecStatusType st = PQresultStatus(res);
      if (st == PGRES_FATAL_ERROR) {
        if (first_error.ok()) first_error = Error(i + 1 < queries ? deferred[i] : "query", res);
        PQclear(res);
      } else if (st == PGRES_PIPELINE_ABORTED || i + 1 < queries) {
        PQclear(res);
      } else {
        last = Rows(res);
      }
    }
    if (Broken()) break;
  }
  if (!Broken()) {
    // Drain up to and including the sync marker.
    while (pg_result* res = PQgetResult(conn_)) {
      const bool sync = PQresultStatus(res) == PGRES_PIPELINE_SYNC;
      PQclear(res);
      if (sync) break;
    }
    (void)PQexitPipelineMode(conn_);
  }
  if (!first_error.ok()) return first_error;
  if (Broken()) {
    return Status(StatusCode::kUnavailable, "the database connection was lost")
        .WithReason("database_unavailable");
  }
  return last;
}

// ---- URL helpers ----

std::string WithSearchPath(const std::string& url, const std::string& schema) {
  const char sep = url.find('?') == std::string::npos ? '?' : '&';
  return url + sep + "options=-csearch_path%3D" + schema;
}

std::string RedactUrl(const std::string& url) {
  // postgresql://user:secret@host/db → postgresql://user:***@host/db
  size_t scheme = url.find("://");
  if (scheme == std::string::npos) {
    size_t p = url.find("password=");
    if (p == std::string::npos) return url;
    size_t end = url.find(' ', p);
    return url.substr(0, p + 9) + "***" + (end == std::string::npos ? "" : url.substr(end));
  }
  size_t at = url.find('@', scheme + 3);
  size_t slash = url.find('/', scheme + 3);
  if (at == std::string::npos || (slash != std::string::npos && slash < at)) return url;
  size_t colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon + 1) + "***" + url.substr(at);
}

}  // namespace kapi::store::pg
