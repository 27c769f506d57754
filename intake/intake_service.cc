#include "intake/intake_service.h"

#include <array>

#include <sodium.h>

#include <mutex>

#include "base/log.h"
#include "ledger/event_builders.h"

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
  if (sla_) {
    auto due = sla_->DueAt(now, cases::kPetitionLaw3071);
    if (due.ok()) req.due_at_ms = *due;
  }
  req.unit_code = intake_unit_;
  req.topic_code = input.topic_code;
  // What the ledger records about the suggestions: model, kind, value, confidence only.
  std::vector<ledger::AuditEvent> events;
  const nlohmann::json& sj = analysed.suggestions.json;
  if (ledger_ && sj.is_object() && sj.contains("model") && sj["model"].is_string()) {
    const std::string model = sj["model"].get<std::string>();
    auto add = [&](std::string_view kind, const nlohmann::json& value, const nlohmann::json& p) {
      if (!value.is_string()) return;
      char conf[16];
      std::snprintf(conf, sizeof conf, "%.2f", p.is_number() ? p.get<double>() : 0.0);
      // The case reference is filled in once the case has its id (RecordCreation).
      events.push_back(
          ledger::AiSuggestionEvent(model, "", kind, LedgerSlug(value.get<std::string>()), conf));
    };
    if (sj.contains("topic") && sj["topic"].is_array() && !sj["topic"].empty() &&
        !sj.value("abstain", false)) {
      add("topic", sj["topic"][0]["label"], sj["topic"][0]["p"]);
    }
    if (sj.contains("urgency") && sj["urgency"].is_object()) {
      add("urgency", sj["urgency"]["label"], sj["urgency"]["p"]);
    }
    if (sj.value("emergency", false)) add("hazard", nlohmann::json("112"), 1.0);
  }

  store_->SubmitRequest(std::move(req),
                        [this, secret = std::move(secret), done = std::move(done),
                         events = std::move(events)](Result<cases::IntakeReceipt> r) mutable {
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
                          if (!ledger_) {
                            done(std::move(out));
                            return;
                          }
                          // Replays record too: the first attempt may have died (node killed,
                          // ledger unavailable) after the store commit. The idempotency keys
                          // make the ledger write each intake event once.
                          RecordCreation(std::move(out), std::move(events), std::move(done));
                        });
}

void IntakeService::RecordCreation(IntakeOutcome out, std::vector<ledger::AuditEvent> events,
                                   Callback done) {
  const std::string case_ref = "case:" + std::to_string(out.case_id);
  events.insert(events.begin(), ledger::StateChangeEvent("citizen", case_ref, "none", "new"));
  for (size_t i = 0; i < events.size(); ++i) {
    events[i].subjects = {case_ref};
    events[i].idempotency_key =
        "intake:" + case_ref + (i == 0 ? std::string() : ":" + std::to_string(i));
  }
  // Appends run in parallel on the ledger's group commit; the last one to finish answers.
  struct Pending {
    std::mutex mu;
    size_t left;
    Status first_error;
    IntakeOutcome out;
    Callback done;
  };
  auto pending = std::make_shared<Pending>();
  pending->left = events.size();
  pending->out = std::move(out);
  pending->done = std::move(done);
  for (auto& e : events) {
    ledger_->AppendAsync(std::move(e), [pending](Result<uint64_t> r) {
      std::unique_lock l(pending->mu);
      if (!r.ok() && pending->first_error.ok()) pending->first_error = r.status();
      if (--pending->left > 0) return;
      l.unlock();
      if (!pending->first_error.ok()) {
        log::Error("ledger_append_failed",
                   {{"event", "intake"}, {"code", StatusCodeName(pending->first_error.code())}});
        pending->done(
            Unavailable("the request was stored but the audit record failed; retry "
                        "with the same idempotency_key"));
        return;
      }
      pending->done(std::move(pending->out));
    });
  }
}

std::string LedgerSlug(std::string_view label) {
  // Ledger attributes are ASCII opaque ids: Turkish letters fold to their base letter.
  static const std::pair<std::string_view, char> kFold[] = {
      {"ç", 'c'}, {"Ç", 'c'}, {"ğ", 'g'}, {"Ğ", 'g'}, {"ı", 'i'},
      {"İ", 'i'}, {"ö", 'o'}, {"Ö", 'o'}, {"ş", 's'}, {"Ş", 's'},
      {"ü", 'u'}, {"Ü", 'u'}, {"â", 'a'}, {"î", 'i'}, {"û", 'u'}};
  std::string out;
  for (size_t i = 0; i < label.size();) {
    bool folded = false;
    for (const auto& [from, to] : kFold) {
      if (label.substr(i, from.size()) == from) {
        out += to;
        i += from.size();
        folded = true;
        break;
      }
    }
    if (folded) continue;
    unsigned char c = static_cast<unsigned char>(label[i++]);
    if (std::isalnum(c)) {
      out += static_cast<char>(std::tolower(c));
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "unknown" : out;
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace kapi::intake
