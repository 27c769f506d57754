#include "workflow/authz.h"

#include <gtest/gtest.h>

namespace kapi::workflow {
namespace {

const std::vector<cases::Unit> kUnits = {{"kurum", "Kurum", ""},
                                         {"altyapi", "Altyapı", "kurum"},
                                         {"ulasim", "Ulaşım", "altyapi"},
                                         {"su", "Su", "altyapi"},
                                         {"zabita", "Zabıta", "kurum"}};

cases::CaseRecord CaseIn(const std::string& unit) {
  cases::CaseRecord c;
  c.id = 1;
  c.unit_code = unit;
  return c;
}

TEST(UnitTree, KnowsTheTree) {
  UnitTree t(kUnits);
  EXPECT_EQ(t.root(), "kurum");
  EXPECT_TRUE(t.IsWithin("ulasim", "altyapi"));
  EXPECT_TRUE(t.IsWithin("ulasim", "kurum"));
  EXPECT_TRUE(t.IsWithin("ulasim", "ulasim"));
  EXPECT_FALSE(t.IsWithin("zabita", "altyapi"));
  EXPECT_FALSE(t.IsWithin("yok", "kurum"));
  auto sub = t.Subtree("altyapi");
  EXPECT_EQ(sub, (std::vector<std::string>{"altyapi", "ulasim", "su"}));
}

TEST(Authorize, OfficerSeesOnlyOwnUnitManagerSeesTree) {
  UnitTree t(kUnits);
  Principal officer{"o", Role::kCaseOfficer, "ulasim", "user:1"};
  Principal manager{"m", Role::kUnitManager, "altyapi", "user:2"};
  auto ulasim = CaseIn("ulasim"), su = CaseIn("su"), zabita = CaseIn("zabita");
  EXPECT_TRUE(Authorize(officer, Action::kWork, &ulasim, t).ok());
  EXPECT_EQ(Authorize(officer, Action::kWork, &su, t).code(), StatusCode::kPermissionDenied);
  EXPECT_TRUE(Authorize(manager, Action::kWork, &su, t).ok());
  EXPECT_TRUE(Authorize(manager, Action::kDecideAnswer, &ulasim, t).ok());
  EXPECT_FALSE(Authorize(manager, Action::kWork, &zabita, t).ok());
  EXPECT_FALSE(Authorize(officer, Action::kDecideAnswer, &ulasim, t).ok());
}

TEST(Authorize, RolesWithoutCaseWorkAreRefused) {
  UnitTree t(kUnits);
  auto c = CaseIn("kurum");
  for (Role r : {Role::kDeskOfficer, Role::kAdmin}) {
    Principal p{"x", r, "kurum", "user:3"};
    EXPECT_FALSE(Authorize(p, Action::kViewCase, &c, t).ok()) << RoleName(r);
    EXPECT_FALSE(Authorize(p, Action::kRevealOriginal, &c, t).ok()) << RoleName(r);
  }
  Principal auditor{"a", Role::kAuditor, "kurum", "user:4"};
  EXPECT_TRUE(Authorize(auditor, Action::kViewCase, &c, t).ok());
  EXPECT_FALSE(Authorize(auditor, Action::kRevealOriginal, &c, t).ok());
  EXPECT_FALSE(Authorize(auditor, Action::kWork, &c, t).ok());
  Principal admin{"y", Role::kAdmin, "kurum", "user:5"};
  EXPECT_TRUE(Authorize(admin, Action::kManageUsers, nullptr, t).ok());
  Principal desk{"d", Role::kDeskOfficer, "kurum", "user:6"};
  EXPECT_TRUE(Authorize(desk, Action::kEnterRequest, nullptr, t).ok());
  EXPECT_FALSE(Authorize(desk, Action::kManageUsers, nullptr, t).ok());
}

TEST(Authorize, UnroutedCasesWaitInTheRootQueue) {
  UnitTree t(kUnits);
  Principal root_officer{"r", Role::kCaseOfficer, "kurum", "user:7"};
  Principal unit_officer{"o", Role::kCaseOfficer, "ulasim", "user:1"};
  auto unrouted = CaseIn("");
  EXPECT_TRUE(InScope(root_officer, unrouted, t));
  EXPECT_FALSE(InScope(unit_officer, unrouted, t));
}

}  // namespace
}  // namespace kapi::workflow
