#include "intake/intake_request.h"

#include <gtest/gtest.h>

namespace kapi::intake {
namespace {

const IntakeLimits kLimits;

TEST(IntakeRequest, AcceptsAMinimalRequest) {
  auto r = ParseIntakeJson(R"({"text":"Sokak lambası yanmıyor.","channel":"web"})", kLimits);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->text, "Sokak lambası yanmıyor.");
  EXPECT_EQ(r->channel, cases::Channel::kWeb);
  EXPECT_TRUE(r->contact.is_null());
  EXPECT_FALSE(r->idempotency_key.has_value());
}

TEST(IntakeRequest, AcceptsContactLocationAndKey) {
  auto r = ParseIntakeJson(
      R"({"text":"Su yok","channel":"muhtar","contact":{"name":"Deneme Kişi","phone":"0500 000 00 00"},
          "location":{"lat":39.9,"lon":32.8,"district":"Çankaya"},"idempotency_key":"abc-123"})",
      kLimits);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->contact["name"], "Deneme Kişi");
  EXPECT_DOUBLE_EQ(r->location["lat"].get<double>(), 39.9);
  EXPECT_EQ(*r->idempotency_key, "abc-123");
}

TEST(IntakeRequest, EveryBadInputHasItsReasonAndField) {
  struct Case {
    std::string body, reason, field;
  };
  const std::vector<Case> cases = {
      {"{not json", "malformed_json", ""},
      {"[1,2]", "malformed_json", ""},
      {"{\"text\":\"a\xFF\",\"channel\":\"web\"}", "invalid_utf8", ""},
      {R"({"channel":"web"})", "missing_field", "text"},
      {R"({"text":"   \n ","channel":"web"})", "empty_text", "text"},
      {R"({"text":42,"channel":"web"})", "invalid_type", "text"},
      {R"({"text":"merhaba"})", "missing_field", "channel"},
      {R"({"text":"merhaba","channel":"fax"})", "unknown_channel", "channel"},
      {R"({"text":"merhaba","channel":"web","priority":"high"})", "unknown_field", "priority"},
      {R"({"text":"merhaba","channel":"web","contact":{"tc":"1"}})", "unknown_field", "contact.tc"},
      {R"({"text":"merhaba","channel":"web","contact":"x"})", "invalid_type", "contact"},
      {R"({"text":"merhaba","channel":"web","location":{"lat":123}})", "out_of_range",
       "location.lat"},
      {R"({"text":"a\u0000b","channel":"web"})", "invalid_characters", "text"},
      {R"({"text":"merhaba","channel":"web","idempotency_key":""})", "invalid_idempotency_key",
       "idempotency_key"},
      {R"({"text":"merhaba","channel":"web","idempotency_key":"a b"})", "invalid_idempotency_key",
       "idempotency_key"},
  };
  for (const auto& c : cases) {
    auto r = ParseIntakeJson(c.body, kLimits);
    ASSERT_FALSE(r.ok()) << c.body;
    EXPECT_EQ(r.status().reason(), c.reason) << c.body;
    EXPECT_EQ(r.status().field(), c.field) << c.body;
    EXPECT_FALSE(r.status().message().empty());
  }
}

TEST(IntakeRequest, TextLimitCountsCodePointsNotBytes) {
  IntakeLimits limits;
  limits.max_text_chars = 5;
  EXPECT_TRUE(ParseIntakeJson(R"({"text":"ışığın","channel":"web"})", limits).ok() == false);
  EXPECT_TRUE(ParseIntakeJson(R"({"text":"ışığı","channel":"web"})", limits).ok());
  auto r = ParseIntakeJson(R"({"text":"çok uzun metin","channel":"web"})", limits);
  EXPECT_EQ(r.status().reason(), "text_too_long");
}

TEST(IntakeRequest, BodyHashIgnoresKeyOrderAndIdempotencyKey) {
  auto a = ParseIntakeJson(R"({"text":"Su yok","channel":"web","idempotency_key":"k1"})", kLimits);
  auto b = ParseIntakeJson(R"({"channel":"web", "text":"Su yok"})", kLimits);
  auto c = ParseIntakeJson(R"({"channel":"web", "text":"Su var"})", kLimits);
  EXPECT_EQ(a->body_hash, b->body_hash);
  EXPECT_NE(a->body_hash, c->body_hash);
}

TEST(IntakeRequest, NormalizesToNfc) {
  auto r = ParseIntakeJson("{\"text\":\"s\xCC\xA7u\",\"channel\":\"web\"}", kLimits);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->text, "şu");
}

}  // namespace
}  // namespace kapi::intake
