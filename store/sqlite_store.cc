// SQLite implementation of store::Store. WAL journal with synchronous=FULL (a commit is fsync'd
// before it is acknowledged), foreign keys on, migrations applied at open. All writes go through
// one BatchWriter (group commit); reads use a small pool of read-only connections, which WAL lets
// run beside the writer.

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/log.h"
#include "store/batch_writer.h"
#include "store/free_text.h"
#include "store/fts_query.h"
#include "store/sqlite_db.h"
#include "store/sqlite_migrations.h"
#include "store/store.h"
#include "text/turkish.h"

namespace kapi::store {
namespace {

using cases::CaseRecord;
using cases::CaseState;
using sqlite::Connection;
using sqlite::Statement;

constexpr std::string_view kCaseColumns =
    "id, tracking_code, channel, state, text_masked, COALESCE(location_json,''), "
    "COALESCE(topic_code,''), COALESCE(unit_code,''), COALESCE(assignee,''), "
    "COALESCE(suggestions_json,''), COALESCE(public_answer,''), received_at, updated_at, "
    "COALESCE(due_at,0), version, COALESCE(erased_at,0)";

CaseRecord ReadCase(const Statement& st) {
  CaseRecord c;
  c.id = st.Int(0);
  c.tracking_code = st.Text(1);
  c.channel = cases::ParseChannel(st.Text(2)).value_or(cases::Channel::kWeb);
  c.state = cases::ParseCaseState(st.Text(3)).value_or(CaseState::kNew);
  c.text_masked = st.Text(4);
  c.location_json = st.Text(5);
  c.topic_code = st.Text(6);
  c.unit_code = st.Text(7);
  c.assignee = st.Text(8);
  c.suggestions_json = st.Text(9);
  c.public_answer = st.Text(10);
  c.received_at_ms = st.Int(11);
  c.updated_at_ms = st.Int(12);
  c.due_at_ms = st.Int(13);
  c.version = st.Int(14);
  c.erased_at_ms = st.Int(15);
  return c;
}

Result<CaseRecord> LoadCase(Connection& db, int64_t id) {
  auto st = db.Prepare("SELECT " + std::string(kCaseColumns) + " FROM cases WHERE id = ?");
  if (!st.ok()) return st.status();
  auto row = (*st)->Bind(1, id).Step();
  if (!row.ok()) return row.status();
  if (!*row) return NotFound("no case with id " + std::to_string(id));
  return ReadCase(**st);
}

Status AppendEvent(Connection& db, int64_t case_id, const Actor& actor, std::string_view kind,
                   const nlohmann::json& detail) {
  auto st = db.Prepare(
      "INSERT INTO case_events(case_id, actor, kind, detail_json, at) VALUES (?,?,?,?,?)");
  if (!st.ok()) return st.status();
  return (*st)
      ->Bind(1, case_id)
      .Bind(2, actor.id)
      .Bind(3, kind)
      .Bind(4, detail.dump())
      .Bind(5, actor.at_ms)
      .Run();
}

// Read-only connections handed out one per caller.
class ReaderPool {
 public:
  Status Init(const std::string& path, int n) {
    for (int i = 0; i < n; ++i) {
      auto c = Connection::Open(path, /*read_only=*/true);
      if (!c.ok()) return c.status();
      KAPI_RETURN_IF_ERROR((*c)->Exec("PRAGMA query_only = ON"));
      free_.push_back(std::move(*c));
    }
    return Status::Ok();
  }

  template <typename Fn>
  auto With(Fn&& fn) -> decltype(fn(std::declval<Connection&>())) {
    std::unique_ptr<Connection> conn;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [this] { return !free_.empty(); });
      conn = std::move(free_.back());
      free_.pop_back();
    }
    auto result = fn(*conn);
    conn->ResetAll();
    {
      std::lock_guard lock(mu_);
      free_.push_back(std::move(conn));
    }
    cv_.notify_one();
    return result;
  }

  void Clear() {
    std::lock_guard lock(mu_);
    free_.clear();
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Connection>> free_;
};

class SqliteStore final : public Store {
 public:
  ~SqliteStore() override { Close(); }

  Status Open(const SqliteOptions& options) {
    auto w = Connection::Open(options.path, /*read_only=*/false);
    if (!w.ok()) return w.status();
    writer_db_ = std::move(*w);
    KAPI_RETURN_IF_ERROR(writer_db_->Exec(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;"
        "PRAGMA busy_timeout = 5000; PRAGMA wal_autocheckpoint = 4000;"
        // Freed space is zeroed, so an erasure (ErasePersonalData) leaves no old bytes behind
        // (Debian's SQLite defaults to this; saying it keeps the contract on any build).
        "PRAGMA secure_delete = ON;"));
    path_ = options.path;
    KAPI_RETURN_IF_ERROR(sqlite::ApplyMigrations(*writer_db_));
    KAPI_RETURN_IF_ERROR(readers_.Init(options.path, std::max(1, options.read_connections)));
    Connection* db = writer_db_.get();
    BatchWriter::Hooks hooks{
        .begin = [db] { return db->Exec("BEGIN IMMEDIATE"); },
        .commit = [db] { return db->Exec("COMMIT"); },
        .rollback = [db] { (void)db->Exec("ROLLBACK"); },
        .savepoint = [db] { return db->Exec("SAVEPOINT w"); },
        .release = [db] { return db->Exec("RELEASE w"); },
        .rollback_to = [db] { (void)db->Exec("ROLLBACK TO w"); },
    };
    writer_ = std::make_unique<BatchWriter>(std::move(hooks), options.max_batch);
    return Status::Ok();
  }

  // ---- reference data ----
  Status UpsertUnit(const cases::Unit& u) override {
    return Write([&u](Connection& db) -> Status {
      auto st = db.Prepare(
          "INSERT INTO units(code, name, parent_code) VALUES (?,?,?) "
          "ON CONFLICT(code) DO UPDATE SET name = excluded.name, parent_code = "
          "excluded.parent_code");
      if (!st.ok()) return st.status();
      return (*st)->Bind(1, u.code).Bind(2, u.name).BindNullIfEmpty(3, u.parent_code).Run();
    });
  }

