// Open311 GeoReport v2 (../shared/specs/open311/georeport_v2_index.md): the channel through
// which city apps and Open311 clients send requests. Each endpoint answers in JSON or XML by
// its suffix (".json" / ".xml"). A POSTed request goes through the same intake pipeline as
// POST /api/v1/requests (validation, masking, triage, durable before the answer) with channel
// "open311" and the chosen service as the topic a person confirms in triage.
//
// Privacy choices (KVKK; seed 002): GET requests answers only status, service, agency and times
// — never the description, address, coordinates or contact — since Open311 reads need no
// credentials; the list query answers only for given service_request_id values, so the
// institution's requests cannot be enumerated; media_url is not fetched (nothing leaves the
// machine). api_key and jurisdiction_id are accepted and ignored (one jurisdiction; access is the
// reverse proxy's job, docs/deployment.md).

#include <cstdio>
#include <set>

#include "base/log.h"
#include "base/markup_escape.h"
#include "cases/case_state.h"
#include "http/api.h"
#include "intake/intake_request.h"

namespace kapi::http {
namespace {

enum class Format { kJson, kXml };

// "services.json" → ("services", kJson); nullopt for another suffix.
std::optional<std::pair<std::string, Format>> SplitFormat(const std::string& name) {
  const size_t dot = name.rfind('.');
  if (dot == std::string::npos) return std::nullopt;
  const std::string ext = name.substr(dot + 1);
  if (ext == "json") return std::pair{name.substr(0, dot), Format::kJson};
  if (ext == "xml") return std::pair{name.substr(0, dot), Format::kXml};
  return std::nullopt;
}

// Open311 bodies are a list of flat objects: JSON arrays of objects, or XML
// <list><item><field>…</field></item></list> (the Spark convention maps one to the other).
using Items = nlohmann::ordered_json;  // field order as in the spec's examples

Response List(Format format, int status, const char* list, const char* item, const Items& items) {
  Response r;
  r.status = status;
  if (format == Format::kJson) {
    r.body = items.dump();
    return r;
  }
  r.content_type = "text/xml; charset=utf-8";
  std::string b = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<" + std::string(list) + ">";
  for (const auto& obj : items) {
    b += "<" + std::string(item) + ">";
    for (const auto& [k, v] : obj.items()) {
      if (v.is_array()) {
        b += "<" + k + "/>";
        continue;
      }
      const std::string text = v.is_string() ? v.get<std::string>() : v.dump();
      b += "<" + k + ">" + EscapeMarkup(text) + "</" + k + ">";
    }
    b += "</" + std::string(item) + ">";
  }
  r.body = b + "</" + std::string(list) + ">\n";
  return r;
}

Response Error(Format format, int status, const std::string& description) {
  return List(format, status, "errors", "error",
              Items::array({{{"code", status}, {"description", description}}}));
}

Response ErrorFromStatus(Format format, const Status& s) {
  std::string d = s.message();
  if (!s.field().empty()) d += " (field: " + s.field() + ")";
  return Error(format, HttpStatusFor(s.code()), d);
}

// Open311 status: "open" until the case is answered or closed.
const char* OpenOrClosed(cases::CaseState s) {
  return s == cases::CaseState::kAnswered || s == cases::CaseState::kClosed ? "closed" : "open";
}

Items ServiceJson(const cases::Topic& t, const workflow::UnitTree& units) {
  const cases::Unit* unit = units.Find(t.default_unit_code);
  return {{"service_code", t.code},
          {"service_name", t.name},
          {"description", t.name},
          {"metadata", false},
          {"type", "realtime"},
          {"keywords", ""},
          {"group", unit ? unit->name : ""}};
}

Items RequestJson(const cases::CaseRecord& c, const std::vector<cases::Topic>& topics,
                  const workflow::UnitTree& units) {
  Items j = {{"service_request_id", c.tracking_code},
             {"status", OpenOrClosed(c.state)},
             {"status_notes", CitizenStatusLabel(c.state)},
             {"service_code", c.topic_code},  // required by the schema; "" until a topic is known
             {"requested_datetime", FormatRfc3339(c.received_at_ms)},
             {"updated_datetime", FormatRfc3339(c.updated_at_ms)}};
  for (const auto& t : topics) {
    if (t.code == c.topic_code) {
      j["service_code"] = t.code;
      j["service_name"] = t.name;
    }
  }
  if (const cases::Unit* u = units.Find(c.unit_code)) j["agency_responsible"] = u->name;
  if (c.due_at_ms > 0 && cases::IsOpen(c.state)) {
    j["expected_datetime"] = FormatRfc3339(c.due_at_ms);
  }
  return j;
}

// The fields a GeoReport v2 POST may carry. Others are refused by name.
const std::set<std::string>& KnownPostFields() {
  static const std::set<std::string> kFields = {
      "jurisdiction_id", "api_key",    "service_code", "lat",         "long",
      "address_string",  "address_id", "email",        "device_id",   "account_id",
      "first_name",      "last_name",  "phone",        "description", "media_url"};
  return kFields;
}

// Builds the intake JSON (the same validation as the JSON API) from the form.
Result<nlohmann::json> IntakeJsonFromForm(const std::map<std::string, std::string>& form) {
  for (const auto& [k, v] : form) {
    if (!KnownPostFields().count(k) && k.rfind("attribute[", 0) != 0) {
      return InvalidArgument("unknown field " + k, k).WithReason("unknown_field");
    }
  }
  auto get = [&](const char* k) {
    auto it = form.find(k);
    return it == form.end() ? std::string() : it->second;
  };
  const std::string description = get("description");
  if (description.find_first_not_of(" \t\r\n") == std::string::npos) {
    return InvalidArgument("description is required: Kapı routes requests by their text",
                           "description")
        .WithReason("missing_field");
  }
  nlohmann::json location = nlohmann::json::object();
  const std::string lat = get("lat"), lon = get("long");
  if (!lat.empty() || !lon.empty()) {
    if (lat.empty() || lon.empty()) {
      return InvalidArgument("lat and long must be sent together", lat.empty() ? "lat" : "long")
          .WithReason("missing_field");
    }
    char* end = nullptr;
    const double la = std::strtod(lat.c_str(), &end);
    if (*end != '\0') return InvalidArgument("lat is not a number", "lat");
    const double lo = std::strtod(lon.c_str(), &end);
    if (*end != '\0') return InvalidArgument("long is not a number", "long");
    location["lat"] = la;
    location["lon"] = lo;
  }
  std::string where = get("address_string");
  if (const std::string id = get("address_id"); !id.empty()) {
    where += (where.empty() ? "" : " ") + std::string("(address_id ") + id + ")";
  }
  if (!where.empty()) location["description"] = where;
  if (location.empty()) {
    return InvalidArgument("a location is required: lat and long, address_string or address_id",
                           "address_string")
        .WithReason("missing_field");
  }
  nlohmann::json contact = nlohmann::json::object();
  std::string name = get("first_name");
  if (const std::string last = get("last_name"); !last.empty()) {
    name += (name.empty() ? "" : " ") + last;
  }
  if (!name.empty()) contact["name"] = name;
  if (const std::string v = get("email"); !v.empty()) contact["email"] = v;
  if (const std::string v = get("phone"); !v.empty()) contact["phone"] = v;
  nlohmann::json body = {{"text", description}, {"channel", "open311"}, {"location", location}};
  if (!contact.empty()) body["contact"] = contact;
  return body;
}

void PostRequest(const ApiContext* ctx, Request& req, Respond respond, Format format) {
  const std::string& type = req.Header("content-type");
  if (type.rfind("application/x-www-form-urlencoded", 0) != 0) {
    respond(Error(format, 415, "Content-Type must be application/x-www-form-urlencoded"));
    return;
  }
  std::map<std::string, std::string> form;
  if (!ParseQuery(req.body, &form)) {
    respond(Error(format, 400, "the form body has a bad %-escape or is not UTF-8"));
    return;
  }
  auto it = form.find("service_code");
  if (it == form.end() || it->second.empty()) {
    respond(Error(format, 400, "service_code is required"));
    return;
  }
  auto topics = ctx->store->ListTopics();
  if (!topics.ok()) {
    respond(ErrorFromStatus(format, topics.status()));
    return;
  }
  const cases::Topic* topic = nullptr;
  for (const auto& t : *topics) {
    if (t.code == it->second) topic = &t;
  }
  if (!topic) {
    respond(Error(format, 404, "service_code " + it->second + " was not found"));
    return;
  }
  auto body = IntakeJsonFromForm(form);
  if (!body.ok()) {
    respond(ErrorFromStatus(format, body.status()));
    return;
  }
  auto input = intake::ValidateIntake(*body, ctx->limits);
  if (!input.ok()) {
    respond(ErrorFromStatus(format, input.status()));
    return;
  }
  input->topic_code = topic->code;
  ctx->intake->Submit(std::move(*input), [respond = std::move(respond), format,
                                          request_id =
                                              req.request_id](Result<intake::IntakeOutcome> r) {
    if (!r.ok()) {
      log::Error("open311_intake_failed",
                 {{"request_id", request_id}, {"code", StatusCodeName(r.status().code())}});
      respond(ErrorFromStatus(format, r.status()));
      return;
    }
    const std::string notice =
        "Başvurunuz alındı. Takip kodu " + r->tracking_code + ", takip şifresi " + r->secret +
        ": yanıtı kurumun /takip sayfasından izleyebilirsiniz. (Received; track the answer on the "
        "institution's /takip page with this code and secret.)";
    respond(List(format, 201, "service_requests", "request",
                 nlohmann::json::array(
                     {{{"service_request_id", r->tracking_code}, {"service_notice", notice}}})));
  });
}

// Splits "a,b,c" into at most `limit` non-empty trimmed ids.
std::vector<std::string> SplitIds(const std::string& s, size_t limit) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size() && out.size() < limit) {
    size_t comma = s.find(',', start);
    if (comma == std::string::npos) comma = s.size();
    std::string id = s.substr(start, comma - start);
    id.erase(0, id.find_first_not_of(' '));
    id.erase(id.find_last_not_of(' ') + 1);
    if (!id.empty()) out.push_back(id);
    start = comma + 1;
  }
  return out;
}

