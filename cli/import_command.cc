// `kapi import`: bulk intake of JSONL rows ({"text","channel",...} as in the API) through the
// same pipeline as POST /api/v1/requests. Up to --parallel rows are in flight at once so group
// commit can batch them. A bad row is reported on stderr by line number and the rest continue.
// stdout gets one summary object; --receipts FILE gets {"line","tracking_code","secret"} per row.

#include <condition_variable>
#include <fstream>
#include <iostream>
#include <mutex>

#include <nlohmann/json.hpp>

#include "cli/app_services.h"
#include "cli/command.h"
#include "cli/serve_config.h"

namespace kapi::cli {
namespace {

struct ImportOptions {
  std::string data_dir;
  std::string database_url;
  std::string receipts;
  int parallel = 256;
  int64_t max_text_chars = 10'000;
};

int RunImport(const ImportOptions& o) {
  auto app = OpenAppServices(o.data_dir, {.engines = true, .database_url = o.database_url});
  if (!app.ok()) {
    std::cerr << "kapi import: " << app.status().ToString() << "\n";
    return 1;
  }
  std::ofstream receipts;
  if (!o.receipts.empty()) {
    receipts.open(o.receipts);
    if (!receipts) {
      std::cerr << "kapi import: cannot write " << o.receipts << "\n";
      return 1;
    }
  }
  intake::IntakeLimits limits;
  limits.max_text_chars = static_cast<size_t>(o.max_text_chars);

  std::mutex mu;
  std::condition_variable cv;
  int in_flight = 0;
  int64_t accepted = 0, replayed = 0, rejected = 0, failed = 0, lines = 0;
  auto report = [&](int64_t line, const Status& s) {
    std::cerr << "line " << line << ": " << (s.reason().empty() ? "error" : s.reason()) << ": "
              << s.message() << (s.field().empty() ? "" : " (field: " + s.field() + ")") << "\n";
  };

  std::string text;
  while (std::getline(std::cin, text)) {
    ++lines;
    if (text.find_first_not_of(" \t\r") == std::string::npos) continue;
    auto input = intake::ParseIntakeJson(text, limits);
    if (!input.ok()) {
      std::lock_guard l(mu);
      ++rejected;
      report(lines, input.status());
      continue;
    }
    {
      std::unique_lock l(mu);
      cv.wait(l, [&] { return in_flight < o.parallel; });
      ++in_flight;
    }
    const int64_t line = lines;
    app->intake->Submit(std::move(*input), [&, line](Result<intake::IntakeOutcome> r) {
      std::lock_guard l(mu);
      if (!r.ok()) {
        if (r.status().code() == StatusCode::kConflict) {
          ++rejected;
        } else {
          ++failed;
        }
        report(line, r.status());
      } else {
        (r->replayed ? replayed : accepted) += 1;
        if (receipts.is_open()) {
          receipts << nlohmann::json{{"line", line},
                                     {"tracking_code", r->tracking_code},
                                     {"secret", r->secret}}
                          .dump()
                   << "\n";
        }
      }
      --in_flight;
      cv.notify_all();
    });
  }
  {
    std::unique_lock l(mu);
    cv.wait(l, [&] { return in_flight == 0; });
  }
  app->Close();
  std::cout << nlohmann::json{{"lines", lines},
                              {"accepted", accepted},
                              {"replayed", replayed},
                              {"rejected", rejected},
                              {"failed", failed}}
                   .dump()
            << "\n";
  return failed > 0 ? 1 : 0;
}

}  // namespace

void AddImportCommand(CLI::App& app) {
  auto o = std::make_shared<ImportOptions>();
  CLI::App* sub = app.add_subcommand(
      "import", "JSONL başvuruları içe aktar (bulk intake of JSONL requests from stdin)");
  AddDataDirOption(sub, &o->data_dir);
  AddDatabaseUrlOption(sub, &o->database_url);
  sub->add_option("--receipts", o->receipts, "Write tracking codes and secrets here (JSONL)");
  sub->add_option("--parallel", o->parallel, "Rows in flight at once")->check(CLI::Range(1, 4096));
  sub->add_option("--max-text-chars", o->max_text_chars, "Longest accepted text")
      ->envname("KAPI_MAX_TEXT_CHARS");
  sub->callback([o] { SetExitCode(RunImport(*o)); });
}

}  // namespace kapi::cli
