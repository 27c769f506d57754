#include "policy/privacy_source.h"

#include <gtest/gtest.h>

#include "policy/checker.h"

namespace kapi::policy {
namespace {

TEST(PrivacySource, ThirdPartyPhoneBlocksButTheAddresseesOwnDoesNot) {
  auto detector = privacy::LoadDetector(privacy::DefaultResourcesDir());
  ASSERT_TRUE(detector.ok()) << detector.status().ToString();
  CheckerOptions options;
  options.personal_data = MakePrivacySource(std::move(*detector));
  auto checker = LoadChecker(KAPI_SOURCE_DIR "/models/policy", options);
  ASSERT_TRUE(checker.ok()) << checker.status().ToString();
  CheckInput in;
  in.id = "1";
  in.text =
      "Sayın vatandaşımız, komşunuzun 0532 111 22 33 numaralı telefonuna ulaşılamamıştır. "
      "Saygılarımızla.";
  auto findings = (*checker)->Check(in);
  bool personal = false;
  for (const auto& f : findings) personal = personal || f.rule == Rule::kPersonalData;
  EXPECT_TRUE(personal);
  in.addressee = Addressee{"", {"0532 111 22 33"}};
  findings = (*checker)->Check(in);
  personal = false;
  for (const auto& f : findings) personal = personal || f.rule == Rule::kPersonalData;
  EXPECT_FALSE(personal);
}

}  // namespace
}  // namespace kapi::policy
