#include "ledger/checkpoint.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

namespace kapi::ledger {
namespace {

NoteSigner TestSigner(std::string name = "kapi.test/ledger") {
  return *NoteSigner::FromSeed(std::move(name), std::string(32, '\x07'));
}

TEST(Checkpoint, BodyRoundTripsInC2spLayout) {
  Checkpoint c{"kapi.test/ledger", 12, Sha256("r"), {}};
  std::string body = CheckpointBody(c);
  EXPECT_EQ(body, "kapi.test/ledger\n12\n" + Base64Encode(AsBytes(c.root)) + "\n");
  auto back = ParseCheckpointBody(body);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->size, 12u);
  EXPECT_EQ(back->root, c.root);
  EXPECT_FALSE(ParseCheckpointBody("o\n012\n" + Base64Encode(AsBytes(c.root)) + "\n").ok());
  EXPECT_FALSE(ParseCheckpointBody("o\n12\nAAAA\n").ok());
  EXPECT_FALSE(ParseCheckpointBody("o\n12\n").ok());
}

TEST(Checkpoint, SignedNoteVerifiesWithTheVerifierKeyOnly) {
  NoteSigner signer = TestSigner();
  Checkpoint c{"kapi.test/ledger", 3, Sha256("root"), {}};
  std::string note = SignCheckpoint(signer, c);
  EXPECT_NE(note.find("\n\n\xE2\x80\x94 kapi.test/ledger "), std::string::npos);
  auto verifier = NoteVerifier::FromVerifierKey(signer.VerifierKey());
  ASSERT_TRUE(verifier.ok()) << verifier.status().ToString();
  auto opened = OpenCheckpoint(*verifier, note, "kapi.test/ledger");
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_EQ(opened->size, 3u);
  EXPECT_EQ(opened->root, c.root);

  std::string changed = note;
  changed.replace(changed.find("\n3\n"), 3, "\n4\n");
  EXPECT_FALSE(OpenCheckpoint(*verifier, changed).ok());
  EXPECT_FALSE(OpenCheckpoint(*verifier, note, "other/origin").ok());
  auto other = NoteVerifier::FromVerifierKey(
      NoteSigner::FromSeed("kapi.test/ledger", std::string(32, '\x08'))->VerifierKey());
  EXPECT_FALSE(OpenCheckpoint(*other, note).ok());
}

TEST(Checkpoint, VerifierKeyFormatIsChecked) {
  std::string vkey = TestSigner().VerifierKey();
  EXPECT_EQ(std::count(vkey.begin(), vkey.end(), '+'), 2);
  EXPECT_TRUE(NoteVerifier::FromVerifierKey(vkey).ok());
  std::string bad_id = vkey;
  bad_id[vkey.find('+') + 1] = bad_id[vkey.find('+') + 1] == '0' ? '1' : '0';
  EXPECT_FALSE(NoteVerifier::FromVerifierKey(bad_id).ok());
  EXPECT_FALSE(NoteVerifier::FromVerifierKey("nokey").ok());
}

TEST(Checkpoint, KeyFileIsCreatedPrivateAndReloaded) {
  auto dir = std::filesystem::temp_directory_path() / ("kapi_ckpt_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::string path = (dir / "keys" / "ledger-ed25519.key").string();
  EXPECT_FALSE(NoteSigner::FromKeyFile("o", path, /*create=*/false).ok());
  auto a = NoteSigner::FromKeyFile("o", path, true);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  struct stat st {};
  ASSERT_EQ(stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  auto b = NoteSigner::FromKeyFile("o", path, false);
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(a->VerifierKey(), b->VerifierKey());
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace kapi::ledger
