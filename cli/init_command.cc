// `kapi init`: prepares a data directory (database with migrations, keys) and, with --demo, the
// demo institution. Prints demo credentials and keeps them in <data-dir>/demo-credentials.txt
// (mode 0600) so the run script can show them again.

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <sstream>

#include "cli/app_services.h"
#include "cli/command.h"
#include "cli/demo_institution.h"
#include "cli/serve_config.h"

namespace kapi::cli {
namespace {

struct InitOptions {
  std::string data_dir;
  std::string database_url;
  bool demo = false;
  bool reset_passwords = false;
};

Status WriteOwnerOnly(const std::string& path, const std::string& content) {
  int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return Unavailable("cannot write " + path);
  fchmod(fd, 0600);
  bool ok = write(fd, content.data(), content.size()) == static_cast<ssize_t>(content.size());
  close(fd);
  return ok ? Status::Ok() : Unavailable("cannot write " + path);
}

int RunInit(const InitOptions& o) {
  auto app = OpenAppServices(o.data_dir, {.engines = false, .database_url = o.database_url});
  if (!app.ok()) {
    std::cerr << "kapi init: " << app.status().ToString() << "\n";
    return 1;
  }
  std::cout << "Veri dizini hazır (data directory ready): " << o.data_dir << "\n";
  if (!o.demo) return 0;
  auto accounts = SeedDemoInstitution(*app->store, o.reset_passwords);
  if (!accounts.ok()) {
    std::cerr << "kapi init: " << accounts.status().ToString() << "\n";
    return 1;
  }
  app->Close();
  const std::string cred_path =
      (std::filesystem::path(o.data_dir) / "demo-credentials.txt").string();
  if (accounts->empty()) {
    std::cout << "Demo kurum zaten kurulu (demo institution already present); hesaplar: "
              << cred_path << "\n";
    return 0;
  }
  std::ostringstream out;
  out << "Demo personel hesapları (demo staff accounts) — yalnızca deneme içindir\n";
  out << "kullanıcı adı (username)   rol (role)      birim (unit)   parola (password)\n";
  for (const auto& a : *accounts) {
    char line[200];
    std::snprintf(line, sizeof line, "%-26s %-15s %-14s %s\n", a.username.c_str(), a.role.c_str(),
                  a.unit_code.c_str(), a.password.c_str());
    out << line;
  }
  std::cout << out.str();
  Status s = WriteOwnerOnly(cred_path, out.str());
  if (!s.ok()) {
    std::cerr << "kapi init: " << s.ToString() << "\n";
    return 1;
  }
  return 0;
}

}  // namespace

void AddInitCommand(CLI::App& app) {
  auto o = std::make_shared<InitOptions>();
  CLI::App* sub = app.add_subcommand(
      "init", "Veri dizinini hazırla, isteğe bağlı demo kurum (prepare the data directory)");
  AddDataDirOption(sub, &o->data_dir);
  AddDatabaseUrlOption(sub, &o->database_url);
  sub->add_flag("--demo", o->demo, "Create the demo institution and staff accounts");
  sub->add_flag("--reset-passwords", o->reset_passwords, "Give demo accounts new passwords");
  sub->callback([o] { SetExitCode(RunInit(*o)); });
}

}  // namespace kapi::cli
