#include "workflow/auth_service.h"

#include <array>

#include <sodium.h>

#include "base/log.h"
#include "ledger/event_builders.h"
#include "workflow/password.h"
#include "workflow/totp.h"

namespace kapi::workflow {
namespace {

Status BadCredentials() {
  return Status(StatusCode::kUnauthenticated,
                "kullanıcı adı veya parola hatalı (wrong username or password)")
      .WithReason("bad_credentials");
}

std::string Hex(const unsigned char* p, size_t n) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < n; ++i) {
    out += kHex[p[i] >> 4];
    out += kHex[p[i] & 15];
  }
  return out;
}

}  // namespace

AuthService::AuthService(store::Store* store, store::LedgerStore* ledger,
                         const privacy::FieldCipher* cipher, CaseService* cases, const Clock* clock,
                         AuthOptions options)
    : store_(store),
      ledger_(ledger),
      cipher_(cipher),
      cases_(cases),
      clock_(clock),
      options_(options),
      random_(MakeSecureRandom()) {}

std::string AuthService::HashToken(const std::string& token) const {
  std::array<unsigned char, 32> out{};
  crypto_generichash(out.data(), out.size(), reinterpret_cast<const unsigned char*>(token.data()),
                     token.size(), nullptr, 0);
  return Hex(out.data(), out.size());
}

void AuthService::RecordLogin(const std::string& username, bool ok, std::string_view method) {
  if (!ledger_) return;
  auto r = ledger_->Append(ledger::LoginEvent(cases_->ActorRef(username), ok, method));
  if (!r.ok()) log::Error("ledger_append_failed", {{"event", "login"}});
}

