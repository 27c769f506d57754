// Several nodes, one PostgreSQL (issue 8, item 4). Two real `kapi serve` processes share one
// database (a fresh schema of the test cluster from scripts/pg-test-cluster) and the same keys.
//
// 1. Load spread over both nodes, one node killed with -9 mid-burst; its clients retry their
//    in-flight request on the other node with the same idempotency key (as a load balancer
//    would). Every acknowledged request is stored exactly once, nothing is half-written.
//    The nodes share one audit ledger in the database: afterwards `kapi audit verify
//    --database-url …` passes and the ledger holds exactly one intake event per stored request.
// 2. PostgreSQL restarted during load: requests in flight fail with 503 and a JSON error body
//    (never another status), both nodes reconnect by themselves and service resumes; every
//    acknowledged request is stored exactly once, nothing is half-written.

#include <signal.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <thread>

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include "ledger/leaf_frame.h"
#include "store/pg_conn.h"
#include "store/pg_test_util.h"
#include "tests/server_process.h"

namespace kapi::testing {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

std::string BodyFor(const std::string& key) {
  return json{{"text", "Çok düğümlü sınama " + key + " kaldırım taşları kırık"},
              {"channel", "web"},
              {"idempotency_key", key}}
      .dump();
}

// What the clients saw.
struct Load {
  std::mutex mu;
  std::map<std::string, std::string> acked;  // idempotency key → tracking code
  std::set<std::string> sent;
  std::map<int, int> statuses;          // HTTP status → count
  std::vector<std::string> bad_errors;  // 5xx bodies that were not a JSON error
  std::atomic<bool> stop{false};

  size_t AckedCount() {
    std::lock_guard l(mu);
    return acked.size();
  }
};

// One client: keep-alive POSTs to ports[first]; when the connection fails the same request is
// retried on the next node.
void RunClient(Load& load, const std::vector<int>& ports, size_t first, int t) {
  size_t which = first;
  auto conn = std::make_unique<HttpConnection>(ports[which]);
  std::string pending;
  for (int n = 0; !load.stop.load();) {
    std::string key =
        pending.empty() ? "mn-" + std::to_string(t) + "-" + std::to_string(n++) : pending;
    {
      std::lock_guard l(load.mu);
      load.sent.insert(key);
    }
    auto r = conn->Send("POST", "/api/v1/requests", BodyFor(key),
                        {{"Content-Type", "application/json"}});
    if (r.status == 0) {
      pending = key;
      which = (which + 1) % ports.size();
      std::this_thread::sleep_for(5ms);
      conn = std::make_unique<HttpConnection>(ports[which]);
      continue;
    }
    pending.clear();
    std::lock_guard l(load.mu);
    ++load.statuses[r.status];
    if (r.status == 200 || r.status == 201) {
      load.acked[key] = json::parse(r.body)["tracking_code"];
    } else if (r.status >= 500) {
      json body = json::parse(r.body, nullptr, false);
      if (body.is_discarded() || !body.contains("error")) load.bad_errors.push_back(r.body);
      std::this_thread::sleep_for(2ms);
    }
  }
}

class MultiNode : public ::testing::Test {
 protected:
  void SetUp() override {
    KAPI_NEED_TEST_POSTGRES();
    auto schema = store::testing::PgTestSchema::Create(*store::testing::TestDatabaseUrl());
    ASSERT_TRUE(schema.ok()) << schema.status().ToString();
    schema_ = std::move(*schema);
    // Node A creates the schema and the keys; node B gets a copy of the keys (deployment:
    // every node has the same keys/ directory).
    ASSERT_EQ(RunKapi({"init", "--data-dir", dir_a_.path(), "--database-url", schema_->url()}), 0);
    std::filesystem::copy(dir_a_.path() + "/keys", dir_b_.path() + "/keys",
                          std::filesystem::copy_options::recursive);
  }

  std::unique_ptr<ServerProcess> StartNode(const std::string& dir) {
    return std::make_unique<ServerProcess>(
        dir, std::vector<std::string>{"--database-url", schema_->url(), "--access-log", "false",
                                      "--request-timeout-ms", "20000"});
  }

