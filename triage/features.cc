#include "triage/features.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <deque>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "text/stemmer.h"
#include "text/word_tokens.h"

namespace kapi::triage {
namespace {

constexpr uint64_t kFnvOffset = 1469598103934665603ULL;
constexpr uint64_t kFnvPrime = 1099511628211ULL;

inline uint64_t Fnv(uint64_t h, std::string_view s) {
  for (unsigned char c : s) {
    h ^= c;
    h *= kFnvPrime;
  }
  return h;
}

inline uint32_t Mix(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  return static_cast<uint32_t>(h);
}

// Namespaces: kept apart in the hash so "ab" the word and "ab" the n-gram differ.
constexpr uint64_t kWordSeed = kFnvOffset;
constexpr uint64_t kBigramSeed = kFnvOffset ^ 0x9e3779b97f4a7c15ULL;
constexpr uint64_t kCharSeed = kFnvOffset ^ 0xc2b2ae3d27d4eb4fULL;

}  // namespace

nlohmann::json FeatureConfig::ToJson() const {
  nlohmann::json j = {{"hash_bits", hash_bits},
                      {"char_min", char_min},
                      {"char_max", char_max},
                      {"word_bigrams", word_bigrams},
                      {"deasciify", deasciify},
                      {"stem", stem},
                      {"word_weight", word_weight},
                      {"char_weight", char_weight},
                      {"neutralize", neutralize},
                      {"char_from_word", char_from_word},
                      {"cues", cues}};
  if (negation) j["negation"] = true;  // only when on: model files without it stay as they were
  return j;
}

FeatureConfig FeatureConfig::FromJson(const nlohmann::json& j) {
  FeatureConfig c;
  c.hash_bits = j.value("hash_bits", c.hash_bits);
  c.char_min = j.value("char_min", c.char_min);
  c.char_max = j.value("char_max", c.char_max);
  c.word_bigrams = j.value("word_bigrams", c.word_bigrams);
  c.deasciify = j.value("deasciify", c.deasciify);
  c.stem = j.value("stem", c.stem);
  c.neutralize = j.value("neutralize", false);  // files from before neutralization had none
  c.char_from_word = j.value("char_from_word", false);
  c.cues = j.value("cues", false);
  c.negation = j.value("negation", false);
  c.word_weight = j.value("word_weight", c.word_weight);
  c.char_weight = j.value("char_weight", c.char_weight);
  return c;
}

namespace {

// Only all-ASCII words with a letter that has a Turkish look-alike (c g i o s u) can change.
bool MayNeedTurkishLetters(std::string_view w) {
  bool candidate = false;
  for (char c : w) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
    candidate = candidate || c == 'c' || c == 'g' || c == 'i' || c == 'o' || c == 's' || c == 'u';
  }
  return candidate;
}

}  // namespace

Featurizer::Featurizer(FeatureConfig config, ResourcesPtr resources, std::vector<float> idf)
    : config_(config), resources_(std::move(resources)), idf_(std::move(idf)) {
  config_.hash_bits = std::clamp(config_.hash_bits, 10, 24);
  config_.char_min = std::max(1, config_.char_min);
  config_.char_max = std::max(config_.char_min - 1, config_.char_max);
  if (!idf_.empty() && idf_.size() != dimension()) idf_.clear();
  cache_owner_ = CacheOwner();
}

Featurizer::Featurizer(FeatureConfig config, ResourcesPtr resources, std::vector<uint8_t> q_idf,
                       float idf_min, float idf_step)
    : Featurizer(config, std::move(resources)) {
  if (q_idf.size() == dimension()) {
    q_idf_ = std::move(q_idf);
    idf_min_ = idf_min;
    idf_step_ = idf_step;
  }
}

std::vector<std::string> Featurizer::Words(std::string_view text) const {
  return Words(text, nullptr);
}

