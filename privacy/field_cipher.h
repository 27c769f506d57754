#pragma once
// Encryption of personal-data fields at rest: XChaCha20-Poly1305 (libsodium AEAD) with a random
// 192-bit nonce per value. The field name is bound as associated data, so a ciphertext moved to
// another column fails to open. Sealed format (versioned, docs/formats/sealed-field.md):
//   byte 0x01 (version) ‖ 24-byte nonce ‖ ciphertext ‖ 16-byte tag
// Thread-safe; the key is held in memory for the process lifetime.

#include <string>
#include <string_view>

#include "base/status.h"

namespace kapi::privacy {

class FieldCipher {
 public:
  static constexpr size_t kKeySize = 32;
  // `key` must be kKeySize bytes.
  static Result<FieldCipher> FromKey(std::string key);
  // Loads or creates the key file at `path` (see key_file.h).
  static Result<FieldCipher> FromKeyFile(const std::string& path);

  std::string Seal(std::string_view plaintext, std::string_view field) const;
  // kDataLoss when the value was tampered with, sealed for another field, or under another key.
  Result<std::string> Open(std::string_view sealed, std::string_view field) const;

 private:
  explicit FieldCipher(std::string key) : key_(std::move(key)) {}
  std::string key_;
};

}  // namespace kapi::privacy