  // Every acknowledged request replays to its original tracking code, and the database holds
  // each request once with its "created" event.
  void VerifyExactlyOnce(Load& load, int port) {
    {
      // Before the replays below, which would record anything missing.
      auto db = store::pg::Connection::Open({.url = schema_->url()});
      ASSERT_TRUE(db.ok()) << db.status().ToString();
      VerifyLedger(**db, load);
    }
    HttpConnection conn(port);
    for (const auto& [key, code] : load.acked) {
      auto r = conn.Send("POST", "/api/v1/requests", BodyFor(key),
                         {{"Content-Type", "application/json"}});
      ASSERT_EQ(r.status, 200) << "acknowledged request " << key << " was lost: " << r.body;
      EXPECT_EQ(json::parse(r.body)["tracking_code"], code);
    }
    auto db = store::pg::Connection::Open({.url = schema_->url()});
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    auto rows = (*db)->Exec(
        "SELECT COUNT(*), COUNT(DISTINCT text_masked), COUNT(DISTINCT idempotency_key),"
        " (SELECT COUNT(*) FROM cases c WHERE NOT EXISTS (SELECT 1 FROM case_events e"
        "   WHERE e.case_id = c.id AND e.kind = 'created')),"
        " (SELECT COUNT(*) FROM case_events WHERE kind = 'created')"
        " FROM cases");
    ASSERT_TRUE(rows.ok()) << rows.status().ToString();
    const int64_t stored = rows->Int(0, 0);
    EXPECT_EQ(stored, rows->Int(0, 1)) << "a request text is stored twice";
    EXPECT_EQ(stored, rows->Int(0, 2));
    EXPECT_EQ(rows->Int(0, 3), 0) << "cases without their created event (half-written)";
    EXPECT_EQ(rows->Int(0, 4), stored);
    EXPECT_GE(stored, static_cast<int64_t>(load.acked.size()));
    EXPECT_LE(stored, static_cast<int64_t>(load.sent.size()));
    VerifyLedger(**db, load);  // the replays added no second event
  }

  // One shared ledger: it verifies with the command an auditor runs, every acknowledged request's
  // case has exactly one intake event ("none" → "new" by the citizen), whichever node took it
  // and however often it was retried, and no case has two. (A request answered 503 because the
  // ledger was unreachable may be stored without its event until the client retries it.)
  void VerifyLedger(store::pg::Connection& db, Load& load) {
    EXPECT_EQ(
        RunKapi({"audit", "verify", "--data-dir", dir_b_.path(), "--database-url", schema_->url()}),
        0)
        << "kapi audit verify failed on the shared ledger";
    auto cases = db.Exec("SELECT id, tracking_code FROM cases");
    ASSERT_TRUE(cases.ok()) << cases.status().ToString();
    std::map<std::string, int> intake_events;
    std::map<std::string, std::string> case_of_code;
    for (int i = 0; i < cases->size(); ++i) {
      intake_events["case:" + cases->Text(i, 0)] = 0;
      case_of_code[cases->Text(i, 1)] = "case:" + cases->Text(i, 0);
    }
    auto leaves = db.Exec("SELECT frame FROM ledger_leaves ORDER BY seq");
    ASSERT_TRUE(leaves.ok()) << leaves.status().ToString();
    for (int i = 0; i < leaves->size(); ++i) {
      auto frame = ledger::DecodeFrame(leaves->Bytes(i, 0));
      ASSERT_TRUE(frame.ok()) << frame.status().ToString();
      const bool intake = frame->type == ledger::EventType::kStateChange &&
                          std::find(frame->attributes.begin(), frame->attributes.end(),
                                    std::make_pair(std::string("from"), std::string("none"))) !=
                              frame->attributes.end();
      if (!intake) continue;
      ASSERT_EQ(frame->subjects.size(), 1u);
      auto it = intake_events.find(frame->subjects[0]);
      ASSERT_NE(it, intake_events.end()) << "intake event for a case that is not stored";
      ++it->second;
    }
    for (const auto& [c, n] : intake_events)
      EXPECT_LE(n, 1) << c << " has " << n << " intake events";
    size_t checked = 0;
    for (const auto& [key, code] : load.acked) {
      auto c = case_of_code.find(code);
      ASSERT_NE(c, case_of_code.end()) << "acknowledged request " << key << " is not stored";
      EXPECT_EQ(intake_events[c->second], 1) << "acknowledged " << c->second << " has "
                                             << intake_events[c->second] << " intake events";
      ++checked;
    }
    EXPECT_EQ(checked, load.acked.size());
  }