std::vector<std::string> Featurizer::Words(std::string_view text,
                                           std::vector<std::string>* plain) const {
  std::vector<std::string> out;
  if (plain) plain->clear();
  for (auto& t : text::TokenizeWords(text)) {
    if (t.kind == text::WordKind::kWord && resources_) {
      const ProtectedTerms* protect =
          config_.neutralize ? resources_->protected_terms.get() : nullptr;
      // A protected word as written wins over its deasciified form ("Kasar" the name must not
      // become "kaşar" and escape neutralization).
      std::string_view tag = protect ? protect->Tag(t.text) : std::string_view();
      bool changed = false;
      if (config_.deasciify && resources_->deasciifier && MayNeedTurkishLetters(t.text)) {
        std::string_view fixed = resources_->deasciifier->Fix(t.text);
        if (fixed.data() != t.text.data()) {
          t.text = std::string(fixed);
          changed = true;
        }
      }
      if (plain) plain->push_back(t.text);
      if (tag.empty() && protect && changed) tag = protect->Tag(t.text);
      if (!tag.empty()) t.text = std::string(tag);
    } else if (plain) {
      plain->push_back(t.text);
    }
    out.push_back(std::move(t.text));
  }
  return out;
}

namespace {
// Collapses runs of three or more of the same code point to one ("çooook" → "çok"); true when
// something was collapsed.
bool CollapseStretched(std::string* w) {
  if (w->size() < 3) return false;
  std::string out;
  bool changed = false;
  size_t i = 0;
  std::string_view prev;
  int run = 0;
  while (i < w->size()) {
    size_t len = 1;
    const auto c = static_cast<unsigned char>((*w)[i]);
    if (c >= 0xF0)
      len = 4;
    else if (c >= 0xE0)
      len = 3;
    else if (c >= 0xC0)
      len = 2;
    len = std::min(len, w->size() - i);
    std::string_view cur(w->data() + i, len);
    run = cur == prev ? run + 1 : 1;
    if (run < 3) {
      out.append(cur);
    } else {
      changed = true;
    }
    if (run == 3) out.resize(out.size() - cur.size());  // keep one of the run
    prev = cur;
    i += len;
  }
  if (changed) *w = std::move(out);
  return changed;
}

// Tone cues of the raw text as tag-like tokens (the explanation leaves tags out).
void ToneCues(std::string_view s, std::vector<std::string>* cues) {
  static const std::pair<std::string_view, const char*> kEmoticons[] = {
      {":)", "[EMO_POS]"},  {":-)", "[EMO_POS]"}, {"=)", "[EMO_POS]"},  {":D", "[EMO_POS]"},
      {";)", "[EMO_POS]"},  {"<3", "[EMO_POS]"},  {":P", "[EMO_POS]"},  {":p", "[EMO_POS]"},
      {"xD", "[EMO_POS]"},  {":(", "[EMO_NEG]"},  {":-(", "[EMO_NEG]"}, {":/", "[EMO_NEG]"},
      {":'(", "[EMO_NEG]"}, {"=(", "[EMO_NEG]"}};
  for (const auto& [e, tag] : kEmoticons) {
    size_t pos = s.find(e);
    // ":/" inside URLs ("http://") is not a face.
    while (pos != std::string_view::npos && e == ":/" && pos + 2 < s.size() && s[pos + 2] == '/') {
      pos = s.find(e, pos + 3);
    }
    if (pos != std::string_view::npos) cues->emplace_back(tag);
  }
  bool bang = false, bangs = false, question = false;
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == '!') {
      bangs = bangs || (i + 1 < s.size() && s[i + 1] == '!');
      bang = true;
    } else if (c == '?') {
      question = true;
    } else if (c >= 0xF0 && i + 3 < s.size()) {
      // Emoji (4-byte UTF-8): one cue per code point.
      const uint32_t cp = ((c & 0x07u) << 18) |
                          ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 12) |
                          ((static_cast<unsigned char>(s[i + 2]) & 0x3Fu) << 6) |
                          (static_cast<unsigned char>(s[i + 3]) & 0x3Fu);
      char buf[24];
      std::snprintf(buf, sizeof buf, "[EMOJI_%X]", cp);
      cues->emplace_back(buf);
      i += 3;
    }
  }
  if (bang) cues->emplace_back("[UNLEM]");
  if (bangs) cues->emplace_back("[UNLEM2]");
  if (question) cues->emplace_back("[SORU]");
}

}  // namespace

