#include "privacy/person_finder.h"

#include <algorithm>
#include <string>
#include <string_view>

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

// Titles, form labels and "adım" before, or Bey/Hanım after: context that names, not describes.
bool FormalContext(const TokenView& v, size_t a) {
  if (a > 0 && v.IsWord(a - 1) && v.Has(a - 1, kWcTitleBefore | kWcIntro | kWcLabel)) return true;
  if (a > 1 && v.IsPunct(a - 1, '.') && v.Has(a - 2, kWcTitleBefore)) return true;
  if (a > 1 && (v.IsPunct(a - 1, ':') || v.IsPunct(a - 1, '-')) && v.Has(a - 2, kWcLabel)) {
    return true;
  }
  if (!v.IsWord(a + 1)) return false;
  std::string key = text::FoldKey(v.tokens[a + 1].Base(v.s));
  return key.starts_with("bey") || key.starts_with("hanim");
}

bool StrongAfter(const TokenView& v, size_t b) {
  size_t n = b + 1;
  return v.IsWord(n) && v.Has(n, kWcTitleAfter | kWcNamedAfter);
}

bool OrganisationAfter(const TokenView& v, size_t b) {
  size_t n = b + 1;
  return v.IsWord(n) && v.Has(n, kWcOrgSuffix | kWcAddrStreet | kWcAddrMahalle | kWcAddrSite);
}

