#pragma once
// The personal_data rule's source backed by the privacy engine: every entity the detector finds
// becomes a span (kind = the engine's type name in lower case). Thread-safe (the detector is).

#include <memory>

#include "policy/personal_data_source.h"
#include "privacy/detector.h"

namespace kapi::policy {

std::shared_ptr<const PersonalDataSource> MakePrivacySource(
    std::shared_ptr<const privacy::Detector> detector);

}  // namespace kapi::policy