namespace {

// What one distinct token becomes under one (config, resources): computed once per thread.
struct WordInfo {
  std::string token;   // the token as the tokenizer gave it (the cache key)
  std::string word;    // deasciified, neutralized, stretched letters collapsed (with cues)
  std::string plain;   // deasciified, before neutralization
  std::string folded;  // plain, ASCII-folded
  std::string key;     // stem (or the word) that word features hash
  bool stretched = false;
  bool negation = false;        // a negation word or a verb negated with -me/-ma (config.negation)
  uint32_t id = 0;              // same id for the same `word`
  uint32_t unigram = 0;         // bucket of the word feature
  uint64_t bigram_prefix = 0;   // bigram hash state after this word and the separator
  std::vector<uint32_t> chars;  // buckets of the character n-grams, in order
};

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
};

inline uint64_t TokenHash(std::string_view s) {
  uint64_t h = Fnv(kFnvOffset, s);
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  return h;
}

// Per-thread cache of WordInfo for the last (config, resources) seen: an open-addressing table
// of (hash, index) over a deque (stable addresses). Bounded: cleared when full, only between
// texts, so pointers into it stay valid for one Extract.
class WordCache {
 public:
  void Reset(const std::string& owner) {  // also the initial state
    owner_ = owner;
    infos_.clear();
    ids_.clear();
    slots_.assign(1024, Slot{0, kEmpty});
  }
  const std::string& owner() const { return owner_; }
  size_t size() const { return infos_.size(); }

  void Prefetch(uint64_t h) const { __builtin_prefetch(&slots_[h & (slots_.size() - 1)]); }
  const WordInfo* Find(uint64_t h, std::string_view token) const {
    const size_t mask = slots_.size() - 1;
    for (size_t pos = h & mask;; pos = (pos + 1) & mask) {
      const Slot& s = slots_[pos];
      if (s.index == kEmpty) return nullptr;
      if (s.hash == h && infos_[s.index].token == token) return &infos_[s.index];
    }
  }
  const WordInfo* Insert(uint64_t h, WordInfo info) {
    if (2 * (infos_.size() + 1) > slots_.size()) Grow();
    infos_.push_back(std::move(info));
    Place(h, static_cast<uint32_t>(infos_.size() - 1));
    return &infos_.back();
  }
  uint32_t IdOf(std::string_view word) {
    auto it = ids_.find(word);
    if (it != ids_.end()) return it->second;
    const auto id = static_cast<uint32_t>(ids_.size());
    ids_.emplace(std::string(word), id);
    return id;
  }

 private:
  static constexpr uint32_t kEmpty = UINT32_MAX;
  struct Slot {
    uint64_t hash;
    uint32_t index;
  };
  void Place(uint64_t h, uint32_t index) {
    const size_t mask = slots_.size() - 1;
    size_t pos = h & mask;
    while (slots_[pos].index != kEmpty) pos = (pos + 1) & mask;
    slots_[pos] = {h, index};
  }
  void Grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.size() * 2, Slot{0, kEmpty});
    for (const Slot& s : old) {
      if (s.index != kEmpty) Place(s.hash, s.index);
    }
  }

  std::string owner_;
  std::deque<WordInfo> infos_;
  std::vector<Slot> slots_;
  std::unordered_map<std::string, uint32_t, StringHash, std::equal_to<>> ids_;
};

constexpr size_t kMaxCachedWords = 50000;  // ~15 MB per thread at most

// One cache per (config, resources) seen on this thread, up to kOwners of them (an engine whose
// models featurize differently alternates owners on every text; they must not evict each other).
constexpr size_t kOwners = 4;

