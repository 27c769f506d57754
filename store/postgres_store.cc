// PostgreSQL implementation of store::Store (contract in postgres_store.h). Mirrors
// sqlite_store.cc statement for statement where the dialects allow, so both pass the one
// conformance suite with the same results.

#include "store/postgres_store.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <string>
#include <type_traits>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/log.h"
#include "store/batch_writer.h"
#include "store/free_text.h"
#include "store/pg_conn.h"
#include "store/pg_search.h"
#include "store/postgres_migrations.h"

namespace kapi::store {
namespace {

using cases::CaseRecord;
using cases::CaseState;
using pg::Connection;
using pg::Param;
using pg::Rows;

constexpr std::string_view kCaseColumns =
    "id, tracking_code, channel, state, text_masked, COALESCE(location_json,''), "
    "COALESCE(topic_code,''), COALESCE(unit_code,''), COALESCE(assignee,''), "
    "COALESCE(suggestions_json,''), COALESCE(public_answer,''), received_at, updated_at, "
    "COALESCE(due_at,0), version, COALESCE(erased_at,0)";

CaseRecord ReadCase(const Rows& r, int i) {
  CaseRecord c;
  c.id = r.Int(i, 0);
  c.tracking_code = r.Text(i, 1);
  c.channel = cases::ParseChannel(r.Text(i, 2)).value_or(cases::Channel::kWeb);
  c.state = cases::ParseCaseState(r.Text(i, 3)).value_or(CaseState::kNew);
  c.text_masked = r.Text(i, 4);
  c.location_json = r.Text(i, 5);
  c.topic_code = r.Text(i, 6);
  c.unit_code = r.Text(i, 7);
  c.assignee = r.Text(i, 8);
  c.suggestions_json = r.Text(i, 9);
  c.public_answer = r.Text(i, 10);
  c.received_at_ms = r.Int(i, 11);
  c.updated_at_ms = r.Int(i, 12);
  c.due_at_ms = r.Int(i, 13);
  c.version = r.Int(i, 14);
  c.erased_at_ms = r.Int(i, 15);
  return c;
}

// Loads a case; `for_update` locks its row until the transaction ends, so concurrent writers on
// other nodes serialize on it.
Result<CaseRecord> LoadCase(Connection& db, int64_t id, bool for_update) {
  auto rows = db.Exec("SELECT " + std::string(kCaseColumns) + " FROM cases WHERE id = $1" +
                          (for_update ? " FOR UPDATE" : ""),
                      {Param::Int(id)});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return NotFound("no case with id " + std::to_string(id));
  return ReadCase(*rows, 0);
}

Status AppendEvent(Connection& db, int64_t case_id, const Actor& actor, std::string_view kind,
                   const nlohmann::json& detail) {
  return db.Run(
      "INSERT INTO case_events(case_id, actor, kind, detail_json, at) VALUES ($1,$2,$3,$4,$5)",
      {Param::Int(case_id), Param::Text(actor.id), Param::Text(kind), Param::Text(detail.dump()),
       Param::Int(actor.at_ms)});
}

inline const Status& StatusOf(const Status& s) { return s; }
template <typename T>
const Status& StatusOf(const Result<T>& r) {
  return r.status();
}

// Read connections handed out one per caller. A connection found broken is reconnected; a read
// that failed because its connection died is retried once on the fresh connection (reads are
// idempotent), so the first request after a database restart does not fail needlessly.
class ReaderPool {
 public:
  Status Init(const pg::ConnectOptions& options, int n) {
    for (int i = 0; i < n; ++i) {
      auto c = Connection::Open(options);
      if (!c.ok()) return c.status();
      free_.push_back(std::move(*c));
    }
    return Status::Ok();
  }

  template <typename Fn>
  auto With(Fn&& fn) -> decltype(fn(std::declval<Connection&>())) {
    std::unique_ptr<Connection> conn;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [this] { return !free_.empty() || closed_; });
      if (closed_) return Unavailable("the store is closed");
      conn = std::move(free_.back());
      free_.pop_back();
    }
    auto result = [&]() -> decltype(fn(std::declval<Connection&>())) {
      Status ready = conn->EnsureConnected();
      if (!ready.ok()) return ready;
      auto r = fn(*conn);
      if (!StatusOf(r).ok() && conn->Broken() && conn->Reconnect().ok()) return fn(*conn);
      return r;
    }();
    {
      std::lock_guard lock(mu_);
      free_.push_back(std::move(conn));
    }
    cv_.notify_one();
    return result;
  }

  void Close() {
    std::unique_lock lock(mu_);
    closed_ = true;
    cv_.notify_all();
    free_.clear();
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Connection>> free_;
  bool closed_ = false;
};

class PostgresStore final : public Store {
 public:
  ~PostgresStore() override { Close(); }

  Status Open(const PostgresOptions& options) {
    pg::ConnectOptions conn_options;
    conn_options.url = options.url;
    conn_options.connect_timeout_s = options.connect_timeout_s;
    conn_options.application_name = "kapi-writer";
    auto w = Connection::Open(conn_options);
    if (!w.ok()) return w.status();
    writer_db_ = std::move(*w);
    KAPI_RETURN_IF_ERROR(pg::ApplyPostgresMigrations(*writer_db_));
    conn_options.application_name = "kapi-reader";
    KAPI_RETURN_IF_ERROR(readers_.Init(conn_options, std::max(1, options.read_connections)));
    Connection* db = writer_db_.get();
    BatchWriter::Hooks hooks{
        .begin =
            [db] {
              KAPI_RETURN_IF_ERROR(db->EnsureConnected());
              db->Defer("BEGIN");
              return Status::Ok();
            },
        .commit = [db]() -> Status {
          auto r = db->Exec("COMMIT");
          if (!r.ok()) return r.status();
          // COMMIT of a transaction that hit an error rolls back and says so.
          if (r->CommandTag() != "COMMIT") {
            return Internal("the transaction was rolled back (" + r->CommandTag() + ")");
          }
          return Status::Ok();
        },
        .rollback =
            [db] {
              db->DropDeferred();
              if (!db->Broken()) (void)db->ExecScript("ROLLBACK");
            },
        .savepoint =
            [db] {
              db->Defer("SAVEPOINT w");
              return Status::Ok();
            },
        .release =
            [db] {
              db->Defer("RELEASE w");
              return Status::Ok();
            },
        .rollback_to = [db] { db->Defer("ROLLBACK TO w"); },
    };
    writer_ = std::make_unique<BatchWriter>(std::move(hooks), options.max_batch);
    return Status::Ok();
  }

