#include "privacy/lexicon.h"

#include <sodium.h>

#include <cstring>
#include <fstream>

#include "text/tokenizer.h"

namespace kapi::privacy {
namespace {

constexpr size_t kModelBuckets = 1u << 17;

struct Builtin {
  uint32_t classes;
  const char* words;  // space separated, already folded
};

// Folded keyword classes. Suffixed forms are listed where they are frequent.
constexpr Builtin kBuiltins[] = {
    {kWcTitleBefore,
     "sayin sn say bay bayan dr doktor av avukat prof doc uzm op ogr gor yrd muhendis mudur "
     "mudurum hakim savci hemsire sayinlar bakan bakani baskan baskani cumhurbaskani basbakan "
     "basbakani milletvekili vekili vali valisi kaymakam kaymakami rektor rektoru dekan "
     "baskanvekili sozcusu sozcu genelbaskani antrenor direktor yonetmen yazar sanatci "
     "oyuncu sarkici futbolcu gazeteci ogretmenimiz"},
    {kWcTitleAfter,
     "bey beyi beye beyin beyden beyle beyefendi hanim hanima hanimin hanimdan hanimla "
     "hanimefendi hoca hocam hocanin hocaya usta ustanin abi abla abinin ablanin amca teyze "
     "efendi agabey dayi"},
    {kWcIntro, "adim ismim adimiz adi ismi"},
    {kWcWeakIntro, "ben"},
    {kWcNamedAfter, "isimli adli adinda adindaki isminde ismindeki adina"},
    {kWcRole,
     "komsum komsumuz oglum kizim esim annem babam kardesim abim ablam dedem ninem amcam "
     "teyzem dayim halam yegenim arkadasim vatandas musteri temsilci temsilciniz temsilcisi "
     "muhtar muhtarimiz memur personel gorevli yetkili calisan sofor ogretmen doktorumuz "
     "ogrencimiz hastamiz vekili vekilim mirasci kiraci ev sahibi esi oglu kizi annesi "
     "babasi"},
    {kWcClosing,
     "saygilarimla saygilarimizla saygilar saygi tesekkurler tesekkur ederim iyi calismalar "
     "selamlar bilgilerinize arz ederim"},
    {kWcLabel,
     "ad soyad adi soyadi isim soyisim adsoyad ismi adiniz soyadiniz basvuran "
     "basvuru sahibi imza unvan"},
    {kWcAddrMahalle,
     "mahalle mahallesi mahallesinde mahallesindeki mahallesine mahallemiz mahallemizde mah mh "
     "mahallesinin koyu koy"},
    {kWcAddrStreet,
     "cadde caddesi caddesinde caddesindeki caddesine cad cd sokak sokagi sokakta sokaktaki "
     "sokagina sokaginda sok sk bulvar bulvari bulvarinda bulvarindaki blv bulv cikmazi "
     "cikmaz meydani yolu"},
    {kWcAddrSite,
     "site sitesi sitesinde sitesindeki apartman apartmani apartmaninda apt ap konutlari "
     "evleri residence rezidans plaza pasaji ishani"},
    {kWcAddrNumber, "no numara numarali daire kat blok blk d k"},
    {kWcMonth,
     "ocak subat mart nisan mayis haziran temmuz agustos eylul ekim kasim aralik oca sub mar "
     "nis haz tem agu eyl eki kas ara"},
    {kWcOrgSuffix,
     "belediyesi belediye bakanligi bakanlik mudurlugu mudurluk universitesi universite "
     "hastanesi hastane okulu lisesi valiligi kaymakamligi baskanligi kurumu genel ltd sti as "
     "holding sirketi bankasi bank kulubu vakfi dernegi partisi meclisi caddesi sokagi "
     "mahallesi bulvari apartmani sitesi koyu ilcesi ili camii camisi parki stadyumu "
     "merkezi magazasi marketi otel oteli plaza avm market kuruyemis eczanesi eczane firmasi "
     "turizm insaat tuneli koprusu kopru havalimani limani istasyonu metrosu hastanesinde "
     "suresi sokagi grup grubu ofis ofisi duragi duraginda duragina duragindan parkinda "
     "parkina ajans ajansi restaurant restoran restorani lokanta lokantasi cafe kafe kafesi "
     "pastanesi firini"},
    {kWcNotName,
     "iban user rt ramazan bayram kurban bayrami noel cin suriye asya avrupa afrika amerika "
     "rusya iran irak almanya ingiltere fransa italya ispanya yunanistan japonya kore hindistan "
     "arap turk yunan ermeni rus alman ingiliz fransiz amerikan israil filistin misir "
     "azerbaycan gurcistan bulgaristan hollanda belcika isvec norvec ukrayna polonya cumhuriyet "
     "dunya ak chp akp mhp hdp parti partisi tbmm meclis hukumet devlet "
     "pazartesi sali carsamba persembe cuma cumartesi pazar allah tanri turkcell vodafone "
     "turk telekom turkiye istanbul ankara izmir google twitter facebook whatsapp instagram "
     "youtube apple samsung iphone netflix superonline ttnet bimcell avea edevlet e-devlet "
     "cimer sgk ptt tc kvkk tl usd eur trt atatürk ataturk mustafa kemal"},
};

}  // namespace

void Lexicon::AddBuiltins() {
  for (const auto& b : kBuiltins) {
    std::string_view all(b.words);
    size_t pos = 0;
    while (pos < all.size()) {
      size_t sp = all.find(' ', pos);
      if (sp == std::string_view::npos) sp = all.size();
      if (sp > pos) {
        Add(all.substr(pos, sp - pos), b.classes);
        builtins_.Add(all.substr(pos, sp - pos), b.classes);
      }
      pos = sp + 1;
    }
  }
  // "Mustafa Kemal" and "Atatürk" are names but almost always the street/school namesake: the
  // kWcNotName entry keeps them out of person spans; they stay first names for address parts.
}

std::unique_ptr<Lexicon> Lexicon::BuiltinOnly() {
  auto lex = std::make_unique<Lexicon>();
  lex->AddBuiltins();
  lex->Finish();
  return lex;
}

namespace {

// Calls fn(key, rest) for every non-comment line "key<TAB>rest" (rest empty without a tab).
template <typename Fn>
Status ReadTable(const std::string& path, Fn fn) {
  std::ifstream in(path);
  if (!in) return NotFound("cannot read lexicon file " + path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    size_t tab = line.find('\t');
    std::string_view key(line.data(), tab == std::string::npos ? line.size() : tab);
    std::string_view rest =
        tab == std::string::npos ? std::string_view() : std::string_view(line).substr(tab + 1);
    fn(key, rest);
  }
  return Status::Ok();
}

}  // namespace

Status Lexicon::LoadNameModel(const std::string& path) {
  std::ifstream in(path);
  if (!in) return NotFound("cannot read name model " + path);
  std::string line;
  std::string b64;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (line.starts_with("bias\t")) {
      model_bias_ = std::strtof(line.c_str() + 5, nullptr);
      continue;
    }
    b64 += line;
  }
  model_.assign(b64.size() / 4 * 3 + 3, 0);
  size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(model_.data()), model_.size(), b64.data(),
                        b64.size(), nullptr, &len, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0 ||
      len != kModelBuckets) {
    return FailedPrecondition("name model " + path + " is malformed");
  }
  model_.resize(len);
  return Status::Ok();
}

