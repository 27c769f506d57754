#pragma once
// Test support: runs the real `kapi serve` binary on port 0 in a temp data directory and talks
// HTTP/1.1 to it. Used by the integration and durability tests.

#include <sys/types.h>

#include <map>
#include <string>
#include <vector>

namespace kapi::testing {

// Path of the built kapi binary (from KAPI_BINARY_DIR set by CTest).
std::string KapiBinary();

// Runs `kapi <args>` to completion, returning its exit code; stdout/stderr go to the files given.
int RunKapi(const std::vector<std::string>& args, const std::string& stdin_file = "",
            const std::string& stdout_file = "/dev/null", const std::string& stderr_file = "");

class ServerProcess {
 public:
  // Starts `kapi serve --data-dir dir --listen 127.0.0.1:0` plus `extra_args`, waiting until it
  // listens. Aborts the test (ADD_FAILURE) when it does not start within 20 s.
  ServerProcess(std::string data_dir, std::vector<std::string> extra_args = {});
  ~ServerProcess();  // SIGKILL if still running

  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  bool started() const { return port_ > 0; }
  // Sends `sig` and waits for the process; returns its exit status (or -1).
  int StopWith(int sig);
  const std::string& log_path() const { return log_path_; }

 private:
  std::string data_dir_;
  std::string log_path_;
  pid_t pid_ = -1;
  int port_ = 0;
};

struct HttpResult {
  int status = 0;                              // 0: connection failed
  std::map<std::string, std::string> headers;  // lower-cased names
  std::string body;
};

// One blocking request on a fresh connection.
HttpResult HttpRequest(int port, const std::string& method, const std::string& target,
                       const std::string& body = "",
                       const std::map<std::string, std::string>& headers = {});

// A keep-alive connection for several requests.
class HttpConnection {
 public:
  explicit HttpConnection(int port);
  ~HttpConnection();
  HttpResult Send(const std::string& method, const std::string& target, const std::string& body,
                  const std::map<std::string, std::string>& headers = {});
  // Writes raw bytes and reads one response (for malformed HTTP tests).
  HttpResult SendRaw(const std::string& bytes);

 private:
  struct Impl;
  Impl* impl_;
};

// A unique temp directory removed on destruction.
class TempDataDir {
 public:
  TempDataDir();
  ~TempDataDir();
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace kapi::testing
