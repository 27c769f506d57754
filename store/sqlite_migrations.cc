#include "store/sqlite_migrations.h"

#include <string>

#include "store/sqlite_db.h"

namespace kapi::store::sqlite {

const std::vector<Migration>& SqliteMigrations() {
  static const std::vector<Migration> kMigrations = {
      {1, "units, topics, staff, cases, notes, events, full-text index", R"sql(
CREATE TABLE units (
  code        TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  parent_code TEXT REFERENCES units(code)
);
CREATE TABLE topics (
  code              TEXT PRIMARY KEY,
  name              TEXT NOT NULL,
  default_unit_code TEXT REFERENCES units(code),
  sensitive         INTEGER NOT NULL DEFAULT 0,
  sla_days          INTEGER NOT NULL,
  sla_working_days  INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE staff_users (
  username      TEXT PRIMARY KEY,
  display_name  TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN
                  ('desk_officer','case_officer','unit_manager','admin','auditor')),
  unit_code     TEXT REFERENCES units(code),
  password_hash TEXT NOT NULL
);
CREATE TABLE cases (
  id               INTEGER PRIMARY KEY,
  tracking_code    TEXT NOT NULL UNIQUE,
  secret_hash      TEXT NOT NULL,
  secret_sealed    BLOB NOT NULL,
  channel          TEXT NOT NULL,
  state            TEXT NOT NULL,
  text_masked      TEXT NOT NULL,
  text_sealed      BLOB NOT NULL,
  contact_sealed   BLOB,
  location_json    TEXT,
  idempotency_key  TEXT UNIQUE,
  body_hash        TEXT NOT NULL,
  suggestions_json TEXT,
  topic_code       TEXT REFERENCES topics(code),
  unit_code        TEXT REFERENCES units(code),
  assignee         TEXT REFERENCES staff_users(username),
  public_answer    TEXT,
  received_at      INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL,
  due_at           INTEGER,
  version          INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX cases_by_state ON cases(state, id);
CREATE INDEX cases_by_unit ON cases(unit_code, id);
CREATE INDEX cases_by_received ON cases(received_at);
CREATE INDEX cases_by_assignee ON cases(assignee, id);
CREATE VIRTUAL TABLE cases_fts USING fts5(body, tokenize = 'unicode61 remove_diacritics 0');
CREATE TABLE notes (
  id         INTEGER PRIMARY KEY,
  case_id    INTEGER NOT NULL REFERENCES cases(id),
  author     TEXT NOT NULL,
  text       TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX notes_by_case ON notes(case_id, id);
CREATE TABLE case_events (
  id          INTEGER PRIMARY KEY,
  case_id     INTEGER NOT NULL REFERENCES cases(id),
  actor       TEXT NOT NULL,
  kind        TEXT NOT NULL,
  detail_json TEXT NOT NULL,
  at          INTEGER NOT NULL
);
CREATE INDEX case_events_by_case ON case_events(case_id, id);
)sql"},
      {2, "staff authentication, sessions, answers, feedback, personal-data access log", R"sql(
ALTER TABLE units ADD COLUMN ai_enabled INTEGER NOT NULL DEFAULT 1;
ALTER TABLE staff_users ADD COLUMN totp_sealed BLOB;
ALTER TABLE staff_users ADD COLUMN failed_logins INTEGER NOT NULL DEFAULT 0;
ALTER TABLE staff_users ADD COLUMN locked_until INTEGER NOT NULL DEFAULT 0;
ALTER TABLE staff_users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
CREATE TABLE sessions (
  token_hash  TEXT PRIMARY KEY,
  username    TEXT NOT NULL REFERENCES staff_users(username),
  csrf_token  TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  last_seen   INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL
);
CREATE INDEX sessions_by_user ON sessions(username);
CREATE TABLE answers (
  case_id         INTEGER PRIMARY KEY REFERENCES cases(id),
  text            TEXT NOT NULL,
  provenance      TEXT NOT NULL CHECK (provenance IN ('human','ai','ai_edited')),
  author          TEXT NOT NULL,
  status          TEXT NOT NULL CHECK (status IN ('draft','pending_approval','returned','sent')),
  decided_by      TEXT,
  decision_reason TEXT,
  findings_json   TEXT,
  updated_at      INTEGER NOT NULL
);
CREATE TABLE ratings (
  case_id    INTEGER PRIMARY KEY REFERENCES cases(id),
  rating     INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
  comment    TEXT,
  created_at INTEGER NOT NULL
);
CREATE TABLE review_requests (
  id         INTEGER PRIMARY KEY,
  case_id    INTEGER NOT NULL REFERENCES cases(id),
  reason     TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE case_access (
  id      INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  actor   TEXT NOT NULL,
  what    TEXT NOT NULL,
  purpose TEXT NOT NULL,
  at      INTEGER NOT NULL
);
CREATE INDEX case_access_by_case ON case_access(case_id, id);
)sql"},
      {3, "personal-data erasure time of a case (KVKK md. 7)", R"sql(
ALTER TABLE cases ADD COLUMN erased_at INTEGER;
)sql"},
  };
  return kMigrations;
}

Status ApplyMigrations(Connection& db) {
  KAPI_RETURN_IF_ERROR(db.Exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations ("
      " version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)"));
  auto stmt = db.Prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
  if (!stmt.ok()) return stmt.status();
  auto has = (*stmt)->Step();
  if (!has.ok()) return has.status();
  const int64_t current = (*stmt)->Int(0);
  (*stmt)->Reset();
  const auto& all = SqliteMigrations();
  if (!all.empty() && current > all.back().version) {
    return FailedPrecondition("database schema version " + std::to_string(current) +
                              " is newer than this program knows (" +
                              std::to_string(all.back().version) + "); upgrade kapi");
  }
  for (const Migration& m : all) {
    if (m.version <= current) continue;
    KAPI_RETURN_IF_ERROR(db.Exec("BEGIN IMMEDIATE"));
    Status s = db.Exec(m.sql);
    if (s.ok()) {
      auto ins = db.Prepare(
          "INSERT INTO schema_migrations(version, description, applied_at) "
          "VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%fZ','now'))");
      s = ins.ok() ? (*ins)->Bind(1, int64_t{m.version}).Bind(2, m.description).Run()
                   : ins.status();
    }
    if (!s.ok()) {
      (void)db.Exec("ROLLBACK");
      return Internal("migration " + std::to_string(m.version) + " failed: " + s.message());
    }
    KAPI_RETURN_IF_ERROR(db.Exec("COMMIT"));
  }
  return Status::Ok();
}

}  // namespace kapi::store::sqlite