  // ---- reference data ----
  Status UpsertUnit(const cases::Unit& u) override {
    return Write([&u](Connection& db) {
      return db.Run(
          "INSERT INTO units(code, name, parent_code) VALUES ($1,$2,$3) "
          "ON CONFLICT(code) DO UPDATE SET name = excluded.name, "
          "parent_code = excluded.parent_code",
          {Param::Text(u.code), Param::Text(u.name), Param::TextOrNull(u.parent_code)});
    });
  }

  Result<std::vector<cases::Unit>> ListUnits() override {
    return readers_.With([](Connection& db) -> Result<std::vector<cases::Unit>> {
      auto r = db.Exec(
          "SELECT code, name, COALESCE(parent_code,''), ai_enabled FROM units "
          "ORDER BY code COLLATE \"C\"");
      if (!r.ok()) return r.status();
      std::vector<cases::Unit> out;
      for (int i = 0; i < r->size(); ++i) {
        out.push_back({r->Text(i, 0), r->Text(i, 1), r->Text(i, 2), r->Bool(i, 3)});
      }
      return out;
    });
  }

  Status UpsertTopic(const cases::Topic& t) override {
    return Write([&t](Connection& db) {
      return db.Run(
          "INSERT INTO topics(code, name, default_unit_code, sensitive, sla_days, "
          "sla_working_days) VALUES ($1,$2,$3,$4,$5,$6) ON CONFLICT(code) DO UPDATE SET "
          "name = excluded.name, default_unit_code = excluded.default_unit_code, "
          "sensitive = excluded.sensitive, sla_days = excluded.sla_days, "
          "sla_working_days = excluded.sla_working_days",
          {Param::Text(t.code), Param::Text(t.name), Param::TextOrNull(t.default_unit_code),
           Param::Bool(t.sensitive), Param::Int(t.sla_days), Param::Bool(t.sla_working_days)});
    });
  }

  Result<std::vector<cases::Topic>> ListTopics() override {
    return readers_.With([](Connection& db) -> Result<std::vector<cases::Topic>> {
      auto r = db.Exec(
          "SELECT code, name, COALESCE(default_unit_code,''), sensitive, sla_days, "
          "sla_working_days FROM topics ORDER BY code COLLATE \"C\"");
      if (!r.ok()) return r.status();
      std::vector<cases::Topic> out;
      for (int i = 0; i < r->size(); ++i) {
        cases::Topic t;
        t.code = r->Text(i, 0);
        t.name = r->Text(i, 1);
        t.default_unit_code = r->Text(i, 2);
        t.sensitive = r->Bool(i, 3);
        t.sla_days = static_cast<int>(r->Int(i, 4));
        t.sla_working_days = r->Bool(i, 5);
        out.push_back(std::move(t));
      }
      return out;
    });
  }

  Status UpsertStaffUser(const cases::StaffUser& u, const std::string& password_hash) override {
    return Write([&](Connection& db) {
      return db.Run(
          "INSERT INTO staff_users(username, display_name, role, unit_code, password_hash) "
          "VALUES ($1,$2,$3,$4,$5) ON CONFLICT(username) DO UPDATE SET "
          "display_name = excluded.display_name, role = excluded.role, "
          "unit_code = excluded.unit_code, password_hash = excluded.password_hash",
          {Param::Text(u.username), Param::Text(u.display_name), Param::Text(u.role),
           Param::TextOrNull(u.unit_code), Param::Text(password_hash)});
    });
  }

  Result<std::vector<cases::StaffUser>> ListStaffUsers() override {
    return readers_.With([](Connection& db) -> Result<std::vector<cases::StaffUser>> {
      auto r = db.Exec(
          "SELECT username, display_name, role, COALESCE(unit_code,'') FROM staff_users "
          "ORDER BY username COLLATE \"C\"");
      if (!r.ok()) return r.status();
      std::vector<cases::StaffUser> out;
      for (int i = 0; i < r->size(); ++i) {
        out.push_back({r->Text(i, 0), r->Text(i, 1), r->Text(i, 2), r->Text(i, 3)});
      }
      return out;
    });
  }

  // ---- intake ----
  void SubmitRequest(cases::NewRequest req, IntakeCallback done) override {
    if (!writer_ || closed_) {
      done(Unavailable("the store is closed"));
      return;
    }
    // Tokenize outside the writer thread: the writer's time is the bottleneck.
    auto lexemes = std::make_shared<std::string>(pg::SearchLexemes(req.text_masked));
    auto request = std::make_shared<cases::NewRequest>(std::move(req));
    auto receipt = std::make_shared<cases::IntakeReceipt>();
    Connection* db = writer_db_.get();
    writer_->Submit(
        [db, request, receipt, lexemes]() -> Status {
          return InsertRequestLocked(*db, *request, *lexemes, receipt.get());
        },
        [receipt, done = std::move(done)](Status s) {
          if (s.ok()) {
            done(std::move(*receipt));
          } else {
            done(std::move(s));
          }
        });
  }

  // ---- cases ----
  Result<CaseRecord> GetCase(int64_t id) override {
    return readers_.With([id](Connection& db) { return LoadCase(db, id, false); });
  }

  Result<TrackedCase> FindByTrackingCode(const std::string& code) override {
    return readers_.With([&code](Connection& db) -> Result<TrackedCase> {
      auto r = db.Exec("SELECT " + std::string(kCaseColumns) +
                           ", secret_hash FROM cases WHERE tracking_code = $1",
                       {Param::Text(code)});
      if (!r.ok()) return r.status();
      if (r->empty()) return NotFound("no request with this tracking code");
      return TrackedCase{ReadCase(*r, 0), r->Text(0, 16)};
    });
  }

