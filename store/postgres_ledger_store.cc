// PostgreSQL implementation of LedgerStore: one log shared by every node on the database.
//
// Single sequence across nodes: every group-commit batch starts by locking the one row of
// ledger_sequencer (SELECT … FOR UPDATE, held until COMMIT) and then reading the signed head and
// its compact range (same round trip, pipelined). When another node has appended since this node's
// last batch, the head differs from the local frontier: its signature is checked with this node's
// key and the frontier is rebuilt from the stored compact range (and the person-key cache dropped,
// as an erasure may have happened). Only then are sequence numbers assigned. So the local frontier
// is a cache that is never trusted across transactions without this check.
//
// Keys: every node must hold the same signing key and payload key files. The first node to open
// a database pins the verifier key and a check value of the payload key in ledger_keys; a node
// with a different key refuses to open, so one log is never signed by two keys.

#include <sodium.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "ledger/compact_range.h"
#include "ledger/crypto_shred.h"
#include "ledger/leaf_frame.h"
#include "privacy/key_file.h"
#include "store/batch_writer.h"
#include "store/ledger_store_common.h"
#include "store/postgres_ledger_internal.h"

namespace kapi::store {
namespace {

using ledger::Hash;
using pg::Connection;
using pg::Param;

constexpr std::string_view kPayloadKeyCheckText = "kapi ledger payload key check v1";

std::string PayloadKeyCheck(const std::string& key) {
  unsigned char out[32];
  crypto_generichash(
      out, sizeof out, reinterpret_cast<const unsigned char*>(kPayloadKeyCheckText.data()),
      kPayloadKeyCheckText.size(), reinterpret_cast<const unsigned char*>(key.data()), key.size());
  return std::string(reinterpret_cast<const char*>(out), sizeof out);
}

std::string EncodeRange(const ledger::CompactRange& r) {
  std::string out;
  for (const Hash& h : r.hashes()) out.append(ledger::AsBytes(h));
  return out;
}

Result<ledger::CompactRange> DecodeRange(uint64_t size, std::string_view bytes) {
  if (bytes.size() % 32 != 0) return Status(StatusCode::kDataLoss, "malformed compact range");
  std::vector<Hash> hashes;
  for (size_t i = 0; i < bytes.size(); i += 32) {
    auto h = ledger::HashFromBytes(bytes.substr(i, 32));
    if (!h) return Status(StatusCode::kDataLoss, "malformed compact range");
    hashes.push_back(*h);
  }
  return ledger::CompactRange::FromHashes(size, std::move(hashes));
}

Result<std::optional<SignedCheckpoint>> CheckpointFromRows(const pg::Rows& r) {
  std::optional<SignedCheckpoint> out;
  if (!r.empty()) {
    SignedCheckpoint c;
    c.tree_size = static_cast<uint64_t>(r.Int(0, 0));
    if (auto root = ledger::HashFromBytes(r.Bytes(0, 1))) c.root = *root;
    c.note = r.Text(0, 2);
    c.created_ms = r.Int(0, 3);
    out = std::move(c);
  }
  return out;
}

class PostgresLedgerStore final : public LedgerStore {
 public:
  ~PostgresLedgerStore() override { Close(); }

  Status Open(const LedgerOptions& options) {
    options_ = options;
    if (!InitCrypto()) return Internal("libsodium failed to initialize");
    clock_ = options.clock ? options.clock : &system_clock_;
    if (options.random) {
      random_ = options.random;
    } else {
      owned_random_ = MakeSecureRandom();
      random_ = owned_random_.get();
    }
    conn_options_.url = options.database_url;
    conn_options_.application_name = "kapi-ledger";
    auto r = Connection::Open(conn_options_);
    if (!r.ok()) return r.status();
    reader_db_ = std::move(*r);
    if (!options.read_only) {
      KAPI_RETURN_IF_ERROR(ledger_pg::ApplyLedgerMigrations(*reader_db_));
    }
    KAPI_RETURN_IF_ERROR(ledger_pg::CheckLedgerSchema(*reader_db_));
    if (options_.origin.empty()) options_.origin = ResolveOrigin();
    KAPI_RETURN_IF_ERROR(LoadKeys(options_));
    if (options.read_only) return Status::Ok();

    KAPI_RETURN_IF_ERROR(PinKeys());
    CheckStoredTree();
    conn_options_.application_name = "kapi-ledger-writer";
    auto w = Connection::Open(conn_options_);
    if (!w.ok()) return w.status();
    writer_db_ = std::move(*w);
    Connection* db = writer_db_.get();
    BatchWriter::Hooks hooks{
        .begin = [this] { return BeginBatch(); },
        .commit = [this] { return CommitBatch(); },
        .rollback = [this] { RollbackBatch(); },
        .savepoint =
            [db] {
              db->Defer("SAVEPOINT e");
              return Status::Ok();
            },
        .release =
            [db] {
              db->Defer("RELEASE e");
              return Status::Ok();
            },
        .rollback_to = [db] { db->Defer("ROLLBACK TO e"); },
    };
    writer_ = std::make_unique<BatchWriter>(std::move(hooks), options.max_batch);
    if (options.checkpoint_interval_ms > 0) timer_ = std::thread([this] { TimerLoop(); });
    return Status::Ok();
  }

