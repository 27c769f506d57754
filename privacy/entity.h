#pragma once
// The personal-data entity types the detector finds and the span it reports for each. Offsets are
// given twice: in Unicode code points (what users, pages and the JSONL contract see) and in bytes
// of the UTF-8 input (what code slicing the string needs). Spans are half-open [start, end).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace kapi::privacy {

enum class EntityType : uint8_t {
  kTckn,  // T.C. kimlik no
  kYkn,   // yabancı kimlik no (starts with 99)
  kVkn,   // vergi kimlik no (needs a context word)
  kIban,
  kCard,   // payment card (Luhn)
  kPhone,  // Turkish mobile or landline
  kEmail,
  kIp,         // IPv4 or IPv6
  kPassport,   // needs a context word
  kPlate,      // vehicle plate
  kBirthdate,  // a date the context says is a birth date
  kAddress,
  kPerson,
};
inline constexpr int kEntityTypeCount = 13;

// Contract names used in JSON ("TCKN", "PHONE", "PERSON", ...).
std::string_view EntityTypeName(EntityType type);
std::optional<EntityType> ParseEntityType(std::string_view name);
// The Turkish tag used by the tag and pseudonym masks ("TCKN", "TELEFON", "AD_SOYAD", ...).
std::string_view EntityTag(EntityType type);

struct Entity {
  EntityType type = EntityType::kTckn;
  size_t start = 0;  // code points
  size_t end = 0;
  size_t byte_start = 0;  // bytes in the scanned UTF-8
  size_t byte_end = 0;
  // ADDRESS only: byte offset where the trailing il/ilçe/postcode part starts (== byte_end when
  // there is none). Partial masking keeps that part visible.
  size_t byte_locality = 0;

  friend bool operator==(const Entity&, const Entity&) = default;
};

}  // namespace kapi::privacy
