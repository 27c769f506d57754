#pragma once
// The logic of `kapi audit ...` (cli/audit_command.cc is only the CLI11 glue): functions that
// take options and streams and return the process exit code, so they are tested here.
//
// Exit codes: 0 success; 1 the ledger failed verification (the output names the first bad
// sequence number); 2 the command could not run (bad arguments, no database, no key).

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace kapi::store {

struct AuditCommandOptions {
  std::string data_dir = "./var";
  std::string db_path;  // default <data_dir>/ledger.db
  // postgres:// or postgresql://: the ledger shared by the nodes on that database (db_path is
  // then unused; the key files still come from the data directory or the flags).
  std::string database_url;
  std::string signing_key_path;  // default <data_dir>/keys/ledger-ed25519.key
  std::string payload_key_path;  // default <data_dir>/keys/ledger-payload.key
  // Empty: taken from the verifier key, else from the stored signed head.
  std::string origin;
  // Verify signatures with this key only (an outside auditor's copy), not the key file.
  std::string verifier_key;
  std::vector<std::string> trusted_checkpoint_files;  // signed notes kept outside
  bool json = false;
};

// Recomputes the tree from the stored rows and checks it against every checkpoint.
int RunAuditVerify(const AuditCommandOptions& options, std::ostream& out, std::ostream& err);
// Prints the inclusion proof bundle (JSON) of `event` (a sequence number) and its checkpoint.
int RunAuditProve(const AuditCommandOptions& options, const std::string& event, uint64_t tree_size,
                  std::ostream& out, std::ostream& err);
// Signs and records a checkpoint now and prints its signed note (to hand to a witness).
int RunAuditCheckpoint(const AuditCommandOptions& options, std::ostream& out, std::ostream& err);
// Prints the verifier key an outside auditor needs.
int RunAuditVerifierKey(const AuditCommandOptions& options, std::ostream& out, std::ostream& err);

}  // namespace kapi::store
