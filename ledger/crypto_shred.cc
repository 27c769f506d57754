#include "ledger/crypto_shred.h"

#include <sodium.h>

namespace kapi::ledger {
namespace {

constexpr uint8_t kVersion = 1;
constexpr size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr size_t kTag = crypto_aead_xchacha20poly1305_ietf_ABYTES;
constexpr std::string_view kPayloadAd = "kapi-ledger-payload/v1";
constexpr std::string_view kKeyAd = "kapi-ledger-person-key/v1";

std::string Seal(std::string_view key, std::string_view ad, std::string_view plaintext,
                 Random& random) {
  std::string out(1 + kNonce + plaintext.size() + kTag, '\0');
  auto* p = reinterpret_cast<unsigned char*>(out.data());
  p[0] = kVersion;
  random.Fill(p + 1, kNonce);
  unsigned long long len = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(
      p + 1 + kNonce, &len, reinterpret_cast<const unsigned char*>(plaintext.data()),
      plaintext.size(), reinterpret_cast<const unsigned char*>(ad.data()), ad.size(), nullptr,
      p + 1, reinterpret_cast<const unsigned char*>(key.data()));
  return out;
}

Result<std::string> Open(std::string_view key, std::string_view ad, std::string_view sealed,
                         std::string_view what) {
  if (key.size() != crypto_aead_xchacha20poly1305_ietf_KEYBYTES) {
    return Internal(std::string(what) + ": wrong key size");
  }
  if (sealed.size() < 1 + kNonce + kTag || static_cast<uint8_t>(sealed[0]) != kVersion) {
    return Status(StatusCode::kDataLoss, std::string(what) + " is malformed");
  }
  const auto* p = reinterpret_cast<const unsigned char*>(sealed.data());
  std::string out(sealed.size() - 1 - kNonce - kTag, '\0');
  unsigned long long len = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(
          reinterpret_cast<unsigned char*>(out.data()), &len, nullptr, p + 1 + kNonce,
          sealed.size() - 1 - kNonce, reinterpret_cast<const unsigned char*>(ad.data()), ad.size(),
          p + 1, reinterpret_cast<const unsigned char*>(key.data())) != 0) {
    return Status(StatusCode::kDataLoss, std::string(what) +
                                             " does not open (altered, moved, "
                                             "or under another key)");
  }
  out.resize(len);
  return out;
}

std::string PayloadAd(uint64_t seq) {
  std::string ad(kPayloadAd);
  for (int shift = 56; shift >= 0; shift -= 8) ad.push_back(static_cast<char>(seq >> shift));
  return ad;
}

std::string RandomBytes(Random& random, size_t n) {
  std::string out(n, '\0');
  random.Fill(reinterpret_cast<uint8_t*>(out.data()), n);
  return out;
}

}  // namespace

std::string NewPersonKey(Random& random) { return RandomBytes(random, kPersonKeySize); }
std::string NewSalt(Random& random) { return RandomBytes(random, 32); }

std::string SealPayload(std::string_view person_key, uint64_t seq, std::string_view salt,
                        std::string_view canonical_payload, Random& random) {
  std::string plain;
  plain.reserve(salt.size() + canonical_payload.size());
  plain.append(salt);
  plain.append(canonical_payload);
  std::string sealed = Seal(person_key, PayloadAd(seq), plain, random);
  sodium_memzero(plain.data(), plain.size());
  return sealed;
}

Result<OpenedPayload> OpenPayload(std::string_view person_key, uint64_t seq,
                                  std::string_view sealed) {
  auto plain = Open(person_key, PayloadAd(seq), sealed, "payload");
  if (!plain.ok()) return plain.status();
  if (plain->size() < 32) return Status(StatusCode::kDataLoss, "payload is missing its salt");
  OpenedPayload out;
  out.salt = plain->substr(0, 32);
  out.canonical_payload = plain->substr(32);
  return out;
}

std::string WrapPersonKey(std::string_view payload_key, std::string_view person_id,
                          std::string_view person_key, Random& random) {
  std::string ad(kKeyAd);
  ad.append(person_id);
  return Seal(payload_key, ad, person_key, random);
}

Result<std::string> UnwrapPersonKey(std::string_view payload_key, std::string_view person_id,
                                    std::string_view wrapped) {
  std::string ad(kKeyAd);
  ad.append(person_id);
  auto key = Open(payload_key, ad, wrapped, "person key");
  if (!key.ok()) return key.status();
  if (key->size() != kPersonKeySize) return Status(StatusCode::kDataLoss, "person key size");
  return key;
}

}  // namespace kapi::ledger
