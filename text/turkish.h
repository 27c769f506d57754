#pragma once
// Turkish-aware normalization through ICU: NFC, locale "tr" case mapping (İ→i, I→ı), and the
// normal form used for search indexing. Inputs must be valid UTF-8 (see utf8.h); invalid bytes
// are replaced with U+FFFD rather than failing. Thread-safe.

#include <string>
#include <string_view>

namespace kapi::text {

std::string Nfc(std::string_view s);
std::string ToLowerTr(std::string_view s);
std::string ToUpperTr(std::string_view s);

// NFC + Turkish lower-case + whitespace folded to single spaces and trimmed. The same function
// normalizes indexed text and queries, so "İSTANBUL" finds "istanbul" and "IŞIK" finds "ışık",
// while "isik" stays distinct from "ışık".
std::string NormalizeForSearch(std::string_view s);

}  // namespace kapi::text
