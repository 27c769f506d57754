#pragma once
// Crypto-shredding of erasable payloads. Each data subject (person) has a random 256-bit key;
// their payloads are sealed with it (XChaCha20-Poly1305, libsodium), and the key itself is
// stored wrapped under the ledger's payload key (a key file outside the database). Destroying
// the person's key makes every payload of theirs unreadable at once, wherever a copy of the
// ciphertext survives; the leaves keep only salted commitments, so old proofs still verify.
//
// Sealed payload (version 1):  0x01 ‖ nonce(24) ‖ XChaCha20-Poly1305(salt(32) ‖ payload) ‖ tag(16)
//   associated data: "kapi-ledger-payload/v1" ‖ u64 seq (big-endian)
// Wrapped person key (version 1): 0x01 ‖ nonce(24) ‖ ciphertext(32) ‖ tag(16)
//   associated data: "kapi-ledger-person-key/v1" ‖ person id
//
// Thread-safety: pure functions except for the Random they draw from (which is thread-safe).

#include <cstdint>
#include <string>
#include <string_view>

#include "base/random.h"
#include "base/status.h"

namespace kapi::ledger {

inline constexpr size_t kPersonKeySize = 32;
inline constexpr size_t kPayloadKeySize = 32;

std::string NewPersonKey(Random& random);
std::string NewSalt(Random& random);

// Seals salt ‖ canonical payload for leaf `seq` under `person_key`.
std::string SealPayload(std::string_view person_key, uint64_t seq, std::string_view salt,
                        std::string_view canonical_payload, Random& random);

struct OpenedPayload {
  std::string salt;
  std::string canonical_payload;
};
// kDataLoss when the ciphertext was altered, moved to another seq, or sealed under another key.
Result<OpenedPayload> OpenPayload(std::string_view person_key, uint64_t seq,
                                  std::string_view sealed);

std::string WrapPersonKey(std::string_view payload_key, std::string_view person_id,
                          std::string_view person_key, Random& random);
Result<std::string> UnwrapPersonKey(std::string_view payload_key, std::string_view person_id,
                                    std::string_view wrapped);

}  // namespace kapi::ledger