  Result<std::vector<CaseRecord>> ListCases(const cases::CaseFilter& f) override {
    std::string sql = "SELECT " + std::string(kCaseColumns) + " FROM cases WHERE true";
    std::vector<Param> args;
    auto add = [&](std::string_view clause, Param p) {
      args.push_back(std::move(p));
      sql += " AND ";
      sql += clause;
      sql += " $" + std::to_string(args.size());
    };
    if (f.state) add("state =", Param::Text(cases::CaseStateName(*f.state)));
    if (f.unit_code) add("unit_code =", Param::Text(*f.unit_code));
    if (!f.unit_in.empty()) {
      sql += " AND unit_code IN (";
      for (size_t i = 0; i < f.unit_in.size(); ++i) {
        args.push_back(Param::Text(f.unit_in[i]));
        sql += (i ? ",$" : "$") + std::to_string(args.size());
      }
      sql += ")";
    }
    if (f.topic_code) add("topic_code =", Param::Text(*f.topic_code));
    if (f.channel) add("channel =", Param::Text(cases::ChannelName(*f.channel)));
    if (f.assignee) add("assignee =", Param::Text(*f.assignee));
    if (f.received_from_ms) add("received_at >=", Param::Int(*f.received_from_ms));
    if (f.received_to_ms) add("received_at <", Param::Int(*f.received_to_ms));
    if (f.before_id) add("id <", Param::Int(*f.before_id));
    if (f.query) {
      std::string tsquery = pg::BuildTsQuery(*f.query);
      if (tsquery.empty()) {
        return InvalidArgument("the search has no words to look for", "q")
            .WithReason("invalid_query");
      }
      add("search_tsv @@", Param::Text(tsquery));
      sql += "::tsquery";
    }
    args.push_back(Param::Int(std::clamp(f.limit, 1, 500)));
    sql += " ORDER BY id DESC LIMIT $" + std::to_string(args.size());
    return readers_.With([&](Connection& db) -> Result<std::vector<CaseRecord>> {
      auto r = db.Exec(sql, args);
      if (!r.ok()) return r.status();
      std::vector<CaseRecord> out;
      out.reserve(r->size());
      for (int i = 0; i < r->size(); ++i) out.push_back(ReadCase(*r, i));
      return out;
    });
  }

  Result<CaseRecord> TransitionCase(int64_t id, CaseState to, const std::string& reason,
                                    const Actor& actor,
                                    std::optional<int64_t> expected_version) override {
    return WriteCase(id, [&](Connection& db, const CaseRecord& current) -> Status {
      if (expected_version && current.version != *expected_version) {
        return Status(StatusCode::kConflict, "the case changed since it was read (version " +
                                                 std::to_string(current.version) + ", expected " +
                                                 std::to_string(*expected_version) + ")")
            .WithReason("stale_version");
      }
      KAPI_RETURN_IF_ERROR(cases::CheckTransition(current.state, to));
      if (cases::TransitionNeedsReason(current.state, to) && reason.empty()) {
        return InvalidArgument("moving a case from " +
                                   std::string(cases::CaseStateName(current.state)) + " to " +
                                   std::string(cases::CaseStateName(to)) + " needs a reason",
                               "reason")
            .WithReason("reason_required");
      }
      KAPI_RETURN_IF_ERROR(UpdateState(db, id, to, actor.at_ms));
      nlohmann::json detail = {{"from", cases::CaseStateName(current.state)},
                               {"to", cases::CaseStateName(to)}};
      if (!reason.empty()) detail["reason"] = reason;
      return AppendEvent(db, id, actor, "transition", detail);
    });
  }

  Result<CaseRecord> AssignCase(int64_t id, const std::string& assignee,
                                const Actor& actor) override {
    return WriteCase(id, [&](Connection& db, const CaseRecord& current) -> Status {
      auto user =
          db.Exec("SELECT role FROM staff_users WHERE username = $1", {Param::Text(assignee)});
      if (!user.ok()) return user.status();
      if (user->empty()) {
        return InvalidArgument("no staff member named " + assignee, "assignee")
            .WithReason("unknown_assignee");
      }
      CaseState from = current.state;
      if (from != CaseState::kAssigned) {
        KAPI_RETURN_IF_ERROR(cases::CheckTransition(from, CaseState::kAssigned));
      }
      KAPI_RETURN_IF_ERROR(
          db.Run("UPDATE cases SET assignee = $1, state = 'assigned', updated_at = $2, "
                 "version = version + 1 WHERE id = $3",
                 {Param::Text(assignee), Param::Int(actor.at_ms), Param::Int(id)}));
      return AppendEvent(
          db, id, actor, "assign",
          {{"assignee", assignee}, {"from", cases::CaseStateName(from)}, {"to", "assigned"}});
    });
  }

  Result<CaseRecord> SetRouting(int64_t id, const RoutingDecision& d, const Actor& actor) override {
    const std::string& topic_code = d.topic_code;
    const std::string& unit_code = d.unit_code;
    return WriteCase(id, [&](Connection& db, const CaseRecord& current) -> Status {
      CaseState from = current.state;
      if (from != CaseState::kTriaged) {
        KAPI_RETURN_IF_ERROR(cases::CheckTransition(from, CaseState::kTriaged));
      }
      if (d.ai_decision == "overridden" && d.reason.empty()) {
        return InvalidArgument("overriding an AI suggestion needs a reason", "reason")
            .WithReason("reason_required");
      }
      if (!d.ai_decision.empty() && d.ai_decision != "accepted" && d.ai_decision != "overridden") {
        return InvalidArgument("ai_decision must be accepted or overridden", "ai_decision")
            .WithReason("invalid_ai_decision");
      }
      KAPI_RETURN_IF_ERROR(RequireRow(db, "topics", topic_code, "topic"));
      KAPI_RETURN_IF_ERROR(RequireRow(db, "units", unit_code, "unit"));
      KAPI_RETURN_IF_ERROR(db.Run(
          "UPDATE cases SET topic_code = $1, unit_code = $2, state = 'triaged', updated_at = $3, "
          "version = version + 1, due_at = CASE WHEN $5::bigint > 0 THEN $5::bigint ELSE due_at "
          "END "
          "WHERE id = $4",
          {Param::Text(topic_code), Param::Text(unit_code), Param::Int(actor.at_ms), Param::Int(id),
           Param::Int(d.due_at_ms)}));
      nlohmann::json detail = {{"topic", topic_code},
                               {"unit", unit_code},
                               {"from", cases::CaseStateName(from)},
                               {"to", "triaged"}};
      if (!d.ai_decision.empty()) detail["ai_decision"] = d.ai_decision;
      if (!d.reason.empty()) detail["reason"] = d.reason;
      return AppendEvent(db, id, actor, "routing", detail);
    });
  }

