#include "intake/intake_service.h"

#include <future>

#include <gtest/gtest.h>

#include "store/store_test_util.h"

namespace kapi::intake {
namespace {

// Records what the triager was shown, to prove it only ever sees masked text.
class RecordingTriager final : public Triager {
 public:
  Suggestions Suggest(std::string_view masked) const override {
    std::lock_guard l(mu_);
    seen_.emplace_back(masked);
    return {{{"model", "topic@test-1"},
             {"topic", nlohmann::json::array({{{"label", "Ulaşım"}, {"p", 0.9}}})},
             {"urgency", {{"label", "1"}, {"p", 0.6}}}},
            "ulasim",
            "ulasim"};
  }
  std::vector<std::string> seen() const {
    std::lock_guard l(mu_);
    return seen_;
  }

 private:
  mutable std::mutex mu_;
  mutable std::vector<std::string> seen_;
};

class DigitMasker final : public TextMasker {
 public:
  MaskOutput Mask(std::string_view text) const override {
    std::string out(text);
    for (char& c : out) {
      if (c >= '0' && c <= '9') c = '#';
    }
    return {out, {}};
  }
  std::string Version() const override { return "digits@1"; }
};

class IntakeServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(InitCrypto());
    auto s = store::OpenSqliteStore({.path = (dir_.path() / "kapi.db").string()});
    ASSERT_TRUE(s.ok());
    store_ = std::move(*s);
    auto cipher = privacy::FieldCipher::FromKey(std::string(32, 'f'));
    triager_ = std::make_shared<RecordingTriager>();
    service_ = std::make_unique<IntakeService>(
        store_.get(), *cipher, std::string(32, 's'),
        std::make_shared<Pipeline>(std::make_shared<DigitMasker>(), triager_), &clock_,
        MakeSeededRandom(7));
  }
  Result<IntakeOutcome> Submit(const std::string& json) {
    auto in = ParseIntakeJson(json, {});
    if (!in.ok()) return in.status();
    std::promise<Result<IntakeOutcome>> p;
    service_->Submit(std::move(*in), [&p](Result<IntakeOutcome> r) { p.set_value(std::move(r)); });
    return p.get_future().get();
  }

  store::testing::TempDir dir_;
  FakeClock clock_{1'767'225'600'000};  // 2026-01-01
  std::unique_ptr<store::Store> store_;
  std::shared_ptr<RecordingTriager> triager_;
  std::unique_ptr<IntakeService> service_;
};

TEST_F(IntakeServiceTest, StoresMaskedTextAndIssuesCodeAndSecret) {
  auto r = Submit(R"({"text":"Telefonum 0500 000 00 00, su yok","channel":"web"})");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(IntakeService::LooksLikeTrackingCode(r->tracking_code)) << r->tracking_code;
  EXPECT_EQ(r->secret.size(), 12u);
  EXPECT_EQ(r->status, "new");
  auto tracked = store_->FindByTrackingCode(r->tracking_code);
  ASSERT_TRUE(tracked.ok());
  EXPECT_EQ(tracked->record.text_masked, "Telefonum #### ### ## ##, su yok");
  EXPECT_TRUE(ConstantTimeEquals(tracked->secret_hash, service_->HashSecret(r->secret)));
  EXPECT_FALSE(ConstantTimeEquals(tracked->secret_hash, service_->HashSecret("WRONGSECRET1")));
  EXPECT_EQ(tracked->record.topic_code, "");  // a suggestion is never applied by itself
  EXPECT_NE(tracked->record.suggestions_json.find("topic@test-1"), std::string::npos);
  EXPECT_EQ(tracked->record.due_at_ms, clock_.NowMillis() + 30LL * 86'400'000);
}

TEST_F(IntakeServiceTest, TriagerOnlySeesMaskedText) {
  ASSERT_TRUE(Submit(R"({"text":"Numaram 0500 000 00 00","channel":"phone"})").ok());
  auto seen = triager_->seen();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].find('0'), std::string::npos);
}

