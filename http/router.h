#pragma once
// A small router of our own: method + path pattern with {name} segments, e.g.
// "/api/v1/cases/{id}/notes". Exact segments win over parameters. Not thread-safe to modify;
// lookups after setup are thread-safe.

#include <string>
#include <vector>

#include "http/message.h"

namespace kapi::http {

class Router {
 public:
  void Add(std::string method, std::string pattern, Handler handler);

  struct Match {
    const Handler* handler = nullptr;  // null: no route
    std::string pattern;
    std::map<std::string, std::string> params;
    std::string allowed_methods;  // non-empty when the path exists under other methods (405)
    bool bad_encoding = false;    // a path segment had invalid percent-encoding or UTF-8
  };
  Match Find(const std::string& method, const std::string& path) const;

 private:
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;
    Handler handler;
  };
  std::vector<Route> routes_;
};

// Percent-decodes `in` ('+' as space when `plus_is_space`). False on a bad escape.
bool PercentDecode(std::string_view in, bool plus_is_space, std::string* out);
// Parses "a=1&b=x%20y" into `out`. False on a bad escape or invalid UTF-8.
bool ParseQuery(std::string_view query, std::map<std::string, std::string>* out);

}  // namespace kapi::http