  Result<cases::Note> AddNote(int64_t id, const std::string& text, const Actor& actor) override {
    cases::Note note;
    Status s = Write([&](Connection& db) -> Status {
      auto current = LoadCase(db, id, /*for_update=*/true);
      if (!current.ok()) return current.status();
      auto r = db.Exec(
          "INSERT INTO notes(case_id, author, text, created_at) VALUES ($1,$2,$3,$4) "
          "RETURNING id",
          {Param::Int(id), Param::Text(actor.id), Param::Text(text), Param::Int(actor.at_ms)});
      if (!r.ok()) return r.status();
      note = {r->Int(0, 0), id, actor.id, text, actor.at_ms};
      return AppendEvent(db, id, actor, "note", {{"note_id", note.id}});
    });
    if (!s.ok()) return s;
    return note;
  }

  Result<std::vector<cases::Note>> ListNotes(int64_t id) override {
    return readers_.With([id](Connection& db) -> Result<std::vector<cases::Note>> {
      auto r = db.Exec(
          "SELECT id, case_id, author, text, created_at FROM notes WHERE case_id = $1 "
          "ORDER BY id",
          {Param::Int(id)});
      if (!r.ok()) return r.status();
      std::vector<cases::Note> out;
      for (int i = 0; i < r->size(); ++i) {
        out.push_back({r->Int(i, 0), r->Int(i, 1), r->Text(i, 2), r->Text(i, 3), r->Int(i, 4)});
      }
      return out;
    });
  }

  Result<std::vector<cases::CaseEvent>> ListEvents(int64_t id) override {
    return readers_.With([id](Connection& db) -> Result<std::vector<cases::CaseEvent>> {
      auto r = db.Exec(
          "SELECT id, case_id, actor, kind, detail_json, at FROM case_events "
          "WHERE case_id = $1 ORDER BY id",
          {Param::Int(id)});
      if (!r.ok()) return r.status();
      std::vector<cases::CaseEvent> out;
      for (int i = 0; i < r->size(); ++i) {
        out.push_back({r->Int(i, 0), r->Int(i, 1), r->Text(i, 2), r->Text(i, 3), r->Text(i, 4),
                       r->Int(i, 5)});
      }
      return out;
    });
  }

  Result<int64_t> CountCases() override {
    return readers_.With([](Connection& db) -> Result<int64_t> {
      auto r = db.Exec("SELECT COUNT(*) FROM cases");
      if (!r.ok()) return r.status();
      return r->Int(0, 0);
    });
  }

  // ---- units ----
  Status SetUnitAiEnabled(const std::string& unit_code, bool enabled, const Actor& actor) override {
    return Write([&](Connection& db) -> Status {
      KAPI_RETURN_IF_ERROR(RequireRow(db, "units", unit_code, "unit"));
      return db.Run("UPDATE units SET ai_enabled = $1 WHERE code = $2",
                    {Param::Bool(enabled), Param::Text(unit_code)});
    });
  }

  // ---- staff authentication ----
  Result<cases::StaffCredentials> GetStaffCredentials(const std::string& username) override {
    return readers_.With([&](Connection& db) -> Result<cases::StaffCredentials> {
      auto r = db.Exec(
          "SELECT username, display_name, role, COALESCE(unit_code,''), password_hash, "
          "totp_sealed, failed_logins, locked_until, must_change_password "
          "FROM staff_users WHERE username = $1",
          {Param::Text(username)});
      if (!r.ok()) return r.status();
      if (r->empty()) return NotFound("no staff member with that username");
      cases::StaffCredentials c;
      c.user = {r->Text(0, 0), r->Text(0, 1), r->Text(0, 2), r->Text(0, 3)};
      c.password_hash = r->Text(0, 4);
      c.totp_sealed = r->Bytes(0, 5);
      c.failed_logins = static_cast<int>(r->Int(0, 6));
      c.locked_until_ms = r->Int(0, 7);
      c.must_change_password = r->Bool(0, 8);
      return c;
    });
  }

  Result<int> RecordLoginFailure(const std::string& username, int lock_after,
                                 int64_t lock_until_ms) override {
    int count = 0;
    Status s = Write([&](Connection& db) -> Status {
      // One statement, so concurrent failures on several nodes count exactly.
      auto r = db.Exec(
          "UPDATE staff_users SET failed_logins = failed_logins + 1 WHERE username = $1 "
          "RETURNING failed_logins",
          {Param::Text(username)});
      if (!r.ok()) return r.status();
      if (r->empty()) return NotFound("no staff member with that username");
      count = static_cast<int>(r->Int(0, 0));
      if (count >= lock_after) {
        return db.Run(
            "UPDATE staff_users SET locked_until = $1, failed_logins = 0 WHERE username = $2",
            {Param::Int(lock_until_ms), Param::Text(username)});
      }
      return Status::Ok();
    });
    if (!s.ok()) return s;
    return count;
  }

  Status RecordLoginSuccess(const std::string& username) override {
    return Write([&](Connection& db) {
      return db.Run(
          "UPDATE staff_users SET failed_logins = 0, locked_until = 0 WHERE username = $1",
          {Param::Text(username)});
    });
  }

  Status SetPassword(const std::string& username, const std::string& hash,
                     bool must_change) override {
    return Write([&](Connection& db) -> Status {
      auto r = db.Exec(
          "UPDATE staff_users SET password_hash = $1, must_change_password = $2, "
          "failed_logins = 0, locked_until = 0 WHERE username = $3 RETURNING 1",
          {Param::Text(hash), Param::Bool(must_change), Param::Text(username)});
      if (!r.ok()) return r.status();
      if (r->empty()) return NotFound("no staff member with that username");
      return Status::Ok();
    });
  }

