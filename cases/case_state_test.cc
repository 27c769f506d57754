#include "cases/case_state.h"

#include <gtest/gtest.h>

namespace kapi::cases {
namespace {

TEST(CaseState, NamesRoundTrip) {
  for (CaseState s : AllCaseStates()) {
    auto parsed = ParseCaseState(CaseStateName(s));
    ASSERT_TRUE(parsed.has_value());
    EXPECT_EQ(*parsed, s);
  }
  EXPECT_FALSE(ParseCaseState("deleted").has_value());
}

TEST(CaseState, HappyPathIsAllowed) {
  using S = CaseState;
  const S path[] = {S::kNew,      S::kTriaged, S::kAssigned, S::kInProgress, S::kAwaitingApproval,
                    S::kAnswered, S::kClosed,  S::kReopened, S::kInProgress};
  for (size_t i = 0; i + 1 < std::size(path); ++i) {
    EXPECT_TRUE(CheckTransition(path[i], path[i + 1]).ok())
        << CaseStateName(path[i]) << " → " << CaseStateName(path[i + 1]);
  }
}

TEST(CaseState, InvalidTransitionIsRefusedAndNamed) {
  Status s = CheckTransition(CaseState::kNew, CaseState::kAnswered);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(s.message().find("new → answered"), std::string::npos);
  EXPECT_NE(s.message().find("triaged"), std::string::npos);  // lists what is allowed
}

TEST(CaseState, AnswerCannotSkipTriage) {
  EXPECT_FALSE(CheckTransition(CaseState::kNew, CaseState::kInProgress).ok());
  EXPECT_FALSE(CheckTransition(CaseState::kClosed, CaseState::kAnswered).ok());
  EXPECT_FALSE(CheckTransition(CaseState::kReferred, CaseState::kAnswered).ok());
}

TEST(CaseState, ReferralRoundTrip) {
  EXPECT_TRUE(CheckTransition(CaseState::kTriaged, CaseState::kReferred).ok());
  EXPECT_TRUE(CheckTransition(CaseState::kReferred, CaseState::kReturned).ok());
  EXPECT_TRUE(CheckTransition(CaseState::kReturned, CaseState::kTriaged).ok());
}

TEST(CaseState, ReasonsRequiredWhereAHumanMustExplain) {
  EXPECT_TRUE(TransitionNeedsReason(CaseState::kNew, CaseState::kClosed));
  EXPECT_FALSE(TransitionNeedsReason(CaseState::kAnswered, CaseState::kClosed));
  EXPECT_TRUE(TransitionNeedsReason(CaseState::kTriaged, CaseState::kReferred));
  EXPECT_TRUE(TransitionNeedsReason(CaseState::kAwaitingApproval, CaseState::kInProgress));
  EXPECT_FALSE(TransitionNeedsReason(CaseState::kAssigned, CaseState::kInProgress));
}

TEST(CaseState, OpenStatesRunTheClock) {
  EXPECT_TRUE(IsOpen(CaseState::kNew));
  EXPECT_TRUE(IsOpen(CaseState::kReferred));
  EXPECT_FALSE(IsOpen(CaseState::kAnswered));
  EXPECT_FALSE(IsOpen(CaseState::kClosed));
}

}  // namespace
}  // namespace kapi::cases