  // ---- appends ----
  Result<uint64_t> Append(ledger::AuditEvent event) override {
    return ledger_common::AppendNow(
        writer_.get(), Prepare(std::move(event)),
        [this](const PreparedEvent& p, uint64_t* seq) { return AppendOp(p, seq); });
  }

  void AppendAsync(ledger::AuditEvent event, AppendCallback done) override {
    ledger_common::AppendLater(
        writer_.get(), Prepare(std::move(event)),
        [this](const PreparedEvent& p, uint64_t* seq) { return AppendOp(p, seq); },
        std::move(done));
  }

  // ---- erasure ----
  Result<EraseReport> Erase(const std::string& person_id, const std::string& actor,
                            const std::string& reason) override {
    KAPI_RETURN_IF_ERROR(ledger::ValidateOpaqueId(person_id, "person_id"));
    KAPI_RETURN_IF_ERROR(ledger::ValidateOpaqueId(actor, "actor"));
    KAPI_RETURN_IF_ERROR(ledger::ValidateOpaqueId(reason, "reason"));
    if (!writer_) return FailedPrecondition("the ledger is open read-only");
    EraseReport report;
    Status s = writer_->Run([&] { return EraseOp(person_id, actor, reason, &report); });
    if (!s.ok()) return s;
    report.scrubbed = Vacuum();
    return report;
  }

  // ---- checkpoints ----
  Result<SignedCheckpoint> Checkpoint() override {
    if (!writer_) return FailedPrecondition("the ledger is open read-only");
    SignedCheckpoint out;
    Status s = writer_->Run([this, &out] { return CheckpointOp(&out); });
    if (!s.ok()) return s;
    return out;
  }

  Result<SignedCheckpoint> LatestCheckpoint() override {
    std::lock_guard lock(read_mu_);
    auto r = Read([](Connection& db) {
      return db.Exec(
          "SELECT tree_size, root, note, created_ms FROM ledger_checkpoints "
          "ORDER BY tree_size DESC LIMIT 1");
    });
    if (!r.ok()) return r.status();
    auto c = CheckpointFromRows(*r);
    if (!c.ok()) return c.status();
    if (!*c) return NotFound("no checkpoint has been published yet");
    return std::move(**c);
  }

  // ---- verification and proofs ----
  Result<LedgerVerifyReport> Verify(const LedgerVerifyOptions& options) override {
    if (!verifier_) return FailedPrecondition("no verifier key: cannot check signatures");
    pg::ConnectOptions o = conn_options_;
    o.application_name = "kapi-ledger-verify";
    auto db = Connection::Open(o);
    if (!db.ok()) return db.status();
    KAPI_RETURN_IF_ERROR(ledger_pg::CheckLedgerSchema(**db));
    ledger_rows::VerifyContext context{&*verifier_, options_.origin, payload_key_};
    return ledger_pg::VerifyDatabase(**db, context, options);
  }

  Result<InclusionProofBundle> Prove(uint64_t seq, uint64_t tree_size) override {
    if (!verifier_) return FailedPrecondition("no verifier key: cannot check signatures");
    std::lock_guard lock(read_mu_);
    KAPI_RETURN_IF_ERROR(reader_db_->EnsureConnected());
    KAPI_RETURN_IF_ERROR(reader_db_->ExecScript("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"));
    auto out = ProveLocked(seq, tree_size);
    (void)reader_db_->ExecScript("COMMIT");
    return out;
  }

  Result<ConsistencyProofBundle> ProveConsistency(uint64_t old_size, uint64_t new_size) override {
    std::lock_guard lock(read_mu_);
    KAPI_RETURN_IF_ERROR(reader_db_->EnsureConnected());
    KAPI_RETURN_IF_ERROR(reader_db_->ExecScript("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"));
    auto out = ProveConsistencyLocked(old_size, new_size);
    (void)reader_db_->ExecScript("COMMIT");
    return out;
  }

