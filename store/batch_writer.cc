#include "store/batch_writer.h"

#include <future>
#include <vector>

namespace kapi::store {

BatchWriter::BatchWriter(Hooks hooks, int max_batch)
    : hooks_(std::move(hooks)), max_batch_(max_batch > 0 ? max_batch : 1) {
  thread_ = std::thread([this] { Loop(); });
}

BatchWriter::~BatchWriter() { Close(); }

void BatchWriter::Submit(Op op, Done done) {
  {
    std::lock_guard lock(mu_);
    if (!closing_) {
      queue_.push_back({std::move(op), std::move(done)});
      cv_.notify_one();
      return;
    }
  }
  done(Unavailable("the store is closing"));
}

Status BatchWriter::Run(Op op) {
  std::promise<Status> promise;
  auto future = promise.get_future();
  Submit(std::move(op), [&promise](Status s) { promise.set_value(std::move(s)); });
  return future.get();
}

void BatchWriter::Close() {
  {
    std::lock_guard lock(mu_);
    if (closing_ && !thread_.joinable()) return;
    closing_ = true;
    cv_.notify_all();
  }
  if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id()) thread_.join();
}

uint64_t BatchWriter::batches() const {
  std::lock_guard lock(mu_);
  return batches_;
}
uint64_t BatchWriter::writes() const {
  std::lock_guard lock(mu_);
  return writes_;
}

void BatchWriter::Loop() {
  while (true) {
    std::deque<Item> batch;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [this] { return closing_ || !queue_.empty(); });
      if (queue_.empty() && closing_) return;
      while (!queue_.empty() && batch.size() < max_batch_) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    RunBatch(batch);
  }
}

void BatchWriter::RunBatch(std::deque<Item>& batch) {
  std::vector<Status> results;
  results.reserve(batch.size());
  Status tx = hooks_.begin();
  if (tx.ok()) {
    for (Item& item : batch) {
      Status sp = hooks_.savepoint();
      if (!sp.ok()) {
        results.push_back(sp);
        continue;
      }
      Status s;
      try {
        s = item.op();
      } catch (const std::exception& e) {
        s = Internal(std::string("write failed: ") + e.what());
      }
      if (s.ok()) {
        s = hooks_.release();
      } else {
        hooks_.rollback_to();
        (void)hooks_.release();
      }
      results.push_back(std::move(s));
    }
    tx = hooks_.commit();
    if (!tx.ok()) hooks_.rollback();
  }
  {
    std::lock_guard lock(mu_);
    ++batches_;
    writes_ += batch.size();
  }
  for (size_t i = 0; i < batch.size(); ++i) {
    // When the commit failed nothing is durable: every write reports the commit's error.
    batch[i].done(tx.ok() ? results[i] : tx);
  }
}

}  // namespace kapi::store
