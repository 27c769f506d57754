#pragma once
// JSON API v1 routes. The citizen-facing intake and tracking endpoints are public; the staff
// endpoints require a signed-in session (cookie) and, for every state change, its CSRF token in
// the X-CSRF-Token header. Authorization (role + unit scope) is enforced by workflow/.

#include <functional>
#include <string>

#include "base/clock.h"
#include "cases/sla_clock.h"
#include "http/router.h"
#include "http/work_pool.h"
#include "intake/intake_service.h"
#include "store/ledger_store.h"
#include "store/store.h"
#include "workflow/auth_service.h"
#include "workflow/case_service.h"

namespace kapi::http {

struct ApiContext {
  store::Store* store = nullptr;
  intake::IntakeService* intake = nullptr;
  intake::IntakeLimits limits;
  const Clock* clock = nullptr;
  WorkPool* work = nullptr;  // for handlers that block on the store
  workflow::CaseService* cases = nullptr;
  workflow::AuthService* auth = nullptr;
  bool cookie_secure = true;             // false only for plain-HTTP development off localhost
  const cases::SlaClock* sla = nullptr;  // SLA colouring in the inbox; optional
  store::LedgerStore* ledger = nullptr;  // the auditor's page; optional
  std::function<bool()> draining;        // true while the server shuts down
};

// Registers every v1 route. `ctx` must outlive the router.
void RegisterHealthRoutes(Router& router, const ApiContext* ctx);
void RegisterIntakeRoutes(Router& router, const ApiContext* ctx);
void RegisterStaffRoutes(Router& router, const ApiContext* ctx);
// Open311 GeoReport v2 under /open311/v2/ (http/open311.cc).
void RegisterOpen311Routes(Router& router, const ApiContext* ctx);

// Shared helpers for handlers.
// Checks "Content-Type: application/json" (charset, if given, must be utf-8); 415 otherwise.
std::optional<Response> RequireJson(const Request& req);
// JSON views shared by the API and the pages.
nlohmann::json CaseJson(const cases::CaseRecord& c);
nlohmann::json AnswerJson(const cases::Answer& a);
// Citizen-facing Turkish label for a case state.
std::string CitizenStatusLabel(cases::CaseState state);

}  // namespace kapi::http
