// The storage conformance suite: every Store implementation must pass it. It is parameterized by
// a factory; SQLite is always tested, PostgreSQL against the cluster in KAPI_TEST_DATABASE_URL
// (scripts/test starts one), each test in a fresh schema.

#include <atomic>
#include <map>
#include <mutex>
#include <thread>

#include <gtest/gtest.h>

#include "store/pg_test_util.h"
#include "store/postgres_store.h"
#include "store/store.h"
#include "store/store_test_util.h"

namespace kapi::store {
namespace {

using cases::CaseState;
using testing::MakeRequest;
using testing::TempDir;

struct Backend {
  std::string name;
  // Opens a store rooted in `dir`; calling it twice with the same dir reopens the same data.
  std::function<Result<std::unique_ptr<Store>>(const std::filesystem::path& dir)> open;
  bool needs_postgres = false;
  // Several stores (nodes) may write to one database at once. SQLite is single-node by design.
  bool multi_node = false;
  // Drops what `open` created for `dir` outside it (the PostgreSQL schema).
  std::function<void(const std::filesystem::path& dir)> cleanup = [](const auto&) {};
};

// PostgreSQL: one schema per test directory, so reopening finds the same data.
std::mutex pg_mu;
std::map<std::string, std::unique_ptr<testing::PgTestSchema>> pg_schemas;

Result<std::unique_ptr<Store>> OpenPostgresFor(const std::filesystem::path& dir) {
  auto base = testing::TestDatabaseUrl();
  if (!base) return Unavailable(testing::kNoPostgresMessage);
  std::string url;
  {
    std::lock_guard lock(pg_mu);
    auto& schema = pg_schemas[dir.string()];
    if (!schema) {
      auto made = testing::PgTestSchema::Create(*base);
      if (!made.ok()) return made.status();
      schema = std::move(*made);
    }
    url = schema->url();
  }
  return OpenPostgresStore({.url = url, .read_connections = 2});
}

std::vector<Backend> Backends() {
  return {{"sqlite",
           [](const std::filesystem::path& dir) {
             return OpenSqliteStore({.path = (dir / "kapi.db").string()});
           }},
          {"postgres", OpenPostgresFor, true, true, [](const std::filesystem::path& dir) {
             std::lock_guard lock(pg_mu);
             pg_schemas.erase(dir.string());
           }}};
}

class StoreConformance : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam().needs_postgres) KAPI_NEED_TEST_POSTGRES();
    auto s = GetParam().open(dir_.path());
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(*s);
    ASSERT_TRUE(store_->UpsertUnit({"kurum", "Örnek Belediyesi", ""}).ok());
    ASSERT_TRUE(store_->UpsertUnit({"ulasim", "Ulaşım Dairesi", "kurum"}).ok());
    ASSERT_TRUE(store_->UpsertUnit({"su", "Su ve Kanalizasyon", "kurum"}).ok());
    cases::Topic t{"ulasim", "Ulaşım", "ulasim", false, 30, false};
    ASSERT_TRUE(store_->UpsertTopic(t).ok());
    ASSERT_TRUE(store_->UpsertTopic({"su", "Su ve Kanalizasyon", "su", false, 15, true}).ok());
    ASSERT_TRUE(
        store_->UpsertStaffUser({"memur1", "Test Memur", "case_officer", "ulasim"}, "$argon2id$x")
            .ok());
  }
  void TearDown() override {
    if (store_) store_->Close();
    store_.reset();
    GetParam().cleanup(dir_.path());
  }
  void Reopen() {
    store_->Close();
    store_.reset();
    auto s = GetParam().open(dir_.path());
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(*s);
  }
  int64_t NewCase(const std::string& text) {
    auto r = store_->InsertRequest(MakeRequest(text));
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r->case_id : 0;
  }
  Actor Officer() { return {"user:memur1", 1'700'000'100'000}; }

  TempDir dir_;
  std::unique_ptr<Store> store_;
};

