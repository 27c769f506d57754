#pragma once
// The word knowledge the detectors share: first names and surnames (from ../shared/data/names),
// il/ilçe/semt/mahalle names (from places_ptt), ordinary words seen in lower case in the corpora,
// and the built-in keyword classes (titles, address words, months, ...). Every entry is keyed by
// the fold key of text/tokenizer.h, so "ŞÜKRÜ", "Şükrü" and "sukru" are the same word.
//
// Built once (LoadLexicon) and read-only afterwards: Lookup is thread-safe.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "privacy/word_map.h"

namespace kapi::privacy {

// Word classes; a word may have several.
enum WordClass : uint32_t {
  kWcFirstName = 1u << 0,
  kWcFirstNameAmbiguous = 1u << 1,  // also an ordinary word ("umut", "can")
  kWcSurname = 1u << 2,
  kWcSurnameAmbiguous = 1u << 3,  // also an ordinary word ("demir", "yıldız")
  kWcCommon = 1u << 4,            // an ordinary lower-case word of the corpora
  kWcIl = 1u << 5,
  kWcIlce = 1u << 6,
  kWcSemt = 1u << 7,
  kWcMahalleWord = 1u << 8,  // a word of some mahalle/köy name
  kWcTitleBefore = 1u << 9,  // Sayın, Sn, Dr, Av, Bay, Bayan, ...
  kWcTitleAfter = 1u << 10,  // Bey, Hanım, Hoca, Usta, ...
  kWcIntro = 1u << 11,       // adım, ismim, ben, ...: a name follows
  kWcNamedAfter = 1u << 12,  // isimli, adlı, adındaki: a name precedes
  kWcRole = 1u << 13,        // komşum, oğlum, vatandaş, temsilci, ...: a name may follow
  kWcClosing = 1u << 14,     // saygılarımla, teşekkürler: a signature follows
  kWcAddrMahalle = 1u << 15,
  kWcAddrStreet = 1u << 16,
  kWcAddrSite = 1u << 17,
  kWcAddrNumber = 1u << 18,  // no, numara, daire, kat, blok
  kWcMonth = 1u << 19,
  kWcOrgSuffix = 1u << 20,  // belediyesi, bakanlığı, a.ş., ltd: the run before is an organisation
  kWcNotName = 1u << 21,    // capitalised words that are never person names (days, brands, ...)
  kWcLabel = 1u << 22,      // ad, soyad, isim, adı, soyadı: form labels before a name
  kWcWeakIntro = 1u << 23,  // "ben": a capitalised name may follow
};

// The classes that come from the built-in keyword lists (a small table that stays in cache).
inline constexpr uint32_t kBuiltinClasses = kWcTitleBefore | kWcTitleAfter | kWcIntro |
                                            kWcNamedAfter | kWcRole | kWcClosing | kWcAddrMahalle |
                                            kWcAddrStreet | kWcAddrSite | kWcAddrNumber | kWcMonth |
                                            kWcOrgSuffix | kWcNotName | kWcLabel | kWcWeakIntro;

class Lexicon {
 public:
  // Reads first_names.tsv, surnames.tsv, places.tsv and common_words.txt from `dir`
  // (privacy/resources) and adds the built-in keyword classes.
  static Result<std::unique_ptr<Lexicon>> Load(const std::string& dir);
  // A lexicon with only the built-in keyword classes (for tests and the structured-only mode).
  static std::unique_ptr<Lexicon> BuiltinOnly();

  // Classes of the folded word `key` (0 when unknown).
  uint32_t Lookup(std::string_view key) const { return words_.Find(key); }
  // Only the built-in keyword classes of `key` (a lookup in a table of a few hundred words).
  uint32_t LookupBuiltin(std::string_view key) const { return builtins_.Find(key); }
  size_t size() const { return words_.size(); }

  // Log-odds that the folded word `key` is a person name rather than an ordinary word or the
  // name of a place/organisation, from the character n-gram model in name_model.txt (0 when no
  // model is loaded). Typical range −15…+12; > 0 leans to "name".
  float NameScore(std::string_view key) const;

  // Adds classes to a word. Only while building (Load/BuiltinOnly call Finish()).
  void Add(std::string_view key, uint32_t classes) { words_.Add(key, classes); }
  void Finish() {
    words_.Finish();
    builtins_.Finish();
  }

 private:
  void AddBuiltins();

  Status LoadNameModel(const std::string& path);

  WordMap words_;
  WordMap builtins_;
  std::vector<int8_t> model_;  // weights ×10 per hashed n-gram bucket
  float model_bias_ = 0;
};

}  // namespace kapi::privacy
