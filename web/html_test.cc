#include "web/html.h"

#include <gtest/gtest.h>

#include "web/static_assets.h"

namespace kapi::web {
namespace {

TEST(Html, EscapesEveryHtmlMetacharacter) {
  EXPECT_EQ(Esc("<script>alert('x')</script> & \"y\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;y&quot;");
  EXPECT_EQ(Esc("İğdır"), "İğdır");
}

TEST(Html, ErrorSummaryLinksToTheField) {
  std::string h = ErrorSummary(Lang::kTr, {{"text", "Başvurunuzu yazın"}});
  EXPECT_NE(h.find("href=\"#text\""), std::string::npos);
  EXPECT_NE(h.find("Bir sorun var"), std::string::npos);
  EXPECT_EQ(ErrorSummary(Lang::kTr, {}), "");
}

TEST(Html, FieldAriaNamesHintAndErrorInOneAttribute) {
  std::vector<FieldError> errors = {{"text", "Başvurunuzu yazın"}};
  EXPECT_EQ(FieldAria(errors, "text", "text-hint"),
            " aria-describedby=\"text-hint text-error\" aria-invalid=\"true\"");
  EXPECT_EQ(FieldAria(errors, "name"), "");
  EXPECT_EQ(FieldAria({}, "code", "code-hint"), " aria-describedby=\"code-hint\"");
  EXPECT_NE(FieldErrorHtml(Lang::kEn, errors, "text").find("Error:"), std::string::npos);
  EXPECT_NE(FieldErrorHtml(Lang::kTr, errors, "text").find("id=\"text-error\""), std::string::npos);
}

TEST(Html, PageIsTurkishByDefaultAndSwitchesToEnglish) {
  http::Request req;
  EXPECT_EQ(LangOf(req), Lang::kTr);
  req.query["lang"] = "en";
  EXPECT_EQ(LangOf(req), Lang::kEn);
  PageOptions o;
  o.title = "Başvuru <yap>";
  auto r = Page(o, "<p>x</p>");
  EXPECT_NE(r.body.find("<html lang=\"tr\">"), std::string::npos);
  EXPECT_NE(r.body.find("Başvuru &lt;yap&gt;"), std::string::npos);
  bool csp = false;
  for (auto& [k, v] : r.headers) csp = csp || k == "Content-Security-Policy";
  EXPECT_TRUE(csp);
}

TEST(Html, DisplaysTurkishDates) {
  EXPECT_EQ(DisplayTime(1'796'203'500'000, Lang::kTr), "2 Aralık 2026 12:25");
}

TEST(StaticAssets, AreEmbedded) {
  const auto& assets = StaticAssets();
  ASSERT_TRUE(assets.count("kapi.css"));
  EXPECT_NE(assets.at("kapi.css").find(".error-summary"), std::string_view::npos);
}

}  // namespace
}  // namespace kapi::web
