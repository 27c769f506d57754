#include "privacy/checksums.h"

#include <gtest/gtest.h>

namespace kapi::privacy {
namespace {

TEST(Tckn, AcceptsCompletedNumbersAndRejectsChangedDigits) {
  std::string id = CompleteTckn("123456789");
  EXPECT_EQ(id, "12345678950");
  EXPECT_TRUE(IsValidTckn(id));
  for (int i = 0; i < 11; ++i) {
    std::string bad = id;
    bad[i] = bad[i] == '9' ? '0' : static_cast<char>(bad[i] + 1);
    EXPECT_FALSE(IsValidTckn(bad)) << bad;
  }
  EXPECT_FALSE(IsValidTckn("0" + CompleteTckn("123456789").substr(1)));
  EXPECT_FALSE(IsValidTckn("1234567895"));
}

TEST(Vkn, AcceptsCompletedNumbers) {
  for (const char* body : {"123456789", "000000000", "987654321", "480084721"}) {
    std::string v = CompleteVkn(body);
    EXPECT_TRUE(IsValidVkn(v)) << v;
    std::string bad = v;
    bad[9] = bad[9] == '9' ? '0' : static_cast<char>(bad[9] + 1);
    EXPECT_FALSE(IsValidVkn(bad));
  }
}

TEST(Luhn, KnownCardNumbers) {
  EXPECT_TRUE(LuhnValid("4111111111111111"));
  EXPECT_TRUE(LuhnValid("5555555555554444"));
  EXPECT_TRUE(LuhnValid("378282246310005"));
  EXPECT_FALSE(LuhnValid("4111111111111112"));
  EXPECT_TRUE(LuhnValid(CompleteLuhn("979200000000001")));
}

TEST(Iban, RegistryExamplesAndGenerated) {
  EXPECT_TRUE(IsValidIban("TR330006100519786457841326"));
  EXPECT_TRUE(IsValidIban("GB82WEST12345698765432"));
  EXPECT_TRUE(IsValidIban("DE89370400440532013000"));
  EXPECT_FALSE(IsValidIban("TR330006100519786457841327"));
  EXPECT_FALSE(IsValidIban("TR33000610051978645784132"));   // wrong length
  EXPECT_FALSE(IsValidIban("XX330006100519786457841326"));  // unknown country
  std::string gen = CompleteIban("TR", "0001000000012345678901");
  EXPECT_TRUE(IsValidIban(gen)) << gen;
  EXPECT_EQ(IbanLength("TR"), 26);
}

}  // namespace
}  // namespace kapi::privacy
