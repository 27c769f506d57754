#include "store/store_test_util.h"

#include <unistd.h>
#include <atomic>
#include <cstdlib>

namespace kapi::store::testing {

TempDir::TempDir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "kapi-test-XXXXXX").string();
  char* made = mkdtemp(tmpl.data());
  path_ = made ? std::filesystem::path(made) : std::filesystem::temp_directory_path();
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

cases::NewRequest MakeRequest(const std::string& text, int64_t received_at_ms) {
  static std::atomic<int> counter{0};
  int n = counter.fetch_add(1);
  cases::NewRequest r;
  r.tracking_code = "KP-TEST-" + std::to_string(getpid()) + "-" + std::to_string(n);
  r.secret_hash = "hash-" + std::to_string(n);
  r.secret_sealed = "sealed-secret-" + std::to_string(n);
  r.channel = cases::Channel::kWeb;
  r.text_masked = text;
  r.text_sealed = "sealed:" + text;
  r.body_hash = "body-" + std::to_string(n);
  r.received_at_ms = received_at_ms;
  r.due_at_ms = received_at_ms + 30LL * 86'400'000;
  return r;
}

}  // namespace kapi::store::testing
