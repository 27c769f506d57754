#pragma once
// Sentence segmentation and chunking of folded text (see fold.h). Offsets are folded-text bytes.
//
// Sentences end at '.', '!', '?' (or runs of them) followed by whitespace, unless the word before
// the dot is a known abbreviation ("Dr.", "No.", "vb.") or a number ("1. madde"); a line break
// always ends a sentence. Chunks group consecutive sentences up to a byte budget, so a long reply
// is classified in tweet-sized pieces like the data the classifier learned from. Thread-safe.

#include <cstddef>
#include <string_view>
#include <vector>

namespace kapi::policy {

struct Segment {
  size_t begin = 0;  // folded bytes, inclusive
  size_t end = 0;    // folded bytes, exclusive
};

std::vector<Segment> SplitSentences(std::string_view folded);

// Groups consecutive sentences into chunks of at most `max_bytes` (a single longer sentence is its
// own chunk). Empty input gives no chunks.
std::vector<Segment> GroupIntoChunks(const std::vector<Segment>& sentences, size_t max_bytes);

}  // namespace kapi::policy
