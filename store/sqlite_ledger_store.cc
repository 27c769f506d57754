// SQLite implementation of LedgerStore. One writer thread (BatchWriter) owns the write connection
// and the in-memory frontier; reads use a connection of their own.

#include <sodium.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <thread>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "ledger/compact_range.h"
#include "ledger/crypto_shred.h"
#include "ledger/leaf_frame.h"
#include "privacy/key_file.h"
#include "store/batch_writer.h"
#include "store/ledger_store_common.h"
#include "store/sqlite_ledger_internal.h"

namespace kapi::store {

using ledger::Hash;
using sqlite::Connection;
using sqlite::Statement;

LedgerOptions LedgerOptionsForDataDir(const std::string& data_dir) {
  std::filesystem::path dir(data_dir);
  LedgerOptions o;
  o.path = (dir / "ledger.db").string();
  o.signing_key_path = (dir / "keys" / "ledger-ed25519.key").string();
  o.payload_key_path = (dir / "keys" / "ledger-payload.key").string();
  return o;
}

std::string InclusionProofBundle::ToJson() const {
  nlohmann::ordered_json j;
  j["format"] = "kapi-ledger-proof/v1";
  j["seq"] = seq;
  j["tree_size"] = tree_size;
  j["leaf"] = ledger::Base64Encode(frame);
  j["leaf_hash"] = ledger::Base64Encode(ledger::AsBytes(leaf_hash));
  nlohmann::ordered_json p = nlohmann::ordered_json::array();
  for (const Hash& h : path) p.push_back(ledger::Base64Encode(ledger::AsBytes(h)));
  j["inclusion_path"] = p;
  j["checkpoint"] = checkpoint.note;
  j["verifier_key"] = verifier_key;
  auto decoded = ledger::DecodeFrame(frame);
  if (decoded.ok()) j["event"] = nlohmann::ordered_json::parse(ledger::FrameToJson(*decoded));
  return j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

namespace {

constexpr std::string_view kHeadSelect =
    "SELECT tree_size, root, note, created_ms FROM ledger_head WHERE id = 1";

Result<std::optional<SignedCheckpoint>> ReadCheckpointRow(Statement* st) {
  auto row = st->Step();
  if (!row.ok()) return row.status();
  std::optional<SignedCheckpoint> out;
  if (*row) {
    SignedCheckpoint c;
    c.tree_size = static_cast<uint64_t>(st->Int(0));
    auto root = ledger::HashFromBytes(st->Text(1));
    if (root) c.root = *root;
    c.note = st->Text(2);
    c.created_ms = st->Int(3);
    out = std::move(c);
  }
  st->Reset();
  return out;
}

Status OpenPragmas(Connection& db) {
  return db.Exec(
      "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000;"
      "PRAGMA secure_delete = ON;");
}

class SqliteLedgerStore final : public LedgerStore {
 public:
  ~SqliteLedgerStore() override { Close(); }

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
    std::error_code ec;
    if (options.read_only) {
      if (!std::filesystem::exists(options.path, ec)) {
        return NotFound("no database at " + options.path);
      }
    } else if (auto parent = std::filesystem::path(options.path).parent_path(); !parent.empty()) {
      std::filesystem::create_directories(parent, ec);
    }
    if (options_.origin.empty()) options_.origin = ResolveOrigin();
    KAPI_RETURN_IF_ERROR(LoadKeys(options_));

    if (!options.read_only) {
      auto w = Connection::Open(options.path, /*read_only=*/false);
      if (!w.ok()) return w.status();
      writer_db_ = std::move(*w);
      KAPI_RETURN_IF_ERROR(OpenPragmas(*writer_db_));
      KAPI_RETURN_IF_ERROR(ledger_sqlite::ApplyLedgerMigrations(*writer_db_));
      // One read snapshot, so a process appending meanwhile cannot make the leaves and the signed
      // head we read disagree (which would look like tampering).
      KAPI_RETURN_IF_ERROR(writer_db_->Exec("BEGIN"));
      LoadFrontier();
      writer_db_->ResetAll();
      KAPI_RETURN_IF_ERROR(writer_db_->Exec("COMMIT"));
    }
    auto r = Connection::Open(options.path, /*read_only=*/true);
    if (!r.ok()) return r.status();
    reader_db_ = std::move(*r);
    KAPI_RETURN_IF_ERROR(reader_db_->Exec("PRAGMA busy_timeout = 5000"));
    KAPI_RETURN_IF_ERROR(ledger_sqlite::CheckLedgerSchema(*reader_db_));

    if (!options.read_only) {
      Connection* db = writer_db_.get();
      BatchWriter::Hooks hooks{
          .begin = [this, db] { return BeginBatch(*db); },
          .commit = [this, db] { return CommitBatch(*db); },
          .rollback = [this, db] { RollbackBatch(*db); },
          .savepoint = [db] { return db->Exec("SAVEPOINT e"); },
          .release = [db] { return db->Exec("RELEASE e"); },
          .rollback_to = [db] { (void)db->Exec("ROLLBACK TO e"); },
      };
      writer_ = std::make_unique<BatchWriter>(std::move(hooks), options.max_batch);
      if (options.checkpoint_interval_ms > 0) {
        timer_ = std::thread([this] { TimerLoop(); });
      }
    }
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
    scrub_pending_ = true;
    report.scrubbed = Scrub();
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
    auto st = reader_db_->Prepare(
        "SELECT tree_size, root, note, created_ms FROM ledger_checkpoints "
        "ORDER BY tree_size DESC LIMIT 1");
    if (!st.ok()) return st.status();
    auto c = ReadCheckpointRow(*st);
    if (!c.ok()) return c.status();
    if (!*c) return NotFound("no checkpoint has been published yet");
    return std::move(**c);
  }

  // ---- verification and proofs ----
  Result<LedgerVerifyReport> Verify(const LedgerVerifyOptions& options) override {
    if (!verifier_) return FailedPrecondition("no verifier key: cannot check signatures");
    auto db = Connection::Open(options_.path, /*read_only=*/true);
    if (!db.ok()) return db.status();
    KAPI_RETURN_IF_ERROR((*db)->Exec("PRAGMA busy_timeout = 5000"));
    KAPI_RETURN_IF_ERROR(ledger_sqlite::CheckLedgerSchema(**db));
    ledger_rows::VerifyContext context{&*verifier_, options_.origin, payload_key_};
    return ledger_sqlite::VerifyDatabase(**db, context, options);
  }

  Result<InclusionProofBundle> Prove(uint64_t seq, uint64_t tree_size) override {
    if (!verifier_) return FailedPrecondition("no verifier key: cannot check signatures");
    std::lock_guard lock(read_mu_);
    KAPI_RETURN_IF_ERROR(reader_db_->Exec("BEGIN"));
    auto out = ProveLocked(seq, tree_size);
    (void)reader_db_->Exec("COMMIT");
    return out;
  }

  Result<ConsistencyProofBundle> ProveConsistency(uint64_t old_size, uint64_t new_size) override {
    std::lock_guard lock(read_mu_);
    KAPI_RETURN_IF_ERROR(reader_db_->Exec("BEGIN"));
    auto out = ProveConsistencyLocked(old_size, new_size);
    (void)reader_db_->Exec("COMMIT");
    return out;
  }

  Result<std::string> ReadPayload(uint64_t seq) override {
    if (!payload_key_) return FailedPrecondition("no payload key available");
    std::lock_guard lock(read_mu_);
    auto st = reader_db_->Prepare(
        "SELECT p.person_id, p.sealed, k.wrapped_key FROM ledger_payloads p "
        "LEFT JOIN ledger_persons k ON k.person_id = p.person_id WHERE p.seq = ?");
    if (!st.ok()) return st.status();
    auto row = (*st)->Bind(1, static_cast<int64_t>(seq)).Step();
    if (!row.ok()) return row.status();
    if (!*row || (*st)->IsNull(1)) {
      (*st)->Reset();
      return NotFound("no payload for seq " + std::to_string(seq) + " (none, or erased)");
    }
    std::string person = (*st)->Text(0), sealed = (*st)->Text(1), wrapped = (*st)->Text(2);
    const bool no_key = (*st)->IsNull(2);
    (*st)->Reset();
    if (no_key) return Status(StatusCode::kDataLoss, "payload without a person key");
    auto key = ledger::UnwrapPersonKey(*payload_key_, person, wrapped);
    if (!key.ok()) return key.status();
    auto opened = ledger::OpenPayload(*key, seq, sealed);
    sodium_memzero(key->data(), key->size());
    if (!opened.ok()) return opened.status();
    return std::move(opened->canonical_payload);
  }

  // Read from the file, not from our frontier: another process may have appended.
  Result<uint64_t> Size() override {
    std::lock_guard lock(read_mu_);
    auto st = reader_db_->Prepare("SELECT COALESCE(MAX(seq) + 1, 0) FROM ledger_leaves");
    if (!st.ok()) return st.status();
    auto row = (*st)->Step();
    if (!row.ok()) return row.status();
    const int64_t n = (*st)->Int(0);
    (*st)->Reset();
    return static_cast<uint64_t>(n);
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
    if (scrub_pending_) (void)Scrub();
  }

 private:
  using PreparedEvent = ledger_common::PreparedEvent;

  // ---- setup ----
  // An unset origin is taken from the verifier key, else from the stored signed head, else the
  // default; so tools need not repeat what the server was configured with.
  std::string ResolveOrigin() {
    if (size_t plus = options_.verifier_key.find('+'); plus != std::string::npos) {
      return options_.verifier_key.substr(0, plus);
    }
    std::error_code ec;
    if (std::filesystem::exists(options_.path, ec)) {
      auto db = Connection::Open(options_.path, /*read_only=*/true);
      if (db.ok()) {
        auto st = (*db)->Prepare("SELECT note FROM ledger_head WHERE id = 1");
        if (st.ok()) {
          auto row = (*st)->Step();
          std::string note = row.ok() && *row ? (*st)->Text(0) : std::string();
          (*st)->Reset();
          if (size_t nl = note.find('\n'); nl != std::string::npos && nl > 0) {
            return note.substr(0, nl);
          }
        }
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

  // Rebuilds the frontier from the stored nodes and checks it against the signed head; on any
  // mismatch the ledger refuses appends until the database is verified and repaired.
  void LoadFrontier() {
    auto fail = [this](std::string what) {
      broken_ = Status(StatusCode::kDataLoss, "the stored ledger does not match its signed head (" +
                                                  what +
                                                  "); appends are refused: run `kapi audit verify`")
                    .WithReason("ledger_tampered");
    };
    Connection& db = *writer_db_;
    auto st = db.Prepare("SELECT COALESCE(MAX(seq) + 1, 0), COUNT(*) FROM ledger_leaves");
    if (!st.ok()) return fail(st.status().message());
    auto row = (*st)->Step();
    if (!row.ok()) return fail(row.status().message());
    const int64_t n = (*st)->Int(0);
    const int64_t count = (*st)->Int(1);
    (*st)->Reset();
    if (n != count) return fail("sequence numbers have gaps");
    ledger_sqlite::DbNodeSource nodes(db);
    std::vector<Hash> hashes;
    for (auto [level, index] : ledger::CompactRange::Decompose(static_cast<uint64_t>(n))) {
      auto h = nodes.PerfectNode(level, index);
      if (!h.ok()) return fail(h.status().message());
      hashes.push_back(*h);
    }
    auto range = ledger::CompactRange::FromHashes(static_cast<uint64_t>(n), std::move(hashes));
    if (!range.ok()) return fail(range.status().message());
    frontier_ = std::move(*range);
    head_size_ = frontier_.size();
    committed_size_ = frontier_.size();
    auto head_st = db.Prepare(kHeadSelect);
    if (!head_st.ok()) return fail(head_st.status().message());
    auto head = ReadCheckpointRow(*head_st);
    if (!head.ok()) return fail(head.status().message());
    if (!*head) {
      if (n != 0) fail("leaves without a signed head");
      return;
    }
    auto opened = ledger::OpenCheckpoint(*verifier_, (*head)->note, options_.origin);
    if (!opened.ok()) return fail("head: " + opened.status().message());
    if (opened->size != frontier_.size() || opened->root != frontier_.Root()) {
      return fail("head covers " + std::to_string(opened->size) + " leaves, " + std::to_string(n) +
                  " are stored");
    }
  }

  // Validation and canonicalisation happen on the caller's thread, off the writer's path.
  Result<PreparedEvent> Prepare(ledger::AuditEvent event) {
    return ledger_common::PrepareEvent(std::move(event), *clock_);
  }

  // ---- writer thread ----
  Status BeginBatch(Connection& db) {
    KAPI_RETURN_IF_ERROR(db.Exec("BEGIN IMMEDIATE"));
    if (Status s = CatchUpWithOtherWriters(db); !s.ok()) {
      (void)db.Exec("ROLLBACK");
      return s;
    }
    batch_start_ = frontier_;
    batch_new_persons_.clear();
    return Status::Ok();
  }

  // Another process on the same file (`kapi import` beside `kapi serve`) may have appended since
  // our last batch. BEGIN IMMEDIATE holds SQLite's write lock, so the stored size is final until
  // we commit: when it differs from ours, rebuild the frontier from the stored nodes (checked
  // against the signed head, as at open) and forget cached person keys, which the other writer
  // may have erased. One indexed MAX per batch.
  Status CatchUpWithOtherWriters(Connection& db) {
    KAPI_RETURN_IF_ERROR(broken_);
    auto st = db.Prepare("SELECT COALESCE(MAX(seq) + 1, 0) FROM ledger_leaves");
    if (!st.ok()) return st.status();
    auto row = (*st)->Step();
    if (!row.ok()) return row.status();
    const uint64_t stored = static_cast<uint64_t>((*st)->Int(0));
    (*st)->Reset();
    if (stored == frontier_.size()) return Status::Ok();
    person_keys_.Clear();
    LoadFrontier();
    return broken_;
  }

  Status CommitBatch(Connection& db) {
    if (frontier_.size() != head_size_) KAPI_RETURN_IF_ERROR(WriteHead(db));
    KAPI_RETURN_IF_ERROR(db.Exec("COMMIT"));
    head_size_ = frontier_.size();
    committed_size_ = frontier_.size();
    batch_new_persons_.clear();
    return Status::Ok();
  }

  void RollbackBatch(Connection& db) {
    (void)db.Exec("ROLLBACK");
    frontier_ = batch_start_;
    for (const std::string& p : batch_new_persons_) person_keys_.Erase(p);
    batch_new_persons_.clear();
  }

  Status WriteHead(Connection& db) {
    ledger::Checkpoint c{options_.origin, frontier_.size(), frontier_.Root(), {}};
    std::string note = ledger::SignCheckpoint(*signer_, c);
    auto st = db.Prepare(
        "INSERT INTO ledger_head(id, tree_size, root, note, created_ms) VALUES (1, ?, ?, ?, ?) "
        "ON CONFLICT(id) DO UPDATE SET tree_size = excluded.tree_size, root = excluded.root, "
        "note = excluded.note, created_ms = excluded.created_ms");
    if (!st.ok()) return st.status();
    return (*st)
        ->Bind(1, static_cast<int64_t>(c.size))
        .BindBlob(2, ledger::AsBytes(c.root))
        .Bind(3, note)
        .Bind(4, clock_->NowMillis())
        .Run();
  }

  // The person's key, creating (and wrapping) it when new. Refuses erased persons.
  Result<std::string> PersonKey(Connection& db, const std::string& person_id, uint64_t seq) {
    if (const std::string* cached = person_keys_.Find(person_id)) return *cached;
    auto st = db.Prepare("SELECT wrapped_key, erased_seq FROM ledger_persons WHERE person_id = ?");
    if (!st.ok()) return st.status();
    auto row = (*st)->Bind(1, person_id).Step();
    if (!row.ok()) return row.status();
    if (*row) {
      const bool erased = !(*st)->IsNull(1);
      std::string wrapped = (*st)->Text(0);
      (*st)->Reset();
      if (erased) {
        return FailedPrecondition("person " + person_id +
                                  " was erased; new personal data needs a new person id");
      }
      auto key = ledger::UnwrapPersonKey(*payload_key_, person_id, wrapped);
      if (!key.ok()) return key.status();
      person_keys_.Put(person_id, *key);
      return key;
    }
    (*st)->Reset();
    std::string key = ledger::NewPersonKey(*random_);
    auto ins = db.Prepare(
        "INSERT INTO ledger_persons(person_id, wrapped_key, created_seq) VALUES (?, ?, ?)");
    if (!ins.ok()) return ins.status();
    KAPI_RETURN_IF_ERROR(
        (*ins)
            ->Bind(1, person_id)
            .BindBlob(2, ledger::WrapPersonKey(*payload_key_, person_id, key, *random_))
            .Bind(3, static_cast<int64_t>(seq))
            .Run());
    return key;
  }

  // Writes one leaf (and its payload and nodes); mutates the frontier only when all succeeded.
  Status AppendOp(const PreparedEvent& p, uint64_t* seq_out) {
    KAPI_RETURN_IF_ERROR(broken_);
    Connection& db = *writer_db_;
    const ledger::AuditEvent& e = p.event;
    if (!e.idempotency_key.empty()) {
      auto st = db.Prepare("SELECT seq FROM ledger_idempotency WHERE key = ?");
      if (!st.ok()) return st.status();
      auto row = (*st)->Bind(1, e.idempotency_key).Step();
      if (!row.ok()) return row.status();
      const bool seen = *row;
      const int64_t earlier = seen ? (*st)->Int(0) : 0;
      (*st)->Reset();
      if (seen) {
        *seq_out = static_cast<uint64_t>(earlier);
        return Status::Ok();
      }
    }
    const uint64_t seq = frontier_.size();
    ledger::LeafFrame frame{seq, e.time_ms, e.type, e.actor, e.subjects, e.attributes, {}};
    std::string sealed;
    std::optional<std::string> new_key;
    if (!p.canonical_payload.empty()) {
      const bool cached = person_keys_.Find(e.person_id) != nullptr;
      auto key = PersonKey(db, e.person_id, seq);
      if (!key.ok()) return key.status();
      if (!cached) new_key = *key;
      std::string salt = ledger::NewSalt(*random_);
      frame.commitment = ledger::PayloadCommitment(salt, p.canonical_payload);
      sealed = ledger::SealPayload(*key, seq, salt, p.canonical_payload, *random_);
      sodium_memzero(salt.data(), salt.size());
    }
    const std::string bytes = ledger::EncodeFrame(frame);
    const Hash leaf_hash = ledger::HashLeaf(bytes);
    auto st = db.Prepare("INSERT INTO ledger_leaves(seq, frame, leaf_hash) VALUES (?, ?, ?)");
    if (!st.ok()) return st.status();
    KAPI_RETURN_IF_ERROR((*st)
                             ->Bind(1, static_cast<int64_t>(seq))
                             .BindBlob(2, bytes)
                             .BindBlob(3, ledger::AsBytes(leaf_hash))
                             .Run());
    if (!e.idempotency_key.empty()) {
      auto is = db.Prepare("INSERT INTO ledger_idempotency(key, seq) VALUES (?, ?)");
      if (!is.ok()) return is.status();
      KAPI_RETURN_IF_ERROR(
          (*is)->Bind(1, e.idempotency_key).Bind(2, static_cast<int64_t>(seq)).Run());
    }
    if (!sealed.empty()) {
      auto ps = db.Prepare("INSERT INTO ledger_payloads(seq, person_id, sealed) VALUES (?, ?, ?)");
      if (!ps.ok()) return ps.status();
      KAPI_RETURN_IF_ERROR(
          (*ps)->Bind(1, static_cast<int64_t>(seq)).Bind(2, e.person_id).BindBlob(3, sealed).Run());
    }
    ledger::CompactRange next = frontier_;
    std::vector<ledger::PerfectNodeRef> created;
    next.Append(leaf_hash, &created);
    if (!created.empty()) {
      auto ns = db.Prepare("INSERT INTO ledger_nodes(level, idx, hash) VALUES (?, ?, ?)");
      if (!ns.ok()) return ns.status();
      for (const auto& n : created) {
        KAPI_RETURN_IF_ERROR((*ns)
                                 ->Bind(1, int64_t{n.level})
                                 .Bind(2, static_cast<int64_t>(n.index))
                                 .BindBlob(3, ledger::AsBytes(n.hash))
                                 .Run());
        (*ns)->Reset();
      }
    }
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
    auto st = db.Prepare("SELECT erased_seq FROM ledger_persons WHERE person_id = ?");
    if (!st.ok()) return st.status();
    auto row = (*st)->Bind(1, person_id).Step();
    if (!row.ok()) return row.status();
    const bool known = *row;
    const bool erased = known && !(*st)->IsNull(0);
    const int64_t erased_seq = known ? (*st)->Int(0) : 0;
    (*st)->Reset();
    if (erased) {
      report->erasure_seq = static_cast<uint64_t>(erased_seq);
      report->already_erased = true;
      return Status::Ok();
    }
    auto up = db.Prepare(
        "UPDATE ledger_payloads SET sealed = NULL WHERE person_id = ? AND sealed IS NOT NULL");
    if (!up.ok()) return up.status();
    KAPI_RETURN_IF_ERROR((*up)->Bind(1, person_id).Run());
    report->payloads_erased = static_cast<uint64_t>(db.Changes());

    PreparedEvent p;
    p.event.type = ledger::EventType::kErasure;
    p.event.time_ms = clock_->NowMillis();
    p.event.actor = actor;
    p.event.subjects = {person_id};
    p.event.attributes = {{"reason", reason},
                          {"payloads", std::to_string(report->payloads_erased)}};
    uint64_t seq = 0;
    KAPI_RETURN_IF_ERROR(AppendOp(p, &seq));
    auto mark = db.Prepare(
        "INSERT INTO ledger_persons(person_id, wrapped_key, created_seq, erased_seq) "
        "VALUES (?, NULL, ?, ?) ON CONFLICT(person_id) DO UPDATE SET wrapped_key = NULL, "
        "erased_seq = excluded.erased_seq");
    if (!mark.ok()) return mark.status();
    KAPI_RETURN_IF_ERROR((*mark)
                             ->Bind(1, person_id)
                             .Bind(2, static_cast<int64_t>(seq))
                             .Bind(3, static_cast<int64_t>(seq))
                             .Run());
    person_keys_.Erase(person_id);
    report->erasure_seq = seq;
    return Status::Ok();
  }

  Status CheckpointOp(SignedCheckpoint* out) {
    KAPI_RETURN_IF_ERROR(broken_);
    Connection& db = *writer_db_;
    auto last = db.Prepare(
        "SELECT tree_size, root, note, created_ms FROM ledger_checkpoints "
        "ORDER BY tree_size DESC LIMIT 1");
    if (!last.ok()) return last.status();
    auto prev = ReadCheckpointRow(*last);
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
    auto st = db.Prepare(
        "INSERT INTO ledger_checkpoints(tree_size, root, note, created_ms) VALUES (?, ?, ?, ?)");
    if (!st.ok()) return st.status();
    return (*st)
        ->Bind(1, static_cast<int64_t>(out->tree_size))
        .BindBlob(2, ledger::AsBytes(out->root))
        .Bind(3, out->note)
        .Bind(4, out->created_ms)
        .Run();
  }

  // ---- reads (read_mu_ held, inside a read transaction) ----
  Result<SignedCheckpoint> CheckpointFor(uint64_t seq, uint64_t tree_size) {
    auto head_st = reader_db_->Prepare(kHeadSelect);
    if (!head_st.ok()) return head_st.status();
    auto head = ReadCheckpointRow(*head_st);
    if (!head.ok()) return head.status();
    Result<Statement*> st = Status();
    if (tree_size != 0) {
      if (*head && (*head)->tree_size == tree_size) return std::move(**head);
      st = reader_db_->Prepare(
          "SELECT tree_size, root, note, created_ms FROM ledger_checkpoints WHERE tree_size = ?");
      if (st.ok()) (*st)->Bind(1, static_cast<int64_t>(tree_size));
    } else {
      st = reader_db_->Prepare(
          "SELECT tree_size, root, note, created_ms FROM ledger_checkpoints WHERE tree_size > ? "
          "ORDER BY tree_size DESC LIMIT 1");
      if (st.ok()) (*st)->Bind(1, static_cast<int64_t>(seq));
    }
    if (!st.ok()) return st.status();
    auto c = ReadCheckpointRow(*st);
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
    auto st = reader_db_->Prepare("SELECT frame, leaf_hash FROM ledger_leaves WHERE seq = ?");
    if (!st.ok()) return st.status();
    auto row = (*st)->Bind(1, static_cast<int64_t>(seq)).Step();
    if (!row.ok()) return row.status();
    if (!*row) {
      (*st)->Reset();
      return Status(StatusCode::kDataLoss, "leaf " + std::to_string(seq) + " is missing");
    }
    b.frame = (*st)->Text(0);
    (*st)->Reset();
    b.leaf_hash = ledger::HashLeaf(b.frame);
    ledger_sqlite::DbNodeSource nodes(*reader_db_);
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
    ledger_sqlite::DbNodeSource nodes(*reader_db_);
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

  // Checkpoints the WAL into the database file and truncates it, so destroyed bytes survive in
  // neither file. Readers elsewhere can delay it; retried for a short while.
  bool Scrub() {
    if (!sqlite::TruncateWal(options_.path)) return false;
    scrub_pending_ = false;
    return true;
  }

  void TimerLoop() {
    std::unique_lock lock(timer_mu_);
    while (!closed_) {
      timer_cv_.wait_for(lock, std::chrono::milliseconds(options_.checkpoint_interval_ms));
      if (closed_) break;
      lock.unlock();
      auto latest = LatestCheckpoint();
      if (!latest.ok() || latest->tree_size < committed_size_.load()) (void)Checkpoint();
      if (scrub_pending_) (void)Scrub();
      lock.lock();
    }
  }

  LedgerOptions options_;
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
  uint64_t head_size_ = 0;
  ledger_common::PersonKeyCache person_keys_;
  std::vector<std::string> batch_new_persons_;
  Status broken_;
  std::unique_ptr<BatchWriter> writer_;

  std::atomic<uint64_t> committed_size_{0};
  std::atomic<bool> scrub_pending_{false};

  std::mutex read_mu_;
  std::unique_ptr<Connection> reader_db_;

  std::mutex timer_mu_;
  std::condition_variable timer_cv_;
  bool closed_ = false;
  std::thread timer_;
};

}  // namespace

Result<std::unique_ptr<LedgerStore>> OpenSqliteLedgerStore(const LedgerOptions& options) {
  auto store = std::make_unique<SqliteLedgerStore>();
  KAPI_RETURN_IF_ERROR(store->Open(options));
  return std::unique_ptr<LedgerStore>(std::move(store));
}

}  // namespace kapi::store
