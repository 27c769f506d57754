#pragma once
// Rule lexicons over folded text (fold.h): hand-written RE2 patterns, each tied to a rule, with
// Turkish inflection spelled out in the patterns (suffix alternations on folded stems, so
// "öldüreceğim", "oldurecegim" and "ÖLDÜRECEĞİM" all match). Lexicons give the rule a span,
// name the sub-rule a classifier hit belongs to, and catch what classifiers trained on tweets do
// not see (classified markings, partisanship, the AI disclosure sentence).
//
// Every pattern list lives in lexicon.cc; docs/policy.md explains each one. Thread-safe: immutable
// after construction (RE2 objects are thread-safe for matching).

#include <memory>
#include <string_view>
#include <vector>

#include "policy/finding.h"

namespace kapi::policy {

// Which list a hit came from.
enum class LexiconKind {
  kProfanity,
  kInsult,
  kThreat,
  kViolence,  // calls for or glorifies violence ("kurşuna dizilmeli")
  kSexual,
  kSlur,       // group slurs: hate by themselves
  kGroup,      // protected-group nouns (2021/81 Tarafsızlık (2) grounds); never a finding alone
  kHostile,    // dehumanizing / expelling predicates; hate only together with a group
  kExclusion,  // "... başvuramaz", "... yapamaz"; discrimination only together with a group
  kMetaDiscussion,  // talk about discrimination or rules against it ("ayrımcılık",
                    // "yapılmamalıdır")
  kParty,           // parties, candidates, politicians
  kCampaign,        // campaigning cues ("oy verin", "kazanacak"); partisanship only with kParty
  kDismissive,      // dismissive tone toward the citizen (courtesy, warn)
  kGreeting,
  kClosing,
  kMarking,  // GİZLİ, ÇOK GİZLİ, HİZMETE ÖZEL, KİŞİYE ÖZEL (case checked by the caller)
  kDocumentNumber,  // E-12345678-010.01-1234
};
inline constexpr int kLexiconKindCount = 17;

struct LexiconHit {
  LexiconKind kind;
  size_t begin;  // folded bytes
  size_t end;
};

class Lexicons {
 public:
  static std::unique_ptr<Lexicons> Create();
  ~Lexicons();

  // All hits of `kind` in folded [begin, end), left to right, non-overlapping.
  void Find(LexiconKind kind, std::string_view folded, size_t begin, size_t end,
            std::vector<LexiconHit>& out) const;
  bool Contains(LexiconKind kind, std::string_view folded, size_t begin, size_t end) const;

 private:
  Lexicons();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kapi::policy
