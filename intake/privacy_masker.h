#pragma once
// The intake pipeline's TextMasker backed by the privacy engine (privacy/pii_masker.h): tag mode,
// so staff and models see "[TELEFON]", "[AD_SOYAD]"… with the original offsets kept for
// highlighting. Fails closed: if the engine refuses a text, the whole text is withheld.

#include <memory>

#include "intake/pipeline.h"
#include "privacy/pii_masker.h"

namespace kapi::intake {

class PrivacyMasker final : public TextMasker {
 public:
  explicit PrivacyMasker(std::shared_ptr<const privacy::PiiMasker> engine)
      : engine_(std::move(engine)) {}
  MaskOutput Mask(std::string_view text) const override;
  std::string Version() const override { return engine_->Version(); }

  // What stands in for a text the engine could not process.
  static constexpr std::string_view kWithheld = "[METİN MASKELENEMEDİ]";

 private:
  std::shared_ptr<const privacy::PiiMasker> engine_;
};

}  // namespace kapi::intake
