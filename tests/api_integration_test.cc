// Integration tests: the real `kapi serve` binary on port 0, spoken to over HTTP/1.1.

#include <signal.h>

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include "tests/server_process.h"

namespace kapi::testing {
namespace {

using nlohmann::json;

const std::map<std::string, std::string> kJson = {{"Content-Type", "application/json"}};
const std::string kToken = "test-dev-token-0123456789";

class ApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDataDir();
    ASSERT_EQ(RunKapi({"init", "--demo", "--data-dir", dir_->path()}), 0);
    server_ = new ServerProcess(dir_->path(), {"--dev-token", kToken, "--max-text-chars", "200"});
    ASSERT_TRUE(server_->started());
  }
  static void TearDownTestSuite() {
    delete server_;
    delete dir_;
  }
  static HttpResult Post(const std::string& body,
                         std::map<std::string, std::string> headers = kJson) {
    return HttpRequest(server_->port(), "POST", "/api/v1/requests", body, headers);
  }
  static HttpResult Staff(const std::string& method, const std::string& target,
                          const std::string& body = "") {
    std::map<std::string, std::string> h = {{"Authorization", "Bearer " + kToken}};
    if (!body.empty()) h["Content-Type"] = "application/json";
    return HttpRequest(server_->port(), method, target, body, h);
  }
  static void ExpectError(const HttpResult& r, int status, const std::string& code,
                          const std::string& field = "") {
    EXPECT_EQ(r.status, status) << r.body;
    json body = json::parse(r.body, nullptr, false);
    ASSERT_TRUE(body.is_object()) << r.body;
    EXPECT_EQ(body["error"]["code"], code) << r.body;
    EXPECT_FALSE(body["error"]["message"].get<std::string>().empty());
    if (!field.empty()) {
      EXPECT_EQ(body["error"]["field"], field) << r.body;
    }
    EXPECT_EQ(r.headers.at("content-type"), "application/json; charset=utf-8");
  }

  static TempDataDir* dir_;
  static ServerProcess* server_;
};
TempDataDir* ApiTest::dir_ = nullptr;
ServerProcess* ApiTest::server_ = nullptr;

TEST_F(ApiTest, HealthAndReadiness) {
  auto h = HttpRequest(server_->port(), "GET", "/healthz");
  EXPECT_EQ(h.status, 200);
  auto r = HttpRequest(server_->port(), "GET", "/readyz");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(json::parse(r.body)["database"], "ok");
}

TEST_F(ApiTest, SubmitThenTrackWithSecret) {
  auto r = Post(R"({"text":"Mahallemizde üç gündür su yok.","channel":"web"})");
  ASSERT_EQ(r.status, 201) << r.body;
  json b = json::parse(r.body);
  std::string code = b["tracking_code"], secret = b["secret"];
  EXPECT_EQ(b["status"], "new");
  EXPECT_EQ(r.headers["location"], "/api/v1/track/" + code);

  auto t = HttpRequest(server_->port(), "GET", "/api/v1/track/" + code + "?secret=" + secret);
  ASSERT_EQ(t.status, 200) << t.body;
  json tb = json::parse(t.body);
  EXPECT_EQ(tb["status"], "new");
  EXPECT_EQ(tb["status_label"], "Alındı");
  EXPECT_FALSE(tb.contains("text"));  // tracking never echoes the request text

  // Wrong secret and unknown code look the same.
  auto wrong = HttpRequest(server_->port(), "GET", "/api/v1/track/" + code + "?secret=AAAAAAAAAAAA");
  auto unknown = HttpRequest(server_->port(), "GET", "/api/v1/track/KP-2222-2222?secret=" + secret);
  ExpectError(wrong, 404, "not_found");
  ExpectError(unknown, 404, "not_found");
  EXPECT_EQ(wrong.body, unknown.body);
  ExpectError(HttpRequest(server_->port(), "GET", "/api/v1/track/" + code), 400, "missing_field",
              "secret");
}

