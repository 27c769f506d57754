#pragma once
// Test helpers shared by store tests: temp directories and NewRequest builders. Test identities
// here are generated, never real.

#include <filesystem>
#include <string>

#include "cases/model.h"

namespace kapi::store::testing {

// A fresh directory under the system temp dir, removed when the object dies.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// A request with a unique tracking code and the given masked text.
cases::NewRequest MakeRequest(const std::string& text, int64_t received_at_ms = 1'700'000'000'000);

}  // namespace kapi::store::testing
