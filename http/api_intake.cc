#include "base/log.h"
#include "http/api.h"

namespace kapi::http {
namespace {

void PostRequest(const ApiContext* ctx, Request& req, Respond respond) {
  if (auto bad = RequireJson(req)) {
    respond(std::move(*bad));
    return;
  }
  auto input = intake::ParseIntakeJson(req.body, ctx->limits);
  if (!input.ok()) {
    respond(Response::FromStatus(input.status()));
    return;
  }
  // The key may come as a header (the common HTTP convention) or in the body; not both different.
  const std::string& header_key = req.Header("idempotency-key");
  if (!header_key.empty()) {
    if (input->idempotency_key && *input->idempotency_key != header_key) {
      respond(Response::Error(400, "invalid_idempotency_key",
                              "Idempotency-Key başlığı ile gövdedeki anahtar farklı "
                              "(header and body idempotency keys differ)",
                              "idempotency_key"));
      return;
    }
    Status checked = intake::CheckIdempotencyKey(header_key);
    if (!checked.ok()) {
      respond(Response::FromStatus(checked));
      return;
    }
    input->idempotency_key = header_key;
  }
  ctx->intake->Submit(
      std::move(*input),
      [respond = std::move(respond), request_id = req.request_id](Result<intake::IntakeOutcome> r) {
        if (!r.ok()) {
          if (r.status().code() != StatusCode::kConflict) {
            log::Error("intake_failed",
                       {{"request_id", request_id}, {"code", StatusCodeName(r.status().code())}});
          }
          respond(Response::FromStatus(r.status()));
          return;
        }
        Response res = Response::Json(
            r->replayed ? 200 : 201,
            {{"tracking_code", r->tracking_code}, {"secret", r->secret}, {"status", r->status}});
        res.headers.emplace_back("Location", "/api/v1/track/" + r->tracking_code);
        if (r->replayed) res.headers.emplace_back("Idempotent-Replayed", "true");
        respond(std::move(res));
      });
}

void Track(const ApiContext* ctx, Request& req, Respond respond) {
  // Unknown code and wrong secret answer identically, so codes cannot be probed.
  const Response not_found = Response::Error(
      404, "not_found", "takip kodu veya şifre hatalı (tracking code or secret is wrong)");
  const std::string* secret = req.Query("secret");
  if (!secret || secret->empty()) {
    respond(Response::Error(400, "missing_field",
                            "takip için şifre gerekli: ?secret=... (secret is required)",
                            "secret"));
    return;
  }
  const std::string& code = req.params["code"];
  const std::string given_hash = ctx->intake->HashSecret(*secret);
  if (!intake::IntakeService::LooksLikeTrackingCode(code)) {
    respond(not_found);
    return;
  }
  auto found = ctx->store->FindByTrackingCode(code);
  if (!found.ok()) {
    respond(found.status().code() == StatusCode::kNotFound ? not_found
                                                           : Response::FromStatus(found.status()));
    return;
  }
  if (!intake::ConstantTimeEquals(found->secret_hash, given_hash)) {
    respond(not_found);
    return;
  }
  const cases::CaseRecord& c = found->record;
  nlohmann::json body = {{"tracking_code", c.tracking_code},
                         {"status", cases::CaseStateName(c.state)},
                         {"status_label", CitizenStatusLabel(c.state)},
                         {"channel", cases::ChannelName(c.channel)},
                         {"received_at", FormatRfc3339(c.received_at_ms)},
                         {"updated_at", FormatRfc3339(c.updated_at_ms)}};
  if (c.due_at_ms > 0 && cases::IsOpen(c.state)) body["due_at"] = FormatRfc3339(c.due_at_ms);
  if (!c.public_answer.empty()) body["answer"] = c.public_answer;
  respond(Response::Json(200, body));
}

}  // namespace

void RegisterIntakeRoutes(Router& router, const ApiContext* ctx) {
  router.Add("POST", "/api/v1/requests",
             [ctx](Request& req, Respond respond) { PostRequest(ctx, req, std::move(respond)); });
  router.Add("GET", "/api/v1/track/{code}",
             [ctx](Request& req, Respond respond) { Track(ctx, req, std::move(respond)); });
}

}  // namespace kapi::http
