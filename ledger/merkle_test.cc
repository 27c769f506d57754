// RFC 9162 conformance: every probe in specs/merkle-testdata (98 inclusion, 98 consistency,
// including those that must fail) and the reference trees in testonly/constants.go.

#include "ledger/merkle.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include <nlohmann/json.hpp>

#include "ledger/compact_range.h"

namespace kapi::ledger {
namespace {

namespace fs = std::filesystem;

const fs::path kTestData = fs::path(KAPI_SHARED_DIR) / "specs" / "merkle-testdata";

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string B64(const nlohmann::json& j) {
  if (j.is_null()) return {};
  auto d = Base64Decode(j.get<std::string>());
  EXPECT_TRUE(d.has_value()) << j;
  return d.value_or("");
}

std::vector<std::string> B64List(const nlohmann::json& j) {
  std::vector<std::string> out;
  if (j.is_null()) return out;
  for (const auto& e : j) out.push_back(B64(e));
  return out;
}

std::vector<fs::path> JsonFiles(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.path().extension() == ".json") out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The hex strings of each hd("...") call inside the Go function `name`, in order.
std::vector<std::string> GoHexList(const std::string& go, const std::string& name) {
  size_t start = go.find("func " + name + "()");
  EXPECT_NE(start, std::string::npos) << name;
  size_t end = go.find("\n}\n", start);
  std::string body = go.substr(start, end - start);
  std::vector<std::string> out;
  std::regex re("hd\\(\"([0-9a-f]*)\"\\)");
  for (auto it = std::sregex_iterator(body.begin(), body.end(), re); it != std::sregex_iterator();
       ++it) {
    out.push_back(*FromHex((*it)[1].str()));
  }
  return out;
}

Hash H(const std::string& bytes) { return *HashFromBytes(bytes); }

TEST(MerkleVectors, AllInclusionProbesMatchWantErr) {
  auto files = JsonFiles(kTestData / "testdata" / "inclusion");
  ASSERT_EQ(files.size(), 98u);
  int must_fail = 0;
  for (const auto& f : files) {
    auto j = nlohmann::json::parse(ReadFile(f));
    Status s = VerifyInclusion(j["leafIdx"].get<uint64_t>(), j["treeSize"].get<uint64_t>(),
                               B64(j["leafHash"]), B64List(j["proof"]), B64(j["root"]));
    const bool want_err = j["wantErr"].get<bool>();
    must_fail += want_err;
    EXPECT_EQ(!s.ok(), want_err) << f << ": " << j["desc"] << " -> " << s.ToString();
  }
  EXPECT_GT(must_fail, 80);
}

TEST(MerkleVectors, AllConsistencyProbesMatchWantErr) {
  auto files = JsonFiles(kTestData / "testdata" / "consistency");
  ASSERT_EQ(files.size(), 98u);
  for (const auto& f : files) {
    auto j = nlohmann::json::parse(ReadFile(f));
    Status s = VerifyConsistency(j["size1"].get<uint64_t>(), j["size2"].get<uint64_t>(),
                                 B64(j["root1"]), B64(j["root2"]), B64List(j["proof"]));
    EXPECT_EQ(!s.ok(), j["wantErr"].get<bool>())
        << f << ": " << j["desc"] << " -> " << s.ToString();
  }
}

class ReferenceTree : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string go = ReadFile(kTestData / "testonly" / "constants.go");
    leaves_ = GoHexList(go, "LeafInputs");
    roots_ = GoHexList(go, "RootHashes");
    nodes_ = GoHexList(go, "NodeHashes");
    empty_ = GoHexList(go, "EmptyRootHash");
    ASSERT_EQ(leaves_.size(), 8u);
    ASSERT_EQ(roots_.size(), 8u);  // sizes 1..8; size 0 is EmptyRootHash()
    ASSERT_EQ(nodes_.size(), 15u);
    ASSERT_EQ(empty_.size(), 1u);
    for (const auto& l : leaves_) tree_.AppendLeaf(l);
  }
  std::vector<std::string> leaves_, roots_, nodes_, empty_;
  MemoryTree tree_;
};

TEST_F(ReferenceTree, RootsForEverySizeMatchConstants) {
  EXPECT_EQ(AsBytes(EmptyRoot()), empty_[0]);
  MemoryTree t;
  CompactRange range;
  EXPECT_EQ(t.Root(), EmptyRoot());
  EXPECT_EQ(range.Root(), EmptyRoot());
  for (size_t i = 0; i < leaves_.size(); ++i) {
    t.AppendLeaf(leaves_[i]);
    range.Append(HashLeaf(leaves_[i]));
    EXPECT_EQ(AsBytes(t.Root()), roots_[i]) << "size " << i + 1;
    EXPECT_EQ(AsBytes(range.Root()), roots_[i]) << "size " << i + 1;
  }
}

TEST_F(ReferenceTree, PerfectNodesMatchConstants) {
  // NodeHashes is level-major: 8 leaves, 4, 2, 1.
  size_t k = 0;
  for (int level = 0; level <= 3; ++level) {
    for (uint64_t i = 0; i < (8u >> level); ++i) {
      auto n = tree_.PerfectNode(level, i);
      ASSERT_TRUE(n.ok());
      EXPECT_EQ(AsBytes(*n), nodes_[k++]) << level << "/" << i;
    }
  }
}