WordCache& ThreadWordCache(const std::string& owner) {
  thread_local std::vector<std::unique_ptr<WordCache>> caches;
  thread_local size_t next_victim = 0;
  WordCache* cache = nullptr;
  for (auto& c : caches) {
    if (c->owner() == owner) cache = c.get();
  }
  if (!cache) {
    if (caches.size() < kOwners) {
      caches.push_back(std::make_unique<WordCache>());
      cache = caches.back().get();
    } else {
      cache = caches[next_victim++ % kOwners].get();
    }
    cache->Reset(owner);
  } else if (cache->size() > kMaxCachedWords) {
    cache->Reset(owner);
  }
  return *cache;
}

}  // namespace

uint64_t TextResources::NewId() {
  static std::atomic<uint64_t> next{1};
  return next.fetch_add(1, std::memory_order_relaxed);
}

std::string Featurizer::CacheOwner() const {
  return config_.ToJson().dump() + "#" + std::to_string(resources_ ? resources_->id : 0);
}

namespace {

// Negation in a lower-cased Turkish word: the particles, or the verb negation suffix -me/-ma
// before -di/-yor/-z/-yecek/-miş (ASCII-folded so "calismiyor" counts too).
bool IsNegation(std::string_view folded) {
  static const char* const kWords[] = {"degil",  "degildi", "degilim", "degiliz", "degildir",
                                       "yok",    "yoktu",   "yokmus",  "yoktur",  "hic",
                                       "hicbir", "asla",    "olmaz",   "olmadi",  "olmuyor"};
  for (const char* w : kWords) {
    if (folded == w) return true;
  }
  if (folded.size() < 5) return false;
  auto at = [&](size_t i) { return i < folded.size() ? folded[i] : '\0'; };
  auto vowel4 = [](char c) { return c == 'i' || c == 'u'; };  // ı i u ü folded
  for (size_t i = 2; i + 2 < folded.size(); ++i) {
    if (folded[i] != 'm') continue;
    const char v = at(i + 1);
    if (vowel4(v) && at(i + 2) == 'y' && at(i + 3) == 'o' && at(i + 4) == 'r') return true;
    if (v != 'a' && v != 'e') continue;
    const char n = at(i + 2);
    if (n == 'd' && vowel4(at(i + 3))) return true;                             // -medi / -madı
    if (n == 'z' && (i + 3 == folded.size() || at(i + 3) == 'l')) return true;  // -maz(lar)
    if (n == 'y' && (at(i + 3) == 'a' || at(i + 3) == 'e') && at(i + 4) == 'c') return true;
    if (n == 'm' && vowel4(at(i + 3)) && at(i + 4) == 's') return true;  // -mamış
  }
  return false;
}

// The same normalization as Featurizer::Words plus everything Extract derives from one word.
WordInfo MakeWordInfo(std::string_view token, text::WordKind kind, const FeatureConfig& config,
                      const TextResources* resources, WordCache& cache) {
  WordInfo info;
  info.word.assign(token);
  if (kind == text::WordKind::kWord && resources) {
    const ProtectedTerms* protect = config.neutralize ? resources->protected_terms.get() : nullptr;
    // A protected word as written wins over its deasciified form.
    std::string tag(protect ? protect->Tag(info.word) : std::string_view());
    bool changed = false;
    if (config.deasciify && resources->deasciifier && MayNeedTurkishLetters(info.word)) {
      std::string_view fixed = resources->deasciifier->Fix(info.word);
      if (fixed.data() != info.word.data()) {
        info.word = std::string(fixed);
        changed = true;
      }
    }
    info.plain = info.word;
    if (tag.empty() && protect && changed) tag = std::string(protect->Tag(info.word));
    if (!tag.empty()) info.word = tag;
  } else {
    info.plain = info.word;
  }
  const bool tag_or_number = text::IsMaskTag(info.word) || info.word == "#";
  if (config.cues && !text::IsMaskTag(info.word)) info.stretched = CollapseStretched(&info.word);
  info.folded = text::AsciifyLower(info.plain);
  info.negation = config.negation && kind == text::WordKind::kWord && IsNegation(info.folded);
  info.key = config.stem && !tag_or_number ? text::StemTr(info.word) : info.word;
  info.id = cache.IdOf(info.word);
  const uint32_t mask = (1u << config.hash_bits) - 1;
  info.unigram = Mix(Fnv(kWordSeed, info.key)) & mask;
  info.bigram_prefix = Fnv(Fnv(kBigramSeed, info.key), " ");
  if (config.char_max < 1 || tag_or_number) return info;
  std::string padded = "<";
  padded.append(config.char_from_word ? info.word : info.key);
  padded.push_back('>');
  std::vector<size_t> cp;
  for (size_t i = 0; i < padded.size(); ++i) {
    if ((static_cast<unsigned char>(padded[i]) & 0xC0) != 0x80) cp.push_back(i);
  }
  cp.push_back(padded.size());
  const size_t n_cp = cp.size() - 1;
  for (size_t s = 0; s < n_cp; ++s) {
    // Hash grows one code point at a time: every n-gram starting at s shares the prefix.
    uint64_t h =
        Fnv(kCharSeed, std::string_view(padded.data() + cp[s],
                                        cp[std::min(n_cp, s + config.char_min - 1)] - cp[s]));
    for (int n = config.char_min; n <= config.char_max && s + n <= n_cp; ++n) {
      h = Fnv(h, std::string_view(padded.data() + cp[s + n - 1], cp[s + n] - cp[s + n - 1]));
      info.chars.push_back(Mix(h ^ static_cast<uint64_t>(n)) & mask);
    }
  }
  return info;
}

}  // namespace

