#include "workflow/auth_service.h"

#include <gtest/gtest.h>

#include "base/random.h"
#include "store/store_test_util.h"
#include "workflow/password.h"
#include "workflow/totp.h"

namespace kapi::workflow {
namespace {

class AuthServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(InitCrypto());
    store_ = std::move(*store::OpenSqliteStore({.path = (dir_.path() / "kapi.db").string()}));
    auto l = store::OpenSqliteLedgerStore(store::LedgerOptionsForDataDir(dir_.path().string()));
    ASSERT_TRUE(l.ok());
    ledger_ = std::move(*l);
    cipher_ = std::make_unique<privacy::FieldCipher>(
        *privacy::FieldCipher::FromKey(std::string(32, 'f')));
    ASSERT_TRUE(store_->UpsertUnit({"kurum", "Kurum", ""}).ok());
    ASSERT_TRUE(store_
                    ->UpsertStaffUser({"memur", "Memur", "case_officer", "kurum"},
                                      *HashPassword("doğru-parola-123"))
                    .ok());
    ASSERT_TRUE(store_
                    ->UpsertStaffUser({"yonetici", "Yönetici", "admin", "kurum"},
                                      *HashPassword("yonetici-parola-1"))
                    .ok());
    cases_ = std::make_unique<CaseService>(store_.get(), ledger_.get(), cipher_.get(),
                                           std::string(32, 'a'), &clock_);
    auth_ = std::make_unique<AuthService>(store_.get(), ledger_.get(), cipher_.get(), cases_.get(),
                                          &clock_);
  }
  store::testing::TempDir dir_;
  FakeClock clock_{1'767'225'600'000};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<store::LedgerStore> ledger_;
  std::unique_ptr<privacy::FieldCipher> cipher_;
  std::unique_ptr<CaseService> cases_;
  std::unique_ptr<AuthService> auth_;
};

TEST_F(AuthServiceTest, SignInResumeSignOut) {
  auto in = auth_->SignIn("memur", "doğru-parola-123", "");
  ASSERT_TRUE(in.ok()) << in.status().ToString();
  EXPECT_EQ(in->principal.role, Role::kCaseOfficer);
  EXPECT_GE(in->token.size(), 40u);
  auto s = auth_->Resume(in->token);
  ASSERT_TRUE(s.ok());
  EXPECT_TRUE(AuthService::CsrfMatches(*s, in->csrf_token));
  EXPECT_FALSE(AuthService::CsrfMatches(*s, "x" + in->csrf_token.substr(1)));
  EXPECT_FALSE(AuthService::CsrfMatches(*s, ""));
  ASSERT_TRUE(auth_->SignOut(in->token).ok());
  EXPECT_EQ(auth_->Resume(in->token).status().code(), StatusCode::kUnauthenticated);
}

TEST_F(AuthServiceTest, WrongPasswordAndUnknownUserLookTheSame) {
  auto a = auth_->SignIn("memur", "yanlış", "");
  auto b = auth_->SignIn("kimse", "yanlış", "");
  EXPECT_EQ(a.status().reason(), "bad_credentials");
  EXPECT_EQ(b.status().reason(), "bad_credentials");
  EXPECT_EQ(a.status().message(), b.status().message());
}

TEST_F(AuthServiceTest, LocksOutAfterFiveFailuresThenUnlocksWithTime) {
  for (int i = 0; i < 5; ++i) EXPECT_FALSE(auth_->SignIn("memur", "yanlış", "").ok());
  auto locked = auth_->SignIn("memur", "doğru-parola-123", "");
  EXPECT_EQ(locked.status().reason(), "locked");
  clock_.Advance(16 * 60 * 1000);
  EXPECT_TRUE(auth_->SignIn("memur", "doğru-parola-123", "").ok());
}

TEST_F(AuthServiceTest, IdleAndAbsoluteTimeouts) {
  auto in = auth_->SignIn("memur", "doğru-parola-123", "");
  clock_.Advance(29 * 60 * 1000);
  ASSERT_TRUE(auth_->Resume(in->token).ok());  // touches
  clock_.Advance(29 * 60 * 1000);
  ASSERT_TRUE(auth_->Resume(in->token).ok());
  clock_.Advance(31 * 60 * 1000);
  EXPECT_FALSE(auth_->Resume(in->token).ok());
  auto again = auth_->SignIn("memur", "doğru-parola-123", "");
  for (int i = 0; i < 25; ++i) {
    clock_.Advance(29 * 60 * 1000);
    if (!auth_->Resume(again->token).ok()) {
      EXPECT_GE(i, 23);  // survives ~12 hours of activity, not more
      return;
    }
  }
  FAIL() << "session outlived the absolute timeout";
}

TEST_F(AuthServiceTest, AdminResetForcesAChangeAndEndsSessions) {
  auto in = auth_->SignIn("memur", "doğru-parola-123", "");
  auto officer = cases_->PrincipalFor({"memur", "Memur", "case_officer", "kurum"});
  EXPECT_EQ(auth_->ResetPassword(*officer, "yonetici").status().code(),
            StatusCode::kPermissionDenied);
  auto admin = cases_->PrincipalFor({"yonetici", "Yönetici", "admin", "kurum"});
  auto temp = auth_->ResetPassword(*admin, "memur");
  ASSERT_TRUE(temp.ok());
  EXPECT_FALSE(auth_->Resume(in->token).ok());
  auto fresh = auth_->SignIn("memur", *temp, "");
  ASSERT_TRUE(fresh.ok());
  EXPECT_TRUE(fresh->must_change_password);
  auto session = auth_->Resume(fresh->token);
  EXPECT_EQ(auth_->ChangePassword(*session, *temp, "kısa").reason(), "weak_password");
  ASSERT_TRUE(auth_->ChangePassword(*session, *temp, "yeni-güçlü-parola-7").ok());
  EXPECT_TRUE(auth_->Resume(fresh->token).ok());  // the current session survives
  EXPECT_FALSE(auth_->SignIn("memur", "yeni-güçlü-parola-7", "")->must_change_password);
}

TEST_F(AuthServiceTest, TotpIsRequiredOnceEnabled) {
  auto in = auth_->SignIn("memur", "doğru-parola-123", "");
  auto session = auth_->Resume(in->token);
  std::string secret = auth_->NewTotpSecret();
  const int64_t now_s = clock_.NowMillis() / 1000;
  EXPECT_EQ(auth_->EnableTotp(*session, secret, "000000").reason(), "bad_totp");
  ASSERT_TRUE(auth_->EnableTotp(*session, secret, TotpCode(secret, now_s)).ok());
  EXPECT_EQ(auth_->SignIn("memur", "doğru-parola-123", "").status().reason(), "totp_required");
  EXPECT_EQ(auth_->SignIn("memur", "doğru-parola-123", "999999").status().reason(), "bad_totp");
  EXPECT_TRUE(auth_->SignIn("memur", "doğru-parola-123", TotpCode(secret, now_s)).ok());
}

TEST_F(AuthServiceTest, SignInsAreInTheLedger) {
  ASSERT_TRUE(auth_->SignIn("memur", "doğru-parola-123", "").ok());
  EXPECT_FALSE(auth_->SignIn("memur", "yanlış", "").ok());
  EXPECT_EQ(*ledger_->Size(), 2u);
}

}  // namespace
}  // namespace kapi::workflow
