#pragma once
// What the SQLite and PostgreSQL stores share beyond the Store interface: where staff-written free
// text about a case lives (Store::RedactFreeText), the JSON walks over case events, and the error
// for an erased original. Private to store/.

#include <optional>
#include <span>
#include <string>

#include "store/store.h"

namespace kapi::store {

// A text column of a case: `SELECT key, text FROM table WHERE owner = case_id`.
struct FreeTextColumn {
  const char* table;
  const char* key;
  const char* text;
  const char* owner;
};

// Notes, the answer and its decision reason, the access log's purposes, the public answer.
std::span<const FreeTextColumn> FreeTextColumns();

// Applies `redact` to every string value of a case event's detail JSON; returns the new JSON, or
// nullopt when nothing changed (or the JSON is unreadable).
std::optional<std::string> RedactEventDetail(const std::string& detail_json,
                                             const Store::TextRedactor& redact);

// The `ai_decision` of a routing case event's detail JSON ("" when absent or unreadable), for
// SuggestionOutcome::ai_decision.
std::string AiDecisionOfRoutingEvent(const std::string& detail_json);

// The error ReadSealedOriginal returns once a case's personal data was erased.
Status ErasedOriginal(int64_t case_id);

}  // namespace kapi::store