TEST_P(StoreConformance, ReferenceDataRoundTrips) {
  auto units = store_->ListUnits();
  ASSERT_TRUE(units.ok());
  EXPECT_EQ(units->size(), 3u);
  auto topics = store_->ListTopics();
  ASSERT_TRUE(topics.ok());
  ASSERT_EQ(topics->size(), 2u);
  EXPECT_EQ((*topics)[0].code, "su");
  EXPECT_TRUE((*topics)[0].sla_working_days);
  auto users = store_->ListStaffUsers();
  ASSERT_TRUE(users.ok());
  ASSERT_EQ(users->size(), 1u);
  EXPECT_EQ((*users)[0].role, "case_officer");
}

TEST_P(StoreConformance, IntakeIsDurableAcrossReopen) {
  auto req = MakeRequest("Otobüs durağında bekleyen yolcular mağdur.");
  const std::string code = req.tracking_code;
  auto r = store_->InsertRequest(req);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_FALSE(r->replayed);
  Reopen();
  auto found = store_->FindByTrackingCode(code);
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->record.state, CaseState::kNew);
  EXPECT_EQ(found->secret_hash, req.secret_hash);
  EXPECT_EQ(found->record.text_masked, req.text_masked);
}

TEST_P(StoreConformance, IdempotencyKeyReplaysTheOriginal) {
  auto a = MakeRequest("Su kesintisi var.");
  a.idempotency_key = "key-1";
  auto first = store_->InsertRequest(a);
  ASSERT_TRUE(first.ok());
  auto b = MakeRequest("Su kesintisi var.");
  b.idempotency_key = "key-1";
  b.body_hash = a.body_hash;
  auto second = store_->InsertRequest(b);
  ASSERT_TRUE(second.ok());
  EXPECT_TRUE(second->replayed);
  EXPECT_EQ(second->tracking_code, a.tracking_code);
  EXPECT_EQ(second->secret_sealed, a.secret_sealed);
  EXPECT_EQ(*store_->CountCases(), 1);
}

TEST_P(StoreConformance, IdempotencyKeyWithAnotherBodyIsAConflict) {
  auto a = MakeRequest("Birinci metin");
  a.idempotency_key = "key-2";
  ASSERT_TRUE(store_->InsertRequest(a).ok());
  auto b = MakeRequest("İkinci metin");
  b.idempotency_key = "key-2";
  auto r = store_->InsertRequest(b);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kConflict);
  EXPECT_EQ(r.status().reason(), "idempotency_conflict");
}

TEST_P(StoreConformance, ConcurrentIntakeStoresEveryRequestOnce) {
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 40; ++i) {
        auto req = MakeRequest("eşzamanlı istek");
        req.idempotency_key = "k-" + std::to_string(t) + "-" + std::to_string(i % 20);
        req.body_hash = "same-" + *req.idempotency_key;
        if (store_->InsertRequest(req).ok()) ++ok;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 8 * 40);
  EXPECT_EQ(*store_->CountCases(), 8 * 20);
}

// Two stores on one database stand for two nodes: the idempotency key holds across them.
TEST_P(StoreConformance, TwoStoresOnOneDatabaseStoreEachKeyOnce) {
  if (!GetParam().multi_node) GTEST_SKIP() << "single-node backend";
  auto second = GetParam().open(dir_.path());
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  Store* nodes[2] = {store_.get(), second->get()};
  std::atomic<int> ok{0};
  std::atomic<int> replayed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 30; ++i) {
        auto req = MakeRequest("iki düğüm");
        req.idempotency_key = "node-k-" + std::to_string(i);
        req.body_hash = "same-" + *req.idempotency_key;
        auto r = nodes[(t + i) % 2]->InsertRequest(req);
        if (!r.ok()) ADD_FAILURE() << r.status().ToString();
        if (r.ok()) {
          ++ok;
          if (r->replayed) ++replayed;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 4 * 30);
  EXPECT_EQ(replayed.load(), 3 * 30);
  EXPECT_EQ(*store_->CountCases(), 30);
  EXPECT_EQ(*(*second)->CountCases(), 30);
  (*second)->Close();
}

