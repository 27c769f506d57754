#pragma once
// Small HTML helpers for server-rendered pages. Everything interpolated into HTML goes through
// Esc(); attribute values are always double-quoted.

#include <string>
#include <string_view>
#include <vector>

#include "http/message.h"

namespace kapi::web {

// Escapes &, <, >, " and ' for text and attribute contexts.
std::string Esc(std::string_view s);

enum class Lang { kTr, kEn };
// ?lang=en|tr or the kapi_lang cookie; Turkish by default.
Lang LangOf(const http::Request& req);
// Picks the Turkish or English string.
inline const char* L(Lang lang, const char* tr, const char* en) {
  return lang == Lang::kEn ? en : tr;
}

struct NavLink {
  std::string href;
  std::string label;
};

struct PageOptions {
  std::string title;
  Lang lang = Lang::kTr;
  std::vector<NavLink> nav;  // header links (staff pages)
  std::string signed_in_as;  // shown in the header when set
  std::string csrf;          // for the sign-out form
  std::string flash;         // a success banner
};

// A full HTML document around `body` with the shared header, skip link and footer.
http::Response Page(const PageOptions& options, const std::string& body, int status = 200);

// One error for the GOV.UK-style error summary: the field id and the message.
struct FieldError {
  std::string field;
  std::string message;
};
std::string ErrorSummary(Lang lang, const std::vector<FieldError>& errors);
// The error message for `field`, or "" (rendered above the input, id "<field>-error").
std::string FieldErrorHtml(Lang lang, const std::vector<FieldError>& errors,
                           std::string_view field);
// The input's aria attributes: aria-describedby naming the hint (when `hint_id` is set) and the
// error message, and aria-invalid="true" when `field` has an error. One attribute each, so the
// hint and the error are both read out. Starts with a space; "" when there is nothing to add.
std::string FieldAria(const std::vector<FieldError>& errors, std::string_view field,
                      std::string_view hint_id = "");
bool HasError(const std::vector<FieldError>& errors, std::string_view field);

// 303 See Other to `location` (after a successful POST).
http::Response Redirect(const std::string& location);

// Parses an application/x-www-form-urlencoded body; false on bad encoding.
bool ParseForm(const http::Request& req, std::map<std::string, std::string>* out);

// Turkish date-time for display, e.g. "2 Aralık 2026 14:05" (Türkiye time).
std::string DisplayTime(int64_t millis, Lang lang);

}  // namespace kapi::web
