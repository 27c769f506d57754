#include "privacy/masker.h"

#include <gtest/gtest.h>

#include "privacy/checksums.h"
#include "privacy/detector.h"
#include "privacy/pii_masker.h"

namespace kapi::privacy {
namespace {

const Detector& TheDetector() {
  static const std::unique_ptr<Detector> d =
      std::move(*LoadDetector(std::string(KAPI_SOURCE_DIR) + "/privacy/resources"));
  return *d;
}

MaskResult MaskText(const std::string& s, MaskMode mode, const PseudonymKey* key = nullptr) {
  auto r = Mask(s, TheDetector().Scan(s), mode, key);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return std::move(*r);
}

PseudonymKey TestKey(std::string scope = "test") {
  return std::move(*PseudonymKey::FromKey(std::string(32, 'k'), std::move(scope)));
}

TEST(Mask, TagReplacesEachEntityWithItsTag) {
  auto r = MaskText("Ben Ahmet Yılmaz, tel 0532 123 45 67.", MaskMode::kTag);
  EXPECT_EQ(r.masked, "Ben [AD_SOYAD], tel [TELEFON].");
}

TEST(Mask, PartialKeepsWhatAnOfficerNeeds) {
  EXPECT_EQ(MaskText("tel 0532 123 45 67", MaskMode::kPartial).masked, "tel 0532 *** ** 67");
  EXPECT_EQ(MaskText("tel +90 532 123 45 67", MaskMode::kPartial).masked, "tel +90 532 *** ** 67");
  EXPECT_EQ(MaskText("Doğum tarihim 12.03.1985", MaskMode::kPartial).masked,
            "Doğum tarihim **.**.1985");
  EXPECT_EQ(MaskText("kart 4111 1111 1111 1111", MaskMode::kPartial).masked,
            "kart **** **** **** 1111");
  EXPECT_EQ(MaskText("mail ali.veli@ornek.com", MaskMode::kPartial).masked,
            "mail a**.****@ornek.com");
  EXPECT_EQ(MaskText("Dün Ahmet Yılmaz geldi", MaskMode::kPartial).masked, "Dün A. Y. geldi");
  EXPECT_EQ(MaskText("Gül Sokak No:7 Çankaya/Ankara", MaskMode::kPartial).masked,
            "*** Çankaya/Ankara");
  std::string tckn = CompleteTckn("123456789");
  EXPECT_EQ(MaskText("TC " + tckn, MaskMode::kPartial).masked, "TC 12*******50");
}

TEST(Mask, PartialEmailKeepsWholeCodePoints) {
  // Found by the fuzzer: a local part starting with "İ" was cut inside the letter.
  std::string masked = MaskText("yaz İsta0@b.ko", MaskMode::kPartial).masked;
  EXPECT_EQ(masked, "yaz İ****@b.ko");
}

TEST(Mask, PseudonymIsStableAcrossWritingsAndKeyedByScope) {
  PseudonymKey key = TestKey();
  auto a = MaskText("tel 0532 123 45 67", MaskMode::kPseudonym, &key);
  auto b = MaskText("tel +905321234567", MaskMode::kPseudonym, &key);
  EXPECT_EQ(a.entities[0].replacement, b.entities[0].replacement);
  EXPECT_EQ(a.masked.rfind("tel [TELEFON_", 0), 0u);
  EXPECT_EQ(a.entities[0].replacement.size(), std::string("[TELEFON_]").size() + 12);
  PseudonymKey other = TestKey("another-institution");
  auto c = MaskText("tel 0532 123 45 67", MaskMode::kPseudonym, &other);
  EXPECT_NE(a.entities[0].replacement, c.entities[0].replacement);
  auto d = MaskText("tel 0533 123 45 67", MaskMode::kPseudonym, &key);
  EXPECT_NE(a.entities[0].replacement, d.entities[0].replacement);
  auto n1 = MaskText("Dün AHMET YILMAZ geldi", MaskMode::kPseudonym, &key);
  auto n2 = MaskText("Dün Ahmet Yılmaz geldi", MaskMode::kPseudonym, &key);
  EXPECT_EQ(n1.entities[0].replacement, n2.entities[0].replacement);
}

TEST(Mask, PseudonymNeedsAKey) {
  std::string s = "tel 0532 123 45 67";
  EXPECT_FALSE(Mask(s, TheDetector().Scan(s), MaskMode::kPseudonym, nullptr).ok());
}

TEST(Mask, KeepsOriginalAndMaskedOffsetsInCodePoints) {
  std::string s = "Şöyle: 0532 123 45 67 ve ığdır";
  auto r = MaskText(s, MaskMode::kTag);
  ASSERT_EQ(r.entities.size(), 1u);
  const auto& m = r.entities[0];
  EXPECT_EQ(m.entity.start, 7u);
  EXPECT_EQ(m.entity.end, 21u);
  EXPECT_EQ(m.masked_start, 7u);
  EXPECT_EQ(m.masked_end, 7u + 9u);  // "[TELEFON]"
  EXPECT_EQ(r.masked, "Şöyle: [TELEFON] ve ığdır");
}

TEST(Mask, RejectsEntitiesThatDoNotFit) {
  Entity e;
  e.byte_start = 5;
  e.byte_end = 50;
  EXPECT_FALSE(Mask("short", {e}, MaskMode::kTag, nullptr).ok());
}

TEST(Mask, ParsesModes) {
  EXPECT_EQ(ParseMaskMode("tag"), MaskMode::kTag);
  EXPECT_EQ(ParseMaskMode("partial"), MaskMode::kPartial);
  EXPECT_EQ(ParseMaskMode("pseudonym"), MaskMode::kPseudonym);
  EXPECT_FALSE(ParseMaskMode("hash").has_value());
}

TEST(PiiMasker, ValidatesThenMasks) {
  std::shared_ptr<const Detector> d =
      std::move(*LoadDetector(std::string(KAPI_SOURCE_DIR) + "/privacy/resources"));
  auto m = PiiMasker::Create(d, MaskMode::kTag, std::nullopt);
  ASSERT_TRUE(m.ok());
  auto r = (*m)->Run("tel 0532 123 45 67");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->masked, "tel [TELEFON]");
  auto bad = (*m)->Run("bozuk \xC3\x28");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().reason(), "invalid_utf8");
  EXPECT_FALSE(PiiMasker::Create(d, MaskMode::kPseudonym, std::nullopt).ok());
  EXPECT_EQ((*m)->Version(), "kapi-privacy/1 tag");
}

}  // namespace
}  // namespace kapi::privacy
