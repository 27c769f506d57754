#include "intake/privacy_masker.h"

#include <gtest/gtest.h>

namespace kapi::intake {
namespace {

// Test identities are generated with valid checksums, never real.
std::string MakeTckn(const std::string& first9) {
  int d[11];
  for (int i = 0; i < 9; ++i) d[i] = first9[i] - '0';
  int odd = d[0] + d[2] + d[4] + d[6] + d[8], even = d[1] + d[3] + d[5] + d[7];
  d[9] = ((odd * 7 - even) % 10 + 10) % 10;
  int sum = 0;
  for (int i = 0; i < 10; ++i) sum += d[i];
  d[10] = sum % 10;
  std::string out;
  for (int v : d) out += static_cast<char>('0' + v);
  return out;
}

TEST(PrivacyMasker, ModelsNeverSeeTheDetectedPersonalData) {
  auto detector = privacy::LoadDetector(privacy::DefaultResourcesDir());
  ASSERT_TRUE(detector.ok()) << detector.status().ToString();
  auto engine = privacy::PiiMasker::Create(std::move(*detector), privacy::MaskMode::kTag, {});
  ASSERT_TRUE(engine.ok());
  PrivacyMasker masker(std::move(*engine));
  const std::string tckn = MakeTckn("123456780");
  const std::string text = "Merhaba, T.C. kimlik numaram " + tckn +
                           ", telefonum 0532 123 45 67, e-postam deneme.kisi@example.com. "
                           "Sokağımızda su kesintisi var.";
  MaskOutput out = masker.Mask(text);
  EXPECT_EQ(out.masked_text.find(tckn), std::string::npos) << out.masked_text;
  EXPECT_EQ(out.masked_text.find("0532"), std::string::npos) << out.masked_text;
  EXPECT_EQ(out.masked_text.find("deneme.kisi"), std::string::npos) << out.masked_text;
  EXPECT_NE(out.masked_text.find("su kesintisi"), std::string::npos);
  EXPECT_GE(out.spans.size(), 3u);
}

}  // namespace
}  // namespace kapi::intake