TEST_P(StoreConformance, FullTextSearchUsesTurkishCasing) {
  int64_t a = NewCase("İSTANBUL caddesinde çukur var");
  int64_t b = NewCase("Işık direği yanmıyor");
  NewCase("isik kelimesi farklıdır");
  auto find = [&](const std::string& q) {
    cases::CaseFilter f;
    f.query = q;
    auto r = store_->ListCases(f);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    std::vector<int64_t> ids;
    for (auto& c : *r) ids.push_back(c.id);
    return ids;
  };
  EXPECT_EQ(find("istanbul"), std::vector<int64_t>{a});
  EXPECT_EQ(find("ışık"), std::vector<int64_t>{b});
  EXPECT_EQ(find("IŞIK"), std::vector<int64_t>{b});
  EXPECT_EQ(find("direk"), std::vector<int64_t>{});        // prefix, not fuzzy
  EXPECT_EQ(find("direğ"), std::vector<int64_t>{b});       // prefix of "direği"
  EXPECT_EQ(find("ışık direğ"), std::vector<int64_t>{b});  // words are ANDed
  EXPECT_EQ(find("ışık çukur"), std::vector<int64_t>{});
  EXPECT_EQ(find("\"cadde\" ; DROP"), std::vector<int64_t>{});  // syntax is never injected
  cases::CaseFilter empty;
  empty.query = " ,;! ";
  auto r = store_->ListCases(empty);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().reason(), "invalid_query");
}

TEST_P(StoreConformance, FullTextSearchPunctuationAndDigits) {
  int64_t a = NewCase("Sokak: Atatürk Cd. No:12/3, lamba—yanmıyor.");
  int64_t b = NewCase("e-posta adresim (maskeli) ve 2024 yılı başvurusu");
  auto find = [&](const std::string& q) {
    cases::CaseFilter f;
    f.query = q;
    auto r = store_->ListCases(f);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    std::vector<int64_t> ids;
    for (auto& c : *r) ids.push_back(c.id);
    return ids;
  };
  EXPECT_EQ(find("atatürk"), std::vector<int64_t>{a});
  EXPECT_EQ(find("lamba yanmıy"), std::vector<int64_t>{a});
  EXPECT_EQ(find("12"), std::vector<int64_t>{a});
  EXPECT_EQ(find("posta 202"), std::vector<int64_t>{b});
  EXPECT_EQ(find("maskeli"), std::vector<int64_t>{b});
  EXPECT_EQ(find("BAŞVURU"), std::vector<int64_t>{b});
}

TEST_P(StoreConformance, FiltersCombine) {
  int64_t a = NewCase("bir");
  int64_t b = NewCase("iki");
  ASSERT_TRUE(store_->SetRouting(a, {"ulasim", "ulasim", "", ""}, Officer()).ok());
  cases::CaseFilter f;
  f.state = CaseState::kTriaged;
  auto r = store_->ListCases(f);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ((*r)[0].id, a);
  f = {};
  f.state = CaseState::kNew;
  f.channel = cases::Channel::kWeb;
  r = store_->ListCases(f);
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ((*r)[0].id, b);
  f = {};
  f.limit = 1;
  r = store_->ListCases(f);
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ((*r)[0].id, b);  // newest first
  f.before_id = b;
  r = store_->ListCases(f);
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ((*r)[0].id, a);
}

TEST_P(StoreConformance, WorkflowRecordsEvents) {
  int64_t id = NewCase("Durak tabelası kırık");
  ASSERT_TRUE(store_->SetRouting(id, {"ulasim", "ulasim", "", ""}, Officer()).ok());
  auto assigned = store_->AssignCase(id, "memur1", Officer());
  ASSERT_TRUE(assigned.ok()) << assigned.status().ToString();
  EXPECT_EQ(assigned->state, CaseState::kAssigned);
  EXPECT_EQ(assigned->assignee, "memur1");
  auto started = store_->TransitionCase(id, CaseState::kInProgress, "", Officer(), std::nullopt);
  ASSERT_TRUE(started.ok());
  auto note = store_->AddNote(id, "Fen işleri ile görüşüldü.", Officer());
  ASSERT_TRUE(note.ok());
  auto notes = store_->ListNotes(id);
  ASSERT_EQ(notes->size(), 1u);
  EXPECT_EQ((*notes)[0].author, "user:memur1");
  auto events = store_->ListEvents(id);
  ASSERT_TRUE(events.ok());
  std::vector<std::string> kinds;
  for (auto& e : *events) kinds.push_back(e.kind);
  EXPECT_EQ(kinds,
            (std::vector<std::string>{"created", "routing", "assign", "transition", "note"}));
}

