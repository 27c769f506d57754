#pragma once
// The one storage interface. SQLite (embedded default) implements it now; PostgreSQL will
// implement the same interface, and store/conformance tests run against every implementation.
// Nothing backend-specific crosses this header.
//
// Durability contract: a write method that returns OK (or whose callback receives OK) has been
// committed and fsync'd. Implementations batch concurrent writes into one transaction (group
// commit) to get throughput without weakening that guarantee.
//
// Thread-safety: every method may be called from any thread concurrently.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "cases/model.h"

namespace kapi::store {

// A case as the citizen tracking page needs it, with the secret's hash to check against.
struct TrackedCase {
  cases::CaseRecord record;
  std::string secret_hash;
};

// Who did something and when; recorded in case events.
struct Actor {
  std::string id;  // "user:<username>", "system", "citizen", "model:<name>@<version>"
  int64_t at_ms = 0;
};

class Store {
 public:
  virtual ~Store() = default;

  // ---- reference data: units, topics, staff ----
  virtual Status UpsertUnit(const cases::Unit& unit) = 0;
  virtual Result<std::vector<cases::Unit>> ListUnits() = 0;
  virtual Status UpsertTopic(const cases::Topic& topic) = 0;
  virtual Result<std::vector<cases::Topic>> ListTopics() = 0;
  // `password_hash` is an Argon2id string (libsodium crypto_pwhash_str format).
  virtual Status UpsertStaffUser(const cases::StaffUser& user,
                                 const std::string& password_hash) = 0;
  virtual Result<std::vector<cases::StaffUser>> ListStaffUsers() = 0;

  // ---- intake ----
  using IntakeCallback = std::function<void(Result<cases::IntakeReceipt>)>;
  // Stores a new request and its case. Calls `done` exactly once, from a store thread, after the
  // commit is durable (or with the error). When `request.idempotency_key` matches an earlier
  // request with the same body hash, nothing is written and the receipt has replayed=true; with a
  // different body hash the result is kConflict.
  virtual void SubmitRequest(cases::NewRequest request, IntakeCallback done) = 0;
  // Blocking convenience over SubmitRequest.
  Result<cases::IntakeReceipt> InsertRequest(cases::NewRequest request);

  // ---- cases ----
  virtual Result<cases::CaseRecord> GetCase(int64_t case_id) = 0;
  virtual Result<TrackedCase> FindByTrackingCode(const std::string& tracking_code) = 0;
  // Newest first. The filter's query is full-text over the masked text in the search normal form
  // (text/turkish.h); every query word matches as a prefix, so Turkish suffixes still match.
  virtual Result<std::vector<cases::CaseRecord>> ListCases(const cases::CaseFilter& filter) = 0;
  // Applies one state-machine step atomically; refuses an invalid step (kFailedPrecondition) and a
  // stale `expected_version` when given (kConflict).
  virtual Result<cases::CaseRecord> TransitionCase(int64_t case_id, cases::CaseState to,
                                                   const std::string& reason, const Actor& actor,
                                                   std::optional<int64_t> expected_version) = 0;
  // Sets the responsible officer; the officer must exist. Moves triaged → assigned when needed.
  virtual Result<cases::CaseRecord> AssignCase(int64_t case_id, const std::string& assignee,
                                               const Actor& actor) = 0;
  // Records the human triage decision (topic and unit); the referenced rows must exist. When the
  // case carried an AI suggestion, `ai_decision` says whether the human accepted or overrode it;
  // an override needs a reason (2024/108 Hesap verebilirlik (2)).
  struct RoutingDecision {
    std::string topic_code;
    std::string unit_code;
    std::string ai_decision;  // "accepted", "overridden" or "" (no suggestion / not shown)
    std::string reason;
    int64_t due_at_ms = 0;  // > 0: the deadline the chosen topic sets (replaces the default)
  };
  virtual Result<cases::CaseRecord> SetRouting(int64_t case_id, const RoutingDecision& decision,
                                               const Actor& actor) = 0;
  virtual Result<cases::Note> AddNote(int64_t case_id, const std::string& text,
                                      const Actor& actor) = 0;
  virtual Result<std::vector<cases::Note>> ListNotes(int64_t case_id) = 0;
  virtual Result<std::vector<cases::CaseEvent>> ListEvents(int64_t case_id) = 0;
  virtual Result<int64_t> CountCases() = 0;

  // ---- units: AI switch ----
  virtual Status SetUnitAiEnabled(const std::string& unit_code, bool enabled,
                                  const Actor& actor) = 0;

  // ---- staff authentication ----
  virtual Result<cases::StaffCredentials> GetStaffCredentials(const std::string& username) = 0;
  // Counts a failed login; locks the account until `lock_until_ms` once `lock_after` failures
  // accumulate. Returns the new failure count.
  virtual Result<int> RecordLoginFailure(const std::string& username, int lock_after,
                                         int64_t lock_until_ms) = 0;
  virtual Status RecordLoginSuccess(const std::string& username) = 0;
  virtual Status SetPassword(const std::string& username, const std::string& password_hash,
                             bool must_change) = 0;
  virtual Status SetTotpSecret(const std::string& username, const std::string& totp_sealed) = 0;

