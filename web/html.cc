#include "web/html.h"

#include <ctime>

#include "base/markup_escape.h"
#include "http/router.h"
#include "http/session.h"

namespace kapi::web {

std::string Esc(std::string_view s) { return EscapeMarkup(s); }

Lang LangOf(const http::Request& req) {
  if (const std::string* q = req.Query("lang")) return *q == "en" ? Lang::kEn : Lang::kTr;
  auto cookie = http::CookieValue(req, "kapi_lang");
  return cookie && *cookie == "en" ? Lang::kEn : Lang::kTr;
}

http::Response Page(const PageOptions& o, const std::string& body, int status) {
  const bool en = o.lang == Lang::kEn;
  std::string h;
  h.reserve(body.size() + 4096);
  h += "<!DOCTYPE html>\n<html lang=\"";
  h += en ? "en" : "tr";
  h += "\">\n<head>\n<meta charset=\"utf-8\">\n"
       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>";
  h += Esc(o.title);
  h += " – Kapı</title>\n<link rel=\"stylesheet\" href=\"/static/kapi.css\">\n"
       "<script src=\"/static/kapi.js\" defer></script>\n</head>\n<body>\n";
  h += "<a class=\"skip-link\" href=\"#main\">";
  h += L(o.lang, "Ana içeriğe geç", "Skip to main content");
  h += "</a>\n<header class=\"site-header\">\n<div class=\"wrap\">\n"
       "<a class=\"brand\" href=\"/\">Kapı</a>\n";
  if (!o.nav.empty()) {
    h += "<nav aria-label=\"";
    h += L(o.lang, "Ana menü", "Main menu");
    h += "\"><ul>";
    for (const auto& link : o.nav) {
      h += "<li><a href=\"" + Esc(link.href) + "\">" + Esc(link.label) + "</a></li>";
    }
    h += "</ul></nav>\n";
  }
  h += "<div class=\"header-tools\">";
  if (!o.signed_in_as.empty()) {
    h += "<span class=\"who\">" + Esc(o.signed_in_as) + "</span>";
    h += "<form method=\"post\" action=\"/cikis\" class=\"inline\">"
         "<input type=\"hidden\" name=\"csrf\" value=\"" +
         Esc(o.csrf) +
         "\">"
         "<button class=\"link-button\" type=\"submit\">";
    h += L(o.lang, "Çıkış", "Sign out");
    h += "</button></form>";
  }
  h += en ? "<a href=\"?lang=tr\" lang=\"tr\">Türkçe</a>"
          : "<a href=\"?lang=en\" lang=\"en\">English</a>";
  h += "</div>\n</div>\n</header>\n<main id=\"main\" class=\"wrap\">\n";
  if (!o.flash.empty()) {
    h += "<div class=\"notice success\" role=\"status\">" + Esc(o.flash) + "</div>\n";
  }
  h += body;
  h += "\n</main>\n<footer class=\"site-footer\"><div class=\"wrap\">";
  h +=
      L(o.lang,
        "Kapı kurum içinde çalışır; başvurunuzdaki kişisel veriler kurum dışına çıkmaz. Yapay zekâ "
        "yalnızca öneri verir; kararı kamu görevlisi verir.",
        "Kapı runs inside the institution; the personal data in your request never leaves it. "
        "AI only makes suggestions; a public official decides.");
  h += "</div></footer>\n</body>\n</html>\n";
  http::Response r = http::Response::Html(status, std::move(h));
  r.headers.emplace_back("Content-Security-Policy",
                         "default-src 'self'; img-src 'self' data:; style-src 'self'; "
                         "script-src 'self'; form-action 'self'; frame-ancestors 'none'; "
                         "base-uri 'none'");
  r.headers.emplace_back("Set-Cookie", std::string("kapi_lang=") + (en ? "en" : "tr") +
                                           "; Path=/; SameSite=Lax; Max-Age=31536000");
  return r;
}

std::string ErrorSummary(Lang lang, const std::vector<FieldError>& errors) {
  if (errors.empty()) return "";
  std::string h =
      "<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\" "
      "aria-labelledby=\"error-summary-title\">\n<h2 id=\"error-summary-title\">";
  h += L(lang, "Bir sorun var", "There is a problem");
  h += "</h2>\n<ul>";
  for (const auto& e : errors) {
    h += "<li><a href=\"#" + Esc(e.field) + "\">" + Esc(e.message) + "</a></li>";
  }
  h += "</ul>\n</div>\n";
  return h;
}

std::string FieldErrorHtml(Lang lang, const std::vector<FieldError>& errors,
                           std::string_view field) {
  for (const auto& e : errors) {
    if (e.field == field) {
      return "<p class=\"field-error\" id=\"" + Esc(field) + "-error\"><span class=\"sr-only\">" +
             L(lang, "Hata:", "Error:") + " </span>" + Esc(e.message) + "</p>";
    }
  }
  return "";
}

std::string FieldAria(const std::vector<FieldError>& errors, std::string_view field,
                      std::string_view hint_id) {
  const bool invalid = HasError(errors, field);
  std::string ids(hint_id);
  if (invalid) ids += (ids.empty() ? "" : " ") + std::string(field) + "-error";
  std::string out;
  if (!ids.empty()) out += " aria-describedby=\"" + Esc(ids) + "\"";
  if (invalid) out += " aria-invalid=\"true\"";
  return out;
}

bool HasError(const std::vector<FieldError>& errors, std::string_view field) {
  for (const auto& e : errors) {
    if (e.field == field) return true;
  }
  return false;
}

http::Response Redirect(const std::string& location) {
  http::Response r;
  r.status = 303;
  r.content_type = "text/plain; charset=utf-8";
  r.headers.emplace_back("Location", location);
  return r;
}

bool ParseForm(const http::Request& req, std::map<std::string, std::string>* out) {
  return http::ParseQuery(req.body, out);
}

std::string DisplayTime(int64_t millis, Lang lang) {
  static const char* kTr[] = {"Ocak",   "Şubat",   "Mart",  "Nisan", "Mayıs", "Haziran",
                              "Temmuz", "Ağustos", "Eylül", "Ekim",  "Kasım", "Aralık"};
  static const char* kEn[] = {"January",   "February", "March",    "April",
                              "May",       "June",     "July",     "August",
                              "September", "October",  "November", "December"};
  std::time_t t = static_cast<std::time_t>(millis / 1000 + 3 * 3600);  // Türkiye, UTC+3
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%d %s %d %02d:%02d", tm.tm_mday,
                (lang == Lang::kEn ? kEn : kTr)[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour,
                tm.tm_min);
  return buf;
}

}  // namespace kapi::web
