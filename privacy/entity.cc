#include "privacy/entity.h"

#include <array>

namespace kapi::privacy {
namespace {
constexpr std::array<std::string_view, kEntityTypeCount> kNames = {
    "TCKN", "YKN",      "VKN",   "IBAN",      "CARD",    "PHONE", "EMAIL",
    "IP",   "PASSPORT", "PLATE", "BIRTHDATE", "ADDRESS", "PERSON"};
constexpr std::array<std::string_view, kEntityTypeCount> kTags = {
    "TCKN", "YKN",      "VKN",   "IBAN",         "KART",  "TELEFON", "E_POSTA",
    "IP",   "PASAPORT", "PLAKA", "DOGUM_TARIHI", "ADRES", "AD_SOYAD"};
}  // namespace

std::string_view EntityTypeName(EntityType type) { return kNames[static_cast<size_t>(type)]; }

std::string_view EntityTag(EntityType type) { return kTags[static_cast<size_t>(type)]; }

std::optional<EntityType> ParseEntityType(std::string_view name) {
  for (size_t i = 0; i < kNames.size(); ++i) {
    if (kNames[i] == name) return static_cast<EntityType>(i);
  }
  return std::nullopt;
}

}  // namespace kapi::privacy
