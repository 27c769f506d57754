#include "store/fts_query.h"

#include <gtest/gtest.h>

namespace kapi::store {
namespace {

TEST(FtsQuery, QuotesAndPrefixesEachNormalizedWord) {
  EXPECT_EQ(BuildFtsMatch("İSTANBUL  Işık"), "\"istanbul\"* \"ışık\"*");
}

TEST(FtsQuery, NeutralizesFtsSyntax) {
  EXPECT_EQ(BuildFtsMatch("su OR \"kesik\" NEAR(x)"),
            "\"su\"* \"or\"* \"kesik\"* \"near\"* \"x\"*");
  EXPECT_EQ(BuildFtsMatch("*:^-()"), "");
}

}  // namespace
}  // namespace kapi::store
