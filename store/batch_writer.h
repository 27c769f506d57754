#pragma once
// Group commit. One writer thread takes every queued write, runs them all inside one database
// transaction (each in its own savepoint, so one failing write does not undo the others), commits
// once — one fsync for the whole batch — and only then reports each write's outcome. Throughput
// comes from batching concurrent writers, never from weakening durability.
//
// Backend-neutral: the backend supplies the transaction verbs as hooks. Ops run on the writer
// thread only, so a backend's write connection is touched by that thread alone.
//
// Thread-safety: Submit/Run/Close may be called from any thread.

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

#include "base/status.h"

namespace kapi::store {

class BatchWriter {
 public:
  struct Hooks {
    std::function<Status()> begin;
    std::function<Status()> commit;
    std::function<void()> rollback;
    std::function<Status()> savepoint;  // open a savepoint for the next op
    std::function<Status()> release;    // keep the op's changes
    std::function<void()> rollback_to;  // undo the op's changes, keep the transaction
  };
  using Op = std::function<Status()>;
  using Done = std::function<void(Status)>;

  BatchWriter(Hooks hooks, int max_batch);
  ~BatchWriter();  // Close()s

  // Queues `op`; `done` gets op's status once the batch it ran in is durable, or the commit error.
  // After Close, `done` is called at once with kUnavailable.
  void Submit(Op op, Done done);
  // Blocking Submit.
  Status Run(Op op);
  // Drains the queue, stops the thread. Idempotent.
  void Close();

  // Number of transactions committed and writes in them (for metrics and tests).
  uint64_t batches() const;
  uint64_t writes() const;

 private:
  struct Item {
    Op op;
    Done done;
  };
  void Loop();
  void RunBatch(std::deque<Item>& batch);

  Hooks hooks_;
  const size_t max_batch_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Item> queue_;
  bool closing_ = false;
  uint64_t batches_ = 0;
  uint64_t writes_ = 0;
  std::thread thread_;
};

}  // namespace kapi::store
