#include "cli/serve_config.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

namespace kapi::cli {
namespace {

struct Key {
  const char* json;
  const char* flag;
  const char* env;
};
// One table drives flags, environment variables and config-file keys.
constexpr Key kListen{"listen", "--listen", "KAPI_LISTEN"};
constexpr Key kIoThreads{"io_threads", "--io-threads", "KAPI_IO_THREADS"};
constexpr Key kWorkThreads{"work_threads", "--work-threads", "KAPI_WORK_THREADS"};
constexpr Key kMaxBody{"max_body_bytes", "--max-body-bytes", "KAPI_MAX_BODY_BYTES"};
constexpr Key kMaxText{"max_text_chars", "--max-text-chars", "KAPI_MAX_TEXT_CHARS"};
constexpr Key kTimeout{"request_timeout_ms", "--request-timeout-ms", "KAPI_REQUEST_TIMEOUT_MS"};
constexpr Key kGrace{"shutdown_grace_ms", "--shutdown-grace-ms", "KAPI_SHUTDOWN_GRACE_MS"};
constexpr Key kAccessLog{"access_log", "--access-log", "KAPI_ACCESS_LOG"};
constexpr Key kCookieSecure{"cookie_secure", "--cookie-secure", "KAPI_COOKIE_SECURE"};
constexpr Key kDatabaseUrl{"database_url", "--database-url", "KAPI_DATABASE_URL"};

}  // namespace

void AddDatabaseUrlOption(CLI::App* sub, std::string* database_url) {
  sub->add_option(kDatabaseUrl.flag, *database_url,
                  "postgresql://… to use PostgreSQL (default: SQLite in the data directory)")
      ->envname(kDatabaseUrl.env);
}

void AddServeOptions(CLI::App* sub, ServeConfig* c) {
  sub->add_option("--data-dir", c->data_dir, "Data directory (default ./var)")
      ->envname("KAPI_DATA_DIR");
  sub->add_option("--config", c->config_file, "JSON config file (default <data-dir>/kapi.json)")
      ->envname("KAPI_CONFIG");
  sub->add_option(kListen.flag, c->listen, "HOST:PORT to listen on (default 127.0.0.1:8080)")
      ->envname(kListen.env);
  sub->add_option(kIoThreads.flag, c->io_threads, "HTTP I/O threads")
      ->envname(kIoThreads.env)
      ->check(CLI::Range(1, 64));
  sub->add_option(kWorkThreads.flag, c->work_threads, "Threads for blocking staff work")
      ->envname(kWorkThreads.env)
      ->check(CLI::Range(1, 256));
  sub->add_option(kMaxBody.flag, c->max_body_bytes, "Largest accepted request body in bytes")
      ->envname(kMaxBody.env)
      ->check(CLI::Range(int64_t{1024}, int64_t{64} << 20));
  sub->add_option(kMaxText.flag, c->max_text_chars, "Longest request text in characters")
      ->envname(kMaxText.env)
      ->check(CLI::Range(int64_t{1}, int64_t{1'000'000}));
  sub->add_option(kTimeout.flag, c->request_timeout_ms, "Per-request handler timeout (ms)")
      ->envname(kTimeout.env)
      ->check(CLI::Range(int64_t{100}, int64_t{600'000}));
  sub->add_option(kGrace.flag, c->shutdown_grace_ms, "How long SIGTERM waits for in-flight work")
      ->envname(kGrace.env)
      ->check(CLI::Range(int64_t{0}, int64_t{600'000}));
  sub->add_option(kAccessLog.flag, c->access_log, "Log one JSON line per request (true/false)")
      ->envname(kAccessLog.env);
  sub->add_option(kCookieSecure.flag, c->cookie_secure,
                  "Mark the session cookie Secure (true/false); browsers accept Secure cookies on "
                  "http://localhost, so turn it off only for plain HTTP on other hosts")
      ->envname(kCookieSecure.env);
  sub->add_option("--port-file", c->port_file, "Write the bound port to this file");
  AddDatabaseUrlOption(sub, &c->database_url);
}

Status ApplyConfigFile(CLI::App* sub, ServeConfig* c) {
  std::string path = c->config_file;
  if (path.empty()) {
    path = (std::filesystem::path(c->data_dir) / "kapi.json").string();
    if (!std::filesystem::exists(path)) return Status::Ok();
  }
  std::ifstream in(path);
  if (!in) return InvalidArgument("cannot read config file " + path, "config");
  std::stringstream ss;
  ss << in.rdbuf();
  nlohmann::json j = nlohmann::json::parse(ss.str(), nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    return InvalidArgument("config file " + path + " is not a JSON object", "config");
  }
  auto given = [sub](const Key& k) { return sub->get_option(k.flag)->count() > 0; };
  for (auto it = j.begin(); it != j.end(); ++it) {
    const std::string& key = it.key();
    auto wrong = [&](const char* want) {
      return InvalidArgument("config " + path + ": '" + key + "' must be " + want, key);
    };
    auto set_int = [&](const Key& k, auto* target) -> Status {
      if (!it->is_number_integer()) return wrong("an integer");
      if (!given(k)) *target = it->get<std::decay_t<decltype(*target)>>();
      return Status::Ok();
    };
    Status s;
    if (key == kListen.json) {
      if (!it->is_string()) return wrong("a string");
      if (!given(kListen)) c->listen = it->get<std::string>();
    } else if (key == kCookieSecure.json) {
      if (!it->is_boolean()) return wrong("true or false");
      if (!given(kCookieSecure)) c->cookie_secure = it->get<bool>();
    } else if (key == kDatabaseUrl.json) {
      if (!it->is_string()) return wrong("a string");
      if (!given(kDatabaseUrl)) c->database_url = it->get<std::string>();
    } else if (key == kAccessLog.json) {
      if (!it->is_boolean()) return wrong("true or false");
      if (!given(kAccessLog)) c->access_log = it->get<bool>();
    } else if (key == kIoThreads.json) {
      s = set_int(kIoThreads, &c->io_threads);
    } else if (key == kWorkThreads.json) {
      s = set_int(kWorkThreads, &c->work_threads);
    } else if (key == kMaxBody.json) {
      s = set_int(kMaxBody, &c->max_body_bytes);
    } else if (key == kMaxText.json) {
      s = set_int(kMaxText, &c->max_text_chars);
    } else if (key == kTimeout.json) {
      s = set_int(kTimeout, &c->request_timeout_ms);
    } else if (key == kGrace.json) {
      s = set_int(kGrace, &c->shutdown_grace_ms);
    } else {
      return InvalidArgument("config " + path + ": unknown key '" + key + "'", key);
    }
    KAPI_RETURN_IF_ERROR(s);
  }
  return Status::Ok();
}

Status ParseListen(const std::string& listen, std::string* host, uint16_t* port) {
  size_t colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == listen.size()) {
    return InvalidArgument("--listen must be HOST:PORT, e.g. 127.0.0.1:8080", "listen");
  }
  std::string p = listen.substr(colon + 1);
  char* end = nullptr;
  long v = std::strtol(p.c_str(), &end, 10);
  if (*end != '\0' || v < 0 || v > 65535) {
    return InvalidArgument("--listen port must be 0-65535", "listen");
  }
  *host = listen.substr(0, colon);
  if (host->size() > 2 && host->front() == '[' && host->back() == ']') {
    *host = host->substr(1, host->size() - 2);
  }
  *port = static_cast<uint16_t>(v);
  return Status::Ok();
}

}  // namespace kapi::cli
