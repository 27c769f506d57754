// Staff API v1: sign-in, list/search, read and work cases, answers, approvals, the AI switch,
// password resets and the personal-data access log. Every endpoint authenticates the session,
// checks CSRF on state changes, and leaves role and unit-scope decisions to workflow/. Handlers
// block on the store, so they run on the work pool, not on the I/O threads.

#include "base/log.h"
#include "http/api.h"
#include "http/session.h"
#include "workflow/ai_oversight.h"
#include "workflow/briefing.h"

namespace kapi::http {
namespace {

using workflow::SessionContext;

constexpr int64_t kTurkeyOffsetMs = 3LL * 3600 * 1000;  // Türkiye is UTC+3 all year since 2016

// "YYYY-MM-DD" → milliseconds at local (Türkiye) midnight.
std::optional<int64_t> ParseDay(const std::string& s) {
  int y, m, d;
  char tail;
  if (s.size() != 10 || std::sscanf(s.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3) {
    return std::nullopt;
  }
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1970 || y > 9999) return std::nullopt;
  y -= m <= 2;
  const int era = y / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  const int64_t days = int64_t{era} * 146097 + static_cast<int64_t>(doe) - 719468;
  return days * 86'400'000 - kTurkeyOffsetMs;
}

nlohmann::json ParseOrNull(const std::string& s) {
  if (s.empty()) return nullptr;
  nlohmann::json j = nlohmann::json::parse(s, nullptr, false);
  return j.is_discarded() ? nlohmann::json(nullptr) : j;
}

}  // namespace

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
  if (!c.location_json.empty()) j["location"] = ParseOrNull(c.location_json);
  nlohmann::json s = ParseOrNull(c.suggestions_json);
  if (!s.is_null()) {
    // AI output is always labelled as advice (2024/108 Şeffaflık (1), Yetkinlik (6)).
    j["ai_suggestions"] = {
        {"label", "YZ önerisi (AI suggestion)"}, {"advisory", true}, {"suggestions", s}};
  }
  if (!c.public_answer.empty()) j["answer"] = c.public_answer;
  if (c.erased_at_ms) j["personal_data_erased_at"] = FormatRfc3339(c.erased_at_ms);
  return j;
}

nlohmann::json AnswerJson(const cases::Answer& a) {
  return {{"text", a.text},
          {"provenance", cases::ProvenanceName(a.provenance)},
          {"ai_assisted", a.ai_assisted()},
          {"status", a.status},
          {"author", a.author},
          {"decided_by", a.decided_by},
          {"decision_reason", a.decision_reason},
          {"findings", ParseOrNull(a.findings_json)},
          {"updated_at", FormatRfc3339(a.updated_at_ms)}};
}