  Status SetTotpSecret(const std::string& username, const std::string& sealed) override {
    return Write([&](Connection& db) -> Status {
      auto r = db.Exec("UPDATE staff_users SET totp_sealed = $1 WHERE username = $2 RETURNING 1",
                       {Param::BytesOrNull(sealed), Param::Text(username)});
      if (!r.ok()) return r.status();
      if (r->empty()) return NotFound("no staff member with that username");
      return Status::Ok();
    });
  }

  // ---- sessions ----
  Status CreateSession(const cases::Session& x) override {
    return Write([&](Connection& db) {
      return db.Run(
          "INSERT INTO sessions(token_hash, username, csrf_token, created_at, last_seen, "
          "expires_at) VALUES ($1,$2,$3,$4,$5,$6)",
          {Param::Text(x.token_hash), Param::Text(x.username), Param::Text(x.csrf_token),
           Param::Int(x.created_at_ms), Param::Int(x.last_seen_ms), Param::Int(x.expires_at_ms)});
    });
  }

  Result<cases::Session> GetSession(const std::string& token_hash) override {
    return readers_.With([&](Connection& db) -> Result<cases::Session> {
      auto r = db.Exec(
          "SELECT token_hash, username, csrf_token, created_at, last_seen, expires_at "
          "FROM sessions WHERE token_hash = $1",
          {Param::Text(token_hash)});
      if (!r.ok()) return r.status();
      if (r->empty()) return NotFound("no such session");
      return cases::Session{r->Text(0, 0), r->Text(0, 1), r->Text(0, 2),
                            r->Int(0, 3),  r->Int(0, 4),  r->Int(0, 5)};
    });
  }

  Status TouchSession(const std::string& token_hash, int64_t now_ms) override {
    return Write([&](Connection& db) {
      return db.Run("UPDATE sessions SET last_seen = $1 WHERE token_hash = $2",
                    {Param::Int(now_ms), Param::Text(token_hash)});
    });
  }

  Status DeleteSession(const std::string& token_hash) override {
    return Write([&](Connection& db) {
      return db.Run("DELETE FROM sessions WHERE token_hash = $1", {Param::Text(token_hash)});
    });
  }

  Status DeleteSessionsOf(const std::string& username) override {
    return Write([&](Connection& db) {
      return db.Run("DELETE FROM sessions WHERE username = $1", {Param::Text(username)});
    });
  }

  // ---- answers ----
  Result<cases::Answer> SaveAnswerDraft(int64_t case_id, const std::string& text,
                                        cases::Provenance provenance,
                                        const std::string& findings_json,
                                        const Actor& actor) override {
    cases::Answer out;
    Status s = Write([&](Connection& db) -> Status {
      auto c = LoadCase(db, case_id, /*for_update=*/true);
      if (!c.ok()) return c.status();
      if (c->state != CaseState::kInProgress) {
        return FailedPrecondition(
                   "an answer can be drafted only while the case is in_progress "
                   "(it is " +
                   std::string(cases::CaseStateName(c->state)) + ")")
            .WithReason("invalid_state");
      }
      KAPI_RETURN_IF_ERROR(db.Run(
          "INSERT INTO answers(case_id, text, provenance, author, status, findings_json, "
          "updated_at) VALUES ($1,$2,$3,$4,'draft',$5,$6) ON CONFLICT(case_id) DO UPDATE SET "
          "text = excluded.text, provenance = excluded.provenance, author = excluded.author, "
          "status = 'draft', decided_by = NULL, decision_reason = NULL, "
          "findings_json = excluded.findings_json, updated_at = excluded.updated_at",
          {Param::Int(case_id), Param::Text(text), Param::Text(cases::ProvenanceName(provenance)),
           Param::Text(actor.id), Param::TextOrNull(findings_json), Param::Int(actor.at_ms)}));
      KAPI_RETURN_IF_ERROR(AppendEvent(db, case_id, actor, "answer_draft",
                                       {{"provenance", cases::ProvenanceName(provenance)}}));
      auto a = LoadAnswer(db, case_id);
      if (!a.ok()) return a.status();
      out = std::move(*a);
      return Status::Ok();
    });
    if (!s.ok()) return s;
    return out;
  }

  Result<cases::Answer> GetAnswer(int64_t case_id) override {
    return readers_.With([case_id](Connection& db) { return LoadAnswer(db, case_id); });
  }

  Result<CaseRecord> SubmitAnswer(int64_t case_id, bool needs_approval,
                                  const Actor& actor) override {
    return WriteCase(case_id, [&](Connection& db, const CaseRecord& c) -> Status {
      auto a = LoadAnswer(db, case_id);
      if (!a.ok()) return a.status();
      if (a->status != "draft") {
        return FailedPrecondition("only a draft answer can be submitted (it is " + a->status + ")")
            .WithReason("invalid_state");
      }
      // 2024/108 Dürüstlük (5): an AI-assisted draft is never sent without a human approval.
      const bool approval = needs_approval || a->ai_assisted();
      const CaseState to = approval ? CaseState::kAwaitingApproval : CaseState::kAnswered;
      KAPI_RETURN_IF_ERROR(cases::CheckTransition(c.state, to));
      KAPI_RETURN_IF_ERROR(SetAnswerStatus(db, case_id, approval ? "pending_approval" : "sent", "",
                                           "", actor.at_ms));
      if (!approval) KAPI_RETURN_IF_ERROR(PublishAnswer(db, case_id, a->text, actor.at_ms));
      KAPI_RETURN_IF_ERROR(UpdateState(db, case_id, to, actor.at_ms));
      return AppendEvent(db, case_id, actor, approval ? "answer_submitted" : "answer_sent",
                         {{"provenance", cases::ProvenanceName(a->provenance)},
                          {"from", cases::CaseStateName(c.state)},
                          {"to", cases::CaseStateName(to)}});
    });
  }

