#include "http/router.h"

#include "text/utf8.h"

namespace kapi::http {
namespace {

std::vector<std::string> SplitPath(std::string_view path) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') {
      ++i;
      continue;
    }
    size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    out.emplace_back(path.substr(i, j - i));
    i = j;
  }
  return out;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

bool PercentDecode(std::string_view in, bool plus_is_space, std::string* out) {
  out->clear();
  out->reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '%') {
      if (i + 2 >= in.size()) return false;
      int hi = HexValue(in[i + 1]);
      int lo = HexValue(in[i + 2]);
      if (hi < 0 || lo < 0) return false;
      out->push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out->push_back(' ');
    } else {
      out->push_back(c);
    }
  }
  return text::IsValidUtf8(*out);
}

bool ParseQuery(std::string_view query, std::map<std::string, std::string>* out) {
  size_t i = 0;
  while (i <= query.size()) {
    size_t j = query.find('&', i);
    if (j == std::string_view::npos) j = query.size();
    std::string_view pair = query.substr(i, j - i);
    if (!pair.empty()) {
      size_t eq = pair.find('=');
      std::string key, value;
      if (!PercentDecode(pair.substr(0, eq), true, &key)) return false;
      if (eq != std::string_view::npos && !PercentDecode(pair.substr(eq + 1), true, &value)) {
        return false;
      }
      (*out)[key] = value;
    }
    i = j + 1;
  }
  return true;
}

void Router::Add(std::string method, std::string pattern, Handler handler) {
  Route r{std::move(method), pattern, SplitPath(pattern), std::move(handler)};
  routes_.push_back(std::move(r));
}

Router::Match Router::Find(const std::string& method, const std::string& path) const {
  Match best;
  const std::vector<std::string> segs = SplitPath(path);
  int best_score = -1;
  for (const Route& r : routes_) {
    if (r.segments.size() != segs.size()) continue;
    std::map<std::string, std::string> params;
    int score = 0;
    bool ok = true;
    for (size_t i = 0; i < segs.size() && ok; ++i) {
      const std::string& p = r.segments[i];
      if (p.size() > 2 && p.front() == '{' && p.back() == '}') {
        std::string decoded;
        if (!PercentDecode(segs[i], false, &decoded)) {
          best.bad_encoding = true;
          ok = false;
          break;
        }
        params[p.substr(1, p.size() - 2)] = std::move(decoded);
      } else if (p == segs[i]) {
        score += 2;
      } else {
        ok = false;
      }
    }
    if (!ok) continue;
    if (r.method != method) {
      if (!best.allowed_methods.empty()) best.allowed_methods += ", ";
      best.allowed_methods += r.method;
      continue;
    }
    if (score > best_score) {
      best_score = score;
      best.handler = &r.handler;
      best.pattern = r.pattern;
      best.params = std::move(params);
    }
  }
  return best;
}

}  // namespace kapi::http
