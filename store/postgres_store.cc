// PostgreSQL implementation of store::Store (contract in postgres_store.h, class in
// postgres_store_internal.h): opening, reference data, intake, cases and operations. Staff
// sign-in, sessions, answers and feedback are in postgres_store_staff.cc; personal-data access,
// erasure and the AI-oversight rows in postgres_store_personal_data.cc. Mirrors the SQLite files
// statement for statement where the dialects allow, so both pass the one conformance suite.

#include "store/postgres_store_internal.h"

namespace kapi::store::postgres_store_internal {

Status PostgresStore::Open(const PostgresOptions& options) {
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

Status PostgresStore::UpsertUnit(const cases::Unit& u) {
  return Write([&u](Connection& db) {
    return db.Run(
        "INSERT INTO units(code, name, parent_code) VALUES ($1,$2,$3) "
        "ON CONFLICT(code) DO UPDATE SET name = excluded.name, "
        "parent_code = excluded.parent_code",
        {Param::Text(u.code), Param::Text(u.name), Param::TextOrNull(u.parent_code)});
  });
}

Result<std::vector<cases::Unit>> PostgresStore::ListUnits() {
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

Status PostgresStore::UpsertTopic(const cases::Topic& t) {
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

Result<std::vector<cases::Topic>> PostgresStore::ListTopics() {
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

Status PostgresStore::UpsertStaffUser(const cases::StaffUser& u, const std::string& password_hash) {
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

Result<std::vector<cases::StaffUser>> PostgresStore::ListStaffUsers() {
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

void PostgresStore::SubmitRequest(cases::NewRequest req, IntakeCallback done) {
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

Result<CaseRecord> PostgresStore::GetCase(int64_t id) {
  return readers_.With([id](Connection& db) { return LoadCase(db, id, false); });
}

Result<TrackedCase> PostgresStore::FindByTrackingCode(const std::string& code) {
  return readers_.With([&code](Connection& db) -> Result<TrackedCase> {
    auto r = db.Exec(
        "SELECT " + std::string(kCaseColumns) + ", secret_hash FROM cases WHERE tracking_code = $1",
        {Param::Text(code)});
    if (!r.ok()) return r.status();
    if (r->empty()) return NotFound("no request with this tracking code");
    return TrackedCase{ReadCase(*r, 0), r->Text(0, 16)};
  });
}

Result<std::vector<CaseRecord>> PostgresStore::ListCases(const cases::CaseFilter& f) {
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

Result<CaseRecord> PostgresStore::TransitionCase(int64_t id, CaseState to,
                                                 const std::string& reason, const Actor& actor,
                                                 std::optional<int64_t> expected_version) {
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

Result<CaseRecord> PostgresStore::AssignCase(int64_t id, const std::string& assignee,
                                             const Actor& actor) {
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

Result<CaseRecord> PostgresStore::SetRouting(int64_t id, const RoutingDecision& d,
                                             const Actor& actor) {
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

Result<cases::Note> PostgresStore::AddNote(int64_t id, const std::string& text,
                                           const Actor& actor) {
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

Result<std::vector<cases::Note>> PostgresStore::ListNotes(int64_t id) {
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

Result<std::vector<cases::CaseEvent>> PostgresStore::ListEvents(int64_t id) {
  return readers_.With([id](Connection& db) -> Result<std::vector<cases::CaseEvent>> {
    auto r = db.Exec(
        "SELECT id, case_id, actor, kind, detail_json, at FROM case_events "
        "WHERE case_id = $1 ORDER BY id",
        {Param::Int(id)});
    if (!r.ok()) return r.status();
    std::vector<cases::CaseEvent> out;
    for (int i = 0; i < r->size(); ++i) {
      out.push_back(
          {r->Int(i, 0), r->Int(i, 1), r->Text(i, 2), r->Text(i, 3), r->Text(i, 4), r->Int(i, 5)});
    }
    return out;
  });
}

Result<int64_t> PostgresStore::CountCases() {
  return readers_.With([](Connection& db) -> Result<int64_t> {
    auto r = db.Exec("SELECT COUNT(*) FROM cases");
    if (!r.ok()) return r.status();
    return r->Int(0, 0);
  });
}

Status PostgresStore::SetUnitAiEnabled(const std::string& unit_code, bool enabled,
                                       const Actor& actor) {
  return Write([&](Connection& db) -> Status {
    KAPI_RETURN_IF_ERROR(RequireRow(db, "units", unit_code, "unit"));
    return db.Run("UPDATE units SET ai_enabled = $1 WHERE code = $2",
                  {Param::Bool(enabled), Param::Text(unit_code)});
  });
}

Status PostgresStore::Ping() {
  if (closed_) return Unavailable("the store is closed");
  return readers_.With([](Connection& db) { return db.Run("SELECT 1"); });
}

void PostgresStore::Close() {
  std::lock_guard lock(close_mu_);
  if (closed_) return;
  closed_ = true;
  if (writer_) writer_->Close();
  readers_.Close();
  writer_db_.reset();
}

Status PostgresStore::InsertRequestLocked(Connection& db, const cases::NewRequest& r,
                                          const std::string& lexemes,
                                          cases::IntakeReceipt* receipt) {
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

Result<cases::Answer> PostgresStore::LoadAnswer(Connection& db, int64_t case_id) {
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

Status PostgresStore::SetAnswerStatus(Connection& db, int64_t case_id, std::string_view status,
                                      const std::string& decided_by, const std::string& reason,
                                      int64_t at) {
  return db.Run(
      "UPDATE answers SET status = $1, decided_by = $2, decision_reason = $3, updated_at = $4 "
      "WHERE case_id = $5",
      {Param::Text(status), Param::TextOrNull(decided_by), Param::TextOrNull(reason),
       Param::Int(at), Param::Int(case_id)});
}

Status PostgresStore::PublishAnswer(Connection& db, int64_t case_id, const std::string& text,
                                    int64_t at) {
  return db.Run("UPDATE cases SET public_answer = $1, updated_at = $2 WHERE id = $3",
                {Param::Text(text), Param::Int(at), Param::Int(case_id)});
}

Status PostgresStore::UpdateState(Connection& db, int64_t id, CaseState to, int64_t at) {
  return db.Run("UPDATE cases SET state = $1, updated_at = $2, version = version + 1 WHERE id = $3",
                {Param::Text(cases::CaseStateName(to)), Param::Int(at), Param::Int(id)});
}

Status PostgresStore::RequireRow(Connection& db, std::string_view table, const std::string& code,
                                 const std::string& field) {
  auto r = db.Exec("SELECT 1 FROM " + std::string(table) + " WHERE code = $1", {Param::Text(code)});
  if (!r.ok()) return r.status();
  if (r->empty()) {
    return InvalidArgument("no " + field + " with code " + code, field)
        .WithReason("unknown_" + field);
  }
  return Status::Ok();
}

}  // namespace kapi::store::postgres_store_internal

namespace kapi::store {

using postgres_store_internal::PostgresStore;

Result<std::unique_ptr<Store>> OpenPostgresStore(const PostgresOptions& options) {
  auto store = std::make_unique<PostgresStore>();
  Status s = store->Open(options);
  if (!s.ok()) return s;
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace kapi::store
