#include "privacy/field_cipher.h"

#include <sodium.h>

#include "base/random.h"
#include "privacy/key_file.h"

namespace kapi::privacy {
namespace {
constexpr uint8_t kVersion = 0x01;
constexpr size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr size_t kTag = crypto_aead_xchacha20poly1305_ietf_ABYTES;
}  // namespace

Result<FieldCipher> FieldCipher::FromKey(std::string key) {
  if (!InitCrypto()) return Internal("libsodium failed to initialize");
  if (key.size() != kKeySize) return InvalidArgument("field key must be 32 bytes");
  return FieldCipher(std::move(key));
}

Result<FieldCipher> FieldCipher::FromKeyFile(const std::string& path) {
  auto key = LoadOrCreateKey(path, kKeySize);
  if (!key.ok()) return key.status();
  return FromKey(std::move(*key));
}

std::string FieldCipher::Seal(std::string_view plaintext, std::string_view field) const {
  std::string out(1 + kNonce + plaintext.size() + kTag, '\0');
  auto* p = reinterpret_cast<unsigned char*>(out.data());
  p[0] = kVersion;
  randombytes_buf(p + 1, kNonce);
  unsigned long long clen = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(
      p + 1 + kNonce, &clen, reinterpret_cast<const unsigned char*>(plaintext.data()),
      plaintext.size(), reinterpret_cast<const unsigned char*>(field.data()), field.size(), nullptr,
      p + 1, reinterpret_cast<const unsigned char*>(key_.data()));
  out.resize(1 + kNonce + clen);
  return out;
}

Result<std::string> FieldCipher::Open(std::string_view sealed, std::string_view field) const {
  if (sealed.size() < 1 + kNonce + kTag || static_cast<uint8_t>(sealed[0]) != kVersion) {
    return Status(StatusCode::kDataLoss, "sealed value is malformed or of an unknown version");
  }
  const auto* p = reinterpret_cast<const unsigned char*>(sealed.data());
  std::string out(sealed.size() - 1 - kNonce - kTag, '\0');
  unsigned long long mlen = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(
          reinterpret_cast<unsigned char*>(out.data()), &mlen, nullptr, p + 1 + kNonce,
          sealed.size() - 1 - kNonce, reinterpret_cast<const unsigned char*>(field.data()),
          field.size(), p + 1, reinterpret_cast<const unsigned char*>(key_.data())) != 0) {
    return Status(StatusCode::kDataLoss, "sealed value failed authentication");
  }
  out.resize(mlen);
  return out;
}

}  // namespace kapi::privacy
