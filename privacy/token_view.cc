#include "privacy/token_view.h"

#include <cmath>

namespace kapi::privacy {

void TokenView::Build(std::string_view text, const Lexicon& lexicon,
                      const std::vector<Span>& structured) {
  s = text;
  lex = &lexicon;
  tokens.clear();
  text::Tokenize(text, &tokens);
  const size_t n = tokens.size();
  classes_.assign(n, 0);
  resolved_.assign(n, 1);
  scores_.assign(n, NAN);
  blocked.assign(n, 0);
  size_t words = 0;
  size_t caps = 0;
  size_t upper_initial = 0;
  size_t si = 0;
  for (size_t k = 0; k < n; ++k) {
    const auto& t = tokens[k];
    while (si < structured.size() && structured[si].end <= t.begin) ++si;
    if (si < structured.size() && structured[si].begin < t.end) blocked[k] = 1;
    if (t.kind != text::TokenKind::kWord) continue;
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
  std::string key;
  for (size_t k = 0; k < n; ++k) {
    const auto& t = tokens[k];
    if (t.kind != text::TokenKind::kWord) continue;
    key.clear();
    text::AppendFoldKey(t.Base(text), &key);
    if (mode != CaseMode::kMixed || (t.flags & text::kTokCapitalized)) {
      classes_[k] = lexicon.Lookup(key);
    } else {
      classes_[k] = lexicon.LookupBuiltin(key);
      resolved_[k] = 0;
    }
  }
}

void TokenView::Resolve(size_t k) const {
  resolved_[k] = 1;
  if (tokens[k].kind != text::TokenKind::kWord) return;
  classes_[k] = lex->Lookup(text::FoldKey(tokens[k].Base(s)));
}

float TokenView::NameScore(size_t k) const {
  if (std::isnan(scores_[k])) scores_[k] = lex->NameScore(text::FoldKey(tokens[k].Base(s)));
  return scores_[k];
}
bool TokenView::SentenceInitial(size_t k) const {
  if (k == 0) return true;
  const auto& p = tokens[k - 1];
  if (p.kind == text::TokenKind::kNewline) return true;
  // After a handle ("@USER Günaydın hocam") a new utterance starts.
  if (p.kind == text::TokenKind::kWord && k >= 2 && !p.space_before &&
      tokens[k - 2].kind == text::TokenKind::kPunct && s[tokens[k - 2].begin] == '@') {
    return true;
  }
  if (p.kind != text::TokenKind::kPunct) return false;
  char c = s[p.begin];
  return c == '.' || c == '!' || c == '?' || c == ':' || c == '"' || c == '(' || c == '-' ||
         static_cast<unsigned char>(c) >= 0x80;
}

}  // namespace kapi::privacy