  Result<std::string> ReadPayload(uint64_t seq) override {
    if (!payload_key_) return FailedPrecondition("no payload key available");
    std::lock_guard lock(read_mu_);
    auto r = Read([seq](Connection& db) {
      return db.Exec(
          "SELECT p.person_id, p.sealed, k.wrapped_key FROM ledger_payloads p "
          "LEFT JOIN ledger_persons k ON k.person_id = p.person_id WHERE p.seq = $1",
          {Param::Int(static_cast<int64_t>(seq))});
    });
    if (!r.ok()) return r.status();
    if (r->empty() || r->IsNull(0, 1)) {
      return NotFound("no payload for seq " + std::to_string(seq) + " (none, or erased)");
    }
    if (r->IsNull(0, 2)) return Status(StatusCode::kDataLoss, "payload without a person key");
    const std::string person = r->Text(0, 0);
    std::string sealed = r->Bytes(0, 1);
    auto key = ledger::UnwrapPersonKey(*payload_key_, person, r->Bytes(0, 2));
    if (!key.ok()) return key.status();
    auto opened = ledger::OpenPayload(*key, seq, sealed);
    sodium_memzero(key->data(), key->size());
    if (!opened.ok()) return opened.status();
    return std::move(opened->canonical_payload);
  }

  // The size of the shared tree (every node's appends), as committed.
  Result<uint64_t> Size() override {
    std::lock_guard lock(read_mu_);
    auto r = Read([](Connection& db) {
      return db.Exec("SELECT COALESCE((SELECT tree_size FROM ledger_head WHERE id = 1), 0)");
    });
    if (!r.ok()) return r.status();
    return static_cast<uint64_t>(r->Int(0, 0));
  }

  std::string VerifierKey() const override {
    if (signer_) return signer_->VerifierKey();
    return options_.verifier_key;
  }

  void Close() override {
    {
      std::lock_guard lock(timer_mu_);
      if (closed_) return;
      closed_ = true;
    }
    timer_cv_.notify_all();
    if (timer_.joinable()) timer_.join();
    if (writer_) writer_->Close();
  }

 private:
  using PreparedEvent = ledger_common::PreparedEvent;

  // Runs `fn` on the reader connection (read_mu_ held), once more after a reconnect when the
  // connection was lost.
  template <typename Fn>
  Result<pg::Rows> Read(Fn fn) {
    KAPI_RETURN_IF_ERROR(reader_db_->EnsureConnected());
    auto r = fn(*reader_db_);
    if (!r.ok() && reader_db_->Broken() && reader_db_->Reconnect().ok()) return fn(*reader_db_);
    return r;
  }

  // ---- setup ----
  std::string ResolveOrigin() {
    if (size_t plus = options_.verifier_key.find('+'); plus != std::string::npos) {
      return options_.verifier_key.substr(0, plus);
    }
    auto r = reader_db_->Exec("SELECT note FROM ledger_head WHERE id = 1");
    if (r.ok() && !r->empty()) {
      const std::string note = r->Text(0, 0);
      if (size_t nl = note.find('\n'); nl != std::string::npos && nl > 0) {
        return note.substr(0, nl);
      }
    }
    return LedgerOptions().origin;
  }

  Status LoadKeys(const LedgerOptions& options) {
    auto keys = ledger_common::LoadKeys(options);
    if (!keys.ok()) return keys.status();
    signer_ = std::move(keys->signer);
    verifier_ = std::move(keys->verifier);
    payload_key_ = std::move(keys->payload_key);
    return Status::Ok();
  }

  // The first writer to open the database pins its keys; every later one must hold the same.
  // Existing signed rows are checked too, for databases whose ledger_keys row was removed.
  Status PinKeys() {
    Connection& db = *reader_db_;
    const std::string check = PayloadKeyCheck(*payload_key_);
    KAPI_RETURN_IF_ERROR(
        db.Run("INSERT INTO ledger_keys(id, verifier_key, payload_key_check, created_ms) "
               "VALUES (1, $1, $2, $3) ON CONFLICT (id) DO NOTHING",
               {Param::Text(signer_->VerifierKey()), Param::Bytes(check),
                Param::Int(clock_->NowMillis())}));
    auto r = db.Exec("SELECT verifier_key, payload_key_check FROM ledger_keys WHERE id = 1");
    if (!r.ok()) return r.status();
    const std::string pinned = r->Text(0, 0);
    if (pinned != signer_->VerifierKey()) {
      return FailedPrecondition(
                 "this node's ledger signing key (" + options_.signing_key_path +
                 ", verifier key " + signer_->VerifierKey() +
                 ") is not the key that signs the ledger in this database (verifier key " + pinned +
                 "): copy the signing key file from the first node to every node "
                 "(docs/deployment.md)")
          .WithReason("ledger_key_mismatch");
    }
    if (r->Bytes(0, 1) != check) {
      return FailedPrecondition(
                 "this node's ledger payload key (" + options_.payload_key_path +
                 ") is not the one the ledger in this database uses: copy the payload key file "
                 "from the first node to every node (docs/deployment.md)")
          .WithReason("ledger_key_mismatch");
    }
    auto head = db.Exec(
        "SELECT note FROM ledger_head WHERE id = 1 UNION ALL "
        "(SELECT note FROM ledger_checkpoints ORDER BY tree_size DESC LIMIT 1)");
    if (!head.ok()) return head.status();
    for (int i = 0; i < head->size(); ++i) {
      auto opened = ledger::OpenCheckpoint(*verifier_, head->Text(i, 0), options_.origin);
      if (!opened.ok()) {
        return FailedPrecondition(
                   "the ledger's signed head or newest checkpoint does not verify "
                   "with this node's signing key " +
                   signer_->VerifierKey() + " (" + opened.status().message() +
                   "); refusing to sign the same log with another key")
            .WithReason("ledger_key_mismatch");
      }
    }
    return Status::Ok();
  }

