#pragma once
// Helpers for the ledger store tests: temp data dirs, synthetic events, raw SQL on the file.

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "ledger/event.h"
#include "store/ledger_store.h"

namespace kapi::store::testing {

class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("kapi_ledger_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// A syntactically valid, synthetic T.C. kimlik number (never a real person's).
inline std::string FakeTcKimlik(uint32_t seed) {
  int v[11];
  uint32_t x = seed * 2654435761u + 12345;
  v[0] = 1 + x % 9;
  for (int i = 1; i < 9; ++i) {
    x = x * 1103515245u + 12345;
    v[i] = (x >> 16) % 10;
  }
  const int odd = v[0] + v[2] + v[4] + v[6] + v[8];
  const int even = v[1] + v[3] + v[5] + v[7];
  v[9] = ((odd * 7 - even) % 10 + 10) % 10;
  int sum = 0;
  for (int i = 0; i < 10; ++i) sum += v[i];
  v[10] = sum % 10;
  std::string out;
  for (int d : v) out.push_back(static_cast<char>('0' + d));
  return out;
}

// Event i: every third one carries a payload about person "person:p<i % 5>".
inline ledger::AuditEvent MakeEvent(int i) {
  ledger::AuditEvent e;
  switch (i % 4) {
    case 0:
      e.type = ledger::EventType::kStateChange;
      e.attributes = {{"from", "new"}, {"to", "triaged"}};
      break;
    case 1:
      e.type = ledger::EventType::kAiSuggestion;
      e.attributes = {{"model", "topic-fasttext@2024.05"}};
      break;
    case 2:
      e.type = ledger::EventType::kPersonalDataRead;
      e.attributes = {{"field", "phone"}};
      break;
    default:
      e.type = ledger::EventType::kLogin;
      e.attributes = {{"result", "ok"}};
  }
  e.time_ms = 1717243200000 + i;
  e.actor = "user:" + std::to_string(i % 7);
  e.subjects = {"case:" + std::to_string(i / 3)};
  if (i % 3 == 0) {
    e.person_id = "person:p" + std::to_string(i % 5);
    e.payload_json =
        R"({"ad":"Deneme Kişi )" + std::to_string(i) + R"(","tckn":")" + FakeTcKimlik(i) + R"("})";
  }
  return e;
}

inline LedgerOptions OptionsFor(const std::filesystem::path& dir) {
  LedgerOptions o = LedgerOptionsForDataDir(dir.string());
  o.origin = "kapi.test/ledger";
  o.max_batch = 64;
  return o;
}

// Copies the ledger's signing and payload key files from one data dir to another, as an operator
// sets up a second node (or a second process with its own data dir) on the same ledger.
inline void CopyLedgerKeys(const std::filesystem::path& from_dir,
                           const std::filesystem::path& to_dir) {
  std::filesystem::create_directories(to_dir / "keys");
  for (const char* name : {"ledger-ed25519.key", "ledger-payload.key"}) {
    std::filesystem::copy_file(from_dir / "keys" / name, to_dir / "keys" / name,
                               std::filesystem::copy_options::overwrite_existing);
  }
}

// Runs SQL directly on the database file, as an attacker with file access would.
inline void RawSql(const std::filesystem::path& db_path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(db_path.c_str(), &db), SQLITE_OK);
  char* err = nullptr;
  int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
  std::string msg = err ? err : "";
  sqlite3_free(err);
  sqlite3_close(db);
  ASSERT_EQ(rc, SQLITE_OK) << msg << " in: " << sql;
}

// The first column of the first row of `sql`, as bytes.
inline std::string RawQuery(const std::filesystem::path& db_path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open(db_path.c_str(), &db);
  sqlite3_stmt* st = nullptr;
  std::string out;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK &&
      sqlite3_step(st) == SQLITE_ROW) {
    const void* p = sqlite3_column_blob(st, 0);
    out.assign(static_cast<const char*>(p ? p : ""), sqlite3_column_bytes(st, 0));
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  return out;
}

inline std::string FileBytes(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Every byte SQLite keeps for the database: the file, its WAL and shared-memory index.
inline std::string AllDbBytes(const std::filesystem::path& db_path) {
  std::string all = FileBytes(db_path);
  for (const char* suffix : {"-wal", "-shm", "-journal"}) {
    std::filesystem::path p = db_path;
    p += suffix;
    if (std::filesystem::exists(p)) all += FileBytes(p);
  }
  return all;
}

}  // namespace kapi::store::testing
