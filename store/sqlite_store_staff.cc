// SqliteStore: staff authentication, sessions, answers and citizen feedback.

#include "store/sqlite_store_internal.h"

namespace kapi::store::sqlite_store_internal {

Result<cases::StaffCredentials> SqliteStore::GetStaffCredentials(const std::string& username) {
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

Result<int> SqliteStore::RecordLoginFailure(const std::string& username, int lock_after,
                                            int64_t lock_until_ms) {
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

Status SqliteStore::RecordLoginSuccess(const std::string& username) {
  return Write([&](Connection& db) -> Status {
    auto st =
        db.Prepare("UPDATE staff_users SET failed_logins = 0, locked_until = 0 WHERE username = ?");
    if (!st.ok()) return st.status();
    return (*st)->Bind(1, username).Run();
  });
}

Status SqliteStore::SetPassword(const std::string& username, const std::string& hash,
                                bool must_change) {
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

Status SqliteStore::SetTotpSecret(const std::string& username, const std::string& sealed) {
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

Status SqliteStore::CreateSession(const cases::Session& x) {
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

Result<cases::Session> SqliteStore::GetSession(const std::string& token_hash) {
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

Status SqliteStore::TouchSession(const std::string& token_hash, int64_t now_ms) {
  return Write([&](Connection& db) -> Status {
    auto st = db.Prepare("UPDATE sessions SET last_seen = ? WHERE token_hash = ?");
    if (!st.ok()) return st.status();
    return (*st)->Bind(1, now_ms).Bind(2, token_hash).Run();
  });
}

Status SqliteStore::DeleteSession(const std::string& token_hash) {
  return Write([&](Connection& db) -> Status {
    auto st = db.Prepare("DELETE FROM sessions WHERE token_hash = ?");
    if (!st.ok()) return st.status();
    return (*st)->Bind(1, token_hash).Run();
  });
}

Status SqliteStore::DeleteSessionsOf(const std::string& username) {
  return Write([&](Connection& db) -> Status {
    auto st = db.Prepare("DELETE FROM sessions WHERE username = ?");
    if (!st.ok()) return st.status();
    return (*st)->Bind(1, username).Run();
  });
}

Result<cases::Answer> SqliteStore::SaveAnswerDraft(int64_t case_id, const std::string& text,
                                                   cases::Provenance provenance,
                                                   const std::string& findings_json,
                                                   const Actor& actor) {
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

Result<cases::Answer> SqliteStore::GetAnswer(int64_t case_id) {
  return readers_.With([case_id](Connection& db) { return LoadAnswer(db, case_id); });
}

Result<CaseRecord> SqliteStore::SubmitAnswer(int64_t case_id, bool needs_approval,
                                             const Actor& actor) {
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
    KAPI_RETURN_IF_ERROR(
        SetAnswerStatus(db, case_id, approval ? "pending_approval" : "sent", "", "", actor.at_ms));
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

Result<CaseRecord> SqliteStore::DecideAnswer(int64_t case_id, bool approve,
                                             const std::string& reason, const Actor& actor) {
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
    KAPI_RETURN_IF_ERROR(
        SetAnswerStatus(db, case_id, approve ? "sent" : "returned", actor.id, reason, actor.at_ms));
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

Status SqliteStore::RateAnswer(int64_t case_id, int rating, const std::string& comment,
                               const Actor& actor) {
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

Status SqliteStore::RequestHumanReview(int64_t case_id, const std::string& reason,
                                       const Actor& actor) {
  return Write([&](Connection& db) -> Status {
    auto c = LoadCase(db, case_id);
    if (!c.ok()) return c.status();
    auto st = db.Prepare("INSERT INTO review_requests(case_id, reason, created_at) VALUES (?,?,?)");
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

}  // namespace kapi::store::sqlite_store_internal
