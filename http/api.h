#pragma once
// JSON API v1 routes. The citizen-facing intake and tracking endpoints are public; the staff
// endpoints require authentication (until the pages issue brings sessions: a development token
// that must be configured explicitly and is never on by default).

#include <functional>
#include <string>

#include "base/clock.h"
#include "http/router.h"
#include "http/work_pool.h"
#include "intake/intake_service.h"
#include "store/store.h"

namespace kapi::http {

struct ApiContext {
  store::Store* store = nullptr;
  intake::IntakeService* intake = nullptr;
  intake::IntakeLimits limits;
  const Clock* clock = nullptr;
  WorkPool* work = nullptr;        // for handlers that block on the store
  std::string dev_token;           // empty: staff API closed
  std::function<bool()> draining;  // true while the server shuts down
};

// Registers every v1 route. `ctx` must outlive the router.
void RegisterHealthRoutes(Router& router, const ApiContext* ctx);
void RegisterIntakeRoutes(Router& router, const ApiContext* ctx);
void RegisterStaffRoutes(Router& router, const ApiContext* ctx);

// Shared helpers for handlers.
// Checks "Content-Type: application/json" (charset, if given, must be utf-8); 415 otherwise.
std::optional<Response> RequireJson(const Request& req);
// Citizen-facing Turkish label for a case state.
std::string CitizenStatusLabel(cases::CaseState state);

}  // namespace kapi::http
