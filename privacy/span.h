#pragma once
// Internal: a detector hit in byte offsets, before code-point offsets are computed.

#include <cstdint>

#include "privacy/entity.h"

namespace kapi::privacy {

struct Span {
  EntityType type;
  uint32_t begin;  // bytes, half-open
  uint32_t end;
  uint32_t locality;  // ADDRESS: start of the il/ilçe tail (== end if none); else == end
};

}  // namespace kapi::privacy