  // At open, as on SQLite: the stored leaves and nodes must match the signed head (no gaps, no
  // rows beyond it, the frontier rebuilt from ledger_nodes gives its root). Otherwise this node
  // refuses appends until the database is verified and repaired. Later batches check the head
  // only (the rows are covered by `kapi audit verify`).
  void CheckStoredTree() {
    auto fail = [this](const std::string& what) { broken_ = Tampered(what); };
    Connection& db = *reader_db_;
    if (!db.ExecScript("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY").ok()) {
      return fail("cannot read the stored tree");
    }
    [&] {
      auto r = db.Exec(
          "SELECT COALESCE(MAX(seq) + 1, 0), COUNT(*), MIN(seq), "
          "(SELECT tree_size FROM ledger_head WHERE id = 1), "
          "(SELECT note FROM ledger_head WHERE id = 1) FROM ledger_leaves");
      if (!r.ok()) return fail(r.status().message());
      const int64_t n = r->Int(0, 0);
      if (n != r->Int(0, 1) || (n > 0 && r->Int(0, 2) != 0))
        return fail("sequence numbers have gaps");
      if (r->IsNull(0, 3)) {
        if (n != 0) fail("leaves without a signed head");
        return;
      }
      if (r->Int(0, 3) != n) {
        return fail("head covers " + std::to_string(r->Int(0, 3)) + " leaves, " +
                    std::to_string(n) + " are stored");
      }
      auto opened = ledger::OpenCheckpoint(*verifier_, r->Text(0, 4), options_.origin);
      if (!opened.ok()) return fail("head: " + opened.status().message());
      ledger_pg::DbNodeSource nodes(db);
      std::vector<Hash> hashes;
      for (auto [level, index] : ledger::CompactRange::Decompose(static_cast<uint64_t>(n))) {
        auto h = nodes.PerfectNode(level, index);
        if (!h.ok()) return fail(h.status().message());
        hashes.push_back(*h);
      }
      auto range = ledger::CompactRange::FromHashes(static_cast<uint64_t>(n), std::move(hashes));
      if (!range.ok()) return fail(range.status().message());
      if (range->Root() != opened->root)
        return fail("the stored nodes do not give the signed root");
    }();
    (void)db.ExecScript("COMMIT");
  }

  // Validation and canonicalisation happen on the caller's thread, off the writer's path.
  Result<PreparedEvent> Prepare(ledger::AuditEvent event) {
    return ledger_common::PrepareEvent(std::move(event), *clock_);
  }

  // ---- writer thread ----
  // BEGIN, lock the sequencer row and read the head in one round trip; bring the frontier up to
  // date with what other nodes committed.
  Status BeginBatch() {
    Connection& db = *writer_db_;
    batch_new_persons_.clear();
    KAPI_RETURN_IF_ERROR(db.EnsureConnected());
    db.Defer("BEGIN");
    // The lock and the head read are separate statements (one pipeline, one round trip): under
    // READ COMMITTED the head read then takes its snapshot after the lock is granted, so it sees
    // everything the previous holder committed. (Joining the head into the locking SELECT would
    // read it from the snapshot taken before waiting for the lock.)
    db.Defer("SELECT id FROM ledger_sequencer WHERE id = 1 FOR UPDATE");
    auto r = db.Exec(
        "SELECT h.tree_size, h.root, h.note, h.compact_range FROM ledger_sequencer s "
        "LEFT JOIN ledger_head h ON h.id = 1 WHERE s.id = 1");
    Status s = r.ok() ? SyncFrontier(*r) : r.status();
    if (!s.ok()) {
      db.DropDeferred();
      if (!db.Broken()) (void)db.ExecScript("ROLLBACK");
      return s;
    }
    batch_start_ = frontier_;
    return Status::Ok();
  }

