#include "http/api.h"

namespace kapi::http {

void RegisterHealthRoutes(Router& router, const ApiContext* ctx) {
  // Liveness: the process answers.
  router.Add("GET", "/healthz", [](Request&, Respond respond) {
    respond(Response::Json(200, {{"status", "ok"}}));
  });
  // Readiness: the database answers and the server is not draining.
  router.Add("GET", "/readyz", [ctx](Request&, Respond respond) {
    if (ctx->draining && ctx->draining()) {
      respond(Response::Json(503, {{"status", "draining"}}));
      return;
    }
    Status s = ctx->store->Ping();
    if (!s.ok()) {
      respond(Response::Json(503, {{"status", "unavailable"}, {"database", "down"}}));
      return;
    }
    respond(Response::Json(200, {{"status", "ready"}, {"database", "ok"}}));
  });
}

std::optional<Response> RequireJson(const Request& req) {
  std::string ct = req.Header("content-type");
  for (char& c : ct) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  ct.erase(std::remove(ct.begin(), ct.end(), ' '), ct.end());
  bool ok = ct == "application/json" || ct == "application/json;charset=utf-8";
  if (ok) return std::nullopt;
  return Response::Error(415, "unsupported_media_type",
                         "içerik türü application/json olmalı (Content-Type must be "
                         "application/json; charset=utf-8)",
                         "content-type");
}

std::string CitizenStatusLabel(cases::CaseState state) {
  using S = cases::CaseState;
  switch (state) {
    case S::kNew:
      return "Alındı";
    case S::kTriaged:
      return "İnceleniyor";
    case S::kAssigned:
    case S::kInProgress:
    case S::kReopened:
    case S::kReferred:
    case S::kReturned:
      return "İşlemde";
    case S::kAwaitingApproval:
      return "Yanıt hazırlanıyor";
    case S::kAnswered:
      return "Yanıtlandı";
    case S::kClosed:
      return "Kapatıldı";
  }
  return "İşlemde";
}

}  // namespace kapi::http