void Featurizer::Extract(std::string_view text, RawFeatures* raw, bool with_attribution) const {
  raw->terms.clear();
  raw->occurrences.clear();
  WordCache& cache = ThreadWordCache(cache_owner_);
  // Tokens first (copied into one buffer), then their cache slots prefetched together, then
  // looked up: the lookups are cache misses, so overlapping them pays.
  thread_local std::string token_chars;
  struct Token {
    uint32_t begin, size;
    text::WordKind kind;
    uint64_t hash;
  };
  thread_local std::vector<Token> tokens;
  token_chars.clear();
  tokens.clear();
  text::ForEachWordToken(text, [&](std::string_view token, text::WordKind kind) {
    tokens.push_back({static_cast<uint32_t>(token_chars.size()),
                      static_cast<uint32_t>(token.size()), kind, TokenHash(token)});
    token_chars.append(token);
    cache.Prefetch(tokens.back().hash);
  });
  thread_local std::vector<const WordInfo*> infos;
  infos.clear();
  for (const Token& t : tokens) {
    const std::string_view token(token_chars.data() + t.begin, t.size);
    const WordInfo* info = cache.Find(t.hash, token);
    if (!info) {
      WordInfo made = MakeWordInfo(token, t.kind, config_, resources_.get(), cache);
      made.token.assign(token);
      info = cache.Insert(t.hash, std::move(made));
    }
    __builtin_prefetch(info->chars.data());
    infos.push_back(info);
  }
  const size_t n_words = infos.size();
  raw->words.resize(n_words);
  raw->plain_words.resize(n_words);
  raw->folded_words.resize(n_words);
  raw->word_ids.resize(n_words);
  bool stretched = false;
  for (size_t w = 0; w < n_words; ++w) {
    const WordInfo& info = *infos[w];
    raw->words[w] = info.word;
    raw->plain_words[w] = info.plain;
    raw->folded_words[w] = info.folded;
    raw->word_ids[w] = info.id;
    stretched = stretched || info.stretched;
  }
  const size_t cue_start = n_words;
  if (config_.cues) {
    thread_local std::vector<std::string> cues;
    cues.clear();
    ToneCues(text, &cues);
    if (stretched) cues.emplace_back("[UZATMA]");
    if (config_.negation) {
      for (const WordInfo* info : infos) {
        if (info->negation) cues.emplace_back("[OLUMSUZ]");
      }
    }
    for (auto& c : cues) {
      raw->word_ids.push_back(cache.IdOf(c));
      raw->words.push_back(std::move(c));
    }
  }
  const auto& words = raw->words;
  const uint32_t mask = dimension() - 1;
  // Open-addressing table (bucket, space) → term index, sized for this text's worst case.
  size_t expect = words.size() - n_words;
  for (const WordInfo* info : infos) expect += 3 + info->chars.size();
  size_t cap = 64;
  while (cap < 2 * expect) cap <<= 1;
  thread_local std::vector<int32_t> slots;
  slots.assign(cap, -1);
  const size_t cap_mask = cap - 1;
  auto add = [&](uint32_t bucket, uint8_t space, uint16_t word, float share) {
    const uint32_t key = (bucket << 1) | space;
    size_t pos = (key * 0x9E3779B1u) & cap_mask;
    while (true) {
      const int32_t t = slots[pos];
      if (t < 0) {
        slots[pos] = static_cast<int32_t>(raw->terms.size());
        raw->terms.push_back({bucket, space, share});
        if (with_attribution) {
          raw->occurrences.push_back({static_cast<uint32_t>(raw->terms.size() - 1), word, share});
        }
        return;
      }
      auto& term = raw->terms[static_cast<size_t>(t)];
      if (term.bucket == bucket && term.space == space) {
        term.tf += share;
        if (with_attribution) raw->occurrences.push_back({static_cast<uint32_t>(t), word, share});
        return;
      }
      pos = (pos + 1) & cap_mask;
    }
  };
  for (size_t w = 0; w < words.size(); ++w) {
    const auto wi = static_cast<uint16_t>(std::min<size_t>(w, UINT16_MAX));
    if (w >= cue_start) {  // cues are tags: one word feature each
      add(Mix(Fnv(kWordSeed, words[w])) & mask, 0, wi, 1.0f);
      continue;
    }
    const WordInfo& info = *infos[w];
    add(info.unigram, 0, wi, 1.0f);
    if (config_.word_bigrams && w + 1 < cue_start) {
      const uint32_t b = Mix(Fnv(info.bigram_prefix, infos[w + 1]->key)) & mask;
      add(b, 0, wi, 0.5f);
      add(b, 0, static_cast<uint16_t>(std::min<size_t>(w + 1, UINT16_MAX)), 0.5f);
    }
    for (uint32_t b : info.chars) add(b, 1, wi, 1.0f);
  }
}

