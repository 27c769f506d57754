#include "text/utf8.h"

#include <gtest/gtest.h>

namespace kapi::text {
namespace {

TEST(Utf8, AcceptsTurkishText) {
  EXPECT_TRUE(IsValidUtf8("Çağrı İŞLEM ığdır ĞÜŞÖÇ"));
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("emoji \xF0\x9F\x98\x80"));
}

TEST(Utf8, RejectsMalformedSequencesAtTheirOffset) {
  EXPECT_EQ(FindInvalidUtf8("ab\xFF"), 2u);
  EXPECT_EQ(FindInvalidUtf8("\xC0\xAF"), 0u);          // overlong '/'
  EXPECT_EQ(FindInvalidUtf8("x\xED\xA0\x80"), 1u);     // UTF-16 surrogate
  EXPECT_EQ(FindInvalidUtf8("\xF4\x90\x80\x80"), 0u);  // above U+10FFFF
  EXPECT_EQ(FindInvalidUtf8("ok\xE2\x82"), 2u);        // truncated
}

TEST(Utf8, SnippetCutsAtACodePointBoundary) {
  EXPECT_EQ(Snippet("kısa", 10), "kısa");
  EXPECT_EQ(Snippet("abcdef", 3), "abc…");
  EXPECT_EQ(Snippet("çğü", 3), "ç…");  // byte 3 is inside "ğ": cut before it
}

TEST(Utf8, CountsCodePoints) {
  EXPECT_EQ(CountCodePoints("ışık"), 4u);
  EXPECT_EQ(CountCodePoints("a\xF0\x9F\x98\x80"), 2u);
}

}  // namespace
}  // namespace kapi::text