  Result<std::vector<cases::Unit>> ListUnits() override {
    return readers_.With([](Connection& db) -> Result<std::vector<cases::Unit>> {
      auto st = db.Prepare(
          "SELECT code, name, COALESCE(parent_code,''), ai_enabled FROM units ORDER BY code");
      if (!st.ok()) return st.status();
      std::vector<cases::Unit> out;
      while (true) {
        auto row = (*st)->Step();
        if (!row.ok()) return row.status();
        if (!*row) break;
        out.push_back({(*st)->Text(0), (*st)->Text(1), (*st)->Text(2), (*st)->Int(3) != 0});
      }
      return out;
    });
  }

  Status UpsertTopic(const cases::Topic& t) override {
    return Write([&t](Connection& db) -> Status {
      auto st = db.Prepare(
          "INSERT INTO topics(code, name, default_unit_code, sensitive, sla_days, "
          "sla_working_days) VALUES (?,?,?,?,?,?) ON CONFLICT(code) DO UPDATE SET "
          "name = excluded.name, default_unit_code = excluded.default_unit_code, "
          "sensitive = excluded.sensitive, sla_days = excluded.sla_days, "
          "sla_working_days = excluded.sla_working_days");
      if (!st.ok()) return st.status();
      return (*st)
          ->Bind(1, t.code)
          .Bind(2, t.name)
          .BindNullIfEmpty(3, t.default_unit_code)
          .Bind(4, int64_t{t.sensitive})
          .Bind(5, int64_t{t.sla_days})
          .Bind(6, int64_t{t.sla_working_days})
          .Run();
    });
  }

  Result<std::vector<cases::Topic>> ListTopics() override {
    return readers_.With([](Connection& db) -> Result<std::vector<cases::Topic>> {
      auto st = db.Prepare(
          "SELECT code, name, COALESCE(default_unit_code,''), sensitive, sla_days, "
          "sla_working_days FROM topics ORDER BY code");
      if (!st.ok()) return st.status();
      std::vector<cases::Topic> out;
      while (true) {
        auto row = (*st)->Step();
        if (!row.ok()) return row.status();
        if (!*row) break;
        cases::Topic t;
        t.code = (*st)->Text(0);
        t.name = (*st)->Text(1);
        t.default_unit_code = (*st)->Text(2);
        t.sensitive = (*st)->Int(3) != 0;
        t.sla_days = static_cast<int>((*st)->Int(4));
        t.sla_working_days = (*st)->Int(5) != 0;
        out.push_back(std::move(t));
      }
      return out;
    });
  }

  Status UpsertStaffUser(const cases::StaffUser& u, const std::string& password_hash) override {
    return Write([&](Connection& db) -> Status {
      auto st = db.Prepare(
          "INSERT INTO staff_users(username, display_name, role, unit_code, password_hash) "
          "VALUES (?,?,?,?,?) ON CONFLICT(username) DO UPDATE SET "
          "display_name = excluded.display_name, role = excluded.role, "
          "unit_code = excluded.unit_code, password_hash = excluded.password_hash");
      if (!st.ok()) return st.status();
      return (*st)
          ->Bind(1, u.username)
          .Bind(2, u.display_name)
          .Bind(3, u.role)
          .BindNullIfEmpty(4, u.unit_code)
          .Bind(5, password_hash)
          .Run();
    });
  }

  Result<std::vector<cases::StaffUser>> ListStaffUsers() override {
    return readers_.With([](Connection& db) -> Result<std::vector<cases::StaffUser>> {
      auto st = db.Prepare(
          "SELECT username, display_name, role, COALESCE(unit_code,'') FROM staff_users "
          "ORDER BY username");
      if (!st.ok()) return st.status();
      std::vector<cases::StaffUser> out;
      while (true) {
        auto row = (*st)->Step();
        if (!row.ok()) return row.status();
        if (!*row) break;
        out.push_back({(*st)->Text(0), (*st)->Text(1), (*st)->Text(2), (*st)->Text(3)});
      }
      return out;
    });
  }

