#pragma once
// Turns a user's search words into an FTS5 MATCH expression: the query is put in the search
// normal form (text/turkish.h), split into words, each word quoted (so no FTS syntax can be
// injected) and matched as a prefix (so "otobüs" finds "otobüsü", "otobüslerin"). Words are ANDed.
// Returns "" when no word remains.

#include <string>
#include <string_view>

namespace kapi::store {

std::string BuildFtsMatch(std::string_view user_query);

}  // namespace kapi::store
