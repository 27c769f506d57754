#include "base/random.h"

#include <set>

#include <gtest/gtest.h>

namespace kapi {
namespace {

TEST(Random, SeededIsReproducible) {
  auto a = MakeSeededRandom(42);
  auto b = MakeSeededRandom(42);
  EXPECT_EQ(a->Token(32, "abcdef"), b->Token(32, "abcdef"));
}

TEST(Random, TokenUsesOnlyAlphabet) {
  ASSERT_TRUE(InitCrypto());
  auto r = MakeSecureRandom();
  std::string t = r->Token(200, "XY");
  for (char c : t) EXPECT_TRUE(c == 'X' || c == 'Y');
  EXPECT_NE(t.find('X'), std::string::npos);
  EXPECT_NE(t.find('Y'), std::string::npos);
}

TEST(Random, UniformStaysInRange) {
  auto r = MakeSeededRandom(1);
  std::set<uint32_t> seen;
  for (int i = 0; i < 1000; ++i) {
    uint32_t v = r->Uniform(5);
    ASSERT_LT(v, 5u);
    seen.insert(v);
  }
  EXPECT_EQ(seen.size(), 5u);
}

}  // namespace
}  // namespace kapi
