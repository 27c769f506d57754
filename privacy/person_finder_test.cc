// PERSON rules added after the base-text audit (tools/pii_testset/README.md): each rule is tested
// on the error it removes and on a name it must keep finding.

#include <gtest/gtest.h>

#include "privacy/detector.h"

namespace kapi::privacy {
namespace {

const Detector& TheDetector() {
  static const std::unique_ptr<Detector> d = [] {
    auto r = LoadDetector(std::string(KAPI_SOURCE_DIR) + "/privacy/resources");
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return std::move(*r);
  }();
  return *d;
}

// The PERSON spans of `s`, as text.
std::vector<std::string> Persons(const std::string& s) {
  std::vector<std::string> out;
  for (const Entity& e : TheDetector().Scan(s)) {
    if (e.type == EntityType::kPerson)
      out.push_back(s.substr(e.byte_start, e.byte_end - e.byte_start));
  }
  return out;
}

using Names = std::vector<std::string>;

TEST(PersonFinder, CapitalisedOrdinaryWordNextToANameMakesItAThing) {
  EXPECT_EQ(Persons("Kapalıçarşı'da Tam Ziynet 680 liradan satıldı."), Names{});
  EXPECT_EQ(Persons("Ankara Kızılay metrosunda bekledim."), Names{});
  // A possessive title before the name is not part of a thing's name.
  EXPECT_EQ(Persons("Başbakan Yardımcısı Bülent Arınç açıklama yaptı."),
            Names{"Yardımcısı Bülent Arınç"});
}

TEST(PersonFinder, FirstNameFollowedByOrdinaryWordTakesItAsSurname) {
  EXPECT_EQ(Persons("Yol bisikletinde Miraç Kal ve Ahmet Örken pedal çevirecek."),
            (Names{"Miraç Kal", "Ahmet Örken"}));
  // ... unless the word is the noun of a compound verb ("vefat etmek").
  EXPECT_EQ(Persons("Haberim yoktu Seyda Vefat edene kadar konuşması akıcıydı."), Names{});
}

TEST(PersonFinder, HandlesAndLinksAreNotMentions) {
  EXPECT_EQ(Persons("@Kaan_Terzioglu bana dönün lütfen"), Names{});
  EXPECT_EQ(Persons("Reklamı harcamışlar :) http://instagr.am/p/HuQjLOhZZF/"), Names{});
  EXPECT_EQ(Persons("Kaan Terzioğlu açıklama yaptı."), Names{"Kaan Terzioğlu"});
}

TEST(PersonFinder, AHandleStartsAnUtterance) {
  EXPECT_EQ(Persons("@USER Günaydın hocam, nasılsınız"), Names{});
  EXPECT_EQ(Persons("@USER Ahmet Yılmaz ile görüştüm."), Names{"Ahmet Yılmaz"});
}

TEST(PersonFinder, StrongContextVouchesForUnlistedWordsTheModelDislikes) {
  EXPECT_EQ(Persons("Ad Soyad: Kutışık Karatepe"), Names{"Kutışık Karatepe"});
  EXPECT_EQ(Persons("Ben Atasin Aksel, dün başvurdum."), Names{"Atasin Aksel"});
}

TEST(PersonFinder, StrongContextVouchesForUnlistedWordsInTextWithoutCase) {
  EXPECT_EQ(Persons("dün aradım. müşteri temsilcisi yarsu sarıkan kabaca konuştu, kapattı."),
            Names{"yarsu sarıkan"});
  EXPECT_EQ(Persons("MÜŞTERİ TEMSİLCİSİ YARSU SARIKAN KABACA KONUŞTU, KAPATTI."),
            Names{"YARSU SARIKAN"});
  // Ordinary words after the same context stay ordinary.
  EXPECT_EQ(Persons("dün aradım. müşteri temsilcisi çok kabaca konuştu ve telefonu kapattı."),
            Names{});
}

TEST(PersonFinder, LoneUnlistedWordNeedsContext) {
  EXPECT_EQ(Persons("Turkcell Pasaj'dan aldığım Baseus marka şarj cihazı bozuk çıktı."), Names{});
  EXPECT_EQ(Persons("Ben Bengiper, dün başvurdum."), Names{"Bengiper"});
}

TEST(PersonFinder, SurnameAloneAfterTheFullNameIsTheSamePerson) {
  EXPECT_EQ(Persons("Sanatçı Timur Kurzweil sergi açtı. Kurzweil eserlerini anlattı."),
            (Names{"Timur Kurzweil", "Kurzweil"}));
  // Not where the word starts another name ("Nobel Kimya Ödülü").
  Names n = Persons("Ödül Alfred Nobel adına veriliyor. Bu yılki Nobel Kimya Ödülü iki kişiye.");
  ASSERT_EQ(n.size(), 1u);
  EXPECT_NE(n[0].find("Alfred Nobel"), std::string::npos);
}

TEST(PersonFinder, CapsOrdinaryWordNeedsATitleNotARole) {
  EXPECT_EQ(Persons("KAMPANYA: MÜŞTERİ MUTLU AJANS MUTLU BİZ MUTLU"), Names{});
  EXPECT_EQ(Persons("SAYIN MUTLU, TALEBİNİZ ALINDI"), Names{"MUTLU"});
}

TEST(PersonFinder, OrganisationWordLaterInTheRun) {
  EXPECT_EQ(Persons("Ümraniye Namık Kemal Mahallesi'nde su yok."), Names{});
  EXPECT_EQ(Persons("Gülçin Grup hepsine geri dönse sevinmeyecek olan var mı"), Names{});
  EXPECT_EQ(Persons("Ayaş yolu üzerindeki Meriç Restaurant her gece canlı müzik yapıyor."),
            Names{});
  EXPECT_EQ(Persons("Motosikletleri park edip Yasemin Cafe de oturduk."), Names{});
  // "Kemal" is a never-a-name keyword (Mustafa Kemal), so the name comes in two pieces.
  EXPECT_EQ(Persons("Dün Namık Kemal Yılmaz ile görüştüm."), (Names{"Namık", "Yılmaz"}));
}

TEST(PersonFinder, NameThatIsAlsoAnInflectedOrdinaryWordIsWeak) {
  // "hakem" is rare bare in lower case but common inflected ("hakemler"): not a name alone.
  EXPECT_EQ(Persons("Maçta Hakem kararı tartışıldı."), Names{});
  EXPECT_EQ(Persons("Sayın Hakem Yıldız, talebiniz alınmıştır."), Names{"Hakem Yıldız"});
}

}  // namespace
}  // namespace kapi::privacy
