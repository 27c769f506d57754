#include "privacy/field_cipher.h"

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "privacy/key_file.h"

namespace kapi::privacy {
namespace {

std::filesystem::path TempPath(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() /
             ("kapi-cipher-" + std::to_string(::getpid()) + "-" + name);
  std::filesystem::remove_all(dir);
  return dir;
}

TEST(FieldCipher, RoundTripsAndHidesPlaintext) {
  auto c = FieldCipher::FromKey(std::string(32, 'k'));
  ASSERT_TRUE(c.ok());
  std::string sealed = c->Seal("0532 000 00 00 numaralı telefon", "contact");
  EXPECT_EQ(sealed.find("0532"), std::string::npos);
  auto opened = c->Open(sealed, "contact");
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(*opened, "0532 000 00 00 numaralı telefon");
}

TEST(FieldCipher, SameValueSealsDifferently) {
  auto c = FieldCipher::FromKey(std::string(32, 'k'));
  EXPECT_NE(c->Seal("x", "f"), c->Seal("x", "f"));
}

TEST(FieldCipher, RefusesTamperingWrongFieldAndWrongKey) {
  auto c = FieldCipher::FromKey(std::string(32, 'k'));
  auto other = FieldCipher::FromKey(std::string(32, 'o'));
  std::string sealed = c->Seal("gizli", "text");
  EXPECT_EQ(c->Open(sealed, "contact").status().code(), StatusCode::kDataLoss);
  EXPECT_EQ(other->Open(sealed, "text").status().code(), StatusCode::kDataLoss);
  sealed[sealed.size() / 2] ^= 1;
  EXPECT_EQ(c->Open(sealed, "text").status().code(), StatusCode::kDataLoss);
  EXPECT_EQ(c->Open("short", "text").status().code(), StatusCode::kDataLoss);
}

TEST(KeyFile, CreatesOwnerOnlyFileAndReloadsSameKey) {
  auto dir = TempPath("create");
  std::string path = (dir / "keys" / "field.key").string();
  auto k1 = LoadOrCreateKey(path, 32);
  ASSERT_TRUE(k1.ok()) << k1.status().ToString();
  struct stat st {};
  ASSERT_EQ(stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  auto k2 = LoadOrCreateKey(path, 32);
  ASSERT_TRUE(k2.ok());
  EXPECT_EQ(*k1, *k2);
  std::filesystem::remove_all(dir);
}

TEST(KeyFile, RefusesWorldReadableOrWrongSize) {
  auto dir = TempPath("refuse");
  std::filesystem::create_directories(dir);
  std::string path = (dir / "k").string();
  ASSERT_TRUE(LoadOrCreateKey(path, 32).ok());
  chmod(path.c_str(), 0644);
  EXPECT_EQ(LoadOrCreateKey(path, 32).status().code(), StatusCode::kPermissionDenied);
  chmod(path.c_str(), 0600);
  EXPECT_EQ(LoadOrCreateKey(path, 16).status().code(), StatusCode::kDataLoss);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace kapi::privacy
