#pragma once
// Persistence of the audit ledger (ledger/): leaves, the perfect-subtree node cache that makes
// proofs O(log n), erasable encrypted payloads, per-person keys, the signed head and published
// checkpoints. SQLite or PostgreSQL, in its own tables with its own schema version
// (docs/formats/ledger.md): SQLite in the main database file (separate connection, WAL) or in a
// file of its own; PostgreSQL in the store's database, one log shared by every node.
//
// Durability: Append/Erase/Checkpoint return (or call back) only after the transaction holding
// them is committed with synchronous=FULL. Concurrent appends are group-committed (batch_writer.h)
// and every committed batch ends with a freshly signed tree head, so rows added, removed or
// rewritten behind the ledger's back fail Verify().
//
// Keys live outside the database: the Ed25519 checkpoint key (a 32-byte seed) and the payload
// key that wraps every person key, both key files with mode 0600.
//
// Thread-safety: every method may be called from any thread. Callbacks run on the ledger's writer
// thread: they must not block and must not call the blocking methods of the same LedgerStore.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/random.h"
#include "base/status.h"
#include "ledger/event.h"
#include "ledger/hash.h"
#include "ledger/log_verifier.h"

namespace kapi::store {

struct LedgerOptions {
  std::string path;  // SQLite database file (may be the main kapi.db)
  // When set (postgres:// or postgresql://), the ledger lives in that PostgreSQL database instead
  // of `path`, shared by every node that opens it (OpenPostgresLedgerStore).
  std::string database_url;
  std::string signing_key_path;  // Ed25519 seed file (created 0600 when absent, unless read_only)
  std::string payload_key_path;  // key that wraps person keys (same rules)
  // The checkpoint origin and signing key name: unique per institution, e.g.
  // "ankara-valiligi.gov.tr/kapi/ledger".
  std::string origin = "kapi.local/ledger";
  int max_batch = 1024;  // most appends committed in one transaction
  // > 0: a background thread publishes a checkpoint this often when the tree has grown.
  int64_t checkpoint_interval_ms = 0;
  // Verify/Prove/ReadPayload only: no writer, no schema changes, no key files created. Signatures
  // are checked with `verifier_key` when given, else with the key derived from the key file.
  bool read_only = false;
  std::string verifier_key;
  const Clock* clock = nullptr;  // event and checkpoint times; default: the system clock
  Random* random = nullptr;      // keys, salts, nonces; default: libsodium's CSPRNG
};

// The layout under a data directory: <dir>/ledger.db (its own file, so the ledger's group commit
// never waits for the case store's write lock), <dir>/keys/ledger-ed25519.key,
// <dir>/keys/ledger-payload.key.
LedgerOptions LedgerOptionsForDataDir(const std::string& data_dir);

struct SignedCheckpoint {
  uint64_t tree_size = 0;
  ledger::Hash root{};
  std::string note;  // the C2SP signed note
  int64_t created_ms = 0;
};

struct InclusionProofBundle {
  uint64_t seq = 0;
  std::string frame;  // the leaf input
  ledger::Hash leaf_hash{};
  uint64_t tree_size = 0;
  std::vector<ledger::Hash> path;
  SignedCheckpoint checkpoint;  // signed; tree_size and root match the proof
  std::string verifier_key;
  // docs/formats/ledger.md §Proof bundle ("kapi-ledger-proof/v1").
  std::string ToJson() const;
};

struct ConsistencyProofBundle {
  uint64_t old_size = 0;
  uint64_t new_size = 0;
  ledger::Hash old_root{};
  ledger::Hash new_root{};
  std::vector<ledger::Hash> path;
};

struct EraseReport {
  uint64_t erasure_seq = 0;      // the ERASURE event (the earlier one when already erased)
  uint64_t payloads_erased = 0;  // payload ciphertexts destroyed now
  bool already_erased = false;
  // SQLite: true when the WAL was checkpointed and truncated afterwards, so no copy of the
  // destroyed bytes remains in the database files. False when readers kept it from completing;
  // it is retried on later commits and by the checkpoint thread.
  // PostgreSQL: true when VACUUM of the payload and person tables ran; old row versions may
  // still survive in freed pages, WAL and backups (docs/ledger.md).
  bool scrubbed = false;
};

struct LedgerVerifyOptions {
  // Signed checkpoint notes kept outside the database (by a witness, on paper, by another
  // institution); each must verify and match the recomputed tree.
  std::vector<std::string> trusted_checkpoints;
};

struct LedgerVerifyReport {
  bool ok() const { return !problem.has_value(); }
  uint64_t leaves = 0;
  uint64_t checkpoints_checked = 0;  // roots compared (published, head, trusted)
  uint64_t nodes_checked = 0;
  uint64_t payloads_checked = 0;    // decrypted and matched against their commitment
  uint64_t payloads_erased = 0;     // crypto-shredded, with the ERASURE event in place
  uint64_t payloads_unchecked = 0;  // present but not opened (no payload key available)
  ledger::Hash root{};
  std::optional<ledger::VerifyProblem> problem;  // the first thing found wrong
};

class LedgerStore {
 public:
  virtual ~LedgerStore() = default;

