#pragma once
// The single-pass scanner for the structured types: TCKN, YKN, VKN, IBAN, CARD, PHONE, EMAIL, IP,
// PASSPORT, PLATE, BIRTHDATE. It jumps from one trigger byte (digit, '+', '(', ':', '@') to the
// next through a lookup table, tries each type's grammar at the trigger, validates check digits
// (TCKN/YKN/VKN/IBAN/Luhn) and context words where the issue requires them (VKN, PASSPORT,
// BIRTHDATE; lower-case or word-like PLATE letters), and keeps the longest match.
//
// Thread-safe (const, no shared mutable state). Never reads outside the input; any byte string
// is accepted.

#include <string_view>
#include <vector>

#include "privacy/lexicon.h"
#include "privacy/span.h"

namespace kapi::privacy {

class StructuredScanner {
 public:
  // `lexicon` (not owned, may be null) rejects plates whose letters spell an ordinary word
  // ("20 YIL 150") unless the word "plaka" is near.
  explicit StructuredScanner(const Lexicon* lexicon) : lexicon_(lexicon) {}

  // Appends the hits in `s`, sorted by begin and non-overlapping.
  void Scan(std::string_view s, std::vector<Span>* out) const;

 private:
  const Lexicon* lexicon_;
};

}  // namespace kapi::privacy
