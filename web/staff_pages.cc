// Staff pages: sign-in, the inbox (filters, full-text search, SLA colouring), the case view
// (masked text by default, AI suggestions labelled "YZ önerisi" with confidence and the words
// that drove them, accept/override with a reason, notes, referral, reveal of the original with a
// purpose, the answer editor with templates and the policy findings), the manager's approval
// queue, the account page (password, TOTP), administration and the auditor's page. Every action
// goes through workflow/, so roles and unit scopes are the JSON API's.

#include "base/log.h"
#include "base/percent_encoding.h"
#include "http/api.h"
#include "http/session.h"
#include "web/html.h"
#include "web/pages.h"
#include "web/staff_common.h"
#include "workflow/totp.h"

namespace kapi::web {
namespace {

using http::ParseId;
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

const char* SlaClass(const http::ApiContext* ctx, const cases::CaseRecord& c) {
  if (!ctx->sla || !cases::IsOpen(c.state) || c.due_at_ms == 0) return "";
  switch (ctx->sla->StatusNow(c.due_at_ms).state) {
    case cases::SlaState::kOverdue:
      return "sla-overdue";
    case cases::SlaState::kDueSoon:
      return "sla-due-soon";
    case cases::SlaState::kOnTime:
      return "sla-on-time";
  }
  return "";
}

std::string SlaLabel(Lang lang, const char* cls) {
  std::string c = cls;
  if (c == "sla-overdue") return L(lang, "Süresi geçti", "Overdue");
  if (c == "sla-due-soon") return L(lang, "Süresi yaklaşıyor", "Due soon");
  if (c == "sla-on-time") return L(lang, "Süresinde", "On time");
  return "–";
}

// What staff read for a case state; the code stays in data-state (and in the API).
const char* StateLabel(Lang lang, cases::CaseState s) {
  using S = cases::CaseState;
  switch (s) {
    case S::kNew:
      return L(lang, "Yeni", "New");
    case S::kTriaged:
      return L(lang, "Yönlendirildi", "Routed");
    case S::kAssigned:
      return L(lang, "Atandı", "Assigned");
    case S::kInProgress:
      return L(lang, "Çalışılıyor", "In progress");
    case S::kAwaitingApproval:
      return L(lang, "Onay bekliyor", "Awaiting approval");
    case S::kAnswered:
      return L(lang, "Yanıtlandı", "Answered");
    case S::kClosed:
      return L(lang, "Kapatıldı", "Closed");
    case S::kReopened:
      return L(lang, "Yeniden açıldı", "Reopened");
    case S::kReferred:
      return L(lang, "Sevk edildi", "Referred");
    case S::kReturned:
      return L(lang, "Geri gönderildi", "Returned");
  }
  return "?";
}

// The first `max_bytes` of a UTF-8 text, cut at a character boundary, with "…" when cut.
std::string Snippet(const std::string& text, size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end) + "…";
}

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
           Esc(Snippet(c.text_masked, 160)) + "</td><td data-state=\"" +
           Esc(cases::CaseStateName(c.state)) + "\">" + StateLabel(lang, c.state) + "</td><td>" +
           Esc(unit ? unit->name : c.unit_code) + "</td><td><span class=\"sla " + sla + "\">" +
           SlaLabel(lang, sla) + "</span><br><small>" +
           (c.due_at_ms ? DisplayTime(c.due_at_ms, lang) : "") + "</small></td></tr>";
    }
    b += "</tbody></table>";
  }
  return Page(StaffOpts(req, s, L(lang, "Gelen kutusu", "Inbox")), b);
}

// ---- case view ----

struct Template {
  const char* name;
  const char* text;
};
// Answer templates: greeting and closing included (2021/81 Kurumsal sosyal medya hesabının
// kullanımı (4): courtesy).
const Template kTemplates[] = {
    {"Bilgi verildi",
     "Sayın vatandaşımız,\n\nBaşvurunuz incelenmiştir. [Yapılan işlemi ve sonucunu yazın.]\n\n"
     "Bilgilerinize sunar, iyi günler dileriz.\nSaygılarımızla."},
    {"İlgili birime iletildi",
     "Sayın vatandaşımız,\n\nBaşvurunuz ilgili birimimize iletilmiş olup ekiplerimiz konuyla "
     "ilgili çalışma yapacaktır. [Tahmini süreyi yazın.]\n\nBilgilerinize sunarız.\n"
     "Saygılarımızla."},
    {"Yetki alanı dışında",
     "Sayın vatandaşımız,\n\nBaşvurunuzda belirttiğiniz konu kurumumuzun görev alanı dışında "
     "kalmaktadır. Başvurunuzu [yetkili kurum] kurumuna yapabilirsiniz.\n\nBilgilerinize sunarız.\n"
     "Saygılarımızla."},
};

