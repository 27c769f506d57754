// The case view (/is/dosya/{id}): the masked text by default, the AI suggestions labelled "YZ
// önerisi" with confidence and the words that drove them, accept/override with a reason, notes,
// referral, the reveal of the original with a purpose, the answer editor with templates and the
// policy findings, the manager's decision, and the KVKK officer's erasure; and the POST actions
// behind each form. Every action goes through workflow/, so roles and unit scopes are the JSON
// API's.

#include "http/session.h"
#include "web/html.h"
#include "web/staff_common.h"

namespace kapi::web {
namespace {

using http::ParseId;
using http::Request;
using http::Respond;
using http::Response;
using workflow::Role;
using workflow::SessionContext;

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
           "kişiye ait açıklamalar kriptografik olarak imha edilir. Maskeli metin, notlar, yanıt "
           "ve işlem geçmişi kişisel verileri maskelenerek kurum kaydı olarak kalır.",
           "The unmasked text, contact and location are destroyed for good; the person's payloads "
           "in the audit ledger are crypto-shredded. The masked text, notes, answer and history "
           "stay as the institution's record, with personal data masked.");
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

}  // namespace

void RegisterCasePages(http::Router& router, const http::ApiContext* ctx) {
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
}

}  // namespace kapi::web
