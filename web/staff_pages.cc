// Staff pages: sign-in, the inbox (filters, full-text search, SLA colouring), the manager's
// approval queue, the account page (password, TOTP), administration and the auditor's page. The
// case view is in case_page.cc, the AI-oversight page in oversight_page.cc. Every action goes
// through workflow/, so roles and unit scopes are the JSON API's.

#include "base/log.h"
#include "base/percent_encoding.h"
#include "http/api.h"
#include "http/session.h"
#include "text/utf8.h"
#include "web/html.h"
#include "web/pages.h"
#include "web/staff_common.h"
#include "workflow/totp.h"

namespace kapi::web {
namespace {

using http::Request;
using http::Respond;
using http::Response;
using workflow::Role;
using workflow::SessionContext;

// ---- sign-in ----

std::string SignInForm(Lang lang, const std::string& username, bool ask_totp,
                       const std::vector<FieldError>& errors) {
  std::string b = ErrorSummary(lang, errors);
  b += "<h1>";
  b += L(lang, "Personel girişi", "Staff sign-in");
  b += "</h1>\n<form method=\"post\" action=\"/giris\" novalidate>\n<div class=\"field\">"
       "<label for=\"username\">";
  b += L(lang, "Kullanıcı adı", "Username");
  b += "</label>" + FieldErrorHtml(lang, errors, "username") +
       "<input id=\"username\" name=\"username\" autocomplete=\"username\" "
       "autocapitalize=\"none\" spellcheck=\"false\"" +
       FieldAria(errors, "username") + " value=\"" + Esc(username) +
       "\"></div>\n"
       "<div class=\"field\"><label for=\"password\">";
  b += L(lang, "Parola", "Password");
  b += "</label>" + FieldErrorHtml(lang, errors, "password") +
       "<input id=\"password\" name=\"password\" type=\"password\" "
       "autocomplete=\"current-password\"" +
       FieldAria(errors, "password") + "></div>\n";
  b += "<div class=\"field\"><label for=\"totp\">";
  b += L(lang, "Doğrulama kodu (iki adımlı doğrulama açıksa)",
         "Verification code (if two-step verification is on)");
  b += "</label>" + FieldErrorHtml(lang, errors, "totp") +
       "<input id=\"totp\" name=\"totp\" inputmode=\"numeric\" autocomplete=\"one-time-code\" "
       "maxlength=\"6\" class=\"short\"" +
       FieldAria(errors, "totp") + std::string(ask_totp ? " autofocus" : "") +
       "></div>\n"
       "<button type=\"submit\">";
  b += L(lang, "Giriş yap", "Sign in");
  b += "</button>\n</form>\n";
  return b;
}

void SignInPost(const http::ApiContext* ctx, Request& req, Respond respond) {
  auto shared = std::make_shared<Request>(std::move(req));
  ctx->work->Post([ctx, shared, respond = std::move(respond)] {
    Lang lang = LangOf(*shared);
    std::map<std::string, std::string> form;
    ParseForm(*shared, &form);
    const std::string user = Get(form, "username");
    PageOptions o;
    o.lang = lang;
    o.title = L(lang, "Hata: Personel girişi", "Error: Staff sign-in");
    std::vector<FieldError> errors;
    if (user.empty())
      errors.push_back({"username", L(lang, "Kullanıcı adınızı girin", "Enter your username")});
    if (Get(form, "password").empty()) {
      errors.push_back({"password", L(lang, "Parolanızı girin", "Enter your password")});
    }
    if (!errors.empty()) return respond(Page(o, SignInForm(lang, user, false, errors), 400));
    auto in = ctx->auth->SignIn(user, Get(form, "password"), Get(form, "totp"));
    if (!in.ok()) {
      const std::string& r = in.status().reason();
      const char* field = (r == "totp_required" || r == "bad_totp") ? "totp" : "password";
      errors.push_back({field, in.status().message()});
      return respond(Page(o, SignInForm(lang, user, r == "totp_required", errors),
                          in.status().code() == StatusCode::kUnauthenticated ? 401 : 503));
    }
    Response r = Redirect(in->must_change_password ? "/is/hesap" : "/is");
    r.headers.emplace_back("Set-Cookie", http::SessionCookieHeader(in->token, ctx->cookie_secure));
    respond(std::move(r));
  });
}

// ---- inbox ----

std::string StateOptions(Lang lang, const std::string& selected) {
  std::string o = "<option value=\"\">";
  o += L(lang, "Tümü", "All");
  o += "</option>";
  for (auto s : cases::AllCaseStates()) {
    std::string name(cases::CaseStateName(s));
    o += "<option value=\"" + name + "\"" + (name == selected ? " selected" : "") + ">" +
         StateLabel(lang, s) + "</option>";
  }
  return o;
}

Response Inbox(const http::ApiContext* ctx, const SessionContext& s, Request& req) {
  Lang lang = LangOf(req);
  cases::CaseFilter f;
  std::string state = req.Query("state") ? *req.Query("state") : "";
  std::string q = req.Query("q") ? *req.Query("q") : "";
  std::string view = req.Query("view") ? *req.Query("view") : "";
  std::string sla_view = req.Query("sla") ? *req.Query("sla") : "";
  if (auto st = cases::ParseCaseState(state)) f.state = st;
  if (!q.empty()) f.query = q;
  if (view == "mine") f.assignee = s.user.username;
  f.limit = sla_view.empty() ? 200 : 500;
  auto list = ctx->cases->List(s.principal, f);
  // Overdue / due-soon views: the SLA state depends on the Turkish working-day calendar at this
  // moment, so it is computed here rather than stored.
  if (list.ok() && (sla_view == "overdue" || sla_view == "due_soon")) {
    const std::string want = sla_view == "overdue" ? "sla-overdue" : "sla-due-soon";
    std::erase_if(*list, [&](const cases::CaseRecord& c) { return SlaClass(ctx, c) != want; });
  }
  auto units = ctx->cases->Units();
  std::string b = "<h1>";
  b += L(lang, "Gelen kutusu", "Inbox");
  b += "</h1>\n<form method=\"get\" action=\"/is\" class=\"filters\" role=\"search\">"
       "<div class=\"field\"><label for=\"q\">";
  b += L(lang, "Metinde ara", "Search the text");
  b += "</label><input id=\"q\" name=\"q\" type=\"search\" value=\"" + Esc(q) +
       "\"></div>"
       "<div class=\"field\"><label for=\"state\">";
  b += L(lang, "Durum", "State");
  b += "</label><select id=\"state\" name=\"state\">" + StateOptions(lang, state) +
       "</select></div><div class=\"field\"><label for=\"view\">";
  b += L(lang, "Görünüm", "View");
  b += "</label><select id=\"view\" name=\"view\"><option value=\"\">";
  b += L(lang, "Birimimin tüm dosyaları", "All cases of my unit");
  b += "</option><option value=\"mine\"" + std::string(view == "mine" ? " selected" : "") + ">";
  b += L(lang, "Bana atananlar", "Assigned to me");
  b += "</option></select></div><div class=\"field\"><label for=\"sla\">";
  b += L(lang, "Süre", "Deadline");
  b += "</label><select id=\"sla\" name=\"sla\"><option value=\"\">";
  b += L(lang, "Tümü", "All");
  b += "</option><option value=\"overdue\"" +
       std::string(sla_view == "overdue" ? " selected" : "") + ">";
  b += L(lang, "Süresi geçenler", "Overdue");
  b += "</option><option value=\"due_soon\"" +
       std::string(sla_view == "due_soon" ? " selected" : "") + ">";
  b += L(lang, "Süresi yaklaşanlar (2 iş günü)", "Due soon (2 working days)");
  b += "</option></select></div><button type=\"submit\" class=\"secondary\">";
  b += L(lang, "Süz", "Filter");
  b += "</button></form>\n";
  if (!list.ok()) {
    b += "<p class=\"notice error\">" + Esc(list.status().message()) + "</p>";
    return Page(StaffOpts(req, s, L(lang, "Gelen kutusu", "Inbox")), b,
                http::HttpStatusFor(list.status().code()));
  }
  if (list->empty()) {
    b += "<p>";
    b += L(lang, "Bu ölçütlere uyan dosya yok.", "No cases match.");
    b += "</p>";
  } else {
    b += "<table class=\"cases\"><caption class=\"sr-only\">";
    b += L(lang, "Dosyalar", "Cases");
    b += "</caption><thead><tr><th scope=\"col\">";
    b += L(lang, "Dosya", "Case");
    b += "</th><th scope=\"col\">";
    b += L(lang, "Özet (maskeli)", "Summary (masked)");
    b += "</th><th scope=\"col\">";
    b += L(lang, "Durum", "State");
    b += "</th><th scope=\"col\">";
    b += L(lang, "Birim", "Unit");
    b += "</th><th scope=\"col\">";
    b += L(lang, "Süre", "Deadline");
    b += "</th></tr></thead><tbody>";
    for (const auto& c : *list) {
      const char* sla = SlaClass(ctx, c);
      const cases::Unit* unit = units ? units->Find(c.unit_code) : nullptr;
      b += "<tr class=\"" + std::string(sla) + "\"><td class=\"nowrap\"><a href=\"/is/dosya/" +
           std::to_string(c.id) + "\">" + Esc(c.tracking_code) + "</a></td><td>" +
           Esc(text::Snippet(c.text_masked, 160)) + "</td><td data-state=\"" +
           Esc(cases::CaseStateName(c.state)) + "\">" + StateLabel(lang, c.state) + "</td><td>" +
           Esc(unit ? unit->name : c.unit_code) + "</td><td><span class=\"sla " + sla + "\">" +
           SlaLabel(lang, sla) + "</span><br><small>" +
           (c.due_at_ms ? DisplayTime(c.due_at_ms, lang) : "") + "</small></td></tr>";
    }
    b += "</tbody></table>";
  }
  return Page(StaffOpts(req, s, L(lang, "Gelen kutusu", "Inbox")), b);
}

// ---- approvals, account, administration, audit ----

Response Approvals(const http::ApiContext* ctx, const SessionContext& s, Request& req) {
  Lang lang = LangOf(req);
  auto list = ctx->cases->ApprovalQueue(s.principal);
  std::string b = "<h1>";
  b += L(lang, "Onay bekleyen yanıtlar", "Answers awaiting approval");
  b += "</h1>";
  if (!list.ok()) {
    b += "<p class=\"notice error\">" + Esc(list.status().message()) + "</p>";
    return Page(StaffOpts(req, s, L(lang, "Onay", "Approvals")), b,
                http::HttpStatusFor(list.status().code()));
  }
  if (list->empty()) {
    b += "<p>";
    b += L(lang, "Onay bekleyen yanıt yok.", "Nothing waits for approval.");
    b += "</p>";
  } else {
    b += "<ul class=\"approval-list\">";
    for (const auto& c : *list) {
      b += "<li><a href=\"/is/dosya/" + std::to_string(c.id) + "#approval-title\">" +
           Esc(c.tracking_code) + "</a> — " + Esc(text::Snippet(c.text_masked, 100)) + "</li>";
    }
    b += "</ul>";
  }
  return Page(StaffOpts(req, s, L(lang, "Onay", "Approvals")), b);
}

Response Account(const http::ApiContext* ctx, const SessionContext& s, Request& req,
                 const std::string& totp_secret = "", const std::string& error = "") {
  Lang lang = LangOf(req);
  std::string b = "<h1>";
  b += L(lang, "Hesabım", "My account");
  b += "</h1>";
  if (!error.empty()) b += "<div class=\"notice error\" role=\"alert\">" + Esc(error) + "</div>";
  if (s.must_change_password) {
    b += "<p class=\"notice\">";
    b += L(lang, "Geçici parolanızı değiştirmeniz gerekiyor.",
           "You must change your temporary password.");
    b += "</p>";
  }
  b += "<h2>";
  b += L(lang, "Parola değiştir", "Change password");
  b += "</h2><form method=\"post\" action=\"/is/hesap/parola\">" + CsrfField(s) +
       "<div class=\"field\"><label for=\"old_password\">";
  b += L(lang, "Mevcut parola", "Current password");
  b += "</label><input id=\"old_password\" name=\"old_password\" type=\"password\" "
       "autocomplete=\"current-password\"></div><div class=\"field\"><label for=\"new_password\">";
  b += L(lang, "Yeni parola", "New password");
  b += "</label><p class=\"hint\" id=\"new-password-hint\">";
  b += L(lang, "En az 12 karakter; harf ile birlikte rakam ya da işaret.",
         "At least 12 characters: letters plus digits or symbols.");
  b += "</p><input id=\"new_password\" name=\"new_password\" type=\"password\" "
       "autocomplete=\"new-password\" aria-describedby=\"new-password-hint\"></div>"
       "<button type=\"submit\">";
  b += L(lang, "Parolayı değiştir", "Change password");
  b += "</button></form>";
  b += "<h2>";
  b += L(lang, "İki adımlı doğrulama", "Two-step verification");
  b += "</h2>";
  if (totp_secret.empty()) {
    b += "<form method=\"post\" action=\"/is/hesap/iki-adim\">" + CsrfField(s) +
         "<button type=\"submit\" class=\"secondary\">";
    b += L(lang, "İki adımlı doğrulamayı kur", "Set up two-step verification");
    b += "</button></form>";
  } else {
    b += "<p>";
    b +=
        L(lang,
          "Doğrulama uygulamanıza bu anahtarı ekleyin:", "Add this key to your authenticator app:");
    b += "</p><p class=\"code\" id=\"totp-secret\">" + Esc(workflow::Base32Encode(totp_secret)) +
         "</p><p><small>" + Esc(workflow::TotpUri("Kapı", s.user.username, totp_secret)) +
         "</small></p><form method=\"post\" action=\"/is/hesap/iki-adim/onayla\">" + CsrfField(s) +
         "<input type=\"hidden\" name=\"secret\" value=\"" +
         Esc(workflow::Base32Encode(totp_secret)) + "\"><div class=\"field\"><label for=\"code\">";
    b += L(lang, "Uygulamadaki 6 haneli kod", "The 6-digit code from the app");
    b += "</label><input id=\"code\" name=\"code\" inputmode=\"numeric\" maxlength=\"6\" "
         "class=\"short\" autocomplete=\"one-time-code\"></div><button type=\"submit\">";
    b += L(lang, "Doğrula ve aç", "Verify and turn on");
    b += "</button></form>";
  }
  return Page(StaffOpts(req, s, L(lang, "Hesabım", "My account")), b);
}

Response Admin(const http::ApiContext* ctx, const SessionContext& s, Request& req,
               const std::string& notice = "") {
  Lang lang = LangOf(req);
  auto units = ctx->cases->Units();
  std::string b = "<h1>";
  b += L(lang, "Yönetim", "Administration");
  b += "</h1>" + notice;
  if (workflow::Authorize(s.principal, workflow::Action::kSwitchAi, nullptr, *units).ok()) {
    b += "<h2>";
    b += L(lang, "Yapay zekâ önerileri", "AI suggestions");
    b += "</h2><p class=\"hint\">";
    b += L(lang,
           "Birim müdürü yapay zekâ önerilerini biriminde kapatabilir (2024/108 Yetkinlik (6)).",
           "A unit manager can switch AI suggestions off for the unit (2024/108 Yetkinlik (6)).");
    b += "</p><table><thead><tr><th scope=\"col\">";
    b += L(lang, "Birim", "Unit");
    b += "</th><th scope=\"col\">";
    b += L(lang, "YZ önerileri", "AI suggestions");
    b += "</th></tr></thead><tbody>";
    for (const auto& u : units->units()) {
      if (s.principal.role == Role::kUnitManager &&
          !units->IsWithin(u.code, s.principal.unit_code)) {
        continue;
      }
      b += "<tr><td>" + Esc(u.name) +
           "</td><td><form method=\"post\" action=\"/yonetim/yz\" "
           "class=\"inline\">" +
           CsrfField(s) + "<input type=\"hidden\" name=\"unit\" value=\"" + Esc(u.code) +
           "\"><input type=\"hidden\" name=\"enabled\" value=\"" + (u.ai_enabled ? "0" : "1") +
           "\"><button type=\"submit\" class=\"secondary\">" +
           (u.ai_enabled ? L(lang, "Açık — kapat", "On — switch off")
                         : L(lang, "Kapalı — aç", "Off — switch on")) +
           "</button></form></td></tr>";
    }
    b += "</tbody></table>";
  }
  if (workflow::Authorize(s.principal, workflow::Action::kManageUsers, nullptr, *units).ok()) {
    auto users = ctx->store->ListStaffUsers();
    b += "<h2>";
    b += L(lang, "Personel", "Staff");
    b += "</h2><table><thead><tr><th scope=\"col\">";
    b += L(lang, "Kullanıcı", "User");
    b += "</th><th scope=\"col\">";
    b += L(lang, "Rol", "Role");
    b += "</th><th scope=\"col\">";
    b += L(lang, "Birim", "Unit");
    b += "</th><th scope=\"col\">";
    b += L(lang, "Parola", "Password");
    b += "</th></tr></thead><tbody>";
    if (users.ok()) {
      for (const auto& u : *users) {
        auto role = workflow::ParseRole(u.role);
        b += "<tr><td>" + Esc(u.username) + "</td><td>" +
             Esc(role ? workflow::RoleLabel(*role) : u.role) + "</td><td>" + Esc(u.unit_code) +
             "</td><td><form method=\"post\" action=\"/yonetim/parola\" class=\"inline\">" +
             CsrfField(s) + "<input type=\"hidden\" name=\"username\" value=\"" + Esc(u.username) +
             "\"><button type=\"submit\" class=\"secondary\">" +
             L(lang, "Parolayı sıfırla", "Reset password") + "</button></form></td></tr>";
      }
    }
    b += "</tbody></table>";
  }
  return Page(StaffOpts(req, s, L(lang, "Yönetim", "Administration")), b);
}

Response Audit(const http::ApiContext* ctx, const SessionContext& s, Request& req) {
  Lang lang = LangOf(req);
  auto units = ctx->cases->Units();
  Status allowed = workflow::Authorize(s.principal, workflow::Action::kAudit, nullptr, *units);
  if (!allowed.ok()) {
    return Page(StaffOpts(req, s, L(lang, "Denetim", "Audit")),
                "<h1>" + std::string(L(lang, "Yetkiniz yok", "Not allowed")) + "</h1><p>" +
                    Esc(allowed.message()) + "</p>",
                403);
  }
  std::string b = "<h1>";
  b += L(lang, "Denetim", "Audit");
  b += "</h1><h2>";
  b += L(lang, "Denetim kaydı (ledger)", "Audit ledger");
  b += "</h2>";
  if (ctx->ledger) {
    auto size = ctx->ledger->Size();
    auto cp = ctx->ledger->LatestCheckpoint();
    b += "<dl class=\"summary\"><dt>";
    b += L(lang, "Kayıt sayısı", "Entries");
    b += "</dt><dd>" + (size.ok() ? std::to_string(*size) : "?") + "</dd><dt>";
    b += L(lang, "Son imzalı kontrol noktası", "Latest signed checkpoint");
    b += "</dt><dd><pre>" + (cp.ok() ? Esc(cp->note) : Esc(L(lang, "henüz yok", "none yet"))) +
         "</pre></dd><dt>";
    b += L(lang, "Doğrulama anahtarı", "Verifier key");
    b += "</dt><dd><code>" + Esc(ctx->ledger->VerifierKey()) + "</code></dd></dl><p>";
    b += L(lang, "Tam doğrulama: <code>kapi audit verify --data-dir …</code>",
           "Full verification: <code>kapi audit verify --data-dir …</code>");
    b += "</p>";
  }
  b += "<h2>";
  b += L(lang, "Kişisel veri erişimleri", "Personal-data access");
  b += "</h2>";
  auto access = ctx->store->ListAccess(std::nullopt, 200);
  if (access.ok() && !access->empty()) {
    b += "<table><thead><tr><th scope=\"col\">";
    b += L(lang, "Zaman", "Time");
    b += "</th><th scope=\"col\">";
    b += L(lang, "Kim", "Who");
    b += "</th><th scope=\"col\">";
    b += L(lang, "Dosya", "Case");
    b += "</th><th scope=\"col\">";
    b += L(lang, "Amaç", "Purpose");
    b += "</th></tr></thead><tbody>";
    for (const auto& a : *access) {
      b += "<tr><td>" + DisplayTime(a.at_ms, lang) + "</td><td>" + Esc(a.actor) +
           "</td><td><a href=\"/is/dosya/" + std::to_string(a.case_id) + "\">" +
           std::to_string(a.case_id) + "</a></td><td>" + Esc(a.purpose) + "</td></tr>";
    }
    b += "</tbody></table>";
  } else {
    b += "<p>";
    b += L(lang, "Henüz erişim kaydı yok.", "No access recorded yet.");
    b += "</p>";
  }
  return Page(StaffOpts(req, s, L(lang, "Denetim", "Audit")), b);
}

}  // namespace

void RegisterStaffPages(http::Router& router, const http::ApiContext* ctx) {
  router.Add("GET", "/giris", [](Request& req, Respond respond) {
    Lang lang = LangOf(req);
    PageOptions o;
    o.lang = lang;
    o.title = L(lang, "Personel girişi", "Staff sign-in");
    respond(Page(o, SignInForm(lang, "", false, {})));
  });
  router.Add("POST", "/giris",
             [ctx](Request& req, Respond respond) { SignInPost(ctx, req, std::move(respond)); });
  router.Add("POST", "/cikis",
             StaffPage(ctx, [ctx](const SessionContext&, Request& req,
                                  const std::map<std::string, std::string>&) {
               if (auto token = http::CookieValue(req, http::kSessionCookie)) {
                 (void)ctx->auth->SignOut(*token);
               }
               Response r = Redirect("/giris");
               r.headers.emplace_back("Set-Cookie",
                                      http::SessionCookieHeader("", ctx->cookie_secure));
               return r;
             }));
  router.Add("GET", "/is",
             StaffPage(ctx, [ctx](const SessionContext& s, Request& req,
                                  const std::map<std::string, std::string>&) {
               if (s.principal.role == Role::kDeskOfficer) return Redirect("/basvuru");
               if (s.principal.role == Role::kAdmin) return Redirect("/yonetim");
               return Inbox(ctx, s, req);
             }));
  RegisterCasePages(router, ctx);
  RegisterBriefingPage(router, ctx);
  RegisterOversightPage(router, ctx);
  router.Add("GET", "/is/onay",
             StaffPage(ctx, [ctx](const SessionContext& s, Request& req, const auto&) {
               return Approvals(ctx, s, req);
             }));
  router.Add("GET", "/is/hesap",
             StaffPage(ctx, [ctx](const SessionContext& s, Request& req, const auto&) {
               return Account(ctx, s, req);
             }));
  router.Add("POST", "/is/hesap/parola",
             StaffPage(ctx, [ctx](const SessionContext& s, Request& req, const auto& f) {
               Status st =
                   ctx->auth->ChangePassword(s, Get(f, "old_password"), Get(f, "new_password"));
               if (!st.ok()) {
                 Response r = Account(ctx, s, req, "", st.message());
                 r.status = 400;
                 return r;
               }
               return Back("/is", L(LangOf(req), "Parolanız değiştirildi.", "Password changed."));
             }));
  router.Add("POST", "/is/hesap/iki-adim",
             StaffPage(ctx, [ctx](const SessionContext& s, Request& req, const auto&) {
               return Account(ctx, s, req, ctx->auth->NewTotpSecret());
             }));
  router.Add("POST", "/is/hesap/iki-adim/onayla",
             StaffPage(ctx, [ctx](const SessionContext& s, Request& req, const auto& f) {
               std::string secret;
               workflow::Base32Decode(Get(f, "secret"), &secret);
               Status st = ctx->auth->EnableTotp(s, secret, Get(f, "code"));
               if (!st.ok()) {
                 Response r = Account(ctx, s, req, secret, st.message());
                 r.status = 400;
                 return r;
               }
               return Back("/is/hesap", L(LangOf(req), "İki adımlı doğrulama açıldı.",
                                          "Two-step verification is on."));
             }));
  router.Add("GET", "/yonetim",
             StaffPage(ctx, [ctx](const SessionContext& s, Request& req, const auto&) {
               return Admin(ctx, s, req);
             }));
  router.Add(
      "POST", "/yonetim/yz",
      StaffPage(ctx, [ctx](const SessionContext& s, Request& req, const auto& f) {
        Status st = ctx->cases->SwitchAi(s.principal, Get(f, "unit"), Get(f, "enabled") == "1");
        return Back("/yonetim",
                    st.ok() ? L(LangOf(req), "Ayar kaydedildi.", "Setting saved.") : st.message());
      }));
  router.Add("POST", "/yonetim/parola",
             StaffPage(ctx, [ctx](const SessionContext& s, Request& req, const auto& f) {
               Lang lang = LangOf(req);
               auto temp = ctx->auth->ResetPassword(s.principal, Get(f, "username"));
               std::string notice =
                   temp.ok() ? "<div class=\"notice success\" role=\"status\">" +
                                   Esc(Get(f, "username")) + " — " +
                                   L(lang, "geçici parola (yüz yüze iletin): ",
                                     "temporary password (hand it over in person): ") +
                                   "<strong class=\"code\">" + Esc(*temp) + "</strong></div>"
                             : "<div class=\"notice error\" role=\"alert\">" +
                                   Esc(temp.status().message()) + "</div>";
               return Admin(ctx, s, req, notice);
             }));
  router.Add("GET", "/denetim",
             StaffPage(ctx, [ctx](const SessionContext& s, Request& req, const auto&) {
               return Audit(ctx, s, req);
             }));
}

}  // namespace kapi::web