TEST_P(StoreConformance, InvalidTransitionIsRefusedAndNothingChanges) {
  int64_t id = NewCase("metin");
  auto r = store_->TransitionCase(id, CaseState::kAnswered, "", Officer(), std::nullopt);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(r.status().message().find("new → answered"), std::string::npos);
  EXPECT_EQ(store_->GetCase(id)->state, CaseState::kNew);
  EXPECT_EQ(store_->ListEvents(id)->size(), 1u);
}

TEST_P(StoreConformance, ClosingWithoutAnswerNeedsAReason) {
  int64_t id = NewCase("mükerrer başvuru");
  auto r = store_->TransitionCase(id, CaseState::kClosed, "", Officer(), std::nullopt);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().reason(), "reason_required");
  EXPECT_TRUE(
      store_->TransitionCase(id, CaseState::kClosed, "mükerrer", Officer(), std::nullopt).ok());
}

TEST_P(StoreConformance, StaleVersionIsAConflict) {
  int64_t id = NewCase("metin");
  auto c = store_->GetCase(id);
  ASSERT_TRUE(store_->SetRouting(id, {"ulasim", "ulasim", "", ""}, Officer()).ok());
  auto r = store_->TransitionCase(id, CaseState::kClosed, "x", Officer(), c->version);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kConflict);
}

TEST_P(StoreConformance, UnknownReferencesAreNamed) {
  int64_t id = NewCase("metin");
  auto r = store_->SetRouting(id, {"yok", "ulasim", "", ""}, Officer());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().field(), "topic");
  ASSERT_TRUE(store_->SetRouting(id, {"ulasim", "ulasim", "", ""}, Officer()).ok());
  auto a = store_->AssignCase(id, "kimse", Officer());
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.status().reason(), "unknown_assignee");
  EXPECT_EQ(store_->GetCase(999999).status().code(), StatusCode::kNotFound);
}

TEST_P(StoreConformance, ClosedStoreRefusesWrites) {
  store_->Close();
  auto r = store_->InsertRequest(MakeRequest("geç kalan"));
  EXPECT_EQ(r.status().code(), StatusCode::kUnavailable);
  EXPECT_FALSE(store_->Ping().ok());
}

TEST_P(StoreConformance, ReadsAfterAWriteSeeTheWrite) {
  // Regression: a half-stepped SELECT on a pooled connection used to pin an old snapshot.
  int64_t id = NewCase("anlık görüntü");
  ASSERT_TRUE(store_->GetCase(id).ok());
  ASSERT_TRUE(store_->SetRouting(id, {"ulasim", "ulasim", "", ""}, Officer()).ok());
  cases::CaseFilter f;
  f.state = CaseState::kTriaged;
  auto listed = store_->ListCases(f);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(store_->GetCase(id)->state, CaseState::kTriaged);
}

TEST_P(StoreConformance, RoutingSetsTheTopicsDeadline) {
  int64_t id = NewCase("bilgi edinme");
  const int64_t before = store_->GetCase(id)->due_at_ms;
  auto routed = store_->SetRouting(id, {"su", "su", "", "", before + 5}, Officer());
  ASSERT_TRUE(routed.ok()) << routed.status().ToString();
  EXPECT_EQ(store_->GetCase(id)->due_at_ms, before + 5);
  // Without a deadline the earlier one stays.
  ASSERT_TRUE(store_->SetRouting(id, {"ulasim", "ulasim", "", ""}, Officer()).ok());
  EXPECT_EQ(store_->GetCase(id)->due_at_ms, before + 5);
}

