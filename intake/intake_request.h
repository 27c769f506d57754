#pragma once
// Validation of one intake request (JSON object) shared by the HTTP API and `kapi import`. Every
// rejection is a Status with a stable reason (error.code in the API), a Turkish-first message
// that says how to fix it, and the offending field.
//
// Accepted shape (unknown fields are refused):
//   {"text": string, "channel": string, "contact": {...}?, "location": {...}?,
//    "idempotency_key": string?}
//   contact:  {"name"?, "phone"?, "email"?, "address"?, "national_id"?}  strings, ≤ 300 chars each
//   location: {"lat"?: number, "lon"?: number, "district"?, "neighbourhood"?, "description"?}

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "cases/channel.h"

namespace kapi::intake {

struct IntakeLimits {
  size_t max_text_chars = 10'000;  // Unicode code points, after NFC
  size_t max_field_chars = 300;    // contact and location strings
};

struct IntakeInput {
  std::string text;  // NFC
  cases::Channel channel = cases::Channel::kWeb;
  nlohmann::json contact;   // object or null; personal data
  nlohmann::json location;  // object or null
  std::optional<std::string> idempotency_key;
  std::string body_hash;  // hex; identifies the request content for idempotency
  // A topic code the sender chose (an Open311 service_code); stored as the case's topic for a
  // person to confirm in triage. Empty: none.
  std::string topic_code;
};

// Parses and validates raw bytes (must be UTF-8 JSON).
Result<IntakeInput> ParseIntakeJson(std::string_view body, const IntakeLimits& limits);
// OK when `key` is 1-128 printable ASCII characters (no spaces).
Status CheckIdempotencyKey(std::string_view key);
// Validates an already parsed JSON value.
Result<IntakeInput> ValidateIntake(const nlohmann::json& value, const IntakeLimits& limits);

}  // namespace kapi::intake
