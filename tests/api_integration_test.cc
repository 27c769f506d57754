// Integration tests: the real `kapi serve` binary on port 0, spoken to over HTTP/1.1.

#include <signal.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include "tests/server_process.h"

namespace kapi::testing {
namespace {

using nlohmann::json;

const std::map<std::string, std::string> kJson = {{"Content-Type", "application/json"}};
// A signed-in staff member: the session cookie and the CSRF token.
struct Staffer {
  std::string cookie;
  std::string csrf;
};

class ApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDataDir();
    ASSERT_EQ(RunKapi({"init", "--demo", "--data-dir", dir_->path()}), 0);
    server_ = new ServerProcess(dir_->path(), {"--max-text-chars", "200"});
    ASSERT_TRUE(server_->started());
    // demo-credentials.txt: "username role unit password" rows after two header lines.
    std::ifstream creds(dir_->path() + "/demo-credentials.txt");
    std::string line;
    while (std::getline(creds, line)) {
      std::istringstream row(line);
      std::string user, role, unit, password;
      if (row >> user >> role >> unit >> password && password.size() == 19) {
        passwords_[user] = password;
      }
    }
    ASSERT_GE(passwords_.size(), 6u);
  }
  static void TearDownTestSuite() {
    delete server_;
    delete dir_;
  }
  static HttpResult Post(const std::string& body,
                         std::map<std::string, std::string> headers = kJson) {
    return HttpRequest(server_->port(), "POST", "/api/v1/requests", body, headers);
  }
  static Staffer SignIn(const std::string& user) {
    json body = {{"username", user}, {"password", passwords_[user]}};
    auto r = HttpRequest(server_->port(), "POST", "/api/v1/session", body.dump(), kJson);
    EXPECT_EQ(r.status, 200) << user << ": " << r.body;
    if (r.status != 200) return {};
    std::string cookie = r.headers["set-cookie"];
    EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
    EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
    EXPECT_NE(cookie.find("Secure"), std::string::npos);
    return {cookie.substr(0, cookie.find(';')), json::parse(r.body)["csrf_token"]};
  }
  static Staffer& As(const std::string& user) {
    auto it = staff_.find(user);
    if (it == staff_.end()) it = staff_.emplace(user, SignIn(user)).first;
    return it->second;
  }
  static HttpResult Staff(const std::string& user, const std::string& method,
                          const std::string& target, const std::string& body = "") {
    const Staffer& s = As(user);
    std::map<std::string, std::string> h = {{"Cookie", s.cookie}, {"X-CSRF-Token", s.csrf}};
    if (!body.empty()) h["Content-Type"] = "application/json";
    return HttpRequest(server_->port(), method, target, body, h);
  }
  // Submits a request and returns its case id (looked up by the root triage officer).
  static std::string NewCase(const std::string& text) {
    auto r = Post(json{{"text", text}, {"channel", "web"}}.dump());
    EXPECT_EQ(r.status, 201) << r.body;
    auto list = Staff("triaj", "GET", "/api/v1/cases?state=new&limit=1");
    json cases = json::parse(list.body)["cases"];
    EXPECT_EQ(cases.size(), 1u) << list.body;
    return cases.empty() ? "" : std::to_string(cases[0]["id"].get<int64_t>());
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
  static std::map<std::string, std::string> passwords_;
  static std::map<std::string, Staffer> staff_;
};
TempDataDir* ApiTest::dir_ = nullptr;
ServerProcess* ApiTest::server_ = nullptr;
std::map<std::string, std::string> ApiTest::passwords_;
std::map<std::string, Staffer> ApiTest::staff_;

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
  auto wrong =
      HttpRequest(server_->port(), "GET", "/api/v1/track/" + code + "?secret=AAAAAAAAAAAA");
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
  auto list = Staff("triaj", "GET", "/api/v1/cases?q=drop");
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

TEST_F(ApiTest, StaffApiNeedsASessionAndCsrf) {
  ExpectError(HttpRequest(server_->port(), "GET", "/api/v1/cases"), 401, "unauthenticated");
  ExpectError(HttpRequest(server_->port(), "GET", "/api/v1/cases", "",
                          {{"Cookie", "kapi_session=forgedforgedforgedforgedforged"}}),
              401, "unauthenticated");
  std::string id = NewCase("Kaldırım taşları yerinden çıkmış.");
  const Staffer& s = As("triaj");
  auto no_csrf =
      HttpRequest(server_->port(), "POST", "/api/v1/cases/" + id + "/notes", R"({"text":"x"})",
                  {{"Cookie", s.cookie}, {"Content-Type", "application/json"}});
  ExpectError(no_csrf, 403, "csrf_failed");
  json bad = {{"username", "triaj"}, {"password", "yanlış-parola"}};
  ExpectError(HttpRequest(server_->port(), "POST", "/api/v1/session", bad.dump(), kJson), 401,
              "bad_credentials");
}

TEST_F(ApiTest, StaffWorksACaseThroughTheStateMachine) {
  std::string id = NewCase("Otobüs durağındaki tabela kırık.");
  const std::string base = "/api/v1/cases/" + id;
  auto invalid = Staff("triaj", "POST", base + "/transition", R"({"to":"closed"})");
  ExpectError(invalid, 400, "reason_required", "reason");
  ExpectError(Staff("triaj", "POST", base + "/transition", R"({"to":"flying"})"), 400,
              "unknown_state", "to");
  ExpectError(Staff("triaj", "POST", base + "/routing", R"({"topic":"ulasim","unit":"yok"})"), 400,
              "unknown_unit", "unit");
  ExpectError(Staff("triaj", "POST", base + "/routing",
                    R"({"topic":"ulasim","unit":"ulasim","ai_decision":"overridden"})"),
              400, "reason_required", "reason");
  ASSERT_EQ(
      Staff("triaj", "POST", base + "/routing", R"({"topic":"ulasim","unit":"ulasim"})").status,
      200);
  // Now it belongs to the transport unit: the triage officer no longer sees it.
  ExpectError(Staff("triaj", "GET", base), 404, "not_found");
  ExpectError(Staff("memur.su", "GET", base), 404, "not_found");
  auto taken = Staff("memur.ulasim", "POST", base + "/assign", R"({"assignee":"memur.ulasim"})");
  ASSERT_EQ(taken.status, 200) << taken.body;
  EXPECT_EQ(json::parse(taken.body)["state"], "assigned");
  auto invalid2 = Staff("memur.ulasim", "POST", base + "/transition", R"({"to":"new"})");
  ExpectError(invalid2, 409, "failed_precondition");
  EXPECT_NE(
      json::parse(invalid2.body)["error"]["message"].get<std::string>().find("assigned → new"),
      std::string::npos);
  ASSERT_EQ(Staff("memur.ulasim", "POST", base + "/transition", R"({"to":"in_progress"})").status,
            200);
  auto note = Staff("memur.ulasim", "POST", base + "/notes", R"({"text":"Fen işleri arandı."})");
  ASSERT_EQ(note.status, 201) << note.body;
  ExpectError(Staff("memur.ulasim", "POST", base + "/notes", R"({"text":"   "})"), 400,
              "missing_field", "text");
  ExpectError(Staff("memur.ulasim", "POST", base + "/notes", R"({"text":"x","extra":1})"), 400,
              "unknown_field");
  auto full = Staff("memur.ulasim", "GET", base);
  ASSERT_EQ(full.status, 200);
  json c = json::parse(full.body);
  EXPECT_EQ(c["state"], "in_progress");
  EXPECT_EQ(c["notes"].size(), 1u);
  EXPECT_EQ(c["events"].size(), 5u);  // created, routing, assign, transition, note
  ExpectError(Staff("memur.ulasim", "GET", "/api/v1/cases/999999"), 404, "not_found");
  ExpectError(Staff("memur.ulasim", "GET", "/api/v1/cases?state=lost"), 400, "invalid_filter",
              "state");
}

TEST_F(ApiTest, EveryStaffEndpointRefusesTheWrongRoleAndUnit) {
  std::string id = NewCase("Park aydınlatması yanmıyor.");
  const std::string base = "/api/v1/cases/" + id;
  ASSERT_EQ(
      Staff("triaj", "POST", base + "/routing", R"({"topic":"ulasim","unit":"ulasim"})").status,
      200);
  // Wrong role: the desk officer and the admin do no case work; the auditor only reads.
  for (const char* user : {"masa", "yonetici"}) {
    ExpectError(Staff(user, "GET", "/api/v1/cases"), 403, "forbidden");
    ExpectError(Staff(user, "GET", base), 404, "not_found");
  }
  EXPECT_EQ(Staff("denetci", "GET", base).status, 200);
  ExpectError(Staff("denetci", "POST", base + "/notes", R"({"text":"x"})"), 403, "forbidden");
  ExpectError(Staff("denetci", "POST", base + "/reveal", R"({"purpose":"merak"})"), 403,
              "forbidden");
  // Wrong unit: every case endpoint answers 404 to an officer of another unit.
  const std::vector<std::pair<std::string, std::string>> writes = {
      {"/transition", R"({"to":"in_progress"})"},
      {"/assign", R"({"assignee":"memur.su"})"},
      {"/routing", R"({"topic":"su-kanalizasyon","unit":"su-kanal"})"},
      {"/notes", R"({"text":"x"})"},
      {"/reveal", R"({"purpose":"x"})"},
      {"/answer", R"({"text":"x"})"},
      {"/answer/submit", R"({})"},
      {"/answer/decision", R"({"approve":true})"},
      {"/erase-personal-data", R"({"reason":"x"})"}};
  for (const auto& [path, body] : writes) {
    ExpectError(Staff("memur.su", "POST", base + path, body), 404, "not_found");
  }
  // Right unit, wrong role: officers cannot approve or assign others; only admins reset passwords.
  ASSERT_EQ(
      Staff("mudur.ulasim", "POST", base + "/assign", R"({"assignee":"memur.ulasim"})").status,
      200);
  ExpectError(Staff("memur.ulasim", "POST", base + "/answer/decision", R"({"approve":true})"), 403,
              "forbidden");
  ExpectError(Staff("memur.ulasim", "POST", "/api/v1/users/memur.su/reset-password"), 403,
              "forbidden");
  ExpectError(Staff("memur.ulasim", "GET", "/api/v1/audit/access"), 403, "forbidden");
  ExpectError(Staff("memur.ulasim", "POST", "/api/v1/units/ulasim/ai", R"({"enabled":false})"), 403,
              "forbidden");
  ExpectError(Staff("mudur.ulasim", "POST", "/api/v1/units/su-kanal/ai", R"({"enabled":false})"),
              403, "forbidden");
  EXPECT_EQ(Staff("denetci", "GET", "/api/v1/audit/access").status, 200);
}

TEST_F(ApiTest, AiAssistedAnswerIsApprovedThenTheCitizenReadsIt) {
  auto r = Post(R"({"text":"Durağa çatı yapılmasını talep ediyorum.","channel":"web"})");
  ASSERT_EQ(r.status, 201);
  json receipt = json::parse(r.body);
  auto list = Staff("triaj", "GET", "/api/v1/cases?state=new&limit=1");
  std::string id = std::to_string(json::parse(list.body)["cases"][0]["id"].get<int64_t>());
  const std::string base = "/api/v1/cases/" + id;
  ASSERT_EQ(
      Staff("triaj", "POST", base + "/routing", R"({"topic":"ulasim","unit":"ulasim"})").status,
      200);
  ASSERT_EQ(
      Staff("memur.ulasim", "POST", base + "/assign", R"({"assignee":"memur.ulasim"})").status,
      200);
  ASSERT_EQ(Staff("memur.ulasim", "POST", base + "/transition", R"({"to":"in_progress"})").status,
            200);
  // A bare transition cannot answer.
  ExpectError(Staff("memur.ulasim", "POST", base + "/transition", R"({"to":"answered"})"), 409,
              "use_answer_workflow");
  auto draft = Staff(
      "memur.ulasim", "POST", base + "/answer",
      R"({"text":"Sayın vatandaşımız, talebiniz ilgili birime iletilmiştir. Saygılarımızla.","provenance":"ai_edited"})");
  ASSERT_EQ(draft.status, 200) << draft.body;
  json d = json::parse(draft.body);
  EXPECT_TRUE(d["ai_assisted"].get<bool>());
  EXPECT_NE(d["text"].get<std::string>().find("yapay zek"), std::string::npos) << d["text"];
  auto submitted = Staff("memur.ulasim", "POST", base + "/answer/submit", "{}");
  ASSERT_EQ(submitted.status, 200) << submitted.body;
  EXPECT_EQ(json::parse(submitted.body)["state"], "awaiting_approval");
  auto queue = Staff("mudur.ulasim", "GET", "/api/v1/approvals");
  EXPECT_NE(queue.body.find("\"id\":" + id), std::string::npos);
  auto approved = Staff("mudur.ulasim", "POST", base + "/answer/decision", R"({"approve":true})");
  ASSERT_EQ(approved.status, 200) << approved.body;
  auto t = HttpRequest(server_->port(), "GET",
                       "/api/v1/track/" + receipt["tracking_code"].get<std::string>() +
                           "?secret=" + receipt["secret"].get<std::string>());
  json tb = json::parse(t.body);
  EXPECT_EQ(tb["status"], "answered");
  EXPECT_NE(tb["answer"].get<std::string>().find("Saygılarımızla"), std::string::npos);
}

TEST_F(ApiTest, RevealingTheOriginalIsLogged) {
  auto r = Post(
      R"({"text":"Bana 0532 123 45 67 numarasından ulaşabilirsiniz, su yok.","channel":"web"})");
  ASSERT_EQ(r.status, 201);
  auto list = Staff("triaj", "GET", "/api/v1/cases?state=new&limit=1");
  json c = json::parse(list.body)["cases"][0];
  EXPECT_EQ(c["text_masked"].get<std::string>().find("0532"), std::string::npos) << c;
  std::string id = std::to_string(c["id"].get<int64_t>());
  ExpectError(Staff("triaj", "POST", "/api/v1/cases/" + id + "/reveal", R"({"purpose":" "})"), 400,
              "purpose_required", "purpose");
  auto shown = Staff("triaj", "POST", "/api/v1/cases/" + id + "/reveal",
                     R"({"purpose":"vatandaşı geri aramak"})");
  ASSERT_EQ(shown.status, 200) << shown.body;
  EXPECT_NE(json::parse(shown.body)["text"].get<std::string>().find("0532 123 45 67"),
            std::string::npos);
  auto log = Staff("denetci", "GET", "/api/v1/audit/access?case=" + id);
  json entries = json::parse(log.body)["access"];
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0]["actor"], "user:triaj");
  EXPECT_EQ(entries[0]["purpose"], "vatandaşı geri aramak");
}