TEST_F(ApiTest, IdempotencyKeyReplaysAndRefusesADifferentBody) {
  const std::string body = R"({"text":"Çöpler iki gündür alınmadı.","channel":"phone"})";
  auto a = Post(body, {{"Content-Type", "application/json"}, {"Idempotency-Key", "idem-42"}});
  auto b = Post(body, {{"Content-Type", "application/json"}, {"Idempotency-Key", "idem-42"}});
  ASSERT_EQ(a.status, 201) << a.body;
  ASSERT_EQ(b.status, 200) << b.body;
  EXPECT_EQ(b.headers["idempotent-replayed"], "true");
  EXPECT_EQ(json::parse(a.body), json::parse(b.body));
  auto c = Post(R"({"text":"Başka bir metin.","channel":"phone","idempotency_key":"idem-42"})");
  ExpectError(c, 409, "idempotency_conflict", "idempotency_key");
}

TEST_F(ApiTest, EveryBadInputGetsA4xxThatNamesIt) {
  ExpectError(Post("{\"text\": \"eksik"), 400, "malformed_json");
  ExpectError(Post("{\"text\":\"su\xC3\x28\",\"channel\":\"web\"}"), 400, "invalid_utf8");
  ExpectError(Post(R"({"channel":"web"})"), 400, "missing_field", "text");
  ExpectError(Post(R"({"text":"  ","channel":"web"})"), 400, "empty_text", "text");
  ExpectError(Post(R"({"text":")" + std::string(201, 'a') + R"(","channel":"web"})"), 400,
              "text_too_long", "text");
  ExpectError(Post(R"({"text":"su yok","channel":"fax"})"), 400, "unknown_channel", "channel");
  ExpectError(Post(R"({"text":"su yok","channel":"web","urgent":true})"), 400, "unknown_field",
              "urgent");
  ExpectError(Post(R"({"text":"su yok","channel":"web"})", {{"Content-Type", "text/plain"}}), 415,
              "unsupported_media_type");
  ExpectError(Post(R"({"text":"su yok","channel":"web"})", {}), 415, "unsupported_media_type");
  std::string huge = R"({"text":")" + std::string(70'000, 'a') + R"(","channel":"web"})";
  ExpectError(Post(huge), 413, "body_too_large");
  ExpectError(Post(R"({"text":"<script>alert(1)</script>\u0007","channel":"web"})"), 400,
              "invalid_characters", "text");
}

TEST_F(ApiTest, HostileButValidTextIsStoredVerbatimNotInterpreted) {
  const std::string hostile = "'; DROP TABLE cases; -- <img src=x onerror=alert(1)> \u202E ﷽";
  json body = {{"text", hostile}, {"channel", "web"}};
  auto r = Post(body.dump());
  ASSERT_EQ(r.status, 201) << r.body;
  auto list = Staff("GET", "/api/v1/cases?q=drop");
  ASSERT_EQ(list.status, 200) << list.body;
  json cases = json::parse(list.body)["cases"];
  ASSERT_EQ(cases.size(), 1u);
  EXPECT_EQ(cases[0]["text_masked"], hostile);
}

TEST_F(ApiTest, UnknownPathsAndMethods) {
  ExpectError(HttpRequest(server_->port(), "GET", "/nope"), 404, "not_found");
  auto r = HttpRequest(server_->port(), "DELETE", "/api/v1/requests");
  ExpectError(r, 405, "method_not_allowed");
  EXPECT_EQ(r.headers["allow"], "POST");
  ExpectError(HttpRequest(server_->port(), "GET", "/api/v1/track/%ZZ?secret=x"), 400, "bad_path");
}

TEST_F(ApiTest, MalformedHttpGets400AndKeepAliveServesManyRequests) {
  HttpConnection raw(server_->port());
  auto bad = raw.SendRaw("GARBAGE\r\n\r\n");
  EXPECT_EQ(bad.status, 400);
  HttpConnection c(server_->port());
  for (int i = 0; i < 20; ++i) {
    auto r = c.Send("GET", "/healthz", "");
    ASSERT_EQ(r.status, 200) << i;
  }
}