namespace {

// 1 + ln tf. Term frequencies are multiples of 0.5 (bigram shares), so small ones come from a
// table computed with the same std::log.
float SublinearTf(float tf) {
  static const auto kTable = [] {
    std::array<float, 64> t{};
    for (size_t i = 0; i < t.size(); ++i) {
      t[i] = i == 0 ? 0.0f : 1.0f + std::log(static_cast<float>(i) * 0.5f);
    }
    return t;
  }();
  const float twice = tf * 2.0f;
  const auto i = static_cast<size_t>(twice);
  if (i < kTable.size() && static_cast<float>(i) == twice) return kTable[i];
  return 1.0f + std::log(tf);
}

}  // namespace

void Featurizer::Weight(const RawFeatures& raw, FeatureVector* out, bool with_attribution) const {
  out->index.clear();
  out->value.clear();
  out->attribution.clear();
  out->attribution_end.clear();
  const size_t n = raw.terms.size();
  out->index.resize(n);
  out->value.resize(n);
  double norm2[2] = {0, 0};
  constexpr size_t kAhead = 8;  // IDF reads are random: prefetch a few terms ahead
  for (size_t e = 0; e < n; ++e) {
    if (e + kAhead < n && !q_idf_.empty())
      __builtin_prefetch(&q_idf_[raw.terms[e + kAhead].bucket]);
    const auto& t = raw.terms[e];
    float v = t.tf <= 1.0f ? 1.0f : SublinearTf(t.tf);
    if (!q_idf_.empty()) {
      v *= idf_min_ + idf_step_ * static_cast<float>(q_idf_[t.bucket]);
    } else if (!idf_.empty()) {
      v *= idf_[t.bucket];
    }
    out->index[e] = t.bucket;
    out->value[e] = v;
    norm2[t.space] += static_cast<double>(v) * v;
  }
  const float scale[2] = {
      norm2[0] > 0 ? config_.word_weight / static_cast<float>(std::sqrt(norm2[0])) : 0.0f,
      norm2[1] > 0 ? config_.char_weight / static_cast<float>(std::sqrt(norm2[1])) : 0.0f};
  for (size_t e = 0; e < n; ++e) out->value[e] *= scale[raw.terms[e].space];
  if (!with_attribution) return;
  out->words = raw.words;
  out->word_ids = raw.word_ids;
  // Group occurrences by term (counting sort) so each entry's attribution is contiguous.
  out->attribution_end.assign(n, 0);
  for (const auto& o : raw.occurrences) ++out->attribution_end[o.term];
  uint32_t run = 0;
  for (size_t e = 0; e < n; ++e) {
    run += out->attribution_end[e];
    out->attribution_end[e] = run;
  }
  out->attribution.resize(raw.occurrences.size());
  thread_local std::vector<uint32_t> fill;
  fill.resize(n);
  for (size_t e = 0; e < n; ++e) fill[e] = e == 0 ? 0 : out->attribution_end[e - 1];
  for (const auto& o : raw.occurrences) {
    const float v = out->value[o.term] * o.share / raw.terms[o.term].tf;
    out->attribution[fill[o.term]++] = {o.word, v};
  }
}

