// Bad input is handled, never asserted on: random bytes, invalid UTF-8, huge and empty texts go
// through Check without crashing (run under ASan/UBSan in the debug preset) and every span stays
// inside the text.

#include <gtest/gtest.h>

#include <random>

#include "policy/checker.h"
#include "policy/fold.h"

namespace kapi::policy {
namespace {

TEST(CheckerRobustness, RandomAndMalformedTextsYieldSpansInsideTheText) {
  auto checker = LoadChecker(std::string(KAPI_SOURCE_DIR) + "/models/policy");
  ASSERT_TRUE(checker.ok());
  std::mt19937 rng(20240910);  // fixed seed: reproducible
  const std::string alphabet[] = {
      "a", "İ",        "ı",    "Ş",    "ğ", " ",     "\n",     ".",
      "!", "?",        "\xff", "\xc3", "0", "GİZLİ", "siktir", "E-12345678-010.01-1",
      "😀", "\xcc\x87", "'",    "@USER"};
  for (int round = 0; round < 200; ++round) {
    std::string text;
    int pieces = static_cast<int>(rng() % 200);
    for (int k = 0; k < pieces; ++k) text += alphabet[rng() % std::size(alphabet)];
    CheckInput in;
    in.text = text;
    in.ai_assisted = rng() % 2;
    in.addressee = Addressee{"İ ı", {"\xff", ""}};
    size_t code_points = 0;  // as the checker counts: an invalid byte is one U+FFFD
    for (size_t i = 0; i < text.size(); ++code_points) DecodeUtf8(text, i);
    for (const Finding& f : (*checker)->Check(in)) {
      EXPECT_LE(f.start, f.end);
      EXPECT_LE(f.end, code_points);
    }
  }
}

TEST(CheckerRobustness, EmptyAndLargeTexts) {
  auto checker = LoadChecker(std::string(KAPI_SOURCE_DIR) + "/models/policy");
  ASSERT_TRUE(checker.ok());
  CheckInput empty;
  auto fs = (*checker)->Check(empty);
  for (const Finding& f : fs) EXPECT_EQ(f.rule, Rule::kCourtesy);
  CheckInput large;
  for (int i = 0; i < 5000; ++i) large.text += "Başvurunuz incelenmiştir. ";
  large.kind = TextKind::kPost;
  EXPECT_TRUE((*checker)->Check(large).empty());
}

}  // namespace
}  // namespace kapi::policy
