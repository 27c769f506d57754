#include "policy/checker.h"

#include <algorithm>
#include <cmath>
#include <fstream>

#include <fmt/core.h>
#include <unicode/uchar.h>
#include <nlohmann/json.hpp>

#include "policy/ai_disclosure.h"
#include "policy/ensemble.h"
#include "policy/fold.h"
#include "policy/fused_scorer.h"
#include "policy/lexicon.h"
#include "policy/linear_model.h"
#include "policy/segmenter.h"

namespace kapi::policy {
namespace {

// Chunks of at most this many folded bytes are classified as one unit: the training tweets are
// up to ~550 characters, so a tweet is never split and a long reply is read in tweet-sized parts.
constexpr size_t kChunkBytes = 600;
// How far into / from the end of a reply the greeting / closing may stand (folded bytes).
constexpr size_t kGreetingWindow = 160;
constexpr size_t kClosingSentences = 3;
// Margin a group-directed model finding needs when the text is harmless without its group nouns.
constexpr double kGroupMargin = 1.0;
constexpr int kShortChunkWords = 4;

int CountWords(std::string_view s) {
  int words = 0;
  bool in_word = false;
  for (char c : s) {
    bool w = (c >= 'a' && c <= 'z') || static_cast<unsigned char>(c) >= 0x80;
    if (w && !in_word) ++words;
    in_word = w;
  }
  return words;
}

double Squash(double margin) { return 0.5 + 0.5 * std::tanh(margin); }

struct Tuning {
  double offensive_threshold = 0.0;
  double subtype_threshold = 1.0;  // -decision(NOT) of the subtype model above which it alone flags
  // Extra margin both models need on chunks of fewer than kShortChunkWords words: a heading or a
  // signature ("Vali", "Tarafsızlık") has too few n-grams for the models to be trusted.
  double short_text_margin = 1.0;
};

class CheckerImpl final : public Checker {
 public:
  CheckerImpl(std::unique_ptr<OffensiveEnsemble> offensive, std::unique_ptr<LinearModel> subtype,
              std::unique_ptr<Lexicons> lexicons, Tuning tuning, CheckerOptions options)
      : offensive_(std::move(offensive)),
        subtype_(std::move(subtype)),
        lex_(std::move(lexicons)),
        tuning_(tuning),
        options_(std::move(options)) {
    sub_not_ = subtype_->ClassIndex("NOT");
    sub_insult_ = subtype_->ClassIndex("INSULT");
    sub_profanity_ = subtype_->ClassIndex("PROFANITY");
    sub_sexist_ = subtype_->ClassIndex("SEXIST");
    sub_racist_ = subtype_->ClassIndex("RACIST");
    std::vector<const LinearModel*> all = offensive_->models();
    all.push_back(subtype_.get());
    if (FusedScorer::SameConfig(all)) fused_ = std::make_unique<FusedScorer>(all);
  }

  std::vector<Finding> Check(const CheckInput& input) const override;
  std::string Describe() const override;

 private:
  struct Ctx {
    const CheckInput& input;
    FoldedText folded;
    std::vector<Segment> sentences;
    std::vector<Finding> findings;
  };

  Finding At(const Ctx& ctx, Rule rule, Severity sev, size_t b, size_t e, double score,
             std::string detail) const {
    return MakeFinding(rule, sev, ctx.folded.StartCp(b), ctx.folded.EndCp(e), score,
                       std::move(detail));
  }
  void LexiconRules(Ctx& ctx) const;
  void GroupAndPartyRules(Ctx& ctx) const;
  void ClassifierRules(Ctx& ctx) const;
  void ClassifiedRules(Ctx& ctx) const;
  void PersonalDataRules(Ctx& ctx) const;
  void DisclosureRule(Ctx& ctx) const;
  void CourtesyRules(Ctx& ctx) const;