TEST_F(ApiTest, KvkkOfficerErasesTheCitizensPersonalData) {
  auto r = Post(
      R"({"text":"Bana 0532 123 45 67 numarasından ulaşabilirsiniz, çöp alınmadı.","channel":"web"})");
  ASSERT_EQ(r.status, 201);
  auto list = Staff("triaj", "GET", "/api/v1/cases?state=new&limit=1");
  std::string id = std::to_string(json::parse(list.body)["cases"][0]["id"].get<int64_t>());
  // Staff wrote the citizen's (made-up) number into a note: the erasure masks it too.
  ASSERT_EQ(Staff("triaj", "POST", "/api/v1/cases/" + id + "/notes",
                  R"({"text":"Vatandaş 0532 123 45 67 numarasından arandı."})")
                .status,
            201);
  const std::string path = "/api/v1/cases/" + id + "/erase-personal-data";
  ExpectError(Staff("triaj", "POST", path, R"({"reason":"talep"})"), 403, "forbidden");
  ExpectError(Staff("denetci", "POST", path, R"({})"), 400, "missing_field", "reason");
  ExpectError(Staff("denetci", "POST", path, R"({"reason":"x","extra":1})"), 400, "unknown_field",
              "extra");
  auto erased = Staff("denetci", "POST", path, R"({"reason":"KVKK başvurusu 2026/41"})");
  ASSERT_EQ(erased.status, 200) << erased.body;
  EXPECT_FALSE(json::parse(erased.body)["already_erased"].get<bool>());
  EXPECT_GE(json::parse(erased.body)["texts_redacted"].get<int>(), 1);

  json c = json::parse(Staff("triaj", "GET", "/api/v1/cases/" + id).body);
  EXPECT_TRUE(c.contains("personal_data_erased_at")) << c;
  ASSERT_EQ(c["notes"].size(), 1u);
  EXPECT_EQ(c["notes"][0]["text"].get<std::string>().find("0532"), std::string::npos) << c;
  EXPECT_NE(c["notes"][0]["text"].get<std::string>().find("arandı"), std::string::npos) << c;
  ExpectError(Staff("triaj", "POST", "/api/v1/cases/" + id + "/reveal",
                    R"({"purpose":"vatandaşı geri aramak"})"),
              409, "personal_data_erased");
  auto again = Staff("denetci", "POST", path, R"({"reason":"tekrar"})");
  ASSERT_EQ(again.status, 200);
  EXPECT_TRUE(json::parse(again.body)["already_erased"].get<bool>());
}

