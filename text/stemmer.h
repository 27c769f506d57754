#pragma once
// Turkish Snowball stemming (libstemmer's "turkish" algorithm) behind our own interface.
// libstemmer instances are not thread-safe, so each thread lazily gets its own; Stem() is
// therefore safe to call from any thread.

#include <string>
#include <string_view>

namespace kapi::text {

// Returns the Snowball Turkish stem of a lower-cased word ("otobüsler" → "otobüs"); the word
// itself when the stemmer is unavailable.
std::string StemTr(std::string_view lower_word);

}  // namespace kapi::text
