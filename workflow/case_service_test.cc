#include "workflow/case_service.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "base/random.h"
#include "policy/ai_disclosure.h"
#include "store/sqlite_db.h"
#include "store/store_test_util.h"

namespace kapi::workflow {
namespace {

using cases::CaseState;

class CaseServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(InitCrypto());
    auto s = store::OpenSqliteStore({.path = (dir_.path() / "kapi.db").string()});
    ASSERT_TRUE(s.ok());
    store_ = std::move(*s);
    auto l = store::OpenSqliteLedgerStore(store::LedgerOptionsForDataDir(dir_.path().string()));
    ASSERT_TRUE(l.ok()) << l.status().ToString();
    ledger_ = std::move(*l);
    cipher_ = std::make_unique<privacy::FieldCipher>(
        *privacy::FieldCipher::FromKey(std::string(32, 'f')));
    for (auto u : std::vector<cases::Unit>{
             {"kurum", "Kurum", ""}, {"ulasim", "Ulaşım", "kurum"}, {"su", "Su", "kurum"}}) {
      ASSERT_TRUE(store_->UpsertUnit(u).ok());
    }
    ASSERT_TRUE(store_->UpsertTopic({"ulasim", "Ulaşım", "ulasim", false, 30, false}).ok());
    for (auto [name, role, unit] : std::vector<std::tuple<std::string, std::string, std::string>>{
             {"triaj", "case_officer", "kurum"},
             {"memur", "case_officer", "ulasim"},
             {"memur.su", "case_officer", "su"},
             {"mudur", "unit_manager", "ulasim"},
             {"denetci", "auditor", "kurum"}}) {
      ASSERT_TRUE(store_->UpsertStaffUser({name, name, role, unit}, "$argon2id$x").ok());
    }
    service_ = std::make_unique<CaseService>(store_.get(), ledger_.get(), cipher_.get(),
                                             std::string(32, 'a'), &clock_);
  }
  Principal P(const std::string& name) {
    auto users = store_->ListStaffUsers();
    for (auto& u : *users) {
      if (u.username == name) return *service_->PrincipalFor(u);
    }
    ADD_FAILURE() << "no user " << name;
    return {};
  }
  int64_t NewCaseInRootQueue() {
    auto r = store::testing::MakeRequest("Otobüs gelmiyor");
    r.unit_code = "kurum";
    r.text_sealed = cipher_->Seal("Otobüs gelmiyor, numaram 0500 000 00 00", "text");
    r.contact_sealed = cipher_->Seal(R"({"phone":"0500 000 00 00"})", "contact");
    auto stored = store_->InsertRequest(r);
    EXPECT_TRUE(stored.ok()) << stored.status().ToString();
    return stored.ok() ? stored->case_id : 0;
  }
  // Routes, assigns to "memur" and starts work.
  int64_t CaseInProgress() {
    int64_t id = NewCaseInRootQueue();
    auto routed = service_->Route(P("triaj"), id, {"ulasim", "ulasim", "accepted", ""});
    EXPECT_TRUE(routed.ok()) << routed.status().ToString();
    auto assigned = service_->Assign(P("memur"), id, "memur");
    EXPECT_TRUE(assigned.ok()) << assigned.status().ToString();
    auto started = service_->Transition(P("memur"), id, CaseState::kInProgress, "", {});
    EXPECT_TRUE(started.ok()) << started.status().ToString();
    return id;
  }

  store::testing::TempDir dir_;
  FakeClock clock_{1'767'225'600'000};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<store::LedgerStore> ledger_;
  std::unique_ptr<privacy::FieldCipher> cipher_;
  std::unique_ptr<CaseService> service_;
};

