#include "http/router.h"

#include <gtest/gtest.h>

namespace kapi::http {
namespace {

Handler Named(std::string* out, std::string name) {
  return [out, name](Request&, Respond) { *out = name; };
}

TEST(Router, MatchesExactBeforeParameter) {
  Router r;
  std::string hit;
  r.Add("GET", "/api/v1/cases/{id}", Named(&hit, "param"));
  r.Add("GET", "/api/v1/cases/export", Named(&hit, "exact"));
  auto m = r.Find("GET", "/api/v1/cases/export");
  ASSERT_NE(m.handler, nullptr);
  Request req;
  (*m.handler)(req, [](Response) {});
  EXPECT_EQ(hit, "exact");
  m = r.Find("GET", "/api/v1/cases/42");
  ASSERT_NE(m.handler, nullptr);
  EXPECT_EQ(m.params["id"], "42");
  EXPECT_EQ(m.pattern, "/api/v1/cases/{id}");
}

TEST(Router, ReportsAllowedMethodsForWrongMethod) {
  Router r;
  std::string hit;
  r.Add("POST", "/api/v1/requests", Named(&hit, "post"));
  auto m = r.Find("GET", "/api/v1/requests");
  EXPECT_EQ(m.handler, nullptr);
  EXPECT_EQ(m.allowed_methods, "POST");
  m = r.Find("GET", "/nope");
  EXPECT_EQ(m.handler, nullptr);
  EXPECT_TRUE(m.allowed_methods.empty());
}

TEST(Router, DecodesParametersAndRejectsBadEncoding) {
  Router r;
  std::string hit;
  r.Add("GET", "/t/{code}", Named(&hit, "t"));
  auto m = r.Find("GET", "/t/%C4%B0z");
  ASSERT_NE(m.handler, nullptr);
  EXPECT_EQ(m.params["code"], "İz");
  m = r.Find("GET", "/t/%FF");
  EXPECT_EQ(m.handler, nullptr);
  EXPECT_TRUE(m.bad_encoding);
}

TEST(Query, ParsesAndDecodes) {
  std::map<std::string, std::string> q;
  ASSERT_TRUE(ParseQuery("q=%C4%B1%C5%9F%C4%B1k+lamba&state=new&empty", &q));
  EXPECT_EQ(q["q"], "ışık lamba");
  EXPECT_EQ(q["state"], "new");
  EXPECT_EQ(q["empty"], "");
  std::map<std::string, std::string> bad;
  EXPECT_FALSE(ParseQuery("q=%G0", &bad));
  EXPECT_FALSE(ParseQuery("q=%", &bad));
}

TEST(ParseId, AcceptsDigitsOnly) {
  EXPECT_EQ(ParseId("42"), 42);
  EXPECT_EQ(ParseId("0042"), 42);
  EXPECT_EQ(ParseId("999999999999999999"), 999999999999999999LL);
  for (const char* bad :
       {"", "-1", "+1", " 1", "1 ", "1a", "0x10", "1.0", "1234567890123456789", "٤٢"}) {
    EXPECT_FALSE(ParseId(bad).has_value()) << bad;
  }
}

}  // namespace
}  // namespace kapi::http
