#pragma once
// Randomness seam: production draws from libsodium's CSPRNG; tests may inject a deterministic
// source. Thread-safe.

#include <cstdint>
#include <memory>
#include <string>

namespace kapi {

class Random {
 public:
  virtual ~Random() = default;
  virtual void Fill(uint8_t* out, size_t n) = 0;
  // Uniform integer in [0, upper). upper > 0.
  uint32_t Uniform(uint32_t upper);
  // n characters drawn uniformly from `alphabet`.
  std::string Token(size_t n, std::string_view alphabet);
};

// libsodium randombytes_buf. Requires sodium_init() to have run (see InitCrypto()).
std::unique_ptr<Random> MakeSecureRandom();
// splitmix64-based; reproducible for a given seed. Never for secrets.
std::unique_ptr<Random> MakeSeededRandom(uint64_t seed);

// Initializes libsodium once; safe to call many times from any thread. Returns false when the
// library cannot start (no entropy source).
bool InitCrypto();

}  // namespace kapi
