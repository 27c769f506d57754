#pragma once
// Secret key files under the data directory. A key file holds raw key bytes, is created with mode
// 0600 (owner read/write only) on first use, and is refused when its size is wrong or when group
// or others can read it.

#include <cstddef>
#include <string>

#include "base/status.h"

namespace kapi::privacy {

// Loads the key at `path`, or creates it with `size` random bytes when it does not exist (parent
// directories are created with mode 0700).
Result<std::string> LoadOrCreateKey(const std::string& path, size_t size);

}  // namespace kapi::privacy
