#include "privacy/person_finder.h"

#include <algorithm>
#include <string>

namespace kapi::privacy {
namespace {

// A word that may be part of a name, and how strongly it says so.
enum class NameClass : uint8_t { kNone, kFirst, kFirstWeak, kSurname, kSurnameWeak, kUnknown };

constexpr uint32_t kKeywordClasses = kWcTitleBefore | kWcTitleAfter | kWcIntro | kWcWeakIntro |
                                     kWcNamedAfter | kWcRole | kWcClosing | kWcLabel |
                                     kWcAddrMahalle | kWcAddrStreet | kWcAddrSite | kWcAddrNumber |
                                     kWcMonth | kWcOrgSuffix | kWcNotName;

// Evidence weights (log-odds-like points). A segment is a name when its evidence reaches the
// threshold of its length and case mode; strong context adds kStrong.
constexpr float kFirstPts = 3.0f;
constexpr float kSurnamePts = 2.5f;
constexpr float kWeakPts = 1.0f;
constexpr float kStrong = 5.0f;

NameClass Classify(const TokenView& v, size_t k) {
  if (!v.IsWord(k)) return NameClass::kNone;
  uint32_t c = v.Classes(k);
  const auto& t = v.tokens[k];
  if (t.base_end - t.begin < 2) return NameClass::kNone;
  if (c & kKeywordClasses) return NameClass::kNone;
  bool place = (c & (kWcIl | kWcIlce)) != 0;
  if ((c & kWcFirstName) && !(c & kWcFirstNameAmbiguous) && !place) return NameClass::kFirst;
  if ((c & kWcSurname) && !(c & kWcSurnameAmbiguous) && !place) return NameClass::kSurname;
  if (c & kWcFirstName) return NameClass::kFirstWeak;
  if (c & kWcSurname) return NameClass::kSurnameWeak;
  if (c & (kWcCommon | kWcIl | kWcIlce)) return NameClass::kNone;
  // An acronym in mixed-case text ("SGK", "PTT") is not a name.
  if (v.mode == CaseMode::kMixed && v.AllUpper(k)) return NameClass::kNone;
  return NameClass::kUnknown;
}

float UnknownPoints(const TokenView& v, const Lexicon&, size_t k) {
  return std::clamp(v.NameScore(k) / 2.0f, -4.0f, 2.5f);
}

bool StrongBefore(const TokenView& v, size_t a) {
  if (a == 0) return false;
  size_t p = a - 1;
  if (v.IsPunct(p, '.') && p > 0 && v.Has(p - 1, kWcTitleBefore)) return true;  // "Dr. Ali"
  if (v.IsWord(p) && v.Has(p, kWcTitleBefore | kWcIntro | kWcRole)) return true;
  // Form label: "Ad Soyad: Ali Veli", "Adı Soyadı - Ali".
  if (v.IsPunct(p, ':') || v.IsPunct(p, '-')) {
    if (p > 0 && v.Has(p - 1, kWcLabel)) return true;
  }
  // Signature: the previous line ends with a closing word ("Saygılarımla,\nAli Veli"), or the
  // closing and a comma precede the name on one line ("Saygılarımla, Ali Veli").
  size_t q = p;
  bool newline = false;
  bool comma = false;
  while (q != SIZE_MAX &&
         (v.IsNewline(q) || v.IsPunct(q, ',') || v.IsPunct(q, '.') || v.IsPunct(q, '!'))) {
    newline |= v.IsNewline(q);
    comma |= v.IsPunct(q, ',');
    q = q == 0 ? SIZE_MAX : q - 1;
  }
  return q != SIZE_MAX && v.Has(q, kWcClosing) && (newline || (comma && p == q + 1));
}

bool StrongAfter(const TokenView& v, size_t b) {
  size_t n = b + 1;
  return v.IsWord(n) && v.Has(n, kWcTitleAfter | kWcNamedAfter);
}

bool OrganisationAfter(const TokenView& v, size_t b) {
  size_t n = b + 1;
  return v.IsWord(n) && v.Has(n, kWcOrgSuffix | kWcAddrStreet | kWcAddrMahalle | kWcAddrSite);
}

// "… olarak" (ben Ali Veli olarak), "… tarafından": a person often, an organisation sometimes.
bool OlarakAfter(const TokenView& v, size_t b) {
  size_t n = b + 1;
  if (!v.IsWord(n)) return false;
  std::string key = text::FoldKey(v.tokens[n].Text(v.s));
  return key == "olarak" || key == "tarafindan";
}

// The segment is alone on the last line of the text (a bare signature).
bool LastLineAlone(const TokenView& v, size_t a, size_t b) {
  if (a == 0 || !v.IsNewline(a - 1)) return false;
  for (size_t k = b + 1; k < v.tokens.size(); ++k) {
    if (v.IsNewline(k)) return false;
    if (v.tokens[k].kind == text::TokenKind::kWord) return false;
  }
  return true;
}

void Evaluate(const TokenView& v, const Lexicon& lex, size_t a, size_t b, std::vector<Span>* out) {
  size_t len = b - a + 1;
  if (len > 4) return;
  float points = 0;
  int gazetteer = 0;
  float worst_unknown = 10;
  bool single_place = false;
  for (size_t k = a; k <= b; ++k) {
    switch (Classify(v, k)) {
      case NameClass::kFirst:
        points += kFirstPts;
        ++gazetteer;
        break;
      case NameClass::kSurname:
        points += kSurnamePts;
        ++gazetteer;
        break;
      case NameClass::kFirstWeak:
      case NameClass::kSurnameWeak:
        points += kWeakPts;
        ++gazetteer;
        single_place |= v.Has(k, kWcIl | kWcIlce);
        break;
      case NameClass::kUnknown: {
        float u = UnknownPoints(v, lex, k);
        worst_unknown = std::min(worst_unknown, u);
        points += u;
        break;
      }
      case NameClass::kNone:
        return;
    }
  }
  if (OrganisationAfter(v, b)) return;
  // "#Avcı", "#CanYücel": a hashtag is a topic, not a mention of a person.
  if (a > 0 && v.IsPunct(a - 1, '#') && !v.tokens[a].space_before) return;
  bool strong = StrongBefore(v, a) || StrongAfter(v, b);
  bool lower_shape = !v.Capitalized(a);
  // A context word vouches for a name, not for any word: a lone word after it must be a known
  // name or look like one, and lower-case words in mixed-case text must look like names.
  if (strong && gazetteer == 0 && len == 1 && worst_unknown <= 0.0f) return;
  if (strong && v.mode == CaseMode::kMixed && lower_shape) {
    for (size_t k = a; k <= b; ++k) {
      NameClass c = Classify(v, k);
      if (c == NameClass::kFirst || c == NameClass::kSurname) continue;
      if (c == NameClass::kUnknown && UnknownPoints(v, lex, k) > 1.0f) continue;
      return;
    }
  }
  if (v.mode == CaseMode::kMixed && lower_shape && !strong) return;
  if (worst_unknown < -1.5f && !strong) return;
  if (worst_unknown < -3.0f) return;
  if (strong) points += kStrong;
  // "Ben Ali Veli, …": "ben" vouches only for capitalised words in mixed-case text.
  if (!strong && a > 0 && v.IsWord(a - 1) && v.Has(a - 1, kWcWeakIntro) &&
      (v.mode == CaseMode::kMixed || v.mode == CaseMode::kCaps)) {
    points += 1.5f;
  }
  if (OlarakAfter(v, b)) points += 1.5f;
  if (LastLineAlone(v, a, b)) points += 1.5f;
  if ((v.tokens[b].flags & text::kTokHasSuffix) != 0) points += 0.5f;
  float threshold;
  if (len == 1) {
    threshold = v.mode == CaseMode::kMixed ? 3.0f : (v.mode == CaseMode::kCaps ? 4.0f : 4.5f);
    if (v.Has(a, kWcSemt)) points -= 1.0f;
    if (v.mode == CaseMode::kMixed && !v.SentenceInitial(a)) points += 0.5f;
    // "Aynı", "Günaydın", "Batı" opening a sentence are ordinary words that happen to be names.
    if (v.SentenceInitial(a) && v.Has(a, kWcCommon) && !strong) return;
    if (single_place) points -= 1.0f;
    // An all-capital single word in mixed text is an acronym or a shout, not a name.
    if (v.mode == CaseMode::kMixed && v.AllUpper(a) && !strong) return;
  } else {
    // Two capitalised words inside a sentence are a name more often than at its start.
    if (v.mode == CaseMode::kMixed) {
      threshold = v.SentenceInitial(a) ? 3.5f : 2.5f;
    } else {
      threshold = v.mode == CaseMode::kCaps ? 4.0f : 4.5f;
    }
  }
  if (lower_shape && gazetteer == 0 && points < threshold + 1.5f) return;
  if (points < threshold) return;
  out->push_back(
      {EntityType::kPerson, v.tokens[a].begin, v.tokens[b].base_end, v.tokens[b].base_end});
}

// Whether token k can start or continue a name run by its shape.
bool Shaped(const TokenView& v, size_t k) {
  if (!v.IsWord(k)) return false;
  return v.mode != CaseMode::kMixed || v.Capitalized(k);
}

void EvaluateRun(const TokenView& v, const Lexicon& lex, size_t k, size_t e,
                 std::vector<Span>* out) {
  size_t q = k;
  while (q <= e) {
    if (Classify(v, q) == NameClass::kNone) {
      ++q;
      continue;
    }
    size_t r = q;
    while (r + 1 <= e && Classify(v, r + 1) != NameClass::kNone) ++r;
    Evaluate(v, lex, q, r, out);
    q = r + 1;
  }
}

}  // namespace

void FindPersons(const TokenView& v, const Lexicon& lex, std::vector<Span>* out) {
  const size_t n = v.tokens.size();
  size_t k = 0;
  while (k < n) {
    if (!Shaped(v, k)) {
      // Mixed-case text, lower-case words right after a strong cue: "adım ahmet yılmaz".
      if (v.mode == CaseMode::kMixed && v.IsWord(k) && k > 0 && StrongBefore(v, k)) {
        size_t e = k;
        while (e + 1 < n && e - k < 2 && (v.tokens[e].flags & text::kTokHasSuffix) == 0 &&
               v.IsWord(e + 1) && !v.Capitalized(e + 1)) {
          ++e;
        }
        size_t before = out->size();
        EvaluateRun(v, lex, k, e, out);
        if (out->size() > before) {
          k = e + 1;
          continue;
        }
      }
      ++k;
      continue;
    }
    // Maximal run of shaped words separated only by spaces; a suffix ends it.
    size_t e = k;
    while ((v.tokens[e].flags & text::kTokHasSuffix) == 0 && e + 1 < n && Shaped(v, e + 1)) ++e;
    EvaluateRun(v, lex, k, e, out);
    k = e + 1;
  }
}

}  // namespace kapi::privacy
