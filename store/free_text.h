#pragma once
// Where staff-written free text about a case lives, for Store::RedactFreeText on both backends:
// the same columns, the same JSON walk over the case history. Private to store/.

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

}  // namespace kapi::store