TEST_F(ApiTest, StaffApiIsClosedWithoutTheToken) {
  ExpectError(HttpRequest(server_->port(), "GET", "/api/v1/cases"), 401, "unauthenticated");
  ExpectError(HttpRequest(server_->port(), "GET", "/api/v1/cases", "",
                          {{"Authorization", "Bearer wrong"}}),
              401, "unauthenticated");
}

TEST_F(ApiTest, StaffWorksACaseThroughTheStateMachine) {
  auto r = Post(R"({"text":"Otobüs durağındaki tabela kırık.","channel":"desk"})");
  ASSERT_EQ(r.status, 201);
  auto list = Staff("GET", "/api/v1/cases?channel=desk&q=TABELA");
  json cases = json::parse(list.body)["cases"];
  ASSERT_EQ(cases.size(), 1u) << list.body;
  const std::string id = std::to_string(cases[0]["id"].get<int64_t>());
  const std::string base = "/api/v1/cases/" + id;

  auto invalid = Staff("POST", base + "/transition", R"({"to":"answered"})");
  ExpectError(invalid, 409, "failed_precondition");
  EXPECT_NE(json::parse(invalid.body)["error"]["message"].get<std::string>().find("new → answered"),
            std::string::npos);
  ExpectError(Staff("POST", base + "/transition", R"({"to":"flying"})"), 400, "unknown_state", "to");
  ExpectError(Staff("POST", base + "/routing", R"({"topic":"ulasim","unit":"yok"})"), 400,
              "unknown_unit", "unit");
  ASSERT_EQ(Staff("POST", base + "/routing", R"({"topic":"ulasim","unit":"ulasim"})").status, 200);
  auto assigned = Staff("POST", base + "/assign", R"({"assignee":"memur.ulasim"})");
  ASSERT_EQ(assigned.status, 200) << assigned.body;
  EXPECT_EQ(json::parse(assigned.body)["state"], "assigned");
  ASSERT_EQ(Staff("POST", base + "/transition", R"({"to":"in_progress"})").status, 200);
  auto note = Staff("POST", base + "/notes", R"({"text":"Fen işleri ile görüşüldü."})");
  ASSERT_EQ(note.status, 201) << note.body;
  ExpectError(Staff("POST", base + "/notes", R"({"text":"   "})"), 400, "missing_field", "text");
  ExpectError(Staff("POST", base + "/notes", R"({"text":"x","extra":1})"), 400, "unknown_field");

  auto full = Staff("GET", base);
  ASSERT_EQ(full.status, 200);
  json c = json::parse(full.body);
  EXPECT_EQ(c["state"], "in_progress");
  EXPECT_EQ(c["notes"].size(), 1u);
  EXPECT_EQ(c["events"].size(), 5u);  // created, routing, assign, transition, note
  ExpectError(Staff("GET", "/api/v1/cases/999999"), 404, "not_found");
  ExpectError(Staff("GET", "/api/v1/cases?state=lost"), 400, "invalid_filter", "state");
}

TEST(ServerLifecycle, SigtermDrainsAndDataSurvivesRestart) {
  TempDataDir dir;
  std::string code, secret;
  {
    ServerProcess server(dir.path());
    ASSERT_TRUE(server.started());
    auto r = HttpRequest(server.port(), "POST", "/api/v1/requests",
                         R"({"text":"Park aydınlatması çalışmıyor.","channel":"mobile"})", kJson);
    ASSERT_EQ(r.status, 201);
    json b = json::parse(r.body);
    code = b["tracking_code"];
    secret = b["secret"];
    EXPECT_EQ(server.StopWith(SIGTERM), 0);
  }
  ServerProcess again(dir.path());
  ASSERT_TRUE(again.started());
  auto t = HttpRequest(again.port(), "GET", "/api/v1/track/" + code + "?secret=" + secret);
  EXPECT_EQ(t.status, 200) << t.body;
}

}  // namespace
}  // namespace kapi::testing
