// Boost 1.74's Asio needs <utility> before it with GCC 12 in C++20 mode.
#include <utility>

#include "http/server.h"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <future>
#include <thread>
#include <vector>

#include "base/log.h"
#include "base/random.h"

namespace kapi::http {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = boost::asio::ip::tcp;

struct Server::Impl {
  ServerOptions options;
  std::shared_ptr<const Router> router;
  net::io_context ioc;
  std::unique_ptr<tcp::acceptor> acceptor;
  std::vector<std::thread> threads;
  std::atomic<bool> draining{false};
  std::atomic<int64_t> in_flight{0};
  std::atomic<bool> stopped{false};
  std::atomic<uint64_t> request_counter{0};
  uint64_t id_prefix = 0;
  uint16_t bound_port = 0;

  void Accept();
  std::string NextRequestId() {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%08llx-%llu", static_cast<unsigned long long>(id_prefix),
                  static_cast<unsigned long long>(request_counter.fetch_add(1)));
    return buf;
  }
};

namespace {

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, Server::Impl* server)
      : stream_(std::move(socket)), timer_(stream_.get_executor()), server_(server) {}

  void Start() {
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->Read(); });
  }

 private:
  void Read() {
    parser_.emplace();
    parser_->body_limit(server_->options.max_body_bytes);
    parser_->header_limit(static_cast<uint32_t>(server_->options.max_header_bytes));
    stream_.expires_after(server_->options.read_timeout);
    bhttp::async_read(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, size_t) { self->OnRead(ec); });
  }

  void OnRead(beast::error_code ec) {
    if (ec == bhttp::error::end_of_stream || ec == net::error::eof || ec == beast::error::timeout ||
        ec == net::error::operation_aborted || ec == net::error::connection_reset) {
      Close();
      return;
    }
    if (ec == bhttp::error::body_limit) {
      WriteFinal(Response::Error(413, "body_too_large",
                                 "istek gövdesi en fazla " +
                                     std::to_string(server_->options.max_body_bytes) +
                                     " bayt olabilir (request body too large)"));
      return;
    }
    if (ec == bhttp::error::header_limit) {
      WriteFinal(Response::Error(431, "headers_too_large",
                                 "istek başlıkları çok büyük (request headers too large)"));
      return;
    }
    if (ec) {
      WriteFinal(
          Response::Error(400, "bad_request", "HTTP isteği okunamadı (malformed HTTP request)"));
      return;
    }
    stream_.expires_never();
    Dispatch(parser_->release());
  }

  void Dispatch(bhttp::request<bhttp::string_body> msg) {
    server_->in_flight.fetch_add(1);
    started_ = std::chrono::steady_clock::now();
    keep_alive_ = msg.keep_alive();
    version_ = msg.version();

    auto req = std::make_shared<Request>();
    req->method = std::string(msg.method_string());
    std::string_view target(msg.target().data(), msg.target().size());
    size_t q = target.find('?');
    req->path = std::string(target.substr(0, q));
    req->request_id = server_->NextRequestId();
    for (const auto& field : msg) {
      std::string name(field.name_string());
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      req->headers[name] = std::string(field.value());
    }
    req->body = std::move(msg.body());
    request_id_ = req->request_id;

    responded_ = std::make_shared<std::atomic<bool>>(false);
    if (q != std::string_view::npos && !ParseQuery(target.substr(q + 1), &req->query)) {
      Finish(Response::Error(400, "bad_query",
                             "sorgu dizesi geçerli değil (invalid query string encoding)"));
      return;
    }
    Router::Match match = server_->router->Find(req->method, req->path);
    route_ = match.pattern.empty() ? "-" : match.pattern;
    if (match.bad_encoding) {
      Finish(Response::Error(400, "bad_path", "adres geçerli değil (invalid path encoding)"));
      return;
    }
    if (!match.handler) {
      if (!match.allowed_methods.empty()) {
        Response r =
            Response::Error(405, "method_not_allowed",
                            "bu adres için izin verilen yöntemler: " + match.allowed_methods +
                                " (method not allowed)");
        r.headers.emplace_back("Allow", match.allowed_methods);
        Finish(std::move(r));
      } else {
        Finish(Response::Error(404, "not_found", "böyle bir adres yok (no such path)"));
      }
      return;
    }
    req->params = std::move(match.params);
    req->route = match.pattern;

    // The handler must answer within handler_timeout; otherwise the client gets a 503 and the
    // connection is closed (a late answer is dropped). Durable writes stay durable either way;
    // clients retry with their idempotency key.
    timer_.expires_after(server_->options.handler_timeout);
    timer_.async_wait([self = shared_from_this(), flag = responded_](beast::error_code ec) {
      if (ec) return;
      if (!flag->exchange(true)) {
        self->keep_alive_ = false;
        self->Write(Response::Error(503, "timeout",
                                    "istek zamanında yanıtlanamadı; lütfen tekrar deneyin "
                                    "(request timed out)"));
      }
    });
    Respond respond = [self = shared_from_this(), flag = responded_](Response r) {
      if (flag->exchange(true)) return;
      net::post(self->stream_.get_executor(),
                [self, r = std::move(r)]() mutable { self->Write(std::move(r)); });
    };
    try {
      (*match.handler)(*req, std::move(respond));
    } catch (const std::exception& e) {
      log::Error("handler_exception", {{"route", route_}, {"request_id", request_id_}});
      if (!responded_->exchange(true)) {
        Write(Response::Error(500, "internal", "beklenmeyen bir hata oluştu (internal error)"));
      }
    }
  }

  // Responds on the session's own executor without going through a handler.
  void Finish(Response r) {
    responded_->store(true);
    Write(std::move(r));
  }

  // Answers a request that could not be read, then closes.
  void WriteFinal(Response r) {
    server_->in_flight.fetch_add(1);
    started_ = std::chrono::steady_clock::now();
    keep_alive_ = false;
    version_ = 11;
    route_ = "-";
    request_id_ = server_->NextRequestId();
    Write(std::move(r));
  }

  void Write(Response r) {
    timer_.cancel();
    const bool keep = keep_alive_ && !server_->draining.load();
    auto res = std::make_shared<bhttp::response<bhttp::string_body>>(
        static_cast<bhttp::status>(r.status), version_);
    res->set(bhttp::field::server, "kapi");
    res->set(bhttp::field::content_type, r.content_type);
    res->set("X-Request-Id", request_id_);
    res->set("X-Content-Type-Options", "nosniff");
    res->set("Referrer-Policy", "no-referrer");
    res->set("X-Frame-Options", "DENY");
    bool has_cache_control = false;
    for (auto& [k, v] : r.headers) {
      has_cache_control = has_cache_control || k == "Cache-Control";
      res->set(k, v);
    }
    if (!has_cache_control) res->set(bhttp::field::cache_control, "no-store");
    res->body() = std::move(r.body);
    res->keep_alive(keep);
    res->prepare_payload();
    status_ = r.status;
    stream_.expires_after(server_->options.write_timeout);
    bhttp::async_write(stream_, *res,
                       [self = shared_from_this(), res, keep](beast::error_code ec, size_t) {
                         self->OnWrite(ec, keep);
                       });
  }

  void OnWrite(beast::error_code ec, bool keep) {
    if (server_->options.access_log) {
      auto us = std::chrono::duration_cast<std::chrono::microseconds>(
                    std::chrono::steady_clock::now() - started_)
                    .count();
      log::Info("http_request",
                {{"route", route_}, {"status", status_}, {"us", us}, {"request_id", request_id_}});
    }
    server_->in_flight.fetch_sub(1);
    if (ec || !keep) {
      Close();
      return;
    }
    Read();
  }

  void Close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.close();
  }

  beast::tcp_stream stream_;
  net::steady_timer timer_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  Server::Impl* server_;
  std::shared_ptr<std::atomic<bool>> responded_ = std::make_shared<std::atomic<bool>>(false);
  std::chrono::steady_clock::time_point started_;
  bool keep_alive_ = false;
  unsigned version_ = 11;
  int status_ = 0;
  std::string route_ = "-";
  std::string request_id_;
};

}  // namespace