TEST_F(CaseServiceTest, OutOfScopeCasesLookMissing) {
  int64_t id = NewCaseInRootQueue();
  EXPECT_TRUE(service_->Get(P("triaj"), id).ok());
  EXPECT_EQ(service_->Get(P("memur"), id).status().code(), StatusCode::kNotFound);
  ASSERT_TRUE(service_->Route(P("triaj"), id, {"ulasim", "ulasim", "", ""}).ok());
  EXPECT_TRUE(service_->Get(P("memur"), id).ok());
  EXPECT_EQ(service_->Get(P("memur.su"), id).status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(service_->Get(P("mudur"), id).ok());
  EXPECT_TRUE(service_->Get(P("denetci"), id).ok());
}

TEST_F(CaseServiceTest, ListIsLimitedToScope) {
  int64_t a = NewCaseInRootQueue();
  NewCaseInRootQueue();
  ASSERT_TRUE(service_->Route(P("triaj"), a, {"ulasim", "ulasim", "", ""}).ok());
  EXPECT_EQ(service_->List(P("memur"), {})->size(), 1u);
  EXPECT_EQ(service_->List(P("triaj"), {})->size(), 1u);
  EXPECT_EQ(service_->List(P("memur.su"), {})->size(), 0u);
  cases::CaseFilter f;
  f.unit_code = "kurum";
  EXPECT_EQ(service_->List(P("memur"), f)->size(), 0u);  // asking for another unit gives nothing
  EXPECT_EQ(service_->List(P("denetci"), {})->size(), 2u);
}

TEST_F(CaseServiceTest, OfficersTakeCasesOnlyForThemselves) {
  int64_t id = NewCaseInRootQueue();
  ASSERT_TRUE(service_->Route(P("triaj"), id, {"ulasim", "ulasim", "", ""}).ok());
  auto other = service_->Assign(P("memur"), id, "mudur");
  EXPECT_EQ(other.status().code(), StatusCode::kPermissionDenied);
  auto wrong_unit = service_->Assign(P("mudur"), id, "memur.su");
  EXPECT_EQ(wrong_unit.status().reason(), "assignee_out_of_unit");
  EXPECT_TRUE(service_->Assign(P("mudur"), id, "memur").ok());
}

TEST_F(CaseServiceTest, RevealNeedsAPurposeAndIsRecordedTwice) {
  int64_t id = CaseInProgress();
  EXPECT_EQ(service_->RevealOriginal(P("memur"), id, " ").status().reason(), "purpose_required");
  EXPECT_EQ(service_->RevealOriginal(P("denetci"), id, "merak").status().code(),
            StatusCode::kPermissionDenied);
  const uint64_t before = *ledger_->Size();
  auto o = service_->RevealOriginal(P("memur"), id, "vatandaşı geri aramak");
  ASSERT_TRUE(o.ok()) << o.status().ToString();
  EXPECT_EQ(o->text, "Otobüs gelmiyor, numaram 0500 000 00 00");
  EXPECT_EQ(o->contact["phone"], "0500 000 00 00");
  EXPECT_EQ(store_->ListAccess(id, 10)->size(), 1u);
  EXPECT_EQ(*ledger_->Size(), before + 1);
}

TEST_F(CaseServiceTest, KvkkOfficerErasesPersonalDataAndTheLedgerShredsItsCopies) {
  int64_t id = NewCaseInRootQueue();
  ASSERT_TRUE(service_->RevealOriginal(P("triaj"), id, "vatandaşı geri aramak").ok());
  const uint64_t purpose_seq = *ledger_->Size() - 1;
  ASSERT_TRUE(ledger_->ReadPayload(purpose_seq).ok());

  ASSERT_TRUE(service_->AddNote(P("triaj"), id, "Vatandaş Deneme Kişi aradı").ok());
  service_->set_redactor([](const std::string& text) {
    std::string out = text;
    if (size_t at = out.find("Deneme Kişi"); at != std::string::npos) {
      out.replace(at, std::string("Deneme Kişi").size(), "[AD_SOYAD]");
    }
    return out;
  });
  // Only the KVKK officer (auditor role) erases, and only with a reason.
  EXPECT_EQ(service_->ErasePersonalData(P("triaj"), id, "talep").status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(service_->ErasePersonalData(P("denetci"), id, "  ").status().reason(),
            "reason_required");
  std::string text_sealed, contact_sealed;
  {
    auto db = store::sqlite::Connection::Open((dir_.path() / "kapi.db").string(), true);
    ASSERT_TRUE(db.ok());
    auto st = (*db)->Prepare("SELECT text_sealed, contact_sealed FROM cases WHERE id = ?");
    ASSERT_TRUE(st.ok());
    ASSERT_TRUE(*(*st)->Bind(1, id).Step());
    text_sealed = (*st)->Text(0);
    contact_sealed = (*st)->Text(1);
    ASSERT_GT(text_sealed.size(), 32u);
  }
  auto erased = service_->ErasePersonalData(P("denetci"), id, "KVKK başvurusu 2026/17");
  ASSERT_TRUE(erased.ok()) << erased.status().ToString();
  EXPECT_FALSE(erased->already_erased);
  EXPECT_EQ(erased->ledger_payloads_erased, 1u);
  EXPECT_EQ(erased->texts_redacted, 1);
  EXPECT_EQ(store_->ListNotes(id)->at(0).text, "Vatandaş [AD_SOYAD] aradı");
  for (const char* file : {"kapi.db", "kapi.db-wal"}) {  // nor left in freed space or the WAL
    std::ifstream in(dir_.path() / file, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(bytes.find(text_sealed.substr(0, 32)), std::string::npos) << file << " right after";
    EXPECT_EQ(bytes.find(contact_sealed.substr(0, 32)), std::string::npos)
        << file << " right after";
  }

  auto reveal = service_->RevealOriginal(P("triaj"), id, "tekrar aramak");
  EXPECT_EQ(reveal.status().reason(), "personal_data_erased");
  EXPECT_EQ(ledger_->ReadPayload(purpose_seq).status().code(), StatusCode::kNotFound);
  {  // the bytes are gone from the row, not only hidden
    auto db =
        store::sqlite::Connection::Open((dir_.path() / "kapi.db").string(), /*read_only=*/true);
    ASSERT_TRUE(db.ok());
    auto st = (*db)->Prepare(
        "SELECT length(text_sealed), contact_sealed IS NULL, location_json IS NULL, body_hash "
        "FROM cases WHERE id = ?");
    ASSERT_TRUE(st.ok());
    ASSERT_TRUE(*(*st)->Bind(1, id).Step());
    EXPECT_EQ((*st)->Int(0), 0);
    EXPECT_EQ((*st)->Int(1), 1);
    EXPECT_EQ((*st)->Int(2), 1);
    EXPECT_EQ((*st)->Text(3), "");
  }
  auto view = service_->Get(P("triaj"), id);
  ASSERT_TRUE(view.ok());
  EXPECT_GT(view->record.erased_at_ms, 0);
  EXPECT_EQ(view->record.text_masked, "Otobüs gelmiyor");

  // The case can still be worked to an answer on the tracking page.
  ASSERT_TRUE(service_->Route(P("triaj"), id, {"ulasim", "ulasim", "", ""}).ok());
  auto again = service_->ErasePersonalData(P("denetci"), id, "tekrar");
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->already_erased);
  EXPECT_EQ(again->ledger_payloads_erased, 0u);
  auto report = ledger_->Verify({});
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok()) << "erasure keeps the ledger verifiable";
}

TEST_F(CaseServiceTest, AiAssistedAnswerNeedsTheManager) {
  int64_t id = CaseInProgress();
  ASSERT_TRUE(service_->SaveDraft(P("memur"), id, "Taslak", cases::Provenance::kAi).ok());
  auto submitted = service_->SubmitAnswer(P("memur"), id);
  ASSERT_TRUE(submitted.ok());
  EXPECT_EQ(submitted->state, CaseState::kAwaitingApproval);
  EXPECT_EQ(service_->DecideAnswer(P("memur"), id, true, "").status().code(),
            StatusCode::kPermissionDenied);
  auto queue = service_->ApprovalQueue(P("mudur"));
  ASSERT_EQ(queue->size(), 1u);
  auto approved = service_->DecideAnswer(P("mudur"), id, true, "");
  ASSERT_TRUE(approved.ok());
  EXPECT_EQ(approved->state, CaseState::kAnswered);
  // A bare transition cannot answer a case.
  int64_t other = CaseInProgress();
  EXPECT_EQ(service_->Transition(P("memur"), other, CaseState::kAnswered, "", {}).status().reason(),
            "use_answer_workflow");
}

TEST_F(CaseServiceTest, AiDraftGetsTheDisclosureSentence) {
  int64_t id = CaseInProgress();
  auto d = service_->SaveDraft(P("memur"), id, "Sayın vatandaşımız, talebiniz incelenmiştir.",
                               cases::Provenance::kAiEdited);
  ASSERT_TRUE(d.ok());
  EXPECT_TRUE(policy::ContainsAiDisclosure(d->text)) << d->text;
  auto h = service_->SaveDraft(P("memur"), id, "İnsan yazdı.", cases::Provenance::kHuman);
  EXPECT_FALSE(policy::ContainsAiDisclosure(h->text));
}

TEST_F(CaseServiceTest, EveryActionIsInTheLedgerAndVerifies) {
  int64_t id = CaseInProgress();
  ASSERT_TRUE(service_->SaveDraft(P("memur"), id, "Yanıt", cases::Provenance::kHuman).ok());
  ASSERT_TRUE(service_->SubmitAnswer(P("memur"), id).ok());
  // human decision + triaged + assigned + in_progress + answered + answer sent
  EXPECT_EQ(*ledger_->Size(), 6u);
  auto report = ledger_->Verify({});
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok());
}