Result<SignedIn> AuthService::SignIn(const std::string& username, const std::string& password,
                                     const std::string& totp_code) {
  const int64_t now = clock_->NowMillis();
  auto creds = store_->GetStaffCredentials(username);
  if (!creds.ok()) {
    if (creds.status().code() != StatusCode::kNotFound) return creds.status();
    // Spend the same time as a real check so unknown names cannot be told apart by timing.
    static const std::string kDummyHash =
        HashPassword("kapi-dummy-password-for-timing").value_or("");
    (void)VerifyPassword(kDummyHash, password);
    return BadCredentials();
  }
  if (creds->locked_until_ms > now) {
    RecordLogin(username, false, "password");
    return Status(StatusCode::kUnauthenticated,
                  "çok fazla hatalı deneme: hesap geçici olarak kilitlendi, " +
                      std::to_string(options_.lock_minutes) +
                      " dakika sonra yeniden deneyin ya da yöneticinize başvurun "
                      "(account temporarily locked)")
        .WithReason("locked");
  }
  if (!VerifyPassword(creds->password_hash, password)) {
    (void)store_->RecordLoginFailure(username, options_.max_failures,
                                     now + int64_t{options_.lock_minutes} * 60'000);
    RecordLogin(username, false, "password");
    return BadCredentials();
  }
  if (!creds->totp_sealed.empty()) {
    if (totp_code.empty()) {
      return Status(StatusCode::kUnauthenticated,
                    "doğrulama uygulamanızdaki 6 haneli kodu girin (enter your 6-digit code)")
          .WithReason("totp_required");
    }
    auto secret = cipher_->Open(creds->totp_sealed, "totp");
    if (!secret.ok()) return secret.status();
    if (!TotpVerify(*secret, totp_code, now / 1000)) {
      (void)store_->RecordLoginFailure(username, options_.max_failures,
                                       now + int64_t{options_.lock_minutes} * 60'000);
      RecordLogin(username, false, "totp");
      return Status(StatusCode::kUnauthenticated, "doğrulama kodu hatalı (wrong code)")
          .WithReason("bad_totp");
    }
  }
  KAPI_RETURN_IF_ERROR(store_->RecordLoginSuccess(username));
  auto principal = cases_->PrincipalFor(creds->user);
  if (!principal.ok()) return principal.status();
  SignedIn out;
  out.token =
      random_->Token(43, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");
  out.csrf_token =
      random_->Token(32, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");
  out.principal = std::move(*principal);
  out.must_change_password = creds->must_change_password;
  cases::Session session{
      HashToken(out.token), username, out.csrf_token, now, now, now + options_.absolute_timeout_ms};
  KAPI_RETURN_IF_ERROR(store_->CreateSession(session));
  RecordLogin(username, true, creds->totp_sealed.empty() ? "password" : "password+totp");
  return out;
}

Result<SessionContext> AuthService::Resume(const std::string& token) {
  const Status expired = Status(StatusCode::kUnauthenticated,
                                "oturumunuz sona erdi; lütfen yeniden giriş yapın (signed out)")
                             .WithReason("unauthenticated");
  if (token.size() < 20 || token.size() > 100) return expired;
  const std::string hash = HashToken(token);
  auto session = store_->GetSession(hash);
  if (!session.ok()) {
    return session.status().code() == StatusCode::kNotFound ? expired : session.status();
  }
  const int64_t now = clock_->NowMillis();
  if (now > session->expires_at_ms || now - session->last_seen_ms > options_.idle_timeout_ms) {
    (void)store_->DeleteSession(hash);
    return expired;
  }
  auto creds = store_->GetStaffCredentials(session->username);
  if (!creds.ok()) return expired;
  auto principal = cases_->PrincipalFor(creds->user);
  if (!principal.ok()) return principal.status();
  // Touch at most once a minute: keeps the idle clock honest without a write per request.
  if (now - session->last_seen_ms > 60'000) (void)store_->TouchSession(hash, now);
  return SessionContext{hash, session->csrf_token, std::move(*principal), creds->user,
                        creds->must_change_password};
}

Status AuthService::SignOut(const std::string& token) {
  return store_->DeleteSession(HashToken(token));
}

bool AuthService::CsrfMatches(const SessionContext& session, const std::string& submitted) {
  if (submitted.size() != session.csrf_token.size() || submitted.empty()) return false;
  return sodium_memcmp(submitted.data(), session.csrf_token.data(), submitted.size()) == 0;
}

Status AuthService::CheckPasswordStrength(const std::string& password) {
  size_t chars = 0;
  for (unsigned char c : password) chars += (c & 0xC0) != 0x80;
  bool letter = false, other = false;
  for (unsigned char c : password) {
    if (std::isalpha(c) || c >= 0x80) {
      letter = true;
    } else {
      other = true;
    }
  }
  if (chars < 12 || !letter || !other) {
    return InvalidArgument(
               "parola en az 12 karakter olmalı ve harf ile birlikte rakam ya da işaret içermeli "
               "(at least 12 characters, letters plus digits or symbols)",
               "new_password")
        .WithReason("weak_password");
  }
  return Status::Ok();
}

Status AuthService::ChangePassword(const SessionContext& session, const std::string& old_password,
                                   const std::string& new_password) {
  auto creds = store_->GetStaffCredentials(session.user.username);
  if (!creds.ok()) return creds.status();
  if (!VerifyPassword(creds->password_hash, old_password)) {
    return InvalidArgument("mevcut parola hatalı (current password is wrong)", "old_password")
        .WithReason("bad_credentials");
  }
  KAPI_RETURN_IF_ERROR(CheckPasswordStrength(new_password));
  auto hash = HashPassword(new_password);
  if (!hash.ok()) return hash.status();
  KAPI_RETURN_IF_ERROR(store_->SetPassword(session.user.username, *hash, false));
  KAPI_RETURN_IF_ERROR(store_->DeleteSessionsOf(session.user.username));
  // Keep the current session alive under the same token.
  const int64_t now = clock_->NowMillis();
  return store_->CreateSession({session.token_hash, session.user.username, session.csrf_token, now,
                                now, now + options_.absolute_timeout_ms});
}

Result<std::string> AuthService::ResetPassword(const Principal& admin,
                                               const std::string& username) {
  auto units = cases_->Units();
  KAPI_RETURN_IF_ERROR(Authorize(admin, Action::kManageUsers, nullptr, *units));
  std::string password;
  for (int g = 0; g < 4; ++g) {
    if (g) password += '-';
    password += random_->Token(4, "abcdefghjkmnpqrstuvwxyz23456789");
  }
  auto hash = HashPassword(password);
  if (!hash.ok()) return hash.status();
  KAPI_RETURN_IF_ERROR(store_->SetPassword(username, *hash, /*must_change=*/true));
  KAPI_RETURN_IF_ERROR(store_->DeleteSessionsOf(username));
  if (ledger_) {
    auto r = ledger_->Append(ledger::SettingChangeEvent(admin.actor_ref, "password_reset", "forced",
                                                        cases_->ActorRef(username)));
    if (!r.ok()) return Unavailable("password reset done but not recorded in the audit ledger");
  }
  return password;
}

std::string AuthService::NewTotpSecret() {
  std::string secret(20, '\0');
  random_->Fill(reinterpret_cast<uint8_t*>(secret.data()), secret.size());
  return secret;
}

Status AuthService::EnableTotp(const SessionContext& session, const std::string& secret,
                               const std::string& code) {
  if (!TotpVerify(secret, code, clock_->NowMillis() / 1000)) {
    return InvalidArgument("kod doğrulanamadı; uygulamadaki güncel kodu girin (code did not match)",
                           "code")
        .WithReason("bad_totp");
  }
  return store_->SetTotpSecret(session.user.username, cipher_->Seal(secret, "totp"));
}

}  // namespace kapi::workflow