std::string SuggestionBox(Lang lang, const cases::CaseRecord& c, bool ai_enabled) {
  if (c.suggestions_json.empty()) return "";
  nlohmann::json sj = nlohmann::json::parse(c.suggestions_json, nullptr, false);
  if (sj.is_discarded() || !sj.is_object()) return "";
  std::string b =
      "<section class=\"ai-suggestion\" aria-labelledby=\"ai-title\"><h2 id=\"ai-title\">"
      "<span class=\"ai-badge\">YZ önerisi</span> ";
  b += L(lang, "Yapay zekâ önerisi — yalnızca öneridir, kararı siz verirsiniz",
         "AI suggestion — advice only, you decide");
  b += "</h2>";
  if (!ai_enabled) {
    b += "<p>";
    b += L(lang, "Bu birim için yapay zekâ önerileri kapatılmış.",
           "AI suggestions are off for this unit.");
    b += "</p></section>";
    return b;
  }
  b += "<dl class=\"summary\">";
  if (sj.contains("topic") && sj["topic"].is_array()) {
    b += "<dt>";
    b += L(lang, "Konu", "Topic");
    b += "</dt><dd>";
    if (sj.value("abstain", false)) {
      b += L(lang, "Emin değil — elle sınıflandırın. ", "Not confident — classify by hand. ");
    }
    for (const auto& t : sj["topic"]) {
      char p[16];
      std::snprintf(p, sizeof p, "%.0f%%", 100.0 * t.value("p", 0.0));
      b += "<span class=\"tag\">" + Esc(t.value("label", "")) + " " + p + "</span> ";
    }
    b += "</dd>";
  }
  if (sj.contains("urgency") && sj["urgency"].is_object()) {
    b += "<dt>";
    b += L(lang, "Aciliyet", "Urgency");
    b += "</dt><dd>" + Esc(sj["urgency"].value("label", "")) + "</dd>";
  }
  if (sj.contains("sentiment") && sj["sentiment"].is_object()) {
    b += "<dt>";
    b += L(lang, "Duygu", "Sentiment");
    b += "</dt><dd>" + Esc(sj["sentiment"].value("label", "")) + "</dd>";
  }
  if (sj.contains("explain") && sj["explain"].is_array() && !sj["explain"].empty()) {
    b += "<dt>";
    b += L(lang, "Öneriyi en çok etkileyen sözcükler", "Words that drove the suggestion");
    b += "</dt><dd>";
    for (const auto& w : sj["explain"]) {
      if (w.is_string()) b += "<span class=\"tag\">" + Esc(w.get<std::string>()) + "</span> ";
    }
    b += "</dd>";
  }
  if (sj.contains("model")) {
    b += "<dt>";
    b += L(lang, "Model", "Model");
    b += "</dt><dd><code>" + Esc(sj["model"].is_string() ? sj["model"].get<std::string>() : "") +
         "</code></dd>";
  }
  b += "</dl>";
  if (sj.value("emergency", false)) {
    b += "<p class=\"notice error\"><strong>";
    b += L(lang, "Acil durum olabilir: yönlendir 112", "Possible emergency: refer to 112");
    b += "</strong></p>";
  }
  b += "</section>";
  return b;
}

std::string Select(const std::string& id, const std::string& name,
                   const std::vector<std::pair<std::string, std::string>>& options,
                   const std::string& selected) {
  std::string b = "<select id=\"" + id + "\" name=\"" + name + "\">";
  for (const auto& [value, label] : options) {
    b += "<option value=\"" + Esc(value) + "\"" + (value == selected ? " selected" : "") + ">" +
         Esc(label) + "</option>";
  }
  return b + "</select>";
}

std::string Textarea(const std::string& id, const std::string& label, const std::string& value,
                     int rows, bool required = false) {
  return "<div class=\"field\"><label for=\"" + id + "\">" + label + "</label><textarea id=\"" +
         id + "\" name=\"" + id + "\" rows=\"" + std::to_string(rows) + "\"" +
         (required ? " required" : "") + ">" + Esc(value) + "</textarea></div>";
}