  Status SyncFrontier(const pg::Rows& r) {
    if (r.empty()) return Status(StatusCode::kDataLoss, "the ledger_sequencer row is missing");
    if (r.IsNull(0, 0)) {
      // No head yet: the log must be empty.
      auto any = writer_db_->Exec("SELECT EXISTS (SELECT 1 FROM ledger_leaves)");
      if (!any.ok()) return any.status();
      if (any->Bool(0, 0)) return Tampered("leaves without a signed head");
      if (frontier_.size() != 0) return Tampered("the signed head was removed");
      return Status::Ok();
    }
    const uint64_t size = static_cast<uint64_t>(r.Int(0, 0));
    const std::string root = r.Bytes(0, 1);
    if (size == frontier_.size() && root == ledger::AsBytes(frontier_.Root()) && synced_) {
      return Status::Ok();
    }
    // Another node appended (or this is the first batch): adopt the stored head, after checking
    // that it is signed by our key and that the compact range yields its root.
    auto opened = ledger::OpenCheckpoint(*verifier_, r.Text(0, 2), options_.origin);
    if (!opened.ok()) return Tampered("head: " + opened.status().message());
    if (opened->size != size || ledger::AsBytes(opened->root) != root) {
      return Tampered("head columns differ from its signed note");
    }
    auto range = DecodeRange(size, r.Bytes(0, 3));
    if (!range.ok()) return Tampered("head compact range: " + range.status().message());
    if (range->Root() != opened->root) return Tampered("head compact range does not give its root");
    frontier_ = std::move(*range);
    person_keys_.Clear();  // another node may have erased someone
    synced_ = true;
    return Status::Ok();
  }

  static Status Tampered(const std::string& what) {
    return Status(StatusCode::kDataLoss, "the stored ledger does not match its signed head (" +
                                             what +
                                             "); appends are refused: run `kapi audit verify`")
        .WithReason("ledger_tampered");
  }

  Status CommitBatch() {
    Connection& db = *writer_db_;
    if (frontier_.size() != batch_start_.size()) KAPI_RETURN_IF_ERROR(WriteHead());
    auto r = db.Exec("COMMIT");
    if (!r.ok()) return r.status();
    if (r->CommandTag() != "COMMIT") {
      return Internal("the ledger transaction was rolled back (" + r->CommandTag() + ")");
    }
    batch_new_persons_.clear();
    return Status::Ok();
  }

  void RollbackBatch() {
    Connection& db = *writer_db_;
    db.DropDeferred();
    if (!db.Broken()) (void)db.ExecScript("ROLLBACK");
    frontier_ = batch_start_;
    for (const std::string& p : batch_new_persons_) person_keys_.Erase(p);
    batch_new_persons_.clear();
  }

  Status WriteHead() {
    ledger::Checkpoint c{options_.origin, frontier_.size(), frontier_.Root(), {}};
    std::string note = ledger::SignCheckpoint(*signer_, c);
    return writer_db_->Run(
        "INSERT INTO ledger_head(id, tree_size, root, compact_range, note, created_ms) "
        "VALUES (1, $1, $2, $3, $4, $5) ON CONFLICT (id) DO UPDATE SET "
        "tree_size = excluded.tree_size, root = excluded.root, "
        "compact_range = excluded.compact_range, note = excluded.note, "
        "created_ms = excluded.created_ms",
        {Param::Int(static_cast<int64_t>(c.size)), Param::Bytes(ledger::AsBytes(c.root)),
         Param::Bytes(EncodeRange(frontier_)), Param::Text(note), Param::Int(clock_->NowMillis())});
  }

  // What AppendOp looked up in its one round trip about the person (when their key was not cached).
  struct PersonRow {
    bool exists = false;
    bool erased = false;
    std::string wrapped_key;
  };

  // The person's key from the cache or the looked-up row; a new key (and its wrapped form, for the
  // caller to insert with the leaf) when the person is new. Refuses erased persons.
  Result<std::string> PersonKey(const std::string& person_id, const PersonRow& row,
                                std::string* new_wrapped) {
    if (const std::string* cached = person_keys_.Find(person_id)) return *cached;
    if (row.exists) {
      if (row.erased) {
        return FailedPrecondition("person " + person_id +
                                  " was erased; new personal data needs a new person id");
      }
      auto key = ledger::UnwrapPersonKey(*payload_key_, person_id, row.wrapped_key);
      if (!key.ok()) return key.status();
      person_keys_.Put(person_id, *key);
      return key;
    }
    std::string key = ledger::NewPersonKey(*random_);
    *new_wrapped = ledger::WrapPersonKey(*payload_key_, person_id, key, *random_);
    return key;
  }

