#include "privacy/detector.h"

#include <algorithm>
#include <cstdlib>

#include "privacy/address_finder.h"
#include "privacy/person_finder.h"
#include "privacy/token_view.h"

#ifndef KAPI_PRIVACY_RESOURCES_DIR
#define KAPI_PRIVACY_RESOURCES_DIR "privacy/resources"
#endif

namespace kapi::privacy {
namespace {

int Rank(EntityType t) {
  if (t == EntityType::kPerson) return 0;
  if (t == EntityType::kAddress) return 1;
  return 2;
}

// Keeps a non-overlapping subset: on overlap the structured hit beats ADDRESS beats PERSON, and
// within a rank the longer span wins.
void Resolve(std::vector<Span>* spans) {
  std::sort(spans->begin(), spans->end(), [](const Span& a, const Span& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
  });
  std::vector<Span> kept;
  kept.reserve(spans->size());
  for (const Span& sp : *spans) {
    if (sp.end <= sp.begin) continue;
    bool add = true;
    while (!kept.empty() && kept.back().end > sp.begin) {
      const Span& prev = kept.back();
      int rp = Rank(prev.type);
      int rs = Rank(sp.type);
      bool better = rs > rp || (rs == rp && sp.end - sp.begin > prev.end - prev.begin);
      if (better) {
        kept.pop_back();
      } else {
        add = false;
        break;
      }
    }
    if (add) kept.push_back(sp);
  }
  spans->swap(kept);
}

constexpr size_t kWindow = 32 << 10;

// End of the word-pass window starting at b: the last newline, else the last ". ", else the last
// space in the final quarter of a kWindow-sized stretch; the whole rest when it is short.
size_t WindowEnd(std::string_view s, size_t b) {
  if (s.size() - b <= kWindow + kWindow / 2) return s.size();
  size_t limit = b + kWindow;
  size_t floor = limit - kWindow / 4;
  size_t nl = s.rfind('\n', limit);
  if (nl != std::string_view::npos && nl >= floor) return nl + 1;
  size_t dot = s.rfind(". ", limit);
  if (dot != std::string_view::npos && dot >= floor) return dot + 2;
  size_t sp = s.rfind(' ', limit);
  if (sp != std::string_view::npos && sp >= floor) return sp + 1;
  // No break at all: cut at a code-point boundary.
  while (limit > b && (static_cast<unsigned char>(s[limit]) & 0xC0) == 0x80) --limit;
  return limit > b ? limit : s.size();
}

}  // namespace

Result<TypeSet> ParseTypeSet(std::string_view csv) {
  if (csv.empty()) return kAllTypes;
  TypeSet set = 0;
  size_t pos = 0;
  while (pos <= csv.size()) {
    size_t comma = csv.find(',', pos);
    if (comma == std::string_view::npos) comma = csv.size();
    std::string_view name = csv.substr(pos, comma - pos);
    if (!name.empty()) {
      auto t = ParseEntityType(name);
      if (!t) return InvalidArgument("unknown entity type: " + std::string(name), "types");
      set |= Bit(*t);
    }
    pos = comma + 1;
  }
  return set;
}

Detector::Detector(std::unique_ptr<Lexicon> lexicon)
    : lexicon_(std::move(lexicon)), structured_(lexicon_.get()) {}

std::vector<Entity> Detector::Scan(std::string_view s, TypeSet types) const {
  std::vector<Span> spans;
  if (s.size() >= (1ull << 32) - 1) s = s.substr(0, (1ull << 32) - 2);  // 32-bit token offsets
  structured_.Scan(s, &spans);
  if (types & (Bit(EntityType::kAddress) | Bit(EntityType::kPerson))) {
    // The word pass runs over windows of about kWindow bytes cut at a line break or sentence end,
    // so its token arrays stay in cache and long texts cost linear time.
    const size_t structured_count = spans.size();
    std::vector<Span> local_structured;
    std::vector<Span> found;
    TokenView view;
    size_t b = 0;
    size_t first = 0;  // structured spans are sorted: skip those that ended before the window
    while (b < s.size()) {
      size_t e = WindowEnd(s, b);
      std::string_view window = s.substr(b, e - b);
      local_structured.clear();
      while (first < structured_count && spans[first].end <= b) ++first;
      for (size_t i = first; i < structured_count && spans[i].begin < e; ++i) {
        const Span& sp = spans[i];
        uint32_t lb = sp.begin > b ? static_cast<uint32_t>(sp.begin - b) : 0;
        uint32_t le = static_cast<uint32_t>(std::min<size_t>(sp.end, e) - b);
        local_structured.push_back({sp.type, lb, le, le});
      }
      view.Build(window, *lexicon_, local_structured);
      found.clear();
      if (types & Bit(EntityType::kAddress)) FindAddresses(view, &found);
      if (types & Bit(EntityType::kPerson)) FindPersons(view, *lexicon_, &found);
      for (Span sp : found) {
        sp.begin += static_cast<uint32_t>(b);
        sp.end += static_cast<uint32_t>(b);
        sp.locality += static_cast<uint32_t>(b);
        spans.push_back(sp);
      }
      b = e;
    }
  }
  Resolve(&spans);
  std::vector<Entity> out;
  out.reserve(spans.size());
  for (const Span& sp : spans) {
    if ((types & Bit(sp.type)) == 0) continue;
    Entity e;
    e.type = sp.type;
    e.byte_start = sp.begin;
    e.byte_end = sp.end;
    e.byte_locality = std::clamp<size_t>(sp.locality, sp.begin, sp.end);
    out.push_back(e);
  }
  FillCodePointOffsets(s, &out);
  return out;
}

void FillCodePointOffsets(std::string_view s, std::vector<Entity>* entities) {
  // Entities are sorted and non-overlapping: one forward walk counts code points (every byte
  // that is not a UTF-8 continuation byte starts one).
  size_t pos = 0;
  size_t cps = 0;
  auto advance = [&](size_t to) {
    to = std::min(to, s.size());
    for (; pos < to; ++pos) cps += (static_cast<unsigned char>(s[pos]) & 0xC0) != 0x80;
    return cps;
  };
  for (Entity& e : *entities) {
    e.start = advance(e.byte_start);
    e.end = advance(e.byte_end);
  }
}

Result<std::unique_ptr<Detector>> LoadDetector(const std::string& resources_dir) {
  auto lex = Lexicon::Load(resources_dir);
  if (!lex.ok()) return lex.status();
  return std::make_unique<Detector>(std::move(*lex));
}

std::string DefaultResourcesDir() {
  const char* env = std::getenv("KAPI_PRIVACY_RESOURCES");
  if (env != nullptr && *env != '\0') return env;
  return KAPI_PRIVACY_RESOURCES_DIR;
}

}  // namespace kapi::privacy
