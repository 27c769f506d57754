#pragma once
// Masking of detected entities. Three modes:
//   kTag        every entity becomes its tag: "[TCKN]", "[TELEFON]", "[AD_SOYAD]" …
//   kPartial    keeps what an officer needs and stars the rest, keeping the layout:
//               "0532 *** ** 67", "**.**.1985", "A. Y.", "*** Kadıköy/İstanbul"
//   kPseudonym  "[TELEFON_4be1c09d2f7a]": the same value gives the same token under the same key
//               and scope (keyed HMAC-SHA256, 48 bits shown), so analytics can count and join
//               without seeing the value. Values are normalised first ("0532 123 45 67" and
//               "+905321234567" are one phone; case and Turkish letters do not split names).
// Offsets of the originals are kept, and each entity's place in the masked text is given, both in
// code points, so pages can highlight either text.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "privacy/entity.h"

namespace kapi::privacy {

enum class MaskMode { kTag, kPartial, kPseudonym };
std::optional<MaskMode> ParseMaskMode(std::string_view name);  // "tag", "partial", "pseudonym"

// The secret behind pseudonyms. `scope` separates key domains (an institution, a data set): the
// same value gets unrelated tokens in different scopes. Immutable; thread-safe.
class PseudonymKey {
 public:
  static constexpr size_t kKeySize = 32;
  static Result<PseudonymKey> FromKey(std::string key, std::string scope);
  // Loads or creates (mode 0600) the key file at `path` (privacy/key_file.h).
  static Result<PseudonymKey> FromKeyFile(const std::string& path, std::string scope);

  // 12 lower-case hex characters of HMAC-SHA256(key, scope ‖ 0 ‖ type ‖ 0 ‖ normalised value).
  std::string Token(EntityType type, std::string_view value) const;

 private:
  PseudonymKey(std::string key, std::string scope)
      : key_(std::move(key)), scope_(std::move(scope)) {}
  std::string key_;
  std::string scope_;
};

// The canonical form of a value for pseudonyms (digits only for numbers, national number for
// phones, upper-case IBAN/plate/passport, folded words for names and addresses).
std::string NormalizeForPseudonym(EntityType type, std::string_view value);

struct MaskedEntity {
  Entity entity;            // offsets in the original text
  size_t masked_start = 0;  // code points in MaskResult::masked
  size_t masked_end = 0;
  std::string replacement;  // what replaced it
};

struct MaskResult {
  std::string masked;
  std::vector<MaskedEntity> entities;
};

// Replaces each entity of `text` (sorted, non-overlapping, byte offsets within `text`, as
// Detector::Scan returns them). kPseudonym needs `key`. InvalidArgument on entities that do not
// fit the text or overlap, or on a missing key.
Result<MaskResult> Mask(std::string_view text, const std::vector<Entity>& entities, MaskMode mode,
                        const PseudonymKey* key);

}  // namespace kapi::privacy
