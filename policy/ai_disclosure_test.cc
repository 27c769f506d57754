#include "policy/ai_disclosure.h"

#include <gtest/gtest.h>

namespace kapi::policy {
namespace {

TEST(AiDisclosure, CanonicalSentenceAndEveryVariantAreAccepted) {
  EXPECT_TRUE(ContainsAiDisclosure(kAiDisclosureSentence));
  for (std::string_view v : AcceptedAiDisclosureVariants()) {
    EXPECT_TRUE(ContainsAiDisclosure(v)) << v;
  }
}

TEST(AiDisclosure, AcceptsCasingAndAsciiSpellings) {
  EXPECT_TRUE(ContainsAiDisclosure("BU YANIT YAPAY ZEKÂ DESTEĞİYLE HAZIRLANMIŞTIR."));
  EXPECT_TRUE(ContainsAiDisclosure("Bu yanit yapay zeka destegiyle hazirlanmistir."));
}

TEST(AiDisclosure, MentionWithoutDisclosureOrNegatedIsNotADisclosure) {
  EXPECT_FALSE(ContainsAiDisclosure("Başvurunuz incelenmiştir."));
  EXPECT_FALSE(ContainsAiDisclosure("Yapay zekâ konusundaki sorunuz ilgili birime iletilmiştir."));
  EXPECT_FALSE(ContainsAiDisclosure("Bu yanıtta yapay zekâ kullanılmamıştır."));
}

TEST(AiDisclosure, AppendAddsTheCanonicalSentenceOnce) {
  std::string once = AppendAiDisclosure("Sayın Ayşe Hanım,\nTalebiniz karşılanmıştır.\n");
  EXPECT_NE(once.find(kAiDisclosureSentence), std::string::npos);
  EXPECT_TRUE(ContainsAiDisclosure(once));
  EXPECT_EQ(AppendAiDisclosure(once), once);
}

}  // namespace
}  // namespace kapi::policy
