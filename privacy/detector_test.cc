#include "privacy/detector.h"

#include <gtest/gtest.h>

#include <thread>

#include "privacy/checksums.h"

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

std::vector<std::pair<std::string, std::string>> Found(const std::string& s) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const Entity& e : TheDetector().Scan(s)) {
    out.emplace_back(std::string(EntityTypeName(e.type)),
                     s.substr(e.byte_start, e.byte_end - e.byte_start));
  }
  return out;
}

using Pairs = std::vector<std::pair<std::string, std::string>>;

TEST(Detector, OffsetsAreCodePointsOfTheOriginal) {
  std::string tckn = CompleteTckn("123456789");
  std::string s = "Şikâyetçi ığdırlı çiftçi: " + tckn;
  auto found = TheDetector().Scan(s);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].start, 26u);
  EXPECT_EQ(found[0].end, 37u);
  EXPECT_EQ(s.substr(found[0].byte_start, found[0].byte_end - found[0].byte_start), tckn);
}

TEST(Detector, FindsNamesFromGazetteersAndContext) {
  EXPECT_EQ(Found("Dün Ahmet Yılmaz ile görüştüm."), (Pairs{{"PERSON", "Ahmet Yılmaz"}}));
  EXPECT_EQ(Found("Ahmet'in dilekçesi bekliyor."), (Pairs{{"PERSON", "Ahmet"}}));
  EXPECT_EQ(Found("Sayın Fatma Demir, talebiniz alındı."), (Pairs{{"PERSON", "Fatma Demir"}}));
  EXPECT_EQ(Found("Mehmet Bey geldi."), (Pairs{{"PERSON", "Mehmet"}}));
  EXPECT_EQ(Found("SAYIN MEHMET KAYA, HATTINIZ KAPATILDI"), (Pairs{{"PERSON", "MEHMET KAYA"}}));
  EXPECT_EQ(Found("adım ayşe kaya, yardım edin"), (Pairs{{"PERSON", "ayşe kaya"}}));
}

TEST(Detector, FindsNamesThatAreInNoList) {
  // Neither word is in the shared name lists; the context vouches for them.
  EXPECT_EQ(Found("Saygılarımla,\nYağızalp Tunçer"), (Pairs{{"PERSON", "Yağızalp Tunçer"}}));
  EXPECT_EQ(Found("Adım Çağberk Kocabaşoğlu."), (Pairs{{"PERSON", "Çağberk Kocabaşoğlu"}}));
  EXPECT_EQ(Found("Ilgıntay Hanım yardımcı oldu."), (Pairs{{"PERSON", "Ilgıntay"}}));
}

TEST(Detector, FindsUnlistedNamesInOtherPhrasings) {
  EXPECT_EQ(Found("Başvuru sahibi: Gülsenem Karataşlı"), (Pairs{{"PERSON", "Gülsenem Karataşlı"}}));
  EXPECT_EQ(Found("Babamın adı Oğuzalp Sevindik."), (Pairs{{"PERSON", "Oğuzalp Sevindik"}}));
  EXPECT_EQ(Found("Mirza Kalaycı adına başvuruyorum."), (Pairs{{"PERSON", "Mirza Kalaycı"}}));
  EXPECT_EQ(Found("Sn. Defne Yücetürk, başvurunuz alındı."), (Pairs{{"PERSON", "Defne Yücetürk"}}));
}

TEST(Detector, StructuredTypesInOtherWritings) {
  EXPECT_EQ(Found("telefon: 0 (532) 123-45-67 arayın"), (Pairs{{"PHONE", "0 (532) 123-45-67"}}));
  EXPECT_EQ(Found("IBAN TR 33 0006 1005 1978 6457 8413 26"),
            (Pairs{{"IBAN", "TR 33 0006 1005 1978 6457 8413 26"}}));
  EXPECT_EQ(Found("doğum tarihim 12 şubat 1975"), (Pairs{{"BIRTHDATE", "12 şubat 1975"}}));
  EXPECT_EQ(Found("ADRES: CUMHURİYET MAH. 1234 SK. NO:5/3 ÇANKAYA/ANKARA"),
            (Pairs{{"ADDRESS", "CUMHURİYET MAH. 1234 SK. NO:5/3 ÇANKAYA/ANKARA"}}));
}

TEST(Detector, LeavesOrdinaryCapitalisedWordsAlone) {
  EXPECT_TRUE(Found("Umut ediyorum ki Belediye bu sorunu çözer.").empty());
  EXPECT_TRUE(Found("Türk Telekom ve Turkcell hatları çekmiyor.").empty());
  EXPECT_TRUE(Found("IBAN numarası yanlış yazılmış.").empty());
  EXPECT_TRUE(Found("Ankara Büyükşehir Belediyesi otobüsleri gecikiyor.").empty());
}