  Result<CaseRecord> DecideAnswer(int64_t case_id, bool approve, const std::string& reason,
                                  const Actor& actor) override {
    return WriteCase(case_id, [&](Connection& db, const CaseRecord& c) -> Status {
      auto a = LoadAnswer(db, case_id);
      if (!a.ok()) return a.status();
      if (a->status != "pending_approval" || c.state != CaseState::kAwaitingApproval) {
        return FailedPrecondition("there is no answer waiting for approval")
            .WithReason("invalid_state");
      }
      if (!approve && reason.empty()) {
        return InvalidArgument("returning an answer needs a reason", "reason")
            .WithReason("reason_required");
      }
      const CaseState to = approve ? CaseState::kAnswered : CaseState::kInProgress;
      KAPI_RETURN_IF_ERROR(SetAnswerStatus(db, case_id, approve ? "sent" : "returned", actor.id,
                                           reason, actor.at_ms));
      if (approve) KAPI_RETURN_IF_ERROR(PublishAnswer(db, case_id, a->text, actor.at_ms));
      KAPI_RETURN_IF_ERROR(UpdateState(db, case_id, to, actor.at_ms));
      nlohmann::json detail = {{"approved", approve},
                               {"provenance", cases::ProvenanceName(a->provenance)},
                               {"from", "awaiting_approval"},
                               {"to", cases::CaseStateName(to)}};
      if (!reason.empty()) detail["reason"] = reason;
      return AppendEvent(db, case_id, actor, "answer_decision", detail);
    });
  }

  // ---- citizen feedback ----
  Status RateAnswer(int64_t case_id, int rating, const std::string& comment,
                    const Actor& actor) override {
    if (rating < 1 || rating > 5) {
      return InvalidArgument("rating must be 1-5", "rating").WithReason("invalid_rating");
    }
    return Write([&](Connection& db) -> Status {
      auto c = LoadCase(db, case_id, /*for_update=*/true);
      if (!c.ok()) return c.status();
      if (c->state != CaseState::kAnswered && c->state != CaseState::kClosed) {
        return FailedPrecondition("only an answered request can be rated")
            .WithReason("invalid_state");
      }
      KAPI_RETURN_IF_ERROR(
          db.Run("INSERT INTO ratings(case_id, rating, comment, created_at) VALUES ($1,$2,$3,$4) "
                 "ON CONFLICT(case_id) DO UPDATE SET rating = excluded.rating, "
                 "comment = excluded.comment, created_at = excluded.created_at",
                 {Param::Int(case_id), Param::Int(rating), Param::TextOrNull(comment),
                  Param::Int(actor.at_ms)}));
      return AppendEvent(db, case_id, actor, "rating", {{"rating", rating}});
    });
  }

  Status RequestHumanReview(int64_t case_id, const std::string& reason,
                            const Actor& actor) override {
    return Write([&](Connection& db) -> Status {
      auto c = LoadCase(db, case_id, /*for_update=*/true);
      if (!c.ok()) return c.status();
      KAPI_RETURN_IF_ERROR(
          db.Run("INSERT INTO review_requests(case_id, reason, created_at) VALUES ($1,$2,$3)",
                 {Param::Int(case_id), Param::Text(reason), Param::Int(actor.at_ms)}));
      nlohmann::json detail = {{"reason", reason}};
      if (c->state == CaseState::kAnswered || c->state == CaseState::kClosed) {
        KAPI_RETURN_IF_ERROR(UpdateState(db, case_id, CaseState::kReopened, actor.at_ms));
        detail["from"] = cases::CaseStateName(c->state);
        detail["to"] = "reopened";
      }
      return AppendEvent(db, case_id, actor, "human_review_requested", detail);
    });
  }

  // ---- personal-data access ----
  Result<SealedOriginal> ReadSealedOriginal(int64_t case_id, const std::string& purpose,
                                            const Actor& actor) override {
    SealedOriginal out;
    Status s = Write([&](Connection& db) -> Status {
      auto r = db.Exec(
          "SELECT text_sealed, contact_sealed, COALESCE(erased_at, 0) FROM cases WHERE id = $1",
          {Param::Int(case_id)});
      if (!r.ok()) return r.status();
      if (r->empty()) return NotFound("no case with id " + std::to_string(case_id));
      if (r->Int(0, 2) > 0) return ErasedOriginal(case_id);
      out.text_sealed = r->Bytes(0, 0);
      out.contact_sealed = r->Bytes(0, 1);
      KAPI_RETURN_IF_ERROR(db.Run(
          "INSERT INTO case_access(case_id, actor, what, purpose, at) VALUES ($1,$2,$3,$4,$5)",
          {Param::Int(case_id), Param::Text(actor.id), Param::Text("text+contact"),
           Param::Text(purpose), Param::Int(actor.at_ms)}));
      return AppendEvent(db, case_id, actor, "personal_data_read", {{"purpose", purpose}});
    });
    if (!s.ok()) return s;
    return out;
  }

  Result<ErasureResult> ErasePersonalData(int64_t case_id, const std::string& reason,
                                          const Actor& actor) override {
    ErasureResult out;
    Status s = Write([&](Connection& db) -> Status {
      auto current = LoadCase(db, case_id, /*for_update=*/true);
      if (!current.ok()) return current.status();
      if (current->erased_at_ms > 0) {
        out = {current->erased_at_ms, /*already_erased=*/true};
        return Status::Ok();
      }
      KAPI_RETURN_IF_ERROR(db.Run(
          "UPDATE cases SET text_sealed = ''::bytea, contact_sealed = NULL, location_json = NULL, "
          "body_hash = '', erased_at = $1, updated_at = $1, version = version + 1 WHERE id = $2",
          {Param::Int(actor.at_ms), Param::Int(case_id)}));
      out = {actor.at_ms, /*already_erased=*/false};
      return AppendEvent(db, case_id, actor, "personal_data_erased", {{"reason", reason}});
    });
    if (!s.ok()) return s;
    // Prune the dead row version holding the sealed original now rather than at the next
    // autovacuum. PostgreSQL does not promise to zero freed bytes, and its WAL and backups keep
    // them (encrypted under the field key, which is not in the database): docs/privacy.md.
    Status vacuum = readers_.With([](Connection& db) { return db.ExecScript("VACUUM cases"); });
    if (!vacuum.ok()) log::Warn("erasure_vacuum_failed", {{"case_id", std::to_string(case_id)}});
    return out;
  }

