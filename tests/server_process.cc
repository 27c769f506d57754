#include <utility>

#include "tests/server_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

#include <gtest/gtest.h>

namespace kapi::testing {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;

std::string KapiBinary() {
  const char* dir = std::getenv("KAPI_BINARY_DIR");
  return std::string(dir ? dir : ".") + "/kapi";
}

namespace {

pid_t Spawn(const std::vector<std::string>& args, const std::string& in, const std::string& out,
            const std::string& err) {
  pid_t pid = fork();
  if (pid != 0) return pid;
  auto redirect = [](const std::string& path, int fd, int flags) {
    if (path.empty()) return;
    int f = open(path.c_str(), flags, 0600);
    if (f >= 0) {
      dup2(f, fd);
      close(f);
    }
  };
  redirect(in, 0, O_RDONLY);
  redirect(out, 1, O_WRONLY | O_CREAT | O_TRUNC);
  redirect(err, 2, O_WRONLY | O_CREAT | O_TRUNC);
  std::vector<char*> argv;
  std::string bin = KapiBinary();
  argv.push_back(bin.data());
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  execv(bin.c_str(), argv.data());
  _exit(127);
}

}  // namespace

int RunKapi(const std::vector<std::string>& args, const std::string& stdin_file,
            const std::string& stdout_file, const std::string& stderr_file) {
  pid_t pid = Spawn(args, stdin_file, stdout_file, stderr_file);
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

ServerProcess::ServerProcess(std::string data_dir, std::vector<std::string> extra_args)
    : data_dir_(std::move(data_dir)) {
  std::string port_file = data_dir_ + "/port";
  log_path_ = data_dir_ + "/server.log";
  std::filesystem::create_directories(data_dir_);
  std::filesystem::remove(port_file);
  std::vector<std::string> args = {"serve",       "--data-dir",  data_dir_, "--listen",
                                   "127.0.0.1:0", "--port-file", port_file};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  pid_ = Spawn(args, "", "", log_path_);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < deadline) {
    std::ifstream f(port_file);
    int p = 0;
    if (f >> p && p > 0) {
      port_ = p;
      return;
    }
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ADD_FAILURE() << "kapi serve did not start; log: " << log_path_;
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) StopWith(SIGKILL);
}

int ServerProcess::StopWith(int sig) {
  if (pid_ <= 0) return -1;
  kill(pid_, sig);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

struct HttpConnection::Impl {
  net::io_context ioc;
  beast::tcp_stream stream{ioc};
  beast::flat_buffer buffer;
  bool connected = false;
};

HttpConnection::HttpConnection(int port) : impl_(new Impl) {
  beast::error_code ec;
  impl_->stream.connect(
      tcp::endpoint(net::ip::make_address("127.0.0.1"), static_cast<uint16_t>(port)), ec);
  impl_->connected = !ec;
}

HttpConnection::~HttpConnection() {
  beast::error_code ec;
  impl_->stream.socket().shutdown(tcp::socket::shutdown_both, ec);
  delete impl_;
}

namespace {
HttpResult ReadResponse(beast::tcp_stream& stream, beast::flat_buffer& buffer) {
  HttpResult out;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(64 << 20);
  beast::error_code ec;
  stream.expires_after(std::chrono::seconds(30));
  bhttp::read(stream, buffer, parser, ec);
  if (ec) return out;
  auto& res = parser.get();
  out.status = static_cast<int>(res.result_int());
  for (const auto& f : res) {
    std::string name(f.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out.headers[name] = std::string(f.value());
  }
  out.body = res.body();
  return out;
}
}  // namespace

HttpResult HttpConnection::Send(const std::string& method, const std::string& target,
                                const std::string& body,
                                const std::map<std::string, std::string>& headers) {
  if (!impl_->connected) return {};
  bhttp::request<bhttp::string_body> req{bhttp::string_to_verb(method), target, 11};
  req.set(bhttp::field::host, "127.0.0.1");
  req.keep_alive(true);
  for (const auto& [k, v] : headers) req.set(k, v);
  if (!body.empty() || method == "POST") {
    req.body() = body;
    req.prepare_payload();
  }
  beast::error_code ec;
  impl_->stream.expires_after(std::chrono::seconds(30));
  bhttp::write(impl_->stream, req, ec);
  if (ec) return {};
  return ReadResponse(impl_->stream, impl_->buffer);
}

HttpResult HttpConnection::SendRaw(const std::string& bytes) {
  if (!impl_->connected) return {};
  beast::error_code ec;
  net::write(impl_->stream.socket(), net::buffer(bytes), ec);
  if (ec) return {};
  return ReadResponse(impl_->stream, impl_->buffer);
}

HttpResult HttpRequest(int port, const std::string& method, const std::string& target,
                       const std::string& body, const std::map<std::string, std::string>& headers) {
  HttpConnection c(port);
  return c.Send(method, target, body, headers);
}

TempDataDir::TempDataDir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "kapi-it-XXXXXX").string();
  char* made = mkdtemp(tmpl.data());
  path_ = made ? made : "/tmp/kapi-it-fallback";
}

TempDataDir::~TempDataDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

}  // namespace kapi::testing
