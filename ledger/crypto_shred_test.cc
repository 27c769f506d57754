#include "ledger/crypto_shred.h"

#include <gtest/gtest.h>

namespace kapi::ledger {
namespace {

TEST(CryptoShred, PayloadOpensOnlyWithItsKeyAndSeq) {
  ASSERT_TRUE(InitCrypto());
  auto random = MakeSeededRandom(7);
  std::string key = NewPersonKey(*random);
  std::string salt = NewSalt(*random);
  std::string sealed = SealPayload(key, 5, salt, R"({"reason":"x"})", *random);
  EXPECT_EQ(sealed.find("reason"), std::string::npos);
  auto opened = OpenPayload(key, 5, sealed);
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(opened->salt, salt);
  EXPECT_EQ(opened->canonical_payload, R"({"reason":"x"})");
  EXPECT_EQ(OpenPayload(key, 6, sealed).status().code(), StatusCode::kDataLoss);
  EXPECT_FALSE(OpenPayload(NewPersonKey(*random), 5, sealed).ok());
  std::string flipped = sealed;
  flipped[30] ^= 1;
  EXPECT_FALSE(OpenPayload(key, 5, flipped).ok());
  EXPECT_FALSE(OpenPayload(key, 5, "").ok());
}

TEST(CryptoShred, PersonKeysAreWrappedForTheirPerson) {
  ASSERT_TRUE(InitCrypto());
  auto random = MakeSeededRandom(8);
  std::string kek(kPayloadKeySize, 'k');
  std::string key = NewPersonKey(*random);
  std::string wrapped = WrapPersonKey(kek, "person:a", key, *random);
  EXPECT_EQ(wrapped.find(key), std::string::npos);
  EXPECT_EQ(*UnwrapPersonKey(kek, "person:a", wrapped), key);
  EXPECT_FALSE(UnwrapPersonKey(kek, "person:b", wrapped).ok());
  EXPECT_FALSE(UnwrapPersonKey(std::string(32, 'j'), "person:a", wrapped).ok());
}

}  // namespace
}  // namespace kapi::ledger
