#include "store/fts_query.h"

#include <cctype>

#include "text/turkish.h"

namespace kapi::store {

std::string BuildFtsMatch(std::string_view user_query) {
  const std::string normal = text::NormalizeForSearch(user_query);
  std::string out;
  std::string word;
  auto flush = [&] {
    if (word.empty()) return;
    if (!out.empty()) out += ' ';
    out += '"';
    for (char c : word) {
      if (c == '"') out += '"';  // FTS5 escapes a quote by doubling it
      out += c;
    }
    out += "\"*";
    word.clear();
  };
  for (char c : normal) {
    auto u = static_cast<unsigned char>(c);
    // ASCII punctuation and spaces separate words; every non-ASCII byte belongs to a letter.
    bool separator = u < 0x80 && !std::isalnum(u);
    if (separator) {
      flush();
    } else {
      word += c;
    }
  }
  flush();
  return out;
}

}  // namespace kapi::store