  // ---- sessions (in the database, so shared by every node) ----
  virtual Status CreateSession(const cases::Session& session) = 0;
  virtual Result<cases::Session> GetSession(const std::string& token_hash) = 0;
  virtual Status TouchSession(const std::string& token_hash, int64_t now_ms) = 0;
  virtual Status DeleteSession(const std::string& token_hash) = 0;
  // Ends every session of a user (password reset, lock-out).
  virtual Status DeleteSessionsOf(const std::string& username) = 0;

  // ---- answers ----
  // Creates or replaces the case's draft answer. Refused once the answer was sent, and while it
  // waits for approval.
  virtual Result<cases::Answer> SaveAnswerDraft(int64_t case_id, const std::string& text,
                                                cases::Provenance provenance,
                                                const std::string& findings_json,
                                                const Actor& actor) = 0;
  virtual Result<cases::Answer> GetAnswer(int64_t case_id) = 0;
  // Submits the draft: with `needs_approval` the case goes to awaiting_approval; otherwise the
  // answer is sent (case → answered, public answer set).
  virtual Result<cases::CaseRecord> SubmitAnswer(int64_t case_id, bool needs_approval,
                                                 const Actor& actor) = 0;
  // A manager's decision on a pending answer: approve sends it; return sends the case back to
  // in_progress with the reason.
  virtual Result<cases::CaseRecord> DecideAnswer(int64_t case_id, bool approve,
                                                 const std::string& reason, const Actor& actor) = 0;

  // ---- citizen feedback ----
  // Rating 1-5 of an answered or closed case; one per case (a later rating replaces it).
  virtual Status RateAnswer(int64_t case_id, int rating, const std::string& comment,
                            const Actor& actor) = 0;
  // The citizen asks for a human review of a step where AI helped; reopens answered cases.
  virtual Status RequestHumanReview(int64_t case_id, const std::string& reason,
                                    const Actor& actor) = 0;

  // ---- personal-data access ----
  // Returns the sealed original text and contact of a case and records the access.
  struct SealedOriginal {
    std::string text_sealed;
    std::string contact_sealed;
  };
  virtual Result<SealedOriginal> ReadSealedOriginal(int64_t case_id, const std::string& purpose,
                                                    const Actor& actor) = 0;
  virtual Result<std::vector<cases::AccessRecord>> ListAccess(std::optional<int64_t> case_id,
                                                              int limit) = 0;

  // ---- personal-data erasure (KVKK 6698 md. 7 and 11) ----
  // Destroys what the case holds about the citizen in identifiable form: the sealed original text
  // and contact, the location, and the body hash (a fingerprint of the original). The masked
  // text, notes, answer and history stay: they are the institution's record of the case and hold
  // no unmasked personal data by construction. Records a `personal_data_erased` case event with
  // the reason, in the same transaction. Idempotent: a second call changes nothing and reports
  // the first erasure (already_erased = true). Afterwards ReadSealedOriginal fails with
  // kFailedPrecondition, reason "personal_data_erased".
  struct ErasureResult {
    int64_t erased_at_ms = 0;
    bool already_erased = false;
  };
  virtual Result<ErasureResult> ErasePersonalData(int64_t case_id, const std::string& reason,
                                                  const Actor& actor) = 0;
  // Passes the free text staff wrote about a case — notes, the answer and its decision reason,
  // the public answer, the purposes in the access log, the string values in the case history —
  // through `redact` (the personal-data engine's masking) and stores what changed, in one
  // transaction. Part of an erasure: staff may have written the citizen's name or number there.
  // Returns how many texts changed; a second call with the same redactor changes none.
  using TextRedactor = std::function<std::string(const std::string&)>;
  virtual Result<int64_t> RedactFreeText(int64_t case_id, const TextRedactor& redact) = 0;

  // ---- AI oversight (2024/108 Yönetici (4)) ----
  // One row per case received in [from_ms, to_ms) that carries AI suggestions: what the models
  // proposed, what the humans finally chose, and the verdict of the first human routing decision
  // on the suggestion ("accepted", "overridden", or "" while nobody has routed the case). Oldest
  // first, at most `limit` rows.
  struct SuggestionOutcome {
    int64_t case_id = 0;
    int64_t received_at_ms = 0;
    cases::Channel channel = cases::Channel::kWeb;
    std::string unit_code;   // "" while in the root's triage queue
    std::string topic_code;  // the human's final topic; "" until routed
    std::string suggestions_json;
    std::string ai_decision;
  };
  virtual Result<std::vector<SuggestionOutcome>> ListSuggestionOutcomes(int64_t from_ms,
                                                                        int64_t to_ms,
                                                                        int limit) = 0;

  // ---- operations ----
  // OK when the database answers a trivial query; used by /readyz.
  virtual Status Ping() = 0;
  // Finishes queued writes and closes. Further calls fail with kUnavailable. Idempotent.
  virtual void Close() = 0;
};

struct SqliteOptions {
  std::string path;          // database file
  int max_batch = 512;       // most writes committed in one transaction
  int read_connections = 4;  // pooled read-only connections
};

// Opens (creating if needed) a SQLite store and applies pending migrations.
Result<std::unique_ptr<Store>> OpenSqliteStore(const SqliteOptions& options);

}  // namespace kapi::store