// The requests among `ids` that exist, as GeoReport objects (unknown ids are left out, as the
// spec's list query does).
Result<Items> FindRequests(const ApiContext* ctx, const std::vector<std::string>& ids) {
  auto topics = ctx->store->ListTopics();
  if (!topics.ok()) return topics.status();
  auto units = ctx->cases->Units();
  Items items = Items::array();
  for (const auto& id : ids) {
    if (!intake::IntakeService::LooksLikeTrackingCode(id)) continue;
    auto found = ctx->store->FindByTrackingCode(id);
    if (found.ok()) {
      items.push_back(RequestJson(found->record, *topics, *units));
    } else if (found.status().code() != StatusCode::kNotFound) {
      return found.status();
    }
  }
  return items;
}

// Runs a blocking handler on the work pool.
Handler Blocking(const ApiContext* ctx, std::function<Response(Request&)> fn) {
  return [ctx, fn = std::move(fn)](Request& req, Respond respond) {
    auto shared = std::make_shared<Request>(std::move(req));
    ctx->work->Post([fn, shared, respond = std::move(respond)] { respond(fn(*shared)); });
  };
}

// Service discovery (open311_service_discovery.md): where the GeoReport v2 endpoint is and what
// formats it speaks. The endpoint URL is built from the Host header (and X-Forwarded-Proto behind
// the reverse proxy); the changeset is when this server started, the latest moment the service
// list can have changed for it.
Response Discovery(const Request& req, Format format, int64_t started_ms) {
  const std::string& proto = req.Header("x-forwarded-proto");
  const std::string& host = req.Header("host");
  const std::string url = (proto == "https" ? "https://" : "http://") +
                          (host.empty() ? std::string("localhost") : host) + "/open311/v2";
  const std::string changeset = FormatRfc3339(started_ms);
  Items endpoint = {{"specification", "http://wiki.open311.org/GeoReport_v2"},
                    {"url", url},
                    {"changeset", changeset},
                    {"type", "production"},
                    {"formats", Items::array({"text/xml", "application/json"})}};
  Items doc = {{"changeset", changeset},
               {"contact", "Kurumun bilgi işlem birimi (the institution's IT unit)"},
               {"key_service",
                "API anahtarı gerekmez; erişimi kurumun ağı belirler (no API key: "
                "access is set by the institution's network)"},
               {"endpoints", Items::array({endpoint})}};
  if (format == Format::kJson) {
    Response r;
    r.body = doc.dump();
    return r;
  }
  Response r;
  r.content_type = "text/xml; charset=utf-8";
  std::string b = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<discovery>";
  for (const char* k : {"changeset", "contact", "key_service"}) {
    b += std::string("<") + k + ">" + EscapeMarkup(doc[k].get<std::string>()) + "</" + k + ">";
  }
  b += "<endpoints><endpoint>";
  for (const char* k : {"specification", "url", "changeset", "type"}) {
    b += std::string("<") + k + ">" + EscapeMarkup(endpoint[k].get<std::string>()) + "</" + k + ">";
  }
  b += "<formats><format>text/xml</format><format>application/json</format></formats>";
  r.body = b + "</endpoint></endpoints></discovery>\n";
  return r;
}

}  // namespace

