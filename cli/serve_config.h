#pragma once
// Configuration of `kapi serve`. Sources, lowest precedence first: built-in defaults, the JSON
// file (<data-dir>/kapi.json or --config), environment variables (KAPI_*), command-line flags.
// Every key, its variable and flag are listed in docs/configuration.md.

#include <string>

#include <CLI/CLI.hpp>

#include "base/status.h"

namespace kapi::cli {

struct ServeConfig {
  std::string data_dir = "./var";
  std::string config_file;  // empty: <data_dir>/kapi.json if it exists
  std::string listen = "127.0.0.1:8080";
  int io_threads = 2;
  int work_threads = 4;
  int64_t max_body_bytes = 64 * 1024;
  int64_t max_text_chars = 10'000;
  int64_t request_timeout_ms = 10'000;
  int64_t shutdown_grace_ms = 10'000;
  bool access_log = true;
  bool cookie_secure = true;  // false only for plain-HTTP development off localhost
  std::string port_file;      // write the bound port here (for tests and scripts)
  // Empty: SQLite in data_dir; postgresql://… : PostgreSQL (store/store_factory.h).
  std::string database_url;
};

// Declares every option on `sub`, bound to `config`, with its KAPI_* environment variable.
void AddServeOptions(CLI::App* sub, ServeConfig* config);

// Adds --database-url (env KAPI_DATABASE_URL) to any command that opens the store.
void AddDatabaseUrlOption(CLI::App* sub, std::string* database_url);

// After parsing: fills options that were given neither as flag nor as environment variable from
// the JSON config file. Unknown keys and wrong types are errors that name the key.
Status ApplyConfigFile(CLI::App* sub, ServeConfig* config);

// Splits "host:port"; kInvalidArgument naming the problem otherwise.
Status ParseListen(const std::string& listen, std::string* host, uint16_t* port);

}  // namespace kapi::cli
