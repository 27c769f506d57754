#pragma once
// The seam between the policy checker and the personal-data engine (privacy/). The checker asks a
// PersonalDataSource for the personal-data spans of a text and reports those that do not belong to
// the addressee. Tests use FunctionPersonalDataSource with a fake; the server plugs in the adapter
// over privacy::Detector (privacy_adapter.h, once that engine exists).

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace kapi::policy {

struct PersonalDataSpan {
  std::string kind;  // the engine's entity type, e.g. "tckn", "phone", "email", "person"
  size_t start = 0;  // code points, inclusive
  size_t end = 0;    // code points, exclusive
};

// Implementations must be thread-safe: the checker calls Find concurrently.
class PersonalDataSource {
 public:
  virtual ~PersonalDataSource() = default;
  virtual Result<std::vector<PersonalDataSpan>> Find(std::string_view text) const = 0;
};

// Adapts a callable; the callable must itself be thread-safe.
class FunctionPersonalDataSource final : public PersonalDataSource {
 public:
  using Fn = std::function<Result<std::vector<PersonalDataSpan>>(std::string_view)>;
  explicit FunctionPersonalDataSource(Fn fn) : fn_(std::move(fn)) {}
  Result<std::vector<PersonalDataSpan>> Find(std::string_view text) const override {
    return fn_(text);
  }

 private:
  Fn fn_;
};

// Who the text is addressed to. Their own data may appear in the text (the reply to Ayşe may say
// "Sayın Ayşe Yılmaz" and repeat her phone number); anyone else's may not.
struct Addressee {
  std::string name;                   // full name as the case records it; may be empty
  std::vector<std::string> contacts;  // phone numbers, e-mail addresses, identity numbers, ...
};

// True when `span_text` (the text of a personal-data span) is the addressee's: a name span whose
// words all occur in the addressee's name (honorifics like "Sayın", "Hanım", "Bey" ignored, Turkish
// casing folded), or a contact equal to one of theirs (phone numbers compared on their last ten
// digits, e-mail addresses case-insensitively, other identifiers on their digits and letters).
bool BelongsToAddressee(std::string_view span_text, const Addressee& addressee);

}  // namespace kapi::policy
