#pragma once
// A small pool of threads for handler work that blocks (synchronous store writes wait for a
// group commit). Keeps the I/O threads free to read and write sockets. Thread-safe.

#include <functional>
#include <memory>

namespace kapi::http {

class WorkPool {
 public:
  explicit WorkPool(int threads);
  ~WorkPool();  // waits for queued work
  void Post(std::function<void()> work);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kapi::http
