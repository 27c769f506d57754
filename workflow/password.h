#pragma once
// Password hashing with Argon2id (libsodium crypto_pwhash_str, interactive limits: ~64 MiB,
// 2 passes). The stored string carries its own parameters and salt.

#include <string>

#include "base/status.h"

namespace kapi::workflow {

Result<std::string> HashPassword(const std::string& password);
// False for a wrong password or a malformed hash. Takes the same time either way.
bool VerifyPassword(const std::string& hash, const std::string& password);

}  // namespace kapi::workflow