// An organisation or address word later in the same run of capitalised words: "Namık Kemal
// Mahallesi", "Necmeddin Feyzioğlu Halk Kütüphanesi".
bool OrganisationLaterInRun(const TokenView& v, size_t b, size_t run_b) {
  for (size_t k = b + 1; k <= run_b && Classify(v, k) == NameClass::kNone; ++k) {
    if (OrganisationAfter(v, k)) return true;
  }
  return false;
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

bool PunctIn(const TokenView& v, size_t k, std::string_view set) {
  return k < v.tokens.size() && v.tokens[k].kind == text::TokenKind::kPunct &&
         v.tokens[k].end - v.tokens[k].begin == 1 &&
         set.find(v.s[v.tokens[k].begin]) != std::string_view::npos;
}

// "@Kaan_Terzioglu", "#CanYücel", "instagr.am/p/HuQjLOhZZF": pieces of handles, hashtags and
// links are identifiers or topics, not mentions of a person.
bool GluedToIdentifier(const TokenView& v, size_t a, size_t b) {
  if (a > 0 && !v.tokens[a].space_before && PunctIn(v, a - 1, "@#/_=&")) return true;
  return b + 1 < v.tokens.size() && !v.tokens[b + 1].space_before && PunctIn(v, b + 1, "_/@");
}

// "Ben Ali Veli, …", "ben Ali Veli olarak …": a self-introduction closed by a comma or "olarak"
// vouches for the words between like "Adım" does.
bool SelfIntroduction(const TokenView& v, size_t a, size_t b) {
  if (a == 0 || !v.IsWord(a - 1) || !v.Has(a - 1, kWcWeakIntro)) return false;
  return PunctIn(v, b + 1, ",") || OlarakAfter(v, b);
}

// A capitalised ordinary word next to the segment inside its run of capitalised words makes the
// run the name of a thing ("Tam Ziynet", "Nobel Kimya Ödülü", "Çevik Kuvvet", "Ata Lira"). Only
// in mixed-case text; a sentence-initial word and keyword classes (titles, roles) do not count.
bool OrdinaryCapital(const TokenView& v, size_t k, bool run_start) {
  if (!v.IsWord(k) || !v.Capitalized(k) || v.Has(k, kBuiltinClasses)) return false;
  if (run_start && v.SentenceInitial(k)) return false;
  return v.Has(k, kWcCommon);
}

// A possessive or agent noun ("Milletvekilleri", "Yardımcısı", "Sanatçı") before a name is its
// title, not part of a thing's name; in fold keys these end in i or u.
bool TitleLike(const TokenView& v, size_t k) {
  std::string_view w = v.tokens[k].Base(v.s);
  if (w.empty()) return false;
  unsigned char c = static_cast<unsigned char>(w.back());
  if (c == 'i' || c == 'u') return true;
  // ı (C4 B1) and ü (C3 BC) end in these UTF-8 bytes.
  return w.size() >= 2 && ((static_cast<unsigned char>(w[w.size() - 2]) == 0xC4 && c == 0xB1) ||
                           (static_cast<unsigned char>(w[w.size() - 2]) == 0xC3 && c == 0xBC));
}

// A lone known first name followed by a capitalised ordinary word: the word is a surname that is
// also an ordinary word ("Rıza Sarraf", "Miraç Kal", "Ülkü Duru").
bool CommonWordSurname(const TokenView& v, size_t run_b, size_t a, size_t b) {
  if (v.mode != CaseMode::kMixed || a != b || b >= run_b || Classify(v, a) != NameClass::kFirst ||
      !OrdinaryCapital(v, b + 1, false) || v.Has(b + 1, kWcOrgSuffix | kWcIl | kWcIlce)) {
    return false;
  }
  // A noun before etmek/olmak is part of a verb ("Seyda Vefat edene", "Ali Kabul etti").
  if (!v.IsWord(b + 2) || (v.tokens[b + 1].flags & text::kTokHasSuffix) != 0) return true;
  std::string verb = text::FoldKey(v.tokens[b + 2].Text(v.s));
  return !(verb.starts_with("et") || verb.starts_with("ed") || verb.starts_with("ol"));
}

bool InNamedThing(const TokenView& v, size_t run_a, size_t run_b, size_t a, size_t b) {
  if (v.mode != CaseMode::kMixed) return false;
  if (a > run_a && OrdinaryCapital(v, a - 1, a - 1 == run_a) && !TitleLike(v, a - 1)) return true;
  return b < run_b && OrdinaryCapital(v, b + 1, false);
}

// The segment [a, b] inside the run [run_a, run_b] of shaped words.
void Evaluate(const TokenView& v, const Lexicon& lex, size_t run_a, size_t run_b, size_t a,
              size_t b, std::vector<Span>* out) {
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
  if (OrganisationAfter(v, b) || OrganisationLaterInRun(v, b, run_b)) return;
  if (GluedToIdentifier(v, a, b)) return;
  if (CommonWordSurname(v, run_b, a, b)) {
    ++b;
    ++len;
    points += kWeakPts;
    if (OrganisationAfter(v, b)) return;
  }
  bool strong = StrongBefore(v, a) || StrongAfter(v, b) || SelfIntroduction(v, a, b);
  if (!strong && InNamedThing(v, run_a, run_b, a, b)) return;
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
  // Strong context vouches for two or more words whatever the name model says of them (names in
  // no list: "Ad Soyad: Kutışık Karatepe"); a lone word still has to look like a name.
  if (worst_unknown < -3.0f && (len == 1 || !strong)) return;
  if (strong) points += kStrong;
  // "Ben Ali Veli, …": "ben" vouches only for capitalised words in mixed-case text.
  bool ben = !strong && a > 0 && v.IsWord(a - 1) && v.Has(a - 1, kWcWeakIntro) &&
             (v.mode == CaseMode::kMixed || v.mode == CaseMode::kCaps);
  if (ben) points += 1.5f;
  bool olarak = OlarakAfter(v, b);
  bool last_line = LastLineAlone(v, a, b);
  if (olarak) points += 1.5f;
  if (last_line) points += 1.5f;
  // A lone word in no list and without any context is a brand, a place or a foreign word far
  // more often than a person ("Baseus", "Harvard", "Kızılay"); a surname repeated after the full
  // name is found by PropagateSurnames.
  if (len == 1 && gazetteer == 0 && !strong && !ben && !olarak && !last_line) return;
  // Without capitals, a lone word that is also an ordinary word needs a title or a label, not
  // only a role or a familiar address ("MÜŞTERİ MUTLU", "KAFAN MI GÜZEL ABI").
  if (len == 1 && v.mode != CaseMode::kMixed && Classify(v, a) != NameClass::kFirst &&
      Classify(v, a) != NameClass::kSurname && !FormalContext(v, a)) {
    return;
  }
  if ((v.tokens[b].flags & text::kTokHasSuffix) != 0) points += 0.5f;
  float threshold;
  if (len == 1) {
    threshold = v.mode == CaseMode::kMixed ? 3.0f : (v.mode == CaseMode::kCaps ? 4.0f : 4.5f);
    if (v.Has(a, kWcSemt)) points -= 1.0f;
    if (v.mode == CaseMode::kMixed && !v.SentenceInitial(a)) points += 0.5f;
    // "Aynı", "Günaydın", "Batı" opening a sentence are ordinary words that happen to be names.
    // "@USER Günaydın hocam": a familiar address does not vouch for such a word either.
    if (v.SentenceInitial(a) && v.Has(a, kWcCommon) && (!strong || !FormalContext(v, a))) return;
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
  // Text without case (all lower or all caps): strong context is the only signal, and two or
  // more words that are neither ordinary words nor keywords after it are a name
  // ("müşteri temsilcisi yarsu sarıkan kabaca konuştu").
  if (strong && len >= 2 && v.mode != CaseMode::kMixed) {
    points = std::max(points, threshold + 1.5f);
  }
  if (lower_shape && gazetteer == 0 && points < threshold + 1.5f) return;
  // Strong context and two or more capitalised words that are neither ordinary words nor
  // keywords: a name, whatever the model thinks of names it has never seen.
  if (strong && len >= 2 && !lower_shape) points = std::max(points, threshold);
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
    Evaluate(v, lex, k, e, q, r, out);
    q = r + 1;
  }
}

// Index of the word whose base ends at byte `end` (SIZE_MAX if none).
size_t WordEndingAt(const TokenView& v, uint32_t end) {
  auto it = std::lower_bound(v.tokens.begin(), v.tokens.end(), end,
                             [](const text::Token& t, uint32_t e) { return t.begin < e; });
  if (it == v.tokens.begin()) return SIZE_MAX;
  size_t k = static_cast<size_t>(it - v.tokens.begin()) - 1;
  return v.tokens[k].base_end == end ? k : SIZE_MAX;
}

bool Covered(const std::vector<Span>& spans, size_t from, const text::Token& t) {
  for (size_t i = from; i < spans.size(); ++i) {
    if (spans[i].begin < t.end && t.begin < spans[i].end) return true;
  }
  return false;
}

// A surname mentioned again on its own ("Recep Tayyip Erdoğan … Erdoğan'ın"): the last word of
// every name of two or more words found in [from, end) marks its other shaped occurrences.
void PropagateSurnames(const TokenView& v, size_t from, std::vector<Span>* out) {
  std::vector<std::string> keys;
  for (size_t i = from; i < out->size(); ++i) {
    size_t k = WordEndingAt(v, (*out)[i].end);
    if (k == SIZE_MAX || v.tokens[k].begin <= (*out)[i].begin) continue;
    if (v.tokens[k].base_end - v.tokens[k].begin >= 3) {
      keys.push_back(text::FoldKey(v.tokens[k].Base(v.s)));
    }
  }
  if (keys.empty()) return;
  for (size_t k = 0; k < v.tokens.size(); ++k) {
    if (!Shaped(v, k) || Classify(v, k) == NameClass::kNone || GluedToIdentifier(v, k, k)) {
      continue;
    }
    std::string key = text::FoldKey(v.tokens[k].Base(v.s));
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) continue;
    if (Covered(*out, from, v.tokens[k]) || OrganisationAfter(v, k)) continue;
    if (k + 1 < v.tokens.size() && v.IsWord(k + 1) && Shaped(v, k + 1) &&
        v.mode == CaseMode::kMixed) {
      continue;  // "Nobel Kimya Ödülü" after "Alfred Nobel": part of another name
    }
    out->push_back(
        {EntityType::kPerson, v.tokens[k].begin, v.tokens[k].base_end, v.tokens[k].base_end});
  }
}

}  // namespace

void FindPersons(const TokenView& v, const Lexicon& lex, std::vector<Span>* out) {
  const size_t from = out->size();
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
  PropagateSurnames(v, from, out);
}

}  // namespace kapi::privacy
