#pragma once
// Internal to store/: the SQLite store class and the helpers its files share (sqlite_store.cc,
// sqlite_store_staff.cc, sqlite_store_personal_data.cc). WAL journal with synchronous=FULL (a
// commit is fsync'd before it is acknowledged), foreign keys on, migrations applied at open. All
// writes go through one BatchWriter (group commit); reads use a small pool of read-only
// connections, which WAL lets run beside the writer.

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/log.h"
#include "store/backend_shared.h"
#include "store/batch_writer.h"
#include "store/fts_query.h"
#include "store/sqlite_db.h"
#include "store/sqlite_migrations.h"
#include "store/store.h"
#include "text/turkish.h"

namespace kapi::store::sqlite_store_internal {

using cases::CaseRecord;
using cases::CaseState;
using sqlite::Connection;
using sqlite::Statement;

inline constexpr std::string_view kCaseColumns =
    "id, tracking_code, channel, state, text_masked, COALESCE(location_json,''), "
    "COALESCE(topic_code,''), COALESCE(unit_code,''), COALESCE(assignee,''), "
    "COALESCE(suggestions_json,''), COALESCE(public_answer,''), received_at, updated_at, "
    "COALESCE(due_at,0), version, COALESCE(erased_at,0)";

inline CaseRecord ReadCase(const Statement& st) {
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

inline Result<CaseRecord> LoadCase(Connection& db, int64_t id) {
  auto st = db.Prepare("SELECT " + std::string(kCaseColumns) + " FROM cases WHERE id = ?");
  if (!st.ok()) return st.status();
  auto row = (*st)->Bind(1, id).Step();
  if (!row.ok()) return row.status();
  if (!*row) return NotFound("no case with id " + std::to_string(id));
  return ReadCase(**st);
}

inline Status AppendEvent(Connection& db, int64_t case_id, const Actor& actor,
                          std::string_view kind, const nlohmann::json& detail) {
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

  Status Open(const SqliteOptions& options);

  // ---- reference data ----
  Status UpsertUnit(const cases::Unit& u) override;
  Result<std::vector<cases::Unit>> ListUnits() override;
  Status UpsertTopic(const cases::Topic& t) override;
  Result<std::vector<cases::Topic>> ListTopics() override;
  Status UpsertStaffUser(const cases::StaffUser& u, const std::string& password_hash) override;
  Result<std::vector<cases::StaffUser>> ListStaffUsers() override;

  // ---- intake ----
  void SubmitRequest(cases::NewRequest req, IntakeCallback done) override;

  // ---- cases ----
  Result<CaseRecord> GetCase(int64_t id) override;
  Result<TrackedCase> FindByTrackingCode(const std::string& code) override;
  Result<std::vector<CaseRecord>> ListCases(const cases::CaseFilter& f) override;
  Result<CaseRecord> TransitionCase(int64_t id, CaseState to, const std::string& reason,
                                    const Actor& actor,
                                    std::optional<int64_t> expected_version) override;
  Result<CaseRecord> AssignCase(int64_t id, const std::string& assignee,
                                const Actor& actor) override;
  Result<CaseRecord> SetRouting(int64_t id, const RoutingDecision& d, const Actor& actor) override;
  Result<cases::Note> AddNote(int64_t id, const std::string& text, const Actor& actor) override;
  Result<std::vector<cases::Note>> ListNotes(int64_t id) override;
  Result<std::vector<cases::CaseEvent>> ListEvents(int64_t id) override;
  Result<int64_t> CountCases() override;

  // ---- units ----
  Status SetUnitAiEnabled(const std::string& unit_code, bool enabled, const Actor& actor) override;

  // ---- staff authentication ----
  Result<cases::StaffCredentials> GetStaffCredentials(const std::string& username) override;
  Result<int> RecordLoginFailure(const std::string& username, int lock_after,
                                 int64_t lock_until_ms) override;
  Status RecordLoginSuccess(const std::string& username) override;
  Status SetPassword(const std::string& username, const std::string& hash,
                     bool must_change) override;
  Status SetTotpSecret(const std::string& username, const std::string& sealed) override;

  // ---- sessions ----
  Status CreateSession(const cases::Session& x) override;
  Result<cases::Session> GetSession(const std::string& token_hash) override;
  Status TouchSession(const std::string& token_hash, int64_t now_ms) override;
  Status DeleteSession(const std::string& token_hash) override;
  Status DeleteSessionsOf(const std::string& username) override;

  // ---- answers ----
  Result<cases::Answer> SaveAnswerDraft(int64_t case_id, const std::string& text,
                                        cases::Provenance provenance,
                                        const std::string& findings_json,
                                        const Actor& actor) override;
  Result<cases::Answer> GetAnswer(int64_t case_id) override;
  Result<CaseRecord> SubmitAnswer(int64_t case_id, bool needs_approval,
                                  const Actor& actor) override;
  Result<CaseRecord> DecideAnswer(int64_t case_id, bool approve, const std::string& reason,
                                  const Actor& actor) override;

  // ---- citizen feedback ----
  Status RateAnswer(int64_t case_id, int rating, const std::string& comment,
                    const Actor& actor) override;
  Status RequestHumanReview(int64_t case_id, const std::string& reason,
                            const Actor& actor) override;

  // ---- personal-data access ----
  Result<SealedOriginal> ReadSealedOriginal(int64_t case_id, const std::string& purpose,
                                            const Actor& actor) override;
  Result<ErasureResult> ErasePersonalData(int64_t case_id, const std::string& reason,
                                          const Actor& actor) override;
  Result<int64_t> RedactFreeText(int64_t case_id, const TextRedactor& redact) override;
  Result<std::vector<SuggestionOutcome>> ListSuggestionOutcomes(int64_t from_ms, int64_t to_ms,
                                                                int limit) override;
  Result<std::vector<cases::AccessRecord>> ListAccess(std::optional<int64_t> case_id,
                                                      int limit) override;

  // ---- operations ----
  Status Ping() override;
  void Close() override;

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
                             cases::IntakeReceipt* receipt);
  static Result<cases::Answer> LoadAnswer(Connection& db, int64_t case_id);
  static Status SetAnswerStatus(Connection& db, int64_t case_id, std::string_view status,
                                const std::string& decided_by, const std::string& reason,
                                int64_t at);
  static Status PublishAnswer(Connection& db, int64_t case_id, const std::string& text, int64_t at);
  static Status UpdateState(Connection& db, int64_t id, CaseState to, int64_t at);
  static Status RequireRow(Connection& db, std::string_view table, const std::string& code,
                           const std::string& field);
  std::unique_ptr<Connection> writer_db_;
  std::string path_;
  std::unique_ptr<BatchWriter> writer_;
  ReaderPool readers_;
  std::mutex close_mu_;
  std::atomic<bool> closed_{false};
};

}  // namespace kapi::store::sqlite_store_internal
