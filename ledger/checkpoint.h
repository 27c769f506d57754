#pragma once
// Signed checkpoints in the C2SP formats (https://c2sp.org/tlog-checkpoint and
// https://c2sp.org/signed-note) with Ed25519 (libsodium):
//
//   checkpoint body:  <origin>\n<tree size, decimal>\n<root hash, base64>\n[extension lines]
//   signed note:      <body>\n— <key name> <base64(key id(4) ‖ Ed25519 signature(64))>\n
//   key id:           first 4 bytes of SHA-256(<key name> ‖ 0x0A ‖ 0x01 ‖ public key(32))
//   verifier key:     <key name>+<key id, 8 hex digits>+<base64(0x01 ‖ public key)>
//
// The signature covers the body bytes exactly. The signing key is a 32-byte Ed25519 seed in a key
// file with mode 0600 outside the database; a verifier needs only the verifier key string.
//
// Thread-safety: NoteSigner and NoteVerifier are immutable after construction; share freely.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "ledger/hash.h"

namespace kapi::ledger {

struct Checkpoint {
  std::string origin;
  uint64_t size = 0;
  Hash root{};
  std::vector<std::string> extensions;  // extra body lines, kept opaque
};

std::string CheckpointBody(const Checkpoint& checkpoint);
Result<Checkpoint> ParseCheckpointBody(std::string_view body);

class NoteSigner {
 public:
  static constexpr size_t kSeedSize = 32;
  // `name` is the key name (no spaces, no '+'); conventionally the log's origin.
  static Result<NoteSigner> FromSeed(std::string name, std::string_view seed);
  // Loads the seed from `path`, creating the key file (mode 0600) when `create` and it is absent.
  static Result<NoteSigner> FromKeyFile(std::string name, const std::string& path, bool create);

  // The signed note for `text` (which must end in a newline).
  std::string Sign(std::string_view text) const;
  std::string VerifierKey() const;
  const std::string& name() const { return name_; }

 private:
  NoteSigner() = default;
  std::string name_;
  std::string public_key_;  // 32 bytes
  std::string secret_key_;  // 64 bytes (libsodium layout: seed ‖ public key)
};

class NoteVerifier {
 public:
  // Parses "<name>+<key id hex>+<base64(0x01 ‖ key)>".
  static Result<NoteVerifier> FromVerifierKey(std::string_view vkey);
  // Returns the note's text when a signature line by this key verifies; kDataLoss otherwise.
  Result<std::string> Open(std::string_view note) const;
  const std::string& name() const { return name_; }

 private:
  NoteVerifier() = default;
  std::string name_;
  std::string public_key_;
  uint32_t key_id_ = 0;
};

// Signs a checkpoint; the key's name must equal the origin.
std::string SignCheckpoint(const NoteSigner& signer, const Checkpoint& checkpoint);
// Opens a signed checkpoint note: signature, body syntax, and (when not empty) the origin.
Result<Checkpoint> OpenCheckpoint(const NoteVerifier& verifier, std::string_view note,
                                  std::string_view expected_origin = {});

}  // namespace kapi::ledger