TEST_P(StoreConformance, OverridingAnAiSuggestionNeedsAReason) {
  int64_t id = NewCase("metin");
  auto r = store_->SetRouting(id, {"ulasim", "ulasim", "overridden", ""}, Officer());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().reason(), "reason_required");
  ASSERT_TRUE(
      store_->SetRouting(id, {"su", "su", "overridden", "metin su arızası"}, Officer()).ok());
  auto events = store_->ListEvents(id);
  EXPECT_NE(events->back().detail_json.find("overridden"), std::string::npos);
}

// Moves a new case to in_progress with the officer.
void ToInProgress(Store& store, int64_t id, const Actor& a) {
  ASSERT_TRUE(store.SetRouting(id, {"ulasim", "ulasim", "", ""}, a).ok());
  ASSERT_TRUE(store.AssignCase(id, "memur1", a).ok());
  ASSERT_TRUE(store.TransitionCase(id, CaseState::kInProgress, "", a, std::nullopt).ok());
}

TEST_P(StoreConformance, HumanAnswerWithoutApprovalIsSentAtOnce) {
  int64_t id = NewCase("Kaldırım bozuk");
  ToInProgress(*store_, id, Officer());
  auto d = store_->SaveAnswerDraft(id, "Sayın vatandaşımız, ekip yönlendirilmiştir.",
                                   cases::Provenance::kHuman, "", Officer());
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->status, "draft");
  auto sent = store_->SubmitAnswer(id, /*needs_approval=*/false, Officer());
  ASSERT_TRUE(sent.ok()) << sent.status().ToString();
  EXPECT_EQ(sent->state, CaseState::kAnswered);
  EXPECT_EQ(sent->public_answer, "Sayın vatandaşımız, ekip yönlendirilmiştir.");
  EXPECT_EQ(store_->GetAnswer(id)->status, "sent");
}

TEST_P(StoreConformance, AiAssistedAnswerAlwaysWaitsForApproval) {
  int64_t id = NewCase("Su faturası yüksek");
  ToInProgress(*store_, id, Officer());
  ASSERT_TRUE(
      store_->SaveAnswerDraft(id, "YZ taslağı", cases::Provenance::kAiEdited, "", Officer()).ok());
  // Even when the unit does not require approval, an AI-assisted draft does.
  auto submitted = store_->SubmitAnswer(id, /*needs_approval=*/false, Officer());
  ASSERT_TRUE(submitted.ok());
  EXPECT_EQ(submitted->state, CaseState::kAwaitingApproval);
  EXPECT_EQ(submitted->public_answer, "");
  // Returning needs a reason; the case goes back to the officer.
  Actor manager{"user:mudur", Officer().at_ms + 1};
  EXPECT_EQ(store_->DecideAnswer(id, false, "", manager).status().reason(), "reason_required");
  auto returned = store_->DecideAnswer(id, false, "kaynak belirtin", manager);
  ASSERT_TRUE(returned.ok());
  EXPECT_EQ(returned->state, CaseState::kInProgress);
  EXPECT_EQ(store_->GetAnswer(id)->status, "returned");
  // Redraft, resubmit, approve: now it is public.
  ASSERT_TRUE(
      store_->SaveAnswerDraft(id, "Düzeltilmiş yanıt", cases::Provenance::kAiEdited, "", Officer())
          .ok());
  ASSERT_TRUE(store_->SubmitAnswer(id, false, Officer()).ok());
  auto approved = store_->DecideAnswer(id, true, "", manager);
  ASSERT_TRUE(approved.ok());
  EXPECT_EQ(approved->state, CaseState::kAnswered);
  EXPECT_EQ(approved->public_answer, "Düzeltilmiş yanıt");
  EXPECT_EQ(store_->GetAnswer(id)->decided_by, "user:mudur");
  // Nothing left to decide.
  EXPECT_EQ(store_->DecideAnswer(id, true, "", manager).status().reason(), "invalid_state");
}