void Featurizer::Featurize(std::string_view text, FeatureVector* out, bool with_attribution) const {
  thread_local RawFeatures raw;
  Extract(text, &raw, with_attribution);
  Weight(raw, out, with_attribution);
  if (!with_attribution) out->words = std::move(raw.words);
}

bool Featurizer::SameWeighting(const Featurizer& o) const {
  return config_.ToJson() == o.config_.ToJson() && idf_ == o.idf_ && q_idf_ == o.q_idf_ &&
         idf_min_ == o.idf_min_ && idf_step_ == o.idf_step_;
}

void SortedMerged(const FeatureVector& fv, std::vector<std::pair<uint32_t, float>>* out) {
  out->clear();
  for (size_t i = 0; i < fv.index.size(); ++i) out->emplace_back(fv.index[i], fv.value[i]);
  std::sort(out->begin(), out->end());
  size_t w = 0;
  for (size_t r = 0; r < out->size(); ++r) {
    if (w > 0 && (*out)[w - 1].first == (*out)[r].first) {
      (*out)[w - 1].second += (*out)[r].second;
    } else {
      (*out)[w++] = (*out)[r];
    }
  }
  out->resize(w);
}

std::vector<float> Featurizer::ComputeIdf(const Featurizer& base,
                                          const std::vector<std::string>& texts) {
  std::vector<uint32_t> df(base.dimension(), 0);
  FeatureVector fv;
  std::vector<std::pair<uint32_t, float>> merged;
  for (const std::string& t : texts) {
    base.Featurize(t, &fv);
    SortedMerged(fv, &merged);
    for (const auto& [b, v] : merged) ++df[b];
  }
  std::vector<float> idf(base.dimension());
  const double n = static_cast<double>(texts.size());
  for (size_t i = 0; i < idf.size(); ++i) {
    idf[i] = static_cast<float>(std::log((1.0 + n) / (1.0 + df[i])) + 1.0);
  }
  return idf;
}

}  // namespace kapi::triage
