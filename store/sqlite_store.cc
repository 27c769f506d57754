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

#include "store/batch_writer.h"
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
    "COALESCE(due_at,0), version";

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
        "PRAGMA busy_timeout = 5000; PRAGMA wal_autocheckpoint = 4000;"));
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
      auto st = db.Prepare("SELECT code, name, COALESCE(parent_code,'') FROM units ORDER BY code");
      if (!st.ok()) return st.status();
      std::vector<cases::Unit> out;
      while (true) {
        auto row = (*st)->Step();
        if (!row.ok()) return row.status();
        if (!*row) break;
        out.push_back({(*st)->Text(0), (*st)->Text(1), (*st)->Text(2)});
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
          return InsertRequestLocked(*request, *search_body, receipt.get());
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
      return TrackedCase{ReadCase(**st), (*st)->Text(15)};
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

  Result<CaseRecord> SetRouting(int64_t id, const std::string& topic_code,
                                const std::string& unit_code, const Actor& actor) override {
    CaseRecord out;
    Status s = Write([&](Connection& db) -> Status {
      auto current = LoadCase(db, id);
      if (!current.ok()) return current.status();
      CaseState from = current->state;
      if (from != CaseState::kTriaged) {
        KAPI_RETURN_IF_ERROR(cases::CheckTransition(from, CaseState::kTriaged));
      }
      KAPI_RETURN_IF_ERROR(RequireRow(db, "topics", topic_code, "topic"));
      KAPI_RETURN_IF_ERROR(RequireRow(db, "units", unit_code, "unit"));
      auto st = db.Prepare(
          "UPDATE cases SET topic_code = ?, unit_code = ?, state = 'triaged', updated_at = ?, "
          "version = version + 1 WHERE id = ?");
      if (!st.ok()) return st.status();
      KAPI_RETURN_IF_ERROR(
          (*st)->Bind(1, topic_code).Bind(2, unit_code).Bind(3, actor.at_ms).Bind(4, id).Run());
      KAPI_RETURN_IF_ERROR(AppendEvent(db, id, actor, "routing",
                                       {{"topic", topic_code},
                                        {"unit", unit_code},
                                        {"from", cases::CaseStateName(from)},
                                        {"to", "triaged"}}));
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
    return writer_->Run([&fn, db]() -> Status { return fn(*db); });
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