TEST_P(StoreConformance, RatingAndHumanReview) {
  int64_t id = NewCase("Park bakımsız");
  EXPECT_EQ(store_->RateAnswer(id, 5, "", {"citizen", 1}).reason(), "invalid_state");
  ToInProgress(*store_, id, Officer());
  ASSERT_TRUE(store_->SaveAnswerDraft(id, "Yanıt", cases::Provenance::kHuman, "", Officer()).ok());
  ASSERT_TRUE(store_->SubmitAnswer(id, false, Officer()).ok());
  EXPECT_EQ(store_->RateAnswer(id, 9, "", {"citizen", 1}).reason(), "invalid_rating");
  ASSERT_TRUE(store_->RateAnswer(id, 2, "eksik", {"citizen", 2}).ok());
  ASSERT_TRUE(store_->RequestHumanReview(id, "YZ yanlış birime yönlendirdi", {"citizen", 3}).ok());
  EXPECT_EQ(store_->GetCase(id)->state, CaseState::kReopened);
}

TEST_P(StoreConformance, SessionsAndLoginThrottling) {
  cases::Session x{"hash-1", "memur1", "csrf-1", 10, 10, 1000};
  ASSERT_TRUE(store_->CreateSession(x).ok());
  auto got = store_->GetSession("hash-1");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->csrf_token, "csrf-1");
  ASSERT_TRUE(store_->TouchSession("hash-1", 50).ok());
  EXPECT_EQ(store_->GetSession("hash-1")->last_seen_ms, 50);
  ASSERT_TRUE(store_->DeleteSessionsOf("memur1").ok());
  EXPECT_EQ(store_->GetSession("hash-1").status().code(), StatusCode::kNotFound);

  EXPECT_EQ(*store_->RecordLoginFailure("memur1", 3, 9999), 1);
  EXPECT_EQ(*store_->RecordLoginFailure("memur1", 3, 9999), 2);
  EXPECT_EQ(*store_->RecordLoginFailure("memur1", 3, 9999), 3);
  auto creds = store_->GetStaffCredentials("memur1");
  ASSERT_TRUE(creds.ok());
  EXPECT_EQ(creds->locked_until_ms, 9999);
  ASSERT_TRUE(store_->RecordLoginSuccess("memur1").ok());
  EXPECT_EQ(store_->GetStaffCredentials("memur1")->locked_until_ms, 0);
  ASSERT_TRUE(store_->SetPassword("memur1", "$argon2id$new", true).ok());
  EXPECT_TRUE(store_->GetStaffCredentials("memur1")->must_change_password);
  EXPECT_EQ(store_->SetPassword("kimse", "x", false).code(), StatusCode::kNotFound);
}

TEST_P(StoreConformance, ReadingTheOriginalIsRecorded) {
  int64_t id = NewCase("metin");
  auto original = store_->ReadSealedOriginal(id, "vatandaşı aramak", Officer());
  ASSERT_TRUE(original.ok());
  EXPECT_EQ(original->text_sealed, "sealed:metin");
  auto log = store_->ListAccess(id, 10);
  ASSERT_EQ(log->size(), 1u);
  EXPECT_EQ((*log)[0].actor, "user:memur1");
  EXPECT_EQ((*log)[0].purpose, "vatandaşı aramak");
}