Response CaseView(const http::ApiContext* ctx, const SessionContext& s, Request& req, int64_t id,
                  const std::string& revealed_html = "") {
  Lang lang = LangOf(req);
  auto view = ctx->cases->Get(s.principal, id);
  if (!view.ok()) {
    return Page(StaffOpts(req, s, L(lang, "Dosya bulunamadı", "Case not found")),
                std::string("<h1>") + L(lang, "Dosya bulunamadı", "Case not found") + "</h1><p>" +
                    Esc(view.status().message()) + "</p>",
                http::HttpStatusFor(view.status().code()));
  }
  const cases::CaseRecord& c = view->record;
  auto units = ctx->cases->Units();
  const cases::Unit* unit = units->Find(c.unit_code);
  const bool ai_enabled = unit ? unit->ai_enabled : true;
  const std::string base = "/is/dosya/" + std::to_string(id);
  const bool can_work = workflow::Authorize(s.principal, workflow::Action::kWork, &c, *units).ok();
  const bool is_manager = s.principal.role == Role::kUnitManager;

  std::string b =
      "<h1>" + std::string(L(lang, "Dosya", "Case")) + " " + Esc(c.tracking_code) + "</h1>";
  b += "<dl class=\"summary\"><dt>";
  b += L(lang, "Durum", "State");
  b += "</dt><dd><span class=\"tag\" id=\"case-state\" data-state=\"" +
       Esc(cases::CaseStateName(c.state)) + "\">" + StateLabel(lang, c.state) + "</span></dd><dt>";
  b += L(lang, "Kanal", "Channel");
  b += "</dt><dd>" + Esc(cases::ChannelName(c.channel)) + "</dd><dt>";
  b += L(lang, "Birim", "Unit");
  b += "</dt><dd>" + Esc(unit ? unit->name : c.unit_code) + "</dd><dt>";
  b += L(lang, "Konu", "Topic");
  std::string topic_name = c.topic_code.empty() ? "–" : c.topic_code;
  if (auto all_topics = ctx->store->ListTopics(); all_topics.ok()) {
    for (const auto& t : *all_topics) {
      if (t.code == c.topic_code) topic_name = t.name;
    }
  }
  b += "</dt><dd>" + Esc(topic_name) + "</dd><dt>";
  b += L(lang, "Sorumlu", "Assignee");
  b += "</dt><dd>" + Esc(c.assignee.empty() ? "–" : c.assignee) + "</dd><dt>";
  b += L(lang, "Son gün", "Due");
  const char* sla = SlaClass(ctx, c);
  b += "</dt><dd><span class=\"sla " + std::string(sla) + "\">" + SlaLabel(lang, sla) + "</span> " +
       (c.due_at_ms ? DisplayTime(c.due_at_ms, lang) : "") + "</dd></dl>";

  b += "<section aria-labelledby=\"text-title\"><h2 id=\"text-title\">";
  b += L(lang, "Başvuru metni (kişisel veriler maskeli)", "Request text (personal data masked)");
  b += "</h2><div class=\"request-text\" id=\"masked-text\">" + Esc(c.text_masked) + "</div>";
  b += revealed_html;
  if (c.erased_at_ms > 0) {
    b += "<p class=\"notice\" id=\"erased-notice\">";
    b += L(lang, "Bu başvurudaki kişisel veriler (maskesiz metin, iletişim, konum) ",
           "The personal data of this request (unmasked text, contact, location) was erased on ");
    b += DisplayTime(c.erased_at_ms, lang);
    b += L(lang, " tarihinde KVKK md. 7 uyarınca silindi. Maskeli kayıt ve işlem geçmişi duruyor.",
           " under KVKK art. 7. The masked record and its history remain.");
    b += "</p>";
  } else if (workflow::Authorize(s.principal, workflow::Action::kRevealOriginal, &c, *units).ok() &&
             revealed_html.empty()) {
    b += "<details class=\"reveal\"><summary>";
    b += L(lang, "Maskesiz metni göster (kayıt altına alınır)", "Show the unmasked text (logged)");
    b += "</summary><form method=\"post\" action=\"" + base + "/ac\">" + CsrfField(s) +
         "<div class=\"field\"><label for=\"purpose\">";
    b +=
        L(lang, "Amaç (örneğin: vatandaşı geri aramak)", "Purpose (e.g. to call the citizen back)");
    b += "</label><input id=\"purpose\" name=\"purpose\" required></div><button type=\"submit\" "
         "class=\"secondary\">";
    b += L(lang, "Göster", "Show");
    b += "</button></form></details>";
  }
  if (c.erased_at_ms == 0 &&
      workflow::Authorize(s.principal, workflow::Action::kErasePersonalData, &c, *units).ok()) {
    b += "<details class=\"erase\"><summary>";
    b += L(lang, "Kişisel verileri sil (KVKK md. 7, geri alınamaz)",
           "Erase the personal data (KVKK art. 7, irreversible)");
    b += "</summary><p>";
    b += L(lang,
           "Maskesiz metin, iletişim bilgisi ve konum kalıcı olarak silinir; denetim kaydındaki "
           "kişiye ait açıklamalar kriptografik olarak imha edilir. Maskeli metin, notlar ve "
           "işlem geçmişi kurum kaydı olarak kalır.",
           "The unmasked text, contact and location are destroyed for good; the person's payloads "
           "in the audit ledger are crypto-shredded. The masked text, notes and history stay as "
           "the institution's record.");
    b += "</p><form method=\"post\" action=\"" + base + "/kvkk-sil\">" + CsrfField(s) +
         "<div class=\"field\"><label for=\"erase-reason\">";
    b += L(lang, "Gerekçe (örneğin: KVKK başvuru numarası)",
           "Reason (e.g. the KVKK application number)");
    b += "</label><input id=\"erase-reason\" name=\"reason\" required></div>"
         "<div class=\"field radios\"><div class=\"radio\"><input type=\"checkbox\" "
         "id=\"erase-confirm\" name=\"confirm\" value=\"1\" required><label "
         "for=\"erase-confirm\">";
    b += L(lang, "Silmenin geri alınamayacağını anladım.", "I understand this cannot be undone.");
    b += "</label></div></div><button type=\"submit\" class=\"warning\" id=\"erase-submit\">";
    b += L(lang, "Kişisel verileri sil", "Erase the personal data");
    b += "</button></form></details>";
  }
  b += "</section>";

  b += SuggestionBox(lang, c, ai_enabled);

  // Triage: accept or override the suggestion (needs a reason when overriding).
  if (can_work &&
      (c.state == cases::CaseState::kNew || c.state == cases::CaseState::kReturned ||
       c.state == cases::CaseState::kReferred || c.state == cases::CaseState::kTriaged)) {
    auto topics = ctx->store->ListTopics();
    std::vector<std::pair<std::string, std::string>> topic_opts, unit_opts;
    std::string suggested_topic = c.topic_code, suggested_unit = c.unit_code;
    if (topics.ok()) {
      nlohmann::json sj = nlohmann::json::parse(
          c.suggestions_json.empty() ? "{}" : c.suggestions_json, nullptr, false);
      std::string top_label;
      if (sj.is_object() && sj.contains("topic") && sj["topic"].is_array() &&
          !sj["topic"].empty()) {
        top_label = sj["topic"][0].value("label", "");
      }
      for (const auto& t : *topics) {
        topic_opts.push_back({t.code, t.name});
        if (suggested_topic.empty() && t.name == top_label) {
          suggested_topic = t.code;
          suggested_unit = t.default_unit_code;
        }
      }
    }
    // With no suggestion, make the officer choose: a preselected first topic is easy to miss.
    if (suggested_topic.empty()) {
      topic_opts.insert(topic_opts.begin(), {"", L(lang, "Konu seçin", "Choose a topic")});
    }
    for (const auto& u : units->units()) unit_opts.push_back({u.code, u.name});
    b += "<section aria-labelledby=\"triage-title\"><h2 id=\"triage-title\">";
    b += L(lang, "Ön inceleme: konu ve birim", "Triage: topic and unit");
    b += "</h2><form method=\"post\" action=\"" + base + "/yonlendir\">" + CsrfField(s) +
         "<div class=\"field\"><label for=\"topic\">";
    b += L(lang, "Konu", "Topic");
    b += "</label>" + Select("topic", "topic", topic_opts, suggested_topic) +
         "</div><div class=\"field\"><label for=\"unit\">";
    b += L(lang, "Birim", "Unit");
    b += "</label>" + Select("unit", "unit", unit_opts, suggested_unit) + "</div>";
    if (!c.suggestions_json.empty() && ai_enabled) {
      b += "<fieldset><legend>";
      b += L(lang, "YZ önerisine kararınız", "Your decision on the AI suggestion");
      b += "</legend><div class=\"radios\"><div class=\"radio\"><input type=\"radio\" "
           "id=\"ai-accept\" "
           "name=\"ai_decision\" value=\"accepted\" checked><label for=\"ai-accept\">";
      b += L(lang, "Öneriyi kabul ediyorum", "I accept the suggestion");
      b += "</label></div><div class=\"radio\"><input type=\"radio\" id=\"ai-override\" "
           "name=\"ai_decision\" value=\"overridden\"><label for=\"ai-override\">";
      b += L(lang, "Öneriyi değiştiriyorum (gerekçe yazın)", "I override it (give a reason)");
      b += "</label></div></div></fieldset>";
      b += Textarea("reason", L(lang, "Gerekçe", "Reason"), "", 2);
    }
    b += "<button type=\"submit\">";
    b += L(lang, "Kaydet ve yönlendir", "Save and route");
    b += "</button></form></section>";
  }

  // Assignment and state steps.
  if (can_work) {
    std::string w;  // the section is left out when it has nothing to offer
    if (c.state == cases::CaseState::kTriaged || c.state == cases::CaseState::kReopened ||
        (c.state == cases::CaseState::kAssigned && c.assignee != s.user.username)) {
      w += "<form method=\"post\" action=\"" + base + "/ustlen\" class=\"inline\">" + CsrfField(s) +
           "<button type=\"submit\">";
      w += L(lang, "Dosyayı üstlen", "Take this case");
      w += "</button></form>";
    }
    if (c.state == cases::CaseState::kAssigned || c.state == cases::CaseState::kReopened) {
      w += "<form method=\"post\" action=\"" + base + "/durum\" class=\"inline\">" + CsrfField(s) +
           "<input type=\"hidden\" name=\"to\" value=\"in_progress\"><button type=\"submit\">";
      w += L(lang, "Çalışmaya başla", "Start work");
      w += "</button></form>";
    }
    if (!w.empty()) w = "<div class=\"button-row\">" + w + "</div>";
    if (c.state == cases::CaseState::kTriaged || c.state == cases::CaseState::kAssigned ||
        c.state == cases::CaseState::kInProgress) {
      std::vector<std::pair<std::string, std::string>> unit_opts;
      for (const auto& u : units->units()) {
        if (u.code != c.unit_code) unit_opts.push_back({u.code, u.name});
      }
      w += "<details><summary>";
      w += L(lang, "Başka birime sevk et", "Refer to another unit");
      w += "</summary><form method=\"post\" action=\"" + base + "/sevk\">" + CsrfField(s) +
           "<div class=\"field\"><label for=\"refer-unit\">";
      w += L(lang, "Birim", "Unit");
      w += "</label>" + Select("refer-unit", "unit", unit_opts, "") + "</div>" +
           Textarea("refer-reason", L(lang, "Sevk gerekçesi", "Reason for referral"), "", 2) +
           "<button type=\"submit\" class=\"secondary\">";
      w += L(lang, "Sevk et", "Refer");
      w += "</button></form></details>";
    }
    if (!w.empty()) {
      b += "<section aria-labelledby=\"work-title\"><h2 id=\"work-title\">";
      b += L(lang, "İşlemler", "Actions");
      b += "</h2>" + w + "</section>";
    }
  }

  // Answer editor.
  const std::optional<cases::Answer>& answer = view->answer;
  if (can_work && c.state == cases::CaseState::kInProgress) {
    int tpl = -1;
    if (const std::string* t = req.Query("sablon")) tpl = std::atoi(t->c_str());
    std::string text =
        answer && (answer->status == "draft" || answer->status == "returned") ? answer->text : "";
    if (tpl >= 0 && tpl < static_cast<int>(std::size(kTemplates))) text = kTemplates[tpl].text;
    b += "<section aria-labelledby=\"answer-title\"><h2 id=\"answer-title\">";
    b += L(lang, "Yanıt", "Answer");
    b += "</h2><p class=\"hint\">";
    b += L(lang, "Şablonlar:", "Templates:");
    for (size_t i = 0; i < std::size(kTemplates); ++i) {
      b += " <a href=\"" + base + "?sablon=" + std::to_string(i) + "#answer-title\">" +
           Esc(kTemplates[i].name) + "</a>";
    }
    b += "</p>";
    if (answer && answer->status == "returned") {
      b += "<p class=\"notice error\">";
      b += L(lang, "Yönetici yanıtı geri gönderdi: ", "The manager returned the answer: ");
      b += Esc(answer->decision_reason) + "</p>";
    }
    b += "<form method=\"post\" action=\"" + base + "/yanit\">" + CsrfField(s) +
         Textarea("answer", L(lang, "Yanıt metni", "Answer text"), text, 8) + "<fieldset><legend>";
    b += L(lang, "Bu metni kim hazırladı?", "Who prepared this text?");
    b += "</legend><div class=\"radios\">";
    const std::string prov =
        answer ? std::string(cases::ProvenanceName(answer->provenance)) : "human";
    for (auto [value, tr, en] : std::vector<std::tuple<const char*, const char*, const char*>>{
             {"human", "Ben yazdım", "I wrote it"},
             {"ai_edited", "YZ taslağını düzenledim", "I edited an AI draft"},
             {"ai", "YZ taslağı, değiştirmeden", "An AI draft, unchanged"}}) {
      b += std::string("<div class=\"radio\"><input type=\"radio\" id=\"prov-") + value +
           "\" name=\"provenance\" value=\"" + value + "\"" + (prov == value ? " checked" : "") +
           "><label for=\"prov-" + value + "\">" + L(lang, tr, en) + "</label></div>";
    }
    b += "</div></fieldset><button type=\"submit\" class=\"secondary\">";
    b += L(lang, "Taslağı kaydet ve denetle", "Save draft and check");
    b += "</button></form>";
    if (answer && answer->status == "draft") {
      nlohmann::json findings = nlohmann::json::parse(
          answer->findings_json.empty() ? "[]" : answer->findings_json, nullptr, false);
      size_t blocks = 0;
      if (findings.is_array() && !findings.empty()) {
        b += "<div class=\"findings\" id=\"findings\"><h3>";
        b += L(lang, "Etik denetim bulguları", "Policy findings");
        b += "</h3><ul>";
        for (const auto& f : findings) {
          const bool block = f.value("severity", "") == "block";
          blocks += block;
          b += std::string("<li class=\"") + (block ? "block" : "warn") + "\"><strong>" +
               (block ? L(lang, "Engel", "Block") : L(lang, "Uyarı", "Warning")) + ": " +
               Esc(f.value("rule", "")) + "</strong> — " + Esc(f.value("article", "")) + "</li>";
        }
        b += "</ul></div>";
      } else {
        b += "<p class=\"notice success\" id=\"findings\">";
        b += L(lang, "Etik denetimde bulgu yok.", "No policy findings.");
        b += "</p>";
      }
      if (answer->ai_assisted()) {
        b += "<p class=\"notice\"><span class=\"ai-badge\">YZ</span> ";
        b += L(lang,
               "Yapay zekâ desteğiyle hazırlanan yanıt birim müdürünün onayına gider ve "
               "vatandaşa bu durum bildirilir.",
               "An AI-assisted answer goes to the unit manager for approval and the citizen is "
               "told that AI helped.");
        b += "</p>";
      }
      b += "<form method=\"post\" action=\"" + base + "/gonder\">" + CsrfField(s);
      if (blocks > 0 && is_manager) {
        b += Textarea("override_reason",
                      L(lang, "Bulgulara rağmen göndermek için gerekçe (kayda geçer)",
                        "Reason to send despite the findings (recorded)"),
                      "", 2);
      }
      b += "<button type=\"submit\">";
      b += answer->ai_assisted() ? L(lang, "Onaya gönder", "Send for approval")
                                 : L(lang, "Yanıtı gönder", "Send the answer");
      b += "</button></form>";
    }
    b += "</section>";
  }
  if (answer && answer->status == "pending_approval") {
    b += "<section aria-labelledby=\"approval-title\"><h2 id=\"approval-title\">";
    b += L(lang, "Onay bekleyen yanıt", "Answer awaiting approval");
    b += "</h2><div class=\"answer\">" + Esc(answer->text) + "</div><p>";
    b += answer->ai_assisted() ? "<span class=\"ai-badge\">YZ</span> " : "";
    b += Esc(std::string(L(lang, "Hazırlayan: ", "Prepared by: ")) + answer->author) + "</p>";
    if (workflow::Authorize(s.principal, workflow::Action::kDecideAnswer, &c, *units).ok()) {
      b += "<form method=\"post\" action=\"" + base + "/karar\">" + CsrfField(s) +
           Textarea("decision_reason",
                    L(lang, "Geri gönderme gerekçesi (geri gönderirken zorunlu)",
                      "Reason for returning (required to return)"),
                    "", 2) +
           "<div class=\"button-row\"><button type=\"submit\" name=\"approve\" value=\"1\">";
      b += L(lang, "Onayla ve gönder", "Approve and send");
      b += "</button><button type=\"submit\" name=\"approve\" value=\"0\" class=\"secondary\">";
      b += L(lang, "Geri gönder", "Return");
      b += "</button></div></form>";
    }
    b += "</section>";
  }
  if (!c.public_answer.empty()) {
    b += "<section><h2>";
    b += L(lang, "Gönderilen yanıt", "Answer sent");
    b += "</h2><div class=\"answer\">" + Esc(c.public_answer) + "</div></section>";
  }

  // Internal notes (replace WhatsApp groups; 002 KVKK notice).
  b += "<section aria-labelledby=\"notes-title\"><h2 id=\"notes-title\">";
  b += L(lang, "İç notlar", "Internal notes");
  b += "</h2><p class=\"hint\">";
  b += L(lang,
         "Dosya yazışmaları burada kalır; yabancı mesajlaşma uygulamalarıyla paylaşmayın. Notlara "
         "vatandaşın kişisel verilerini yazmayın.",
         "Case discussion stays here; do not share it through foreign messaging apps. Do not put "
         "the citizen's personal data in notes.");
  b += "</p><ul class=\"notes\">";
  for (const auto& n : view->notes) {
    b += "<li><strong>" + Esc(n.author) + "</strong> <small>" + DisplayTime(n.created_at_ms, lang) +
         "</small><br>" + Esc(n.text) + "</li>";
  }
  b += "</ul>";
  if (can_work) {
    b += "<form method=\"post\" action=\"" + base + "/not\">" + CsrfField(s) +
         Textarea("note", L(lang, "Yeni not", "New note"), "", 3) +
         "<button type=\"submit\" class=\"secondary\">";
    b += L(lang, "Notu ekle", "Add note");
    b += "</button></form>";
  }
  b += "</section>";

  b += "<section aria-labelledby=\"history-title\"><h2 id=\"history-title\">";
  b += L(lang, "Geçmiş", "History");
  b += "</h2><ol class=\"history\">";
  for (const auto& e : view->events) {
    b += "<li><small>" + DisplayTime(e.at_ms, lang) + "</small> <strong>" + Esc(e.kind) +
         "</strong> " + Esc(e.actor) + " <code>" + Esc(e.detail_json) + "</code></li>";
  }
  b += "</ol></section>";
  return Page(StaffOpts(req, s, std::string(L(lang, "Dosya", "Case")) + " " + c.tracking_code), b);
}

