#pragma once
// What every staff page shares: the session-checking handler wrapper, the page frame with the
// role's navigation, the CSRF field and the redirect-with-message. Private to web/.

#include <functional>
#include <map>
#include <string>

#include "http/api.h"
#include "http/session.h"
#include "web/html.h"

namespace kapi::web {

// A form value, "" when absent.
std::string Get(const std::map<std::string, std::string>& m, const std::string& k);
// The hidden CSRF input for a staff form.
std::string CsrfField(const workflow::SessionContext& s);
// Page frame for a signed-in staff member: title, language, the navigation their role may use,
// the flash message from "?m=".
PageOptions StaffOpts(const http::Request& req, const workflow::SessionContext& s,
                      std::string title);

using PageFn = std::function<http::Response(const workflow::SessionContext&, http::Request&,
                                            const std::map<std::string, std::string>& form)>;
// Runs a staff page: resumes the session (or redirects to sign-in), checks the CSRF field on
// POST, sends a user who must change their password to the account page, and runs the handler
// on the work pool (it blocks on the store).
http::Handler StaffPage(const http::ApiContext* ctx, PageFn fn);

// Redirect to `to` showing `message` as the flash.
http::Response Back(const std::string& to, const std::string& message);

// SLA colour class of an open case ("sla-overdue", "sla-due-soon", "sla-on-time"; "" when none)
// and its label.
const char* SlaClass(const http::ApiContext* ctx, const cases::CaseRecord& c);
std::string SlaLabel(Lang lang, const char* cls);
// What staff read for a case state; the code stays in data-state (and in the API).
const char* StateLabel(Lang lang, cases::CaseState s);

// The case view and its actions (/is/dosya/{id}…); web/case_page.cc.
void RegisterCasePages(http::Router& router, const http::ApiContext* ctx);

// The unit briefing (/is/brifing); web/briefing_page.cc.
void RegisterBriefingPage(http::Router& router, const http::ApiContext* ctx);

// The AI-oversight page (/is/yz-gozetim); web/oversight_page.cc.
void RegisterOversightPage(http::Router& router, const http::ApiContext* ctx);

}  // namespace kapi::web
