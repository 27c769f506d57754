#include "store/ledger_store_common.h"

#include <sodium.h>

#include <filesystem>
#include <memory>
#include <utility>

#include "ledger/crypto_shred.h"
#include "ledger/leaf_frame.h"
#include "privacy/key_file.h"

namespace kapi::store::ledger_common {

Result<PreparedEvent> PrepareEvent(ledger::AuditEvent event, const Clock& clock) {
  KAPI_RETURN_IF_ERROR(ledger::ValidateEvent(event));
  if (event.type == ledger::EventType::kErasure) {
    return InvalidArgument("erasure events are written by Erase()", "type");
  }
  PreparedEvent p;
  if (!event.payload_json.empty()) {
    auto c = ledger::CanonicalPayload(event.payload_json);
    if (!c.ok()) return c.status();
    p.canonical_payload = std::move(*c);
    sodium_memzero(event.payload_json.data(), event.payload_json.size());
    event.payload_json.clear();
  }
  if (event.time_ms == 0) event.time_ms = clock.NowMillis();
  p.event = std::move(event);
  return p;
}

Result<uint64_t> AppendNow(BatchWriter* writer, Result<PreparedEvent> prepared, AppendFn append) {
  if (!prepared.ok()) return prepared.status();
  if (writer == nullptr) return FailedPrecondition("the ledger is open read-only");
  uint64_t seq = 0;
  auto p = std::make_shared<PreparedEvent>(std::move(*prepared));
  Status s = writer->Run([&append, p, &seq] { return append(*p, &seq); });
  if (!s.ok()) return s;
  return seq;
}

void AppendLater(BatchWriter* writer, Result<PreparedEvent> prepared, AppendFn append,
                 LedgerStore::AppendCallback done) {
  if (!prepared.ok()) return done(prepared.status());
  if (writer == nullptr) return done(FailedPrecondition("the ledger is open read-only"));
  auto p = std::make_shared<PreparedEvent>(std::move(*prepared));
  auto seq = std::make_shared<uint64_t>(0);
  writer->Submit([append = std::move(append), p, seq] { return append(*p, seq.get()); },
                 [seq, done = std::move(done)](Status s) {
                   if (s.ok()) {
                     done(*seq);
                   } else {
                     done(std::move(s));
                   }
                 });
}

Result<LedgerKeys> LoadKeys(const LedgerOptions& options) {
  LedgerKeys keys;
  std::error_code ec;
  const bool create = !options.read_only;
  if (create || std::filesystem::exists(options.signing_key_path, ec)) {
    auto s = ledger::NoteSigner::FromKeyFile(options.origin, options.signing_key_path, create);
    if (!s.ok()) return s.status();
    keys.signer = std::move(*s);
  }
  std::string vkey = options.verifier_key;
  if (vkey.empty() && keys.signer) vkey = keys.signer->VerifierKey();
  if (!vkey.empty()) {
    auto v = ledger::NoteVerifier::FromVerifierKey(vkey);
    if (!v.ok()) return v.status();
    if (v->name() != options.origin) {
      return InvalidArgument("verifier key name \"" + v->name() + "\" is not the origin \"" +
                             options.origin + "\"");
    }
    keys.verifier = std::move(*v);
  }
  if (create || std::filesystem::exists(options.payload_key_path, ec)) {
    auto k = privacy::LoadOrCreateKey(options.payload_key_path, ledger::kPayloadKeySize);
    if (!k.ok()) return k.status();
    keys.payload_key = std::move(*k);
  }
  return keys;
}

}  // namespace kapi::store::ledger_common
