// SQLite implementation of store::Store (class in sqlite_store_internal.h): opening, reference
// data, intake, cases and operations. Staff sign-in, sessions, answers and feedback are in
// sqlite_store_staff.cc; personal-data access, erasure and the AI-oversight rows in
// sqlite_store_personal_data.cc.

#include "store/sqlite_store_internal.h"

namespace kapi::store::sqlite_store_internal {

Status SqliteStore::Open(const SqliteOptions& options) {
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

Status SqliteStore::UpsertUnit(const cases::Unit& u) {
  return Write([&u](Connection& db) -> Status {
    auto st = db.Prepare(
        "INSERT INTO units(code, name, parent_code) VALUES (?,?,?) "
        "ON CONFLICT(code) DO UPDATE SET name = excluded.name, parent_code = "
        "excluded.parent_code");
    if (!st.ok()) return st.status();
    return (*st)->Bind(1, u.code).Bind(2, u.name).BindNullIfEmpty(3, u.parent_code).Run();
  });
}

Result<std::vector<cases::Unit>> SqliteStore::ListUnits() {
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

Status SqliteStore::UpsertTopic(const cases::Topic& t) {
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

Result<std::vector<cases::Topic>> SqliteStore::ListTopics() {
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

Status SqliteStore::UpsertStaffUser(const cases::StaffUser& u, const std::string& password_hash) {
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

Result<std::vector<cases::StaffUser>> SqliteStore::ListStaffUsers() {
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

void SqliteStore::SubmitRequest(cases::NewRequest req, IntakeCallback done) {
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

Result<CaseRecord> SqliteStore::GetCase(int64_t id) {
  return readers_.With([id](Connection& db) { return LoadCase(db, id); });
}

Result<TrackedCase> SqliteStore::FindByTrackingCode(const std::string& code) {
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

Result<std::vector<CaseRecord>> SqliteStore::ListCases(const cases::CaseFilter& f) {
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

Result<CaseRecord> SqliteStore::TransitionCase(int64_t id, CaseState to, const std::string& reason,
                                               const Actor& actor,
                                               std::optional<int64_t> expected_version) {
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

Result<CaseRecord> SqliteStore::AssignCase(int64_t id, const std::string& assignee,
                                           const Actor& actor) {
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

Result<CaseRecord> SqliteStore::SetRouting(int64_t id, const RoutingDecision& d,
                                           const Actor& actor) {
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

Result<cases::Note> SqliteStore::AddNote(int64_t id, const std::string& text, const Actor& actor) {
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

Result<std::vector<cases::Note>> SqliteStore::ListNotes(int64_t id) {
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
      out.push_back({(*st)->Int(0), (*st)->Int(1), (*st)->Text(2), (*st)->Text(3), (*st)->Int(4)});
    }
    return out;
  });
}

Result<std::vector<cases::CaseEvent>> SqliteStore::ListEvents(int64_t id) {
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

Result<int64_t> SqliteStore::CountCases() {
  return readers_.With([](Connection& db) -> Result<int64_t> {
    auto st = db.Prepare("SELECT COUNT(*) FROM cases");
    if (!st.ok()) return st.status();
    auto row = (*st)->Step();
    if (!row.ok()) return row.status();
    return (*st)->Int(0);
  });
}

Status SqliteStore::SetUnitAiEnabled(const std::string& unit_code, bool enabled,
                                     const Actor& actor) {
  return Write([&](Connection& db) -> Status {
    KAPI_RETURN_IF_ERROR(RequireRow(db, "units", unit_code, "unit"));
    auto st = db.Prepare("UPDATE units SET ai_enabled = ? WHERE code = ?");
    if (!st.ok()) return st.status();
    return (*st)->Bind(1, int64_t{enabled}).Bind(2, unit_code).Run();
  });
}

Status SqliteStore::Ping() {
  if (closed_) return Unavailable("the store is closed");
  return readers_.With([](Connection& db) -> Status {
    auto st = db.Prepare("SELECT 1");
    if (!st.ok()) return st.status();
    auto row = (*st)->Step();
    return row.ok() ? Status::Ok() : row.status();
  });
}

void SqliteStore::Close() {
  std::lock_guard lock(close_mu_);
  if (closed_) return;
  closed_ = true;
  if (writer_) writer_->Close();
  readers_.Clear();
  if (writer_db_) (void)writer_db_->Exec("PRAGMA wal_checkpoint(TRUNCATE)");
  writer_db_.reset();
}

Status SqliteStore::InsertRequestLocked(const cases::NewRequest& r, const std::string& search_body,
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

Result<cases::Answer> SqliteStore::LoadAnswer(Connection& db, int64_t case_id) {
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

Status SqliteStore::SetAnswerStatus(Connection& db, int64_t case_id, std::string_view status,
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

Status SqliteStore::PublishAnswer(Connection& db, int64_t case_id, const std::string& text,
                                  int64_t at) {
  auto st = db.Prepare("UPDATE cases SET public_answer = ?, updated_at = ? WHERE id = ?");
  if (!st.ok()) return st.status();
  return (*st)->Bind(1, text).Bind(2, at).Bind(3, case_id).Run();
}

Status SqliteStore::UpdateState(Connection& db, int64_t id, CaseState to, int64_t at) {
  auto st =
      db.Prepare("UPDATE cases SET state = ?, updated_at = ?, version = version + 1 WHERE id = ?");
  if (!st.ok()) return st.status();
  return (*st)->Bind(1, cases::CaseStateName(to)).Bind(2, at).Bind(3, id).Run();
}

Status SqliteStore::RequireRow(Connection& db, std::string_view table, const std::string& code,
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

}  // namespace kapi::store::sqlite_store_internal

namespace kapi::store {

using sqlite_store_internal::SqliteStore;

Result<std::unique_ptr<Store>> OpenSqliteStore(const SqliteOptions& options) {
  auto store = std::make_unique<SqliteStore>();
  Status s = store->Open(options);
  if (!s.ok()) return s;
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace kapi::store
