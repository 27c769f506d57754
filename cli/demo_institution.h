#pragma once
// The demo institution that `kapi init --demo` creates: an illustrative metropolitan
// municipality with units matching the shared municipal complaint labels, topics with legal SLA
// defaults, and one staff account per role. Passwords are random and printed once; a credentials
// file (mode 0600) in the data directory keeps them for the run script.

#include <string>
#include <vector>

#include "base/status.h"
#include "store/store.h"

namespace kapi::cli {

struct DemoAccount {
  std::string username;
  std::string password;
  std::string role;
  std::string unit_code;
};

// Creates units, topics and accounts (idempotent for units and topics; existing accounts keep
// their passwords unless `reset_passwords`). Returns the accounts whose passwords were set now.
Result<std::vector<DemoAccount>> SeedDemoInstitution(store::Store& store, bool reset_passwords);

}  // namespace kapi::cli
