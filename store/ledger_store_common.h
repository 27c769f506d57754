#pragma once
// What the SQLite and PostgreSQL ledger stores share before any row is written: loading the key
// files, validating and canonicalising an event on the caller's thread, and the writer thread's
// bounded cache of unwrapped person keys. Private to store/.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

#include "base/clock.h"
#include "base/status.h"
#include "ledger/checkpoint.h"
#include "ledger/event.h"
#include "store/batch_writer.h"
#include "store/ledger_store.h"

namespace kapi::store::ledger_common {

// An event ready for the writer thread: validated, its time set, and its payload (if any) in
// canonical form; the caller's payload_json copy is wiped.
struct PreparedEvent {
  ledger::AuditEvent event;
  std::string canonical_payload;  // empty when there is none
};

// Validates `event` (ledger/event.h) and canonicalises its payload. ERASURE events are refused:
// only Erase() writes them. An unset time is taken from `clock`.
Result<PreparedEvent> PrepareEvent(ledger::AuditEvent event, const Clock& clock);

// LedgerStore::Append and AppendAsync for both stores: `append` writes one prepared event inside
// the writer's current batch and sets its seq. `writer` is null for a read-only store. A rejected
// `prepared` is returned (or passed to `done`) at once, without queueing.
using AppendFn = std::function<Status(const PreparedEvent&, uint64_t* seq)>;
Result<uint64_t> AppendNow(BatchWriter* writer, Result<PreparedEvent> prepared, AppendFn append);
void AppendLater(BatchWriter* writer, Result<PreparedEvent> prepared, AppendFn append,
                 LedgerStore::AppendCallback done);

struct LedgerKeys {
  std::optional<ledger::NoteSigner> signer;      // absent read-only without a key file
  std::optional<ledger::NoteVerifier> verifier;  // from options.verifier_key, else the signer
  std::optional<std::string> payload_key;        // wraps person keys
};

// Loads the key files named by `options` (creating them, mode 0600, unless read_only) and checks
// that the verifier key names `options.origin`.
Result<LedgerKeys> LoadKeys(const LedgerOptions& options);

// Unwrapped person keys, bounded: cleared when full (the writer re-reads and unwraps on a miss).
class PersonKeyCache {
 public:
  const std::string* Find(const std::string& person_id) const {
    auto it = keys_.find(person_id);
    return it == keys_.end() ? nullptr : &it->second;
  }
  void Put(const std::string& person_id, const std::string& key) {
    if (keys_.size() >= kLimit) keys_.clear();
    keys_.insert_or_assign(person_id, key);
  }
  void Erase(const std::string& person_id) { keys_.erase(person_id); }
  void Clear() { keys_.clear(); }

 private:
  static constexpr size_t kLimit = 100000;
  std::unordered_map<std::string, std::string> keys_;
};

}  // namespace kapi::store::ledger_common
