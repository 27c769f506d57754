#pragma once
// TOTP second factor (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits), as authenticator apps
// implement it. Secrets are 20 random bytes shown to the user in base32 (RFC 4648, no padding).

#include <cstdint>
#include <string>
#include <string_view>

namespace kapi::workflow {

std::string Base32Encode(std::string_view bytes);
// Decodes base32 (case-insensitive, spaces ignored); false on an invalid character.
bool Base32Decode(std::string_view text, std::string* out);

// The code for the 30-second step containing `unix_seconds`.
std::string TotpCode(std::string_view secret, int64_t unix_seconds);
// Accepts the current step and one step either side (clock drift).
bool TotpVerify(std::string_view secret, std::string_view code, int64_t unix_seconds);

// otpauth:// URI for enrolment in an authenticator app.
std::string TotpUri(std::string_view issuer, std::string_view account, std::string_view secret);

}  // namespace kapi::workflow