TEST_F(IntakeServiceTest, ReplayReturnsTheOriginalCodeAndSecret) {
  auto a = Submit(R"({"text":"Çöp alınmadı","channel":"web","idempotency_key":"r-1"})");
  auto b = Submit(R"({"text":"Çöp alınmadı","channel":"web","idempotency_key":"r-1"})");
  ASSERT_TRUE(a.ok());
  ASSERT_TRUE(b.ok());
  EXPECT_FALSE(a->replayed);
  EXPECT_TRUE(b->replayed);
  EXPECT_EQ(a->tracking_code, b->tracking_code);
  EXPECT_EQ(a->secret, b->secret);
  EXPECT_EQ(*store_->CountCases(), 1);
}

TEST_F(IntakeServiceTest, EachNewCaseIsInTheLedgerWithItsSuggestions) {
  auto ledger = store::OpenSqliteLedgerStore(store::LedgerOptionsForDataDir(dir_.path().string()));
  ASSERT_TRUE(ledger.ok()) << ledger.status().ToString();
  service_->set_ledger(ledger->get());
  ASSERT_TRUE(Submit(R"({"text":"Çöp alınmadı","channel":"web","idempotency_key":"l-1"})").ok());
  // The creation, the topic suggestion and the urgency suggestion (with the model version).
  EXPECT_EQ(*(*ledger)->Size(), 3u);
  // A replay records nothing new.
  ASSERT_TRUE(Submit(R"({"text":"Çöp alınmadı","channel":"web","idempotency_key":"l-1"})").ok());
  EXPECT_EQ(*(*ledger)->Size(), 3u);
  EXPECT_TRUE((*ledger)->Verify({})->ok());
}

TEST_F(IntakeServiceTest, AReplayRecordsWhatTheFirstAttemptDidNotGetIntoTheLedger) {
  // The first attempt is stored but never reaches the ledger (its node died in between).
  ASSERT_TRUE(Submit(R"({"text":"Çöp alınmadı","channel":"web","idempotency_key":"l-2"})").ok());
  auto ledger = store::OpenSqliteLedgerStore(store::LedgerOptionsForDataDir(dir_.path().string()));
  ASSERT_TRUE(ledger.ok()) << ledger.status().ToString();
  service_->set_ledger(ledger->get());
  for (int i = 0; i < 2; ++i) {
    auto r = Submit(R"({"text":"Çöp alınmadı","channel":"web","idempotency_key":"l-2"})");
    ASSERT_TRUE(r.ok());
    EXPECT_TRUE(r->replayed);
    EXPECT_EQ(*(*ledger)->Size(), 3u) << "recorded once, however often it is replayed";
  }
  EXPECT_TRUE((*ledger)->Verify({})->ok());
}

TEST(IntakeCodes, LedgerSlugsAreAscii) {
  EXPECT_EQ(LedgerSlug("Su ve Kanalizasyon"), "su-ve-kanalizasyon");
  EXPECT_EQ(LedgerSlug("Sosyal Hizmet ve Yardımlar"), "sosyal-hizmet-ve-yardimlar");
  EXPECT_EQ(LedgerSlug("Zabıta"), "zabita");
  EXPECT_EQ(LedgerSlug("İmar/Şehircilik"), "imar-sehircilik");
  EXPECT_EQ(LedgerSlug("—"), "unknown");
}

TEST(IntakeCodes, ShapeCheck) {
  EXPECT_TRUE(IntakeService::LooksLikeTrackingCode("KP-7K3M-9QXD"));
  EXPECT_FALSE(IntakeService::LooksLikeTrackingCode("KP-7K3M-9QX"));
  EXPECT_FALSE(IntakeService::LooksLikeTrackingCode("KP-7K3M-9QXO"));  // O is not in the alphabet
  EXPECT_FALSE(IntakeService::LooksLikeTrackingCode("XX-7K3M-9QXD"));
}

}  // namespace
}  // namespace kapi::intake
