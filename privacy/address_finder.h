#pragma once
// ADDRESS: postal addresses precise enough to find a household. An address is a group of
// adjacent components — a named part (… Mahallesi, … Caddesi/Cad., … Sokak/Sk., … Bulvarı,
// … Sitesi, … Apartmanı) or a number part (No: 12/3, Daire 5, Kat 2, D:4, Blok) — optionally
// followed by il/ilçe names (places_ptt gazetteer) and a postcode. A group needs a named part and
// one more component or place; a bare "Cumhuriyet Mahallesi" or "No: 5" is not an address.
//
// Stateless; thread-safe.

#include <vector>

#include "privacy/span.h"
#include "privacy/token_view.h"

namespace kapi::privacy {

// Appends ADDRESS spans found in `view` (sorted, non-overlapping). Each span's `locality` is the
// byte offset where its trailing il/ilçe/postcode part starts (== end if none).
void FindAddresses(const TokenView& view, std::vector<Span>* out);

}  // namespace kapi::privacy
