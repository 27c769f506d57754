#include "cli/serve_config.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

namespace kapi::cli {
namespace {

class ServeConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("kapi-config-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
    unsetenv("KAPI_LISTEN");
  }
  void TearDown() override {
    std::filesystem::remove_all(dir_);
    unsetenv("KAPI_LISTEN");
  }
  Status Parse(std::vector<std::string> args, ServeConfig* c) {
    CLI::App app;
    AddServeOptions(&app, c);
    std::vector<const char*> argv = {"serve"};
    for (auto& a : args) argv.push_back(a.c_str());
    try {
      app.parse(static_cast<int>(argv.size()), argv.data());
    } catch (const CLI::ParseError& e) {
      return InvalidArgument(e.what());
    }
    return ApplyConfigFile(&app, c);
  }
  void WriteConfig(const std::string& json) { std::ofstream(dir_ / "kapi.json") << json; }
  std::filesystem::path dir_;
};

TEST_F(ServeConfigTest, DatabaseUrlFromFileEnvAndFlag) {
  unsetenv("KAPI_DATABASE_URL");
  WriteConfig(R"({"database_url":"postgresql://kapi@db1/kapi"})");
  ServeConfig c;
  ASSERT_TRUE(Parse({"--data-dir", dir_.string()}, &c).ok());
  EXPECT_EQ(c.database_url, "postgresql://kapi@db1/kapi");
  setenv("KAPI_DATABASE_URL", "postgresql://kapi@db2/kapi", 1);
  ServeConfig c2;
  ASSERT_TRUE(Parse({"--data-dir", dir_.string()}, &c2).ok());
  EXPECT_EQ(c2.database_url, "postgresql://kapi@db2/kapi");
  ServeConfig c3;
  ASSERT_TRUE(
      Parse({"--data-dir", dir_.string(), "--database-url", "postgresql://kapi@db3/kapi"}, &c3)
          .ok());
  EXPECT_EQ(c3.database_url, "postgresql://kapi@db3/kapi");
  unsetenv("KAPI_DATABASE_URL");
  WriteConfig(R"({"database_url":5})");
  ServeConfig c4;
  EXPECT_EQ(Parse({"--data-dir", dir_.string()}, &c4).field(), "database_url");
}

TEST_F(ServeConfigTest, FileThenEnvThenFlagsInIncreasingPrecedence) {
  WriteConfig(R"({"listen":"127.0.0.1:9001","max_text_chars":500,"access_log":false})");
  ServeConfig c;
  ASSERT_TRUE(Parse({"--data-dir", dir_.string()}, &c).ok());
  EXPECT_EQ(c.listen, "127.0.0.1:9001");
  EXPECT_EQ(c.max_text_chars, 500);
  EXPECT_FALSE(c.access_log);

  setenv("KAPI_LISTEN", "127.0.0.1:9002", 1);
  ServeConfig c2;
  ASSERT_TRUE(Parse({"--data-dir", dir_.string()}, &c2).ok());
  EXPECT_EQ(c2.listen, "127.0.0.1:9002");

  ServeConfig c3;
  ASSERT_TRUE(Parse({"--data-dir", dir_.string(), "--listen", "127.0.0.1:9003"}, &c3).ok());
  EXPECT_EQ(c3.listen, "127.0.0.1:9003");
}

TEST_F(ServeConfigTest, UnknownKeyAndWrongTypeAreNamed) {
  WriteConfig(R"({"listn":"x"})");
  ServeConfig c;
  Status s = Parse({"--data-dir", dir_.string()}, &c);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.field(), "listn");
  WriteConfig(R"({"max_body_bytes":"big"})");
  ServeConfig c2;
  s = Parse({"--data-dir", dir_.string()}, &c2);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.field(), "max_body_bytes");
}

TEST(ParseListen, SplitsHostAndPort) {
  std::string host;
  uint16_t port = 1;
  ASSERT_TRUE(ParseListen("0.0.0.0:0", &host, &port).ok());
  EXPECT_EQ(host, "0.0.0.0");
  EXPECT_EQ(port, 0);
  ASSERT_TRUE(ParseListen("[::1]:8080", &host, &port).ok());
  EXPECT_EQ(host, "::1");
  EXPECT_FALSE(ParseListen("8080", &host, &port).ok());
  EXPECT_FALSE(ParseListen("h:99999", &host, &port).ok());
}

}  // namespace
}  // namespace kapi::cli
