#pragma once
// Transport-neutral request/response types. Handlers see only these, never Beast types, so they
// can be tested without sockets. Header names are lower-cased.

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/status.h"

namespace kapi::http {

struct Request {
  std::string method;                          // "GET", "POST", ...
  std::string path;                            // raw path, without the query
  std::map<std::string, std::string> query;    // percent-decoded; the last value of a key wins
  std::map<std::string, std::string> params;   // from the route pattern, percent-decoded
  std::map<std::string, std::string> headers;  // lower-cased names
  std::string body;
  std::string request_id;  // generated per request, echoed as X-Request-Id
  std::string route;       // the matched pattern, e.g. "/api/v1/cases/{id}" (safe to log)

  // Header value or "" when absent.
  const std::string& Header(const std::string& lower_name) const;
  // Query value or nullptr when absent.
  const std::string* Query(const std::string& key) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers

  static Response Json(int status, const nlohmann::json& body);
  static Response Html(int status, std::string html);
  // {"error": {"code", "message", "field"?}}
  static Response Error(int status, std::string_view code, std::string_view message,
                        std::string_view field = {});
  // Maps a non-OK Status to its HTTP status and error body (code = reason or the status name).
  static Response FromStatus(const Status& status);
};

// Called exactly once per request, from any thread.
using Respond = std::function<void(Response)>;
using Handler = std::function<void(Request&, Respond)>;

// HTTP status for a Status code: invalid_argument 400, unauthenticated 401, permission 403,
// not_found 404, failed_precondition/conflict 409, resource_exhausted 429, unavailable 503, else
// 500.
int HttpStatusFor(StatusCode code);

// A database row id written in a path or query ("/cases/{id}", "?case=42"): 1–18 ASCII digits.
// nullopt for anything else (empty, sign, spaces, letters, too long to be an int64).
std::optional<int64_t> ParseId(std::string_view text);

}  // namespace kapi::http
