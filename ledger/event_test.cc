#include "ledger/event.h"

#include <gtest/gtest.h>

namespace kapi::ledger {
namespace {

// A syntactically valid T.C. kimlik number generated from nine digits (never a real person's).
std::string MakeTcKimlik(const std::string& nine) {
  int v[11];
  for (int i = 0; i < 9; ++i) v[i] = nine[i] - '0';
  const int odd = v[0] + v[2] + v[4] + v[6] + v[8];
  const int even = v[1] + v[3] + v[5] + v[7];
  v[9] = ((odd * 7 - even) % 10 + 10) % 10;
  int sum = 0;
  for (int i = 0; i < 10; ++i) sum += v[i];
  v[10] = sum % 10;
  std::string out;
  for (int d : v) out.push_back(static_cast<char>('0' + d));
  return out;
}

AuditEvent Valid() {
  AuditEvent e;
  e.type = EventType::kStateChange;
  e.actor = "user:17";
  e.subjects = {"case:42"};
  e.attributes = {{"from", "new"}, {"to", "triaged"}};
  return e;
}

TEST(EventValidation, AcceptsOpaqueIdsAndShortAttributes) {
  EXPECT_TRUE(ValidateEvent(Valid()).ok());
}

TEST(EventValidation, RejectsNamesFreeTextAndIdentityNumbers) {
  AuditEvent e = Valid();
  e.actor = "Ayşe Yılmaz";
  EXPECT_FALSE(ValidateEvent(e).ok());
  e = Valid();
  e.subjects = {"tc:" + MakeTcKimlik("123456789")};
  EXPECT_FALSE(ValidateEvent(e).ok());
  e = Valid();
  e.attributes.push_back({"note", "kapı önünde"});
  EXPECT_FALSE(ValidateEvent(e).ok());
  e = Valid();
  e.subjects = {"card:4111111111111111"};
  EXPECT_FALSE(ValidateEvent(e).ok());
  e = Valid();
  e.attributes.push_back({"Bad Key", "x"});
  EXPECT_FALSE(ValidateEvent(e).ok());
}

TEST(EventValidation, PayloadNeedsAPerson) {
  AuditEvent e = Valid();
  e.payload_json = R"({"a":1})";
  EXPECT_FALSE(ValidateEvent(e).ok());
  e.person_id = "person:ab12";
  EXPECT_TRUE(ValidateEvent(e).ok());
  e.payload_json.clear();
  EXPECT_FALSE(ValidateEvent(e).ok());
}

TEST(EventValidation, TypesCarryWhatTheyNeed) {
  AuditEvent ai;
  ai.type = EventType::kAiSuggestion;
  ai.actor = "model:topic-fasttext@2024.05";
  EXPECT_FALSE(ValidateEvent(ai).ok());
  ai.attributes = {{"model", "topic-fasttext@2024.05"}};
  EXPECT_TRUE(ValidateEvent(ai).ok());

  AuditEvent d;
  d.type = EventType::kHumanDecision;
  d.actor = "user:3";
  d.attributes = {{"decision", "override"}};
  EXPECT_FALSE(ValidateEvent(d).ok());  // override without a reason
  d.person_id = "person:1";
  d.payload_json = R"({"reason":"konu yanlış sınıflandırılmış"})";
  EXPECT_TRUE(ValidateEvent(d).ok());
  d.attributes = {{"decision", "maybe"}};
  EXPECT_FALSE(ValidateEvent(d).ok());

  AuditEvent s = Valid();
  s.attributes = {{"from", "new"}};
  EXPECT_FALSE(ValidateEvent(s).ok());
}

TEST(EventType, NamesRoundTrip) {
  for (uint8_t c = 1; c <= 10; ++c) {
    auto t = static_cast<EventType>(c);
    EXPECT_EQ(EventTypeFromName(EventTypeName(t)), t);
  }
  EXPECT_FALSE(IsKnownEventType(0));
  EXPECT_FALSE(IsKnownEventType(11));
}

}  // namespace
}  // namespace kapi::ledger