  // Validates (ledger/event.h), assigns the next sequence number, writes the leaf, its nodes
  // and the encrypted payload; returns the seq once durable.
  virtual Result<uint64_t> Append(ledger::AuditEvent event) = 0;
  using AppendCallback = std::function<void(Result<uint64_t>)>;
  // Same, calling `done` exactly once: from the writer thread after the commit, or at once on
  // the calling thread when the event is rejected before it is queued (validation, closed).
  virtual void AppendAsync(ledger::AuditEvent event, AppendCallback done) = 0;

  // Crypto-shreds `person_id`: destroys their key and payload ciphertexts, appends an ERASURE
  // event (actor, reason such as "kvkk_request" or "retention"), then checkpoints and truncates
  // the WAL. Later appends with a payload for this person are refused. Idempotent.
  virtual Result<EraseReport> Erase(const std::string& person_id, const std::string& actor,
                                    const std::string& reason) = 0;

  // Signs and records a checkpoint of the current tree (returns the latest one unchanged when
  // the tree has not grown since).
  virtual Result<SignedCheckpoint> Checkpoint() = 0;
  // The newest published checkpoint; kNotFound when none.
  virtual Result<SignedCheckpoint> LatestCheckpoint() = 0;

  // Recomputes everything from the stored rows; a tampered database yields a report whose
  // problem names the first bad sequence number. A Status error means verification could not
  // run at all.
  virtual Result<LedgerVerifyReport> Verify(const LedgerVerifyOptions& options) = 0;

  // Inclusion proof of `seq` against a signed checkpoint of `tree_size` (0: the newest published
  // checkpoint that covers seq, else the signed head).
  virtual Result<InclusionProofBundle> Prove(uint64_t seq, uint64_t tree_size = 0) = 0;
  virtual Result<ConsistencyProofBundle> ProveConsistency(uint64_t old_size, uint64_t new_size) = 0;

  // The decrypted canonical payload of `seq` (for access requests and investigations);
  // kNotFound when there is none or it was erased.
  virtual Result<std::string> ReadPayload(uint64_t seq) = 0;

  virtual Result<uint64_t> Size() = 0;
  virtual std::string VerifierKey() const = 0;
  // Finishes queued appends and stops background work. Idempotent.
  virtual void Close() = 0;
};

Result<std::unique_ptr<LedgerStore>> OpenSqliteLedgerStore(const LedgerOptions& options);

// The ledger in a PostgreSQL database (options.database_url), in its own tables and schema
// version (docs/formats/ledger.md §PostgreSQL tables). Several stores — one per `kapi serve`
// node — may open one database: they share one log with one sequence (each batch locks the
// sequencer row and re-reads the signed head before assigning seqs). Group commit is per store.
// A writable store refuses to open (kFailedPrecondition, reason "ledger_key_mismatch") when its
// signing or payload key is not the one the database's ledger was started with. Erase destroys
// the person key and ciphertexts and VACUUMs; `scrubbed` reports whether the VACUUM ran (old row
// versions may survive in WAL and backups: docs/ledger.md).
Result<std::unique_ptr<LedgerStore>> OpenPostgresLedgerStore(const LedgerOptions& options);

// PostgreSQL when options.database_url is set, else SQLite at options.path.
Result<std::unique_ptr<LedgerStore>> OpenLedgerStore(const LedgerOptions& options);

}  // namespace kapi::store
