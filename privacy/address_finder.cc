#include "privacy/address_finder.h"

#include <string>

namespace kapi::privacy {
namespace {

constexpr uint32_t kNamedKw = kWcAddrMahalle | kWcAddrStreet | kWcAddrSite;

struct Component {
  size_t first;  // token indices, inclusive
  size_t last;
  bool named;
  bool mahalle_only = false;  // a mahalle/köy name, no street or site
};

// "Mahallesi'nde", "Caddesindeki", "mahallesine": a keyword in a case form ends the address
// phrase; what follows ("… mahallesindeki Antalya Film Platoları", "Caddesi'nde 1952'den") is
// no longer part of it.
bool Inflected(const TokenView& v, size_t k) {
  if ((v.tokens[k].flags & text::kTokHasSuffix) != 0) return true;
  std::string key = text::FoldKey(v.tokens[k].Base(v.s));
  for (const char* end : {"de", "da", "deki", "daki", "te", "ta", "ne", "na", "den", "dan"}) {
    if (key.ends_with(end) && key.size() > 6) return true;
  }
  return false;
}

bool IsNumber(const TokenView& v, size_t k) {
  return k < v.tokens.size() && v.tokens[k].kind == text::TokenKind::kNumber && !v.blocked[k];
}

bool ShortKeyword(const TokenView& v, size_t k) {
  const auto& t = v.tokens[k];
  return t.base_end - t.begin == 1;  // "D", "K": only with a colon
}

// A word that can be part of a street/mahalle name left of its keyword.
bool NamePart(const TokenView& v, size_t k) {
  if (IsNumber(v, k)) return true;
  if (!v.IsWord(k)) return false;
  if (v.Has(k, kNamedKw | kWcAddrNumber)) return false;
  uint32_t c = v.Classes(k);
  if (v.mode == CaseMode::kMixed && !v.Capitalized(k)) return (c & kWcMahalleWord) != 0;
  if (c & (kWcMahalleWord | kWcFirstName | kWcSurname | kWcIl | kWcIlce | kWcSemt)) return true;
  if (v.mode == CaseMode::kLower) return false;
  return (c & kWcCommon) == 0 || v.mode == CaseMode::kCaps;
}

// Parses a number component at keyword k ("No: 12/3", "Daire 5", "D:4", "Kat 2", "3. Kat").
// Returns the last token index, or SIZE_MAX.
size_t NumberComponent(const TokenView& v, size_t k, size_t* first) {
  *first = k;
  size_t p = k + 1;
  bool colon = false;
  if (v.IsPunct(p, '.')) ++p;
  if (v.IsPunct(p, ':')) {
    colon = true;
    ++p;
  }
  if (ShortKeyword(v, k) && !colon) return SIZE_MAX;
  if (IsNumber(v, p)) {
    size_t last = p;
    // "12/3", "12-A", "12/A", "12A"
    if ((v.IsPunct(p + 1, '/') || v.IsPunct(p + 1, '-')) &&
        (IsNumber(v, p + 2) ||
         (v.IsWord(p + 2) && v.tokens[p + 2].end - v.tokens[p + 2].begin == 1))) {
      last = p + 2;
    } else if (v.IsWord(p + 1) && !v.tokens[p + 1].space_before &&
               v.tokens[p + 1].end - v.tokens[p + 1].begin == 1) {
      last = p + 1;
    }
    return last;
  }
  // "3. Kat", "2. Blok", "A Blok"; not "580 numaralı" (a bus line, a stop, a form).
  std::string key = text::FoldKey(v.tokens[k].Base(v.s));
  if (key.starts_with("numara") || key == "no") return SIZE_MAX;
  if (k >= 1 && !ShortKeyword(v, k)) {
    size_t q = k - 1;
    if (v.IsPunct(q, '.') && q >= 1 && IsNumber(v, q - 1)) {
      *first = q - 1;
      return k;
    }
    if (IsNumber(v, q) ||
        (v.IsWord(q) && v.tokens[q].end - v.tokens[q].begin == 1 && v.Capitalized(q))) {
      *first = q;
      return k;
    }
  }
  return SIZE_MAX;
}

bool Postcode(const TokenView& v, size_t k) {
  if (!IsNumber(v, k)) return false;
  const auto& t = v.tokens[k];
  if (t.end - t.begin != 5) return false;
  int province = (v.s[t.begin] - '0') * 10 + (v.s[t.begin + 1] - '0');
  return province >= 1 && province <= 81;
}

bool GapJoins(const TokenView& v, size_t from, size_t to) {
  // Tokens strictly between components: at most two of , / - : ( )
  if (to <= from) return true;
  if (to - from > 2) return false;
  for (size_t k = from; k < to; ++k) {
    if (!(v.IsPunct(k, ',') || v.IsPunct(k, '/') || v.IsPunct(k, '-') || v.IsPunct(k, ':') ||
          v.IsPunct(k, '(') || v.IsPunct(k, ')'))) {
      return false;
    }
  }
  return true;
}

bool Place(const TokenView& v, size_t k) {
  return v.IsWord(k) && v.Has(k, kWcIl | kWcIlce | kWcSemt) &&
         (v.mode != CaseMode::kMixed || v.Capitalized(k));
}

}  // namespace

void FindAddresses(const TokenView& v, std::vector<Span>* out) {
  const size_t n = v.tokens.size();
  std::vector<Component> comps;
  size_t floor = 0;  // left expansion never reaches a previous component
  for (size_t k = 0; k < n; ++k) {
    if (!v.IsWord(k)) continue;
    uint32_t c = v.Classes(k);
    if (c & kNamedKw) {
      size_t first = k;
      size_t q = k;
      // "2670. Cadde": a dot between number and keyword.
      if (q >= 2 && q - 1 >= floor && v.IsPunct(q - 1, '.') && IsNumber(v, q - 2)) {
        first = q - 2;
      } else {
        int taken = 0;
        while (first > floor && taken < 3 && NamePart(v, first - 1) && !v.IsNewline(first - 1)) {
          if (first - 1 < v.tokens.size() && (v.tokens[first - 1].flags & text::kTokHasSuffix)) {
            break;
          }
          --first;
          ++taken;
        }
        if (taken == 0) continue;  // a keyword without a name ("mahallemizde") is no address
      }
      size_t last = k;
      if (v.IsPunct(k + 1, '.') && v.tokens[k].base_end - v.tokens[k].begin <= 4) last = k + 1;
      comps.push_back({first, last, true, (c & (kWcAddrStreet | kWcAddrSite)) == 0});
      floor = last + 1;
      k = last;
      // A bare door number right after a street: "İstiklal Cad. 45/2", "Gül Sok. 7".
      if ((c & kWcAddrStreet) && !Inflected(v, k) && IsNumber(v, last + 1) &&
          v.tokens[last + 1].end - v.tokens[last + 1].begin <= 4) {
        size_t num_last = last + 1;
        if ((v.IsPunct(num_last + 1, '/') || v.IsPunct(num_last + 1, '-')) &&
            IsNumber(v, num_last + 2)) {
          num_last += 2;
        }
        // Not the start of the next street ("Gül Sok. 12 Sokak"): that number is a name part.
        size_t after = num_last + 1;
        bool next_is_named = v.IsWord(after) && v.Has(after, kNamedKw);
        bool dotted_next =
            v.IsPunct(after, '.') && v.IsWord(after + 1) && v.Has(after + 1, kNamedKw);
        if (!next_is_named && !dotted_next) {
          comps.push_back({last + 1, num_last, false});
          floor = num_last + 1;
          k = num_last;
        }
      }
    } else if (c & kWcAddrNumber) {
      size_t first;
      size_t last = NumberComponent(v, k, &first);
      if (last == SIZE_MAX || first < floor) continue;
      comps.push_back({first, last, false});
      floor = last + 1;
      k = last;
    }
  }
  size_t i = 0;
  while (i < comps.size()) {
    size_t j = i;
    bool named = comps[i].named;
    bool mahalle_only = comps[i].mahalle_only;
    while (j + 1 < comps.size() && GapJoins(v, comps[j].last + 1, comps[j + 1].first)) {
      ++j;
      named |= comps[j].named;
      mahalle_only &= comps[j].mahalle_only;
    }
    size_t count = j - i + 1;
    size_t last = comps[j].last;
    size_t locality = SIZE_MAX;
    int places = 0;
    // Trailing il/ilçe/semt names and a postcode: "Kadıköy/İstanbul", ", 34710 Kadıköy".
    size_t p = last + 1;
    const bool open_end = !(comps[j].named && Inflected(v, comps[j].last));
    for (int step = 0; step < 4 && open_end; ++step) {
      size_t q = p;
      if (v.IsPunct(q, ',') || v.IsPunct(q, '/') || v.IsPunct(q, '-') || v.IsPunct(q, '(')) ++q;
      if (Place(v, q) || Postcode(v, q)) {
        if (locality == SIZE_MAX) locality = q;
        ++places;
        last = q;
        p = q + 1;
        if (v.IsPunct(p, ')')) {
          last = p;
          ++p;
        }
      } else {
        break;
      }
    }
    // A list of mahalle names ("Yurt Mahallesi, Toros Mahallesi") says where, not whose address:
    // mahalle parts alone need an il/ilçe or postcode.
    if (named && ((count >= 2 && !mahalle_only) || places >= 1)) {
      uint32_t b = v.tokens[comps[i].first].begin;
      uint32_t e = v.tokens[last].base_end;
      uint32_t loc = locality == SIZE_MAX ? e : v.tokens[locality].begin;
      out->push_back({EntityType::kAddress, b, e, loc});
    }
    i = j + 1;
  }
}

}  // namespace kapi::privacy