  // Writes one leaf, its payload and nodes in one statement; mutates the frontier only when it
  // succeeded.
  Status AppendOp(const PreparedEvent& p, uint64_t* seq_out) {
    KAPI_RETURN_IF_ERROR(broken_);
    Connection& db = *writer_db_;
    const ledger::AuditEvent& e = p.event;
    const bool has_payload = !p.canonical_payload.empty();
    const bool key_cached = has_payload && person_keys_.Find(e.person_id) != nullptr;
    PersonRow person;
    if (!e.idempotency_key.empty() || (has_payload && !key_cached)) {
      // One round trip for both lookups (a NULL parameter matches nothing).
      auto r = db.Exec(
          "SELECT (SELECT seq FROM ledger_idempotency WHERE key = $1), p.wrapped_key, "
          "p.erased_seq, p.person_id IS NOT NULL "
          "FROM (SELECT 1) AS one LEFT JOIN ledger_persons p ON p.person_id = $2",
          {Param::TextOrNull(e.idempotency_key),
           has_payload && !key_cached ? Param::Text(e.person_id) : Param::Null()});
      if (!r.ok()) return r.status();
      if (!r->IsNull(0, 0)) {
        *seq_out = static_cast<uint64_t>(r->Int(0, 0));
        return Status::Ok();
      }
      person.exists = r->Bool(0, 3);
      person.erased = person.exists && !r->IsNull(0, 2);
      if (person.exists && !person.erased) person.wrapped_key = r->Bytes(0, 1);
    }
    const uint64_t seq = frontier_.size();
    ledger::LeafFrame frame{seq, e.time_ms, e.type, e.actor, e.subjects, e.attributes, {}};
    std::string sealed;
    std::string new_wrapped;             // the new person's wrapped key, inserted with the leaf
    std::optional<std::string> new_key;  // cached once the whole append succeeded
    if (has_payload) {
      auto key = PersonKey(e.person_id, person, &new_wrapped);
      if (!key.ok()) return key.status();
      std::string salt = ledger::NewSalt(*random_);
      frame.commitment = ledger::PayloadCommitment(salt, p.canonical_payload);
      sealed = ledger::SealPayload(*key, seq, salt, p.canonical_payload, *random_);
      sodium_memzero(salt.data(), salt.size());
      if (!new_wrapped.empty()) new_key = *key;
    }
    const std::string bytes = ledger::EncodeFrame(frame);
    const Hash leaf_hash = ledger::HashLeaf(bytes);
    ledger::CompactRange next = frontier_;
    std::vector<ledger::PerfectNodeRef> created;
    next.Append(leaf_hash, &created);
    std::string levels = "{", indexes = "{", hashes;
    for (size_t i = 0; i < created.size(); ++i) {
      if (i > 0) {
        levels += ',';
        indexes += ',';
      }
      levels += std::to_string(created[i].level);
      indexes += std::to_string(created[i].index);
      hashes.append(ledger::AsBytes(created[i].hash));
    }
    levels += '}';
    indexes += '}';
    KAPI_RETURN_IF_ERROR(db.Run(
        "WITH leaf AS (INSERT INTO ledger_leaves(seq, frame, leaf_hash) VALUES ($1, $2, $3)), "
        "payload AS (INSERT INTO ledger_payloads(seq, person_id, sealed) "
        "  SELECT $1, $4, $5 WHERE $5::bytea IS NOT NULL), "
        "idem AS (INSERT INTO ledger_idempotency(key, seq) SELECT $9, $1 "
        "  WHERE $9::text IS NOT NULL), "
        "person AS (INSERT INTO ledger_persons(person_id, wrapped_key, created_seq) "
        "  SELECT $4, $10, $1 WHERE $10::bytea IS NOT NULL) "
        "INSERT INTO ledger_nodes(level, idx, hash) "
        "SELECT lvl, i, substring($8::bytea FROM ((n - 1) * 32 + 1)::int FOR 32) "
        "FROM unnest($6::int[], $7::bigint[]) WITH ORDINALITY AS t(lvl, i, n)",
        {Param::Int(static_cast<int64_t>(seq)), Param::Bytes(bytes),
         Param::Bytes(ledger::AsBytes(leaf_hash)), Param::Text(e.person_id),
         sealed.empty() ? Param::Null() : Param::Bytes(sealed), Param::Text(levels),
         Param::Text(indexes), Param::Bytes(hashes), Param::TextOrNull(e.idempotency_key),
         Param::BytesOrNull(new_wrapped)}));
    frontier_ = std::move(next);
    if (new_key) {
      person_keys_.Put(e.person_id, *new_key);
      batch_new_persons_.push_back(e.person_id);
    }
    *seq_out = seq;
    return Status::Ok();
  }

