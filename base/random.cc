#include "base/random.h"

#include <mutex>

#include <sodium.h>

namespace kapi {

uint32_t Random::Uniform(uint32_t upper) {
  // Rejection sampling to avoid modulo bias.
  const uint32_t limit = UINT32_MAX - (UINT32_MAX % upper);
  while (true) {
    uint32_t v;
    Fill(reinterpret_cast<uint8_t*>(&v), sizeof v);
    if (v < limit) return v % upper;
  }
}

std::string Random::Token(size_t n, std::string_view alphabet) {
  std::string out;
  out.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    out.push_back(alphabet[Uniform(static_cast<uint32_t>(alphabet.size()))]);
  }
  return out;
}

namespace {

class SecureRandom final : public Random {
 public:
  void Fill(uint8_t* out, size_t n) override { randombytes_buf(out, n); }
};

class SeededRandom final : public Random {
 public:
  explicit SeededRandom(uint64_t seed) : state_(seed) {}
  void Fill(uint8_t* out, size_t n) override {
    std::lock_guard lock(mu_);
    for (size_t i = 0; i < n; ++i) {
      if (i % 8 == 0) word_ = Next();
      out[i] = static_cast<uint8_t>(word_ >> (8 * (i % 8)));
    }
  }

 private:
  uint64_t Next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  std::mutex mu_;
  uint64_t state_;
  uint64_t word_ = 0;
};

}  // namespace

std::unique_ptr<Random> MakeSecureRandom() { return std::make_unique<SecureRandom>(); }
std::unique_ptr<Random> MakeSeededRandom(uint64_t seed) {
  return std::make_unique<SeededRandom>(seed);
}

bool InitCrypto() {
  static const bool ok = sodium_init() >= 0;
  return ok;
}

}  // namespace kapi