// Runs a case action and redirects back with a message, or re-renders the case with the error.
Response AfterAction(const http::ApiContext* ctx, const SessionContext& s, Request& req, int64_t id,
                     const Status& status, const std::string& ok_message) {
  if (status.ok()) {
    // Routing or referring can move the case out of the user's scope (the triage officer's
    // queue is the root unit only): then go back to the inbox rather than to a "not found" page.
    auto c = ctx->store->GetCase(id);
    auto units = ctx->cases->Units();
    const bool still_visible =
        c.ok() && workflow::Authorize(s.principal, workflow::Action::kViewCase, &*c, *units).ok();
    return Back(still_visible ? "/is/dosya/" + std::to_string(id) : "/is", ok_message);
  }
  if (status.code() == StatusCode::kNotFound) return Back("/is", status.message());
  Lang lang = LangOf(req);
  Response r = CaseView(ctx, s, req, id,
                        "<div class=\"notice error\" role=\"alert\">" +
                            std::string(L(lang, "İşlem yapılamadı: ", "Could not do that: ")) +
                            Esc(status.message()) + "</div>");
  r.status = http::HttpStatusFor(status.code());
  return r;
}

template <typename T>
Status StatusOf(const Result<T>& r) {
  return r.status();
}

using CaseActionFn = std::function<Status(const SessionContext&, int64_t,
                                          const std::map<std::string, std::string>&)>;
