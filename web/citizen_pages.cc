// Citizen pages: submit a request, the confirmation with the tracking code, tracking, reading the
// answer, rating it, and asking for a human review of a step where AI helped. Plain HTML forms;
// the tracking secret travels only in POST bodies, never in URLs.

#include <future>

#include "http/api.h"
#include "intake/intake_request.h"
#include "web/html.h"
#include "web/pages.h"
#include "web/static_assets.h"

namespace kapi::web {
namespace {

using http::Request;
using http::Respond;
using http::Response;

PageOptions Opts(const Request& req, std::string title) {
  PageOptions o;
  o.lang = LangOf(req);
  o.title = std::move(title);
  return o;
}

std::string FormValue(const std::map<std::string, std::string>& f, const std::string& k) {
  auto it = f.find(k);
  return it == f.end() ? "" : it->second;
}

Response Home(const Request& req) {
  Lang lang = LangOf(req);
  std::string b = "<h1>";
  b += L(lang, "Kuruma başvurun", "Write to the institution");
  b += "</h1>\n<p class=\"lead\">";
  b += L(lang,
         "Şikâyet, talep ya da bilgi edinme başvurunuzu buradan iletebilir, başvurunuzun "
         "durumunu takip kodunuzla izleyebilirsiniz.",
         "Send a complaint, a request or an information request here, and follow it with your "
         "tracking code.");
  b += "</p>\n<ul class=\"actions\">\n<li><a class=\"button\" href=\"/basvuru\">";
  b += L(lang, "Başvuru yap", "Submit a request");
  b += "</a></li>\n<li><a class=\"button secondary\" href=\"/takip\">";
  b += L(lang, "Başvurumu takip et", "Track my request");
  b += "</a></li>\n</ul>\n<p><a href=\"/giris\">";
  b += L(lang, "Personel girişi", "Staff sign-in");
  b += "</a></p>\n";
  return Page(Opts(req, L(lang, "Ana sayfa", "Home")), b);
}

std::string RequestForm(Lang lang, const std::map<std::string, std::string>& v,
                        const std::vector<FieldError>& errors) {
  auto val = [&](const char* k) { return Esc(FormValue(v, k)); };
  auto invalid = [&](const char* k) { return FieldAria(errors, k); };
  std::string b = ErrorSummary(lang, errors);
  b += "<h1>";
  b += L(lang, "Başvuru yap", "Submit a request");
  b += "</h1>\n<form method=\"post\" action=\"/basvuru\" novalidate>\n";
  b += "<div class=\"field" + std::string(HasError(errors, "text") ? " has-error" : "") + "\">";
  b += "<label for=\"text\">";
  b += L(lang, "Başvurunuz", "Your request");
  b += "</label><p class=\"hint\" id=\"text-hint\">";
  b += L(lang, "Sorunu, yerini ve ne zamandır sürdüğünü yazın. En fazla 10.000 karakter.",
         "Describe the problem, where it is and since when. At most 10,000 characters.");
  b += "</p>" + FieldErrorHtml(lang, errors, "text");
  b += "<textarea id=\"text\" name=\"text\" rows=\"8\" maxlength=\"10000\"" +
       FieldAria(errors, "text", "text-hint") + ">" + val("text") + "</textarea></div>\n";
  b += "<fieldset><legend>";
  b += L(lang, "Size nasıl ulaşalım? (isteğe bağlı)", "How can we reach you? (optional)");
  b += "</legend><p class=\"hint\">";
  b += L(lang,
         "İletişim bilgileriniz şifreli saklanır ve yalnızca başvurunuzla ilgilenen görevli "
         "görebilir.",
         "Your contact details are stored encrypted and only the official handling your request "
         "can see them.");
  b += "</p>";
  b += "<div class=\"field\"><label for=\"name\">";
  b += L(lang, "Adınız soyadınız", "Your full name");
  b += "</label>" + FieldErrorHtml(lang, errors, "name") +
       "<input id=\"name\" name=\"name\" autocomplete=\"name\" value=\"" + val("name") + "\"" +
       invalid("name") + "></div>";
  b += "<div class=\"field\"><label for=\"phone\">";
  b += L(lang, "Telefon", "Phone");
  b += "</label>" + FieldErrorHtml(lang, errors, "phone") +
       "<input id=\"phone\" name=\"phone\" type=\"tel\" autocomplete=\"tel\" value=\"" +
       val("phone") + "\"" + invalid("phone") + "></div>";
  b += "<div class=\"field\"><label for=\"email\">";
  b += L(lang, "E-posta", "Email");
  b += "</label>" + FieldErrorHtml(lang, errors, "email") +
       "<input id=\"email\" name=\"email\" type=\"email\" autocomplete=\"email\" value=\"" +
       val("email") + "\"" + invalid("email") + "></div>";
  b += "</fieldset>\n<div class=\"field\"><label for=\"district\">";
  b += L(lang, "İlçe / mahalle (isteğe bağlı)", "District / neighbourhood (optional)");
  b += "</label>" + FieldErrorHtml(lang, errors, "district") +
       "<input id=\"district\" name=\"district\" value=\"" + val("district") + "\"" +
       invalid("district") + "></div>\n";
  b += "<button type=\"submit\">";
  b += L(lang, "Başvuruyu gönder", "Send the request");
  b += "</button>\n</form>\n";
  return b;
}

// Maps intake validation errors to the page's fields and a message saying how to fix them.
FieldError ToFieldError(Lang lang, const Status& s) {
  std::string field = s.field();
  if (field.rfind("contact.", 0) == 0) field = field.substr(8);
  if (field.rfind("location.", 0) == 0) field = "district";
  if (field.empty() || field == "channel") field = "text";
  std::string msg;
  const std::string& r = s.reason();
  if (r == "empty_text" || r == "missing_field") {
    msg = L(lang, "Başvurunuzu yazın", "Enter your request");
  } else if (r == "text_too_long") {
    msg = L(lang, "Başvurunuz en fazla 10.000 karakter olabilir; kısaltın",
            "Your request must be 10,000 characters or fewer");
  } else if (r == "invalid_characters") {
    msg = L(lang, "Metinde izin verilmeyen kontrol karakterleri var; düz metin yazın",
            "The text contains control characters; use plain text");
  } else if (r == "field_too_long") {
    msg = L(lang, "Bu alan en fazla 300 karakter olabilir", "This must be 300 characters or fewer");
  } else {
    msg = s.message();
  }
  return {field, msg};
}

void SubmitRequest(const http::ApiContext* ctx, Request& req, Respond respond) {
  Lang lang = LangOf(req);
  std::map<std::string, std::string> form;
  if (!ParseForm(req, &form)) {
    respond(Page(Opts(req, L(lang, "Başvuru yap", "Submit a request")),
                 RequestForm(lang, {},
                             {{"text", L(lang, "Form okunamadı; yeniden deneyin",
                                         "The form could not be read; try again")}}),
                 400));
    return;
  }
  nlohmann::json body = {{"text", FormValue(form, "text")}, {"channel", "web"}};
  nlohmann::json contact = nlohmann::json::object();
  for (const char* k : {"name", "phone", "email"}) {
    if (!FormValue(form, k).empty()) contact[k] = FormValue(form, k);
  }
  if (!contact.empty()) body["contact"] = contact;
  if (!FormValue(form, "district").empty()) {
    body["location"] = {{"district", FormValue(form, "district")}};
  }
  auto input = intake::ValidateIntake(body, ctx->limits);
  if (!input.ok()) {
    respond(Page(Opts(req, L(lang, "Hata: Başvuru yap", "Error: Submit a request")),
                 RequestForm(lang, form, {ToFieldError(lang, input.status())}), 400));
    return;
  }
  ctx->intake->Submit(std::move(*input), [respond, lang, o = Opts(req, "")](
                                             Result<intake::IntakeOutcome> r) mutable {
    if (!r.ok()) {
      o.title = L(lang, "Başvuru alınamadı", "Request not received");
      respond(Page(o,
                   std::string("<h1>") +
                       L(lang, "Başvurunuz alınamadı", "We could not take your request") +
                       "</h1><p>" +
                       L(lang, "Lütfen birkaç dakika sonra yeniden deneyin.",
                         "Please try again in a few minutes.") +
                       "</p>",
                   503));
      return;
    }
    o.title = L(lang, "Başvurunuz alındı", "Request received");
    std::string b = "<div class=\"panel confirmation\"><h1>";
    b += L(lang, "Başvurunuz alındı", "Request received");
    b += "</h1><p>";
    b += L(lang, "Takip kodunuz", "Your tracking code");
    b += "<br><strong class=\"code\" id=\"tracking-code\">" + Esc(r->tracking_code) +
         "</strong></p><p>";
    b += L(lang, "Takip şifreniz", "Your tracking secret");
    b += "<br><strong class=\"code\" id=\"tracking-secret\">" + Esc(r->secret) +
         "</strong></p></div>\n<p>";
    b += L(lang,
           "Bu iki bilgiyi not edin: başvurunuzun durumunu ve kurumun yanıtını görmek için "
           "ikisine de ihtiyacınız olacak. Şifreniz bir daha gösterilmeyecek.",
           "Write both down: you need them to see the status and the institution's answer. The "
           "secret will not be shown again.");
    b += "</p>\n<h2>";
    b += L(lang, "Bundan sonra ne olacak", "What happens next");
    b += "</h2>\n<p>";
    b += L(lang,
           "Başvurunuzu bir görevli inceleyip ilgili birime yönlendirecek. Dilekçelere 30 gün "
           "içinde yanıt verilir (3071 sayılı Kanun).",
           "An official will review your request and route it to the right unit. Petitions are "
           "answered within 30 days (Law 3071).");
    b += "</p>\n<p><a class=\"button\" href=\"/takip\">";
    b += L(lang, "Başvurumu takip et", "Track my request");
    b += "</a></p>\n";
    respond(Page(o, b, 201));
  });
}

std::string TrackForm(Lang lang, const std::string& code, const std::vector<FieldError>& errors) {
  std::string b = ErrorSummary(lang, errors);
  b += "<h1>";
  b += L(lang, "Başvurumu takip et", "Track my request");
  b += "</h1>\n<form method=\"post\" action=\"/takip\" novalidate>\n<div class=\"field\">"
       "<label for=\"code\">";
  b += L(lang, "Takip kodu", "Tracking code");
  b += "</label><p class=\"hint\" id=\"code-hint\">";
  b += L(lang, "Örneğin KP-7K3M-9QXD", "For example KP-7K3M-9QXD");
  b += "</p>" + FieldErrorHtml(lang, errors, "code") +
       "<input id=\"code\" name=\"code\" autocomplete=\"off\" spellcheck=\"false\"" +
       FieldAria(errors, "code", "code-hint") + " value=\"" + Esc(code) + "\"></div>\n";
  b += "<div class=\"field\"><label for=\"secret\">";
  b += L(lang, "Takip şifresi", "Tracking secret");
  b += "</label>" + FieldErrorHtml(lang, errors, "secret") +
       "<input id=\"secret\" name=\"secret\" type=\"password\" autocomplete=\"off\"" +
       FieldAria(errors, "secret") +
       "></div>\n"
       "<button type=\"submit\">";
  b += L(lang, "Durumu göster", "Show status");
  b += "</button>\n</form>\n";
  return b;
}

// Finds the case for a code + secret; nullopt when either is wrong (same answer for both).
std::optional<cases::CaseRecord> FindTracked(const http::ApiContext* ctx, const std::string& code,
                                             const std::string& secret) {
  std::string normal = code;
  for (char& c : normal) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (!intake::IntakeService::LooksLikeTrackingCode(normal) || secret.empty()) return std::nullopt;
  auto found = ctx->store->FindByTrackingCode(normal);
  if (!found.ok()) return std::nullopt;
  if (!intake::ConstantTimeEquals(found->secret_hash, ctx->intake->HashSecret(secret))) {
    return std::nullopt;
  }
  return found->record;
}

std::string Hidden(const std::string& code, const std::string& secret) {
  return "<input type=\"hidden\" name=\"code\" value=\"" + Esc(code) +
         "\"><input type=\"hidden\" name=\"secret\" value=\"" + Esc(secret) + "\">";
}

// The citizen-facing status: the API's Turkish label, or its English counterpart.
std::string CitizenStatus(Lang lang, cases::CaseState state) {
  if (lang == Lang::kTr) return http::CitizenStatusLabel(state);
  using S = cases::CaseState;
  switch (state) {
    case S::kNew:
      return "Received";
    case S::kTriaged:
      return "Being reviewed";
    case S::kAwaitingApproval:
      return "Answer being prepared";
    case S::kAnswered:
      return "Answered";
    case S::kClosed:
      return "Closed";
    default:
      return "In progress";
  }
}

Response StatusPage(const http::ApiContext* ctx, const Request& req, const cases::CaseRecord& c,
                    const std::string& secret, const std::string& flash,
                    const std::vector<FieldError>& errors = {}) {
  Lang lang = LangOf(req);
  PageOptions o =
      Opts(req, errors.empty() ? L(lang, "Başvuru durumu", "Request status")
                               : L(lang, "Hata: Başvuru durumu", "Error: Request status"));
  o.flash = flash;
  std::string b = ErrorSummary(lang, errors) + "<h1>";
  b += L(lang, "Başvuru durumu", "Request status");
  b += "</h1>\n<dl class=\"summary\">\n<dt>";
  b += L(lang, "Takip kodu", "Tracking code");
  b += "</dt><dd class=\"code\">" + Esc(c.tracking_code) + "</dd>\n<dt>";
  b += L(lang, "Durum", "Status");
  b += "</dt><dd><strong class=\"tag\" id=\"status\">" + Esc(CitizenStatus(lang, c.state)) +
       "</strong></dd>\n<dt>";
  b += L(lang, "Alındığı tarih", "Received");
  b += "</dt><dd>" + DisplayTime(c.received_at_ms, lang) + "</dd>\n";
  if (cases::IsOpen(c.state) && c.due_at_ms > 0) {
    b += "<dt>";
    b += L(lang, "Yanıt için son gün", "Answer due by");
    b += "</dt><dd>" + DisplayTime(c.due_at_ms, lang) + "</dd>\n";
  }
  b += "</dl>\n";
  auto answer = ctx->store->GetAnswer(c.id);
  const bool ai_helped = (answer.ok() && answer->ai_assisted()) || !c.suggestions_json.empty();
  if (!c.public_answer.empty()) {
    b += "<h2>";
    b += L(lang, "Kurumun yanıtı", "The institution's answer");
    b += "</h2>\n<div class=\"answer\" id=\"answer\">" + Esc(c.public_answer) + "</div>\n";
    b += "<h2>";
    b += L(lang, "Yanıtı değerlendirin", "Rate the answer");
    b += "</h2>\n<form method=\"post\" action=\"/takip/degerlendir\">" +
         Hidden(c.tracking_code, secret);
    // No answer is preselected, so the rating is the citizen's own.
    b += std::string("<fieldset") +
         (HasError(errors, "rating-1") ? " class=\"has-error\" aria-describedby=\"rating-1-error\""
                                       : "") +
         "><legend>";
    b += L(lang, "Yanıttan ne kadar memnun kaldınız?", "How satisfied are you with the answer?");
    b += "</legend>" + FieldErrorHtml(lang, errors, "rating-1") + "<div class=\"radios\">";
    const char* labels_tr[] = {"Hiç memnun değilim", "Memnun değilim", "Kararsızım", "Memnunum",
                               "Çok memnunum"};
    const char* labels_en[] = {"Very dissatisfied", "Dissatisfied", "Neutral", "Satisfied",
                               "Very satisfied"};
    for (int i = 1; i <= 5; ++i) {
      std::string id = "rating-" + std::to_string(i);
      b += "<div class=\"radio\"><input type=\"radio\" id=\"" + id + "\" name=\"rating\" value=\"" +
           std::to_string(i) + "\"><label for=\"" + id + "\">" +
           (lang == Lang::kEn ? labels_en : labels_tr)[i - 1] + "</label></div>";
    }
    b += "</div></fieldset><div class=\"field\"><label for=\"comment\">";
    b += L(lang, "Yorumunuz (isteğe bağlı)", "Your comment (optional)");
    b += "</label><textarea id=\"comment\" name=\"comment\" rows=\"3\" "
         "maxlength=\"2000\"></textarea>"
         "</div><button type=\"submit\">";
    b += L(lang, "Değerlendirmeyi gönder", "Send rating");
    b += "</button></form>\n";
  }
  if (ai_helped) {
    b += "<h2>";
    b += L(lang, "İnsan incelemesi isteyin", "Ask for a human review");
    b += "</h2>\n<p>";
    b += L(lang,
           "Başvurunuzun yönlendirilmesinde ya da yanıtın hazırlanmasında yapay zekâ önerilerinden "
           "yararlanıldı. Bir görevlinin yeniden incelemesini isteyebilirsiniz.",
           "AI suggestions helped route your request or draft the answer. You can ask an "
           "official to look at it again.");
    b += "</p>\n<form method=\"post\" action=\"/takip/inceleme\">" +
         Hidden(c.tracking_code, secret) + "<div class=\"field\"><label for=\"reason\">";
    b += L(lang, "Neden yeniden inceleme istiyorsunuz?", "Why do you want a review?");
    b += "</label><textarea id=\"reason\" name=\"reason\" rows=\"3\" maxlength=\"2000\"></textarea>"
         "</div><button class=\"secondary\" type=\"submit\">";
    b += L(lang, "İnceleme iste", "Request a review");
    b += "</button></form>\n";
  }
  return Page(o, b);
}

void TrackPost(const http::ApiContext* ctx, Request& req, Respond respond) {
  Lang lang = LangOf(req);
  std::map<std::string, std::string> form;
  ParseForm(req, &form);
  const std::string code = FormValue(form, "code"), secret = FormValue(form, "secret");
  std::vector<FieldError> errors;
  if (code.empty())
    errors.push_back({"code", L(lang, "Takip kodunu girin", "Enter the tracking code")});
  if (secret.empty())
    errors.push_back({"secret", L(lang, "Takip şifresini girin", "Enter the secret")});
  if (errors.empty()) {
    auto c = FindTracked(ctx, code, secret);
    if (c) return respond(StatusPage(ctx, req, *c, secret, ""));
    errors.push_back({"code", L(lang,
                                "Takip kodu ya da şifre hatalı; başvuru onayındaki bilgileri "
                                "kontrol edin",
                                "The tracking code or secret is wrong; check your confirmation")});
  }
  respond(Page(Opts(req, L(lang, "Hata: Başvurumu takip et", "Error: Track my request")),
               TrackForm(lang, code, errors), errors.size() ? 400 : 200));
}

void CitizenAction(const http::ApiContext* ctx, Request& req, Respond respond, bool rating) {
  Lang lang = LangOf(req);
  std::map<std::string, std::string> form;
  ParseForm(req, &form);
  const std::string secret = FormValue(form, "secret");
  auto c = FindTracked(ctx, FormValue(form, "code"), secret);
  if (!c) {
    respond(Page(Opts(req, L(lang, "Başvurumu takip et", "Track my request")),
                 TrackForm(lang, "",
                           {{"code", L(lang, "Takip kodu ya da şifre hatalı",
                                       "The tracking code or secret is wrong")}}),
                 400));
    return;
  }
  if (rating) {
    const std::string value = FormValue(form, "rating");
    if (value.size() != 1 || value[0] < '1' || value[0] > '5') {
      Response r = StatusPage(ctx, req, *c, secret, "",
                              {{"rating-1", L(lang, "Yanıttan ne kadar memnun kaldığınızı seçin",
                                              "Choose how satisfied you are with the answer")}});
      r.status = 400;
      respond(std::move(r));
      return;
    }
  }
  auto shared = std::make_shared<Request>(std::move(req));
  ctx->work->Post([ctx, shared, respond, rating, form, secret, c = *c, lang] {
    Status s;
    std::string flash;
    store::Actor citizen{"citizen", ctx->clock->NowMillis()};
    if (rating) {
      int value = std::atoi(FormValue(form, "rating").c_str());
      s = ctx->store->RateAnswer(c.id, value, FormValue(form, "comment"), citizen);
      flash = L(lang, "Değerlendirmeniz için teşekkür ederiz.", "Thank you for your rating.");
    } else {
      std::string reason = FormValue(form, "reason");
      if (reason.find_first_not_of(" \t\r\n") == std::string::npos) {
        reason = L(lang, "(gerekçe yazılmadı)", "(no reason given)");
      }
      s = ctx->store->RequestHumanReview(c.id, reason, citizen);
      flash = L(lang, "İnceleme isteğiniz alındı; bir görevli başvurunuzu yeniden inceleyecek.",
                "Your review request was received; an official will look at your request again.");
    }
    if (!s.ok()) flash = L(lang, "İşlem yapılamadı: ", "Could not do that: ") + s.message();
    auto fresh = ctx->store->GetCase(c.id);
    respond(StatusPage(ctx, *shared, fresh.ok() ? *fresh : c, secret, flash));
  });
}

}  // namespace

void RegisterCitizenPages(http::Router& router, const http::ApiContext* ctx) {
  router.Add("GET", "/", [](Request& req, Respond respond) { respond(Home(req)); });
  router.Add("GET", "/basvuru", [](Request& req, Respond respond) {
    Lang lang = LangOf(req);
    respond(Page(Opts(req, L(lang, "Başvuru yap", "Submit a request")), RequestForm(lang, {}, {})));
  });
  router.Add("POST", "/basvuru",
             [ctx](Request& req, Respond respond) { SubmitRequest(ctx, req, std::move(respond)); });
  router.Add("GET", "/takip", [](Request& req, Respond respond) {
    Lang lang = LangOf(req);
    respond(Page(Opts(req, L(lang, "Başvurumu takip et", "Track my request")),
                 TrackForm(lang, "", {})));
  });
  router.Add("POST", "/takip",
             [ctx](Request& req, Respond respond) { TrackPost(ctx, req, std::move(respond)); });
  router.Add("POST", "/takip/degerlendir", [ctx](Request& req, Respond respond) {
    CitizenAction(ctx, req, std::move(respond), true);
  });
  router.Add("POST", "/takip/inceleme", [ctx](Request& req, Respond respond) {
    CitizenAction(ctx, req, std::move(respond), false);
  });
}

void RegisterStaticAssets(http::Router& router) {
  router.Add("GET", "/static/{name}", [](Request& req, Respond respond) {
    const auto& assets = StaticAssets();
    auto it = assets.find(req.params["name"]);
    if (it == assets.end()) {
      respond(Response::Error(404, "not_found", "böyle bir dosya yok (no such file)"));
      return;
    }
    Response r;
    r.status = 200;
    const std::string& name = it->first;
    r.content_type = name.ends_with(".css")   ? "text/css; charset=utf-8"
                     : name.ends_with(".js")  ? "text/javascript; charset=utf-8"
                     : name.ends_with(".svg") ? "image/svg+xml"
                                              : "application/octet-stream";
    r.body = std::string(it->second);
    r.headers.emplace_back("Cache-Control", "public, max-age=3600");
    respond(std::move(r));
  });
}

}  // namespace kapi::web
