#pragma once
// The `kapi` command is one CLI11 app with a subcommand per capability. Each subcommand lives in
// its own <name>_command.cc and is registered in main.cc through an Add<Name>Command function.
// Contract for every subcommand: it takes --data-dir (default ./var), reads JSONL on stdin and
// writes JSONL on stdout where it processes records, reports errors on stderr, and returns the
// process exit code from its callback via SetExitCode.

#include <string>

#include <CLI/CLI.hpp>

namespace kapi::cli {

// Adds the shared --data-dir option (default "./var", env KAPI_DATA_DIR) to `sub`.
void AddDataDirOption(CLI::App* sub, std::string* data_dir);

// The exit code main() returns after the chosen subcommand ran.
void SetExitCode(int code);
int ExitCode();

void AddServeCommand(CLI::App& app);
void AddInitCommand(CLI::App& app);
void AddImportCommand(CLI::App& app);
void AddBackupCommand(CLI::App& app);
void AddAuditCommand(CLI::App& app);   // cli/audit_command.cc
void AddTriageCommand(CLI::App& app);  // cli/triage_command.cc
void AddTrainCommand(CLI::App& app);   // cli/train_command.cc
void AddEvalCommand(CLI::App& app);    // cli/eval_command.cc
void AddPiiCommand(CLI::App& app);     // cli/pii_command.cc
void AddCheckCommand(CLI::App& app);   // policy/ (kapi check)

}  // namespace kapi::cli