TEST_F(CaseServiceTest, RoutingAppliesTheTopicsDeadline) {
  // Information requests: 15 working days (Law 4982), counted on the Turkish calendar.
  ASSERT_TRUE(store_->UpsertTopic({"bilgi", "Bilgi Edinme", "ulasim", false, 15, true}).ok());
  auto calendar = cases::TurkishCalendar::Create();
  ASSERT_TRUE(calendar.ok());
  std::shared_ptr<const cases::TurkishCalendar> shared = std::move(*calendar);
  auto sla = cases::SlaClock::Create(shared, clock_);
  ASSERT_TRUE(sla.ok());
  service_->set_sla(sla->get());
  int64_t id = NewCaseInRootQueue();
  const int64_t received = store_->GetCase(id)->received_at_ms;
  auto routed = service_->Route(P("triaj"), id, {"bilgi", "ulasim", "", ""});
  ASSERT_TRUE(routed.ok()) << routed.status().ToString();
  EXPECT_EQ(routed->due_at_ms, *(*sla)->DueAt(received, cases::kInformationRequestLaw4982));
  // 15 working days is more than 15 calendar days: weekends and holidays do not count.
  EXPECT_GT(routed->due_at_ms - received, 15LL * 86'400'000);
}

TEST_F(CaseServiceTest, ManagerSwitchesAiOnlyInTheirTree) {
  EXPECT_TRUE(service_->SwitchAi(P("mudur"), "ulasim", false).ok());
  EXPECT_FALSE(service_->Units()->Find("ulasim")->ai_enabled);
  EXPECT_EQ(service_->SwitchAi(P("mudur"), "su", false).code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(service_->SwitchAi(P("memur"), "ulasim", true).code(), StatusCode::kPermissionDenied);
}

}  // namespace
}  // namespace kapi::workflow