TEST(Detector, FindsAddressesButNotABareMahalle) {
  EXPECT_EQ(Found("Adresim Cumhuriyet Mah. Atatürk Cad. No: 12 Daire 5 Kadıköy/İstanbul."),
            (Pairs{{"ADDRESS", "Cumhuriyet Mah. Atatürk Cad. No: 12 Daire 5 Kadıköy/İstanbul"}}));
  EXPECT_EQ(Found("Gül Sokak No:7 Çankaya"), (Pairs{{"ADDRESS", "Gül Sokak No:7 Çankaya"}}));
  EXPECT_EQ(Found("İstiklal Cad. 45/2 Beyoğlu'nda"),
            (Pairs{{"ADDRESS", "İstiklal Cad. 45/2 Beyoğlu"}}));
  EXPECT_TRUE(Found("Cumhuriyet Mahallesi'nde su kesintisi var.").empty());
  EXPECT_TRUE(Found("Sipariş No: 12 hâlâ gelmedi.").empty());
}

TEST(Detector, AddressRulesFromTheBaseTextAudit) {
  // "580 numaralı" is a bus line or a stop, not a door number; "3. Kat" still is one.
  EXPECT_TRUE(Found("Yeşilkent Mahallesi 190 numaralı otobüs hattı durakları atlıyor.").empty());
  EXPECT_EQ(Found("Zeytinli Mahallesi 3. Kat daire 4"),
            (Pairs{{"ADDRESS", "Zeytinli Mahallesi 3. Kat daire 4"}}));
  // A list of mahalle names says where, not whose address; with a street or a locality it is one.
  EXPECT_TRUE(
      Found("Belediyeye bağlı Yurt Mahallesi, Toros Mahallesi ve Beyaz evlerde su yok.").empty());
  EXPECT_EQ(Found("Adresim Yurt Mahallesi, Toros Sokak No: 4 Seyhan/Adana."),
            (Pairs{{"ADDRESS", "Yurt Mahallesi, Toros Sokak No: 4 Seyhan/Adana"}}));
  EXPECT_EQ(Found("Çandır Mahallesi, Serik/Antalya adresinde oturuyorum."),
            (Pairs{{"ADDRESS", "Çandır Mahallesi, Serik/Antalya"}}));
  // A keyword in a case form ends the address: no locality or door number after it.
  EXPECT_TRUE(
      Found("Serik'e bağlı Çandır mahallesindeki Antalya Film Platoları'nda çekim var.").empty());
  EXPECT_TRUE(Found("Büyükada'nın Çınar Caddesi'nde 1952'den bu yana sinema var.").empty());
  EXPECT_EQ(Found("Gül Caddesi 12 numarada oturuyorum."), (Pairs{{"ADDRESS", "Gül Caddesi 12"}}));
}

TEST(Detector, AddressOwnsTheLocalityForPartialMasking) {
  std::string s = "Gül Sokak No:7 Çankaya/Ankara";
  auto found = TheDetector().Scan(s);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(s.substr(found[0].byte_locality, found[0].byte_end - found[0].byte_locality),
            "Çankaya/Ankara");
}

TEST(Detector, TypeFilterSkipsTheWordPass) {
  std::string s = "Ahmet Yılmaz 0532 123 45 67";
  auto found = TheDetector().Scan(s, Bit(EntityType::kPhone));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].type, EntityType::kPhone);
}

TEST(Detector, ParsesTypeSets) {
  EXPECT_EQ(*ParseTypeSet("TCKN,PHONE"), Bit(EntityType::kTckn) | Bit(EntityType::kPhone));
  EXPECT_EQ(*ParseTypeSet(""), kAllTypes);
  EXPECT_FALSE(ParseTypeSet("TCKN,NOPE").ok());
}

TEST(Detector, IsSafeToShareAcrossThreads) {
  std::string s = "Ahmet Yılmaz 0532 123 45 67 Gül Sokak No:7 Çankaya";
  auto expected = TheDetector().Scan(s);
  std::vector<std::thread> threads;
  std::atomic<int> mismatches{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 200; ++i) {
        if (TheDetector().Scan(s) != expected) ++mismatches;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(mismatches.load(), 0);
}

TEST(Detector, InvalidUtf8KeepsOffsetsInRange) {
  std::string s = "Ahmet \xFF\xFE 0532 123 45 67 \xC3";
  for (const Entity& e : TheDetector().Scan(s)) {
    EXPECT_LE(e.byte_end, s.size());
    EXPECT_LE(e.start, e.end);
  }
}

TEST(Detector, LongTextsFindTheSameEntitiesAsShortOnes) {
  // Past 48 KB the word pass runs in windows; entities must not be lost or shifted.
  std::string unit = "Dün Ahmet Yılmaz ile konuştum, tel 0532 123 45 67.\n";
  std::string s;
  while (s.size() < 200000) s += unit;
  auto found = TheDetector().Scan(s);
  size_t units = s.size() / unit.size();
  ASSERT_EQ(found.size(), 2 * units);
  for (size_t i = 0; i < found.size(); ++i) {
    const Entity& e = found[i];
    EXPECT_EQ(e.type, i % 2 == 0 ? EntityType::kPerson : EntityType::kPhone);
    EXPECT_EQ(s.substr(e.byte_start, e.byte_end - e.byte_start),
              i % 2 == 0 ? "Ahmet Yılmaz" : "0532 123 45 67");
  }
}

TEST(Detector, MissingResourcesIsAnError) { EXPECT_FALSE(LoadDetector("/nonexistent/dir").ok()); }

}  // namespace
}  // namespace kapi::privacy