  Status EraseOp(const std::string& person_id, const std::string& actor, const std::string& reason,
                 EraseReport* report) {
    KAPI_RETURN_IF_ERROR(broken_);
    Connection& db = *writer_db_;
    auto r = db.Exec("SELECT erased_seq FROM ledger_persons WHERE person_id = $1",
                     {Param::Text(person_id)});
    if (!r.ok()) return r.status();
    if (!r->empty() && !r->IsNull(0, 0)) {
      report->erasure_seq = static_cast<uint64_t>(r->Int(0, 0));
      report->already_erased = true;
      return Status::Ok();
    }
    auto up = db.Exec(
        "UPDATE ledger_payloads SET sealed = NULL WHERE person_id = $1 AND sealed IS NOT NULL "
        "RETURNING seq",
        {Param::Text(person_id)});
    if (!up.ok()) return up.status();
    report->payloads_erased = static_cast<uint64_t>(up->size());

    PreparedEvent p;
    p.event.type = ledger::EventType::kErasure;
    p.event.time_ms = clock_->NowMillis();
    p.event.actor = actor;
    p.event.subjects = {person_id};
    p.event.attributes = {{"reason", reason},
                          {"payloads", std::to_string(report->payloads_erased)}};
    uint64_t seq = 0;
    KAPI_RETURN_IF_ERROR(AppendOp(p, &seq));
    KAPI_RETURN_IF_ERROR(db.Run(
        "INSERT INTO ledger_persons(person_id, wrapped_key, created_seq, erased_seq) "
        "VALUES ($1, NULL, $2, $2) ON CONFLICT (person_id) DO UPDATE SET wrapped_key = NULL, "
        "erased_seq = excluded.erased_seq",
        {Param::Text(person_id), Param::Int(static_cast<int64_t>(seq))}));
    person_keys_.Erase(person_id);
    report->erasure_seq = seq;
    return Status::Ok();
  }

  Status CheckpointOp(SignedCheckpoint* out) {
    KAPI_RETURN_IF_ERROR(broken_);
    Connection& db = *writer_db_;
    auto last = db.Exec(
        "SELECT tree_size, root, note, created_ms FROM ledger_checkpoints "
        "ORDER BY tree_size DESC LIMIT 1");
    if (!last.ok()) return last.status();
    auto prev = CheckpointFromRows(*last);
    if (!prev.ok()) return prev.status();
    if (*prev && (*prev)->tree_size == frontier_.size()) {
      *out = std::move(**prev);
      return Status::Ok();
    }
    ledger::Checkpoint c{options_.origin, frontier_.size(), frontier_.Root(), {}};
    out->tree_size = c.size;
    out->root = c.root;
    out->note = ledger::SignCheckpoint(*signer_, c);
    out->created_ms = clock_->NowMillis();
    return db.Run(
        "INSERT INTO ledger_checkpoints(tree_size, root, note, created_ms) "
        "VALUES ($1, $2, $3, $4)",
        {Param::Int(static_cast<int64_t>(out->tree_size)), Param::Bytes(ledger::AsBytes(out->root)),
         Param::Text(out->note), Param::Int(out->created_ms)});
  }

  // ---- reads (read_mu_ held, inside a read transaction) ----
  Result<SignedCheckpoint> CheckpointFor(uint64_t seq, uint64_t tree_size) {
    Connection& db = *reader_db_;
    auto head_rows =
        db.Exec("SELECT tree_size, root, note, created_ms FROM ledger_head WHERE id = 1");
    if (!head_rows.ok()) return head_rows.status();
    auto head = CheckpointFromRows(*head_rows);
    if (!head.ok()) return head.status();
    Result<pg::Rows> r = Status();
    if (tree_size != 0) {
      if (*head && (*head)->tree_size == tree_size) return std::move(**head);
      r = db.Exec(
          "SELECT tree_size, root, note, created_ms FROM ledger_checkpoints WHERE tree_size = $1",
          {Param::Int(static_cast<int64_t>(tree_size))});
    } else {
      r = db.Exec(
          "SELECT tree_size, root, note, created_ms FROM ledger_checkpoints WHERE tree_size > $1 "
          "ORDER BY tree_size DESC LIMIT 1",
          {Param::Int(static_cast<int64_t>(seq))});
    }
    if (!r.ok()) return r.status();
    auto c = CheckpointFromRows(*r);
    if (!c.ok()) return c.status();
    if (*c) return std::move(**c);
    if (tree_size == 0 && *head && (*head)->tree_size > seq) return std::move(**head);
    if (tree_size != 0) return NotFound("no checkpoint of size " + std::to_string(tree_size));
    return NotFound("seq " + std::to_string(seq) + " is not in the log");
  }