TEST_F(ApiTest, BriefingCountsTheUnitsCasesForItsManager) {
  std::string id = NewCase("Otobüs durağındaki bank kırık, yaşlılar ayakta bekliyor.");
  ASSERT_EQ(Staff("triaj", "POST", "/api/v1/cases/" + id + "/routing",
                  R"({"topic":"ulasim","unit":"ulasim"})")
                .status,
            200);
  auto r = Staff("mudur.ulasim", "GET", "/api/v1/briefing");
  ASSERT_EQ(r.status, 200) << r.body;
  json b = json::parse(r.body);
  EXPECT_GE(b["open"].get<int>(), 1);
  EXPECT_GE(b["received"]["week"].get<int>(), 1);
  for (const char* field : {"overdue", "due_soon", "awaiting_approval", "unassigned", "by_channel",
                            "by_topic", "duplicates", "emergencies", "most_overdue"}) {
    EXPECT_TRUE(b.contains(field)) << field;
  }
  EXPECT_EQ(Staff("denetci", "GET", "/api/v1/briefing").status, 200);
  ExpectError(Staff("memur.ulasim", "GET", "/api/v1/briefing"), 403, "forbidden");
  ExpectError(Staff("yonetici", "GET", "/api/v1/briefing"), 403, "forbidden");
  ExpectError(HttpRequest(server_->port(), "GET", "/api/v1/briefing"), 401, "unauthenticated");
}

