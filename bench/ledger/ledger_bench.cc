// Ledger benchmarks with a plain hash chain as the baseline, measured in the same run on the
// same SQLite settings (WAL, synchronous=FULL, group commit through BatchWriter):
//   append   — events/s with batching (async appends, many in flight);
//   verify   — recompute everything for N events (default 1,000,000);
//   prove    — one inclusion proof from the N-event ledger.
// The hash chain h_i = SHA-256(h_{i-1} ‖ frame_i) stores the same frames; it has no proofs
// shorter than "every later link", no per-person erasure and no node cache.
//
// PostgreSQL rows (when KAPI_TEST_DATABASE_URL names a cluster, e.g. one started by
// scripts/pg-test-cluster without --fast): the same batched append into the shared PostgreSQL
// ledger from one store, and from two stores ("two nodes") appending at once into one log.
// The SQLite append row above is their baseline in the same run.
//
// Environment: KAPI_LEDGER_BENCH_EVENTS (default 1000000), KAPI_LEDGER_BENCH_DIR (default
// /tmp/kapi_ledger_bench; the N-event databases are built once and reused),
// KAPI_TEST_DATABASE_URL (PostgreSQL rows; skipped without it).

#include <benchmark/benchmark.h>
#include <sqlite3.h>

#include <atomic>
#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <random>
#include <thread>

#include "ledger/hash.h"
#include "ledger/leaf_frame.h"
#include "store/batch_writer.h"
#include "store/ledger_store.h"
#include "store/pg_test_util.h"

namespace kapi {
namespace {

namespace fs = std::filesystem;
using ledger::AuditEvent;
using ledger::EventType;

uint64_t NumEvents() {
  const char* v = std::getenv("KAPI_LEDGER_BENCH_EVENTS");
  return v ? std::strtoull(v, nullptr, 10) : 1000000;
}

fs::path BenchDir() {
  const char* v = std::getenv("KAPI_LEDGER_BENCH_DIR");
  return v ? fs::path(v) : fs::path("/tmp/kapi_ledger_bench");
}

// A realistic mix: a third of the events carry a small personal-data payload.
AuditEvent MakeEvent(uint64_t i) {
  AuditEvent e;
  static const EventType kTypes[] = {EventType::kStateChange, EventType::kAiSuggestion,
                                     EventType::kPersonalDataRead, EventType::kLogin};
  e.type = kTypes[i % 4];
  switch (i % 4) {
    case 0:
      e.attributes = {{"from", "assigned"}, {"to", "in_progress"}};
      break;
    case 1:
      e.attributes = {{"model", "topic-fasttext@2024.05"}};
      break;
    case 2:
      e.attributes = {{"field", "phone"}};
      break;
    default:
      e.attributes = {{"result", "ok"}};
  }
  e.time_ms = 1717243200000 + static_cast<int64_t>(i);
  e.actor = "user:" + std::to_string(i % 97);
  e.subjects = {"case:" + std::to_string(i / 5)};
  if (i % 3 == 0) {
    e.person_id = "person:" + std::to_string(i % 5000);
    e.payload_json = R"({"reason":"vatandaş telefonla aradı, adres teyit edildi","n":)" +
                     std::to_string(i) + "}";
  }
  return e;
}

std::string FrameOf(uint64_t seq, const AuditEvent& e) {
  return ledger::EncodeFrame({seq, e.time_ms, e.type, e.actor, e.subjects, e.attributes, {}});
}

// Appends `n` events with up to `in_flight` outstanding async appends.
void AppendMany(store::LedgerStore& ledger, uint64_t first, uint64_t n, int in_flight) {
  std::mutex mu;
  std::condition_variable cv;
  int outstanding = 0;
  std::atomic<uint64_t> failed{0};
  for (uint64_t i = first; i < first + n; ++i) {
    {
      std::unique_lock lock(mu);
      cv.wait(lock, [&] { return outstanding < in_flight; });
      ++outstanding;
    }
    ledger.AppendAsync(MakeEvent(i), [&](Result<uint64_t> r) {
      if (!r.ok()) ++failed;
      std::lock_guard lock(mu);
      --outstanding;
      cv.notify_all();
    });
  }
  std::unique_lock lock(mu);
  cv.wait(lock, [&] { return outstanding == 0; });
  if (failed > 0) std::abort();
}

store::LedgerOptions LedgerOptionsIn(const fs::path& dir) {
  store::LedgerOptions o = store::LedgerOptionsForDataDir(dir.string());
  o.origin = "kapi.bench/ledger";
  o.max_batch = 1024;
  return o;
}

// ---- the hash-chain baseline ----

class HashChain {
 public:
  explicit HashChain(const fs::path& path) {
    sqlite3_open(path.c_str(), &db_);
    (void)Exec(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000;"
        "CREATE TABLE IF NOT EXISTS chain (seq INTEGER PRIMARY KEY, frame BLOB NOT NULL,"
        " hash BLOB NOT NULL)");
    sqlite3_prepare_v2(db_, "INSERT INTO chain VALUES (?, ?, ?)", -1, &insert_, nullptr);
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db_, "SELECT seq, hash FROM chain ORDER BY seq DESC LIMIT 1", -1, &st,
                       nullptr);
    if (sqlite3_step(st) == SQLITE_ROW) {
      size_ = sqlite3_column_int64(st, 0) + 1;
      head_.assign(static_cast<const char*>(sqlite3_column_blob(st, 1)), 32);
    } else {
      head_.assign(32, '\0');
    }
    sqlite3_finalize(st);
    store::BatchWriter::Hooks hooks{
        .begin = [this] { return Exec("BEGIN IMMEDIATE"); },
        .commit = [this] { return Exec("COMMIT"); },
        .rollback = [this] { (void)Exec("ROLLBACK"); },
        .savepoint = [this] { return Exec("SAVEPOINT e"); },
        .release = [this] { return Exec("RELEASE e"); },
        .rollback_to = [this] { (void)Exec("ROLLBACK TO e"); },
    };
    writer_ = std::make_unique<store::BatchWriter>(std::move(hooks), 1024);
  }
  ~HashChain() {
    writer_.reset();
    sqlite3_finalize(insert_);
    sqlite3_close(db_);
  }