TEST_P(StoreConformance, ErasureDestroysTheOriginalAndKeepsTheMaskedRecord) {
  cases::NewRequest request = MakeRequest("otobüs durağı [AD_SOYAD] kırık");
  request.contact_sealed = "sealed:contact";
  request.location_json = R"({"lat":39.9,"long":32.8})";
  auto receipt = store_->InsertRequest(request);
  ASSERT_TRUE(receipt.ok()) << receipt.status().ToString();
  const int64_t id = receipt->case_id;
  ASSERT_TRUE(store_->AddNote(id, "geri arandı", Officer()).ok());
  const int64_t other = NewCase("başka bir başvuru");

  Actor kvkk{"user:kvkk", 1'700'000'200'000};
  auto erased = store_->ErasePersonalData(id, "KVKK md. 11 başvurusu", kvkk);
  ASSERT_TRUE(erased.ok()) << erased.status().ToString();
  EXPECT_EQ(erased->erased_at_ms, kvkk.at_ms);
  EXPECT_FALSE(erased->already_erased);

  Reopen();  // the erasure is durable
  auto original = store_->ReadSealedOriginal(id, "vatandaşı aramak", Officer());
  ASSERT_FALSE(original.ok());
  EXPECT_EQ(original.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(original.status().reason(), "personal_data_erased");
  auto access = store_->ListAccess(id, 10);
  ASSERT_TRUE(access.ok());
  EXPECT_TRUE(access->empty()) << "a refused read is not an access";

  auto c = store_->GetCase(id);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->erased_at_ms, kvkk.at_ms);
  EXPECT_EQ(c->text_masked, "otobüs durağı [AD_SOYAD] kırık");
  EXPECT_EQ(c->location_json, "");
  EXPECT_EQ(store_->ListNotes(id)->size(), 1u);
  auto events = store_->ListEvents(id);
  ASSERT_TRUE(events.ok());
  ASSERT_FALSE(events->empty());
  EXPECT_EQ(events->back().kind, "personal_data_erased");
  EXPECT_EQ(events->back().actor, "user:kvkk");
  // The case is still found by its tracking code and by search; the other case is untouched.
  EXPECT_EQ(store_->FindByTrackingCode(request.tracking_code)->record.id, id);
  EXPECT_EQ(store_->GetCase(other)->erased_at_ms, 0);
  EXPECT_TRUE(store_->ReadSealedOriginal(other, "kontrol", Officer()).ok());

  // A second erasure changes nothing and reports the first.
  auto again = store_->ErasePersonalData(id, "tekrar", {"user:kvkk", kvkk.at_ms + 5});
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->already_erased);
  EXPECT_EQ(again->erased_at_ms, kvkk.at_ms);
  EXPECT_EQ(store_->ListEvents(id)->size(), events->size());
  EXPECT_EQ(store_->ErasePersonalData(9'999'999, "yok", kvkk).status().code(),
            StatusCode::kNotFound);
}

TEST_P(StoreConformance, RedactFreeTextMasksWhatStaffWroteAboutTheCase) {
  const int64_t id = NewCase("çöp alınmadı");
  const int64_t other = NewCase("başka");
  const Actor a = Officer();
  ASSERT_TRUE(store_->AddNote(id, "Deneme Kişi aradı, geri dönülecek", a).ok());
  ASSERT_TRUE(store_->AddNote(other, "Deneme Kişi başka dosyada", a).ok());
  ASSERT_TRUE(store_->ReadSealedOriginal(id, "Deneme Kişi'yi aramak", a).ok());
  ASSERT_TRUE(
      store_->SetRouting(id, {"ulasim", "ulasim", "overridden", "Deneme Kişi istedi"}, a).ok());
  ASSERT_TRUE(store_->AssignCase(id, "memur1", a).ok());
  ASSERT_TRUE(store_->TransitionCase(id, CaseState::kInProgress, "", a, std::nullopt).ok());
  ASSERT_TRUE(store_
                  ->SaveAnswerDraft(id, "Sayın Deneme Kişi, çöpünüz alındı.",
                                    cases::Provenance::kHuman, "[]", a)
                  .ok());
  ASSERT_TRUE(store_->SubmitAnswer(id, /*needs_approval=*/false, a).ok());

  // A stand-in for the personal-data engine: the made-up name becomes a tag.
  auto redact = [](const std::string& text) {
    std::string out = text;
    for (size_t at; (at = out.find("Deneme Kişi")) != std::string::npos;) {
      out.replace(at, std::string("Deneme Kişi").size(), "[AD_SOYAD]");
    }
    return out;
  };
  auto changed = store_->RedactFreeText(id, redact);
  ASSERT_TRUE(changed.ok()) << changed.status().ToString();
  // the note, the answer, the public answer, the access log's purpose, and in the history the
  // routing reason and the read's purpose
  EXPECT_EQ(*changed, 6);
  EXPECT_EQ(store_->ListNotes(id)->at(0).text, "[AD_SOYAD] aradı, geri dönülecek");
  EXPECT_EQ(store_->GetAnswer(id)->text, "Sayın [AD_SOYAD], çöpünüz alındı.");
  EXPECT_EQ(store_->GetCase(id)->public_answer, "Sayın [AD_SOYAD], çöpünüz alındı.");
  EXPECT_EQ(store_->ListAccess(id, 10)->at(0).purpose, "[AD_SOYAD]'yi aramak");
  auto events = store_->ListEvents(id);
  ASSERT_TRUE(events.ok());
  for (const auto& e : *events) {
    EXPECT_EQ(e.detail_json.find("Deneme"), std::string::npos) << e.kind << " " << e.detail_json;
  }
  EXPECT_EQ(store_->ListNotes(other)->at(0).text, "Deneme Kişi başka dosyada") << "other cases";
  EXPECT_EQ(*store_->RedactFreeText(id, redact), 0) << "nothing left to redact";
  EXPECT_EQ(store_->RedactFreeText(9'999'999, redact).status().code(), StatusCode::kNotFound);
}