TEST_F(ApiTest, AiOversightComparesSuggestionsWithHumanDecisions) {
  std::string id =
      NewCase("Otobüs seferleri sabahları çok gecikiyor, durakta yarım saat bekledik.");
  json c = json::parse(Staff("triaj", "GET", "/api/v1/cases/" + id).body);
  ASSERT_TRUE(c.contains("ai_suggestions")) << "the server runs the shipped triage models";
  ASSERT_EQ(Staff("triaj", "POST", "/api/v1/cases/" + id + "/routing",
                  R"({"topic":"ulasim","unit":"ulasim","ai_decision":"accepted"})")
                .status,
            200);
  auto r = Staff("mudur.ulasim", "GET", "/api/v1/ai-oversight?days=30");
  ASSERT_EQ(r.status, 200) << r.body;
  json o = json::parse(r.body);
  EXPECT_EQ(o["days"], 30);
  EXPECT_GE(o["cases"].get<int>(), 1);
  EXPECT_GE(o["accepted"]["k"].get<int>(), 1);
  EXPECT_GE(o["top1_agreement"]["n"].get<int>(), 1);
  EXPECT_FALSE(o["by_channel"].empty());
  EXPECT_EQ(o["calibration"].size(), 4u);
  EXPECT_EQ(r.body.find("Otobüs seferleri"), std::string::npos) << "aggregates only";
  EXPECT_EQ(Staff("denetci", "GET", "/api/v1/ai-oversight").status, 200);
  EXPECT_EQ(Staff("yonetici", "GET", "/api/v1/ai-oversight").status, 200);
  ExpectError(Staff("memur.ulasim", "GET", "/api/v1/ai-oversight"), 403, "forbidden");
  ExpectError(Staff("masa", "GET", "/api/v1/ai-oversight"), 403, "forbidden");
  for (const char* bad : {"0", "367", "abc", "-5"}) {
    ExpectError(Staff("mudur.ulasim", "GET", std::string("/api/v1/ai-oversight?days=") + bad), 400,
                "invalid_days", "days");
  }
}