void Server::Impl::Accept() {
  acceptor->async_accept(net::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
    if (ec) {
      if (ec == net::error::operation_aborted || !acceptor->is_open()) return;
      log::Warn("accept_failed", {{"error", ec.message()}});
    } else {
      beast::error_code ignored;
      socket.set_option(tcp::no_delay(true), ignored);
      std::make_shared<Session>(std::move(socket), this)->Start();
    }
    if (!draining.load()) Accept();
  });
}

Server::Server(ServerOptions options, std::shared_ptr<const Router> router)
    : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  impl_->router = std::move(router);
}

Server::~Server() {
  Shutdown(std::chrono::milliseconds(0));
  Wait();
}

Status Server::Start() {
  beast::error_code ec;
  auto address = net::ip::make_address(impl_->options.host, ec);
  if (ec) return InvalidArgument("invalid listen address " + impl_->options.host, "listen");
  tcp::endpoint endpoint(address, impl_->options.port);
  impl_->acceptor = std::make_unique<tcp::acceptor>(impl_->ioc);
  impl_->acceptor->open(endpoint.protocol(), ec);
  if (!ec) impl_->acceptor->set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) impl_->acceptor->bind(endpoint, ec);
  if (!ec) impl_->acceptor->listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    return Unavailable("cannot listen on " + impl_->options.host + ":" +
                       std::to_string(impl_->options.port) + ": " + ec.message());
  }
  impl_->bound_port = impl_->acceptor->local_endpoint().port();
  impl_->id_prefix = static_cast<uint64_t>(
      std::chrono::steady_clock::now().time_since_epoch().count() & 0xffffffff);
  impl_->Accept();
  const int n = std::max(1, impl_->options.threads);
  for (int i = 0; i < n; ++i) {
    impl_->threads.emplace_back([this] { impl_->ioc.run(); });
  }
  return Status::Ok();
}

uint16_t Server::port() const { return impl_->bound_port; }
bool Server::draining() const { return impl_->draining.load(); }

void Server::Shutdown(std::chrono::milliseconds grace) {
  if (impl_->stopped.exchange(true)) return;
  impl_->draining.store(true);
  if (impl_->acceptor) {
    std::promise<void> closed;
    net::post(impl_->ioc, [this, &closed] {
      beast::error_code ignored;
      impl_->acceptor->close(ignored);
      closed.set_value();
    });
    if (!impl_->threads.empty()) closed.get_future().wait_for(std::chrono::seconds(2));
  }
  auto deadline = std::chrono::steady_clock::now() + grace;
  while (impl_->in_flight.load() > 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  if (impl_->in_flight.load() > 0) {
    log::Warn("shutdown_abandoned_requests", {{"in_flight", impl_->in_flight.load()}});
  }
  impl_->ioc.stop();
}

void Server::Wait() {
  for (auto& t : impl_->threads) {
    if (t.joinable()) t.join();
  }
  impl_->threads.clear();
}

}  // namespace kapi::http