TEST_P(StoreConformance, SuggestionOutcomesPairTheModelWithTheHumanDecision) {
  const int64_t t0 = 1'700'000'000'000;
  auto with_suggestion = [&](const std::string& text, int64_t at) {
    cases::NewRequest r = MakeRequest(text, at);
    r.suggestions_json = R"({"topic":[{"label":"Ulaşım","p":0.9}],"model":"topic@t1"})";
    r.channel = cases::Channel::kPhone;
    auto receipt = store_->InsertRequest(r);
    EXPECT_TRUE(receipt.ok());
    return receipt.ok() ? receipt->case_id : 0;
  };
  const int64_t accepted = with_suggestion("otobüs", t0 + 1);
  const int64_t overridden = with_suggestion("su borusu", t0 + 2);
  const int64_t waiting = with_suggestion("durak", t0 + 3);
  const int64_t outside = with_suggestion("geç", t0 + 10'000);
  NewCase("önerisiz");  // no suggestion: not a row
  ASSERT_TRUE(store_->SetRouting(accepted, {"ulasim", "ulasim", "accepted", ""}, Officer()).ok());
  ASSERT_TRUE(
      store_->SetRouting(overridden, {"su", "su", "overridden", "su arızası"}, Officer()).ok());
  // A later re-routing (a referral) does not replace the first human verdict.
  ASSERT_TRUE(store_->SetRouting(accepted, {"su", "su", "", ""}, Officer()).ok());

  auto rows = store_->ListSuggestionOutcomes(t0, t0 + 10'000, 100);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 3u);
  EXPECT_EQ((*rows)[0].case_id, accepted);
  EXPECT_EQ((*rows)[0].ai_decision, "accepted");
  EXPECT_EQ((*rows)[0].topic_code, "su");
  EXPECT_EQ((*rows)[0].channel, cases::Channel::kPhone);
  EXPECT_EQ((*rows)[0].received_at_ms, t0 + 1);
  EXPECT_NE((*rows)[0].suggestions_json.find("topic@t1"), std::string::npos);
  EXPECT_EQ((*rows)[1].case_id, overridden);
  EXPECT_EQ((*rows)[1].ai_decision, "overridden");
  EXPECT_EQ((*rows)[1].unit_code, "su");
  EXPECT_EQ((*rows)[2].case_id, waiting);
  EXPECT_EQ((*rows)[2].ai_decision, "");
  EXPECT_EQ((*rows)[2].topic_code, "");
  EXPECT_EQ(store_->ListSuggestionOutcomes(t0, t0 + 10'001, 100)->back().case_id, outside);
  EXPECT_EQ(store_->ListSuggestionOutcomes(t0, t0 + 10'000, 2)->size(), 2u);
}

TEST_P(StoreConformance, UnitAiSwitch) {
  ASSERT_TRUE(store_->SetUnitAiEnabled("ulasim", false, Officer()).ok());
  auto units = store_->ListUnits();
  ASSERT_TRUE(units.ok());
  for (const auto& u : *units) {
    EXPECT_EQ(u.ai_enabled, u.code != "ulasim") << u.code;
  }
  EXPECT_FALSE(store_->SetUnitAiEnabled("yok", false, Officer()).ok());
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreConformance, ::testing::ValuesIn(Backends()),
                         [](const auto& test_info) { return test_info.param.name; });

}  // namespace
}  // namespace kapi::store
