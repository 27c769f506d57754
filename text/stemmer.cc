#include "text/stemmer.h"

#include <memory>

#include <libstemmer.h>

namespace kapi::text {
namespace {

struct StemmerDeleter {
  void operator()(sb_stemmer* s) const { sb_stemmer_delete(s); }
};

sb_stemmer* ThreadStemmer() {
  thread_local std::unique_ptr<sb_stemmer, StemmerDeleter> stemmer(
      sb_stemmer_new("turkish", "UTF_8"));
  return stemmer.get();
}

}  // namespace

std::string StemTr(std::string_view lower_word) {
  sb_stemmer* s = ThreadStemmer();
  if (s == nullptr || lower_word.empty()) return std::string(lower_word);
  const sb_symbol* out = sb_stemmer_stem(s, reinterpret_cast<const sb_symbol*>(lower_word.data()),
                                         static_cast<int>(lower_word.size()));
  if (out == nullptr) return std::string(lower_word);
  return std::string(reinterpret_cast<const char*>(out), sb_stemmer_length(s));
}

}  // namespace kapi::text
