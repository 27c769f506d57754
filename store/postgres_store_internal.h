#pragma once
// Internal to store/: the PostgreSQL store class and the helpers its files share
// (postgres_store.cc, postgres_store_staff.cc, postgres_store_personal_data.cc).

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <string>
#include <type_traits>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/log.h"
#include "store/backend_shared.h"
#include "store/batch_writer.h"
#include "store/pg_conn.h"
#include "store/pg_search.h"
#include "store/postgres_migrations.h"
#include "store/postgres_store.h"

namespace kapi::store::postgres_store_internal {

using cases::CaseRecord;
using cases::CaseState;
using pg::Connection;
using pg::Param;
using pg::Rows;

inline constexpr std::string_view kCaseColumns =
    "id, tracking_code, channel, state, text_masked, COALESCE(location_json,''), "
    "COALESCE(topic_code,''), COALESCE(unit_code,''), COALESCE(assignee,''), "
    "COALESCE(suggestions_json,''), COALESCE(public_answer,''), received_at, updated_at, "
    "COALESCE(due_at,0), version, COALESCE(erased_at,0)";

inline CaseRecord ReadCase(const Rows& r, int i) {
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
inline Result<CaseRecord> LoadCase(Connection& db, int64_t id, bool for_update) {
  auto rows = db.Exec("SELECT " + std::string(kCaseColumns) + " FROM cases WHERE id = $1" +
                          (for_update ? " FOR UPDATE" : ""),
                      {Param::Int(id)});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return NotFound("no case with id " + std::to_string(id));
  return ReadCase(*rows, 0);
}

inline Status AppendEvent(Connection& db, int64_t case_id, const Actor& actor,
                          std::string_view kind, const nlohmann::json& detail) {
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

  Status Open(const PostgresOptions& options);

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
                                    const std::string& lexemes, cases::IntakeReceipt* receipt);
  static Result<cases::Answer> LoadAnswer(Connection& db, int64_t case_id);
  static Status SetAnswerStatus(Connection& db, int64_t case_id, std::string_view status,
                                const std::string& decided_by, const std::string& reason,
                                int64_t at);
  static Status PublishAnswer(Connection& db, int64_t case_id, const std::string& text, int64_t at);
  static Status UpdateState(Connection& db, int64_t id, CaseState to, int64_t at);
  static Status RequireRow(Connection& db, std::string_view table, const std::string& code,
                           const std::string& field);
  std::unique_ptr<Connection> writer_db_;
  std::unique_ptr<BatchWriter> writer_;
  ReaderPool readers_;
  std::mutex close_mu_;
  std::atomic<bool> closed_{false};
};

}  // namespace kapi::store::postgres_store_internal
