#include "workflow/totp.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cstdio>

#include "base/percent_encoding.h"

namespace kapi::workflow {
namespace {
constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
}

std::string Base32Encode(std::string_view bytes) {
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (unsigned char c : bytes) {
    buffer = (buffer << 8) | c;
    bits += 8;
    while (bits >= 5) {
      out += kAlphabet[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += kAlphabet[(buffer << (5 - bits)) & 31];
  return out;
}

bool Base32Decode(std::string_view text, std::string* out) {
  out->clear();
  uint32_t buffer = 0;
  int bits = 0;
  for (char c : text) {
    if (c == ' ' || c == '=' || c == '-') continue;
    char u = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    size_t v = kAlphabet.find(u);
    if (v == std::string_view::npos) return false;
    buffer = (buffer << 5) | static_cast<uint32_t>(v);
    bits += 5;
    if (bits >= 8) {
      out->push_back(static_cast<char>((buffer >> (bits - 8)) & 0xFF));
      bits -= 8;
    }
  }
  return true;
}

std::string TotpCode(std::string_view secret, int64_t unix_seconds) {
  uint64_t step = static_cast<uint64_t>(unix_seconds / 30);
  unsigned char msg[8];
  for (int i = 7; i >= 0; --i) {
    msg[i] = static_cast<unsigned char>(step & 0xFF);
    step >>= 8;
  }
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_len = 0;
  HMAC(EVP_sha1(), secret.data(), static_cast<int>(secret.size()), msg, sizeof msg, mac, &mac_len);
  int offset = mac[mac_len - 1] & 0x0F;
  uint32_t bin = ((mac[offset] & 0x7F) << 24) | (mac[offset + 1] << 16) | (mac[offset + 2] << 8) |
                 mac[offset + 3];
  char code[8];
  std::snprintf(code, sizeof code, "%06u", bin % 1000000);
  return code;
}

bool TotpVerify(std::string_view secret, std::string_view code, int64_t unix_seconds) {
  if (code.size() != 6) return false;
  bool ok = false;
  for (int d = -1; d <= 1; ++d) {
    // Compare every candidate (no early exit) to keep timing flat.
    std::string want = TotpCode(secret, unix_seconds + d * 30);
    unsigned diff = 0;
    for (size_t i = 0; i < 6; ++i) diff |= static_cast<unsigned>(want[i] ^ code[i]);
    ok = ok || diff == 0;
  }
  return ok;
}

std::string TotpUri(std::string_view issuer, std::string_view account, std::string_view secret) {
  return "otpauth://totp/" + PercentEncode(issuer) + ":" + PercentEncode(account) +
         "?secret=" + Base32Encode(secret) + "&issuer=" + PercentEncode(issuer) +
         "&digits=6&period=30";
}

}  // namespace kapi::workflow
