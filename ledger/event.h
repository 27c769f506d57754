#pragma once
// What the ledger records. An AuditEvent has two halves:
//  * the public frame: event type, time, actor, opaque subject ids and short non-personal
//    attributes (model version, decision, state names). It goes into the Merkle leaf, which is
//    kept forever and may be shown to an outside auditor, so it must never hold personal data;
//  * the erasable payload: JSON that may hold personal data (a reason typed by an officer, the
//    fields that were read). It is stored encrypted under the key of `person_id` and only a salted
//    commitment to it enters the leaf; erasing the person destroys the key.
//
// ValidateEvent enforces what it can mechanically: identifiers and attribute values use a narrow
// character set without spaces (no names or free text), may not contain a valid T.C. kimlik
// number or a long digit run (card, IBAN), and each event type carries the fields it needs.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"

namespace kapi::ledger {

// Stable one-byte codes; the names are the format's identifiers (docs/formats/ledger.md).
enum class EventType : uint8_t {
  kStateChange = 1,       // state_change: a case moved between states; attrs from, to
  kPersonalDataRead = 2,  // personal_data_read: someone saw unmasked personal data; attr field
  kAiSuggestion = 3,      // ai_suggestion: a model proposed something; attr model=name@version
  kHumanDecision = 4,     // human_decision: accept/override of a suggestion; override needs a
                          // payload with a "reason"
  kApproval = 5,          // approval: a manager approved or returned an answer; attr result
  kAnswerSent = 6,        // answer_sent: the answer left the institution; attr channel
  kErasure = 7,           // erasure: a person's payloads were crypto-shredded (written by Erase)
  kLogin = 8,             // login: sign-in attempt; attr result=ok|failed
  kPermissionChange = 9,  // permission_change: a role or unit was granted or revoked
  kSettingChange = 10,    // setting_change: e.g. AI features switched off for a unit
};

std::string_view EventTypeName(EventType type);
std::optional<EventType> EventTypeFromName(std::string_view name);
bool IsKnownEventType(uint8_t code);

struct AuditEvent {
  EventType type = EventType::kStateChange;
  // Milliseconds since the epoch; 0 means "now" by the store's clock.
  int64_t time_ms = 0;
  // Who acted, as an opaque id: "user:17", "model:topic-fasttext@2024.05", "system", "citizen".
  std::string actor;
  // What it was about, as opaque ids: "case:42", "request:7", "unit:ANK-01".
  std::vector<std::string> subjects;
  // Short non-personal facts, e.g. {"model","topic@3"}, {"decision","override"}, {"to","closed"}.
  std::vector<std::pair<std::string, std::string>> attributes;
  // The data subject the payload is about, as an opaque id; required when payload_json is set.
  std::string person_id;
  // JSON object that may contain personal data; empty for none.
  std::string payload_json;
  // When set (an opaque id such as "intake:case:42"), the store appends the event at most once
  // under this key: a later append with the same key returns the first one's seq and writes
  // nothing. Lets a retried or replayed operation record its audit event exactly once, even
  // when the node that first tried died between the store commit and the ledger commit. Not
  // part of the leaf frame.
  std::string idempotency_key;
};

inline constexpr size_t kMaxIdLength = 128;
inline constexpr size_t kMaxKeyLength = 32;
inline constexpr size_t kMaxSubjects = 16;
inline constexpr size_t kMaxAttributes = 16;

// OK when `id` may appear in a public leaf (see the header comment).
Status ValidateOpaqueId(std::string_view id, std::string_view field);
// OK when the event may be appended. Does not look inside the payload beyond what the type needs.
Status ValidateEvent(const AuditEvent& event);

// Attribute lookup; nullptr when absent.
const std::string* FindAttribute(const AuditEvent& event, std::string_view key);

}  // namespace kapi::ledger
