#pragma once
// The leaf: a versioned binary frame with the event's non-personal half and a salted commitment
// to its erasable payload. The Merkle leaf input is exactly these bytes
// (docs/formats/ledger.md §Leaf frame, version 1):
//
//   u8  version (1)
//   u64 seq          big-endian; the leaf index, so a row moved to another place is caught
//   i64 time_ms      big-endian, milliseconds since the Unix epoch (UTC)
//   u8  event type   (event.h codes)
//   str actor                       str = u8 length ‖ bytes
//   u8  subject count, then each subject as str
//   u8  attribute count, then each as str key ‖ str value
//   u8  commitment flag (0 none, 1 present) ‖ 32-byte commitment when present
//
//   commitment = SHA-256(0x02 ‖ salt(32) ‖ canonical payload)
//
// Thread-safety: pure functions.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"
#include "ledger/event.h"
#include "ledger/hash.h"

namespace kapi::ledger {

inline constexpr uint8_t kFrameVersion = 1;
inline constexpr size_t kSaltSize = 32;

struct LeafFrame {
  uint64_t seq = 0;
  int64_t time_ms = 0;
  EventType type = EventType::kStateChange;
  std::string actor;
  std::vector<std::string> subjects;
  std::vector<std::pair<std::string, std::string>> attributes;
  std::optional<Hash> commitment;
};

// Encodes a frame. The fields must satisfy ValidateEvent's limits (each string <= 255 bytes).
std::string EncodeFrame(const LeafFrame& frame);
// Strict decoding: unknown version or event type, truncation and trailing bytes are errors.
Result<LeafFrame> DecodeFrame(std::string_view bytes);

// The payload's canonical form: the parsed JSON re-serialised with object keys sorted by their
// UTF-8 bytes, no insignificant whitespace, strings as UTF-8 with minimal escapes. Fails on
// anything that is not a JSON object.
Result<std::string> CanonicalPayload(std::string_view json);

Hash PayloadCommitment(std::string_view salt, std::string_view canonical_payload);

// The frame as JSON for people and tools (type by name, commitment in hex).
std::string FrameToJson(const LeafFrame& frame);

}  // namespace kapi::ledger
