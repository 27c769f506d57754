#pragma once
// Structured JSON logs, one object per line on stderr. Contract: callers pass only non-personal
// fields (ids, codes, counts, durations); request texts, contacts and names never go to a log.
// Thread-safe.

#include <string_view>

#include <nlohmann/json.hpp>

namespace kapi::log {

enum class Level { kDebug, kInfo, kWarn, kError };

void SetMinLevel(Level level);
// Writes {"ts": ..., "level": ..., "event": event, ...fields}.
void Write(Level level, std::string_view event,
           const nlohmann::json& fields = nlohmann::json::object());

inline void Info(std::string_view event, const nlohmann::json& f = nlohmann::json::object()) {
  Write(Level::kInfo, event, f);
}
inline void Warn(std::string_view event, const nlohmann::json& f = nlohmann::json::object()) {
  Write(Level::kWarn, event, f);
}
inline void Error(std::string_view event, const nlohmann::json& f = nlohmann::json::object()) {
  Write(Level::kError, event, f);
}

}  // namespace kapi::log
