#pragma once
// Full-text search for the PostgreSQL store with the same results as SQLite's FTS5 index
// (store/fts_query.h, tokenizer unicode61 with remove_diacritics 0).
//
// Both sides use the search normal form (text::NormalizeForSearch). Tokens are maximal runs of
// code points in the Unicode categories L*, N* and Co — unicode61's default token characters —
// so PostgreSQL's own parser (whose idea of a word depends on the server locale) is never used:
// documents are stored as `array_to_tsvector` of these tokens and queries are tsquery literals in
// which every token is a prefix (`'otobüs':*`), ANDed. Thread-safe, pure functions.

#include <string>
#include <string_view>
#include <vector>

namespace kapi::store::pg {

// Tokens of already-normalized text, in order, duplicates kept. Tokens longer than PostgreSQL's
// lexeme limit are cut at a character boundary.
std::vector<std::string> SearchTokens(std::string_view normalized);

// The document side: normalizes `text`, tokenizes, removes duplicates and joins with single
// spaces (the statement splits it with string_to_array(…, ' ')).
std::string SearchLexemes(std::string_view text);

// The query side: a tsquery literal such as `'ışık':* & 'direğ':*`, or "" when the query has no
// word. Every lexeme is quoted, so no tsquery syntax can be injected.
std::string BuildTsQuery(std::string_view user_query);

}  // namespace kapi::store::pg
