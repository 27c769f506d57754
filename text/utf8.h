#pragma once
// UTF-8 validation and code-point counting. Every text that enters Kapı is validated here first;
// offsets reported to users (entity spans, highlights) are in Unicode code points.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace kapi::text {

// Returns the byte offset of the first invalid sequence, or nullopt when `s` is well-formed
// UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
std::optional<size_t> FindInvalidUtf8(std::string_view s);

inline bool IsValidUtf8(std::string_view s) { return !FindInvalidUtf8(s).has_value(); }

// Number of code points in well-formed UTF-8 `s`.
size_t CountCodePoints(std::string_view s);

// The first `max_bytes` of well-formed UTF-8 `s`, cut at a code-point boundary, with "…" appended
// when something was cut (for previews of case texts).
std::string Snippet(std::string_view s, size_t max_bytes);

}  // namespace kapi::text
