// The AI-oversight page (/is/yz-gozetim) for unit managers (their unit tree), auditors and admins
// (the institution): how the advisory models' suggestions fared against the humans' decisions
// (2024/108 Yönetici (4), Hesap verebilirlik (2), Tarafsızlık (1)). Aggregates only; the numbers
// come from workflow::BuildOversightReport, the same as GET /api/v1/ai-oversight.

#include <cstdio>

#include "web/staff_common.h"
#include "workflow/ai_oversight.h"

namespace kapi::web {
namespace {

using http::Request;
using http::Response;
using workflow::OversightReport;
using workflow::OversightSlice;
using workflow::Rate;
using workflow::SessionContext;

constexpr int64_t kDayMs = 86'400'000;
constexpr int kPeriods[] = {7, 30, 90, 365};

// "%87 (%82–%91; 120 dosya)": Turkish puts the percent sign first.
std::string RateText(Lang lang, const Rate& r) {
  if (r.n == 0) return "–";
  char buf[96];
  std::snprintf(
      buf, sizeof buf,
      lang == Lang::kTr ? "%%%.0f (%%%.0f–%%%.0f; n = %lld)" : "%.0f%% (%.0f–%.0f%%; n = %lld)",
      r.value() * 100, r.low * 100, r.high * 100, static_cast<long long>(r.n));
  return buf;
}

std::string Percent(Lang lang, double v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, lang == Lang::kTr ? "%%%.0f" : "%.0f%%", v * 100);
  return buf;
}

std::string Row(const std::string& label, const std::string& value) {
  return "<dt>" + label + "</dt><dd>" + value + "</dd>";
}

std::string SliceTable(Lang lang, const std::vector<OversightSlice>& slices, const char* caption_tr,
                       const char* caption_en, const char* key_tr, const char* key_en,
                       bool topics) {
  std::string b = "<table><caption>";
  b += L(lang, caption_tr, caption_en);
  b += "</caption><thead><tr><th scope=\"col\">";
  b += L(lang, key_tr, key_en);
  b += "</th><th scope=\"col\">";
  b += topics ? L(lang, "Önerilen / seçilen", "Suggested / chosen") : L(lang, "Dosya", "Cases");
  b += "</th><th scope=\"col\">";
  b += topics ? L(lang, "Öneri isabeti", "Precision") : L(lang, "İsabet", "Agreement");
  b += "</th><th scope=\"col\">";
  b += topics ? L(lang, "Seçilenlerin önerilme oranı", "Recall")
              : L(lang, "Değiştirilen", "Overridden");
  b += "</th><th scope=\"col\">";
  b += L(lang, "Ortalama güven", "Mean confidence");
  b += "</th></tr></thead><tbody>";
  for (const auto& s : slices) {
    b += "<tr><th scope=\"row\">" + Esc(s.key) + "</th><td>";
    b += topics ? std::to_string(s.suggested) + " / " + std::to_string(s.chosen)
                : std::to_string(s.cases);
    b += "</td><td>" + RateText(lang, s.agreement) + "</td><td>" +
         RateText(lang, topics ? s.recall : s.overridden) + "</td><td>" +
         (s.cases > 0 ? Percent(lang, s.mean_confidence) : "–") + "</td></tr>";
  }
  b += "</tbody></table>";
  return b;
}

std::string ReportHtml(Lang lang, const OversightReport& r, int days) {
  std::string b;
  if (!r.alerts.empty()) {
    b += "<div class=\"notice error\" id=\"oversight-alerts\"><h2>";
    b += L(lang, "Dikkat gerektirenler", "Needs attention");
    b += "</h2><ul>";
    for (const auto& a : r.alerts) b += "<li>" + Esc(a) + "</li>";
    b += "</ul></div>";
  } else if (r.cases > 0) {
    b += "<p class=\"notice success\" id=\"oversight-alerts\">";
    b += L(lang, "Eşikleri aşan bir bulgu yok.", "Nothing crosses a threshold.");
    b += "</p>";
  }
  if (r.truncated) {
    b += "<p class=\"notice\">";
    b += L(lang, "Dönem çok büyük: yalnızca ilk 200.000 dosya sayıldı.",
           "The period is too large: only the first 200,000 cases were counted.");
    b += "</p>";
  }
  b += "<h2>";
  b += L(lang, "Özet", "Summary");
  b += "</h2><dl class=\"summary\" id=\"oversight-summary\">";
  b += Row(L(lang, "YZ önerisi taşıyan dosya", "Cases with AI suggestions"),
           std::to_string(r.cases));
  b += Row(L(lang, "İnsanın yönlendirdiği", "Routed by a person"), std::to_string(r.routed));
  b += Row(L(lang, "Kabul edilen öneri", "Suggestions accepted"), RateText(lang, r.accepted));
  b += Row(L(lang, "İlk öneri = seçilen konu", "Top suggestion = chosen topic"),
           RateText(lang, r.top1));
  b += Row(L(lang, "Seçilen konu ilk 3 öneride", "Chosen topic in the top 3"),
           RateText(lang, r.top3));
  b += Row(L(lang, "Model çekimser kaldı (elle sıralama)", "Model abstained (manual queue)"),
           RateText(lang, r.abstained));
  b += Row(L(lang, "Çekimser kalmadığında isabet", "Agreement when it did not abstain"),
           RateText(lang, r.confident_agreement));
  b += Row(L(lang, "Acil durum (112) işareti", "Emergency (112) flags"),
           std::to_string(r.emergency_flags));
  std::string models;
  for (const auto& [m, n] : r.models) {
    models += "<code>" + Esc(m) + "</code> (" + std::to_string(n) + ") ";
  }
  b += Row(L(lang, "Model sürümleri", "Model versions"), models.empty() ? "–" : models);
  b += "</dl>";
  if (r.cases == 0) {
    b += "<p>";
    b += L(lang, "Bu dönemde YZ önerisi taşıyan dosya yok.",
           "No case in this period carries AI suggestions.");
    b += "</p>";
    return b;
  }

  b += "<h2>";
  b += L(lang, "Kanallara göre (eşit hizmet)", "By channel (equal treatment)");
  b += "</h2>";
  b += SliceTable(lang, r.by_channel, "Kanal başına isabet ve değiştirme oranı",
                  "Agreement and override rate per channel", "Kanal", "Channel", false);
  b += "<h2>";
  b += L(lang, "Konulara göre", "By topic");
  b += "</h2>";
  b += SliceTable(lang, r.by_topic, "Önerilen ve insanların seçtiği konular",
                  "Suggested and chosen topics", "Konu", "Topic", true);
  b += "<h2>";
  b += L(lang, "Haftalara göre", "By week");
  b += "</h2>";
  b += SliceTable(lang, r.by_week, "Haftalık isabet (hafta başı, Pazartesi)",
                  "Weekly agreement (week starting Monday)", "Hafta", "Week", false);

  b += "<h2>";
  b += L(lang, "Güven değerleri ne kadar doğru?", "Are the confidence values right?");
  b += "</h2><table><caption>";
  b += L(lang, "Modelin güveni ile gerçekleşen isabet", "The model's confidence against its hits");
  b += "</caption><thead><tr><th scope=\"col\">";
  b += L(lang, "Güven aralığı", "Confidence range");
  b += "</th><th scope=\"col\">";
  b += L(lang, "Yönlendirilen dosya", "Routed cases");
  b += "</th><th scope=\"col\">";
  b += L(lang, "Ortalama güven", "Mean confidence");
  b += "</th><th scope=\"col\">";
  b += L(lang, "Gerçekleşen isabet", "Actual agreement");
  b += "</th></tr></thead><tbody>";
  for (const auto& c : r.calibration) {
    b += "<tr><th scope=\"row\">" + Percent(lang, c.low) + "–" + Percent(lang, c.high) +
         "</th><td>" + std::to_string(c.routed) + "</td><td>" +
         (c.routed ? Percent(lang, c.mean_confidence) : "–") + "</td><td>" +
         RateText(lang, c.agreement) + "</td></tr>";
  }
  b += "</tbody></table>";

  b += "<h2>";
  b += L(lang, "Kayma", "Drift");
  b += "</h2><p id=\"oversight-drift\">";
  if (r.drift_psi) {
    char psi[16];
    std::snprintf(psi, sizeof psi, "%.2f", *r.drift_psi);
    b +=
        L(lang, "Son 28 günün önerilen konu dağılımı, dönemin geri kalanıyla karşılaştırıldı: PSI ",
          "The suggested-topic mix of the last 28 days against the rest of the period: PSI ");
    b += psi;
    b += " (";
    b += *r.drift_psi < 0.10   ? L(lang, "kararlı", "stable")
         : *r.drift_psi < 0.25 ? L(lang, "izlenmeli", "watch")
                               : L(lang, "belirgin değişim", "shifted");
    b += ").";
  } else {
    b += L(lang, "Kayma ölçümü için son 28 günde ve öncesinde en az 30'ar dosya gerekir.",
           "Drift needs at least 30 cases in the last 28 days and 30 before them.");
  }
  b += "</p><p class=\"hint\">";
  b +=
      L(lang,
        "Öneriler yalnızca tavsiyedir; kararı görevli verir. Bu sayfa, önerilerin insan "
        "kararlarıyla ne kadar örtüştüğünü düzenli olarak izlemeniz içindir (Kamu Görevlileri Etik "
        "Kurulu 2024/108, Yönetici (4)). İsabet, ilk önerinin görevlinin seçtiği konuyla aynı "
        "olmasıdır; aralıklar %95 güven aralığıdır. Dönem: son ",
        "Suggestions are advice only; an official decides. This page is for watching regularly "
        "how the suggestions agree with human decisions (Ethics Board 2024/108, Yönetici (4)). "
        "Agreement means the top suggestion equals the topic the official chose; ranges are 95% "
        "confidence intervals. Period: the last ");
  b += std::to_string(days);
  b += L(lang, " gün.", " days.");
  b += "</p>";
  return b;
}

Response OversightPage(const http::ApiContext* ctx, const SessionContext& s, Request& req) {
  Lang lang = LangOf(req);
  const std::string title = L(lang, "YZ gözetimi", "AI oversight");
  int days = 90;
  if (const std::string* v = req.Query("gun")) {
    for (int p : kPeriods) {
      if (*v == std::to_string(p)) days = p;
    }
  }
  const int64_t now = ctx->clock->NowMillis();
  auto report = workflow::BuildOversightReport(*ctx->store, s.principal, *ctx->cases->Units(),
                                               now - days * kDayMs, now + 1);
  if (!report.ok()) {
    return Page(StaffOpts(req, s, title),
                "<h1>" + std::string(L(lang, "Yetkiniz yok", "Not allowed")) + "</h1><p>" +
                    Esc(report.status().message()) + "</p>",
                http::HttpStatusFor(report.status().code()));
  }
  std::string b = "<h1>" + title + "</h1>";
  b += "<form method=\"get\" action=\"/is/yz-gozetim\" class=\"inline\"><div class=\"field\">"
       "<label for=\"gun\">";
  b += L(lang, "Dönem", "Period");
  b += "</label><select id=\"gun\" name=\"gun\">";
  for (int p : kPeriods) {
    b += "<option value=\"" + std::to_string(p) + "\"" + (p == days ? " selected" : "") + ">";
    b += L(lang, "Son ", "Last ") + std::to_string(p) + L(lang, " gün", " days");
    b += "</option>";
  }
  b += "</select></div>";
  if (lang == Lang::kEn) b += "<input type=\"hidden\" name=\"lang\" value=\"en\">";
  b += "<button type=\"submit\" class=\"secondary\">";
  b += L(lang, "Göster", "Show");
  b += "</button></form>";
  b += ReportHtml(lang, *report, days);
  return Page(StaffOpts(req, s, title), b);
}

}  // namespace

void RegisterOversightPage(http::Router& router, const http::ApiContext* ctx) {
  router.Add("GET", "/is/yz-gozetim",
             StaffPage(ctx, [ctx](const SessionContext& s, Request& req, const auto&) {
               return OversightPage(ctx, s, req);
             }));
}

}  // namespace kapi::web