  std::unique_ptr<OffensiveEnsemble> offensive_;
  std::unique_ptr<LinearModel> subtype_;
  std::unique_ptr<Lexicons> lex_;
  Tuning tuning_;
  CheckerOptions options_;
  int sub_not_, sub_insult_, sub_profanity_, sub_sexist_, sub_racist_;
  // Set when all models hash the same n-grams: extract once, score in one pass.
  std::unique_ptr<FusedScorer> fused_;
};

void CheckerImpl::LexiconRules(Ctx& ctx) const {
  static constexpr std::pair<LexiconKind, Rule> kDirect[] = {
      {LexiconKind::kProfanity, Rule::kProfanity}, {LexiconKind::kInsult, Rule::kInsult},
      {LexiconKind::kThreat, Rule::kThreat},       {LexiconKind::kViolence, Rule::kViolence},
      {LexiconKind::kSexual, Rule::kSexual},       {LexiconKind::kSlur, Rule::kHate},
  };
  const std::string& t = ctx.folded.text;
  std::vector<LexiconHit> hits;
  for (auto [kind, rule] : kDirect) {
    hits.clear();
    lex_->Find(kind, t, 0, t.size(), hits);
    for (const LexiconHit& h : hits) {
      ctx.findings.push_back(At(ctx, rule, Severity::kBlock, h.begin, h.end, 1.0,
                                fmt::format("lexicon:{}", RuleName(rule))));
    }
  }
}

void CheckerImpl::GroupAndPartyRules(Ctx& ctx) const {
  const std::string& t = ctx.folded.text;
  for (const Segment& s : ctx.sentences) {
    if (lex_->Contains(LexiconKind::kGroup, t, s.begin, s.end) &&
        !lex_->Contains(LexiconKind::kMetaDiscussion, t, s.begin, s.end)) {
      if (lex_->Contains(LexiconKind::kHostile, t, s.begin, s.end)) {
        ctx.findings.push_back(
            At(ctx, Rule::kHate, Severity::kBlock, s.begin, s.end, 0.9, "group+hostile"));
      } else if (lex_->Contains(LexiconKind::kExclusion, t, s.begin, s.end)) {
        ctx.findings.push_back(At(ctx, Rule::kDiscrimination, Severity::kBlock, s.begin, s.end, 0.9,
                                  "group+exclusion"));
      }
    }
    if (lex_->Contains(LexiconKind::kParty, t, s.begin, s.end) &&
        lex_->Contains(LexiconKind::kCampaign, t, s.begin, s.end)) {
      ctx.findings.push_back(
          At(ctx, Rule::kPartisanship, Severity::kBlock, s.begin, s.end, 0.9, "party+campaign"));
    }
  }
}

void CheckerImpl::ClassifierRules(Ctx& ctx) const {
  const std::string& t = ctx.folded.text;
  std::vector<float> sub;
  thread_local std::vector<std::vector<float>> fused_scores;
  const double off_threshold = tuning_.offensive_threshold + options_.offensive_threshold_shift;
  const double sub_threshold = tuning_.subtype_threshold + options_.offensive_threshold_shift;
  size_t lexicon_findings = ctx.findings.size();
  for (const Segment& chunk : GroupIntoChunks(ctx.sentences, kChunkBytes)) {
    std::string_view text(t.data() + chunk.begin, chunk.end - chunk.begin);
    double off_score;
    if (fused_) {
      thread_local RawFeatures raw;
      ExtractRawFeatures(offensive_->config(), text, raw);
      fused_->Score(raw, fused_scores);
      off_score = offensive_->Combine(fused_scores);
      sub = fused_scores.back();
    } else {
      off_score = offensive_->Score(text);
      subtype_->Scores(text, sub);
    }
    double short_margin = CountWords(text) < kShortChunkWords ? tuning_.short_text_margin : 0.0;
    double off_margin = off_score - off_threshold - short_margin;
    double sub_margin = -sub[sub_not_] - sub_threshold - short_margin;
    if (off_margin <= 0 && sub_margin <= 0) continue;
    // A lexicon already named the rule and the span inside this chunk.
    uint32_t cb = ctx.folded.StartCp(chunk.begin), ce = ctx.folded.EndCp(chunk.end);
    bool covered = false;
    for (size_t k = 0; k < lexicon_findings; ++k) {
      const Finding& f = ctx.findings[k];
      covered = covered || (IsContentRule(f.rule) && f.start < ce && f.end > cb);
    }
    if (covered) continue;
    // Sub-rule from the Teknofest subtype model.
    int best = sub_insult_;
    for (int k : {sub_profanity_, sub_sexist_, sub_racist_}) {
      if (sub[k] > sub[best]) best = k;
    }
    Rule rule = best == sub_profanity_ ? Rule::kProfanity
                : best == sub_sexist_  ? Rule::kDiscrimination
                : best == sub_racist_  ? Rule::kHate
                                       : Rule::kInsult;
    // Group-directed rules need a group in the text; otherwise it is a plain insult. Mentioning a
    // group is not discriminating: the chunk must stay offensive when every group noun in it is
    // replaced by a neutral one ("insanlar"), or clear the threshold by kGroupMargin; otherwise the
    // models reacted to the mention alone.
    if (rule == Rule::kHate || rule == Rule::kDiscrimination) {
      std::vector<LexiconHit> groups;
      lex_->Find(LexiconKind::kGroup, t, chunk.begin, chunk.end, groups);
      if (groups.empty()) {
        rule = Rule::kInsult;
      } else {
        std::string masked;
        size_t pos = chunk.begin;
        for (const LexiconHit& g : groups) {
          masked.append(t, pos, g.begin - pos);
          masked += "insanlar";
          pos = g.end;
        }
        masked.append(t, pos, chunk.end - pos);
        std::vector<float> sub2;
        subtype_->Scores(masked, sub2);
        bool offensive_without_group =
            offensive_->Score(masked) > off_threshold || -sub2[sub_not_] > sub_threshold;
        if (!offensive_without_group && std::max(off_margin, sub_margin) < kGroupMargin) continue;
      }
    }
    // Narrow the span to the most offensive sentence of the chunk.
    Segment span = chunk;
    double best_score = -1e9;
    size_t sentences_in_chunk = 0;
    for (const Segment& s : ctx.sentences) {
      if (s.begin < chunk.begin || s.end > chunk.end) continue;
      ++sentences_in_chunk;
    }
    if (sentences_in_chunk > 1) {
      for (const Segment& s : ctx.sentences) {
        if (s.begin < chunk.begin || s.end > chunk.end) continue;
        double score = offensive_->Score(std::string_view(t.data() + s.begin, s.end - s.begin));
        if (score > best_score) {
          best_score = score;
          span = s;
        }
      }
    }
    double margin = std::max(off_margin, sub_margin);
    ctx.findings.push_back(At(ctx, rule, Severity::kBlock, span.begin, span.end, Squash(margin),
                              off_margin > 0 ? "model:offensive" : "model:subtype"));
  }
}

// True when every cased letter of the original code points [b, e) is upper case (ICU).
bool AllUpper(const std::string& text, uint32_t b, uint32_t e) {
  size_t i = 0;
  uint32_t cp = 0;
  bool any = false;
  while (i < text.size() && cp < e) {
    uint32_t c = DecodeUtf8(text, i);
    if (cp >= b) {
      if (u_islower(static_cast<UChar32>(c))) return false;
      any = any || u_isupper(static_cast<UChar32>(c));
    }
    ++cp;
  }
  return any;
}

void CheckerImpl::ClassifiedRules(Ctx& ctx) const {
  const std::string& t = ctx.folded.text;
  std::vector<LexiconHit> hits;
  lex_->Find(LexiconKind::kMarking, t, 0, t.size(), hits);
  for (const LexiconHit& h : hits) {
    uint32_t b = ctx.folded.StartCp(h.begin), e = ctx.folded.EndCp(h.end);
    // A marking is written in capitals ("GİZLİ", "Çok GİZLİ" is not), stands alone on its line,
    // sits in brackets, or follows "gizlilik derecesi". Lower-case "gizli" in prose is a word.
    size_t line_b = t.rfind('\n', h.begin);
    line_b = line_b == std::string::npos ? 0 : line_b + 1;
    size_t line_e = t.find('\n', h.end);
    line_e = line_e == std::string::npos ? t.size() : line_e;
    auto only_punct = [&](size_t from, size_t to) {
      for (size_t k = from; k < to; ++k) {
        char c = t[k];
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) return false;
      }
      return true;
    };
    bool upper = AllUpper(ctx.input.text, b, e);
    bool alone = only_punct(line_b, h.begin) && only_punct(h.end, line_e);
    bool bracketed = h.begin > 0 && h.end < t.size() &&
                     (t[h.begin - 1] == '[' || t[h.begin - 1] == '(') &&
                     (t[h.end] == ']' || t[h.end] == ')');
    std::string_view before(t.data() + line_b, h.begin - line_b);
    bool labelled = before.find("gizlilik derece") != std::string_view::npos;
    if (upper || alone || bracketed || labelled) {
      ctx.findings.push_back(
          MakeFinding(Rule::kClassified, Severity::kBlock, b, e, 1.0, "marking"));
    }
  }
  hits.clear();
  lex_->Find(LexiconKind::kDocumentNumber, t, 0, t.size(), hits);
  for (const LexiconHit& h : hits) {
    ctx.findings.push_back(
        At(ctx, Rule::kClassified, Severity::kBlock, h.begin, h.end, 1.0, "document_number"));
  }
}

void CheckerImpl::PersonalDataRules(Ctx& ctx) const {
  if (!options_.personal_data) return;
  const std::string& text = ctx.input.text;
  auto spans = options_.personal_data->Find(text);
  const uint32_t total = ctx.folded.cp_of_byte.back();
  if (!spans.ok()) {
    ctx.findings.push_back(
        MakeFinding(Rule::kPersonalData, Severity::kBlock, 0, total, 1.0, "source_error"));
    return;
  }
  // Code point -> byte offsets of the original, for the addressee comparison.
  std::vector<size_t> byte_of_cp;
  byte_of_cp.reserve(total + 1);
  for (size_t i = 0; i < text.size();) {
    byte_of_cp.push_back(i);
    DecodeUtf8(text, i);
  }
  byte_of_cp.push_back(text.size());
  for (const PersonalDataSpan& s : *spans) {
    if (s.start >= s.end || s.end >= byte_of_cp.size()) continue;
    std::string_view span_text(text.data() + byte_of_cp[s.start],
                               byte_of_cp[s.end] - byte_of_cp[s.start]);
    if (ctx.input.addressee && BelongsToAddressee(span_text, *ctx.input.addressee)) continue;
    ctx.findings.push_back(
        MakeFinding(Rule::kPersonalData, Severity::kBlock, s.start, s.end, 1.0, "pii:" + s.kind));
  }
}

void CheckerImpl::DisclosureRule(Ctx& ctx) const {
  if (!ctx.input.ai_assisted || ContainsAiDisclosure(ctx.input.text)) return;
  ctx.findings.push_back(MakeFinding(Rule::kAiDisclosure, Severity::kBlock, 0,
                                     ctx.folded.cp_of_byte.back(), 1.0, "missing_disclosure"));
}

void CheckerImpl::CourtesyRules(Ctx& ctx) const {
  const std::string& t = ctx.folded.text;
  std::vector<LexiconHit> hits;
  lex_->Find(LexiconKind::kDismissive, t, 0, t.size(), hits);
  for (const LexiconHit& h : hits) {
    ctx.findings.push_back(
        At(ctx, Rule::kCourtesy, Severity::kWarn, h.begin, h.end, 0.8, "dismissive"));
  }
  if (ctx.input.kind != TextKind::kReply || !options_.courtesy || ctx.sentences.empty()) return;
  const Segment& first = ctx.sentences.front();
  size_t greet_end = std::min(t.size(), std::max(first.end, first.begin + kGreetingWindow));
  bool greeting = lex_->Contains(LexiconKind::kGreeting, t, 0, greet_end);
  size_t k =
      ctx.sentences.size() > kClosingSentences ? ctx.sentences.size() - kClosingSentences : 0;
  const Segment& last = ctx.sentences.back();
  bool closing = lex_->Contains(LexiconKind::kClosing, t, ctx.sentences[k].begin, t.size());
  if (!greeting && !closing && ctx.sentences.size() == 1) {
    ctx.findings.push_back(At(ctx, Rule::kCourtesy, Severity::kWarn, first.begin, first.end, 1.0,
                              "missing_greeting_and_closing"));
    return;
  }
  if (!greeting) {
    ctx.findings.push_back(
        At(ctx, Rule::kCourtesy, Severity::kWarn, first.begin, first.end, 1.0, "missing_greeting"));
  }
  if (!closing) {
    ctx.findings.push_back(
        At(ctx, Rule::kCourtesy, Severity::kWarn, last.begin, last.end, 1.0, "missing_closing"));
  }
}

std::vector<Finding> CheckerImpl::Check(const CheckInput& input) const {
  Ctx ctx{input, Fold(input.text), {}, {}};
  ctx.sentences = SplitSentences(ctx.folded.text);
  LexiconRules(ctx);
  GroupAndPartyRules(ctx);
  ClassifierRules(ctx);
  ClassifiedRules(ctx);
  PersonalDataRules(ctx);
  DisclosureRule(ctx);
  CourtesyRules(ctx);
  std::stable_sort(ctx.findings.begin(), ctx.findings.end(),
                   [](const Finding& a, const Finding& b) {
                     if (a.start != b.start) return a.start < b.start;
                     return static_cast<int>(a.rule) < static_cast<int>(b.rule);
                   });
  // Drop exact duplicates (same rule and span).
  ctx.findings.erase(std::unique(ctx.findings.begin(), ctx.findings.end(),
                                 [](const Finding& a, const Finding& b) {
                                   return a.rule == b.rule && a.start == b.start &&
                                          a.end == b.end && a.detail == b.detail;
                                 }),
                     ctx.findings.end());
  return std::move(ctx.findings);
}

std::string CheckerImpl::Describe() const {
  nlohmann::json d = {
      {"offensive_models", offensive_->Describe()},
      {"subtype_model", subtype_->metadata()},
      {"offensive_threshold", tuning_.offensive_threshold + options_.offensive_threshold_shift},
      {"subtype_threshold", tuning_.subtype_threshold + options_.offensive_threshold_shift},
      {"personal_data", options_.personal_data != nullptr},
  };
  d["subtype_model"].erase("test");
  return d.dump();
}

}  // namespace

