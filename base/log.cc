#include "base/log.h"

#include <atomic>
#include <cstdio>
#include <mutex>

#include "base/clock.h"

namespace kapi::log {
namespace {
std::atomic<Level> g_min_level{Level::kInfo};
std::mutex g_mu;

const char* LevelName(Level level) {
  switch (level) {
    case Level::kDebug:
      return "debug";
    case Level::kInfo:
      return "info";
    case Level::kWarn:
      return "warn";
    case Level::kError:
      return "error";
  }
  return "info";
}
}  // namespace

void SetMinLevel(Level level) { g_min_level.store(level); }

void Write(Level level, std::string_view event, const nlohmann::json& fields) {
  if (level < g_min_level.load()) return;
  nlohmann::json line = {{"ts", FormatRfc3339(SystemClock().NowMillis())},
                         {"level", LevelName(level)},
                         {"event", event}};
  if (fields.is_object()) {
    for (auto it = fields.begin(); it != fields.end(); ++it) line[it.key()] = it.value();
  }
  // Replace, never throw, on any invalid UTF-8 that slipped into a field.
  std::string text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::lock_guard lock(g_mu);
  std::fputs(text.c_str(), stderr);
  std::fputc('\n', stderr);
}

}  // namespace kapi::log
