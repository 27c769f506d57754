#pragma once
// The PostgreSQL implementation of store::Store, for several `kapi serve` nodes on one database.
//
// Per node: every write goes through one BatchWriter (group commit) on one dedicated connection;
// deferred BEGIN/SAVEPOINT/RELEASE are pipelined with the write statements, so a batch costs about
// one round trip per write plus the COMMIT (synchronous_commit as configured on the server: the
// default `on` means a write is acknowledged only after its WAL is flushed). Reads use a small
// pool of connections.
//
// Across nodes: idempotency is the unique constraint on cases.idempotency_key with
// INSERT … ON CONFLICT DO NOTHING and a read-back; workflow writes lock the case row
// (SELECT … FOR UPDATE), so version checks and state-machine steps are serializable per case.
// Case, note and event ids come from cluster-wide identity sequences.
//
// Faults: when PostgreSQL goes away, writes and reads in flight fail with kUnavailable (reason
// "database_unavailable"; nothing of a failed transaction is kept) and every connection
// reconnects by itself, rate-limited, when next used. A commit whose answer was lost is reported
// as kUnavailable although it may have committed; clients retry with their idempotency key.
//
// Thread-safety: every method may be called from any thread concurrently (store.h).

#include <memory>
#include <string>

#include "base/status.h"
#include "store/store.h"

namespace kapi::store {

struct PostgresOptions {
  std::string url;           // postgresql://user[:password]@host[:port]/db[?…] or key=value form
  int max_batch = 512;       // most writes committed in one transaction
  int read_connections = 4;  // pooled read connections
  int connect_timeout_s = 5;
};

// Connects, applies pending migrations (under an advisory lock, so nodes may start together) and
// returns the store. kUnavailable when the database cannot be reached.
Result<std::unique_ptr<Store>> OpenPostgresStore(const PostgresOptions& options);

}  // namespace kapi::store