Result<std::unique_ptr<Checker>> LoadChecker(const std::string& models_dir,
                                             CheckerOptions options) {
  // checker.json (written by kapi_policy_eval --tune) names the offensive ensemble and the tuned
  // thresholds; without it the checker uses offensive.klm alone at its own threshold.
  nlohmann::json tuned = nlohmann::json::object();
  if (std::ifstream in(models_dir + "/checker.json"); in) {
    tuned = nlohmann::json::parse(in, nullptr, false);
    if (tuned.is_discarded() || !tuned.is_object()) {
      return InvalidArgument("bad " + models_dir + "/checker.json");
    }
  }
  std::vector<std::string> offensive_files = {"offensive.klm"};
  if (tuned.contains("offensive_models") && tuned["offensive_models"].is_array()) {
    offensive_files.clear();
    for (const auto& f : tuned["offensive_models"]) {
      if (f.is_string()) offensive_files.push_back(f.get<std::string>());
    }
  }
  std::vector<std::unique_ptr<LinearModel>> offensive_models;
  for (const std::string& file : offensive_files) {
    auto m = LinearModel::Load(models_dir + "/" + file);
    if (!m.ok()) return m.status();
    offensive_models.push_back(std::move(*m));
  }
  double single_threshold = offensive_models.front()->metadata().value("threshold", 0.0);
  auto offensive = OffensiveEnsemble::Create(std::move(offensive_models));
  if (!offensive.ok()) return offensive.status();
  auto subtype = LinearModel::Load(models_dir + "/subtype.klm");
  if (!subtype.ok()) return subtype.status();
  for (const char* c : {"NOT", "INSULT", "PROFANITY", "SEXIST", "RACIST"}) {
    if ((*subtype)->ClassIndex(c) < 0) {
      return InvalidArgument(std::string("subtype model lacks class ") + c);
    }
  }
  auto lexicons = Lexicons::Create();
  if (!lexicons) return Internal("policy lexicons failed to compile");
  Tuning tuning;
  tuning.offensive_threshold = tuned.value("offensive_threshold", single_threshold);
  tuning.subtype_threshold = tuned.value("subtype_threshold", 1.0);
  tuning.short_text_margin = tuned.value("short_text_margin", tuning.short_text_margin);
  if (options.offensive_threshold) tuning.offensive_threshold = *options.offensive_threshold;
  if (options.subtype_threshold) tuning.subtype_threshold = *options.subtype_threshold;
  return std::unique_ptr<Checker>(std::make_unique<CheckerImpl>(
      std::move(*offensive), std::move(*subtype), std::move(lexicons), tuning, std::move(options)));
}

}  // namespace kapi::policy
