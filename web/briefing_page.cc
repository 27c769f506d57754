// The unit briefing (/is/brifing) for unit managers (their unit tree) and auditors (the
// institution): open, overdue and due-soon cases, this week's intake against last week's, the
// same complaint arriving many times, open emergencies and the most overdue cases, each case a
// link. The numbers come from workflow::BuildBriefing, the same as GET /api/v1/briefing.

#include "web/staff_common.h"
#include "workflow/briefing.h"

namespace kapi::web {
namespace {

using http::Request;
using http::Response;
using workflow::Briefing;
using workflow::BriefingCase;
using workflow::SessionContext;
using workflow::WeekCount;

// "+%12" in Turkish (the sign and the percent sign first), "+12%" in English.
std::string Change(Lang lang, int64_t week, int64_t previous) {
  if (previous == 0) return week == 0 ? "–" : L(lang, "yeni", "new");
  const int64_t pct = (week - previous) * 100 / previous;
  const std::string sign = pct > 0 ? "+" : pct < 0 ? "−" : "";
  const std::string n = std::to_string(pct < 0 ? -pct : pct);
  return lang == Lang::kTr ? sign + "%" + n : sign + n + "%";
}

std::string CountTable(Lang lang, const std::vector<WeekCount>& counts, const char* caption_tr,
                       const char* caption_en, const char* key_tr, const char* key_en) {
  std::string b = "<table><caption>";
  b += L(lang, caption_tr, caption_en);
  b += "</caption><thead><tr><th scope=\"col\">";
  b += L(lang, key_tr, key_en);
  b += "</th><th scope=\"col\">";
  b += L(lang, "Bu hafta", "This week");
  b += "</th><th scope=\"col\">";
  b += L(lang, "Geçen hafta", "Last week");
  b += "</th><th scope=\"col\">";
  b += L(lang, "Değişim", "Change");
  b += "</th></tr></thead><tbody>";
  for (const auto& c : counts) {
    b += "<tr><th scope=\"row\">" + Esc(c.key) + "</th><td>" + std::to_string(c.week) +
         "</td><td>" + std::to_string(c.previous) + "</td><td>" + Change(lang, c.week, c.previous) +
         "</td></tr>";
  }
  return b + "</tbody></table>";
}

std::string CaseList(Lang lang, const std::vector<BriefingCase>& list, const char* id,
                     bool show_due) {
  std::string b = "<ul class=\"briefing-cases\" id=\"" + std::string(id) + "\">";
  for (const auto& c : list) {
    b += "<li><a href=\"/is/dosya/" + std::to_string(c.id) + "\">" + Esc(c.tracking_code) + "</a> ";
    if (!c.topic.empty()) b += "<span class=\"tag\">" + Esc(c.topic) + "</span> ";
    b += Esc(c.snippet);
    if (show_due && c.due_at_ms > 0) {
      b += " <small>(";
      b += L(lang, "son gün ", "due ");
      b += DisplayTime(c.due_at_ms, lang) + ")</small>";
    }
    b += "</li>";
  }
  return b + "</ul>";
}

std::string BriefingHtml(Lang lang, const Briefing& r) {
  std::string b = "<p class=\"hint\">";
  b += L(lang, "Hazırlanma zamanı: ", "Prepared at: ");
  b += DisplayTime(r.now_ms, lang);
  b += L(lang, ". Bu hafta: son 7 gün; geçen hafta: ondan önceki 7 gün.",
         ". This week: the last 7 days; last week: the 7 days before.");
  b += "</p>";
  if (r.truncated) {
    b += "<p class=\"notice\">";
    b += L(lang, "Çok fazla dosya var: yalnızca en yeni 20.000 dosya sayıldı.",
           "Too many cases: only the newest 20,000 were counted.");
    b += "</p>";
  }
  b += "<h2>";
  b += L(lang, "Açık dosyalar", "Open cases");
  b += "</h2><dl class=\"summary\" id=\"briefing-summary\"><dt>";
  b += L(lang, "Açık", "Open");
  b += "</dt><dd>" + std::to_string(r.open) + "</dd><dt>";
  b += L(lang, "Süresi geçen", "Overdue");
  b += "</dt><dd><span class=\"sla sla-overdue\">" + std::to_string(r.overdue) + "</span></dd><dt>";
  b += L(lang, "Süresi yaklaşan", "Due soon");
  b += "</dt><dd><span class=\"sla sla-due-soon\">" + std::to_string(r.due_soon) +
       "</span></dd><dt>";
  b += L(lang, "Onay bekleyen yanıt", "Answers awaiting approval");
  b += "</dt><dd>" + std::to_string(r.awaiting_approval) + "</dd><dt>";
  b += L(lang, "Sorumlusu atanmamış", "Nobody responsible yet");
  b += "</dt><dd>" + std::to_string(r.unassigned) + "</dd><dt>";
  b += L(lang, "Gelen başvuru (bu hafta / geçen hafta)", "Requests received (this / last week)");
  b += "</dt><dd>" + std::to_string(r.received.week) + " / " + std::to_string(r.received.previous) +
       "</dd><dt>";
  b += L(lang, "Yanıtlanan ya da kapatılan (bu hafta / geçen hafta)",
         "Answered or closed (this / last week)");
  b += "</dt><dd>" + std::to_string(r.answered.week) + " / " + std::to_string(r.answered.previous) +
       "</dd></dl>";

  b += "<h2>";
  b +=
      L(lang, "Acil durum işaretli açık dosyalar (112)", "Open cases flagged as emergencies (112)");
  b += "</h2>";
  if (r.emergencies.empty()) {
    b += "<p>";
    b += L(lang, "Yok.", "None.");
    b += "</p>";
  } else {
    b += CaseList(lang, r.emergencies, "briefing-emergencies", false);
  }
  b += "<h2>";
  b += L(lang, "Aynı konuda tekrarlanan başvurular", "The same complaint sent many times");
  b += "</h2>";
  if (r.duplicates.empty()) {
    b += "<p>";
    b += L(lang, "Bu hafta üç ya da daha fazla benzer başvuru gelen bir konu yok.",
           "No complaint came three or more times this week.");
    b += "</p>";
  } else {
    b += "<ul class=\"briefing-cases\" id=\"briefing-duplicates\">";
    for (const auto& g : r.duplicates) {
      b +=
          "<li><strong>" + std::to_string(g.cases) + L(lang, " başvuru", " requests") + "</strong>";
      if (!g.topic.empty()) b += " <span class=\"tag\">" + Esc(g.topic) + "</span>";
      b += L(lang, ", en yenisi ", ", newest ");
      b += "<a href=\"/is/dosya/" + std::to_string(g.latest.id) + "\">" +
           Esc(g.latest.tracking_code) + "</a>: " + Esc(g.latest.snippet) + "</li>";
    }
    b += "</ul>";
  }
  b += "<h2>";
  b += L(lang, "Süresi en çok geçenler", "Most overdue");
  b += "</h2>";
  if (r.most_overdue.empty()) {
    b += "<p>";
    b += L(lang, "Süresi geçen dosya yok.", "No case is overdue.");
    b += "</p>";
  } else {
    b += CaseList(lang, r.most_overdue, "briefing-overdue", true);
  }
  b += "<h2>";
  b += L(lang, "Gelen başvurular", "Incoming requests");
  b += "</h2>";
  b += CountTable(lang, r.by_channel, "Kanallara göre", "By channel", "Kanal", "Channel");
  b += CountTable(lang, r.by_topic, "Konulara göre", "By topic", "Konu", "Topic");
  if (!r.sentiment.empty()) {
    b += "<p>";
    b += L(lang, "Bu haftanın başvurularında YZ'nin duygu önerisi: ",
           "The AI's sentiment suggestion for this week's requests: ");
    bool first = true;
    for (const auto& [label, n] : r.sentiment) {
      b += (first ? "" : ", ") + Esc(label) + " " + std::to_string(n);
      first = false;
    }
    b += L(lang, " (yalnızca öneri).", " (advice only).");
    b += "</p>";
  }
  return b;
}

Response BriefingPage(const http::ApiContext* ctx, const SessionContext& s, Request& req) {
  Lang lang = LangOf(req);
  const std::string title = L(lang, "Brifing", "Briefing");
  auto r = workflow::BuildBriefing(*ctx->store, s.principal, *ctx->cases->Units(), ctx->sla,
                                   ctx->clock->NowMillis());
  if (!r.ok()) {
    return Page(StaffOpts(req, s, title),
                "<h1>" + std::string(L(lang, "Yetkiniz yok", "Not allowed")) + "</h1><p>" +
                    Esc(r.status().message()) + "</p>",
                http::HttpStatusFor(r.status().code()));
  }
  return Page(StaffOpts(req, s, title), "<h1>" + title + "</h1>" + BriefingHtml(lang, *r));
}

}  // namespace

void RegisterBriefingPage(http::Router& router, const http::ApiContext* ctx) {
  router.Add("GET", "/is/brifing",
             StaffPage(ctx, [ctx](const SessionContext& s, Request& req, const auto&) {
               return BriefingPage(ctx, s, req);
             }));
}

}  // namespace kapi::web