namespace {

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

Response NoSuchCase() {
  return Response::Error(404, "not_found", "böyle bir dosya yok (no such case)");
}

// Wraps a staff handler: session, CSRF on state changes, and moving blocking work off the I/O
// threads.
using StaffFn = std::function<Response(const SessionContext& session, Request& req)>;
Handler Staff(const ApiContext* ctx, StaffFn fn) {
  return [ctx, fn = std::move(fn)](Request& req, Respond respond) {
    auto shared_req = std::make_shared<Request>(std::move(req));
    ctx->work->Post([ctx, fn, shared_req, respond = std::move(respond)] {
      auto session = ResumeSession(*ctx->auth, *shared_req);
      if (!session.ok()) {
        respond(Response::FromStatus(session.status()));
        return;
      }
      if (shared_req->method != "GET" &&
          !workflow::AuthService::CsrfMatches(*session, shared_req->Header("x-csrf-token"))) {
        respond(Response::Error(403, "csrf_failed",
                                "güvenlik belirteci eksik ya da hatalı; sayfayı yenileyin "
                                "(missing or wrong X-CSRF-Token)"));
        return;
      }
      respond(fn(*session, *shared_req));
    });
  };
}

// Same, for the case endpoints: parses {id}.
using CaseFn =
    std::function<Response(const SessionContext& session, int64_t case_id, Request& req)>;
Handler StaffCase(const ApiContext* ctx, CaseFn fn) {
  return Staff(ctx, [fn = std::move(fn)](const SessionContext& s, Request& req) -> Response {
    auto id = ParseId(req.params["id"]);
    if (!id) return NoSuchCase();
    return fn(s, *id, req);
  });
}

Response CaseResult(const Result<cases::CaseRecord>& r) {
  return r.ok() ? Response::Json(200, CaseJson(*r)) : Response::FromStatus(r.status());
}

Response ListCases(const ApiContext* ctx, const SessionContext& s, Request& req) {
  cases::CaseFilter f;
  if (auto* v = req.Query("state")) {
    auto st = cases::ParseCaseState(*v);
    if (!st) return Response::Error(400, "invalid_filter", "bilinmeyen durum: " + *v, "state");
    f.state = st;
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
  auto r = ctx->cases->List(s.principal, f);
  if (!r.ok()) return Response::FromStatus(r.status());
  nlohmann::json items = nlohmann::json::array();
  for (const auto& c : *r) items.push_back(CaseJson(c));
  nlohmann::json body = {{"cases", items}};
  if (static_cast<int>(r->size()) == f.limit) body["next_before"] = r->back().id;
  return Response::Json(200, body);
}

Response GetCase(const ApiContext* ctx, const SessionContext& s, int64_t id) {
  auto view = ctx->cases->Get(s.principal, id);
  if (!view.ok()) return Response::FromStatus(view.status());
  nlohmann::json body = CaseJson(view->record);
  body["notes"] = nlohmann::json::array();
  for (const auto& n : view->notes) {
    body["notes"].push_back(nlohmann::json{{"id", n.id},
                                           {"author", n.author},
                                           {"text", n.text},
                                           {"created_at", FormatRfc3339(n.created_at_ms)}});
  }
  body["events"] = nlohmann::json::array();
  for (const auto& e : view->events) {
    body["events"].push_back(nlohmann::json{{"id", e.id},
                                            {"actor", e.actor},
                                            {"kind", e.kind},
                                            {"detail", ParseOrNull(e.detail_json)},
                                            {"at", FormatRfc3339(e.at_ms)}});
  }
  if (view->answer) body["draft_answer"] = AnswerJson(*view->answer);
  return Response::Json(200, body);
}

nlohmann::json MeJson(const SessionContext& s) {
  return {{"username", s.user.username}, {"display_name", s.user.display_name},
          {"role", s.user.role},         {"unit", s.user.unit_code},
          {"csrf_token", s.csrf_token},  {"must_change_password", s.must_change_password}};
}

void RegisterSessionRoutes(Router& router, const ApiContext* ctx) {
  router.Add("POST", "/api/v1/session", [ctx](Request& req, Respond respond) {
    auto shared_req = std::make_shared<Request>(std::move(req));
    ctx->work->Post([ctx, shared_req, respond = std::move(respond)] {
      auto parsed = JsonBody(*shared_req, {"username", "password", "totp"});
      if (auto* r = std::get_if<Response>(&parsed)) {
        respond(std::move(*r));
        return;
      }
      auto& body = std::get<nlohmann::json>(parsed);
      auto user = StringField(body, "username");
      auto password = StringField(body, "password");
      if (!user || user->empty()) return respond(MissingField("username"));
      if (!password || password->empty()) return respond(MissingField("password"));
      auto in = ctx->auth->SignIn(*user, *password, StringField(body, "totp").value_or(""));
      if (!in.ok()) return respond(Response::FromStatus(in.status()));
      auto session = ctx->auth->Resume(in->token);
      if (!session.ok()) return respond(Response::FromStatus(session.status()));
      Response r = Response::Json(200, MeJson(*session));
      r.headers.emplace_back("Set-Cookie", SessionCookieHeader(in->token, ctx->cookie_secure));
      respond(std::move(r));
    });
  });
  router.Add("GET", "/api/v1/session", Staff(ctx, [](const SessionContext& s, Request&) {
               return Response::Json(200, MeJson(s));
             }));
  router.Add("DELETE", "/api/v1/session",
             Staff(ctx, [ctx](const SessionContext&, Request& req) -> Response {
               if (auto token = CookieValue(req, kSessionCookie)) (void)ctx->auth->SignOut(*token);
               Response r = Response::Json(200, {{"signed_out", true}});
               r.headers.emplace_back("Set-Cookie", SessionCookieHeader("", ctx->cookie_secure));
               return r;
             }));
}

}  // namespace

void RegisterStaffRoutes(Router& router, const ApiContext* ctx) {
  RegisterSessionRoutes(router, ctx);
  router.Add("GET", "/api/v1/cases", Staff(ctx, [ctx](const SessionContext& s, Request& req) {
               return ListCases(ctx, s, req);
             }));
  router.Add("GET", "/api/v1/cases/{id}",
             StaffCase(ctx, [ctx](const SessionContext& s, int64_t id, Request&) {
               return GetCase(ctx, s, id);
             }));

  router.Add(
      "POST", "/api/v1/cases/{id}/transition",
      StaffCase(ctx, [ctx](const SessionContext& s, int64_t id, Request& req) -> Response {
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
        return CaseResult(ctx->cases->Transition(
            s.principal, id, *to, StringField(body, "reason").value_or(""), version));
      }));

  router.Add("POST", "/api/v1/cases/{id}/assign",
             StaffCase(ctx, [ctx](const SessionContext& s, int64_t id, Request& req) -> Response {
               auto parsed = JsonBody(req, {"assignee"});
               if (auto* r = std::get_if<Response>(&parsed)) return std::move(*r);
               auto assignee = StringField(std::get<nlohmann::json>(parsed), "assignee");
               if (!assignee || assignee->empty()) return MissingField("assignee");
               return CaseResult(ctx->cases->Assign(s.principal, id, *assignee));
             }));

  router.Add("POST", "/api/v1/cases/{id}/routing",
             StaffCase(ctx, [ctx](const SessionContext& s, int64_t id, Request& req) -> Response {
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
               return CaseResult(ctx->cases->Route(s.principal, id, d));
             }));

  router.Add("POST", "/api/v1/cases/{id}/notes",
             StaffCase(ctx, [ctx](const SessionContext& s, int64_t id, Request& req) -> Response {
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
               auto note = ctx->cases->AddNote(s.principal, id, *text);
               if (!note.ok()) return Response::FromStatus(note.status());
               return Response::Json(201, {{"id", note->id},
                                           {"author", note->author},
                                           {"text", note->text},
                                           {"created_at", FormatRfc3339(note->created_at_ms)}});
             }));

  router.Add("POST", "/api/v1/cases/{id}/reveal",
             StaffCase(ctx, [ctx](const SessionContext& s, int64_t id, Request& req) -> Response {
               auto parsed = JsonBody(req, {"purpose"});
               if (auto* r = std::get_if<Response>(&parsed)) return std::move(*r);
               auto purpose = StringField(std::get<nlohmann::json>(parsed), "purpose");
               if (!purpose) return MissingField("purpose");
               auto o = ctx->cases->RevealOriginal(s.principal, id, *purpose);
               if (!o.ok()) return Response::FromStatus(o.status());
               return Response::Json(200, {{"text", o->text}, {"contact", o->contact}});
             }));

  // KVKK md. 7 erasure by the KVKK officer (auditor role); 200 also when already erased.
  router.Add("POST", "/api/v1/cases/{id}/erase-personal-data",
             StaffCase(ctx, [ctx](const SessionContext& s, int64_t id, Request& req) -> Response {
               auto parsed = JsonBody(req, {"reason"});
               if (auto* r = std::get_if<Response>(&parsed)) return std::move(*r);
               auto reason = StringField(std::get<nlohmann::json>(parsed), "reason");
               if (!reason) return MissingField("reason");
               if (reason->size() > 2'000) {
                 return Response::Error(400, "reason_too_long",
                                        "gerekçe en fazla 2000 bayt olabilir", "reason");
               }
               auto e = ctx->cases->ErasePersonalData(s.principal, id, *reason);
               if (!e.ok()) return Response::FromStatus(e.status());
               return Response::Json(200, {{"erased_at", FormatRfc3339(e->erased_at_ms)},
                                           {"already_erased", e->already_erased},
                                           {"texts_redacted", e->texts_redacted},
                                           {"ledger_payloads_erased", e->ledger_payloads_erased}});
             }));

  router.Add("POST", "/api/v1/cases/{id}/answer",
             StaffCase(ctx, [ctx](const SessionContext& s, int64_t id, Request& req) -> Response {
               auto parsed = JsonBody(req, {"text", "provenance"});
               if (auto* r = std::get_if<Response>(&parsed)) return std::move(*r);
               auto& body = std::get<nlohmann::json>(parsed);
               auto text = StringField(body, "text");
               if (!text) return MissingField("text");
               auto provenance =
                   cases::ParseProvenance(StringField(body, "provenance").value_or("human"));
               if (!provenance) {
                 return Response::Error(400, "invalid_provenance",
                                        "provenance human, ai veya ai_edited olmalı", "provenance");
               }
               auto a = ctx->cases->SaveDraft(s.principal, id, *text, *provenance);
               if (!a.ok()) return Response::FromStatus(a.status());
               return Response::Json(200, AnswerJson(*a));
             }));

  router.Add("POST", "/api/v1/cases/{id}/answer/submit",
             StaffCase(ctx, [ctx](const SessionContext& s, int64_t id, Request& req) -> Response {
               auto parsed = JsonBody(req, {"override_reason"});
               if (auto* r = std::get_if<Response>(&parsed)) return std::move(*r);
               return CaseResult(ctx->cases->SubmitAnswer(
                   s.principal, id,
                   StringField(std::get<nlohmann::json>(parsed), "override_reason").value_or("")));
             }));

  router.Add(
      "POST", "/api/v1/cases/{id}/answer/decision",
      StaffCase(ctx, [ctx](const SessionContext& s, int64_t id, Request& req) -> Response {
        auto parsed = JsonBody(req, {"approve", "reason"});
        if (auto* r = std::get_if<Response>(&parsed)) return std::move(*r);
        auto& body = std::get<nlohmann::json>(parsed);
        if (!body.contains("approve") || !body["approve"].is_boolean()) {
          return Response::Error(400, "missing_field", "'approve' true ya da false olmalı",
                                 "approve");
        }
        return CaseResult(ctx->cases->DecideAnswer(s.principal, id, body["approve"].get<bool>(),
                                                   StringField(body, "reason").value_or("")));
      }));

  router.Add("GET", "/api/v1/approvals", Staff(ctx, [ctx](const SessionContext& s, Request&) {
               auto r = ctx->cases->ApprovalQueue(s.principal);
               if (!r.ok()) return Response::FromStatus(r.status());
               nlohmann::json items = nlohmann::json::array();
               for (const auto& c : *r) items.push_back(CaseJson(c));
               return Response::Json(200, {{"cases", items}});
             }));

  router.Add(
      "POST", "/api/v1/units/{code}/ai",
      Staff(ctx, [ctx](const SessionContext& s, Request& req) -> Response {
        auto parsed = JsonBody(req, {"enabled"});
        if (auto* r = std::get_if<Response>(&parsed)) return std::move(*r);
        auto& body = std::get<nlohmann::json>(parsed);
        if (!body.contains("enabled") || !body["enabled"].is_boolean()) {
          return Response::Error(400, "missing_field", "'enabled' true ya da false olmalı",
                                 "enabled");
        }
        Status st =
            ctx->cases->SwitchAi(s.principal, req.params["code"], body["enabled"].get<bool>());
        if (!st.ok()) return Response::FromStatus(st);
        return Response::Json(200, {{"unit", req.params["code"]}, {"ai_enabled", body["enabled"]}});
      }));

  router.Add("POST", "/api/v1/users/{username}/reset-password",
             Staff(ctx, [ctx](const SessionContext& s, Request& req) -> Response {
               auto r = ctx->auth->ResetPassword(s.principal, req.params["username"]);
               if (!r.ok()) return Response::FromStatus(r.status());
               return Response::Json(200, {{"username", req.params["username"]},
                                           {"temporary_password", *r},
                                           {"must_change_password", true}});
             }));

  router.Add("GET", "/api/v1/audit/access",
             Staff(ctx, [ctx](const SessionContext& s, Request& req) -> Response {
               auto units = ctx->cases->Units();
               Status st =
                   workflow::Authorize(s.principal, workflow::Action::kAudit, nullptr, *units);
               if (!st.ok()) return Response::FromStatus(st);
               std::optional<int64_t> case_id;
               if (auto* v = req.Query("case")) case_id = ParseId(*v);
               auto r = ctx->store->ListAccess(case_id, 200);
               if (!r.ok()) return Response::FromStatus(r.status());
               nlohmann::json items = nlohmann::json::array();
               for (const auto& a : *r) {
                 items.push_back({{"case_id", a.case_id},
                                  {"actor", a.actor},
                                  {"what", a.what},
                                  {"purpose", a.purpose},
                                  {"at", FormatRfc3339(a.at_ms)}});
               }
               return Response::Json(200, {{"access", items}});
             }));

  // AI oversight (2024/108 Yönetici (4)): aggregates over the last `days` days (1–366, default
  // 90); unit managers see their unit tree, auditors and admins the institution.
  router.Add(
      "GET", "/api/v1/ai-oversight",
      Staff(ctx, [ctx](const SessionContext& s, Request& req) -> Response {
        int64_t days = 90;
        if (auto* v = req.Query("days")) {
          auto parsed = ParseId(*v);
          if (!parsed || *parsed < 1 || *parsed > 366) {
            return Response::Error(
                400, "invalid_days",
                "gün sayısı 1 ile 366 arasında bir tam sayı olmalı (days must be 1..366)", "days");
          }
          days = *parsed;
        }
        const int64_t now = ctx->clock->NowMillis();
        auto r = workflow::BuildOversightReport(*ctx->store, s.principal, *ctx->cases->Units(),
                                                now - days * 86'400'000, now + 1);
        if (!r.ok()) return Response::FromStatus(r.status());
        nlohmann::json body = workflow::OversightJson(*r);
        body["days"] = days;
        return Response::Json(200, body);
      }));

  // The unit briefing: unit managers (their tree) and auditors (the institution).
  router.Add("GET", "/api/v1/briefing",
             Staff(ctx, [ctx](const SessionContext& s, Request&) -> Response {
               auto b = workflow::BuildBriefing(*ctx->store, s.principal, *ctx->cases->Units(),
                                                ctx->sla, ctx->clock->NowMillis());
               if (!b.ok()) return Response::FromStatus(b.status());
               return Response::Json(200, workflow::BriefingJson(*b));
             }));

  router.Add("GET", "/api/v1/units", Staff(ctx, [ctx](const SessionContext&, Request&) {
               auto units = ctx->cases->Units();
               nlohmann::json out = nlohmann::json::array();
               for (auto& u : units->units()) {
                 out.push_back({{"code", u.code},
                                {"name", u.name},
                                {"parent", u.parent_code},
                                {"ai_enabled", u.ai_enabled}});
               }
               return Response::Json(200, {{"units", out}});
             }));
  router.Add("GET", "/api/v1/topics", Staff(ctx, [ctx](const SessionContext&, Request&) {
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