float Lexicon::NameScore(std::string_view key) const {
  if (model_.size() != kModelBuckets) return 0;
  // Same features as tools/pii_resources/build_resources.py: the set of FNV-1a buckets of the
  // 2..5-byte n-grams of "^key$".
  char buf[72];
  if (key.size() > 64) key = key.substr(0, 64);
  buf[0] = '^';
  std::memcpy(buf + 1, key.data(), key.size());
  buf[key.size() + 1] = '$';
  const size_t n = key.size() + 2;
  uint32_t seen[300];
  size_t nseen = 0;
  int32_t sum = 0;
  for (size_t g = 2; g <= 5; ++g) {
    for (size_t i = 0; i + g <= n; ++i) {
      uint32_t h = 2166136261u;
      for (size_t k = i; k < i + g; ++k) {
        h ^= static_cast<unsigned char>(buf[k]);
        h *= 16777619u;
      }
      uint32_t b = h % kModelBuckets;
      bool dup = false;
      for (size_t q = 0; q < nseen; ++q) dup |= seen[q] == b;
      if (dup) continue;
      seen[nseen++] = b;
      sum += model_[b];
    }
  }
  return model_bias_ + static_cast<float>(sum) / 10.0f;
}

Result<std::unique_ptr<Lexicon>> Lexicon::Load(const std::string& dir) {
  auto lex = std::make_unique<Lexicon>();
  KAPI_RETURN_IF_ERROR(ReadTable(dir + "/common_words.txt",
                                 [&](std::string_view key, auto) { lex->Add(key, kWcCommon); }));
  KAPI_RETURN_IF_ERROR(
      ReadTable(dir + "/first_names.tsv", [&](std::string_view key, std::string_view flag) {
        lex->Add(key, kWcFirstName | (flag == "a" ? uint32_t{kWcFirstNameAmbiguous} : 0u));
      }));
  KAPI_RETURN_IF_ERROR(
      ReadTable(dir + "/surnames.tsv", [&](std::string_view key, std::string_view flag) {
        lex->Add(key, kWcSurname | (flag == "a" ? uint32_t{kWcSurnameAmbiguous} : 0u));
      }));
  KAPI_RETURN_IF_ERROR(
      ReadTable(dir + "/places.tsv", [&](std::string_view key, std::string_view kinds) {
        uint32_t c = 0;
        if (kinds.find("il") != std::string_view::npos &&
            (kinds == "il" || kinds.starts_with("il,") ||
             kinds.find(",il,") != std::string_view::npos || kinds.ends_with(",il"))) {
          c |= kWcIl;
        }
        if (kinds.find("ilce") != std::string_view::npos) c |= kWcIlce;
        if (kinds.find("semt") != std::string_view::npos) c |= kWcSemt;
        if (kinds.find("mah") != std::string_view::npos) {
          // Multi-word mahalle names mark each of their words.
          size_t pos = 0;
          while (pos < key.size()) {
            size_t sp = key.find(' ', pos);
            if (sp == std::string_view::npos) sp = key.size();
            if (sp > pos) lex->Add(key.substr(pos, sp - pos), kWcMahalleWord);
            pos = sp + 1;
          }
        }
        if (c != 0 && key.find(' ') == std::string_view::npos) lex->Add(key, c);
      }));
  KAPI_RETURN_IF_ERROR(lex->LoadNameModel(dir + "/name_model.txt"));
  lex->AddBuiltins();
  lex->Finish();
  if (lex->Lookup("ahmet") == 0) return FailedPrecondition("lexicon in " + dir + " has no names");
  return lex;
}

}  // namespace kapi::privacy
