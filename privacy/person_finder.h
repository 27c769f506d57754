#pragma once
// PERSON: person names from gazetteers (first names, surnames) and context — titles before
// (Sayın, Dr., Av.), honorifics after (Bey, Hanım), introductions (adım, ismim, ben … olarak),
// kinship and role words (komşum, vatandaş, temsilci), form labels (Ad Soyad:), signature lines
// after a closing (Saygılarımla) — plus capitalisation, which lets names that are in no list
// through when the context or a known neighbour vouches for them. An apostrophe suffix is left
// out of the span ("Ahmet'in" → "Ahmet").
//
// Stateless; thread-safe.

#include <vector>

#include "privacy/span.h"
#include "privacy/token_view.h"

namespace kapi::privacy {

// Appends PERSON spans found in `view` (sorted, non-overlapping).
void FindPersons(const TokenView& view, const Lexicon& lexicon, std::vector<Span>* out);

}  // namespace kapi::privacy
