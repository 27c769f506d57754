#include "ledger/checkpoint.h"

#include <sodium.h>

#include <charconv>
#include <cstdio>
#include <filesystem>

#include "base/random.h"
#include "privacy/key_file.h"

namespace kapi::ledger {
namespace {

constexpr uint8_t kAlgEd25519 = 0x01;
constexpr std::string_view kSigPrefix = "\xE2\x80\x94 ";  // "— " (U+2014 EM DASH, space)

Status Bad(std::string msg) {
  return Status(StatusCode::kDataLoss, std::move(msg)).WithReason("bad_checkpoint");
}

uint32_t KeyId(std::string_view name, std::string_view public_key) {
  std::string buf(name);
  buf.push_back('\n');
  buf.push_back(static_cast<char>(kAlgEd25519));
  buf.append(public_key);
  Hash h = Sha256(buf);
  return uint32_t{h[0]} << 24 | uint32_t{h[1]} << 16 | uint32_t{h[2]} << 8 | h[3];
}

bool ValidKeyName(std::string_view name) {
  if (name.empty()) return false;
  for (unsigned char c : name) {
    if (c <= 0x20 || c == '+' || c == 0x7f) return false;
  }
  return true;
}

std::vector<std::string_view> SplitLines(std::string_view text) {
  // `text` ends in '\n'; every line is returned without it.
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    lines.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  return lines;
}

}  // namespace

std::string CheckpointBody(const Checkpoint& c) {
  std::string out =
      c.origin + "\n" + std::to_string(c.size) + "\n" + Base64Encode(AsBytes(c.root)) + "\n";
  for (const std::string& e : c.extensions) out += e + "\n";
  return out;
}

Result<Checkpoint> ParseCheckpointBody(std::string_view body) {
  if (body.empty() || body.back() != '\n') return Bad("checkpoint must end with a newline");
  std::vector<std::string_view> lines = SplitLines(body);
  if (lines.size() < 3) return Bad("checkpoint needs origin, size and root lines");
  Checkpoint c;
  if (lines[0].empty()) return Bad("checkpoint origin is empty");
  c.origin = lines[0];
  std::string_view size = lines[1];
  if (size.empty() || (size.size() > 1 && size[0] == '0')) return Bad("bad checkpoint size");
  auto [ptr, ec] = std::from_chars(size.data(), size.data() + size.size(), c.size);
  if (ec != std::errc() || ptr != size.data() + size.size()) return Bad("bad checkpoint size");
  auto root = Base64Decode(lines[2]);
  if (!root || root->size() != kHashSize) return Bad("bad checkpoint root hash");
  c.root = *HashFromBytes(*root);
  for (size_t i = 3; i < lines.size(); ++i) {
    if (lines[i].empty()) return Bad("empty checkpoint extension line");
    c.extensions.emplace_back(lines[i]);
  }
  return c;
}

Result<NoteSigner> NoteSigner::FromSeed(std::string name, std::string_view seed) {
  if (!InitCrypto()) return Internal("libsodium failed to initialize");
  if (!ValidKeyName(name)) return InvalidArgument("bad signing key name", "origin");
  if (seed.size() != kSeedSize) return InvalidArgument("Ed25519 seed must be 32 bytes");
  NoteSigner s;
  s.name_ = std::move(name);
  s.public_key_.resize(crypto_sign_PUBLICKEYBYTES);
  s.secret_key_.resize(crypto_sign_SECRETKEYBYTES);
  crypto_sign_seed_keypair(reinterpret_cast<unsigned char*>(s.public_key_.data()),
                           reinterpret_cast<unsigned char*>(s.secret_key_.data()),
                           reinterpret_cast<const unsigned char*>(seed.data()));
  return s;
}

Result<NoteSigner> NoteSigner::FromKeyFile(std::string name, const std::string& path, bool create) {
  std::error_code ec;
  if (!create && !std::filesystem::exists(path, ec)) {
    return NotFound("no ledger signing key at " + path);
  }
  auto seed = privacy::LoadOrCreateKey(path, kSeedSize);
  if (!seed.ok()) return seed.status();
  auto signer = FromSeed(std::move(name), *seed);
  sodium_memzero(seed->data(), seed->size());
  return signer;
}

std::string NoteSigner::Sign(std::string_view text) const {
  unsigned char sig[4 + crypto_sign_BYTES];
  const uint32_t id = KeyId(name_, public_key_);
  sig[0] = static_cast<unsigned char>(id >> 24);
  sig[1] = static_cast<unsigned char>(id >> 16);
  sig[2] = static_cast<unsigned char>(id >> 8);
  sig[3] = static_cast<unsigned char>(id);
  crypto_sign_detached(sig + 4, nullptr, reinterpret_cast<const unsigned char*>(text.data()),
                       text.size(), reinterpret_cast<const unsigned char*>(secret_key_.data()));
  std::string note(text);
  note += "\n";
  note += kSigPrefix;
  note += name_ + " " + Base64Encode({reinterpret_cast<const char*>(sig), sizeof sig}) + "\n";
  return note;
}

std::string NoteSigner::VerifierKey() const {
  char hex[9];
  std::snprintf(hex, sizeof hex, "%08x", KeyId(name_, public_key_));
  std::string key(1, static_cast<char>(kAlgEd25519));
  key += public_key_;
  return name_ + "+" + hex + "+" + Base64Encode(key);
}

Result<NoteVerifier> NoteVerifier::FromVerifierKey(std::string_view vkey) {
  if (!InitCrypto()) return Internal("libsodium failed to initialize");
  size_t p1 = vkey.find('+');
  size_t p2 = p1 == std::string_view::npos ? p1 : vkey.find('+', p1 + 1);
  if (p2 == std::string_view::npos) return InvalidArgument("verifier key is not name+id+key");
  NoteVerifier v;
  v.name_ = vkey.substr(0, p1);
  std::string_view id_hex = vkey.substr(p1 + 1, p2 - p1 - 1);
  auto key = Base64Decode(vkey.substr(p2 + 1));
  auto id = FromHex(id_hex);
  if (!ValidKeyName(v.name_) || id_hex.size() != 8 || !id || !key ||
      key->size() != 1 + crypto_sign_PUBLICKEYBYTES ||
      static_cast<uint8_t>((*key)[0]) != kAlgEd25519) {
    return InvalidArgument("malformed Ed25519 verifier key");
  }
  v.public_key_ = key->substr(1);
  v.key_id_ = KeyId(v.name_, v.public_key_);
  const auto* b = reinterpret_cast<const unsigned char*>(id->data());
  if ((uint32_t{b[0]} << 24 | uint32_t{b[1]} << 16 | uint32_t{b[2]} << 8 | b[3]) != v.key_id_) {
    return InvalidArgument("verifier key id does not match its name and key");
  }
  return v;
}

Result<std::string> NoteVerifier::Open(std::string_view note) const {
  size_t split = note.rfind("\n\n");
  if (split == std::string_view::npos || note.empty() || note.back() != '\n') {
    return Bad("not a signed note");
  }
  std::string_view text = note.substr(0, split + 1);
  std::vector<std::string_view> sigs = SplitLines(note.substr(split + 2));
  if (sigs.empty()) return Bad("signed note has no signatures");
  for (std::string_view line : sigs) {
    if (line.substr(0, kSigPrefix.size()) != kSigPrefix) return Bad("malformed signature line");
    line.remove_prefix(kSigPrefix.size());
    size_t sp = line.find(' ');
    if (sp == std::string_view::npos) return Bad("malformed signature line");
    if (line.substr(0, sp) != name_) continue;
    auto sig = Base64Decode(line.substr(sp + 1));
    if (!sig || sig->size() != 4 + crypto_sign_BYTES) return Bad("malformed signature");
    const auto* s = reinterpret_cast<const unsigned char*>(sig->data());
    if ((uint32_t{s[0]} << 24 | uint32_t{s[1]} << 16 | uint32_t{s[2]} << 8 | s[3]) != key_id_) {
      continue;
    }
    if (crypto_sign_verify_detached(
            s + 4, reinterpret_cast<const unsigned char*>(text.data()), text.size(),
            reinterpret_cast<const unsigned char*>(public_key_.data())) == 0) {
      return std::string(text);
    }
    return Bad("signature by " + name_ + " does not verify");
  }
  return Bad("no signature by key " + name_);
}

std::string SignCheckpoint(const NoteSigner& signer, const Checkpoint& checkpoint) {
  return signer.Sign(CheckpointBody(checkpoint));
}

Result<Checkpoint> OpenCheckpoint(const NoteVerifier& verifier, std::string_view note,
                                  std::string_view expected_origin) {
  auto text = verifier.Open(note);
  if (!text.ok()) return text.status();
  auto c = ParseCheckpointBody(*text);
  if (!c.ok()) return c.status();
  if (!expected_origin.empty() && c->origin != expected_origin) {
    return Bad("checkpoint origin \"" + c->origin + "\" is not \"" + std::string(expected_origin) +
               "\"");
  }
  return c;
}

}  // namespace kapi::ledger