TEST_F(ReferenceTree, CompactRangeMatchesCompactTrees) {
  CompactRange range;
  for (size_t size = 1; size <= 8; ++size) {
    range.Append(HashLeaf(leaves_[size - 1]));
    auto parts = CompactRange::Decompose(size);
    ASSERT_EQ(parts.size(), range.hashes().size());
    for (size_t i = 0; i < parts.size(); ++i) {
      EXPECT_EQ(range.hashes()[i], *tree_.PerfectNode(parts[i].first, parts[i].second));
    }
    auto rebuilt = CompactRange::FromHashes(size, range.hashes());
    ASSERT_TRUE(rebuilt.ok());
    EXPECT_EQ(rebuilt->Root(), range.Root());
  }
  EXPECT_FALSE(CompactRange::FromHashes(3, {}).ok());
}

TEST_F(ReferenceTree, GeneratedProofsVerifyAndEqualTheVectorsHappyPaths) {
  for (uint64_t n = 1; n <= 8; ++n) {
    const Hash root = H(roots_[n - 1]);
    for (uint64_t i = 0; i < n; ++i) {
      auto proof = InclusionProof(tree_, i, n);
      ASSERT_TRUE(proof.ok());
      EXPECT_TRUE(VerifyInclusion(i, n, HashLeaf(leaves_[i]), *proof, root).ok()) << i << "/" << n;
      EXPECT_FALSE(VerifyInclusion(i, n, HashLeaf("x"), *proof, root).ok());
    }
    for (uint64_t m = 1; m <= n; ++m) {
      auto proof = ConsistencyProof(tree_, m, n);
      ASSERT_TRUE(proof.ok());
      EXPECT_TRUE(VerifyConsistency(m, n, H(roots_[m - 1]), root, *proof).ok()) << m << "/" << n;
      if (m < n) {
        EXPECT_FALSE(VerifyConsistency(m, n, root, root, *proof).ok());
      }
    }
  }
  // The vectors' happy paths are proofs over this same tree: ours must be byte-identical.
  for (const char* kind : {"inclusion", "consistency"}) {
    for (const auto& f : JsonFiles(kTestData / "testdata" / kind)) {
      if (f.filename() != "happy-path.json") continue;
      auto j = nlohmann::json::parse(ReadFile(f));
      Result<std::vector<Hash>> ours = Status();
      if (std::string(kind) == "inclusion") {
        ours = InclusionProof(tree_, j["leafIdx"], j["treeSize"]);
      } else {
        ours = ConsistencyProof(tree_, j["size1"], j["size2"]);
      }
      ASSERT_TRUE(ours.ok()) << f;
      auto theirs = B64List(j["proof"]);
      ASSERT_EQ(ours->size(), theirs.size()) << f;
      for (size_t k = 0; k < theirs.size(); ++k) EXPECT_EQ(AsBytes((*ours)[k]), theirs[k]) << f;
    }
  }
}

TEST(Merkle, LargeTreeProofsVerifyAtEverySize) {
  MemoryTree tree;
  std::vector<Hash> roots;
  for (int i = 0; i < 300; ++i) {
    tree.AppendLeaf("leaf " + std::to_string(i));
    roots.push_back(tree.Root());
  }
  for (uint64_t n : {1u, 2u, 3u, 7u, 64u, 65u, 127u, 255u, 256u, 300u}) {
    for (uint64_t i = 0; i < n; i += 7) {
      auto p = InclusionProof(tree, i, n);
      ASSERT_TRUE(p.ok());
      EXPECT_TRUE(
          VerifyInclusion(i, n, HashLeaf("leaf " + std::to_string(i)), *p, roots[n - 1]).ok());
    }
    for (uint64_t m = 1; m <= n; m += 5) {
      auto p = ConsistencyProof(tree, m, n);
      ASSERT_TRUE(p.ok());
      EXPECT_TRUE(VerifyConsistency(m, n, roots[m - 1], roots[n - 1], *p).ok()) << m << "/" << n;
    }
  }
}

TEST(Merkle, ProofRequestsOutsideTheTreeAreErrors) {
  MemoryTree tree;
  tree.AppendLeaf("a");
  EXPECT_FALSE(InclusionProof(tree, 1, 1).ok());
  EXPECT_FALSE(ConsistencyProof(tree, 0, 1).ok());
  EXPECT_FALSE(ConsistencyProof(tree, 2, 1).ok());
  EXPECT_FALSE(InclusionProof(tree, 0, 2).ok());  // node missing: size beyond the tree
}

TEST(Hash, Base64RoundTripsAndRejectsGarbage) {
  EXPECT_EQ(Base64Encode("hello"), "aGVsbG8=");
  EXPECT_EQ(*Base64Decode("aGVsbG8="), "hello");
  EXPECT_FALSE(Base64Decode("aGVsbG8").has_value());
  EXPECT_FALSE(Base64Decode("aGVs bG8=").has_value());
  EXPECT_EQ(*FromHex("00ff"), std::string("\x00\xff", 2));
  EXPECT_FALSE(FromHex("0g").has_value());
}

}  // namespace
}  // namespace kapi::ledger
