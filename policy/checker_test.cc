#include "policy/checker.h"

#include <gtest/gtest.h>

#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "policy/ai_disclosure.h"
#include "policy/check_runner.h"
#include "policy/fold.h"
#include "privacy/checksums.h"

namespace kapi::policy {
namespace {

const std::string kModels = std::string(KAPI_SOURCE_DIR) + "/models/policy";

const Checker& SharedChecker() {
  static const std::unique_ptr<Checker> checker = [] {
    auto c = LoadChecker(kModels);
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    return std::move(*c);
  }();
  return *checker;
}

std::vector<Finding> CheckText(const std::string& text, TextKind kind = TextKind::kPost,
                               bool ai_assisted = false) {
  CheckInput in;
  in.text = text;
  in.kind = kind;
  in.ai_assisted = ai_assisted;
  return SharedChecker().Check(in);
}

bool Has(const std::vector<Finding>& fs, Rule rule) {
  for (const Finding& f : fs) {
    if (f.rule == rule) return true;
  }
  return false;
}

bool AnyContent(const std::vector<Finding>& fs) {
  for (const Finding& f : fs) {
    if (IsContentRule(f.rule)) return true;
  }
  return false;
}

const Finding* First(const std::vector<Finding>& fs, Rule rule) {
  for (const Finding& f : fs) {
    if (f.rule == rule) return &f;
  }
  return nullptr;
}

// The code points [start, end) of `text`.
std::string SpanText(const std::string& text, const Finding& f) {
  std::string out;
  size_t i = 0, cp = 0;
  while (i < text.size()) {
    size_t b = i;
    DecodeUtf8(text, i);
    if (cp >= f.start && cp < f.end) out.append(text, b, i - b);
    ++cp;
  }
  return out;
}

const char* kPoliteReply =
    "Sayın Ayşe Hanım,\n"
    "Mahallenizdeki yol çalışmasına ilişkin başvurunuz incelenmiştir. Çalışmanın önümüzdeki hafta "
    "tamamlanması planlanmaktadır.\n"
    "Bilgilerinize sunarız.\nSaygılarımızla";

TEST(Checker, PoliteReplyHasNoFindings) {
  auto fs = CheckText(kPoliteReply, TextKind::kReply);
  EXPECT_TRUE(fs.empty()) << FindingsToJson(fs, true).dump();
}

TEST(Checker, TheRulesThemselvesPass) {
  for (const char* rule : {
           "Bireyler arasında dil, ırk, etnik köken, renk, cinsiyet, siyasi düşünce, felsefi "
           "inanç, "
           "din, mezhep, servet, medeni hâl, sağlık durumu, engellilik, yaş, kılık ve kıyafet ve "
           "benzeri nedenlerle ayrımcılık yapmamalıdır.",
           "Ayrımcılığa yol açabilecek her türlü nefreti besleyen, savunan ve benzeri hoşgörüsüz "
           "ifadelerde bulunmamalıdır.",
           "Sosyal medya kullanımlarında şiddet veya cinsel içerikli ve benzeri rahatsız edici "
           "gönderilerden kaçınmalıdır.",
           "Siyasi tarafsızlığını korumaya özen göstermeli, herhangi bir siyasi parti veya "
           "girişimin lehine veya aleyhine kampanya yürütmemelidir.",
           "Başvurular dil, ırk, cinsiyet, din ve engellilik ayrımı yapılmaksızın değerlendirilir.",
           "Engelli ve yaşlı vatandaşlarımız için hizmet binasına rampa yapılmıştır.",
           "Kadınlara yönelik şiddetle mücadele kapsamında eğitim düzenlenmiştir.",
       }) {
    EXPECT_FALSE(AnyContent(CheckText(rule))) << rule << "\n"
                                              << FindingsToJson(CheckText(rule), true).dump();
  }
}

TEST(Checker, HeadingsAndSignaturesAreNotOffensive) {
  for (const char* line :
       {"Tarafsızlık", "Dağıtım:", "Vali", "DAĞITIMLI", "Şeffaflık", "İnsan haklarına saygı",
        "Bilgi için: Veri Hazırlama Ve Kont.İşletmeni"}) {
    EXPECT_FALSE(AnyContent(CheckText(line))) << line;
  }
}

TEST(Checker, ProfanityIsBlockedWithItsExactSpan) {
  std::string text = "Sayın vatandaş, şikâyetiniz için siktir git.";
  auto fs = CheckText(text);
  const Finding* f = First(fs, Rule::kProfanity);
  ASSERT_NE(f, nullptr) << FindingsToJson(fs, true).dump();
  EXPECT_EQ(f->severity, Severity::kBlock);
  EXPECT_EQ(SpanText(text, *f), "siktir");
  EXPECT_EQ(f->article, "2021/81 Kurumsal sosyal medya hesabının kullanımı (4)");
}

TEST(Checker, InsultThreatViolenceSexualAreFound) {
  EXPECT_TRUE(Has(CheckText("Siz tam bir gerizekalısınız."), Rule::kInsult));
  EXPECT_TRUE(Has(CheckText("Bir daha yazarsan seni öldüreceğim."), Rule::kThreat));
  EXPECT_TRUE(Has(CheckText("Bunların hepsi kurşuna dizilmeli."), Rule::kViolence));
  EXPECT_TRUE(Has(CheckText("Ücretsiz porno siteleri için tıklayın."), Rule::kSexual));
  auto fs = CheckText("SENİ ÖLDÜRECEĞİM");
  ASSERT_TRUE(Has(fs, Rule::kThreat));
  EXPECT_EQ(First(fs, Rule::kThreat)->article, "2021/81 İnsan haklarına saygı (1)");
}

TEST(Checker, ClassifierFindsInsultsTheLexiconDoesNotList) {
  auto fs = CheckText("Senin gibi beyni yıkanmış sürüngenlerle muhatap olmayacağız, utanmazlar.");
  EXPECT_TRUE(AnyContent(fs)) << FindingsToJson(fs, true).dump();
}

TEST(Checker, HateAndDiscriminationNeedAHostileClaimAboutAGroup) {
  auto hate = CheckText("Suriyeliler defolsun bu ülkeden.");
  ASSERT_TRUE(Has(hate, Rule::kHate)) << FindingsToJson(hate, true).dump();
  EXPECT_EQ(First(hate, Rule::kHate)->article, "2021/81 İnsan haklarına saygı (2)");
  auto disc = CheckText("Kadınlar bu işi yapamaz.");
  ASSERT_TRUE(Has(disc, Rule::kDiscrimination)) << FindingsToJson(disc, true).dump();
  EXPECT_EQ(First(disc, Rule::kDiscrimination)->article, "2021/81 Tarafsızlık (2)");
  EXPECT_FALSE(
      AnyContent(CheckText("Suriyeli vatandaşların başvuruları Göç İdaresine iletilmektedir.")));
}

TEST(Checker, PartisanshipIsCampaigningNotMentioningAParty) {
  auto fs = CheckText("Seçimlerde mutlaka AK Parti'ye oy verin!");
  ASSERT_TRUE(Has(fs, Rule::kPartisanship));
  EXPECT_EQ(First(fs, Rule::kPartisanship)->article, "2021/81 Tarafsızlık (3)");
  EXPECT_TRUE(Has(CheckText("CHP kazanacak, yaşasın!"), Rule::kPartisanship));
  EXPECT_FALSE(AnyContent(CheckText("CHP il başkanlığının başvurusu ilgili birime iletilmiştir.")));
}

TEST(Checker, ClassifiedMarkingsRespectTurkishCasing) {
  std::string text = "Ekteki GİZLİ yazıyı inceleyiniz.";
  auto fs = CheckText(text);
  const Finding* f = First(fs, Rule::kClassified);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(SpanText(text, *f), "GİZLİ");
  EXPECT_EQ(f->severity, Severity::kBlock);
  EXPECT_TRUE(Has(CheckText("ÇOK GİZLİ\nToplantı notları ektedir."), Rule::kClassified));
  EXPECT_TRUE(Has(CheckText("Ekte HIZMETE OZEL belge var."), Rule::kClassified));
  EXPECT_TRUE(Has(CheckText("Kişiye Özel\nSayın Müdür,"), Rule::kClassified));
  EXPECT_TRUE(Has(CheckText("Gizlilik derecesi: Gizli"), Rule::kClassified));
  EXPECT_FALSE(Has(CheckText("Kişisel bilgileriniz gizli tutulacaktır."), Rule::kClassified));
  EXPECT_FALSE(Has(CheckText("Size kişiye özel bir indirim tanımlanmıştır."), Rule::kClassified));
}

TEST(Checker, InternalDocumentNumbersAreClassified) {
  std::string text = "İlgi: E-12345678-010.01-1234 sayılı yazı.";
  auto fs = CheckText(text);
  const Finding* f = First(fs, Rule::kClassified);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(SpanText(text, *f), "E-12345678-010.01-1234");
  EXPECT_TRUE(Has(CheckText("Sayı : 25346381.010.06/ 53064"), Rule::kClassified));
  EXPECT_FALSE(
      Has(CheckText("Başvuru numaranız 2024-000123 olarak kaydedilmiştir."), Rule::kClassified));
}

TEST(Checker, AiAssistedTextNeedsTheDisclosure) {
  auto missing = CheckText(kPoliteReply, TextKind::kReply, /*ai_assisted=*/true);
  ASSERT_TRUE(Has(missing, Rule::kAiDisclosure));
  EXPECT_EQ(First(missing, Rule::kAiDisclosure)->article, "2024/108 Dürüstlük (2)");
  EXPECT_EQ(First(missing, Rule::kAiDisclosure)->severity, Severity::kBlock);
  EXPECT_FALSE(Has(CheckText(AppendAiDisclosure(kPoliteReply), TextKind::kReply, true),
                   Rule::kAiDisclosure));
  EXPECT_FALSE(Has(CheckText(kPoliteReply, TextKind::kReply, false), Rule::kAiDisclosure));
}

TEST(Checker, CourtesyWarnsOnMissingGreetingClosingAndDismissiveTone) {
  auto fs = CheckText("Talebiniz reddedilmiştir.", TextKind::kReply);
  int courtesy = 0;
  for (const Finding& f : fs) {
    if (f.rule == Rule::kCourtesy) {
      ++courtesy;
      EXPECT_EQ(f.severity, Severity::kWarn);
    }
  }
  EXPECT_EQ(courtesy, 1);  // one sentence: one finding for both
  courtesy = 0;
  for (const Finding& f :
       CheckText("Talebiniz incelendi.\nGereği yapılacaktır.", TextKind::kReply)) {
    courtesy += f.rule == Rule::kCourtesy;
  }
  EXPECT_EQ(courtesy, 2);
  EXPECT_FALSE(Has(CheckText("Talebiniz reddedilmiştir.", TextKind::kPost), Rule::kCourtesy));
  auto dismissive =
      CheckText("Sayın vatandaş, bu konu bizi ilgilendirmez. Saygılarımızla", TextKind::kReply);
  ASSERT_TRUE(Has(dismissive, Rule::kCourtesy));
  EXPECT_EQ(First(dismissive, Rule::kCourtesy)->severity, Severity::kWarn);
}

// A fake engine: 11-digit runs are identity numbers, "Ayşe Yılmaz" / "Mehmet Demir" are names.
std::shared_ptr<PersonalDataSource> FakeSource() {
  return std::make_shared<FunctionPersonalDataSource>(
      [](std::string_view text) -> Result<std::vector<PersonalDataSpan>> {
        std::vector<PersonalDataSpan> out;
        std::string s(text);
        std::vector<uint32_t> cp_of_byte;
        for (size_t i = 0, cp = 0; i < s.size(); ++cp) {
          size_t b = i;
          DecodeUtf8(s, i);
          cp_of_byte.insert(cp_of_byte.end(), i - b, static_cast<uint32_t>(cp));
        }
        cp_of_byte.push_back(cp_of_byte.empty() ? 0 : cp_of_byte.back() + 1);
        for (size_t i = 0; i + 11 <= s.size(); ++i) {
          bool digits = true;
          for (size_t k = 0; k < 11; ++k)
            digits = digits && isdigit(static_cast<unsigned char>(s[i + k]));
          if (digits) out.push_back({"tckn", cp_of_byte[i], cp_of_byte[i] + 11});
        }
        for (const std::string name : {"Ayşe Yılmaz", "Mehmet Demir"}) {
          size_t p = s.find(name);
          if (p != std::string::npos) {
            out.push_back({"person", cp_of_byte[p], cp_of_byte[p + name.size() - 1] + 1});
          }
        }
        return out;
      });
}

TEST(Checker, PersonalDataOfOthersIsBlockedButTheAddresseesIsAllowed) {
  CheckerOptions options;
  options.personal_data = FakeSource();
  auto checker = LoadChecker(kModels, options);
  ASSERT_TRUE(checker.ok());
  const std::string own = privacy::CompleteTckn("123456780");
  const std::string other = privacy::CompleteTckn("234567891");
  CheckInput in;
  in.kind = TextKind::kPost;
  in.text = "Ayşe Yılmaz (" + own + ") ile Mehmet Demir (" + other + ") başvurdu.";
  in.addressee = Addressee{"Ayşe Yılmaz", {own}};
  auto fs = (*checker)->Check(in);
  std::vector<std::string> flagged;
  for (const Finding& f : fs) {
    if (f.rule == Rule::kPersonalData) flagged.push_back(SpanText(in.text, f));
  }
  EXPECT_EQ(flagged, (std::vector<std::string>{"Mehmet Demir", other}));
  EXPECT_EQ(First(fs, Rule::kPersonalData)->article, "2021/81 İnsan haklarına saygı (3)");
  in.addressee.reset();
  int count = 0;
  for (const Finding& f : (*checker)->Check(in)) count += f.rule == Rule::kPersonalData;
  EXPECT_EQ(count, 4);
}

TEST(Checker, FailingPersonalDataSourceFailsClosed) {
  CheckerOptions options;
  options.personal_data = std::make_shared<FunctionPersonalDataSource>(
      [](std::string_view) -> Result<std::vector<PersonalDataSpan>> {
        return Unavailable("engine down");
      });
  auto checker = LoadChecker(kModels, options);
  ASSERT_TRUE(checker.ok());
  CheckInput in;
  in.text = "Merhaba";
  auto fs = (*checker)->Check(in);
  ASSERT_TRUE(Has(fs, Rule::kPersonalData));
  EXPECT_EQ(First(fs, Rule::kPersonalData)->detail, "source_error");
}

TEST(Checker, IsSafeToCallFromManyThreads) {
  const std::string text = std::string(kPoliteReply) + " Siz tam bir gerizekalısınız.";
  auto expected = CheckText(text, TextKind::kReply);
  std::vector<std::thread> threads;
  std::atomic<int> mismatches{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 50; ++i) {
        if (CheckText(text, TextKind::kReply) != expected) ++mismatches;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(mismatches.load(), 0);
}

TEST(Checker, MissingModelsAreAnError) {
  auto checker = LoadChecker("/nonexistent/models");
  ASSERT_FALSE(checker.ok());
  EXPECT_EQ(checker.status().code(), StatusCode::kNotFound);
}

TEST(RunCheck, WritesOneContractRecordPerLine) {
  std::istringstream in(
      R"({"id": "a1", "text": "Sayın Ayşe Hanım, siktir git. Saygılarımızla", "ai_assisted": false})"
      "\n"
      R"({"id": "a2", "text": "Merhaba, talebiniz alınmıştır. Saygılarımızla", "ai_assisted": true})"
      "\nnot json\n"
      R"({"id": "a4", "text": 5})"
      "\n");
  std::ostringstream out, err;
  int rc = RunCheck(SharedChecker(), in, out, err);
  EXPECT_EQ(rc, 1);
  std::istringstream lines(out.str());
  std::string line;
  std::vector<nlohmann::json> records;
  while (std::getline(lines, line)) records.push_back(nlohmann::json::parse(line));
  ASSERT_EQ(records.size(), 4u);
  EXPECT_EQ(records[0]["id"], "a1");
  ASSERT_FALSE(records[0]["findings"].empty());
  const auto& f = records[0]["findings"][0];
  EXPECT_EQ(f["rule"], "profanity");
  EXPECT_EQ(f["severity"], "block");
  EXPECT_EQ(f["start"], 18);
  EXPECT_EQ(f["end"], 24);
  EXPECT_TRUE(f.contains("article"));
  EXPECT_EQ(f.size(), 5u);  // exactly the contract fields
  EXPECT_EQ(records[1]["findings"][0]["rule"], "ai_disclosure");
  EXPECT_TRUE(records[2].contains("error"));
  EXPECT_EQ(records[3]["id"], "a4");
  EXPECT_EQ(records[3]["error"]["code"], "invalid_field");
}

}  // namespace
}  // namespace kapi::policy
