// PostgresStore: staff authentication, sessions, answers and citizen feedback.

#include "store/postgres_store_internal.h"

namespace kapi::store::postgres_store_internal {

Result<cases::StaffCredentials> PostgresStore::GetStaffCredentials(const std::string& username) {
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

Result<int> PostgresStore::RecordLoginFailure(const std::string& username, int lock_after,
                                              int64_t lock_until_ms) {
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

Status PostgresStore::RecordLoginSuccess(const std::string& username) {
  return Write([&](Connection& db) {
    return db.Run("UPDATE staff_users SET failed_logins = 0, locked_until = 0 WHERE username = $1",
                  {Param::Text(username)});
  });
}

Status PostgresStore::SetPassword(const std::string& username, const std::string& hash,
                                  bool must_change) {
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

Status PostgresStore::SetTotpSecret(const std::string& username, const std::string& sealed) {
  return Write([&](Connection& db) -> Status {
    auto r = db.Exec("UPDATE staff_users SET totp_sealed = $1 WHERE username = $2 RETURNING 1",
                     {Param::BytesOrNull(sealed), Param::Text(username)});
    if (!r.ok()) return r.status();
    if (r->empty()) return NotFound("no staff member with that username");
    return Status::Ok();
  });
}

Status PostgresStore::CreateSession(const cases::Session& x) {
  return Write([&](Connection& db) {
    return db.Run(
        "INSERT INTO sessions(token_hash, username, csrf_token, created_at, last_seen, "
        "expires_at) VALUES ($1,$2,$3,$4,$5,$6)",
        {Param::Text(x.token_hash), Param::Text(x.username), Param::Text(x.csrf_token),
         Param::Int(x.created_at_ms), Param::Int(x.last_seen_ms), Param::Int(x.expires_at_ms)});
  });
}

Result<cases::Session> PostgresStore::GetSession(const std::string& token_hash) {
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

Status PostgresStore::TouchSession(const std::string& token_hash, int64_t now_ms) {
  return Write([&](Connection& db) {
    return db.Run("UPDATE sessions SET last_seen = $1 WHERE token_hash = $2",
                  {Param::Int(now_ms), Param::Text(token_hash)});
  });
}

Status PostgresStore::DeleteSession(const std::string& token_hash) {
  return Write([&](Connection& db) {
    return db.Run("DELETE FROM sessions WHERE token_hash = $1", {Param::Text(token_hash)});
  });
}

Status PostgresStore::DeleteSessionsOf(const std::string& username) {
  return Write([&](Connection& db) {
    return db.Run("DELETE FROM sessions WHERE username = $1", {Param::Text(username)});
  });
}

Result<cases::Answer> PostgresStore::SaveAnswerDraft(int64_t case_id, const std::string& text,
                                                     cases::Provenance provenance,
                                                     const std::string& findings_json,
                                                     const Actor& actor) {
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

Result<cases::Answer> PostgresStore::GetAnswer(int64_t case_id) {
  return readers_.With([case_id](Connection& db) { return LoadAnswer(db, case_id); });
}

Result<CaseRecord> PostgresStore::SubmitAnswer(int64_t case_id, bool needs_approval,
                                               const Actor& actor) {
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
    KAPI_RETURN_IF_ERROR(
        SetAnswerStatus(db, case_id, approval ? "pending_approval" : "sent", "", "", actor.at_ms));
    if (!approval) KAPI_RETURN_IF_ERROR(PublishAnswer(db, case_id, a->text, actor.at_ms));
    KAPI_RETURN_IF_ERROR(UpdateState(db, case_id, to, actor.at_ms));
    return AppendEvent(db, case_id, actor, approval ? "answer_submitted" : "answer_sent",
                       {{"provenance", cases::ProvenanceName(a->provenance)},
                        {"from", cases::CaseStateName(c.state)},
                        {"to", cases::CaseStateName(to)}});
  });
}

Result<CaseRecord> PostgresStore::DecideAnswer(int64_t case_id, bool approve,
                                               const std::string& reason, const Actor& actor) {
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
    KAPI_RETURN_IF_ERROR(
        SetAnswerStatus(db, case_id, approve ? "sent" : "returned", actor.id, reason, actor.at_ms));
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

Status PostgresStore::RateAnswer(int64_t case_id, int rating, const std::string& comment,
                                 const Actor& actor) {
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

Status PostgresStore::RequestHumanReview(int64_t case_id, const std::string& reason,
                                         const Actor& actor) {
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

}  // namespace kapi::store::postgres_store_internal
