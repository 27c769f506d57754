#include "privacy/pii_jsonl.h"

#include <gtest/gtest.h>

#include <sstream>

#include <nlohmann/json.hpp>

namespace kapi::privacy {
namespace {

using nlohmann::json;

const Detector& TheDetector() {
  static const std::unique_ptr<Detector> d =
      std::move(*LoadDetector(std::string(KAPI_SOURCE_DIR) + "/privacy/resources"));
  return *d;
}

std::vector<json> RunLines(const std::string& input, PiiRunOptions opts,
                           std::string* err_text = nullptr, int* rc = nullptr) {
  std::istringstream in(input);
  std::ostringstream out, err;
  int code = RunPii(TheDetector(), in, out, err, opts);
  if (rc != nullptr) *rc = code;
  if (err_text != nullptr) *err_text = err.str();
  std::vector<json> lines;
  std::istringstream o(out.str());
  std::string line;
  while (std::getline(o, line)) lines.push_back(json::parse(line));
  return lines;
}

TEST(PiiJsonl, ScanWritesEntitiesWithCodePointOffsets) {
  auto out = RunLines(R"({"id": "a1", "text": "Çağrı: 0532 123 45 67"})"
                      "\n",
                      {});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0]["id"], "a1");
  ASSERT_EQ(out[0]["entities"].size(), 1u);
  const json& e = out[0]["entities"][0];
  EXPECT_EQ(e["type"], "PHONE");
  EXPECT_EQ(e["start"], 7);
  EXPECT_EQ(e["end"], 21);
  EXPECT_EQ(e["text"], "0532 123 45 67");
  EXPECT_FALSE(out[0].contains("masked"));
}

TEST(PiiJsonl, MaskAddsMaskedTextAndOffsets) {
  PiiRunOptions opts;
  opts.mask = true;
  opts.mode = MaskMode::kPartial;
  auto out = RunLines(R"({"id": 7, "text": "tel 0532 123 45 67"})"
                      "\n",
                      opts);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0]["id"], 7);
  EXPECT_EQ(out[0]["masked"], "tel 0532 *** ** 67");
  EXPECT_EQ(out[0]["entities"][0]["masked_start"], 4);
}

TEST(PiiJsonl, BadLinesGetAnErrorObjectAndTheRunContinues) {
  std::string input = std::string("not json\n") +
                      "{\"id\": \"u\", \"text\": \"bozuk \xC3\x28 metin\"}\n" +
                      "{\"id\": \"m\"}\n" + "\n" + "{\"id\": \"ok\", \"text\": \"temiz metin\"}\n";
  std::string err;
  int rc = -1;
  auto out = RunLines(input, {}, &err, &rc);
  EXPECT_EQ(rc, 0);
  ASSERT_EQ(out.size(), 4u);
  EXPECT_EQ(out[0]["error"]["code"], "invalid_json");
  EXPECT_EQ(out[0]["line"], 1);
  EXPECT_TRUE(out[0]["id"].is_null());
  EXPECT_EQ(out[1]["error"]["code"], "invalid_utf8");
  EXPECT_EQ(out[1]["id"], "u");
  EXPECT_EQ(out[2]["error"]["code"], "missing_text");
  EXPECT_EQ(out[3]["id"], "ok");
  EXPECT_TRUE(out[3]["entities"].empty());
  EXPECT_NE(err.find("line 1"), std::string::npos);
  EXPECT_NE(err.find("line 2"), std::string::npos);
}

TEST(PiiJsonl, PseudonymWithoutKeyIsAUsageError) {
  PiiRunOptions opts;
  opts.mask = true;
  opts.mode = MaskMode::kPseudonym;
  int rc = 0;
  RunLines("{\"id\":1,\"text\":\"x\"}\n", opts, nullptr, &rc);
  EXPECT_EQ(rc, 2);
}

}  // namespace
}  // namespace kapi::privacy
