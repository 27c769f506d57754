#pragma once
// Plain domain records shared by intake, storage and HTTP. Personal data never sits in clear in
// these records except in fields whose names say so (`*_sealed` fields hold ciphertext).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cases/case_state.h"
#include "cases/channel.h"

namespace kapi::cases {

// An organisational unit. Units form a tree: institution → department → unit.
struct Unit {
  std::string code;         // stable, e.g. "fen-isleri"
  std::string name;         // Turkish display name
  std::string parent_code;  // empty for the institution root
  // A unit manager may switch AI suggestions off for the unit (2024/108 Yetkinlik (6)).
  bool ai_enabled = true;
};

// A request topic with its code, display name and the unit that handles it by default.
struct Topic {
  std::string code;  // e.g. "ulasim"
  std::string name;  // e.g. "Ulaşım"
  std::string default_unit_code;
  // Sensitive topics get routing help only, never an AI decision suggestion (2024/108 Yetkinlik 7).
  bool sensitive = false;
  // SLA in days; working_days decides whether weekends/holidays count.
  int sla_days = 30;
  bool sla_working_days = false;
};

// Staff member. Authentication details live in the store, not here.
struct StaffUser {
  std::string username;
  std::string display_name;
  std::string role;  // desk_officer, case_officer, unit_manager, admin, auditor
  std::string unit_code;
};

// What intake hands to the store for one accepted request.
struct NewRequest {
  std::string tracking_code;
  std::string secret_hash;    // hex SHA-256-class hash of the citizen's secret
  std::string secret_sealed;  // the secret itself, encrypted (for idempotent replays)
  Channel channel = Channel::kWeb;
  std::string text_masked;     // what staff and models see
  std::string text_sealed;     // original text, encrypted at rest
  std::string contact_sealed;  // contact JSON, encrypted; empty when none
  std::string location_json;   // coarse location as given (no personal data expected)
  std::optional<std::string> idempotency_key;
  std::string body_hash;         // hash of the canonical request, to detect key reuse
  std::string suggestions_json;  // AI suggestions (advisory), with model version
  std::string topic_code;        // suggested or empty; a human confirms during triage
  std::string unit_code;         // routed unit or empty
  int64_t received_at_ms = 0;
  int64_t due_at_ms = 0;  // SLA deadline; 0 when unknown
};

// Result of storing a NewRequest.
struct IntakeReceipt {
  int64_t case_id = 0;
  std::string tracking_code;
  std::string secret_sealed;  // for a replay: the original secret's ciphertext
  CaseState state = CaseState::kNew;
  bool replayed = false;  // true when the idempotency key matched an earlier request
};

struct CaseRecord {
  int64_t id = 0;
  std::string tracking_code;
  Channel channel = Channel::kWeb;
  CaseState state = CaseState::kNew;
  std::string text_masked;
  std::string location_json;
  std::string topic_code;
  std::string unit_code;
  std::string assignee;
  std::string suggestions_json;
  std::string public_answer;
  int64_t received_at_ms = 0;
  int64_t updated_at_ms = 0;
  int64_t due_at_ms = 0;
  int64_t version = 0;  // bumps on every change; used for optimistic concurrency
  // > 0: the citizen's personal data in this case (sealed original, contact, location) was erased
  // at this time (KVKK 6698 md. 7; Store::ErasePersonalData). The masked record stays.
  int64_t erased_at_ms = 0;
};

struct Note {
  int64_t id = 0;
  int64_t case_id = 0;
  std::string author;
  std::string text;
  int64_t created_at_ms = 0;
};

// An entry in a case's history: state changes, assignment, notes, answers.
struct CaseEvent {
  int64_t id = 0;
  int64_t case_id = 0;
  std::string actor;  // "user:<name>", "model:<name>@<version>", "system", "citizen"
  std::string kind;   // "created", "transition", "assign", "note", ...
  std::string detail_json;
  int64_t at_ms = 0;
};

struct CaseFilter {
  std::optional<CaseState> state;
  std::optional<std::string> unit_code;
  // When non-empty: only cases in one of these units (organisation-unit scope).
  std::vector<std::string> unit_in;
  std::optional<std::string> topic_code;
  std::optional<Channel> channel;
  std::optional<int64_t> received_from_ms;  // inclusive
  std::optional<int64_t> received_to_ms;    // exclusive
  std::optional<std::string> query;         // full-text search; normalized by the store
  std::optional<std::string> assignee;
  int limit = 50;                    // 1..500
  std::optional<int64_t> before_id;  // keyset pagination: ids below this
};

}  // namespace kapi::cases

namespace kapi::cases {

// Where an answer's text came from (2024/108 Dürüstlük (2): AI use is disclosed).
enum class Provenance { kHuman, kAi, kAiEdited };
std::string_view ProvenanceName(Provenance p);  // "human", "ai", "ai_edited"
std::optional<Provenance> ParseProvenance(std::string_view name);

// The current answer of a case. One row per case; resubmitting replaces the draft.
struct Answer {
  int64_t case_id = 0;
  std::string text;
  Provenance provenance = Provenance::kHuman;
  std::string author;      // actor id
  std::string status;      // "draft", "pending_approval", "returned", "sent"
  std::string decided_by;  // approver / returner, when decided
  std::string decision_reason;
  std::string findings_json;  // policy findings shown with the draft (may be empty)
  int64_t updated_at_ms = 0;
  bool ai_assisted() const { return provenance != Provenance::kHuman; }
};

// A staff member's authentication state.
struct StaffCredentials {
  StaffUser user;
  std::string password_hash;  // Argon2id string
  std::string totp_sealed;    // sealed TOTP secret, empty when 2FA is off
  int failed_logins = 0;
  int64_t locked_until_ms = 0;
  bool must_change_password = false;
};

// A login session. The token itself is never stored: only its hash.
struct Session {
  std::string token_hash;
  std::string username;
  std::string csrf_token;
  int64_t created_at_ms = 0;
  int64_t last_seen_ms = 0;
  int64_t expires_at_ms = 0;  // absolute limit
};

// One read of unmasked personal data.
struct AccessRecord {
  int64_t id = 0;
  int64_t case_id = 0;
  std::string actor;
  std::string what;  // "text", "contact"
  std::string purpose;
  int64_t at_ms = 0;
};

}  // namespace kapi::cases