  Result<InclusionProofBundle> ProveLocked(uint64_t seq, uint64_t tree_size) {
    auto cp = CheckpointFor(seq, tree_size);
    if (!cp.ok()) return cp.status();
    if (cp->tree_size <= seq) {
      return InvalidArgument("checkpoint of size " + std::to_string(cp->tree_size) +
                             " does not cover seq " + std::to_string(seq));
    }
    auto signed_cp = ledger::OpenCheckpoint(*verifier_, cp->note, options_.origin);
    if (!signed_cp.ok()) return signed_cp.status();
    InclusionProofBundle b;
    b.seq = seq;
    b.tree_size = signed_cp->size;
    auto r = reader_db_->Exec("SELECT frame FROM ledger_leaves WHERE seq = $1",
                              {Param::Int(static_cast<int64_t>(seq))});
    if (!r.ok()) return r.status();
    if (r->empty())
      return Status(StatusCode::kDataLoss, "leaf " + std::to_string(seq) + " is missing");
    b.frame = r->Bytes(0, 0);
    b.leaf_hash = ledger::HashLeaf(b.frame);
    ledger_pg::DbNodeSource nodes(*reader_db_);
    auto path = ledger::InclusionProof(nodes, seq, b.tree_size);
    if (!path.ok()) return path.status();
    b.path = std::move(*path);
    // Never hand out a proof that does not check: it would mean the stored rows were altered.
    Status check = ledger::VerifyInclusion(seq, b.tree_size, b.leaf_hash, b.path, signed_cp->root);
    if (!check.ok()) {
      return Status(StatusCode::kDataLoss, "stored rows do not prove seq " + std::to_string(seq) +
                                               " against the signed checkpoint (" +
                                               check.message() + "); run `kapi audit verify`");
    }
    b.checkpoint = std::move(*cp);
    b.verifier_key = VerifierKey();
    return b;
  }

  Result<ConsistencyProofBundle> ProveConsistencyLocked(uint64_t old_size, uint64_t new_size) {
    ledger_pg::DbNodeSource nodes(*reader_db_);
    ConsistencyProofBundle b;
    b.old_size = old_size;
    b.new_size = new_size;
    auto path = ledger::ConsistencyProof(nodes, old_size, new_size);
    if (!path.ok()) return path.status();
    auto a = ledger::TreeRoot(nodes, old_size);
    auto c = ledger::TreeRoot(nodes, new_size);
    if (!a.ok()) return a.status();
    if (!c.ok()) return c.status();
    b.path = std::move(*path);
    b.old_root = *a;
    b.new_root = *c;
    return b;
  }

  // VACUUM the tables an erasure touched, so the dead row versions holding the ciphertexts and
  // the wrapped key are pruned now rather than at the next autovacuum. PostgreSQL does not
  // promise to zero the freed bytes, and WAL and backups keep them: see docs/ledger.md.
  bool Vacuum() {
    std::lock_guard lock(read_mu_);
    if (!reader_db_->EnsureConnected().ok()) return false;
    return reader_db_->ExecScript("VACUUM ledger_payloads").ok() &&
           reader_db_->ExecScript("VACUUM ledger_persons").ok();
  }

  void TimerLoop() {
    std::unique_lock lock(timer_mu_);
    while (!closed_) {
      timer_cv_.wait_for(lock, std::chrono::milliseconds(options_.checkpoint_interval_ms));
      if (closed_) break;
      lock.unlock();
      auto latest = LatestCheckpoint();
      auto size = Size();
      if (size.ok() && (!latest.ok() || latest->tree_size < *size)) (void)Checkpoint();
      lock.lock();
    }
  }

  LedgerOptions options_;
  pg::ConnectOptions conn_options_;
  SystemClock system_clock_;
  const Clock* clock_ = nullptr;
  std::unique_ptr<Random> owned_random_;
  Random* random_ = nullptr;
  std::optional<ledger::NoteSigner> signer_;
  std::optional<ledger::NoteVerifier> verifier_;
  std::optional<std::string> payload_key_;

  // Writer thread only.
  std::unique_ptr<Connection> writer_db_;
  ledger::CompactRange frontier_;
  ledger::CompactRange batch_start_;
  bool synced_ = false;
  Status broken_;  // set at open when the stored rows do not match the signed head
  ledger_common::PersonKeyCache person_keys_;
  std::vector<std::string> batch_new_persons_;
  std::unique_ptr<BatchWriter> writer_;

  std::mutex read_mu_;
  std::unique_ptr<Connection> reader_db_;

  std::mutex timer_mu_;
  std::condition_variable timer_cv_;
  bool closed_ = false;
  std::thread timer_;
};

}  // namespace

Result<std::unique_ptr<LedgerStore>> OpenPostgresLedgerStore(const LedgerOptions& options) {
  if (options.database_url.empty()) return InvalidArgument("no database URL", "database_url");
  auto store = std::make_unique<PostgresLedgerStore>();
  KAPI_RETURN_IF_ERROR(store->Open(options));
  return std::unique_ptr<LedgerStore>(std::move(store));
}

Result<std::unique_ptr<LedgerStore>> OpenLedgerStore(const LedgerOptions& options) {
  if (options.database_url.empty()) return OpenSqliteLedgerStore(options);
  return OpenPostgresLedgerStore(options);
}

}  // namespace kapi::store
