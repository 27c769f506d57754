#pragma once
// Percent-encoding for URL components (RFC 3986 §2.1): every byte but the unreserved characters
// A–Z a–z 0–9 - . _ ~ becomes %XX (upper-case hex). UTF-8 is encoded byte by byte. Decoding of
// requests is the HTTP layer's (http/router.h PercentDecode).

#include <string>
#include <string_view>

namespace kapi {

std::string PercentEncode(std::string_view s);

}  // namespace kapi