void RegisterOpen311Routes(Router& router, const ApiContext* ctx) {
  constexpr std::string_view kBase = "/open311/v2/";
  const int64_t started_ms = ctx->clock->NowMillis();
  router.Add("GET", "/open311/{file}", [started_ms](Request& req, Respond respond) {
    auto name = SplitFormat(req.params["file"]);
    if (!name || name->first != "discovery") {
      respond(
          Error(name ? name->second : Format::kJson, 404, "use discovery.json or discovery.xml"));
      return;
    }
    respond(Discovery(req, name->second, started_ms));
  });
  // GET services.{fmt}: the topics as service types.
  router.Add("GET", std::string(kBase) + "{file}", Blocking(ctx, [ctx](Request& req) {
               auto name = SplitFormat(req.params["file"]);
               if (!name) return Error(Format::kJson, 404, "use services.json or services.xml");
               if (name->first == "requests") {
                 const std::string* ids = req.Query("service_request_id");
                 if (!ids || ids->empty()) {
                   return Error(name->second, 400,
                                "service_request_id is required: Kapı does not list the "
                                "institution's requests publicly");
                 }
                 auto items = FindRequests(ctx, SplitIds(*ids, 100));
                 if (!items.ok()) return ErrorFromStatus(name->second, items.status());
                 return List(name->second, 200, "service_requests", "request", *items);
               }
               if (name->first != "services") return Error(name->second, 404, "no such resource");
               auto topics = ctx->store->ListTopics();
               if (!topics.ok()) return ErrorFromStatus(name->second, topics.status());
               auto units = ctx->cases->Units();
               Items items = Items::array();
               for (const auto& t : *topics) items.push_back(ServiceJson(t, *units));
               return List(name->second, 200, "services", "service", items);
             }));
  // GET services/{code}.{fmt}: no service has extra attributes, so the definition is empty.
  router.Add("GET", std::string(kBase) + "services/{file}", Blocking(ctx, [ctx](Request& req) {
               auto name = SplitFormat(req.params["file"]);
               if (!name) return Error(Format::kJson, 404, "use {service_code}.json or .xml");
               auto topics = ctx->store->ListTopics();
               if (!topics.ok()) return ErrorFromStatus(name->second, topics.status());
               for (const auto& t : *topics) {
                 if (t.code != name->first) continue;
                 if (name->second == Format::kJson) {
                   return Response::Json(
                       200, {{"service_code", t.code}, {"attributes", nlohmann::json::array()}});
                 }
                 Response r;
                 r.content_type = "text/xml; charset=utf-8";
                 r.body =
                     "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<service_definition>"
                     "<service_code>" +
                     EscapeMarkup(t.code) + "</service_code><attributes/></service_definition>\n";
                 return r;
               }
               return Error(name->second, 404, "service_code " + name->first + " was not found");
             }));
  // GET requests/{id}.{fmt}: one request's status.
  router.Add("GET", std::string(kBase) + "requests/{file}", Blocking(ctx, [ctx](Request& req) {
               auto name = SplitFormat(req.params["file"]);
               if (!name) return Error(Format::kJson, 404, "use {service_request_id}.json or .xml");
               auto items = FindRequests(ctx, {name->first});
               if (!items.ok()) return ErrorFromStatus(name->second, items.status());
               if (items->empty()) {
                 return Error(name->second, 404,
                              "service_request_id " + name->first + " was not found");
               }
               return List(name->second, 200, "service_requests", "request", *items);
             }));
  // POST requests.{fmt}: a new request into the intake pipeline.
  router.Add("POST", std::string(kBase) + "{file}", [ctx](Request& req, Respond respond) {
    auto name = SplitFormat(req.params["file"]);
    if (!name || name->first != "requests") {
      respond(
          Error(name ? name->second : Format::kJson, 404, "POST to requests.json or requests.xml"));
      return;
    }
    PostRequest(ctx, req, std::move(respond), name->second);
  });
}

}  // namespace kapi::http
