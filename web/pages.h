#pragma once
// Registers every page route on the router. `ctx` (the same services as the JSON API) must
// outlive the router.

#include "http/api.h"
#include "http/router.h"

namespace kapi::web {

void RegisterCitizenPages(http::Router& router, const http::ApiContext* ctx);
void RegisterStaffPages(http::Router& router, const http::ApiContext* ctx);
void RegisterStaticAssets(http::Router& router);

}  // namespace kapi::web
