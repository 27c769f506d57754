#include "privacy/key_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include <sodium.h>

#include "base/random.h"

namespace kapi::privacy {
namespace {

Result<std::string> ReadKey(const std::string& path, size_t size) {
  struct stat st {};
  if (stat(path.c_str(), &st) != 0) return NotFound("no key file " + path);
  if ((st.st_mode & 077) != 0) {
    return Status(StatusCode::kPermissionDenied,
                  "key file " + path + " is readable by group or others; run chmod 600 on it");
  }
  if (static_cast<size_t>(st.st_size) != size) {
    return Status(StatusCode::kDataLoss, "key file " + path + " has " + std::to_string(st.st_size) +
                                             " bytes, expected " + std::to_string(size));
  }
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Unavailable("cannot open key file " + path + ": " + std::strerror(errno));
  std::string key(size, '\0');
  ssize_t n = read(fd, key.data(), size);
  close(fd);
  if (n != static_cast<ssize_t>(size)) return Unavailable("cannot read key file " + path);
  return key;
}

}  // namespace

Result<std::string> LoadOrCreateKey(const std::string& path, size_t size) {
  if (!InitCrypto()) return Internal("libsodium failed to initialize");
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) return ReadKey(path, size);
  std::filesystem::path parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) {
    std::filesystem::create_directories(parent, ec);
    if (ec) return Unavailable("cannot create " + parent.string() + ": " + ec.message());
    chmod(parent.c_str(), 0700);
  }
  std::string key(size, '\0');
  randombytes_buf(key.data(), size);
  // O_EXCL: if another process created it first, read theirs instead of overwriting.
  int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) return ReadKey(path, size);
    return Unavailable("cannot create key file " + path + ": " + std::strerror(errno));
  }
  bool ok = write(fd, key.data(), size) == static_cast<ssize_t>(size) && fsync(fd) == 0;
  close(fd);
  sodium_memzero(key.data(), 0);
  if (!ok) return Unavailable("cannot write key file " + path);
  return key;
}

}  // namespace kapi::privacy
