#pragma once
// Staff sign-in and sessions, independent of HTTP. Passwords: Argon2id (libsodium
// crypto_pwhash_str). Lock-out: after `max_failures` wrong attempts the account is locked for
// `lock_minutes`; a locked account answers like a wrong password plus a lock message, never
// revealing which accounts exist. Sessions live in the database (shared by every node); the
// browser holds a random 256-bit token, the database only its hash. Each session carries its own
// CSRF token. Optional TOTP second factor. Every sign-in attempt is recorded in the audit ledger.
//
// Thread-safe.

#include <optional>
#include <string>

#include "base/clock.h"
#include "base/random.h"
#include "privacy/field_cipher.h"
#include "store/ledger_store.h"
#include "store/store.h"
#include "workflow/case_service.h"

namespace kapi::workflow {

struct AuthOptions {
  int max_failures = 5;
  int lock_minutes = 15;
  int64_t idle_timeout_ms = 30LL * 60 * 1000;        // signed out after 30 idle minutes
  int64_t absolute_timeout_ms = 12LL * 3600 * 1000;  // and after 12 hours in any case
};

struct SignedIn {
  std::string token;  // goes into the cookie; never stored
  std::string csrf_token;
  Principal principal;
  bool must_change_password = false;
};

struct SessionContext {
  std::string token_hash;
  std::string csrf_token;
  Principal principal;
  cases::StaffUser user;
  bool must_change_password = false;
};

class AuthService {
 public:
  AuthService(store::Store* store, store::LedgerStore* ledger, const privacy::FieldCipher* cipher,
              CaseService* cases, const Clock* clock, AuthOptions options = {});

  // kUnauthenticated with reason "bad_credentials", "locked" or "totp_required"/"bad_totp".
  Result<SignedIn> SignIn(const std::string& username, const std::string& password,
                          const std::string& totp_code);
  // kUnauthenticated when the token is unknown or expired (expired sessions are deleted).
  Result<SessionContext> Resume(const std::string& token);
  Status SignOut(const std::string& token);
  // Constant-time comparison of a submitted CSRF token with the session's.
  static bool CsrfMatches(const SessionContext& session, const std::string& submitted);

  // Changes the signed-in user's own password (old one required); ends their other sessions.
  Status ChangePassword(const SessionContext& session, const std::string& old_password,
                        const std::string& new_password);
  // Admin: gives `username` a new random one-time password, forces a change at next sign-in,
  // ends their sessions. Returns the new password to hand over in person.
  Result<std::string> ResetPassword(const Principal& admin, const std::string& username);
  // Starts TOTP enrolment: returns a fresh secret (not yet active).
  std::string NewTotpSecret();
  // Activates TOTP when `code` matches `secret`.
  Status EnableTotp(const SessionContext& session, const std::string& secret,
                    const std::string& code);

  // Checks a new password: at least 12 characters, not all one kind of character.
  static Status CheckPasswordStrength(const std::string& password);

 private:
  std::string HashToken(const std::string& token) const;
  void RecordLogin(const std::string& username, bool ok, std::string_view method);

  store::Store* store_;
  store::LedgerStore* ledger_;
  const privacy::FieldCipher* cipher_;
  CaseService* cases_;
  const Clock* clock_;
  AuthOptions options_;
  std::unique_ptr<Random> random_;
};

}  // namespace kapi::workflow