TEST_F(ApiTest, Open311ClientsListServicesSendRequestsAndReadTheirStatus) {
  const std::map<std::string, std::string> form = {
      {"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}};
  // Service discovery names the GeoReport v2 endpoint on this host and its formats.
  auto discovery = HttpRequest(server_->port(), "GET", "/open311/discovery.json");
  ASSERT_EQ(discovery.status, 200) << discovery.body;
  json d = json::parse(discovery.body);
  for (const char* field : {"changeset", "contact", "key_service", "endpoints"}) {
    EXPECT_TRUE(d.contains(field)) << field;
  }
  ASSERT_EQ(d["endpoints"].size(), 1u);
  EXPECT_EQ(d["endpoints"][0]["specification"], "http://wiki.open311.org/GeoReport_v2");
  const std::string url = d["endpoints"][0]["url"];
  EXPECT_EQ(url.substr(url.size() - 11), "/open311/v2") << url;
  EXPECT_EQ(d["endpoints"][0]["formats"], json::array({"text/xml", "application/json"}));
  auto discovery_xml = HttpRequest(server_->port(), "GET", "/open311/discovery.xml");
  EXPECT_NE(discovery_xml.body.find("<discovery><changeset>"), std::string::npos);
  EXPECT_EQ(HttpRequest(server_->port(), "GET", "/open311/discovery.txt").status, 404);

  auto services = HttpRequest(server_->port(), "GET", "/open311/v2/services.json");
  ASSERT_EQ(services.status, 200);
  json list = json::parse(services.body);
  ASSERT_TRUE(list.is_array());
  bool found = false;
  for (const auto& s : list) {
    if (s["service_code"] == "ulasim") {
      found = true;
      EXPECT_EQ(s["service_name"], "Ulaşım");
      EXPECT_EQ(s["type"], "realtime");
      EXPECT_EQ(s["metadata"], false);
    }
  }
  EXPECT_TRUE(found) << services.body;
  auto xml = HttpRequest(server_->port(), "GET", "/open311/v2/services.xml");
  ASSERT_EQ(xml.status, 200);
  EXPECT_EQ(xml.headers["content-type"], "text/xml; charset=utf-8");
  EXPECT_EQ(xml.body.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", 0), 0u);
  EXPECT_NE(xml.body.find("<service><service_code>"), std::string::npos) << xml.body;
  EXPECT_EQ(HttpRequest(server_->port(), "GET", "/open311/v2/services/ulasim.json").status, 200);
  EXPECT_EQ(HttpRequest(server_->port(), "GET", "/open311/v2/services/yok.json").status, 404);

  // A made-up citizen (no real person): form-encoded, as the spec sends it.
  const std::string body =
      "service_code=ulasim&lat=39.92&long=32.85&first_name=Deneme&last_name=Vatanda%C5%9F"
      "&phone=0500+000+00+00&email=deneme%40example.org&api_key=x&jurisdiction_id=ornek.bel.tr"
      "&description=Durak+tabelas%C4%B1+k%C4%B1r%C4%B1k%2C+beni+0500+000+00+00+numaras%C4%B1ndan"
      "+aray%C4%B1n.";
  auto posted = HttpRequest(server_->port(), "POST", "/open311/v2/requests.json", body, form);
  ASSERT_EQ(posted.status, 201) << posted.body;
  json created = json::parse(posted.body);
  ASSERT_TRUE(created.is_array() && created.size() == 1u) << posted.body;
  const std::string code = created[0]["service_request_id"];
  EXPECT_NE(created[0]["service_notice"].get<std::string>().find("takip şifresi"),
            std::string::npos);

  // Staff see it as an open311 case with the chosen service as its topic, the phone masked.
  auto cases = json::parse(Staff("triaj", "GET", "/api/v1/cases?channel=open311").body)["cases"];
  ASSERT_FALSE(cases.empty());
  EXPECT_EQ(cases[0]["tracking_code"], code);
  EXPECT_EQ(cases[0]["topic"], "ulasim");
  EXPECT_EQ(cases[0]["text_masked"].get<std::string>().find("0500"), std::string::npos);

  // Anyone may read the status by id: status, service, times; never text, place or person.
  auto one = HttpRequest(server_->port(), "GET", "/open311/v2/requests/" + code + ".json");
  ASSERT_EQ(one.status, 200) << one.body;
  json state = json::parse(one.body);
  ASSERT_EQ(state.size(), 1u);
  EXPECT_EQ(state[0]["status"], "open");
  EXPECT_EQ(state[0]["service_code"], "ulasim");
  for (const char* hidden : {"description", "address", "lat", "long", "media_url"}) {
    EXPECT_FALSE(state[0].contains(hidden)) << hidden;
  }
  for (const char* personal : {"Deneme", "0500", "example.org", "Durak"}) {
    EXPECT_EQ(one.body.find(personal), std::string::npos) << personal;
  }
  auto many = HttpRequest(server_->port(), "GET",
                          "/open311/v2/requests.json?service_request_id=" + code + ",KP-AAAA-AAAA");
  ASSERT_EQ(many.status, 200);
  EXPECT_EQ(json::parse(many.body).size(), 1u);
  // The answers validate against the spec's own JSON schemas (../shared/specs/open311/schemas).
  for (const auto& [schema, response] :
       {std::pair{"services.json", services.body}, {"requests.json", many.body}}) {
    const std::string file = dir_->path() + "/open311-" + schema;
    std::ofstream(file) << response;
    const std::string check = std::string("python3 ") + KAPI_SOURCE_DIR +
                              "/tests/open311_schema_check.py " + KAPI_SHARED_DIR +
                              "/specs/open311/schemas " + schema + " " + file;
    EXPECT_EQ(std::system(check.c_str()), 0) << check;
  }
  EXPECT_EQ(HttpRequest(server_->port(), "GET", "/open311/v2/requests/KP-AAAA-AAAA.json").status,
            404);

  // Errors come as the spec's list of {code, description}, in the asked format.
  auto expect_error = [&](const HttpResult& r, int status, const std::string& words) {
    EXPECT_EQ(r.status, status) << r.body;
    json e = json::parse(r.body, nullptr, false);
    ASSERT_TRUE(e.is_array() && !e.empty()) << r.body;
    EXPECT_EQ(e[0]["code"], status);
    EXPECT_NE(e[0]["description"].get<std::string>().find(words), std::string::npos) << r.body;
  };
  auto post = [&](const std::string& b) {
    return HttpRequest(server_->port(), "POST", "/open311/v2/requests.json", b, form);
  };
  expect_error(post("service_code=yok&lat=1&long=2&description=x"), 404, "service_code yok");
  expect_error(post("lat=1&long=2&description=x"), 400, "service_code is required");
  expect_error(post("service_code=ulasim&description=x"), 400, "a location is required");
  expect_error(post("service_code=ulasim&lat=1&description=x"), 400, "together");
  expect_error(post("service_code=ulasim&lat=abc&long=2&description=x"), 400, "not a number");
  expect_error(post("service_code=ulasim&lat=95&long=2&description=x"), 400, "lat");
  expect_error(post("service_code=ulasim&address_string=Merkez"), 400, "description is required");
  expect_error(post("service_code=ulasim&address_string=Merkez&description=x&tc=1"), 400,
               "unknown field tc");
  expect_error(post("service_code=ulasim&address_string=Merkez&description=%FF"), 400, "UTF-8");
  expect_error(HttpRequest(server_->port(), "POST", "/open311/v2/requests.json",
                           R"({"service_code":"ulasim"})", kJson),
               415, "x-www-form-urlencoded");
  expect_error(HttpRequest(server_->port(), "GET", "/open311/v2/requests.json"), 400,
               "service_request_id is required");
  EXPECT_EQ(HttpRequest(server_->port(), "GET", "/open311/v2/services.html").status, 404);
  auto xml_error = HttpRequest(server_->port(), "POST", "/open311/v2/requests.xml",
                               "service_code=yok&lat=1&long=2&description=x", form);
  EXPECT_EQ(xml_error.status, 404);
  EXPECT_NE(xml_error.body.find("<errors><error><code>404</code><description>"), std::string::npos)
      << xml_error.body;
}

// `kapi import` on the data directory of the running server: both write the one SQLite file and
// the one ledger; every row is accepted and the ledger still verifies.
TEST_F(ApiTest, ImportBesideTheRunningServerRecordsEveryRow) {
  const std::string rows = dir_->path() + "/import.jsonl";
  {
    std::ofstream out(rows);
    for (int i = 0; i < 400; ++i) {
      out << json{{"text", "Sokak lambası yanmıyor, direk " + std::to_string(i)},
                  {"channel", "web"}}
                 .dump()
          << "\n";
    }
  }
  std::thread web([] {
    for (int i = 0; i < 60; ++i) {
      EXPECT_EQ(Post(json{{"text", "Çöp alınmadı " + std::to_string(i)}, {"channel", "web"}}.dump())
                    .status,
                201);
    }
  });
  const std::string out = dir_->path() + "/import.out", err = dir_->path() + "/import.err";
  EXPECT_EQ(RunKapi({"import", "--data-dir", dir_->path()}, rows, out, err), 0);
  web.join();
  std::ifstream summary_in(out);
  json summary = json::parse(summary_in, nullptr, false);
  EXPECT_EQ(summary["accepted"], 400) << summary;
  EXPECT_EQ(summary["failed"], 0) << summary;
  EXPECT_EQ(RunKapi({"audit", "verify", "--data-dir", dir_->path()}, "", "/dev/null", err), 0);
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
