#include "web/staff_common.h"

#include "base/percent_encoding.h"

namespace kapi::web {

using http::Request;
using http::Respond;
using http::Response;
using workflow::Role;
using workflow::SessionContext;

std::string Get(const std::map<std::string, std::string>& m, const std::string& k) {
  auto it = m.find(k);
  return it == m.end() ? "" : it->second;
}

std::string CsrfField(const SessionContext& s) {
  return "<input type=\"hidden\" name=\"csrf\" value=\"" + Esc(s.csrf_token) + "\">";
}

PageOptions StaffOpts(const Request& req, const SessionContext& s, std::string title) {
  PageOptions o;
  o.lang = LangOf(req);
  o.title = std::move(title);
  o.csrf = s.csrf_token;
  o.signed_in_as = s.user.display_name + " · " + std::string(workflow::RoleLabel(s.principal.role));
  const Role r = s.principal.role;
  if (r == Role::kCaseOfficer || r == Role::kUnitManager || r == Role::kAuditor) {
    o.nav.push_back({"/is", L(o.lang, "Gelen kutusu", "Inbox")});
  }
  if (r == Role::kUnitManager)
    o.nav.push_back({"/is/onay", L(o.lang, "Onay bekleyenler", "Approvals")});
  if (r == Role::kDeskOfficer || r == Role::kCaseOfficer) {
    o.nav.push_back({"/basvuru", L(o.lang, "Başvuru gir", "Enter a request")});
  }
  if (r == Role::kAdmin || r == Role::kUnitManager) {
    o.nav.push_back({"/yonetim", L(o.lang, "Yönetim", "Administration")});
  }
  if (r == Role::kAuditor) o.nav.push_back({"/denetim", L(o.lang, "Denetim", "Audit")});
  if (r == Role::kUnitManager || r == Role::kAuditor) {
    o.nav.push_back({"/is/brifing", L(o.lang, "Brifing", "Briefing")});
  }
  if (r == Role::kUnitManager || r == Role::kAuditor || r == Role::kAdmin) {
    o.nav.push_back({"/is/yz-gozetim", L(o.lang, "YZ gözetimi", "AI oversight")});
  }
  o.nav.push_back({"/is/hesap", L(o.lang, "Hesabım", "My account")});
  if (const std::string* m = req.Query("m")) o.flash = *m;
  return o;
}

http::Handler StaffPage(const http::ApiContext* ctx, PageFn fn) {
  return [ctx, fn = std::move(fn)](Request& req, Respond respond) {
    auto shared = std::make_shared<Request>(std::move(req));
    ctx->work->Post([ctx, fn, shared, respond = std::move(respond)] {
      auto session = http::ResumeSession(*ctx->auth, *shared);
      if (!session.ok()) {
        respond(Redirect("/giris"));
        return;
      }
      std::map<std::string, std::string> form;
      if (shared->method == "POST") {
        if (!ParseForm(*shared, &form) ||
            !workflow::AuthService::CsrfMatches(*session, Get(form, "csrf"))) {
          Lang lang = LangOf(*shared);
          respond(Page(
              StaffOpts(*shared, *session, L(lang, "Oturum hatası", "Session error")),
              std::string("<h1>") +
                  L(lang, "Güvenlik belirteci geçersiz", "Security token invalid") + "</h1><p>" +
                  L(lang, "Sayfayı yenileyip yeniden deneyin.", "Reload the page and try again.") +
                  "</p>",
              403));
          return;
        }
      }
      if (session->must_change_password && shared->path != "/is/hesap" &&
          shared->path != "/is/hesap/parola") {
        respond(Redirect(
            "/is/hesap?m=" +
            std::string(
                L(LangOf(*shared),
                  "Devam%20etmeden%20%C3%B6nce%20parolan%C4%B1z%C4%B1%20de%C4%9Fi%C5%9Ftirin",
                  "Change%20your%20password%20before%20you%20continue"))));
        return;
      }
      respond(fn(*session, *shared, form));
    });
  };
}

Response Back(const std::string& to, const std::string& message) {
  return Redirect(to + (to.find('?') == std::string::npos ? "?m=" : "&m=") +
                  PercentEncode(message));
}

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

}  // namespace kapi::web
