#include "policy/ai_disclosure.h"

#include <array>

#include <re2/re2.h>

#include "policy/fold.h"
#include "policy/segmenter.h"

namespace kapi::policy {
namespace {

constexpr std::array<std::string_view, 6> kVariants = {
    kAiDisclosureSentence,
    "Bu yanıtın hazırlanmasında yapay zekâ sisteminden yararlanılmıştır.",
    "Bu metin yapay zekâ desteğiyle hazırlanmıştır.",
    "Bu içerik yapay zekâ yardımıyla oluşturulmuş ve görevlimizce kontrol edilmiştir.",
    "Yanıtımız yapay zekâ sistemi kullanılarak hazırlanmıştır.",
    "Bu paylaşım yapay zekâ ile üretilmiş olup kurumumuzca doğrulanmıştır.",
};

// Over folded text (fold.h): "yapay zekâ" -> "yapay zeka".
const RE2& MentionPattern() {
  static const RE2 re(R"(\byapay\s+zeka\w*)");
  return re;
}
const RE2& HelpPattern() {
  static const RE2 re(
      R"(\b(?:destegi\w*|destek\s+alin\w*|yardimi\w*|yararlanil\w*|yararlanarak|faydalanil\w*|)"
      R"(faydalanarak|kullanil\w*|kullanarak|hazirlan\w*|olusturul\w*|uretil\w*|ile\s+uret\w*)\b)");
  return re;
}
const RE2& NegationPattern() {
  static const RE2 re(
      R"(\b(?:kullanilmami\w*|yararlanilmami\w*|faydalanilmami\w*|kullanilmadan|)"
      R"(yararlanilmadan|hazirlanmami\w*|olusturulmami\w*|uretilmemi\w*|alinmami\w*)\b)");
  return re;
}

}  // namespace

std::span<const std::string_view> AcceptedAiDisclosureVariants() { return kVariants; }

bool ContainsAiDisclosure(std::string_view text) {
  FoldedText folded = Fold(text);
  for (const Segment& s : SplitSentences(folded.text)) {
    re2::StringPiece sentence(folded.text.data() + s.begin, s.end - s.begin);
    if (RE2::PartialMatch(sentence, MentionPattern()) &&
        RE2::PartialMatch(sentence, HelpPattern()) &&
        !RE2::PartialMatch(sentence, NegationPattern())) {
      return true;
    }
  }
  return false;
}

std::string AppendAiDisclosure(std::string_view text) {
  std::string out(text);
  if (ContainsAiDisclosure(text)) return out;
  while (!out.empty() && (out.back() == ' ' || out.back() == '\n' || out.back() == '\t'))
    out.pop_back();
  if (!out.empty()) out += "\n\n";
  out += kAiDisclosureSentence;
  return out;
}

}  // namespace kapi::policy
