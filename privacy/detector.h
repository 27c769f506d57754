#pragma once
// The personal-data detector: one object built once from the gazetteers, then shared by every
// thread that scans. Scan finds TCKN, YKN, VKN, IBAN, CARD, PHONE, EMAIL, IP, PASSPORT, PLATE,
// BIRTHDATE (structured_scanner.h), ADDRESS (address_finder.h) and PERSON (person_finder.h) in
// one pass over the bytes plus one pass over the words, and returns non-overlapping entities
// sorted by start, with exact code-point and byte offsets into the input.
//
// Thread-safety: Scan is const and touches no shared mutable state; a Detector may be used from
// any number of threads at once after construction.
//
//   auto detector = privacy::LoadDetector(privacy::DefaultResourcesDir());
//   std::vector<privacy::Entity> found = (*detector)->Scan(text);
//   auto masked = privacy::Mask(text, found, privacy::MaskMode::kTag, nullptr);

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "privacy/entity.h"
#include "privacy/lexicon.h"
#include "privacy/structured_scanner.h"

namespace kapi::privacy {

// A set of entity types, bit i = EntityType i.
using TypeSet = uint32_t;
inline constexpr TypeSet kAllTypes = (1u << kEntityTypeCount) - 1;
inline constexpr TypeSet Bit(EntityType t) { return 1u << static_cast<int>(t); }
inline constexpr TypeSet kStructuredTypes =
    kAllTypes & ~Bit(EntityType::kAddress) & ~Bit(EntityType::kPerson);
// Parses "TCKN,PHONE,PERSON" (empty → all). Unknown names are an error.
Result<TypeSet> ParseTypeSet(std::string_view csv);

class Detector {
 public:
  explicit Detector(std::unique_ptr<Lexicon> lexicon);

  // All entity types. `utf8` should be valid UTF-8 (validate with text::IsValidUtf8 first);
  // other bytes never crash the scan and offsets stay within the input, but spans may then be
  // meaningless.
  std::vector<Entity> Scan(std::string_view utf8) const { return Scan(utf8, kAllTypes); }
  // Only the types in `types`; skipping ADDRESS and PERSON skips the word pass entirely.
  std::vector<Entity> Scan(std::string_view utf8, TypeSet types) const;

  const Lexicon& lexicon() const { return *lexicon_; }

 private:
  std::unique_ptr<Lexicon> lexicon_;
  StructuredScanner structured_;
};

// Loads the gazetteers from `resources_dir` (the generated files in privacy/resources).
Result<std::unique_ptr<Detector>> LoadDetector(const std::string& resources_dir);

// $KAPI_PRIVACY_RESOURCES when set, else the privacy/resources folder of the source tree the
// binary was built from.
std::string DefaultResourcesDir();

// Converts byte offsets of `spans`-like entities to code points in place (exposed for tests).
void FillCodePointOffsets(std::string_view utf8, std::vector<Entity>* entities);

}  // namespace kapi::privacy
