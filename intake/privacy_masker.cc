#include "intake/privacy_masker.h"

namespace kapi::intake {

MaskOutput PrivacyMasker::Mask(std::string_view text) const {
  auto r = engine_->Run(text);
  if (!r.ok()) return {std::string(kWithheld), {}};
  MaskOutput out;
  out.masked_text = std::move(r->masked);
  out.spans.reserve(r->entities.size());
  for (const auto& e : r->entities) {
    out.spans.push_back(
        {std::string(privacy::EntityTypeName(e.entity.type)), e.entity.start, e.entity.end});
  }
  return out;
}

}  // namespace kapi::intake
