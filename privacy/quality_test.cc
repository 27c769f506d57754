// Quality gate: generates the labelled test set (tools/pii_testset/generate.py, fixed seed) from
// ../shared/data into a temp dir and checks the issue's per-type targets. Skips when python3 or
// the shared data is missing. Labelled "slow".

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "privacy/pii_eval.h"

namespace kapi::privacy {
namespace {

namespace fs = std::filesystem;

// Generates a set with tools/pii_testset/generate.py (extra flags in `flags`) and evaluates it.
// Returns false (and skips) when python3 or the shared data is missing.
bool GenerateAndEvaluate(const std::string& flags, EvalReport* r) {
  std::string shared = KAPI_SHARED_DIR;
  if (!fs::exists(shared + "/data/names/first_names.tsv") ||
      std::system("python3 --version > /dev/null 2>&1") != 0) {
    return false;
  }
  fs::path dir = fs::temp_directory_path() / ("kapi_pii_quality_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::string set = (dir / "testset.jsonl").string();
  std::string cmd = "python3 " + std::string(KAPI_SOURCE_DIR) +
                    "/tools/pii_testset/generate.py --shared " + shared + " --out " + set + " " +
                    flags;
  EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
  auto detector = LoadDetector(std::string(KAPI_SOURCE_DIR) + "/privacy/resources");
  EXPECT_TRUE(detector.ok());
  if (!detector.ok()) return false;
  std::ifstream in(set);
  *r = Evaluate(**detector, in);
  PrintReport(*r, std::cout);
  fs::remove_all(dir);
  return true;
}

TEST(Quality, GeneratedTestSetMeetsTheIssueTargets) {
  EvalReport r;
  if (!GenerateAndEvaluate("--n 3000 --seed 11", &r)) GTEST_SKIP() << "needs python3 and data";

  struct Target {
    EntityType type;
    double recall, precision;
  };
  // The issue's targets. PLATE/ADDRESS/PERSON precision is lower here because the real base
  // texts carry real plates, addresses and (in news) names that the generator does not label;
  // docs/privacy.md reports the numbers per source.
  const Target targets[] = {
      {EntityType::kTckn, 0.995, 0.99},
      {EntityType::kYkn, 0.995, 0.99},
      {EntityType::kIban, 0.995, 0.99},
      {EntityType::kCard, 0.995, 0.99},
      {EntityType::kEmail, 0.995, 0.99},
      {EntityType::kPhone, 0.99, 0.985},
      {EntityType::kVkn, 0.98, 0.98},
      {EntityType::kIp, 0.98, 0.97},
      {EntityType::kPlate, 0.98, 0.93},  // raw; adjusted below    {EntityType::kBirthdate, 0.97,
                                         // 0.95},
      {EntityType::kPassport, 0.98, 0.97},
      {EntityType::kAddress, 0.95, 0.90},
      {EntityType::kPerson, 0.90, 0.50},
  };
  for (const Target& t : targets) {
    const TypeScore& s = r.by_type[static_cast<size_t>(t.type)];
    EXPECT_GT(s.gold, 20u) << EntityTypeName(t.type);
    EXPECT_GE(s.Recall(), t.recall) << EntityTypeName(t.type);
    EXPECT_GE(s.Precision(), t.precision) << EntityTypeName(t.type);
  }
  // With the hit audit of plates and addresses in the base texts (tools/pii_testset/README.md),
  // their precision meets the issue's targets.
  EXPECT_GE(r.adjusted[static_cast<size_t>(EntityType::kPlate)].Precision(), 0.97);
  EXPECT_GE(r.adjusted[static_cast<size_t>(EntityType::kAddress)].Precision(), 0.97);
}

// Every base text hand-audited (--audited-only): PERSON precision and the clean-text rate against
// real ground truth. Recall here also counts real names in the base texts (news, reviews), which
// the engine misses more often than planted ones, so the recall bound is the planted one.
TEST(Quality, AuditedBaseTextsMeetTheIssueTargets) {
  EvalReport r;
  if (!GenerateAndEvaluate("--n 3000 --seed 11 --audited-only", &r)) {
    GTEST_SKIP() << "needs python3 and data";
  }
  ASSERT_GT(r.audited_records, 2900u);
  const TypeScore& person = r.audited[static_cast<size_t>(EntityType::kPerson)];
  EXPECT_GE(person.Precision(), 0.85);
  EXPECT_GE(r.by_type[static_cast<size_t>(EntityType::kPerson)].Recall(), 0.90);
  EXPECT_GE(r.audited[static_cast<size_t>(EntityType::kAddress)].Precision(), 0.90);
  EXPECT_GE(r.audited[static_cast<size_t>(EntityType::kPlate)].Precision(), 0.97);
  EXPECT_LE(r.AuditedCleanAlteredRate(), 0.01);  // the issue target; measured 7 / 772
}

}  // namespace
}  // namespace kapi::privacy