  Result<int64_t> RedactFreeText(int64_t case_id, const TextRedactor& redact) override {
    int64_t changed = 0;
    Status s = Write([&](Connection& db) -> Status {
      KAPI_RETURN_IF_ERROR(LoadCase(db, case_id, /*for_update=*/true).status());
      for (const FreeTextColumn& c : FreeTextColumns()) {
        auto r = db.Exec(std::string("SELECT ") + c.key + ", " + c.text + " FROM " + c.table +
                             " WHERE " + c.owner + " = $1 AND " + c.text + " IS NOT NULL",
                         {Param::Int(case_id)});
        if (!r.ok()) return r.status();
        for (int i = 0; i < r->size(); ++i) {
          const std::string text = r->Text(i, 1);
          const std::string redacted = redact(text);
          if (redacted == text) continue;
          KAPI_RETURN_IF_ERROR(db.Run(std::string("UPDATE ") + c.table + " SET " + c.text +
                                          " = $1 WHERE " + c.key + " = $2",
                                      {Param::Text(redacted), Param::Int(r->Int(i, 0))}));
          ++changed;
        }
      }
      auto ev = db.Exec("SELECT id, detail_json FROM case_events WHERE case_id = $1",
                        {Param::Int(case_id)});
      if (!ev.ok()) return ev.status();
      for (int i = 0; i < ev->size(); ++i) {
        if (auto detail = RedactEventDetail(ev->Text(i, 1), redact)) {
          KAPI_RETURN_IF_ERROR(db.Run("UPDATE case_events SET detail_json = $1 WHERE id = $2",
                                      {Param::Text(*detail), Param::Int(ev->Int(i, 0))}));
          ++changed;
        }
      }
      return Status::Ok();
    });
    if (!s.ok()) return s;
    return changed;
  }

  Result<std::vector<SuggestionOutcome>> ListSuggestionOutcomes(int64_t from_ms, int64_t to_ms,
                                                                int limit) override {
    return readers_.With([&](Connection& db) -> Result<std::vector<SuggestionOutcome>> {
      auto r = db.Exec(
          "SELECT c.id, c.received_at, c.channel, COALESCE(c.unit_code,''), "
          "COALESCE(c.topic_code,''), c.suggestions_json, COALESCE((SELECT e.detail_json FROM "
          "case_events e WHERE e.case_id = c.id AND e.kind = 'routing' ORDER BY e.id LIMIT 1), '') "
          "FROM cases c WHERE c.received_at >= $1 AND c.received_at < $2 AND "
          "c.suggestions_json IS NOT NULL ORDER BY c.received_at, c.id LIMIT $3",
          {Param::Int(from_ms), Param::Int(to_ms), Param::Int(std::max(limit, 0))});
      if (!r.ok()) return r.status();
      std::vector<SuggestionOutcome> out;
      for (int i = 0; i < r->size(); ++i) {
        SuggestionOutcome o;
        o.case_id = r->Int(i, 0);
        o.received_at_ms = r->Int(i, 1);
        o.channel = cases::ParseChannel(r->Text(i, 2)).value_or(cases::Channel::kWeb);
        o.unit_code = r->Text(i, 3);
        o.topic_code = r->Text(i, 4);
        o.suggestions_json = r->Text(i, 5);
        o.ai_decision = AiDecisionOfRoutingEvent(r->Text(i, 6));
        out.push_back(std::move(o));
      }
      return out;
    });
  }

  Result<std::vector<cases::AccessRecord>> ListAccess(std::optional<int64_t> case_id,
                                                      int limit) override {
    return readers_.With([&](Connection& db) -> Result<std::vector<cases::AccessRecord>> {
      auto r = db.Exec(
          "SELECT id, case_id, actor, what, purpose, at FROM case_access "
          "WHERE ($1::bigint IS NULL OR case_id = $1::bigint) ORDER BY id DESC LIMIT $2",
          {case_id ? Param::Int(*case_id) : Param::Null(), Param::Int(std::clamp(limit, 1, 1000))});
      if (!r.ok()) return r.status();
      std::vector<cases::AccessRecord> out;
      for (int i = 0; i < r->size(); ++i) {
        out.push_back({r->Int(i, 0), r->Int(i, 1), r->Text(i, 2), r->Text(i, 3), r->Text(i, 4),
                       r->Int(i, 5)});
      }
      return out;
    });
  }

  // ---- operations ----
  Status Ping() override {
    if (closed_) return Unavailable("the store is closed");
    return readers_.With([](Connection& db) { return db.Run("SELECT 1"); });
  }

  void Close() override {
    std::lock_guard lock(close_mu_);
    if (closed_) return;
    closed_ = true;
    if (writer_) writer_->Close();
    readers_.Close();
    writer_db_.reset();
  }

 private:
  template <typename Fn>
  Status Write(Fn&& fn) {
    if (!writer_ || closed_) return Unavailable("the store is closed");
    Connection* db = writer_db_.get();
    return writer_->Run([&fn, db]() -> Status { return fn(*db); });
  }

  // Locks case `id`, runs `change` on it and returns the case as it is afterwards.
  template <typename Fn>
  Result<CaseRecord> WriteCase(int64_t id, Fn&& change) {
    CaseRecord out;
    Status s = Write([&](Connection& db) -> Status {
      auto current = LoadCase(db, id, /*for_update=*/true);
      if (!current.ok()) return current.status();
      KAPI_RETURN_IF_ERROR(change(db, *current));
      auto loaded = LoadCase(db, id, /*for_update=*/false);
      if (!loaded.ok()) return loaded.status();
      out = std::move(*loaded);
      return Status::Ok();
    });
    if (!s.ok()) return s;
    return out;
  }