void AddCaseAction(http::Router& router, const http::ApiContext* ctx, const std::string& verb,
                   const char* ok_tr, const char* ok_en, CaseActionFn fn) {
  router.Add(
      "POST", "/is/dosya/{id}/" + verb,
      StaffPage(ctx, [ctx, fn, ok_tr, ok_en](const SessionContext& s, Request& req,
                                             const std::map<std::string, std::string>& form) {
        auto id = ParseId(req.params["id"]);
        if (!id) return Back("/is", "?");
        Status st = fn(s, *id, form);
        return AfterAction(ctx, s, req, *id, st, L(LangOf(req), ok_tr, ok_en));
      }));
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
           Esc(c.tracking_code) + "</a> — " + Esc(Snippet(c.text_masked, 100)) + "</li>";
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
  router.Add("GET", "/is/dosya/{id}",
             StaffPage(ctx, [ctx](const SessionContext& s, Request& req,
                                  const std::map<std::string, std::string>&) {
               auto id = ParseId(req.params["id"]);
               if (!id) return Back("/is", "?");
               return CaseView(ctx, s, req, *id);
             }));
  router.Add("POST", "/is/dosya/{id}/ac",
             StaffPage(ctx, [ctx](const SessionContext& s, Request& req,
                                  const std::map<std::string, std::string>& form) {
               auto id = ParseId(req.params["id"]);
               if (!id) return Back("/is", "?");
               auto o = ctx->cases->RevealOriginal(s.principal, *id, Get(form, "purpose"));
               if (!o.ok()) return AfterAction(ctx, s, req, *id, o.status(), "");
               Lang lang = LangOf(req);
               std::string html = "<div class=\"revealed\" id=\"original-text\"><h3>";
               html += L(lang, "Maskesiz metin (bu görüntüleme kayda geçti)",
                         "Unmasked text (this view was logged)");
               html += "</h3><p>" + Esc(o->text) + "</p>";
               if (o->contact.is_object()) {
                 for (auto it = o->contact.begin(); it != o->contact.end(); ++it) {
                   html += "<p><strong>" + Esc(it.key()) + ":</strong> " +
                           Esc(it->is_string() ? it->get<std::string>() : it->dump()) + "</p>";
                 }
               }
               html += "</div>";
               return CaseView(ctx, s, req, *id, html);
             }));
  AddCaseAction(router, ctx, "yonlendir", "Dosya yönlendirildi.", "Case routed.",
                [ctx](const SessionContext& s, int64_t id, const auto& f) -> Status {
                  if (Get(f, "topic").empty()) {
                    return InvalidArgument("bir konu seçin (choose a topic)", "topic");
                  }
                  return StatusOf(ctx->cases->Route(
                      s.principal, id,
                      {Get(f, "topic"), Get(f, "unit"), Get(f, "ai_decision"), Get(f, "reason")}));
                });
  AddCaseAction(router, ctx, "ustlen", "Dosyayı üstlendiniz.", "You took the case.",
                [ctx](const SessionContext& s, int64_t id, const auto&) {
                  return StatusOf(ctx->cases->Assign(s.principal, id, s.user.username));
                });
  AddCaseAction(
      router, ctx, "durum", "Durum güncellendi.", "State updated.",
      [ctx](const SessionContext& s, int64_t id, const auto& f) -> Status {
        auto to = cases::ParseCaseState(Get(f, "to"));
        if (!to) return InvalidArgument("unknown state", "to");
        return StatusOf(ctx->cases->Transition(s.principal, id, *to, Get(f, "reason"), {}));
      });
  AddCaseAction(
      router, ctx, "sevk", "Dosya sevk edildi.", "Case referred.",
      [ctx](const SessionContext& s, int64_t id, const auto& f) {
        return StatusOf(ctx->cases->Refer(s.principal, id, Get(f, "unit"), Get(f, "refer-reason")));
      });
  AddCaseAction(router, ctx, "not", "Not eklendi.", "Note added.",
                [ctx](const SessionContext& s, int64_t id, const auto& f) -> Status {
                  const std::string text = Get(f, "note");
                  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
                    return InvalidArgument("not boş olamaz (the note is empty)", "note");
                  }
                  return StatusOf(ctx->cases->AddNote(s.principal, id, text));
                });
  AddCaseAction(router, ctx, "yanit", "Taslak kaydedildi ve denetlendi.",
                "Draft saved and checked.",
                [ctx](const SessionContext& s, int64_t id, const auto& f) -> Status {
                  auto prov = cases::ParseProvenance(Get(f, "provenance"));
                  return StatusOf(ctx->cases->SaveDraft(s.principal, id, Get(f, "answer"),
                                                        prov.value_or(cases::Provenance::kHuman)));
                });
  AddCaseAction(
      router, ctx, "gonder", "Yanıt gönderildi ya da onaya sunuldu.",
      "Answer sent or submitted for approval.",
      [ctx](const SessionContext& s, int64_t id, const auto& f) {
        return StatusOf(ctx->cases->SubmitAnswer(s.principal, id, Get(f, "override_reason")));
      });
  AddCaseAction(router, ctx, "karar", "Karar kaydedildi.", "Decision recorded.",
                [ctx](const SessionContext& s, int64_t id, const auto& f) {
                  return StatusOf(ctx->cases->DecideAnswer(
                      s.principal, id, Get(f, "approve") == "1", Get(f, "decision_reason")));
                });
  AddCaseAction(router, ctx, "kvkk-sil", "Kişisel veriler silindi.", "Personal data erased.",
                [ctx](const SessionContext& s, int64_t id, const auto& f) -> Status {
                  if (Get(f, "confirm") != "1") {
                    return InvalidArgument(
                        "silmenin geri alınamayacağı onaylanmalı (confirm the erasure)", "confirm");
                  }
                  return StatusOf(ctx->cases->ErasePersonalData(s.principal, id, Get(f, "reason")));
                });
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
