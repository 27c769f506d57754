// `kapi serve`: the HTTP server. SIGTERM/SIGINT start a graceful shutdown: the listener closes,
// /readyz turns 503, in-flight requests finish (up to the grace period), queued writes commit,
// and the database closes cleanly.

#include <signal.h>

#include <filesystem>
#include <fstream>

#include "base/log.h"
#include "cli/app_services.h"
#include "cli/command.h"
#include "cli/serve_config.h"
#include "http/api.h"
#include "http/server.h"
#include "http/work_pool.h"
#include "web/pages.h"

namespace kapi::cli {
namespace {

int RunServe(CLI::App* sub, ServeConfig& config) {
  // Block the stop signals before any thread starts, so only sigwait below receives them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  Status s = ApplyConfigFile(sub, &config);
  std::string host;
  uint16_t port = 0;
  if (s.ok()) s = ParseListen(config.listen, &host, &port);
  if (!s.ok()) {
    log::Error("config_invalid", {{"error", s.message()}});
    return 2;
  }
  auto app =
      OpenAppServices(config.data_dir, {.engines = true, .database_url = config.database_url});
  if (!app.ok()) {
    log::Error("startup_failed", {{"error", app.status().ToString()}});
    return 1;
  }
  auto work = std::make_unique<http::WorkPool>(config.work_threads);
  http::ServerOptions options;
  options.host = host;
  options.port = port;
  options.threads = config.io_threads;
  options.max_body_bytes = static_cast<size_t>(config.max_body_bytes);
  options.handler_timeout = std::chrono::milliseconds(config.request_timeout_ms);
  options.access_log = config.access_log;

  http::ApiContext ctx;
  ctx.store = app->store.get();
  ctx.intake = app->intake.get();
  ctx.limits.max_text_chars = static_cast<size_t>(config.max_text_chars);
  ctx.clock = app->clock.get();
  ctx.work = work.get();
  ctx.cases = app->cases.get();
  ctx.auth = app->auth.get();
  ctx.cookie_secure = config.cookie_secure;
  ctx.sla = app->sla.get();
  ctx.ledger = app->ledger.get();

  auto router = std::make_shared<http::Router>();
  http::RegisterHealthRoutes(*router, &ctx);
  http::RegisterIntakeRoutes(*router, &ctx);
  http::RegisterOpen311Routes(*router, &ctx);
  http::RegisterStaffRoutes(*router, &ctx);
  web::RegisterCitizenPages(*router, &ctx);
  web::RegisterStaffPages(*router, &ctx);
  web::RegisterStaticAssets(*router);

  http::Server server(options, router);
  ctx.draining = [&server] { return server.draining(); };
  s = server.Start();
  if (!s.ok()) {
    log::Error("listen_failed", {{"error", s.message()}});
    return 1;
  }
  if (!config.port_file.empty()) {
    std::ofstream(config.port_file) << server.port() << "\n";
  }
  log::Info("listening", {{"host", host},
                          {"port", server.port()},
                          {"database", config.database_url.empty() ? "sqlite" : "postgresql"},
                          {"cookie_secure", config.cookie_secure}});

  int sig = 0;
  sigwait(&stop_signals, &sig);
  log::Info("shutdown_started", {{"signal", sig}});
  server.Shutdown(std::chrono::milliseconds(config.shutdown_grace_ms));
  server.Wait();
  work.reset();  // finish blocking staff work
  app->Close();
  log::Info("shutdown_complete");
  return 0;
}

}  // namespace

void AddServeCommand(CLI::App& app) {
  auto config = std::make_shared<ServeConfig>();
  CLI::App* sub = app.add_subcommand("serve", "HTTP sunucusunu başlat (start the HTTP server)");
  AddServeOptions(sub, config.get());
  sub->callback([sub, config] { SetExitCode(RunServe(sub, *config)); });
}

}  // namespace kapi::cli
