// Staff API v1: list/search, read, and work cases. Closed unless an explicit development token is
// configured (the pages issue replaces it with sessions and role checks). Writes block on a group
// commit, so they run on the work pool, not on the I/O threads.

#include "base/log.h"
#include "http/api.h"
#include "intake/intake_service.h"

namespace kapi::http {
namespace {

constexpr int64_t kTurkeyOffsetMs = 3LL * 3600 * 1000;  // Türkiye is UTC+3 all year since 2016

// "YYYY-MM-DD" → milliseconds at local (Türkiye) midnight.
std::optional<int64_t> ParseDay(const std::string& s) {
  int y, m, d;
  char tail;
  if (s.size() != 10 || std::sscanf(s.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3) {
    return std::nullopt;
  }
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1970 || y > 9999) return std::nullopt;
  // Days from civil (Howard Hinnant's algorithm).
  y -= m <= 2;
  const int era = y / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  const int64_t days = int64_t{era} * 146097 + static_cast<int64_t>(doe) - 719468;
  return days * 86'400'000 - kTurkeyOffsetMs;
}

nlohmann::json CaseJson(const cases::CaseRecord& c) {
  nlohmann::json j = {{"id", c.id},
                      {"tracking_code", c.tracking_code},
                      {"channel", cases::ChannelName(c.channel)},
                      {"state", cases::CaseStateName(c.state)},
                      {"text_masked", c.text_masked},
                      {"received_at", FormatRfc3339(c.received_at_ms)},
                      {"updated_at", FormatRfc3339(c.updated_at_ms)},
                      {"version", c.version}};
  if (c.due_at_ms) j["due_at"] = FormatRfc3339(c.due_at_ms);
  if (!c.topic_code.empty()) j["topic"] = c.topic_code;
  if (!c.unit_code.empty()) j["unit"] = c.unit_code;
  if (!c.assignee.empty()) j["assignee"] = c.assignee;
  if (!c.location_json.empty()) {
    j["location"] = nlohmann::json::parse(c.location_json, nullptr, false);
  }
  if (!c.suggestions_json.empty()) {
    nlohmann::json s = nlohmann::json::parse(c.suggestions_json, nullptr, false);
    if (!s.is_discarded()) {
      // AI output is always labelled as advice (2024/108 Şeffaflık (1), Yetkinlik (6)).
      j["ai_suggestions"] = {
          {"label", "YZ önerisi (AI suggestion)"}, {"advisory", true}, {"suggestions", s}};
    }
  }
  if (!c.public_answer.empty()) j["answer"] = c.public_answer;
  return j;
}

// Authenticates a staff request. Returns the actor id, or the 401 response.
std::variant<std::string, Response> Authenticate(const ApiContext* ctx, const Request& req) {
  if (ctx->dev_token.empty()) {
    return Response::Error(401, "unauthenticated",
                           "personel API'si kimlik doğrulama ister (staff API requires "
                           "authentication)");
  }
  const std::string& auth = req.Header("authorization");
  const std::string prefix = "Bearer ";
  if (auth.size() <= prefix.size() || auth.compare(0, prefix.size(), prefix) != 0 ||
      !intake::ConstantTimeEquals(auth.substr(prefix.size()), ctx->dev_token)) {
    return Response::Error(401, "unauthenticated",
                           "geçerli bir erişim anahtarı gerekli (valid bearer token required)");
  }
  return std::string("user:dev-token");
}

// Parses the JSON body of a staff write; returns the object or the error response.
std::variant<nlohmann::json, Response> JsonBody(const Request& req,
                                                std::initializer_list<std::string_view> allowed) {
  if (auto bad = RequireJson(req)) return std::move(*bad);
  nlohmann::json body = nlohmann::json::parse(req.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    return Response::Error(400, "malformed_json",
                           "gövde bir JSON nesnesi olmalı (body must be a JSON object)");
  }
  for (auto it = body.begin(); it != body.end(); ++it) {
    if (std::find(allowed.begin(), allowed.end(), it.key()) == allowed.end()) {
      return Response::Error(400, "unknown_field", "bilinmeyen alan: " + it.key(), it.key());
    }
  }
  return body;
}

std::optional<std::string> StringField(const nlohmann::json& body, const std::string& name) {
  auto it = body.find(name);
  if (it == body.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

Response MissingField(const std::string& name) {
  return Response::Error(400, "missing_field", "'" + name + "' alanı zorunlu (required)", name);
}

std::optional<int64_t> ParseId(const std::string& s) {
  if (s.empty() || s.size() > 18) return std::nullopt;
  int64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

// Wraps a staff handler: authentication, case id parsing, and moving blocking work off the I/O
// threads.
using StaffFn = std::function<Response(const std::string& actor, Request& req)>;
Handler Staff(const ApiContext* ctx, StaffFn fn) {
  return [ctx, fn = std::move(fn)](Request& req, Respond respond) {
    auto who = Authenticate(ctx, req);
    if (auto* r = std::get_if<Response>(&who)) {
      respond(std::move(*r));
      return;
    }
    auto shared_req = std::make_shared<Request>(std::move(req));
    ctx->work->Post([fn, actor = std::get<std::string>(who), shared_req,
                     respond = std::move(respond)] { respond(fn(actor, *shared_req)); });
  };
}

Response ListCases(const ApiContext* ctx, Request& req) {
  cases::CaseFilter f;
  if (auto* v = req.Query("state")) {
    auto s = cases::ParseCaseState(*v);
    if (!s) return Response::Error(400, "invalid_filter", "bilinmeyen durum: " + *v, "state");
    f.state = s;
  }
  if (auto* v = req.Query("channel")) {
    auto c = cases::ParseChannel(*v);
    if (!c) return Response::Error(400, "invalid_filter", "bilinmeyen kanal: " + *v, "channel");
    f.channel = c;
  }
  if (auto* v = req.Query("unit")) f.unit_code = *v;
  if (auto* v = req.Query("topic")) f.topic_code = *v;
  if (auto* v = req.Query("assignee")) f.assignee = *v;
  if (auto* v = req.Query("q")) f.query = *v;
  if (auto* v = req.Query("from")) {
    auto d = ParseDay(*v);
    if (!d) return Response::Error(400, "invalid_filter", "tarih YYYY-AA-GG olmalı", "from");
    f.received_from_ms = d;
  }
  if (auto* v = req.Query("to")) {
    auto d = ParseDay(*v);
    if (!d) return Response::Error(400, "invalid_filter", "tarih YYYY-AA-GG olmalı", "to");
    f.received_to_ms = *d + 86'400'000;  // inclusive day
  }
  if (auto* v = req.Query("limit")) {
    auto n = ParseId(*v);
    if (!n || *n < 1 || *n > 500) {
      return Response::Error(400, "invalid_filter", "limit 1-500 arası olmalı", "limit");
    }
    f.limit = static_cast<int>(*n);
  }
  if (auto* v = req.Query("before")) {
    auto n = ParseId(*v);
    if (!n) return Response::Error(400, "invalid_filter", "before bir sayı olmalı", "before");
    f.before_id = n;
  }
  auto r = ctx->store->ListCases(f);
  if (!r.ok()) return Response::FromStatus(r.status());
  nlohmann::json items = nlohmann::json::array();
  for (const auto& c : *r) items.push_back(CaseJson(c));
  nlohmann::json body = {{"cases", items}};
  if (static_cast<int>(r->size()) == f.limit) body["next_before"] = r->back().id;
  return Response::Json(200, body);
}

Response GetCase(const ApiContext* ctx, Request& req) {
  auto id = ParseId(req.params["id"]);
  if (!id) return Response::Error(404, "not_found", "böyle bir dosya yok (no such case)");
  auto c = ctx->store->GetCase(*id);
  if (!c.ok()) return Response::FromStatus(c.status());
  nlohmann::json body = CaseJson(*c);
  auto notes = ctx->store->ListNotes(*id);
  auto events = ctx->store->ListEvents(*id);
  if (!notes.ok()) return Response::FromStatus(notes.status());
  if (!events.ok()) return Response::FromStatus(events.status());
  body["notes"] = nlohmann::json::array();
  for (const auto& n : *notes) {
    body["notes"].push_back({{"id", n.id},
                             {"author", n.author},
                             {"text", n.text},
                             {"created_at", FormatRfc3339(n.created_at_ms)}});
  }
  body["events"] = nlohmann::json::array();
  for (const auto& e : *events) {
    body["events"].push_back({{"id", e.id},
                              {"actor", e.actor},
                              {"kind", e.kind},
                              {"detail", nlohmann::json::parse(e.detail_json, nullptr, false)},
                              {"at", FormatRfc3339(e.at_ms)}});
  }
  return Response::Json(200, body);
}

Response CaseResult(const Result<cases::CaseRecord>& r) {
  return r.ok() ? Response::Json(200, CaseJson(*r)) : Response::FromStatus(r.status());
}

}  // namespace

void RegisterStaffRoutes(Router& router, const ApiContext* ctx) {
  router.Add("GET", "/api/v1/cases",
             Staff(ctx, [ctx](const std::string&, Request& req) { return ListCases(ctx, req); }));
  router.Add("GET", "/api/v1/cases/{id}",
             Staff(ctx, [ctx](const std::string&, Request& req) { return GetCase(ctx, req); }));

  router.Add(
      "POST", "/api/v1/cases/{id}/transition",
      Staff(ctx, [ctx](const std::string& actor, Request& req) -> Response {
        auto id = ParseId(req.params["id"]);
        if (!id) return Response::Error(404, "not_found", "böyle bir dosya yok");
        auto parsed = JsonBody(req, {"to", "reason", "version"});
        if (auto* r = std::get_if<Response>(&parsed)) return std::move(*r);
        auto& body = std::get<nlohmann::json>(parsed);
        auto to_name = StringField(body, "to");
        if (!to_name) return MissingField("to");
        auto to = cases::ParseCaseState(*to_name);
        if (!to) {
          return Response::Error(400, "unknown_state", "bilinmeyen durum: " + *to_name, "to");
        }
        std::optional<int64_t> version;
        if (body.contains("version")) {
          if (!body["version"].is_number_integer()) {
            return Response::Error(400, "invalid_type", "version bir tamsayı olmalı", "version");
          }
          version = body["version"].get<int64_t>();
        }
        return CaseResult(ctx->store->TransitionCase(*id, *to,
                                                     StringField(body, "reason").value_or(""),
                                                     {actor, ctx->clock->NowMillis()}, version));
      }));

  router.Add(
      "POST", "/api/v1/cases/{id}/assign",
      Staff(ctx, [ctx](const std::string& actor, Request& req) -> Response {
        auto id = ParseId(req.params["id"]);
        if (!id) return Response::Error(404, "not_found", "böyle bir dosya yok");
        auto parsed = JsonBody(req, {"assignee"});
        if (auto* r = std::get_if<Response>(&parsed)) return std::move(*r);
        auto assignee = StringField(std::get<nlohmann::json>(parsed), "assignee");
        if (!assignee || assignee->empty()) return MissingField("assignee");
        return CaseResult(ctx->store->AssignCase(*id, *assignee, {actor, ctx->clock->NowMillis()}));
      }));

  router.Add("POST", "/api/v1/cases/{id}/routing",
             Staff(ctx, [ctx](const std::string& actor, Request& req) -> Response {
               auto id = ParseId(req.params["id"]);
               if (!id) return Response::Error(404, "not_found", "böyle bir dosya yok");
               auto parsed = JsonBody(req, {"topic", "unit", "ai_decision", "reason"});
               if (auto* r = std::get_if<Response>(&parsed)) return std::move(*r);
               auto& body = std::get<nlohmann::json>(parsed);
               auto topic = StringField(body, "topic");
               auto unit = StringField(body, "unit");
               if (!topic) return MissingField("topic");
               if (!unit) return MissingField("unit");
               store::Store::RoutingDecision d{*topic, *unit,
                                               StringField(body, "ai_decision").value_or(""),
                                               StringField(body, "reason").value_or("")};
               return CaseResult(ctx->store->SetRouting(*id, d, {actor, ctx->clock->NowMillis()}));
             }));

  router.Add("POST", "/api/v1/cases/{id}/notes",
             Staff(ctx, [ctx](const std::string& actor, Request& req) -> Response {
               auto id = ParseId(req.params["id"]);
               if (!id) return Response::Error(404, "not_found", "böyle bir dosya yok");
               auto parsed = JsonBody(req, {"text"});
               if (auto* r = std::get_if<Response>(&parsed)) return std::move(*r);
               auto text = StringField(std::get<nlohmann::json>(parsed), "text");
               if (!text || text->find_first_not_of(" \t\r\n") == std::string::npos) {
                 return MissingField("text");
               }
               if (text->size() > 20'000) {
                 return Response::Error(400, "text_too_long", "not en fazla 20000 bayt olabilir",
                                        "text");
               }
               auto note = ctx->store->AddNote(*id, *text, {actor, ctx->clock->NowMillis()});
               if (!note.ok()) return Response::FromStatus(note.status());
               return Response::Json(201, {{"id", note->id},
                                           {"author", note->author},
                                           {"text", note->text},
                                           {"created_at", FormatRfc3339(note->created_at_ms)}});
             }));

  router.Add("GET", "/api/v1/units", Staff(ctx, [ctx](const std::string&, Request&) -> Response {
               auto units = ctx->store->ListUnits();
               if (!units.ok()) return Response::FromStatus(units.status());
               nlohmann::json out = nlohmann::json::array();
               for (auto& u : *units) {
                 out.push_back({{"code", u.code}, {"name", u.name}, {"parent", u.parent_code}});
               }
               return Response::Json(200, {{"units", out}});
             }));
  router.Add("GET", "/api/v1/topics", Staff(ctx, [ctx](const std::string&, Request&) -> Response {
               auto topics = ctx->store->ListTopics();
               if (!topics.ok()) return Response::FromStatus(topics.status());
               nlohmann::json out = nlohmann::json::array();
               for (auto& t : *topics) {
                 out.push_back({{"code", t.code},
                                {"name", t.name},
                                {"default_unit", t.default_unit_code},
                                {"sensitive", t.sensitive},
                                {"sla_days", t.sla_days},
                                {"sla_working_days", t.sla_working_days}});
               }
               return Response::Json(200, {{"topics", out}});
             }));
}

}  // namespace kapi::http
