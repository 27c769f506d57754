#include "privacy/pii_masker.h"

#include "text/utf8.h"

namespace kapi::privacy {

Result<std::unique_ptr<PiiMasker>> PiiMasker::Create(std::shared_ptr<const Detector> detector,
                                                     MaskMode mode,
                                                     std::optional<PseudonymKey> key) {
  if (detector == nullptr) return InvalidArgument("PiiMasker needs a detector");
  if (mode == MaskMode::kPseudonym && !key.has_value()) {
    return InvalidArgument("pseudonym masking needs a key", "key");
  }
  return std::unique_ptr<PiiMasker>(new PiiMasker(std::move(detector), mode, std::move(key)));
}

Result<MaskResult> PiiMasker::Run(std::string_view text) const {
  if (!text::IsValidUtf8(text)) {
    return InvalidArgument("metin geçerli UTF-8 değil (text is not valid UTF-8)", "text")
        .WithReason("invalid_utf8");
  }
  return Mask(text, detector_->Scan(text), mode_, key_ ? &*key_ : nullptr);
}

std::string PiiMasker::Version() const {
  static constexpr const char* kModes[] = {"tag", "partial", "pseudonym"};
  return std::string("kapi-privacy/1 ") + kModes[static_cast<int>(mode_)];
}

}  // namespace kapi::privacy
