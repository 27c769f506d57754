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
  // Records the human triage decision (topic and unit); the referenced rows must exist.
  virtual Result<cases::CaseRecord> SetRouting(int64_t case_id, const std::string& topic_code,
                                               const std::string& unit_code,
                                               const Actor& actor) = 0;
  virtual Result<cases::Note> AddNote(int64_t case_id, const std::string& text,
                                      const Actor& actor) = 0;
  virtual Result<std::vector<cases::Note>> ListNotes(int64_t case_id) = 0;
  virtual Result<std::vector<cases::CaseEvent>> ListEvents(int64_t case_id) = 0;
  virtual Result<int64_t> CountCases() = 0;

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
