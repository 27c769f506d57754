// Durability: kill -9 the server in the middle of a burst of POSTs. After a restart every request
// that got a 2xx is stored, and none is stored twice.

#include <signal.h>
#include <sqlite3.h>

#include <atomic>
#include <mutex>
#include <set>
#include <thread>

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include "tests/server_process.h"

namespace kapi::testing {
namespace {

using nlohmann::json;

std::string BodyFor(const std::string& key) {
  return json{{"text", "Dayanıklılık sınaması " + key + " sokak lambası arızalı"},
              {"channel", "web"},
              {"idempotency_key", key}}
      .dump();
}

TEST(Durability, KillDashNineLosesNoAcknowledgedRequest) {
  TempDataDir dir;
  std::mutex mu;
  std::map<std::string, std::string> acked;  // idempotency key → tracking code
  std::set<std::string> sent;
  {
    ServerProcess server(dir.path(), {"--access-log", "false"});
    ASSERT_TRUE(server.started());
    std::atomic<bool> stop{false};
    std::vector<std::thread> clients;
    for (int t = 0; t < 16; ++t) {
      clients.emplace_back([&, t] {
        HttpConnection conn(server.port());
        for (int n = 0; !stop.load(); ++n) {
          std::string key = "dur-" + std::to_string(t) + "-" + std::to_string(n);
          {
            std::lock_guard l(mu);
            sent.insert(key);
          }
          auto r = conn.Send("POST", "/api/v1/requests", BodyFor(key),
                             {{"Content-Type", "application/json"}});
          if (r.status == 0) return;  // server gone
          if (r.status == 201) {
            std::lock_guard l(mu);
            acked[key] = json::parse(r.body)["tracking_code"];
          }
        }
      });
    }
    // Let the burst build up, then pull the plug.
    for (int i = 0; i < 200; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
      std::lock_guard l(mu);
      if (acked.size() >= 400) break;
    }
    server.StopWith(SIGKILL);
    stop = true;
    for (auto& c : clients) c.join();
  }
  ASSERT_GT(acked.size(), 50u) << "the burst was too small to test anything";

  // Restart: recovery from the WAL must keep every acknowledged request.
  ServerProcess again(dir.path(), {"--access-log", "false"});
  ASSERT_TRUE(again.started());
  HttpConnection conn(again.port());
  for (const auto& [key, code] : acked) {
    auto r =
        conn.Send("POST", "/api/v1/requests", BodyFor(key), {{"Content-Type", "application/json"}});
    ASSERT_EQ(r.status, 200) << "acknowledged request " << key << " was lost: " << r.body;
    EXPECT_EQ(json::parse(r.body)["tracking_code"], code);
  }
  again.StopWith(SIGTERM);

  // None twice: every stored text (each carries its unique key) appears once.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2((dir.path() + "/kapi.db").c_str(), &db, SQLITE_OPEN_READONLY, nullptr),
            SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db,
                               "SELECT COUNT(*), COUNT(DISTINCT text_masked), "
                               "COUNT(DISTINCT idempotency_key) FROM cases",
                               -1, &st, nullptr),
            SQLITE_OK);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  const int64_t rows = sqlite3_column_int64(st, 0);
  EXPECT_EQ(rows, sqlite3_column_int64(st, 1));
  EXPECT_EQ(rows, sqlite3_column_int64(st, 2));
  EXPECT_GE(rows, static_cast<int64_t>(acked.size()));
  EXPECT_LE(rows, static_cast<int64_t>(sent.size()));
  sqlite3_finalize(st);
  sqlite3_close(db);
}

}  // namespace
}  // namespace kapi::testing