  void AppendAsync(AuditEvent e, std::function<void(Status)> done) {
    writer_->Submit([this, e = std::move(e)] { return AppendOp(e); }, std::move(done));
  }

  void AppendMany(uint64_t first, uint64_t n, int in_flight) {
    std::mutex mu;
    std::condition_variable cv;
    int outstanding = 0;
    for (uint64_t i = first; i < first + n; ++i) {
      {
        std::unique_lock lock(mu);
        cv.wait(lock, [&] { return outstanding < in_flight; });
        ++outstanding;
      }
      AppendAsync(MakeEvent(i), [&](Status) {
        std::lock_guard lock(mu);
        --outstanding;
        cv.notify_all();
      });
    }
    std::unique_lock lock(mu);
    cv.wait(lock, [&] { return outstanding == 0; });
  }

  // Recomputes the chain from `from` to the end (from = 0: full verification; from = seq: the
  // only "proof" a chain offers for seq is every later link up to a signed head).
  bool Verify(uint64_t from) {
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db_, "SELECT frame, hash FROM chain WHERE seq >= ? ORDER BY seq", -1, &st,
                       nullptr);
    sqlite3_bind_int64(st, 1, static_cast<int64_t>(from));
    std::string prev(32, '\0');
    bool first = true, ok = true;
    std::string buf;
    while (sqlite3_step(st) == SQLITE_ROW) {
      std::string_view frame(static_cast<const char*>(sqlite3_column_blob(st, 0)),
                             sqlite3_column_bytes(st, 0));
      std::string_view stored(static_cast<const char*>(sqlite3_column_blob(st, 1)), 32);
      if (!first || from == 0) {
        buf.assign(prev);
        buf.append(frame);
        if (ledger::AsBytes(ledger::Sha256(buf)) != stored) ok = false;
      }
      prev.assign(stored);
      first = false;
    }
    sqlite3_finalize(st);
    return ok;
  }

  uint64_t size() const { return size_; }

