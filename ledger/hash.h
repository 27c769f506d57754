#pragma once
// RFC 9162 (Certificate Transparency v2) hashing with SHA-256, plus the encodings the ledger uses
// for hashes (hex, standard base64). This file is the one place that names the SHA-256
// implementation (OpenSSL, which uses the CPU's SHA extensions when present).
//
//   leaf hash  = SHA-256(0x00 ‖ leaf input)
//   node hash  = SHA-256(0x01 ‖ left ‖ right)
//   empty root = SHA-256("")
//
// Thread-safe: every function is pure.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kapi::ledger {

inline constexpr size_t kHashSize = 32;
using Hash = std::array<uint8_t, kHashSize>;

Hash Sha256(std::string_view data);
Hash HashLeaf(std::string_view leaf_input);
Hash HashChildren(const Hash& left, const Hash& right);
// The root of the empty tree, SHA-256 of the empty string.
Hash EmptyRoot();

// Views a hash as bytes (for storing in a BLOB or comparing with bytes read from one).
inline std::string_view AsBytes(const Hash& h) {
  return {reinterpret_cast<const char*>(h.data()), h.size()};
}
// A hash from exactly kHashSize bytes; nullopt for any other length.
std::optional<Hash> HashFromBytes(std::string_view bytes);

std::string ToHex(std::string_view bytes);
inline std::string ToHex(const Hash& h) { return ToHex(AsBytes(h)); }
std::optional<std::string> FromHex(std::string_view hex);

// Standard base64 (RFC 4648 §4, with padding), as C2SP checkpoints and the proof JSON use it.
std::string Base64Encode(std::string_view bytes);
// nullopt on any character outside the alphabet, bad padding or trailing garbage.
std::optional<std::string> Base64Decode(std::string_view text);

}  // namespace kapi::ledger
