#include "ledger/event_builders.h"

#include <gtest/gtest.h>

namespace kapi::ledger {
namespace {

TEST(EventBuilders, EveryRecordedKindValidates) {
  std::vector<AuditEvent> events = {
      StateChangeEvent("user:3", "case:42", "new", "triaged"),
      PersonalDataReadEvent("user:3", "case:42", "phone"),
      PersonalDataReadEvent("user:3", "case:42", "phone", "person:c42", "geri arama için"),
      AiSuggestionEvent("topic-fasttext@2024.05", "case:42", "topic", "ulasim.yol", "0.83"),
      HumanDecisionEvent("user:3", "case:42", "topic", true, "ulasim.yol", "", ""),
      HumanDecisionEvent("user:3", "case:42", "topic", false, "cevre.atik",
                         "metin çöp toplama ile ilgili", "person:c42"),
      ApprovalEvent("user:9", "case:42", "answer:7", true),
      AnswerSentEvent("user:9", "case:42", "answer:7", "email", true),
      LoginEvent("user:3", false, "password"),
      PermissionChangeEvent("user:1", "user:3", "unit_manager", true, "unit:ANK-01"),
      SettingChangeEvent("user:9", "ai_features", "off", "unit:ANK-01"),
  };
  for (const AuditEvent& e : events) {
    EXPECT_TRUE(ValidateEvent(e).ok())
        << EventTypeName(e.type) << ": " << ValidateEvent(e).ToString();
  }
  EXPECT_EQ(*FindAttribute(events[3], "model"), "topic-fasttext@2024.05");
  EXPECT_EQ(events[3].actor, "model:topic-fasttext@2024.05");
  EXPECT_EQ(*FindAttribute(events[5], "decision"), "override");
  EXPECT_NE(events[5].payload_json.find("çöp"), std::string::npos);
  // An override without a reason is refused: the human must say why.
  EXPECT_FALSE(
      ValidateEvent(HumanDecisionEvent("user:3", "case:42", "topic", false, "x", "", "")).ok());
}

}  // namespace
}  // namespace kapi::ledger