  // ---- intake ----
  void SubmitRequest(cases::NewRequest req, IntakeCallback done) override {
    if (!writer_) {
      done(Unavailable("the store is closed"));
      return;
    }
    // Normalize outside the writer thread: the writer's time is the bottleneck.
    auto search_body = std::make_shared<std::string>(text::NormalizeForSearch(req.text_masked));
    auto request = std::make_shared<cases::NewRequest>(std::move(req));
    auto receipt = std::make_shared<cases::IntakeReceipt>();
    writer_->Submit(
        [this, request, receipt, search_body]() -> Status {
          Status s = InsertRequestLocked(*request, *search_body, receipt.get());
          writer_db_->ResetAll();
          return s;
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
    return readers_.With([id](Connection& db) { return LoadCase(db, id); });
  }

  Result<TrackedCase> FindByTrackingCode(const std::string& code) override {
    return readers_.With([&code](Connection& db) -> Result<TrackedCase> {
      auto st = db.Prepare("SELECT " + std::string(kCaseColumns) +
                           ", secret_hash FROM cases WHERE tracking_code = ?");
      if (!st.ok()) return st.status();
      auto row = (*st)->Bind(1, code).Step();
      if (!row.ok()) return row.status();
      if (!*row) return NotFound("no request with this tracking code");
      return TrackedCase{ReadCase(**st), (*st)->Text(16)};
    });
  }

  Result<std::vector<CaseRecord>> ListCases(const cases::CaseFilter& f) override {
    std::string sql = "SELECT " + std::string(kCaseColumns) + " FROM cases WHERE 1=1";
    struct Arg {
      bool is_int;
      int64_t i;
      std::string s;
    };
    std::vector<Arg> args;
    if (f.state) {
      sql += " AND state = ?";
      args.push_back({false, 0, std::string(cases::CaseStateName(*f.state))});
    }
    if (f.unit_code) {
      sql += " AND unit_code = ?";
      args.push_back({false, 0, *f.unit_code});
    }
    if (!f.unit_in.empty()) {
      sql += " AND unit_code IN (";
      for (size_t i = 0; i < f.unit_in.size(); ++i) {
        sql += i ? ",?" : "?";
        args.push_back({false, 0, f.unit_in[i]});
      }
      sql += ")";
    }
    if (f.topic_code) {
      sql += " AND topic_code = ?";
      args.push_back({false, 0, *f.topic_code});
    }
    if (f.channel) {
      sql += " AND channel = ?";
      args.push_back({false, 0, std::string(cases::ChannelName(*f.channel))});
    }
    if (f.assignee) {
      sql += " AND assignee = ?";
      args.push_back({false, 0, *f.assignee});
    }
    if (f.received_from_ms) {
      sql += " AND received_at >= ?";
      args.push_back({true, *f.received_from_ms, {}});
    }
    if (f.received_to_ms) {
      sql += " AND received_at < ?";
      args.push_back({true, *f.received_to_ms, {}});
    }
    if (f.before_id) {
      sql += " AND id < ?";
      args.push_back({true, *f.before_id, {}});
    }
    if (f.query) {
      std::string match = BuildFtsMatch(*f.query);
      if (match.empty()) {
        return InvalidArgument("the search has no words to look for", "q")
            .WithReason("invalid_query");
      }
      sql += " AND id IN (SELECT rowid FROM cases_fts WHERE cases_fts MATCH ?)";
      args.push_back({false, 0, std::move(match)});
    }
    sql += " ORDER BY id DESC LIMIT ?";
    args.push_back({true, std::clamp(f.limit, 1, 500), {}});
    return readers_.With([&](Connection& db) -> Result<std::vector<CaseRecord>> {
      auto st = db.Prepare(sql);
      if (!st.ok()) return st.status();
      for (size_t i = 0; i < args.size(); ++i) {
        int idx = static_cast<int>(i + 1);
        if (args[i].is_int) {
          (*st)->Bind(idx, args[i].i);
        } else {
          (*st)->Bind(idx, args[i].s);
        }
      }
      std::vector<CaseRecord> out;
      while (true) {
        auto row = (*st)->Step();
        if (!row.ok()) return row.status();
        if (!*row) break;
        out.push_back(ReadCase(**st));
      }
      return out;
    });
  }

  Result<CaseRecord> TransitionCase(int64_t id, CaseState to, const std::string& reason,
                                    const Actor& actor,
                                    std::optional<int64_t> expected_version) override {
    CaseRecord out;
    Status s = Write([&](Connection& db) -> Status {
      auto current = LoadCase(db, id);
      if (!current.ok()) return current.status();
      if (expected_version && current->version != *expected_version) {
        return Status(StatusCode::kConflict, "the case changed since it was read (version " +
                                                 std::to_string(current->version) + ", expected " +
                                                 std::to_string(*expected_version) + ")")
            .WithReason("stale_version");
      }
      KAPI_RETURN_IF_ERROR(cases::CheckTransition(current->state, to));
      if (cases::TransitionNeedsReason(current->state, to) && reason.empty()) {
        return InvalidArgument("moving a case from " +
                                   std::string(cases::CaseStateName(current->state)) + " to " +
                                   std::string(cases::CaseStateName(to)) + " needs a reason",
                               "reason")
            .WithReason("reason_required");
      }
      KAPI_RETURN_IF_ERROR(UpdateState(db, id, to, actor.at_ms));
      nlohmann::json detail = {{"from", cases::CaseStateName(current->state)},
                               {"to", cases::CaseStateName(to)}};
      if (!reason.empty()) detail["reason"] = reason;
      KAPI_RETURN_IF_ERROR(AppendEvent(db, id, actor, "transition", detail));
      auto loaded = LoadCase(db, id);
      if (!loaded.ok()) return loaded.status();
      out = std::move(*loaded);
      return Status::Ok();
    });
    if (!s.ok()) return s;
    return out;
  }

  Result<CaseRecord> AssignCase(int64_t id, const std::string& assignee,
                                const Actor& actor) override {
    CaseRecord out;
    Status s = Write([&](Connection& db) -> Status {
      auto current = LoadCase(db, id);
      if (!current.ok()) return current.status();
      auto user = db.Prepare("SELECT role FROM staff_users WHERE username = ?");
      if (!user.ok()) return user.status();
      auto found = (*user)->Bind(1, assignee).Step();
      if (!found.ok()) return found.status();
      if (!*found) {
        return InvalidArgument("no staff member named " + assignee, "assignee")
            .WithReason("unknown_assignee");
      }
      CaseState from = current->state;
      if (from != CaseState::kAssigned) {
        KAPI_RETURN_IF_ERROR(cases::CheckTransition(from, CaseState::kAssigned));
      }
      auto st = db.Prepare(
          "UPDATE cases SET assignee = ?, state = 'assigned', updated_at = ?, "
          "version = version + 1 WHERE id = ?");
      if (!st.ok()) return st.status();
      KAPI_RETURN_IF_ERROR((*st)->Bind(1, assignee).Bind(2, actor.at_ms).Bind(3, id).Run());
      KAPI_RETURN_IF_ERROR(AppendEvent(
          db, id, actor, "assign",
          {{"assignee", assignee}, {"from", cases::CaseStateName(from)}, {"to", "assigned"}}));
      auto loaded = LoadCase(db, id);
      if (!loaded.ok()) return loaded.status();
      out = std::move(*loaded);
      return Status::Ok();
    });
    if (!s.ok()) return s;
    return out;
  }

  Result<CaseRecord> SetRouting(int64_t id, const RoutingDecision& d, const Actor& actor) override {
    CaseRecord out;
    Status s = Write([&](Connection& db) -> Status {
      auto current = LoadCase(db, id);
      if (!current.ok()) return current.status();
      CaseState from = current->state;
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
      KAPI_RETURN_IF_ERROR(RequireRow(db, "topics", d.topic_code, "topic"));
      KAPI_RETURN_IF_ERROR(RequireRow(db, "units", d.unit_code, "unit"));
      auto st = db.Prepare(
          "UPDATE cases SET topic_code = ?1, unit_code = ?2, state = 'triaged', updated_at = ?3, "
          "version = version + 1, due_at = CASE WHEN ?5 > 0 THEN ?5 ELSE due_at END WHERE id = ?4");
      if (!st.ok()) return st.status();
      KAPI_RETURN_IF_ERROR((*st)
                               ->Bind(1, d.topic_code)
                               .Bind(2, d.unit_code)
                               .Bind(3, actor.at_ms)
                               .Bind(4, id)
                               .Bind(5, d.due_at_ms)
                               .Run());
      nlohmann::json detail = {{"topic", d.topic_code},
                               {"unit", d.unit_code},
                               {"from", cases::CaseStateName(from)},
                               {"to", "triaged"}};
      if (!d.ai_decision.empty()) detail["ai_decision"] = d.ai_decision;
      if (!d.reason.empty()) detail["reason"] = d.reason;
      KAPI_RETURN_IF_ERROR(AppendEvent(db, id, actor, "routing", detail));
      auto loaded = LoadCase(db, id);
      if (!loaded.ok()) return loaded.status();
      out = std::move(*loaded);
      return Status::Ok();
    });
    if (!s.ok()) return s;
    return out;
  }

  Result<cases::Note> AddNote(int64_t id, const std::string& text, const Actor& actor) override {
    cases::Note note;
    Status s = Write([&](Connection& db) -> Status {
      auto current = LoadCase(db, id);
      if (!current.ok()) return current.status();
      auto st = db.Prepare("INSERT INTO notes(case_id, author, text, created_at) VALUES (?,?,?,?)");
      if (!st.ok()) return st.status();
      KAPI_RETURN_IF_ERROR(
          (*st)->Bind(1, id).Bind(2, actor.id).Bind(3, text).Bind(4, actor.at_ms).Run());
      note = {db.LastInsertRowId(), id, actor.id, text, actor.at_ms};
      return AppendEvent(db, id, actor, "note", {{"note_id", note.id}});
    });
    if (!s.ok()) return s;
    return note;
  }

  Result<std::vector<cases::Note>> ListNotes(int64_t id) override {
    return readers_.With([id](Connection& db) -> Result<std::vector<cases::Note>> {
      auto st = db.Prepare(
          "SELECT id, case_id, author, text, created_at FROM notes WHERE case_id = ? ORDER BY id");
      if (!st.ok()) return st.status();
      (*st)->Bind(1, id);
      std::vector<cases::Note> out;
      while (true) {
        auto row = (*st)->Step();
        if (!row.ok()) return row.status();
        if (!*row) break;
        out.push_back(
            {(*st)->Int(0), (*st)->Int(1), (*st)->Text(2), (*st)->Text(3), (*st)->Int(4)});
      }
      return out;
    });
  }

  Result<std::vector<cases::CaseEvent>> ListEvents(int64_t id) override {
    return readers_.With([id](Connection& db) -> Result<std::vector<cases::CaseEvent>> {
      auto st = db.Prepare(
          "SELECT id, case_id, actor, kind, detail_json, at FROM case_events WHERE case_id = ? "
          "ORDER BY id");
      if (!st.ok()) return st.status();
      (*st)->Bind(1, id);
      std::vector<cases::CaseEvent> out;
      while (true) {
        auto row = (*st)->Step();
        if (!row.ok()) return row.status();
        if (!*row) break;
        out.push_back({(*st)->Int(0), (*st)->Int(1), (*st)->Text(2), (*st)->Text(3), (*st)->Text(4),
                       (*st)->Int(5)});
      }
      return out;
    });
  }

  Result<int64_t> CountCases() override {
    return readers_.With([](Connection& db) -> Result<int64_t> {
      auto st = db.Prepare("SELECT COUNT(*) FROM cases");
      if (!st.ok()) return st.status();
      auto row = (*st)->Step();
      if (!row.ok()) return row.status();
      return (*st)->Int(0);
    });
  }

  // ---- units ----
  Status SetUnitAiEnabled(const std::string& unit_code, bool enabled, const Actor& actor) override {
    return Write([&](Connection& db) -> Status {
      KAPI_RETURN_IF_ERROR(RequireRow(db, "units", unit_code, "unit"));
      auto st = db.Prepare("UPDATE units SET ai_enabled = ? WHERE code = ?");
      if (!st.ok()) return st.status();
      return (*st)->Bind(1, int64_t{enabled}).Bind(2, unit_code).Run();
    });
  }

  // ---- staff authentication ----
  Result<cases::StaffCredentials> GetStaffCredentials(const std::string& username) override {
    return readers_.With([&](Connection& db) -> Result<cases::StaffCredentials> {
      auto st = db.Prepare(
          "SELECT username, display_name, role, COALESCE(unit_code,''), password_hash, "
          "COALESCE(totp_sealed,''), failed_logins, locked_until, must_change_password "
          "FROM staff_users WHERE username = ?");
      if (!st.ok()) return st.status();
      auto row = (*st)->Bind(1, username).Step();
      if (!row.ok()) return row.status();
      if (!*row) return NotFound("no staff member with that username");
      cases::StaffCredentials c;
      c.user = {(*st)->Text(0), (*st)->Text(1), (*st)->Text(2), (*st)->Text(3)};
      c.password_hash = (*st)->Text(4);
      c.totp_sealed = (*st)->Text(5);
      c.failed_logins = static_cast<int>((*st)->Int(6));
      c.locked_until_ms = (*st)->Int(7);
      c.must_change_password = (*st)->Int(8) != 0;
      return c;
    });
  }

  Result<int> RecordLoginFailure(const std::string& username, int lock_after,
                                 int64_t lock_until_ms) override {
    int count = 0;
    Status s = Write([&](Connection& db) -> Status {
      auto st = db.Prepare(
          "UPDATE staff_users SET failed_logins = failed_logins + 1 WHERE username = ? "
          "RETURNING failed_logins");
      if (!st.ok()) return st.status();
      auto row = (*st)->Bind(1, username).Step();
      if (!row.ok()) return row.status();
      if (!*row) return NotFound("no staff member with that username");
      count = static_cast<int>((*st)->Int(0));
      KAPI_RETURN_IF_ERROR((*st)->Run());
      if (count >= lock_after) {
        auto lock = db.Prepare(
            "UPDATE staff_users SET locked_until = ?, failed_logins = 0 WHERE username = ?");
        if (!lock.ok()) return lock.status();
        KAPI_RETURN_IF_ERROR((*lock)->Bind(1, lock_until_ms).Bind(2, username).Run());
      }
      return Status::Ok();
    });
    if (!s.ok()) return s;
    return count;
  }

  Status RecordLoginSuccess(const std::string& username) override {
    return Write([&](Connection& db) -> Status {
      auto st = db.Prepare(
          "UPDATE staff_users SET failed_logins = 0, locked_until = 0 WHERE username = ?");
      if (!st.ok()) return st.status();
      return (*st)->Bind(1, username).Run();
    });
  }

  Status SetPassword(const std::string& username, const std::string& hash,
                     bool must_change) override {
    return Write([&](Connection& db) -> Status {
      auto st = db.Prepare(
          "UPDATE staff_users SET password_hash = ?, must_change_password = ?, failed_logins = 0, "
          "locked_until = 0 WHERE username = ?");
      if (!st.ok()) return st.status();
      KAPI_RETURN_IF_ERROR(
          (*st)->Bind(1, hash).Bind(2, int64_t{must_change}).Bind(3, username).Run());
      if (db.Changes() == 0) return NotFound("no staff member with that username");
      return Status::Ok();
    });
  }

  Status SetTotpSecret(const std::string& username, const std::string& sealed) override {
    return Write([&](Connection& db) -> Status {
      auto st = db.Prepare("UPDATE staff_users SET totp_sealed = ? WHERE username = ?");
      if (!st.ok()) return st.status();
      if (sealed.empty()) {
        (*st)->BindNull(1);
      } else {
        (*st)->BindBlob(1, sealed);
      }
      KAPI_RETURN_IF_ERROR((*st)->Bind(2, username).Run());
      if (db.Changes() == 0) return NotFound("no staff member with that username");
      return Status::Ok();
    });
  }

  // ---- sessions ----
  Status CreateSession(const cases::Session& x) override {
    return Write([&](Connection& db) -> Status {
      auto st = db.Prepare(
          "INSERT INTO sessions(token_hash, username, csrf_token, created_at, last_seen, "
          "expires_at) VALUES (?,?,?,?,?,?)");
      if (!st.ok()) return st.status();
      return (*st)
          ->Bind(1, x.token_hash)
          .Bind(2, x.username)
          .Bind(3, x.csrf_token)
          .Bind(4, x.created_at_ms)
          .Bind(5, x.last_seen_ms)
          .Bind(6, x.expires_at_ms)
          .Run();
    });
  }

  Result<cases::Session> GetSession(const std::string& token_hash) override {
    return readers_.With([&](Connection& db) -> Result<cases::Session> {
      auto st = db.Prepare(
          "SELECT token_hash, username, csrf_token, created_at, last_seen, expires_at "
          "FROM sessions WHERE token_hash = ?");
      if (!st.ok()) return st.status();
      auto row = (*st)->Bind(1, token_hash).Step();
      if (!row.ok()) return row.status();
      if (!*row) return NotFound("no such session");
      return cases::Session{(*st)->Text(0), (*st)->Text(1), (*st)->Text(2),
                            (*st)->Int(3),  (*st)->Int(4),  (*st)->Int(5)};
    });
  }

  Status TouchSession(const std::string& token_hash, int64_t now_ms) override {
    return Write([&](Connection& db) -> Status {
      auto st = db.Prepare("UPDATE sessions SET last_seen = ? WHERE token_hash = ?");
      if (!st.ok()) return st.status();
      return (*st)->Bind(1, now_ms).Bind(2, token_hash).Run();
    });
  }

  Status DeleteSession(const std::string& token_hash) override {
    return Write([&](Connection& db) -> Status {
      auto st = db.Prepare("DELETE FROM sessions WHERE token_hash = ?");
      if (!st.ok()) return st.status();
      return (*st)->Bind(1, token_hash).Run();
    });
  }

  Status DeleteSessionsOf(const std::string& username) override {
    return Write([&](Connection& db) -> Status {
      auto st = db.Prepare("DELETE FROM sessions WHERE username = ?");
      if (!st.ok()) return st.status();
      return (*st)->Bind(1, username).Run();
    });
  }

  // ---- answers ----
  Result<cases::Answer> SaveAnswerDraft(int64_t case_id, const std::string& text,
                                        cases::Provenance provenance,
                                        const std::string& findings_json,
                                        const Actor& actor) override {
    cases::Answer out;
    Status s = Write([&](Connection& db) -> Status {
      auto c = LoadCase(db, case_id);
      if (!c.ok()) return c.status();
      if (c->state != CaseState::kInProgress) {
        return FailedPrecondition(
                   "an answer can be drafted only while the case is in_progress "
                   "(it is " +
                   std::string(cases::CaseStateName(c->state)) + ")")
            .WithReason("invalid_state");
      }
      auto st = db.Prepare(
          "INSERT INTO answers(case_id, text, provenance, author, status, findings_json, "
          "updated_at) VALUES (?,?,?,?,'draft',?,?) ON CONFLICT(case_id) DO UPDATE SET "
          "text = excluded.text, provenance = excluded.provenance, author = excluded.author, "
          "status = 'draft', decided_by = NULL, decision_reason = NULL, "
          "findings_json = excluded.findings_json, updated_at = excluded.updated_at");
      if (!st.ok()) return st.status();
      KAPI_RETURN_IF_ERROR((*st)
                               ->Bind(1, case_id)
                               .Bind(2, text)
                               .Bind(3, cases::ProvenanceName(provenance))
                               .Bind(4, actor.id)
                               .BindNullIfEmpty(5, findings_json)
                               .Bind(6, actor.at_ms)
                               .Run());
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
    CaseRecord out;
    Status s = Write([&](Connection& db) -> Status {
      auto c = LoadCase(db, case_id);
      if (!c.ok()) return c.status();
      auto a = LoadAnswer(db, case_id);
      if (!a.ok()) return a.status();
      if (a->status != "draft") {
        return FailedPrecondition("only a draft answer can be submitted (it is " + a->status + ")")
            .WithReason("invalid_state");
      }
      // 2024/108 Dürüstlük (5): an AI-assisted draft is never sent without a human approval.
      const bool approval = needs_approval || a->ai_assisted();
      const CaseState to = approval ? CaseState::kAwaitingApproval : CaseState::kAnswered;
      KAPI_RETURN_IF_ERROR(cases::CheckTransition(c->state, to));
      KAPI_RETURN_IF_ERROR(SetAnswerStatus(db, case_id, approval ? "pending_approval" : "sent", "",
                                           "", actor.at_ms));
      if (!approval) KAPI_RETURN_IF_ERROR(PublishAnswer(db, case_id, a->text, actor.at_ms));
      KAPI_RETURN_IF_ERROR(UpdateState(db, case_id, to, actor.at_ms));
      KAPI_RETURN_IF_ERROR(AppendEvent(db, case_id, actor,
                                       approval ? "answer_submitted" : "answer_sent",
                                       {{"provenance", cases::ProvenanceName(a->provenance)},
                                        {"from", cases::CaseStateName(c->state)},
                                        {"to", cases::CaseStateName(to)}}));
      auto loaded = LoadCase(db, case_id);
      if (!loaded.ok()) return loaded.status();
      out = std::move(*loaded);
      return Status::Ok();
    });
    if (!s.ok()) return s;
    return out;
  }

  Result<CaseRecord> DecideAnswer(int64_t case_id, bool approve, const std::string& reason,
                                  const Actor& actor) override {
    CaseRecord out;
    Status s = Write([&](Connection& db) -> Status {
      auto c = LoadCase(db, case_id);
      if (!c.ok()) return c.status();
      auto a = LoadAnswer(db, case_id);
      if (!a.ok()) return a.status();
      if (a->status != "pending_approval" || c->state != CaseState::kAwaitingApproval) {
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
      KAPI_RETURN_IF_ERROR(AppendEvent(db, case_id, actor, "answer_decision", detail));
      auto loaded = LoadCase(db, case_id);
      if (!loaded.ok()) return loaded.status();
      out = std::move(*loaded);
      return Status::Ok();
    });
    if (!s.ok()) return s;
    return out;
  }

  // ---- citizen feedback ----
  Status RateAnswer(int64_t case_id, int rating, const std::string& comment,
                    const Actor& actor) override {
    if (rating < 1 || rating > 5) {
      return InvalidArgument("rating must be 1-5", "rating").WithReason("invalid_rating");
    }
    return Write([&](Connection& db) -> Status {
      auto c = LoadCase(db, case_id);
      if (!c.ok()) return c.status();
      if (c->state != CaseState::kAnswered && c->state != CaseState::kClosed) {
        return FailedPrecondition("only an answered request can be rated")
            .WithReason("invalid_state");
      }
      auto st = db.Prepare(
          "INSERT INTO ratings(case_id, rating, comment, created_at) VALUES (?,?,?,?) "
          "ON CONFLICT(case_id) DO UPDATE SET rating = excluded.rating, "
          "comment = excluded.comment, created_at = excluded.created_at");
      if (!st.ok()) return st.status();
      KAPI_RETURN_IF_ERROR((*st)
                               ->Bind(1, case_id)
                               .Bind(2, int64_t{rating})
                               .BindNullIfEmpty(3, comment)
                               .Bind(4, actor.at_ms)
                               .Run());
      return AppendEvent(db, case_id, actor, "rating", {{"rating", rating}});
    });
  }

  Status RequestHumanReview(int64_t case_id, const std::string& reason,
                            const Actor& actor) override {
    return Write([&](Connection& db) -> Status {
      auto c = LoadCase(db, case_id);
      if (!c.ok()) return c.status();
      auto st =
          db.Prepare("INSERT INTO review_requests(case_id, reason, created_at) VALUES (?,?,?)");
      if (!st.ok()) return st.status();
      KAPI_RETURN_IF_ERROR((*st)->Bind(1, case_id).Bind(2, reason).Bind(3, actor.at_ms).Run());
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
      auto st = db.Prepare(
          "SELECT text_sealed, COALESCE(contact_sealed, x''), COALESCE(erased_at, 0) FROM cases "
          "WHERE id = ?");
      if (!st.ok()) return st.status();
      auto row = (*st)->Bind(1, case_id).Step();
      if (!row.ok()) return row.status();
      if (!*row) return NotFound("no case with id " + std::to_string(case_id));
      if ((*st)->Int(2) > 0) return ErasedOriginal(case_id);
      out.text_sealed = (*st)->Text(0);
      out.contact_sealed = (*st)->Text(1);
      KAPI_RETURN_IF_ERROR((*st)->Run());
      auto ins = db.Prepare(
          "INSERT INTO case_access(case_id, actor, what, purpose, at) VALUES (?,?,?,?,?)");
      if (!ins.ok()) return ins.status();
      KAPI_RETURN_IF_ERROR((*ins)
                               ->Bind(1, case_id)
                               .Bind(2, actor.id)
                               .Bind(3, "text+contact")
                               .Bind(4, purpose)
                               .Bind(5, actor.at_ms)
                               .Run());
      return AppendEvent(db, case_id, actor, "personal_data_read", {{"purpose", purpose}});
    });
    if (!s.ok()) return s;
    return out;
  }

  Result<ErasureResult> ErasePersonalData(int64_t case_id, const std::string& reason,
                                          const Actor& actor) override {
    ErasureResult out;
    Status s = Write([&](Connection& db) -> Status {
      auto current = LoadCase(db, case_id);
      if (!current.ok()) return current.status();
      if (current->erased_at_ms > 0) {
        out = {current->erased_at_ms, /*already_erased=*/true};
        return Status::Ok();
      }
      auto st = db.Prepare(
          "UPDATE cases SET text_sealed = x'', contact_sealed = NULL, location_json = NULL, "
          "body_hash = '', erased_at = ?1, updated_at = ?1, version = version + 1 WHERE id = ?2");
      if (!st.ok()) return st.status();
      KAPI_RETURN_IF_ERROR((*st)->Bind(1, actor.at_ms).Bind(2, case_id).Run());
      out = {actor.at_ms, /*already_erased=*/false};
      return AppendEvent(db, case_id, actor, "personal_data_erased", {{"reason", reason}});
    });
    if (!s.ok()) return s;
    // The WAL still holds the page images written before the erasure; fold them into the main
    // file (where secure_delete zeroed the old cells) and cut the WAL to zero bytes.
    if (!sqlite::TruncateWal(path_)) {
      log::Warn("erasure_wal_not_truncated", {{"case_id", std::to_string(case_id)}});
    }
    return out;
  }

  Result<int64_t> RedactFreeText(int64_t case_id, const TextRedactor& redact) override {
    int64_t changed = 0;
    Status s = Write([&](Connection& db) -> Status {
      KAPI_RETURN_IF_ERROR(LoadCase(db, case_id).status());
      for (const FreeTextColumn& c : FreeTextColumns()) {
        auto st = db.Prepare(std::string("SELECT ") + c.key + ", " + c.text + " FROM " + c.table +
                             " WHERE " + c.owner + " = ? AND " + c.text + " IS NOT NULL");
        if (!st.ok()) return st.status();
        std::vector<std::pair<int64_t, std::string>> updates;
        (*st)->Bind(1, case_id);
        while (true) {
          auto row = (*st)->Step();
          if (!row.ok()) return row.status();
          if (!*row) break;
          std::string text = (*st)->Text(1);
          std::string redacted = redact(text);
          if (redacted != text) updates.emplace_back((*st)->Int(0), std::move(redacted));
        }
        for (const auto& [key, text] : updates) {
          auto up = db.Prepare(std::string("UPDATE ") + c.table + " SET " + c.text + " = ? WHERE " +
                               c.key + " = ?");
          if (!up.ok()) return up.status();
          KAPI_RETURN_IF_ERROR((*up)->Bind(1, text).Bind(2, key).Run());
          ++changed;
        }
      }
      auto ev = db.Prepare("SELECT id, detail_json FROM case_events WHERE case_id = ?");
      if (!ev.ok()) return ev.status();
      std::vector<std::pair<int64_t, std::string>> updates;
      (*ev)->Bind(1, case_id);
      while (true) {
        auto row = (*ev)->Step();
        if (!row.ok()) return row.status();
        if (!*row) break;
        if (auto r = RedactEventDetail((*ev)->Text(1), redact)) {
          updates.emplace_back((*ev)->Int(0), std::move(*r));
        }
      }
      for (const auto& [id, detail] : updates) {
        auto up = db.Prepare("UPDATE case_events SET detail_json = ? WHERE id = ?");
        if (!up.ok()) return up.status();
        KAPI_RETURN_IF_ERROR((*up)->Bind(1, detail).Bind(2, id).Run());
        ++changed;
      }
      return Status::Ok();
    });
    if (!s.ok()) return s;
    return changed;
  }

  Result<std::vector<SuggestionOutcome>> ListSuggestionOutcomes(int64_t from_ms, int64_t to_ms,
                                                                int limit) override {
    return readers_.With([&](Connection& db) -> Result<std::vector<SuggestionOutcome>> {
      auto st = db.Prepare(
          "SELECT c.id, c.received_at, c.channel, COALESCE(c.unit_code,''), "
          "COALESCE(c.topic_code,''), c.suggestions_json, COALESCE((SELECT e.detail_json FROM "
          "case_events e WHERE e.case_id = c.id AND e.kind = 'routing' ORDER BY e.id LIMIT 1), '') "
          "FROM cases c WHERE c.received_at >= ? AND c.received_at < ? AND "
          "c.suggestions_json IS NOT NULL ORDER BY c.received_at, c.id LIMIT ?");
      if (!st.ok()) return st.status();
      (*st)->Bind(1, from_ms).Bind(2, to_ms).Bind(3, int64_t{std::max(limit, 0)});
      std::vector<SuggestionOutcome> out;
      while (true) {
        auto row = (*st)->Step();
        if (!row.ok()) return row.status();
        if (!*row) break;
        SuggestionOutcome o;
        o.case_id = (*st)->Int(0);
        o.received_at_ms = (*st)->Int(1);
        o.channel = cases::ParseChannel((*st)->Text(2)).value_or(cases::Channel::kWeb);
        o.unit_code = (*st)->Text(3);
        o.topic_code = (*st)->Text(4);
        o.suggestions_json = (*st)->Text(5);
        o.ai_decision = AiDecisionOfRoutingEvent((*st)->Text(6));
        out.push_back(std::move(o));
      }
      return out;
    });
  }

  Result<std::vector<cases::AccessRecord>> ListAccess(std::optional<int64_t> case_id,
                                                      int limit) override {
    return readers_.With([&](Connection& db) -> Result<std::vector<cases::AccessRecord>> {
      auto st = db.Prepare(
          "SELECT id, case_id, actor, what, purpose, at FROM case_access "
          "WHERE (?1 IS NULL OR case_id = ?1) ORDER BY id DESC LIMIT ?2");
      if (!st.ok()) return st.status();
      if (case_id) {
        (*st)->Bind(1, *case_id);
      } else {
        (*st)->BindNull(1);
      }
      (*st)->Bind(2, int64_t{std::clamp(limit, 1, 1000)});
      std::vector<cases::AccessRecord> out;
      while (true) {
        auto row = (*st)->Step();
        if (!row.ok()) return row.status();
        if (!*row) break;
        out.push_back({(*st)->Int(0), (*st)->Int(1), (*st)->Text(2), (*st)->Text(3), (*st)->Text(4),
                       (*st)->Int(5)});
      }
      return out;
    });
  }

  Status Ping() override {
    if (closed_) return Unavailable("the store is closed");
    return readers_.With([](Connection& db) -> Status {
      auto st = db.Prepare("SELECT 1");
      if (!st.ok()) return st.status();
      auto row = (*st)->Step();
      return row.ok() ? Status::Ok() : row.status();
    });
  }

  void Close() override {
    std::lock_guard lock(close_mu_);
    if (closed_) return;
    closed_ = true;
    if (writer_) writer_->Close();
    readers_.Clear();
    if (writer_db_) (void)writer_db_->Exec("PRAGMA wal_checkpoint(TRUNCATE)");
    writer_db_.reset();
  }

 private:
  template <typename Fn>
  Status Write(Fn&& fn) {
    if (!writer_ || closed_) return Unavailable("the store is closed");
    Connection* db = writer_db_.get();
    return writer_->Run([&fn, db]() -> Status {
      Status s = fn(*db);
      db->ResetAll();
      return s;
    });
  }

  Status InsertRequestLocked(const cases::NewRequest& r, const std::string& search_body,
                             cases::IntakeReceipt* receipt) {
    Connection& db = *writer_db_;
    if (r.idempotency_key) {
      auto st = db.Prepare(
          "SELECT id, tracking_code, secret_sealed, state, body_hash FROM cases "
          "WHERE idempotency_key = ?");
      if (!st.ok()) return st.status();
      auto row = (*st)->Bind(1, *r.idempotency_key).Step();
      if (!row.ok()) return row.status();
      if (*row) {
        if ((*st)->Text(4) != r.body_hash) {
          return Status(StatusCode::kConflict,
                        "this idempotency_key was already used for a different request",
                        "idempotency_key")
              .WithReason("idempotency_conflict");
        }
        receipt->case_id = (*st)->Int(0);
        receipt->tracking_code = (*st)->Text(1);
        receipt->secret_sealed = (*st)->Text(2);
        receipt->state = cases::ParseCaseState((*st)->Text(3)).value_or(CaseState::kNew);
        receipt->replayed = true;
        return Status::Ok();
      }
    }
    auto ins = db.Prepare(
        "INSERT INTO cases(tracking_code, secret_hash, secret_sealed, channel, state, "
        "text_masked, text_sealed, contact_sealed, location_json, idempotency_key, body_hash, "
        "suggestions_json, topic_code, unit_code, received_at, updated_at, due_at) "
        "VALUES (?,?,?,?,'new',?,?,?,?,?,?,?,?,?,?,?,?)");
    if (!ins.ok()) return ins.status();
    KAPI_RETURN_IF_ERROR((*ins)
                             ->Bind(1, r.tracking_code)
                             .Bind(2, r.secret_hash)
                             .BindBlob(3, r.secret_sealed)
                             .Bind(4, cases::ChannelName(r.channel))
                             .Bind(5, r.text_masked)
                             .BindBlob(6, r.text_sealed)
                             .BindNullIfEmpty(7, r.contact_sealed)
                             .BindNullIfEmpty(8, r.location_json)
                             .BindOptional(9, r.idempotency_key)
                             .Bind(10, r.body_hash)
                             .BindNullIfEmpty(11, r.suggestions_json)
                             .BindNullIfEmpty(12, r.topic_code)
                             .BindNullIfEmpty(13, r.unit_code)
                             .Bind(14, r.received_at_ms)
                             .Bind(15, r.received_at_ms)
                             .Bind(16, r.due_at_ms)
                             .Run());
    const int64_t id = db.LastInsertRowId();
    auto fts = db.Prepare("INSERT INTO cases_fts(rowid, body) VALUES (?, ?)");
    if (!fts.ok()) return fts.status();
    KAPI_RETURN_IF_ERROR((*fts)->Bind(1, id).Bind(2, search_body).Run());
    KAPI_RETURN_IF_ERROR(AppendEvent(db, id, Actor{"citizen", r.received_at_ms}, "created",
                                     {{"channel", cases::ChannelName(r.channel)}}));
    receipt->case_id = id;
    receipt->tracking_code = r.tracking_code;
    receipt->secret_sealed = r.secret_sealed;
    receipt->state = CaseState::kNew;
    receipt->replayed = false;
    return Status::Ok();
  }

  static Result<cases::Answer> LoadAnswer(Connection& db, int64_t case_id) {
    auto st = db.Prepare(
        "SELECT case_id, text, provenance, author, status, COALESCE(decided_by,''), "
        "COALESCE(decision_reason,''), COALESCE(findings_json,''), updated_at FROM answers "
        "WHERE case_id = ?");
    if (!st.ok()) return st.status();
    auto row = (*st)->Bind(1, case_id).Step();
    if (!row.ok()) return row.status();
    if (!*row) return NotFound("the case has no answer yet");
    cases::Answer a;
    a.case_id = (*st)->Int(0);
    a.text = (*st)->Text(1);
    a.provenance = cases::ParseProvenance((*st)->Text(2)).value_or(cases::Provenance::kHuman);
    a.author = (*st)->Text(3);
    a.status = (*st)->Text(4);
    a.decided_by = (*st)->Text(5);
    a.decision_reason = (*st)->Text(6);
    a.findings_json = (*st)->Text(7);
    a.updated_at_ms = (*st)->Int(8);
    return a;
  }

  static Status SetAnswerStatus(Connection& db, int64_t case_id, std::string_view status,
                                const std::string& decided_by, const std::string& reason,
                                int64_t at) {
    auto st = db.Prepare(
        "UPDATE answers SET status = ?, decided_by = ?, decision_reason = ?, updated_at = ? "
        "WHERE case_id = ?");
    if (!st.ok()) return st.status();
    return (*st)
        ->Bind(1, status)
        .BindNullIfEmpty(2, decided_by)
        .BindNullIfEmpty(3, reason)
        .Bind(4, at)
        .Bind(5, case_id)
        .Run();
  }

  static Status PublishAnswer(Connection& db, int64_t case_id, const std::string& text,
                              int64_t at) {
    auto st = db.Prepare("UPDATE cases SET public_answer = ?, updated_at = ? WHERE id = ?");
    if (!st.ok()) return st.status();
    return (*st)->Bind(1, text).Bind(2, at).Bind(3, case_id).Run();
  }

  static Status UpdateState(Connection& db, int64_t id, CaseState to, int64_t at) {
    auto st = db.Prepare(
        "UPDATE cases SET state = ?, updated_at = ?, version = version + 1 WHERE id = ?");
    if (!st.ok()) return st.status();
    return (*st)->Bind(1, cases::CaseStateName(to)).Bind(2, at).Bind(3, id).Run();
  }

  static Status RequireRow(Connection& db, std::string_view table, const std::string& code,
                           const std::string& field) {
    auto st = db.Prepare("SELECT 1 FROM " + std::string(table) + " WHERE code = ?");
    if (!st.ok()) return st.status();
    auto row = (*st)->Bind(1, code).Step();
    if (!row.ok()) return row.status();
    if (!*row) {
      return InvalidArgument("no " + field + " with code " + code, field)
          .WithReason("unknown_" + field);
    }
    return Status::Ok();
  }

  std::unique_ptr<Connection> writer_db_;
  std::string path_;
  std::unique_ptr<BatchWriter> writer_;
  ReaderPool readers_;
  std::mutex close_mu_;
  std::atomic<bool> closed_{false};
};

}  // namespace

Result<std::unique_ptr<Store>> OpenSqliteStore(const SqliteOptions& options) {
  auto store = std::make_unique<SqliteStore>();
  Status s = store->Open(options);
  if (!s.ok()) return s;
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace kapi::store
