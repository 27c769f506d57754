#include "store/pg_search.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <set>

#include "text/turkish.h"

namespace kapi::store::pg {
namespace {

// PostgreSQL refuses lexemes of 2 KiB and more.
constexpr size_t kMaxLexemeBytes = 2000;

bool IsTokenChar(UChar32 c) {
  return (U_GET_GC_MASK(c) & (U_GC_L_MASK | U_GC_N_MASK | U_GC_CO_MASK)) != 0;
}

}  // namespace

std::vector<std::string> SearchTokens(std::string_view s) {
  std::vector<std::string> out;
  std::string token;
  auto flush = [&] {
    if (!token.empty()) out.push_back(std::move(token));
    token.clear();
  };
  const auto* bytes = reinterpret_cast<const uint8_t*>(s.data());
  const int32_t length = static_cast<int32_t>(s.size());
  for (int32_t i = 0; i < length;) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c < 0 || !IsTokenChar(c)) {
      flush();
      continue;
    }
    if (token.size() + static_cast<size_t>(i - start) <= kMaxLexemeBytes) {
      token.append(s.substr(static_cast<size_t>(start), static_cast<size_t>(i - start)));
    }
  }
  flush();
  return out;
}

std::string SearchLexemes(std::string_view text) {
  std::vector<std::string> tokens = SearchTokens(text::NormalizeForSearch(text));
  std::sort(tokens.begin(), tokens.end());
  tokens.erase(std::unique(tokens.begin(), tokens.end()), tokens.end());
  std::string out;
  for (const std::string& t : tokens) {
    if (!out.empty()) out += ' ';
    out += t;
  }
  return out;
}

std::string BuildTsQuery(std::string_view user_query) {
  std::string out;
  std::set<std::string> seen;
  for (const std::string& t : SearchTokens(text::NormalizeForSearch(user_query))) {
    if (!seen.insert(t).second) continue;
    if (!out.empty()) out += " & ";
    out += '\'';
    for (char c : t) {
      if (c == '\'' || c == '\\') out += c;  // never present in tokens; kept as a safeguard
      out += c;
    }
    out += "':*";
  }
  return out;
}

}  // namespace kapi::store::pg
