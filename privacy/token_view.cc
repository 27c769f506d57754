#include "privacy/token_view.h"

namespace kapi::privacy {

void TokenView::Build(std::string_view text, const Lexicon& lex,
                      const std::vector<Span>& structured) {
  s = text;
  tokens.clear();
  text::Tokenize(text, &tokens);
  classes.assign(tokens.size(), 0);
  blocked.assign(tokens.size(), 0);
  std::string key;
  size_t words = 0;
  size_t caps = 0;
  size_t upper_initial = 0;
  size_t si = 0;
  for (size_t k = 0; k < tokens.size(); ++k) {
    const auto& t = tokens[k];
    while (si < structured.size() && structured[si].end <= t.begin) ++si;
    if (si < structured.size() && structured[si].begin < t.end) blocked[k] = 1;
    if (t.kind != text::TokenKind::kWord) continue;
    key.clear();
    text::AppendFoldKey(t.Base(text), &key);
    classes[k] = lex.Lookup(key);
    if (t.base_end - t.begin >= 2) {
      ++words;
      if (t.flags & text::kTokAllUpper) ++caps;
      if (t.flags & text::kTokCapitalized) ++upper_initial;
    }
  }
  mode = CaseMode::kMixed;
  if (words >= 3 && caps * 10 >= words * 6) {
    mode = CaseMode::kCaps;
  } else if (words >= 6 && upper_initial * 50 <= words) {
    mode = CaseMode::kLower;
  }
}

bool TokenView::SentenceInitial(size_t k) const {
  if (k == 0) return true;
  const auto& p = tokens[k - 1];
  if (p.kind == text::TokenKind::kNewline) return true;
  if (p.kind != text::TokenKind::kPunct) return false;
  char c = s[p.begin];
  return c == '.' || c == '!' || c == '?' || c == ':' || c == '"' || c == '(' || c == '-' ||
         static_cast<unsigned char>(c) >= 0x80;
}

}  // namespace kapi::privacy
