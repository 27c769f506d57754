#include "cli/command.h"

namespace kapi::cli {
namespace {
int g_exit_code = 0;
}

void AddDataDirOption(CLI::App* sub, std::string* data_dir) {
  *data_dir = "./var";
  sub->add_option("--data-dir", *data_dir,
                  "Directory for the database, keys and configuration (default ./var)")
      ->envname("KAPI_DATA_DIR");
}

void SetExitCode(int code) { g_exit_code = code; }
int ExitCode() { return g_exit_code; }

}  // namespace kapi::cli
