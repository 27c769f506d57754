#include "intake/privacy_masker.h"

#include <mutex>

#include <gtest/gtest.h>

#include "privacy/checksums.h"

namespace kapi::intake {
namespace {

TEST(PrivacyMasker, ModelsNeverSeeTheDetectedPersonalData) {
  auto detector = privacy::LoadDetector(privacy::DefaultResourcesDir());
  ASSERT_TRUE(detector.ok()) << detector.status().ToString();
  auto engine = privacy::PiiMasker::Create(std::move(*detector), privacy::MaskMode::kTag, {});
  ASSERT_TRUE(engine.ok());
  PrivacyMasker masker(std::move(*engine));
  const std::string tckn = privacy::CompleteTckn("123456780");
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

namespace kapi::intake {
namespace {

// Records every text a model is shown.
class SpyTriager final : public Triager {
 public:
  Suggestions Suggest(std::string_view masked) const override {
    std::lock_guard l(mu_);
    seen_.emplace_back(masked);
    return {};
  }
  std::vector<std::string> seen() const {
    std::lock_guard l(mu_);
    return seen_;
  }

 private:
  mutable std::mutex mu_;
  mutable std::vector<std::string> seen_;
};

std::string Digits(uint64_t& state, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    out += static_cast<char>('0' + (state >> 33) % 10);
  }
  return out;
}

// Property: whatever structured personal data a citizen writes, in whatever phrasing, the model
// input holds none that the detector can still find (2024/108 Dürüstlük (3)).
TEST(PrivacyMasker, ModelInputsHoldNoDetectablePersonalData) {
  auto detector = privacy::LoadDetector(privacy::DefaultResourcesDir());
  ASSERT_TRUE(detector.ok());
  std::shared_ptr<const privacy::Detector> shared = std::move(*detector);
  auto engine = privacy::PiiMasker::Create(shared, privacy::MaskMode::kTag, {});
  ASSERT_TRUE(engine.ok());
  auto spy = std::make_shared<SpyTriager>();
  Pipeline pipeline(std::make_shared<PrivacyMasker>(std::move(*engine)), spy);
  const std::vector<std::string> phrasings = {
      "Merhaba, kimlik no {tckn}, cep {phone}. Sokağımızda su yok.",
      "TC: {tckn} Tel: {phone} e-posta: {mail} — çöpler toplanmıyor!",
      "Bana {phone} numarasından ya da {mail} adresinden ulaşın. T.C. Kimlik No: {tckn}",
      "SAYIN YETKİLİ, {tckn} TC NOLU VATANDAŞIM, TELEFONUM {phone}, OTOBÜS GELMİYOR",
  };
  uint64_t state = 42;
  for (int i = 0; i < 120; ++i) {
    std::string tckn = privacy::CompleteTckn("1" + Digits(state, 8));
    std::string phone = "05" + Digits(state, 2) + " " + Digits(state, 3) + " " + Digits(state, 2) +
                        " " + Digits(state, 2);
    std::string mail = "kisi" + Digits(state, 4) + "@ornek.com.tr";
    std::string text = phrasings[i % phrasings.size()];
    for (auto [key, value] : std::vector<std::pair<std::string, std::string>>{
             {"{tckn}", tckn}, {"{phone}", phone}, {"{mail}", mail}}) {
      for (size_t at; (at = text.find(key)) != std::string::npos;)
        text.replace(at, key.size(), value);
    }
    pipeline.Run(text);
  }
  auto seen = spy->seen();
  ASSERT_EQ(seen.size(), 120u);
  for (const std::string& input : seen) {
    for (const auto& e : shared->Scan(input)) {
      ADD_FAILURE() << "model saw " << privacy::EntityTypeName(e.type) << " in: " << input;
    }
  }
}

}  // namespace
}  // namespace kapi::intake
