#include "intake/intake_service.h"

#include <array>

#include <sodium.h>

namespace kapi::intake {
namespace {

// Crockford-like alphabet without 0/O, 1/I/L and U: easy to read aloud over the phone.
constexpr std::string_view kCodeAlphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";

std::string Hex(const unsigned char* p, size_t n) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * n);
  for (size_t i = 0; i < n; ++i) {
    out += kHex[p[i] >> 4];
    out += kHex[p[i] & 15];
  }
  return out;
}

}  // namespace

IntakeService::IntakeService(store::Store* store, privacy::FieldCipher cipher,
                             std::string secret_key, std::shared_ptr<const Pipeline> pipeline,
                             const Clock* clock, std::unique_ptr<Random> random)
    : store_(store),
      cipher_(std::move(cipher)),
      secret_key_(std::move(secret_key)),
      pipeline_(std::move(pipeline)),
      clock_(clock),
      random_(std::move(random)) {}

std::string IntakeService::HashSecret(std::string_view secret) const {
  std::array<unsigned char, 32> out{};
  crypto_generichash(out.data(), out.size(), reinterpret_cast<const unsigned char*>(secret.data()),
                     secret.size(), reinterpret_cast<const unsigned char*>(secret_key_.data()),
                     secret_key_.size());
  return Hex(out.data(), out.size());
}

bool IntakeService::LooksLikeTrackingCode(std::string_view s) {
  if (s.size() != 12 || s.substr(0, 3) != "KP-" || s[7] != '-') return false;
  for (size_t i = 3; i < 12; ++i) {
    if (i == 7) continue;
    if (kCodeAlphabet.find(s[i]) == std::string_view::npos) return false;
  }
  return true;
}

void IntakeService::Submit(IntakeInput input, Callback done) {
  const int64_t now = clock_->NowMillis();
  PipelineOutput analysed = pipeline_->Run(input.text);

  std::string secret = random_->Token(12, kCodeAlphabet);
  cases::NewRequest req;
  req.tracking_code =
      "KP-" + random_->Token(4, kCodeAlphabet) + "-" + random_->Token(4, kCodeAlphabet);
  req.secret_hash = HashSecret(secret);
  req.secret_sealed = cipher_.Seal(secret, "secret");
  req.channel = input.channel;
  req.text_masked = std::move(analysed.mask.masked_text);
  req.text_sealed = cipher_.Seal(input.text, "text");
  if (!input.contact.is_null()) req.contact_sealed = cipher_.Seal(input.contact.dump(), "contact");
  if (!input.location.is_null()) req.location_json = input.location.dump();
  req.idempotency_key = std::move(input.idempotency_key);
  req.body_hash = std::move(input.body_hash);
  if (!analysed.suggestions.json.is_null()) req.suggestions_json = analysed.suggestions.json.dump();
  req.received_at_ms = now;
  req.due_at_ms = now + int64_t{kDefaultSlaDays} * 86'400'000;

  store_->SubmitRequest(std::move(req), [this, secret = std::move(secret), done = std::move(done)](
                                            Result<cases::IntakeReceipt> r) mutable {
    if (!r.ok()) {
      done(r.status());
      return;
    }
    IntakeOutcome out;
    out.case_id = r->case_id;
    out.tracking_code = r->tracking_code;
    out.status = std::string(cases::CaseStateName(r->state));
    out.replayed = r->replayed;
    if (r->replayed) {
      auto original = cipher_.Open(r->secret_sealed, "secret");
      if (!original.ok()) {
        done(original.status());
        return;
      }
      out.secret = std::move(*original);
    } else {
      out.secret = std::move(secret);
    }
    done(std::move(out));
  });
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace kapi::intake
