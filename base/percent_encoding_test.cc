#include "base/percent_encoding.h"

#include <gtest/gtest.h>

namespace kapi {
namespace {

TEST(PercentEncode, KeepsUnreservedAndEncodesEverythingElse) {
  EXPECT_EQ(PercentEncode("aZ09-._~"), "aZ09-._~");
  EXPECT_EQ(PercentEncode("a b&c=d/e?f#g%"), "a%20b%26c%3Dd%2Fe%3Ff%23g%25");
  EXPECT_EQ(PercentEncode("Kaydedildi."), "Kaydedildi.");
  EXPECT_EQ(PercentEncode("İş"), "%C4%B0%C5%9F");  // UTF-8 bytes
  EXPECT_EQ(PercentEncode(std::string_view("\0\xFF", 2)), "%00%FF");
  EXPECT_EQ(PercentEncode(""), "");
}

}  // namespace
}  // namespace kapi
