#include "store/ledger_audit.h"

#include <gtest/gtest.h>

#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "ledger/checkpoint.h"
#include "ledger/merkle.h"
#include "store/ledger_store.h"
#include "store/ledger_test_util.h"

namespace kapi::store {
namespace {

class AuditCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    LedgerOptions o = testing::OptionsFor(dir_.path());
    auto store = OpenSqliteLedgerStore(o);
    ASSERT_TRUE(store.ok());
    for (int i = 0; i < 30; ++i) ASSERT_TRUE((*store)->Append(testing::MakeEvent(i)).ok());
    options_.data_dir = dir_.path().string();
  }
  testing::TempDir dir_;
  AuditCommandOptions options_;
  std::ostringstream out_, err_;
};

TEST_F(AuditCommand, VerifyPassesOnAnIntactLedger) {
  EXPECT_EQ(RunAuditVerify(options_, out_, err_), 0) << err_.str();
  EXPECT_NE(out_.str().find("doğrulandı"), std::string::npos) << out_.str();
  EXPECT_NE(out_.str().find("30 kayıt"), std::string::npos) << out_.str();
}

TEST_F(AuditCommand, VerifyFailsNamingTheFirstBadSeq) {
  testing::RawSql(dir_.path() / "ledger.db", "DELETE FROM ledger_leaves WHERE seq = 17");
  EXPECT_EQ(RunAuditVerify(options_, out_, err_), 1);
  EXPECT_NE(out_.str().find("first bad sequence number): 17"), std::string::npos) << out_.str();
  options_.json = true;
  std::ostringstream json;
  EXPECT_EQ(RunAuditVerify(options_, json, err_), 1);
  auto j = nlohmann::json::parse(json.str());
  EXPECT_EQ(j["first_bad_seq"], 17);
  EXPECT_EQ(j["ok"], false);
}

TEST_F(AuditCommand, CheckpointThenProvePrintsAVerifiableBundle) {
  std::ostringstream note;
  ASSERT_EQ(RunAuditCheckpoint(options_, note, err_), 0) << err_.str();
  EXPECT_EQ(note.str().rfind("kapi.test/ledger\n30\n", 0), 0u) << note.str();
  ASSERT_EQ(RunAuditProve(options_, "12", 0, out_, err_), 0) << err_.str();
  auto j = nlohmann::json::parse(out_.str());
  EXPECT_EQ(j["format"], "kapi-ledger-proof/v1");
  EXPECT_EQ(j["seq"], 12);
  EXPECT_EQ(j["checkpoint"], note.str());
  EXPECT_EQ(j["event"]["type"], "state_change");
  // Check it with nothing but the bundle.
  auto verifier = ledger::NoteVerifier::FromVerifierKey(j["verifier_key"].get<std::string>());
  ASSERT_TRUE(verifier.ok());
  auto cp = ledger::OpenCheckpoint(*verifier, j["checkpoint"].get<std::string>());
  ASSERT_TRUE(cp.ok());
  std::vector<std::string> path;
  for (const auto& p : j["inclusion_path"])
    path.push_back(*ledger::Base64Decode(p.get<std::string>()));
  std::string leaf = *ledger::Base64Decode(j["leaf"].get<std::string>());
  EXPECT_TRUE(ledger::VerifyInclusion(12, j["tree_size"], ledger::AsBytes(ledger::HashLeaf(leaf)),
                                      path, ledger::AsBytes(cp->root))
                  .ok());
}

// The independent Python verifier (docs/verify) accepts our bundle and rejects a doctored one.
TEST_F(AuditCommand, IndependentPythonVerifierChecksTheBundle) {
  if (std::system("python3 -c 'import hashlib' >/dev/null 2>&1") != 0) {
    GTEST_SKIP() << "python3 is not installed";
  }
  std::ostringstream note, vkey;
  ASSERT_EQ(RunAuditCheckpoint(options_, note, err_), 0);
  ASSERT_EQ(RunAuditVerifierKey(options_, vkey, err_), 0);
  ASSERT_EQ(RunAuditProve(options_, "21", 0, out_, err_), 0);
  const std::string script = std::string(KAPI_SOURCE_DIR) + "/docs/verify/verify_proof.py";
  const auto good = dir_.path() / "proof.json";
  std::ofstream(good) << out_.str();
  std::string key = vkey.str();
  key.pop_back();
  auto run = [&](const std::filesystem::path& bundle) {
    std::string cmd = "python3 " + script + " " + bundle.string() + " --vkey '" + key +
                      "' --origin kapi.test/ledger >/dev/null 2>&1";
    int rc = std::system(cmd.c_str());
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  };
  EXPECT_EQ(run(good), 0);
  auto j = nlohmann::json::parse(out_.str());
  j["seq"] = 20;  // claim the proof is for another event
  const auto bad = dir_.path() / "bad.json";
  std::ofstream(bad) << j.dump();
  EXPECT_EQ(run(bad), 1);
  j = nlohmann::json::parse(out_.str());
  std::string leaf = *ledger::Base64Decode(j["leaf"].get<std::string>());
  leaf[12] ^= 1;
  j["leaf"] = ledger::Base64Encode(leaf);
  std::ofstream(bad) << j.dump();
  EXPECT_EQ(run(bad), 1);
}

TEST_F(AuditCommand, BadArgumentsExitWithTwo) {
  EXPECT_EQ(RunAuditProve(options_, "abc", 0, out_, err_), 2);
  EXPECT_EQ(RunAuditProve(options_, "999", 0, out_, err_), 2);
  AuditCommandOptions missing;
  missing.data_dir = (dir_.path() / "nothing").string();
  EXPECT_EQ(RunAuditVerify(missing, out_, err_), 2);
  EXPECT_FALSE(std::filesystem::exists(dir_.path() / "nothing"));
}

TEST_F(AuditCommand, VerifierKeyCanBeUsedByAnOutsideAuditor) {
  std::ostringstream vkey;
  ASSERT_EQ(RunAuditVerifierKey(options_, vkey, err_), 0);
  std::string key = vkey.str();
  key.pop_back();
  AuditCommandOptions outside;
  outside.data_dir = options_.data_dir;
  outside.verifier_key = key;
  outside.signing_key_path = (dir_.path() / "absent.key").string();
  EXPECT_EQ(RunAuditVerify(outside, out_, err_), 0) << err_.str();
  outside.verifier_key =
      ledger::NoteSigner::FromSeed("kapi.test/ledger", std::string(32, 'x'))->VerifierKey();
  EXPECT_EQ(RunAuditVerify(outside, out_, err_), 1) << "another key's signatures must fail";
}

}  // namespace
}  // namespace kapi::store
