#include "privacy/structured_scanner.h"

#include <gtest/gtest.h>

#include "privacy/checksums.h"

namespace kapi::privacy {
namespace {

struct Hit {
  EntityType type;
  std::string text;
  bool operator==(const Hit&) const = default;
};

std::ostream& operator<<(std::ostream& os, const Hit& h) {
  return os << EntityTypeName(h.type) << ":" << h.text;
}

std::vector<Hit> Scan(const std::string& s) {
  static const auto lex = Lexicon::BuiltinOnly();
  StructuredScanner scanner(lex.get());
  std::vector<Span> spans;
  scanner.Scan(s, &spans);
  std::vector<Hit> out;
  for (const auto& sp : spans) out.push_back({sp.type, s.substr(sp.begin, sp.end - sp.begin)});
  return out;
}

std::vector<Hit> One(EntityType t, const std::string& text) { return {{t, text}}; }

const std::string kTckn = CompleteTckn("123456789");  // 12345678950
const std::string kYkn = CompleteTckn("991234567");

TEST(StructuredScanner, FindsTcknAndYknOnlyWithValidChecksum) {
  EXPECT_EQ(Scan("TC kimlik no: " + kTckn + "."), One(EntityType::kTckn, kTckn));
  EXPECT_EQ(Scan("YKN " + kYkn), One(EntityType::kYkn, kYkn));
  EXPECT_EQ(Scan("T.C." + kTckn), One(EntityType::kTckn, kTckn));
  EXPECT_EQ(Scan("kimlik" + kTckn + "'dir"), One(EntityType::kTckn, kTckn));
  EXPECT_TRUE(Scan("no 12345678951 yanlış").empty());
  EXPECT_TRUE(Scan("123456789501").empty());  // 12 digits
}

TEST(StructuredScanner, VknNeedsContext) {
  std::string vkn = CompleteVkn("480084721");
  EXPECT_EQ(Scan("Vergi kimlik no " + vkn), One(EntityType::kVkn, vkn));
  EXPECT_EQ(Scan("VKN:" + vkn), One(EntityType::kVkn, vkn));
  EXPECT_TRUE(Scan("Sipariş " + vkn + " verildi").empty());
}

TEST(StructuredScanner, PhonesInCommonWritings) {
  for (const char* p : {"0532 123 45 67", "05321234567", "+90 532 123 45 67", "+905321234567",
                        "0090 532 123 4567", "(0532) 123 45 67", "0 (532) 123 45 67",
                        "532 123 45 67", "0532-123-45-67", "0532.123.45.67", "+90 (532) 123-4567",
                        "0212 345 67 89", "(212) 345 67 89", "5321234567"}) {
    EXPECT_EQ(Scan(std::string("Tel: ") + p + " arayın"), One(EntityType::kPhone, p)) << p;
  }
}

TEST(StructuredScanner, RejectsInvalidPhonePrefixesAndCorporateNumbers) {
  EXPECT_TRUE(Scan("0123 456 78 90").empty());
  EXPECT_TRUE(Scan("0850 222 33 44").empty());
  EXPECT_TRUE(Scan("444 0 444").empty());
  EXPECT_TRUE(Scan("2123456789").empty());  // landline without trunk or grouping
  EXPECT_TRUE(Scan("Kargo takip MNG5511193292").empty());
}

TEST(StructuredScanner, IbanSpacedOrCompactAndForeign) {
  EXPECT_EQ(Scan("IBAN: TR33 0006 1005 1978 6457 8413 26 hesabı"),
            One(EntityType::kIban, "TR33 0006 1005 1978 6457 8413 26"));
  EXPECT_EQ(Scan("ibanTR330006100519786457841326."),
            One(EntityType::kIban, "TR330006100519786457841326"));
  EXPECT_EQ(Scan("DE89 3704 0044 0532 0130 00"),
            One(EntityType::kIban, "DE89 3704 0044 0532 0130 00"));
  EXPECT_TRUE(Scan("TR33 0006 1005 1978 6457 8413 27").empty());
}

TEST(StructuredScanner, CardsWithLuhn) {
  EXPECT_EQ(Scan("kart 4111 1111 1111 1111 ile"), One(EntityType::kCard, "4111 1111 1111 1111"));
  EXPECT_EQ(Scan("kart 4111-1111-1111-1111"), One(EntityType::kCard, "4111-1111-1111-1111"));
  EXPECT_EQ(Scan("kart 4111111111111111"), One(EntityType::kCard, "4111111111111111"));
  EXPECT_EQ(Scan("amex 3782 822463 10005"), One(EntityType::kCard, "3782 822463 10005"));
  EXPECT_TRUE(Scan("kart 4111 1111 1111 1112").empty());
}

TEST(StructuredScanner, EmailsIncludingTurkishCapitals) {
  EXPECT_EQ(Scan("mail: ali.veli+kapi@ornek.com.tr."),
            One(EntityType::kEmail, "ali.veli+kapi@ornek.com.tr"));
  EXPECT_EQ(Scan("CEVABI ALİ.VELİ@FİRMA.COM.TR ADRESİNE"),
            One(EntityType::kEmail, "ALİ.VELİ@FİRMA.COM.TR"));
  EXPECT_TRUE(Scan("@kullanici selam").empty());
}

TEST(StructuredScanner, IpAddresses) {
  EXPECT_EQ(Scan("IP 192.168.1.10:8080 adresi"), One(EntityType::kIp, "192.168.1.10"));
  EXPECT_EQ(Scan("IP fe80::1ff:fe23:4567:890a."), One(EntityType::kIp, "fe80::1ff:fe23:4567:890a"));
  EXPECT_EQ(Scan("sunucu 2001:db8::8a2e:370:7334 yok"),
            One(EntityType::kIp, "2001:db8::8a2e:370:7334"));
  EXPECT_TRUE(Scan("sürüm 1.2.3.4.5").empty());
  EXPECT_TRUE(Scan("250.000.000.000 TL").empty());
  EXPECT_TRUE(Scan("999.1.1.1").empty());
}

TEST(StructuredScanner, BirthdatesOnlyWithBirthContext) {
  EXPECT_EQ(Scan("Doğum tarihim 12.03.1985."), One(EntityType::kBirthdate, "12.03.1985"));
  EXPECT_EQ(Scan("D.T.: 3 Mart 1990"), One(EntityType::kBirthdate, "3 Mart 1990"));
  EXPECT_EQ(Scan("1985-03-12 doğumluyum"), One(EntityType::kBirthdate, "1985-03-12"));
  EXPECT_EQ(Scan("DOGUM TARIHI 12 SUBAT 1975"), One(EntityType::kBirthdate, "12 SUBAT 1975"));
  EXPECT_TRUE(Scan("12.03.2024 tarihinde başvurdum").empty());
  // The birth cue belongs to the first date, not to the next one.
  EXPECT_EQ(Scan("Doğum tarihim 12.03.1985, başvuru tarihim 05.01.2024"),
            One(EntityType::kBirthdate, "12.03.1985"));
}

TEST(StructuredScanner, PlatesByTheRegulation) {
  EXPECT_EQ(Scan("34 ABC 123 plakalı"), One(EntityType::kPlate, "34 ABC 123"));
  EXPECT_EQ(Scan("araç 06A1234"), One(EntityType::kPlate, "06A1234"));
  EXPECT_EQ(Scan("35-AB-1234"), One(EntityType::kPlate, "35-AB-1234"));
  EXPECT_EQ(Scan("plakası 34 abc 12"), One(EntityType::kPlate, "34 abc 12"));
  EXPECT_TRUE(Scan("82 ABC 123").empty());  // no province 82
  EXPECT_TRUE(Scan("34 AB 12").empty());    // two letters need 3-4 digits
  EXPECT_TRUE(Scan("34 QA 123").empty());   // Q is not used
  EXPECT_TRUE(Scan("12 TL 500 kuruş").empty());
  EXPECT_TRUE(Scan("ödedim 34 abc 123 diye").empty());  // lower case needs "plaka"
}

TEST(StructuredScanner, PassportNeedsContext) {
  EXPECT_EQ(Scan("Pasaport no: U12345678"), One(EntityType::kPassport, "U12345678"));
  EXPECT_TRUE(Scan("Ürün kodu U12345678").empty());
}

TEST(StructuredScanner, IgnoresAmountsDatesAndOrderNumbers) {
  EXPECT_TRUE(Scan("Toplam 1.250.000 TL, fatura 12,50 TL, saat 14:30, 2024 yılı").empty());
  EXPECT_TRUE(Scan("Sipariş numaram 4423081576209").empty());
}

TEST(StructuredScanner, LongDigitRunsDoNotOverflow) {
  // Found by the fuzzer: a date-shaped prefix followed by a long digit run.
  EXPECT_TRUE(Scan("Doğum tarihi 8.1.12345678949").empty());
  EXPECT_TRUE(Scan("12.916?8.1.123456789491234567890").empty());
}

TEST(StructuredScanner, SeveralEntitiesInOrder) {
  auto hits = Scan("Tel 0532 123 45 67 TC " + kTckn + " mail a@b.co");
  ASSERT_EQ(hits.size(), 3u);
  EXPECT_EQ(hits[0].type, EntityType::kPhone);
  EXPECT_EQ(hits[1].type, EntityType::kTckn);
  EXPECT_EQ(hits[2].type, EntityType::kEmail);
}

TEST(StructuredScanner, PlateInLowerCaseTurkishTextUsesDotlessI) {
  // tr_lower("34 IB 61") is "34 ıb 61"; the plate letter I is written ı.
  EXPECT_EQ(Scan("aracımın plakası 13 ıb 6114 olan taksi"), One(EntityType::kPlate, "13 ıb 6114"));
  EXPECT_EQ(Scan("plaka: 38ıl1354 iletişim"), One(EntityType::kPlate, "38ıl1354"));
  EXPECT_TRUE(Scan("13 ıb 6114 olan taksi").empty());    // lower case still needs "plaka/araç"
  EXPECT_TRUE(Scan("aracın plakası 34 Ib 61").empty());  // mixed case is no plate
}

TEST(StructuredScanner, DottedQuadIsAnIpUnlessGroupedLikeAPhone) {
  EXPECT_EQ(Scan("IP: 212.67.151.42 adresinden"), One(EntityType::kIp, "212.67.151.42"));
  EXPECT_EQ(Scan("Tel 312.444.55.66"), One(EntityType::kPhone, "312.444.55.66"));
}

TEST(StructuredScanner, CardDoesNotSwallowATrailingTwoDigitNumber) {
  std::string card = "5547 1191 1361 9891";
  ASSERT_TRUE(LuhnValid("5547119113619891"));
  EXPECT_EQ(Scan("kart no: " + card + " 26 senedir"), One(EntityType::kCard, card));
}

}  // namespace
}  // namespace kapi::privacy
