#include "base/markup_escape.h"

#include <gtest/gtest.h>

namespace kapi {
namespace {

TEST(EscapeMarkup, EscapesTheFiveSpecialCharactersAndKeepsUtf8) {
  EXPECT_EQ(EscapeMarkup(R"(<a href="x">Tom & 'Jerry'</a>)"),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;");
  EXPECT_EQ(EscapeMarkup("Çöp alınmadı, İzmir"), "Çöp alınmadı, İzmir");
  EXPECT_EQ(EscapeMarkup(""), "");
}

}  // namespace
}  // namespace kapi
