#pragma once
// Session cookies and CSRF for HTTP. The cookie "kapi_session" carries the random session token:
// HttpOnly (no script can read it), SameSite=Strict (not sent on cross-site requests), Secure
// unless explicitly disabled for plain-HTTP development, Path=/. Every state-changing staff
// request must also carry the session's CSRF token: the X-CSRF-Token header (JSON API) or the
// "csrf" form field (pages).

#include <optional>
#include <string>

#include "http/message.h"
#include "workflow/auth_service.h"

namespace kapi::http {

inline constexpr std::string_view kSessionCookie = "kapi_session";

// The value of cookie `name` in the request's Cookie header, if any.
std::optional<std::string> CookieValue(const Request& req, std::string_view name);
// Set-Cookie value that stores `token` (or clears the cookie when `token` is empty).
std::string SessionCookieHeader(const std::string& token, bool secure);

// Resumes the request's session; kUnauthenticated when there is none or it expired.
Result<workflow::SessionContext> ResumeSession(workflow::AuthService& auth, const Request& req);

}  // namespace kapi::http