  TempDataDir dir_a_;
  TempDataDir dir_b_;
  std::unique_ptr<store::testing::PgTestSchema> schema_;
};

TEST_F(MultiNode, KillDashNineOfOneNodeLosesNoAcknowledgedRequest) {
  auto a = StartNode(dir_a_.path());
  auto b = StartNode(dir_b_.path());
  ASSERT_TRUE(a->started() && b->started());
  const std::vector<int> ports = {a->port(), b->port()};
  Load load;
  std::vector<std::thread> clients;
  for (int t = 0; t < 16; ++t) {
    clients.emplace_back([&, t] { RunClient(load, ports, static_cast<size_t>(t % 2), t); });
  }
  for (int i = 0; i < 500 && load.AckedCount() < 400; ++i) std::this_thread::sleep_for(10ms);
  a->StopWith(SIGKILL);
  const size_t at_kill = load.AckedCount();
  // The survivor carries the whole load for a while.
  for (int i = 0; i < 500 && load.AckedCount() < at_kill + 300; ++i) {
    std::this_thread::sleep_for(10ms);
  }
  load.stop = true;
  for (auto& c : clients) c.join();
  ASSERT_GT(at_kill, 50u) << "the burst was too small to test anything";
  EXPECT_GT(load.AckedCount(), at_kill + 100) << "the surviving node did not take over";
  EXPECT_TRUE(load.bad_errors.empty()) << load.bad_errors.front();
  VerifyExactlyOnce(load, b->port());
}

TEST_F(MultiNode, PostgresRestartDuringLoadFailsCleanlyAndResumes) {
  const char* pg_dir = std::getenv("KAPI_TEST_PG_DIR");
  if (!pg_dir || !*pg_dir) {
    if (store::testing::PostgresRequired()) FAIL() << "KAPI_TEST_PG_DIR is not set";
    GTEST_SKIP() << "KAPI_TEST_PG_DIR is not set (scripts/pg-test-cluster start exports it)";
  }
  auto a = StartNode(dir_a_.path());
  auto b = StartNode(dir_b_.path());
  ASSERT_TRUE(a->started() && b->started());
  const std::vector<int> ports = {a->port(), b->port()};
  Load load;
  std::vector<std::thread> clients;
  for (int t = 0; t < 8; ++t) {
    clients.emplace_back([&, t] { RunClient(load, ports, static_cast<size_t>(t % 2), t); });
  }
  for (int i = 0; i < 500 && load.AckedCount() < 300; ++i) std::this_thread::sleep_for(10ms);
  const size_t before = load.AckedCount();
  const std::string restart = std::string(KAPI_SOURCE_DIR) + "/scripts/pg-test-cluster restart " +
                              pg_dir + " >/dev/null 2>&1";
  ASSERT_EQ(std::system(restart.c_str()), 0) << "restarting the test cluster failed";
  const size_t at_restart = load.AckedCount();
  // Service resumes by itself.
  for (int i = 0; i < 1000 && load.AckedCount() < at_restart + 300; ++i) {
    std::this_thread::sleep_for(10ms);
  }
  load.stop = true;
  for (auto& c : clients) c.join();
  ASSERT_GT(before, 50u) << "the load was too small to test anything";
  EXPECT_GE(load.AckedCount(), at_restart + 300) << "service did not resume after the restart";
  for (const auto& [status, count] : load.statuses) {
    std::cout << "HTTP " << status << ": " << count << "\n";
    EXPECT_TRUE(status == 201 || status == 503) << count << " responses with HTTP " << status;
  }
  EXPECT_TRUE(load.bad_errors.empty()) << load.bad_errors.front();
  // Each node answers again (the clients were spread over both).
  for (int port : ports) {
    auto r = HttpRequest(port, "POST", "/api/v1/requests", BodyFor("after-" + std::to_string(port)),
                         {{"Content-Type", "application/json"}});
    EXPECT_EQ(r.status, 201) << r.body;
    std::lock_guard l(load.mu);
    load.sent.insert("after-" + std::to_string(port));
    if (r.status == 201)
      load.acked["after-" + std::to_string(port)] = json::parse(r.body)["tracking_code"];
  }
  VerifyExactlyOnce(load, a->port());
}

}  // namespace
}  // namespace kapi::testing
