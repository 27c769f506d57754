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
    TokenView view;
    view.Build(s, *lexicon_, spans);
    if (types & Bit(EntityType::kAddress)) FindAddresses(view, &spans);
    if (types & Bit(EntityType::kPerson)) FindPersons(view, *lexicon_, &spans);
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