  // One round trip: the case and its "created" event in one statement; an idempotency key seen
  // before (on any node) makes it insert nothing, and the original is read back.
  static Status InsertRequestLocked(Connection& db, const cases::NewRequest& r,
                                    const std::string& lexemes, cases::IntakeReceipt* receipt) {
    const std::string created = nlohmann::json{{"channel", cases::ChannelName(r.channel)}}.dump();
    auto ins = db.Exec(
        "WITH ins AS ("
        " INSERT INTO cases(tracking_code, secret_hash, secret_sealed, channel, state,"
        "  text_masked, text_sealed, contact_sealed, location_json, idempotency_key, body_hash,"
        "  suggestions_json, topic_code, unit_code, received_at, updated_at, due_at, search_tsv)"
        " VALUES ($1,$2,$3,$4,'new',$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$14,$15,"
        "  array_to_tsvector(string_to_array($16, ' ')))"
        " ON CONFLICT (idempotency_key) DO NOTHING RETURNING id),"
        " ev AS (INSERT INTO case_events(case_id, actor, kind, detail_json, at)"
        "  SELECT id, 'citizen', 'created', $17, $14 FROM ins)"
        " SELECT id FROM ins",
        {Param::Text(r.tracking_code), Param::Text(r.secret_hash), Param::Bytes(r.secret_sealed),
         Param::Text(cases::ChannelName(r.channel)), Param::Text(r.text_masked),
         Param::Bytes(r.text_sealed), Param::BytesOrNull(r.contact_sealed),
         Param::TextOrNull(r.location_json), Param::Optional(r.idempotency_key),
         Param::Text(r.body_hash), Param::TextOrNull(r.suggestions_json),
         Param::TextOrNull(r.topic_code), Param::TextOrNull(r.unit_code),
         Param::Int(r.received_at_ms), Param::Int(r.due_at_ms), Param::Text(lexemes),
         Param::Text(created)});
    if (!ins.ok()) return ins.status();
    if (!ins->empty()) {
      receipt->case_id = ins->Int(0, 0);
      receipt->tracking_code = r.tracking_code;
      receipt->secret_sealed = r.secret_sealed;
      receipt->state = CaseState::kNew;
      receipt->replayed = false;
      return Status::Ok();
    }
    // The key exists (committed by any node, or earlier in this batch).
    auto prior = db.Exec(
        "SELECT id, tracking_code, secret_sealed, state, body_hash FROM cases "
        "WHERE idempotency_key = $1",
        {Param::Optional(r.idempotency_key)});
    if (!prior.ok()) return prior.status();
    if (prior->empty()) return Internal("idempotency key conflict without a stored request");
    if (prior->Text(0, 4) != r.body_hash) {
      return Status(StatusCode::kConflict,
                    "this idempotency_key was already used for a different request",
                    "idempotency_key")
          .WithReason("idempotency_conflict");
    }
    receipt->case_id = prior->Int(0, 0);
    receipt->tracking_code = prior->Text(0, 1);
    receipt->secret_sealed = prior->Bytes(0, 2);
    receipt->state = cases::ParseCaseState(prior->Text(0, 3)).value_or(CaseState::kNew);
    receipt->replayed = true;
    return Status::Ok();
  }

  static Result<cases::Answer> LoadAnswer(Connection& db, int64_t case_id) {
    auto r = db.Exec(
        "SELECT case_id, text, provenance, author, status, COALESCE(decided_by,''), "
        "COALESCE(decision_reason,''), COALESCE(findings_json,''), updated_at FROM answers "
        "WHERE case_id = $1",
        {Param::Int(case_id)});
    if (!r.ok()) return r.status();
    if (r->empty()) return NotFound("the case has no answer yet");
    cases::Answer a;
    a.case_id = r->Int(0, 0);
    a.text = r->Text(0, 1);
    a.provenance = cases::ParseProvenance(r->Text(0, 2)).value_or(cases::Provenance::kHuman);
    a.author = r->Text(0, 3);
    a.status = r->Text(0, 4);
    a.decided_by = r->Text(0, 5);
    a.decision_reason = r->Text(0, 6);
    a.findings_json = r->Text(0, 7);
    a.updated_at_ms = r->Int(0, 8);
    return a;
  }

  static Status SetAnswerStatus(Connection& db, int64_t case_id, std::string_view status,
                                const std::string& decided_by, const std::string& reason,
                                int64_t at) {
    return db.Run(
        "UPDATE answers SET status = $1, decided_by = $2, decision_reason = $3, updated_at = $4 "
        "WHERE case_id = $5",
        {Param::Text(status), Param::TextOrNull(decided_by), Param::TextOrNull(reason),
         Param::Int(at), Param::Int(case_id)});
  }

  static Status PublishAnswer(Connection& db, int64_t case_id, const std::string& text,
                              int64_t at) {
    return db.Run("UPDATE cases SET public_answer = $1, updated_at = $2 WHERE id = $3",
                  {Param::Text(text), Param::Int(at), Param::Int(case_id)});
  }

  static Status UpdateState(Connection& db, int64_t id, CaseState to, int64_t at) {
    return db.Run(
        "UPDATE cases SET state = $1, updated_at = $2, version = version + 1 WHERE id = $3",
        {Param::Text(cases::CaseStateName(to)), Param::Int(at), Param::Int(id)});
  }

  static Status RequireRow(Connection& db, std::string_view table, const std::string& code,
                           const std::string& field) {
    auto r =
        db.Exec("SELECT 1 FROM " + std::string(table) + " WHERE code = $1", {Param::Text(code)});
    if (!r.ok()) return r.status();
    if (r->empty()) {
      return InvalidArgument("no " + field + " with code " + code, field)
          .WithReason("unknown_" + field);
    }
    return Status::Ok();
  }

  std::unique_ptr<Connection> writer_db_;
  std::unique_ptr<BatchWriter> writer_;
  ReaderPool readers_;
  std::mutex close_mu_;
  std::atomic<bool> closed_{false};
};

}  // namespace

Result<std::unique_ptr<Store>> OpenPostgresStore(const PostgresOptions& options) {
  auto store = std::make_unique<PostgresStore>();
  Status s = store->Open(options);
  if (!s.ok()) return s;
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace kapi::store