 private:
  Status Exec(const char* sql) {
    char* err = nullptr;
    int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &err);
    sqlite3_free(err);
    return rc == SQLITE_OK ? Status::Ok() : Internal("sql");
  }

  Status AppendOp(const AuditEvent& e) {
    std::string frame = FrameOf(size_, e);
    if (!e.payload_json.empty()) frame += e.payload_json;  // stored in the clear: no erasure
    std::string buf = head_ + frame;
    ledger::Hash h = ledger::Sha256(buf);
    sqlite3_reset(insert_);
    sqlite3_bind_int64(insert_, 1, static_cast<int64_t>(size_));
    sqlite3_bind_blob(insert_, 2, frame.data(), static_cast<int>(frame.size()), SQLITE_TRANSIENT);
    sqlite3_bind_blob(insert_, 3, h.data(), 32, SQLITE_TRANSIENT);
    if (sqlite3_step(insert_) != SQLITE_DONE) return Internal("insert");
    head_.assign(ledger::AsBytes(h));
    ++size_;
    return Status::Ok();
  }

  sqlite3* db_ = nullptr;
  sqlite3_stmt* insert_ = nullptr;
  std::string head_;
  uint64_t size_ = 0;
  std::unique_ptr<store::BatchWriter> writer_;
};

// ---- fixtures: the N-event databases, built once ----

store::LedgerStore& BigLedger() {
  static std::unique_ptr<store::LedgerStore> ledger = [] {
    fs::path dir = BenchDir() / ("ledger_" + std::to_string(NumEvents()));
    fs::create_directories(dir);
    auto s = store::OpenSqliteLedgerStore(LedgerOptionsIn(dir));
    if (!s.ok()) std::abort();
    uint64_t have = *(*s)->Size();
    if (have < NumEvents()) AppendMany(**s, have, NumEvents() - have, 8192);
    if (!(*s)->Checkpoint().ok()) std::abort();
    return std::move(*s);
  }();
  return *ledger;
}

HashChain& BigChain() {
  static std::unique_ptr<HashChain> chain = [] {
    fs::create_directories(BenchDir());
    auto c = std::make_unique<HashChain>(BenchDir() / ("chain_" + std::to_string(NumEvents())));
    if (c->size() < NumEvents()) c->AppendMany(c->size(), NumEvents() - c->size(), 8192);
    return c;
  }();
  return *chain;
}

// ---- append ----

void BM_LedgerAppendBatched(benchmark::State& state) {
  const uint64_t n = static_cast<uint64_t>(state.range(0));
  for (auto _ : state) {
    state.PauseTiming();
    fs::path dir = BenchDir() / "append_ledger";
    fs::remove_all(dir);
    auto s = store::OpenSqliteLedgerStore(LedgerOptionsIn(dir));
    if (!s.ok()) std::abort();
    state.ResumeTiming();
    AppendMany(**s, 0, n, 8192);
    state.PauseTiming();
    (*s)->Close();
    state.ResumeTiming();
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * n));
}
BENCHMARK(BM_LedgerAppendBatched)
    ->Arg(100000)
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

