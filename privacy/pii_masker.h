#pragma once
// The one-call engine the intake pipeline uses: validate → scan → mask. Holds a shared Detector,
// the masking mode and (for pseudonyms) the key. Immutable after construction; thread-safe.
//
// Wiring (cli/app_services.cc), through a small adapter implementing intake::TextMasker:
//   auto detector = privacy::LoadDetector(privacy::DefaultResourcesDir());
//   auto masker = std::make_shared<privacy::PiiMasker>(std::move(*detector),
//                                                      privacy::MaskMode::kTag, std::nullopt);
//   // TextMasker::Mask(text): auto r = masker->Run(text); map r->entities to MaskedSpan.

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"
#include "privacy/detector.h"
#include "privacy/masker.h"

namespace kapi::privacy {

class PiiMasker {
 public:
  // `key` is required for MaskMode::kPseudonym.
  static Result<std::unique_ptr<PiiMasker>> Create(std::shared_ptr<const Detector> detector,
                                                   MaskMode mode, std::optional<PseudonymKey> key);

  // InvalidArgument (reason "invalid_utf8") when `text` is not valid UTF-8; otherwise the masked
  // text with every entity's original and masked code-point offsets.
  Result<MaskResult> Run(std::string_view text) const;

  // Engine identity recorded with each case ("kapi-privacy/1 tag").
  std::string Version() const;

  const Detector& detector() const { return *detector_; }

 private:
  PiiMasker(std::shared_ptr<const Detector> detector, MaskMode mode,
            std::optional<PseudonymKey> key)
      : detector_(std::move(detector)), mode_(mode), key_(std::move(key)) {}

  std::shared_ptr<const Detector> detector_;
  MaskMode mode_;
  std::optional<PseudonymKey> key_;
};

}  // namespace kapi::privacy
