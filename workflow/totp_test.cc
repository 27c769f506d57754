#include "workflow/totp.h"

#include <gtest/gtest.h>

namespace kapi::workflow {
namespace {

// RFC 6238 Appendix B, SHA-1 secret; the RFC prints 8 digits, authenticator apps use the last 6.
const std::string kSecret = "12345678901234567890";

TEST(Totp, MatchesRfc6238Vectors) {
  EXPECT_EQ(TotpCode(kSecret, 59), "287082");
  EXPECT_EQ(TotpCode(kSecret, 1111111109), "081804");
  EXPECT_EQ(TotpCode(kSecret, 1234567890), "005924");
  EXPECT_EQ(TotpCode(kSecret, 2000000000), "279037");
}

TEST(Totp, AcceptsOneStepOfDriftOnly) {
  const int64_t t = 1111111109;
  EXPECT_TRUE(TotpVerify(kSecret, TotpCode(kSecret, t - 30), t));
  EXPECT_TRUE(TotpVerify(kSecret, TotpCode(kSecret, t + 30), t));
  EXPECT_FALSE(TotpVerify(kSecret, TotpCode(kSecret, t + 90), t));
  EXPECT_FALSE(TotpVerify(kSecret, "12345", t));
}

TEST(Base32, RoundTripsRfc4648) {
  EXPECT_EQ(Base32Encode("foobar"), "MZXW6YTBOI");
  std::string out;
  ASSERT_TRUE(Base32Decode("mzxw 6ytb oi", &out));
  EXPECT_EQ(out, "foobar");
  EXPECT_FALSE(Base32Decode("MZ1", &out));
}

TEST(Totp, UriNamesIssuerAndAccount) {
  std::string uri = TotpUri("Kapı", "memur.ulasim", "abc");
  EXPECT_EQ(uri.rfind("otpauth://totp/Kap%C4%B1:memur.ulasim?secret=", 0), 0u) << uri;
}

}  // namespace
}  // namespace kapi::workflow