void BM_HashChainAppendBatched(benchmark::State& state) {
  const uint64_t n = static_cast<uint64_t>(state.range(0));
  for (auto _ : state) {
    state.PauseTiming();
    fs::create_directories(BenchDir());
    fs::path path = BenchDir() / "append_chain.db";
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path.string() + suffix);
    auto chain = std::make_unique<HashChain>(path);
    state.ResumeTiming();
    chain->AppendMany(0, n, 8192);
    state.PauseTiming();
    chain.reset();
    state.ResumeTiming();
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * n));
}
BENCHMARK(BM_HashChainAppendBatched)
    ->Arg(100000)
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// Appends one at a time, each waiting for its own commit: the latency floor without batching.
void BM_LedgerAppendUnbatched(benchmark::State& state) {
  fs::path dir = BenchDir() / "append_unbatched";
  fs::remove_all(dir);
  auto s = store::OpenSqliteLedgerStore(LedgerOptionsIn(dir));
  if (!s.ok()) std::abort();
  uint64_t i = 0;
  for (auto _ : state) {
    if (!(*s)->Append(MakeEvent(i++)).ok()) std::abort();
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(BM_LedgerAppendUnbatched)->Iterations(300)->Unit(benchmark::kMicrosecond)->UseRealTime();

// ---- PostgreSQL: one store, and two stores on one database ----

// Appends n events split over `stores` LedgerStore instances on one fresh schema, each with its
// own writer (its own group commit), all at once.
void PostgresAppend(benchmark::State& state, int stores) {
  auto url = store::testing::TestDatabaseUrl();
  if (!url) {
    state.SkipWithError("KAPI_TEST_DATABASE_URL is not set");
    return;
  }
  const uint64_t n = static_cast<uint64_t>(state.range(0));
  for (auto _ : state) {
    state.PauseTiming();
    auto schema = store::testing::PgTestSchema::Create(*url);
    if (!schema.ok()) std::abort();
    fs::path dir = BenchDir() / "append_pg";
    fs::remove_all(dir);
    std::vector<std::unique_ptr<store::LedgerStore>> nodes;
    for (int i = 0; i < stores; ++i) {
      store::LedgerOptions o = LedgerOptionsIn(dir);  // same key files: one log, one key
      o.database_url = (*schema)->url();
      auto s = store::OpenPostgresLedgerStore(o);
      if (!s.ok()) std::abort();
      nodes.push_back(std::move(*s));
    }
    state.ResumeTiming();
    std::vector<std::thread> threads;
    for (int i = 0; i < stores; ++i) {
      threads.emplace_back([&, i] { AppendMany(*nodes[i], i * (n / stores), n / stores, 8192); });
    }
    for (auto& t : threads) t.join();
    state.PauseTiming();
    auto size = nodes[0]->Size();
    if (!size.ok() || *size != n / stores * stores) std::abort();
    for (auto& node : nodes) node->Close();
    nodes.clear();
    schema->reset();
    state.ResumeTiming();
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * n));
}

void BM_PostgresLedgerAppendBatched(benchmark::State& state) { PostgresAppend(state, 1); }
BENCHMARK(BM_PostgresLedgerAppendBatched)
    ->Arg(100000)
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

void BM_PostgresLedgerAppendTwoStores(benchmark::State& state) { PostgresAppend(state, 2); }
BENCHMARK(BM_PostgresLedgerAppendTwoStores)
    ->Arg(100000)
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// ---- verify ----

void BM_LedgerVerify(benchmark::State& state) {
  store::LedgerStore& ledger = BigLedger();
  for (auto _ : state) {
    auto r = ledger.Verify({});
    if (!r.ok() || !r->ok()) std::abort();
    state.counters["payloads_opened"] = static_cast<double>(r->payloads_checked);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * NumEvents()));
}
BENCHMARK(BM_LedgerVerify)->Iterations(1)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_HashChainVerify(benchmark::State& state) {
  HashChain& chain = BigChain();
  for (auto _ : state) {
    if (!chain.Verify(0)) std::abort();
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * NumEvents()));
}
BENCHMARK(BM_HashChainVerify)->Iterations(1)->Unit(benchmark::kMillisecond)->UseRealTime();

// ---- prove ----

void BM_LedgerProve(benchmark::State& state) {
  store::LedgerStore& ledger = BigLedger();
  std::mt19937_64 rng(42);
  for (auto _ : state) {
    auto p = ledger.Prove(rng() % NumEvents());
    if (!p.ok()) std::abort();
    benchmark::DoNotOptimize(p->path.size());
  }
}
BENCHMARK(BM_LedgerProve)->Iterations(2000)->Unit(benchmark::kMicrosecond)->UseRealTime();

// The chain's counterpart: to show event `seq` belongs to a signed head, recompute every later
// link (on average half the log).
void BM_HashChainProve(benchmark::State& state) {
  HashChain& chain = BigChain();
  std::mt19937_64 rng(42);
  for (auto _ : state) {
    if (!chain.Verify(rng() % NumEvents())) std::abort();
  }
}
BENCHMARK(BM_HashChainProve)->Iterations(5)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace kapi

BENCHMARK_MAIN();
