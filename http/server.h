#pragma once
// The HTTP/1.1 server (Boost.Beast): keep-alive, read/handler/write timeouts, body and header
// limits, JSON errors for malformed requests, structured access logs (route pattern and status
// only: never paths, queries or bodies, which may carry personal data), and graceful shutdown
// (stop accepting, let in-flight requests finish, then stop).
//
// Thread-safety: Start/Shutdown/Wait from any one controlling thread; handlers run on the server's
// I/O threads and may respond from any thread.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "base/status.h"
#include "http/router.h"

namespace kapi::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;  // 0: pick a free port (tests)
  int threads = 2;
  size_t max_body_bytes = 64 * 1024;
  size_t max_header_bytes = 16 * 1024;
  std::chrono::milliseconds read_timeout{15'000};     // whole request, incl. keep-alive idle
  std::chrono::milliseconds handler_timeout{10'000};  // handler must respond within this
  std::chrono::milliseconds write_timeout{15'000};
  bool access_log = true;
};

class Server {
 public:
  Server(ServerOptions options, std::shared_ptr<const Router> router);
  ~Server();

  // Binds and starts the I/O threads. Returns once the socket listens.
  Status Start();
  // The bound port (useful with port 0).
  uint16_t port() const;
  // True from the moment Shutdown begins; /readyz reports it.
  bool draining() const;
  // Stops accepting, waits up to `grace` for in-flight requests to complete, then stops the
  // I/O threads. Blocking; idempotent.
  void Shutdown(std::chrono::milliseconds grace);
  // Blocks until the I/O threads have stopped.
  void Wait();

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace kapi::http
