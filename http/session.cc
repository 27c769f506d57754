#include "http/session.h"

namespace kapi::http {

std::optional<std::string> CookieValue(const Request& req, std::string_view name) {
  const std::string& header = req.Header("cookie");
  size_t i = 0;
  while (i < header.size()) {
    while (i < header.size() && (header[i] == ' ' || header[i] == ';')) ++i;
    size_t eq = header.find('=', i);
    if (eq == std::string::npos) break;
    size_t end = header.find(';', eq);
    if (end == std::string::npos) end = header.size();
    if (std::string_view(header).substr(i, eq - i) == name) {
      return header.substr(eq + 1, end - eq - 1);
    }
    i = end;
  }
  return std::nullopt;
}

std::string SessionCookieHeader(const std::string& token, bool secure) {
  std::string v = std::string(kSessionCookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict";
  if (secure) v += "; Secure";
  if (token.empty()) v += "; Max-Age=0";
  return v;
}

Result<workflow::SessionContext> ResumeSession(workflow::AuthService& auth, const Request& req) {
  auto token = CookieValue(req, kSessionCookie);
  if (!token || token->empty()) {
    return Status(StatusCode::kUnauthenticated,
                  "bu işlem için giriş yapmalısınız (sign in required)")
        .WithReason("unauthenticated");
  }
  return auth.Resume(*token);
}

}  // namespace kapi::http
