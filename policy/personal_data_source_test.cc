#include "policy/personal_data_source.h"

#include <gtest/gtest.h>

namespace kapi::policy {
namespace {

TEST(BelongsToAddressee, NameWordsWithHonorificsAndSuffixesMatch) {
  Addressee a{"Ayşe Yılmaz", {}};
  EXPECT_TRUE(BelongsToAddressee("Ayşe Yılmaz", a));
  EXPECT_TRUE(BelongsToAddressee("AYŞE YILMAZ", a));
  EXPECT_TRUE(BelongsToAddressee("Sayın Ayşe Hanım", a));
  EXPECT_TRUE(BelongsToAddressee("Yılmaz'a", a));
  EXPECT_FALSE(BelongsToAddressee("Mehmet Yılmaz", a));
  EXPECT_FALSE(BelongsToAddressee("Sayın", a));
}

TEST(BelongsToAddressee, ContactsCompareOnTheirCanonicalForm) {
  Addressee a{"", {"0532 000 00 01", "Ayse.Test@Example.org"}};
  EXPECT_TRUE(BelongsToAddressee("+90 (532) 000 0001", a));
  EXPECT_TRUE(BelongsToAddressee("ayse.test@example.org", a));
  EXPECT_FALSE(BelongsToAddressee("0532 000 00 02", a));
  EXPECT_FALSE(BelongsToAddressee("other@example.org", a));
}

}  // namespace
}  // namespace kapi::policy
